"""A cache of checked records under build/cache/, so that a rerun re-checks only what changed.

Incident files are checked in chunks (``chunks.CHUNK`` files in name order). What checking a
chunk gave (problems, models and, for a build, each record's page and data rows) is kept in
one file named by a digest of everything it depends on: the bytes and git dates of its own
files, and a digest of the rest (``context_digest``: generator code, templates, vocabulary,
sources, site settings, the build date and the set of incident files). An edited record
renames only its chunk; anything shared renames them all.

New entries are written to a pending folder and kept only when the build succeeds
(``chunk_cache``), so a failed build leaves build/ as it was.

Every pickled state file under build/ (the chunks, the file digests, the preview's slot table)
is sealed (``seal``): it starts with a keyed digest of its name and bytes, made with a random
key kept in ``build/.state-key``. ``read_state`` checks the seal before it unpickles anything,
so a truncated, flipped, foreign or renamed file is a miss that the build makes again, never
a crash and never text that is not in the records.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from generator import __version__
from generator.core.settings import PACKAGE_DIR, Settings
from generator.core.write import write_file

CACHE_DIR = "cache"
"""Under build/: one file per chunk of checked records."""
PENDING = ".pending"
STATE_KEY = ".state-key"
"""Under build/: the random key that seals this build folder's state files."""
KEY_BYTES = 32
MAGIC = b"incident-record state 1\n"
"""What a sealed state file starts with, before its keyed digest."""
SEAL_BYTES = 32


class ChunkCache:
    """Checked chunks by name; new ones wait in a pending folder until ``commit``."""

    def __init__(
        self,
        folder: Path,
        digest: str,
        dates: Callable[[Path], str],
        contents: Callable[[Path], str],
        key: bytes,
    ) -> None:
        self.folder = folder
        self.digest = digest
        self.key = key
        """The build folder's ``state_key``: entries are sealed and checked with it."""
        self.dates = dates
        """A file's git dates as text: pages show them, so they are part of a chunk's name."""
        self.contents = contents
        """A digest of a file's bytes (``fingerprint.FileDigests.digest``)."""
        self.used: set[str] = set()
        self.hits = 0

    def name(self, paths: Iterable[Path]) -> str:
        """The chunk's file name: a digest of the shared inputs and of its own files."""
        digest = hashlib.blake2b(self.digest.encode("utf-8"), digest_size=20)
        for path in paths:
            digest.update(f"\0{path.name}\0{self.dates(path)}\0{self.contents(path)}".encode())
        return digest.hexdigest() + ".pickle"

    def get(self, name: str) -> list[Any] | None:
        """The stored chunk, or None when it is missing, damaged or not this build folder's."""
        found = read_state(self.folder / name, self.key)
        if not isinstance(found, list):
            return None
        self.used.add(name)
        self.hits += 1
        return found

    def put(self, name: str, packed: bytes) -> None:
        """Store a newly checked chunk (pickled), pending until the build succeeds.

        Worker processes call this, so that a chunk is pickled once, where it was checked.
        A chunk that cannot be stored (a full disk) is only a miss next time.
        """
        with suppress(OSError):
            write_file(self.folder / PENDING, name, seal(self.key, name, packed))

    def keep(self, name: str) -> None:
        """Count a chunk as used by this build, so that ``commit`` keeps it."""
        self.used.add(name)

    def commit(self) -> None:
        """Move pending chunks in and drop every chunk this run did not use."""
        pending = self.folder / PENDING
        for path in sorted(pending.glob("*.pickle")):
            os.replace(path, self.folder / path.name)
        shutil.rmtree(pending, ignore_errors=True)
        for path in self.folder.glob("*.pickle"):
            if path.name not in self.used:
                path.unlink()

    def discard(self) -> None:
        """Forget the pending chunks: the build failed."""
        shutil.rmtree(self.folder / PENDING, ignore_errors=True)


def state_key(out_dir: Path) -> bytes:
    """The key that seals the state files of ``out_dir``, made on first use.

    A missing or damaged key is replaced by a new one, which turns every state file sealed
    with the old one into a miss.
    """
    key = known_state_key(out_dir)
    if key is None:
        key = secrets.token_bytes(KEY_BYTES)
        write_file(out_dir, STATE_KEY, key)
    return key


def known_state_key(out_dir: Path) -> bytes | None:
    """The key of ``out_dir``'s state files, or None when no build has made one."""
    try:
        key = (out_dir / STATE_KEY).read_bytes()
    except OSError:
        return None
    return key if len(key) == KEY_BYTES else None


def seal(key: bytes, name: str, packed: bytes) -> bytes:
    """``packed`` (a pickle) as the state file ``name``: a header, a keyed digest, the bytes."""
    return MAGIC + _seal_of(key, name, packed) + packed


def write_state(folder: Path, name: str, key: bytes, value: Any) -> bool:
    """Pickle ``value`` into the sealed state file ``folder/name``; True when it changed."""
    packed = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    return write_file(folder, name, seal(key, name, packed))


def read_state(path: Path, key: bytes | None) -> Any:
    """The state sealed at ``path`` with ``key``, or None when missing, damaged or foreign.

    The seal is checked before anything is unpickled; whatever fails after that (a class
    that changed since) is a miss too.
    """
    if key is None:
        return None
    try:
        data = memoryview(path.read_bytes())
    except OSError:
        return None
    start = len(MAGIC) + SEAL_BYTES
    if len(data) < start or data[: len(MAGIC)] != MAGIC:
        return None
    if not hmac.compare_digest(data[len(MAGIC) : start], _seal_of(key, path.name, data[start:])):
        return None
    try:
        return pickle.loads(data[start:])
    except Exception:  # sealed here, yet unreadable now (its classes changed): a miss
        return None


def _seal_of(key: bytes, name: str, packed: bytes | memoryview) -> bytes:
    """A digest of the file's name and bytes keyed with ``key``: no one else can make it."""
    digest = hashlib.blake2b(key=key, digest_size=SEAL_BYTES)
    digest.update(name.encode("utf-8") + b"\0")
    digest.update(packed)
    return digest.digest()


@contextmanager
def chunk_cache(
    settings: Settings, extra: str, dates: Callable[[Path], str], contents: Callable[[Path], str]
) -> Iterator[ChunkCache]:
    """The build's chunk cache: committed when the block succeeds, else left as it was.

    ``dates`` gives a file's git dates and ``contents`` a digest of its bytes, as text.
    """
    digest = context_digest(settings, extra, contents)
    cache = ChunkCache(
        settings.out_dir / CACHE_DIR, digest, dates, contents, state_key(settings.out_dir)
    )
    cache.discard()  # what a killed build left pending was never checked to the end
    try:
        yield cache
    except BaseException:
        cache.discard()
        raise
    cache.commit()


def context_digest(settings: Settings, extra: str, contents: Callable[[Path], str]) -> str:
    """A digest of everything a checked record depends on besides its own file."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{__version__}|{settings.today}|{settings.root}|{extra}".encode())
    content = settings.content_dir
    shared = [content / "vocabulary.yaml", settings.mkdocs_yml]
    shared += sorted(PACKAGE_DIR.rglob("*.py"))
    for folder in (settings.templates_dir, content / "sources"):
        shared += sorted(folder.rglob("*"))
    for path in shared:
        if path.is_file():
            digest.update(f"\0{path}\0{contents(path)}".encode())
    for path in sorted((content / "incidents").glob("*")):
        digest.update(f"\0{path.name}".encode())  # which records exist: related ids are checked
    return digest.hexdigest()
