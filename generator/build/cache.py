"""Checked records kept by chunk in the store, so that a rerun re-checks only what changed.

Incident files are checked in chunks (``workers.CHUNK`` files in name order). What checking a
chunk gave (problems, models and, for a build, each record's page and data rows) is kept in
the store's ``chunks`` table, named by a digest of everything it depends on: the bytes and git
dates of its own files, and a digest of the rest (``context_digest``: generator code,
templates, vocabulary, sources, site settings, the build date and the set of incident files).
An edited record renames only its chunk, whose other records are then taken from the chunks
that hold them (``ChunkCache.stored_records``); anything shared renames them all. The build's
transaction keeps new chunks and drops unused ones only when the build succeeds.

Stored chunks are sealed (``seal``) by the store, which checks the seal before unpickling.
The checked source files are kept the same way, under the same digest of what they depend on
and the real path of each (``source_cache``): a build that changes no shared input reads none.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from generator import __version__
from generator.build.store import Store
from generator.content.load import find_files
from generator.content.shared import SourceFiles, check_source_files
from generator.core.settings import PACKAGE_DIR, Settings

CHUNKS_DIGEST = "chunks-digest"
"""The store's meta entry of the shared inputs' digest (``context_digest``) that every stored
chunk was checked with: records are taken from other chunks only when it is this build's."""
SOURCES = "sources"
"""The store's meta entry of the checked source files: (key, ``SourceFiles``), sealed."""


class ChunkCache:
    """Checked chunks by name, read from and written to the build's store."""

    def __init__(
        self,
        store: Store,
        digest: str,
        dates: Callable[[Path], str],
        contents: Callable[[Path], str],
    ) -> None:
        self.store = store
        self.digest = digest
        self.dates = dates
        """A file's git dates as text: pages show them, so they are part of a chunk's name."""
        self.contents = contents
        """A digest of a file's bytes (``fingerprint.FileDigests.digest``)."""
        self.stored = store.chunk_names()
        self.used: set[str] = set()
        self.hits = 0

    def name(self, paths: Iterable[Path]) -> str:
        """The chunk's name: a digest of the shared inputs and of its own files."""
        digest = hashlib.blake2b(self.digest.encode("utf-8"), digest_size=20)
        for path in paths:
            digest.update(f"\0{path.name}\0{self.dates(path)}\0{self.contents(path)}".encode())
        return digest.hexdigest()

    def has(self, name: str) -> bool:
        """True when the chunk is stored."""
        return name in self.stored

    def get(self, name: str) -> bytes | None:
        """The stored chunk, pickled; ``store.StoreDamaged`` when its seal does not check."""
        found = self.store.chunk(name)
        if found is not None:
            self.used.add(name)
            self.hits += 1
        return found

    def file_key(self, path: Path) -> str:
        """A digest of one file's part of a chunk's name: its name, git dates and bytes."""
        own = f"{path.name}\0{self.dates(path)}\0{self.contents(path)}"
        return hashlib.blake2b(own.encode(), digest_size=20).hexdigest()

    def put(self, name: str, packed: bytes, paths: list[Path], checked: list[Any]) -> None:
        """Store a newly checked chunk (pickled) with the summaries of its records."""
        digests = [self.file_key(path) for path in paths]
        self.store.put_chunk(name, packed, zip(digests, checked, strict=True))
        self.used.add(name)

    def stored_records(self, paths: list[Path]) -> dict[str, Any]:
        """What checking each of ``paths`` gave (``Checked``), by id, when a stored chunk has it.

        A record is taken from the chunk that holds it when its file's key is as stored and
        every stored chunk was checked with this build's shared inputs (``digest``): the
        files of an edited chunk that did not change are not checked again.
        """
        if self.store.meta(CHUNKS_DIGEST) != self.digest:
            return {}
        keys = {path.stem: self.file_key(path) for path in paths}
        holding = self.store.chunks_holding(keys)
        found: dict[str, Any] = {}
        for chunk in sorted(set(holding.values())):
            packed = self.store.chunk(chunk)
            records = unpickled_chunk(packed) if packed is not None else None
            for checked in records or []:
                incident = getattr(checked, "incident", None)
                if incident is not None and holding.get(incident.id) == chunk:
                    found[incident.id] = checked
        return found

    def commit(self) -> None:
        """Drop every chunk this build did not use (the transaction then keeps the rest)."""
        self.store.drop_chunks(self.used)
        self.store.set_meta(CHUNKS_DIGEST, self.digest)


def unpickled_chunk(packed: bytes) -> list[Any] | None:
    """A stored chunk's records, or None when it no longer unpickles (a class changed since)."""
    try:
        found = pickle.loads(packed)
    except Exception:  # sealed by this store, yet unreadable now
        return None
    return found if isinstance(found, list) else None


def chunk_cache(
    settings: Settings,
    store: Store,
    extra: str,
    dates: Callable[[Path], str],
    contents: Callable[[Path], str],
) -> ChunkCache:
    """The build's chunk cache in ``store``.

    ``dates`` gives a file's git dates and ``contents`` a digest of its bytes, as text.
    """
    return ChunkCache(store, context_digest(settings, extra, contents), dates, contents)


def context_digest(settings: Settings, extra: str, contents: Callable[[Path], str]) -> str:
    """A digest of everything a checked record depends on besides its own file."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{__version__}|{settings.today}|{settings.root}|{extra}".encode())
    for path in shared_inputs(settings):
        digest.update(f"\0{path}\0{contents(path)}".encode())
    for path in sorted((settings.content_dir / "incidents").glob("*")):
        digest.update(f"\0{path.name}".encode())  # which records exist: related ids are checked
    return digest.hexdigest()


def shared_inputs(settings: Settings) -> list[Path]:
    """The files every record's outputs may read: vocabulary, sources, templates, code."""
    content = settings.content_dir
    shared = [content / "vocabulary.yaml", settings.mkdocs_yml]
    shared += sorted(PACKAGE_DIR.rglob("*.py"))
    for folder in (settings.templates_dir, content / "sources"):
        shared += sorted(folder.rglob("*"))
    return [path for path in shared if path.is_file()]


def source_cache(store: Store, context: str) -> Callable[[Settings], SourceFiles]:
    """``shared.check_source_files``, kept in ``store`` while its key is unchanged.

    The key is ``context`` (``context_digest``: every source file's bytes among the shared
    inputs) and where each source file really is: a link is checked by where it leads.
    """

    def check(settings: Settings) -> SourceFiles:
        digest = hashlib.blake2b(f"{context}\0{settings.root}".encode(), digest_size=20)
        for path in find_files(settings.content_dir / "sources"):
            digest.update(f"\0{path}\0{os.path.realpath(path)}".encode())
        key = digest.hexdigest()
        last = store.sealed(SOURCES)
        if isinstance(last, tuple) and len(last) == 2 and last[0] == key:
            found: SourceFiles = last[1]
            return found
        checked = check_source_files(settings)
        store.put_sealed(SOURCES, (key, checked))
        return checked

    return check
