"""A fingerprint of everything a build reads, so that a rerun with no change does nothing.

The fingerprint hashes the bytes of every content file, template and generator module, the
site configuration, the pinned front-end packages, the git commit (pages show dates from git
history), the build date and the build options. A build that finds the fingerprint of its
last success unchanged, with its output still in place, writes nothing.

Files are not read again when unchanged: ``FileDigests`` keeps each file's digest with its
size and modification time (in the store's ``files`` table), and reads a file only when
either differs, so a rerun over 100,000 records costs a ``stat`` per file. The same record of
what the last build wrote tells a rerun whether its output is still as it left it
(``FileDigests.left_as_written``).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

from generator import __version__
from generator.core.git import GitError, run_git
from generator.core.settings import PACKAGE_DIR, ROOT, Settings, clock_ns
from generator.core.site_info import read_site_info
from generator.core.write import content_hasher

READERS = 8
"""Files read at once when many digests are missing and the disk is slow (``digest_all``)."""
PROBE = 64
"""Files read one after another before ``digest_all`` judges whether the disk is slow."""
CACHED_READ_NS = 150_000
"""A file read in less, on average, came from the system's cache: reading the rest one after
another costs less than handing each to a thread (each hand-off takes the interpreter lock)."""
PathName = str | os.PathLike[str]
"""A file's path; a string where there are 100,000 of them (a ``Path`` costs more to make)."""
RACY_NS = 2_000_000_000
"""A file changed this close to when it was read, or to when its digest was stored, could
change again unseen within the same timestamp tick, so its digest is not trusted next time
(as git does for its index)."""


class FileDigests:
    """Digests of file contents, reusing those stored for files whose size and mtime match."""

    def __init__(
        self,
        stored: dict[str, tuple[int, int, str]] | None = None,
        recorded: dict[str, tuple[int, int, str]] | None = None,
    ) -> None:
        self.stored = stored or {}
        """Digests trusted for files whose size and mtime match."""
        self.recorded = recorded if recorded is not None else self.stored
        """Everything the last build recorded, trusted or not: what it left, and how."""
        self.current: dict[str, tuple[int, int, str]] = {}
        self.racy: set[str] = set()
        """Files read moments after they changed: their digests are not stored."""

    @classmethod
    def stored_at(cls, recorded: dict[str, tuple[int, int, str]], written: int) -> FileDigests:
        """The digests a build ``recorded`` and stored at ``written`` (ns since the epoch).

        Only files that changed well before they were stored are trusted.
        """
        recorded = {k: v for k, v in recorded.items() if _well_formed(k, v)}
        return cls({k: v for k, v in recorded.items() if v[1] < written - RACY_NS}, recorded)

    def left_as_written(self, folder: Path) -> bool:
        """True when ``folder`` holds just what the last build recorded there, as it was.

        Each file must have the size and modification time recorded: a ``stat`` per file.
        Only files written in the last moments before the record was stored, whose next change
        could keep both, are read and compared by digest. A file changed, added or removed
        since (a damaged disk, a hand edit) makes it False.
        """
        base = folder.resolve()
        prefix = f"{base}{os.sep}"
        expected = {k: v[:2] for k, v in self.recorded.items() if k.startswith(prefix)}
        found = 0
        for parent, _, names in os.walk(base):
            for name in names:
                path = os.path.join(parent, name)
                try:
                    stat = os.lstat(path)
                    if expected.get(path) != (stat.st_size, stat.st_mtime_ns):
                        return False
                    if path not in self.stored and _file_digest(path) != self.recorded[path][2]:
                        return False  # written moments before the store: a stat cannot tell
                except OSError:  # gone or unreadable since it was listed
                    return False
                found += 1
        return found == len(expected)

    def as_written(self, path: PathName) -> bool:
        """True when the output at ``path`` holds what the last build recorded writing there.

        Its size and modification time must be as recorded; its bytes are read and compared
        by digest only when those cannot tell (written moments before the record was stored).
        Its digest is then carried to the next store, as if written again.
        """
        key = os.fspath(path)
        recorded = self.recorded.get(key)
        try:
            stat = os.lstat(key)
            if recorded is None or recorded[:2] != (stat.st_size, stat.st_mtime_ns):
                return False
            if self.digest(key, stat) != recorded[2]:
                return False
        except OSError:
            return False
        self.trust(key)
        return True

    def digest(self, path: PathName, stat: os.stat_result | None = None) -> str:
        """The hex digest of the file's bytes (``stat`` is the file's, when already taken)."""
        key = os.fspath(path)
        stat = stat or os.stat(key)
        digest = self._known(key, stat)
        if digest is None:
            with open(key, "rb") as handle:  # a block at a time: incidents.json is large
                digest = hashlib.file_digest(handle, self.hasher).hexdigest()
            if stat.st_mtime_ns >= clock_ns() - RACY_NS:
                self.racy.add(key)
        self.current[key] = (stat.st_size, stat.st_mtime_ns, digest)
        return digest

    def known(self, path: Path) -> str | None:
        """The digest stored for the file if its size and mtime are as stored; never reads it."""
        return self._known(path, path.stat())

    @staticmethod
    def of(data: bytes) -> str:
        """The hex digest of ``data``, as ``digest`` takes it of a file's bytes."""
        return FileDigests.hasher(data).hexdigest()

    @staticmethod
    def hasher(data: bytes = b"") -> hashlib.blake2b:
        """A hash to feed a file's bytes piece by piece: its ``hexdigest`` is ``of`` them."""
        return content_hasher(data)

    def remember(self, path: Path, digest: str) -> None:
        """Keep the digest of bytes just written to ``path``, so that they are not read back."""
        stat = path.stat()
        self.current[str(path)] = (stat.st_size, stat.st_mtime_ns, digest)
        self.trust(path)

    def trust(self, path: PathName) -> None:
        """Store the digest just taken of an output that holds what the build writes into it.

        Read moments after it was written, it is otherwise left out of the store, and the next
        run could not tell it from a file that no build wrote (``left_as_written``).
        """
        self.racy.discard(os.fspath(path))

    def digest_all(self, paths: Sequence[PathName]) -> list[str]:
        """The digests of many files, reading the changed ones several at once if the disk is slow.

        Reads from a disk whose cache is cold wait for the disk, not the processor: several
        at once keep it busy, and hashing lets the other threads run. Files in the system's
        cache (just written or read) are read faster one after another: the first ``PROBE``
        files tell which it is.
        """
        stats = [_stat(path) for path in paths]
        unknown = [(p, s) for p, s in zip(paths, stats, strict=True) if s and not self._known(p, s)]
        began = time.perf_counter_ns()
        for index, (path, stat) in enumerate(unknown):
            self._digest_or_gone(path, stat)
            if index + 1 == PROBE and time.perf_counter_ns() - began > PROBE * CACHED_READ_NS:
                with ThreadPoolExecutor(READERS) as pool:
                    for _ in pool.map(lambda item: self._digest_or_gone(*item), unknown[PROBE:]):
                        pass
                break
        return [self._digest_or_gone(path, stat) for path, stat in zip(paths, stats, strict=True)]

    def _digest_or_gone(self, path: PathName, stat: os.stat_result | None) -> str:
        """The digest, or ``GONE`` for a file removed since it was listed.

        An editor's temporary file can go between the listing and the read; the fingerprint
        then differs from any taken with the file, as it should.
        """
        try:
            return self.digest(path, stat) if stat else GONE
        except FileNotFoundError:
            return GONE

    def _known(self, path: PathName, stat: os.stat_result) -> str | None:
        """The digest seen earlier in this run or at the last build, if the file is unchanged."""
        key = os.fspath(path)
        known = self.current.get(key) or self.stored.get(key)
        if known is not None and known[:2] == (stat.st_size, stat.st_mtime_ns):
            return known[2]
        return None

    def kept(self) -> dict[str, tuple[int, int, str]]:
        """The digests seen in this run, to be stored for the next one (not the racy ones)."""
        return {k: v for k, v in self.current.items() if k not in self.racy}


GONE = "gone"
"""The digest given to a file that was listed but removed before it could be read."""


def _file_digest(path: str) -> str:
    """``FileDigests.of`` the file's bytes, read in blocks: a big file is not held whole."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, FileDigests.hasher).hexdigest()


def _well_formed(key: object, value: object) -> bool:
    """An entry as ``kept`` gives it: path -> (size, mtime_ns, hex digest)."""
    return (
        isinstance(key, str)
        and isinstance(value, tuple)
        and len(value) == 3
        and isinstance(value[0], int)
        and isinstance(value[1], int)
        and isinstance(value[2], str)
    )


def _stat(path: PathName) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def input_fingerprint(settings: Settings, printable: bool, digests: FileDigests) -> str:
    """The hex digest of every input of a docs build."""
    digest = hashlib.blake2b(digest_size=20)
    options = f"{__version__}|{settings.today}|{settings.strict}|{printable}|{_git_head(settings)}"
    # The theme's own scripts are copied into build/docs (site.assets): a new theme, new files.
    options += f"|{version_of('mkdocs-material')}"
    # mkdocs.yml may take the site's address from the environment (!ENV): not a file's bytes.
    options += f"|{read_site_info(settings)!r}"
    digest.update(options.encode("utf-8"))
    # Strings, listed by scandir and sorted as strings: a corpus has 100,000 files.
    links: set[str] = set()
    inputs = sorted(
        [*files_under(settings.content_dir, links=links), *files_under(settings.templates_dir)]
    )
    inputs += sorted(files_under(PACKAGE_DIR, ".py"))
    extra = [path for path in (settings.mkdocs_yml, ROOT / "package-lock.json") if path.is_file()]
    files = [*inputs, *map(str, extra)]
    for path, value in zip(files, digests.digest_all(files), strict=True):
        digest.update(f"{path}\0{value}\0".encode())
        if path in links:  # listed as links by scandir: no lstat for the other files
            digest.update(f"{link_target(path)}\0".encode())
    return digest.hexdigest()


def version_of(package: str) -> str:
    """The installed version of ``package``, or 'none'."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def link_target(path: PathName) -> str:
    """Where a link leads ('' for a file that is not one): a link is refused or not by that."""
    return os.path.realpath(path) if os.path.islink(path) else ""


def files_under(folder: Path | str, suffix: str = "", links: set[str] | None = None) -> list[str]:
    """Every file under ``folder`` whose name ends with ``suffix``, as ``rglob`` finds them.

    A link to a file counts, and is added to ``links`` too; a linked folder is not entered
    (nor does ``rglob`` enter one).
    """
    found: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return found
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            found += files_under(entry.path, suffix, links)
        elif entry.name.endswith(suffix) and entry.is_file():
            found.append(entry.path)
            if links is not None and entry.is_symlink():
                links.add(entry.path)
    return found


def _git_head(settings: Settings) -> str:
    try:
        return run_git(settings.root, "rev-parse", "HEAD").strip()
    except GitError:
        return "no git"
