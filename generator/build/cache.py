"""Checked records kept by chunk in the store, so that a rerun re-checks only what changed.

Incident files are checked in chunks (``workers.CHUNK`` files in name order). What checking a
chunk gave (problems, summaries and, for a build, each record's page and data rows) is kept in
the store's ``chunks`` table with the chunk's records pickled apart (``pack_chunk``): a build
reads a chunk's records only when something needs them (``model.LazyRecords``). A chunk is
named by a digest of everything it depends on: the bytes and git
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import __version__
from generator.build.fingerprint import files_under, link_target
from generator.build.record_outputs import Made
from generator.build.state_schema import StoreDamaged
from generator.build.store import ChunkPart, Store
from generator.build.stored_made import put_made
from generator.content.load import find_files
from generator.content.shared import SourceFiles, check_source_files
from generator.core.settings import PACKAGE_DIR, Settings
from generator.model import Incident, Vocabulary
from generator.report.facts import published_facts
from generator.text.filters import country_names

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
        self.held: list[tuple[str, list[str]]] = []
        """Each chunk this build checked or read, with the ids of its valid records, in order."""
        self.fresh: set[str] = set()
        """The records checked again in this build, whose pieces ``put`` replaced, by id."""

    def name(self, paths: Iterable[Path]) -> str:
        """The chunk's name: a digest of the shared inputs and of its own files."""
        digest = hashlib.blake2b(self.digest.encode("utf-8"), digest_size=20)
        for path in paths:
            digest.update(f"\0{self.file_part(path)}".encode())
        return digest.hexdigest()

    def has(self, name: str) -> bool:
        """True when the chunk is stored."""
        return name in self.stored

    def get(self, name: str) -> bytes | None:
        """What checking the stored chunk gave, pickled without its records (``Packed``).

        Raises ``store.StoreDamaged`` when its seal does not check.
        """
        found = self.store.chunk(name)
        if found is not None:
            self.used.add(name)
            self.hits += 1
        return found

    def file_part(self, path: Path) -> str:
        """One file's part of a chunk's name: its name, git dates, bytes, and where a link leads.

        A link outside the repository is refused, whatever its bytes.
        """
        where = link_target(path)
        return f"{path.name}\0{self.dates(path)}\0{self.contents(path)}\0{where}"

    def file_key(self, path: Path) -> str:
        """A digest of one file's part of a chunk's name (``file_part``)."""
        return hashlib.blake2b(self.file_part(path).encode(), digest_size=20).hexdigest()

    def put(
        self,
        name: str,
        packed: Packed,
        paths: list[Path],
        checked: list[Any],
        made: list[Made | None],
    ) -> None:
        """Store a newly checked chunk (packed) with the summaries of its records.

        ``made`` holds what each record checked again made (``stored_made``); None for a
        record taken from a stored chunk, whose pieces are in the store already.
        """
        digests = [self.file_key(path) for path in paths]
        rows = zip(digests, checked, strict=True)
        self.store.put_chunk(name, packed.checked, packed.records, packed.facts, rows)
        for outcome, pieces in zip(checked, made, strict=True):
            if pieces is not None and outcome.summary is not None:
                put_made(self.store, outcome.summary.id, pieces)
                self.fresh.add(outcome.summary.id)
        self.used.add(name)

    def stored_records(self, paths: list[Path]) -> dict[str, tuple[Any, Incident]]:
        """What checking each of ``paths`` gave and its record, by id, when a chunk has it.

        A record is taken from the chunk that holds it when its file's key is as stored and
        every stored chunk was checked with this build's shared inputs (``digest``): the
        files of an edited chunk that did not change are not checked again.
        """
        if self.store.meta(CHUNKS_DIGEST) != self.digest:
            return {}
        keys = {path.stem: self.file_key(path) for path in paths}
        holding = self.store.chunks_holding(keys)
        found: dict[str, tuple[Any, Incident]] = {}
        for chunk in sorted(set(holding.values())):
            packed, held = self.store.chunk(chunk), self.store.chunk(chunk, "records")
            stored = unpacked_chunk(packed) if packed is not None else None
            records = unpacked_records(held) if held is not None else None
            if stored is None or records is None:
                continue
            for checked, incident in zip(stored, records, strict=True):
                summary = getattr(checked, "summary", None)
                if (
                    summary is not None
                    and incident is not None
                    and holding.get(summary.id) == chunk
                ):
                    found[summary.id] = (checked, incident)
        return found

    def records(self, name: str) -> list[Incident]:
        """The valid records of the stored chunk ``name``, in file order."""
        return self._held(name, "records")

    def facts(self, name: str) -> list[Any]:
        """The report's facts of the published records of the stored chunk ``name``, in order."""
        return self._held(name, "facts")

    def _held(self, name: str, part: ChunkPart) -> list[Any]:
        packed = self.store.chunk(name, part)
        held = _unpickled_list(packed) if packed is not None else None
        if held is None:
            raise StoreDamaged(f"chunk {name} no longer holds its {part}")
        return [item for item in held if item is not None]

    def commit(self) -> None:
        """Drop every chunk this build did not use (the transaction then keeps the rest)."""
        self.store.drop_chunks(self.used)
        self.store.set_meta(CHUNKS_DIGEST, self.digest)


@dataclass(frozen=True)
class Packed:
    """A checked chunk as the store keeps it, in three pickles.

    What checking each file gave (``Checked``, without its record), the records apart, so
    that a build that does not need them neither reads nor unpickles them, and what the
    site's report reads of each published record (``report.facts.Facts``), so that it reads
    few records.
    """

    checked: bytes
    records: bytes
    facts: bytes


def pack_chunk(
    checked: list[Any], records: list[Incident | None], vocabulary: Vocabulary
) -> Packed:
    """``checked`` (each without its record), the ``records`` (None for an invalid file), facts.

    The records' facts (``report.facts.published_facts``) are made here: in a worker, for a
    build, so that the build's process reads them rather than every record for the report.
    """
    facts = published_facts(records, country_names(vocabulary))
    return Packed(
        pickle.dumps(checked, pickle.HIGHEST_PROTOCOL),
        pickle.dumps(records, pickle.HIGHEST_PROTOCOL),
        pickle.dumps(facts, pickle.HIGHEST_PROTOCOL),
    )


def unpacked_chunk(packed: bytes) -> list[Any] | None:
    """What checking each file gave (``Packed.checked``); None when it no longer unpickles."""
    return _unpickled_list(packed)


def unpacked_records(packed: bytes) -> list[Incident | None] | None:
    """A chunk's records (``Packed.records``); None when they no longer unpickle."""
    return _unpickled_list(packed)


def _unpickled_list(packed: bytes) -> list[Any] | None:
    try:
        found = pickle.loads(packed)
    except Exception:  # sealed by this store, yet unreadable now (a class changed since)
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
    for name in _names_in(settings.content_dir / "incidents"):
        digest.update(f"\0{name}".encode())  # which records exist: related ids are checked
    return digest.hexdigest()


def _names_in(folder: Path) -> list[str]:
    """The names of everything directly in ``folder``, sorted (none when it is missing)."""
    try:
        return sorted(os.listdir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []


def shared_inputs(settings: Settings) -> list[Path]:
    """The files every record's outputs may read: vocabulary, sources, templates, code."""
    content = settings.content_dir
    shared = [path for path in (content / "vocabulary.yaml", settings.mkdocs_yml) if path.is_file()]
    # Listed as strings by scandir: a corpus has tens of thousands of source files.
    listed = sorted(files_under(PACKAGE_DIR, ".py"))
    for folder in (settings.templates_dir, content / "sources"):
        listed += sorted(files_under(folder))
    return shared + [Path(name) for name in listed]


def source_cache(store: Store, context: str) -> Callable[[Settings], SourceFiles]:
    """``shared.check_source_files``, kept in ``store`` while its key is unchanged.

    The key is ``context`` (``context_digest``: every source file's bytes among the shared
    inputs) and where each source file really is: a link is checked by where it leads.
    """

    def check(settings: Settings) -> SourceFiles:
        digest = hashlib.blake2b(f"{context}\0{settings.root}".encode(), digest_size=20)
        folder = settings.content_dir / "sources"
        # A file that is not a link is where its folder really is: one realpath, not one each.
        real = os.path.realpath(folder)
        for path in find_files(folder):
            where = link_target(path) or os.path.join(real, path.name)
            digest.update(f"\0{path}\0{where}".encode())
        key = digest.hexdigest()
        last = store.sealed(SOURCES)
        if isinstance(last, tuple) and len(last) == 2 and last[0] == key:
            found: SourceFiles = last[1]
            return found
        checked = check_source_files(settings)
        store.put_sealed(SOURCES, (key, checked))
        return checked

    return check
