"""The one place that writes files: only inside an output folder, only when bytes change."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .progress import progress

if TYPE_CHECKING:
    from .fingerprint import FileDigests


class Chunks:
    """A file's text made piece by piece as it is written, so that it is never held whole.

    The data files of 100,000 records take hundreds of megabytes; their parts are kept packed
    until written. ``str()`` joins the pieces, for tests and small corpora.
    """

    def __init__(self, make: Callable[[], Iterable[str]]) -> None:
        self._make = make

    def __iter__(self) -> Iterator[str]:
        return iter(self._make())

    def __str__(self) -> str:
        return "".join(self)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Chunks) and str(self) == str(other)

    __hash__ = None  # type: ignore[assignment]


Content = str | bytes | Chunks
"""A generated file's content: text, bytes, or text made as it is written."""


def write_tree(
    folder: Path,
    files: Mapping[str, Content],
    quiet: bool = True,
    digests: FileDigests | None = None,
) -> int:
    """Write ``files`` (relative path -> content) under ``folder``; return how many changed.

    Each file's content is read from ``files`` just before it is written, so a mapping that
    makes its values when read never holds them all. A terminal shows progress unless ``quiet``.
    With the ``digests`` of what the last build wrote, a file whose size and modification time
    are as it left them is compared by digest, without being read.
    """
    checked: dict[Path, Path] = {}
    changed = 0
    for relative in progress(sorted(files), len(files), quiet, "writing"):
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
    digests: FileDigests | None = None,
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
    if isinstance(data, Chunks):
        with _aside(target) as temporary:
            if _write_chunks(temporary, target, data):
                return False
            os.replace(temporary, target)
        return True
    digest = digests.of(data) if digests is not None else ""
    if _holds(target, data) if digests is None else _digest_of(target, digests) == digest:
        return False
    with _aside(target) as temporary:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    if digests is not None:
        digests.remember(target, digest)
    return True


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


def _digest_of(path: Path, digests: FileDigests) -> str | None:
    """The digest of the file's bytes (read only if it changed since stored), or None."""
    try:
        return digests.digest(path)
    except OSError:
        return None


def _write_chunks(temporary: Path, target: Path, chunks: Chunks) -> bool:
    """Write ``chunks`` to ``temporary``, comparing them with ``target`` on the way.

    True when ``target`` already held them.
    """
    with ExitStack() as stack:
        out = stack.enter_context(open(temporary, "wb"))
        try:
            old = stack.enter_context(open(target, "rb"))
        except OSError:
            old = None
        same = old is not None
        for chunk in chunks:
            data = chunk.encode("utf-8")
            out.write(data)
            same = same and old is not None and old.read(len(data)) == data
        same = same and old is not None and not old.read(1)
    return same


def _holds(path: Path, data: bytes, block: int = 1 << 20) -> bool:
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
    """Delete files under ``folder`` that are not in ``keep``; return how many went."""
    if not folder.is_dir():
        return 0
    removed = 0
    for path in sorted(folder.rglob("*"), reverse=True):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and relative not in keep:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed
