"""The one place that writes files: only inside an output folder, only when bytes change.

A write that fails (a full disk, a read-only folder) raises ``OSError`` naming the file it
was writing, never its temporary copy, and leaves that file as it was.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Protocol

from generator.core.outputs import BLOCK, Chunks, Content, Packed, as_bytes, byte_pieces
from generator.core.progress import progress


def content_hasher(data: bytes = b"") -> hashlib.blake2b:
    """A hash to feed a file's bytes piece by piece; every digest of file contents is one."""
    return hashlib.blake2b(data, digest_size=16)


class DigestMemory(Protocol):
    """What remembers the digests of files, so that an unchanged output is not read again.

    The build's ``fingerprint.FileDigests`` is one; a write without it compares bytes.
    """

    def digest(self, path: Path) -> str:
        """The hex digest of the file's bytes."""
        ...

    def of(self, data: bytes) -> str:
        """The hex digest of ``data``."""
        ...

    def known(self, path: Path) -> str | None:
        """The stored digest of the file if it is as the last build left it, without reading it."""
        ...

    def remember(self, path: Path, digest: str) -> None:
        """Keep the digest of bytes just written to ``path``."""
        ...

    def trust(self, path: Path) -> None:
        """Store the digest just taken of an output that already holds what is written."""
        ...


def write_tree(
    folder: Path,
    files: Mapping[str, Content],
    quiet: bool = True,
    digests: DigestMemory | None = None,
    leave: Collection[str] = frozenset(),
) -> int:
    """Write ``files`` (relative path -> content) under ``folder``; return how many changed.

    Each file's content is read from ``files`` just before it is written, so a mapping that
    makes its values when read never holds them all. A terminal shows progress unless ``quiet``.
    With the ``digests`` of what the last build wrote, a file whose size and modification time
    are as it left them is compared by digest, without being read. The paths in ``leave`` are
    not written (they are written later).
    """
    checked: dict[Path, Path] = {}
    changed = 0
    paths = sorted(path for path in files if path not in leave)
    for relative in progress(paths, len(paths), quiet, "writing"):
        content = files[relative]
        data = content.encode("utf-8") if isinstance(content, str) else content
        if _write(folder, relative, data, checked, digests):
            changed += 1
    return changed


def write_file(folder: Path, relative: str, data: bytes) -> bool:
    """Write one file under ``folder`` unless it already holds ``data``; refuse to leave it."""
    return _write(folder, relative, data, {})


def _write(
    folder: Path,
    relative: str,
    data: bytes | Chunks,
    checked: dict[Path, Path],
    digests: DigestMemory | None = None,
) -> bool:
    """Write one file; ``checked`` remembers folders already resolved and made.

    Each folder is resolved once, not each file: a build writes 100,000 files into a few.
    """
    target = folder / relative
    parent = checked.get(target.parent)
    if parent is None:
        base = checked.get(folder) or folder.resolve()
        checked[folder] = base
        parent = target.parent.resolve()
        if not parent.is_relative_to(base) or target.name in ("", ".", ".."):
            raise ValueError(f"refusing to write outside {folder}: {relative}")
        parent.mkdir(parents=True, exist_ok=True)
        checked[target.parent] = parent
    target = parent / target.name
    if target.is_symlink() and not target.resolve().is_relative_to(checked[folder]):
        raise ValueError(f"refusing to write outside {folder}: {relative}")
    if isinstance(data, Packed) and digests is not None:
        # Compared by digest before it is written, so that an unchanged file is not rewritten;
        # unpacked twice when it changed, never held whole.
        old = _digest_of(target, digests)
        if old is not None and old == _digest_of_pieces(data):
            digests.trust(target)
            return False
    if isinstance(data, Chunks):
        with _aside(target) as temporary:
            known = _known_digest(target, digests)
            same, digest = _write_chunks(temporary, target, data, known)
            if not same:
                _replace(temporary, target)
        if digests is not None:
            digests.remember(target, digest)
        return not same
    if digests is None:
        if _holds(target, data):
            return False
        digest = ""
    else:
        digest = digests.of(data)
        if _digest_of(target, digests) == digest:
            digests.trust(target)
            return False
    with _aside(target) as temporary:
        _put(temporary, target, data)
        _replace(temporary, target)
    if digests is not None:
        digests.remember(target, digest)
    return True


def _put(temporary: Path, target: Path, data: bytes) -> None:
    """Write ``data`` into ``temporary``, the copy that will replace ``target``."""
    try:
        temporary.write_bytes(data)
    except OSError as error:
        raise _naming(error, target) from error


def _replace(temporary: Path, target: Path) -> None:
    """Put ``temporary`` in the place of ``target`` in one rename."""
    try:
        os.replace(temporary, target)
    except OSError as error:
        raise _naming(error, target) from error


def _naming(error: OSError, target: Path) -> OSError:
    """The same error about ``target``: a reader is told the file, not its temporary copy."""
    return OSError(error.errno, error.strerror or str(error), str(target))


@contextmanager
def _aside(target: Path) -> Iterator[Path]:
    """A temporary file beside ``target``, removed if what writes it fails.

    Written aside, then renamed: a reader (the live preview's MkDocs) never sees half a file.
    """
    temporary = target.with_name(f".{target.name}.tmp")
    try:
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)


def _digest_of(path: Path, digests: DigestMemory) -> str | None:
    """The digest of the file's bytes (read only if it changed since stored), or None."""
    try:
        return digests.digest(path)
    except OSError:
        return None


def _digest_of_pieces(data: Chunks) -> str:
    """The digest of bytes made piece by piece, never held whole."""
    hasher = content_hasher()
    for piece in byte_pieces(data):
        hasher.update(piece)
    return hasher.hexdigest()


def _known_digest(path: Path, digests: DigestMemory | None) -> str | None:
    """The digest stored for the file if it is as the last build left it, else None."""
    if digests is None:
        return None
    try:
        return digests.known(path)
    except OSError:
        return None


def _write_chunks(
    temporary: Path, target: Path, chunks: Chunks, known: str | None = None
) -> tuple[bool, str]:
    """Write ``chunks`` to ``temporary``, comparing them with ``target`` on the way.

    Returns whether ``target`` already held them, and the digest of their bytes. With the
    ``known`` digest of ``target``, the digests are compared and ``target`` is not read.
    """
    digest = content_hasher()
    try:
        with ExitStack() as stack:
            out = stack.enter_context(open(temporary, "wb"))
            if known is not None:
                for chunk in chunks:
                    data = as_bytes(chunk)
                    out.write(data)
                    digest.update(data)
                return digest.hexdigest() == known, digest.hexdigest()
            try:
                old = stack.enter_context(open(target, "rb"))
            except OSError:
                old = None
            same = old is not None
            for chunk in chunks:
                data = as_bytes(chunk)
                out.write(data)
                digest.update(data)
                same = same and old is not None and old.read(len(data)) == data
            same = same and old is not None and not old.read(1)
    except OSError as error:
        raise _naming(error, target) from error
    return same, digest.hexdigest()


def _holds(path: Path, data: bytes, block: int = BLOCK) -> bool:
    """True when the file holds exactly ``data`` (read in blocks: a big file is not held twice)."""
    try:
        if path.stat().st_size != len(data):
            return False
        view = memoryview(data)
        with open(path, "rb") as handle:
            for start in range(0, len(data), block):
                if handle.read(block) != view[start : start + block]:
                    return False
    except OSError:
        return False
    return True


def remove_stale(folder: Path, keep: set[str]) -> int:
    """Delete files under ``folder`` that are not in ``keep``; return how many went.

    Folders left empty go too. Paths stay strings: a build compares 100,000 of them.
    """
    if not folder.is_dir():
        return 0
    removed = 0
    base = str(folder)
    for parent, folders, names in os.walk(base, topdown=False):
        prefix = "" if parent == base else f"{os.path.relpath(parent, base)}/"
        if os.sep != "/":
            prefix = prefix.replace(os.sep, "/")
        for name in names:
            path = os.path.join(parent, name)
            if f"{prefix}{name}" not in keep and os.path.isfile(path):
                os.unlink(path)
                removed += 1
        for name in folders:
            path = os.path.join(parent, name)
            if not os.path.islink(path) and not os.listdir(path):
                os.rmdir(path)
    return removed
