"""A cache of checked records under build/cache/, so that a rerun re-checks only what changed.

Incident files are checked in chunks (``chunks.CHUNK`` files in name order). What checking a
chunk gave (problems, models and, for a build, each record's page and data rows) is kept in
one file named by a digest of everything it depends on: the bytes and git dates of its own
files, and a digest of the rest (``context_digest``: generator code, templates, vocabulary,
sources, site settings, the build date and the set of incident files). An edited record
renames only its chunk; anything shared renames them all.

New entries are written to a pending folder and kept only when the build succeeds
(``chunk_cache``), so a failed build leaves build/ as it was. The cache is local build state,
read back with pickle: it is never taken from anywhere but this build folder.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import __version__
from .settings import ROOT, Settings
from .write import write_file

CACHE_DIR = "cache"
"""Under build/: one file per chunk of checked records."""
PENDING = ".pending"


class ChunkCache:
    """Checked chunks by name; new ones wait in a pending folder until ``commit``."""

    def __init__(
        self,
        folder: Path,
        digest: str,
        dates: Callable[[Path], str],
        contents: Callable[[Path], str],
    ) -> None:
        self.folder = folder
        self.digest = digest
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
        """The stored chunk, or None when it is missing or unreadable."""
        found = read_state(self.folder / name)
        if found is None:
            return None
        self.used.add(name)
        self.hits += 1
        return found if isinstance(found, list) else None

    def put(self, name: str, packed: bytes) -> None:
        """Store a newly checked chunk (pickled), pending until the build succeeds.

        Worker processes call this, so that a chunk is pickled once, where it was checked.
        """
        write_file(self.folder / PENDING, name, packed)

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


def read_state(path: Path) -> Any:
    """Build state pickled under build/ (by this project only), or None when unreadable."""
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


@contextmanager
def chunk_cache(
    settings: Settings, extra: str, dates: Callable[[Path], str], contents: Callable[[Path], str]
) -> Iterator[ChunkCache]:
    """The build's chunk cache: committed when the block succeeds, else left as it was.

    ``dates`` gives a file's git dates and ``contents`` a digest of its bytes, as text.
    """
    digest = context_digest(settings, extra, contents)
    cache = ChunkCache(settings.out_dir / CACHE_DIR, digest, dates, contents)
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
    shared += sorted((ROOT / "generator").rglob("*.py"))
    for folder in (settings.templates_dir, content / "sources"):
        shared += sorted(folder.rglob("*"))
    for path in shared:
        if path.is_file():
            digest.update(f"\0{path}\0{contents(path)}".encode())
    for path in sorted((content / "incidents").glob("*")):
        digest.update(f"\0{path.name}".encode())  # which records exist: related ids are checked
    return digest.hexdigest()
