"""The build's memory between builds: one SQLite database, ``build/state.sqlite``.

Tables: ``meta`` (the seal key, the input fingerprint of the last good build, when it was
stored, the live preview's slot table, the checked source files), ``files`` (digest and stat of
every input read and output written), ``chunks`` (what checking each chunk of records gave, and
its records apart, each sealed, see ``seal``), the per-record summary rows written as each
record is checked (``incidents``, ``citations``, ``relations``), ``made`` (each record's packed
page and data parts with keyed digests, ``stored_made``) and ``outputs`` (the key and paths of
each group of outputs as last made, ``output_rows``). A build works in one transaction
(``Store.transaction``), committed only when it succeeds, so a failed or killed build leaves the
store as it was (journal mode DELETE: no WAL). A store that is not SQLite, is damaged, or has
another schema is deleted and the build runs cold (``open_store``); pickled values are
unpickled only once their seal checks.

What depends on several records (likely duplicates, shared page names, related links,
citation counts) is worked out from the records' summaries; the records themselves are read
from their chunks only when an output that shows them is made (``model.LazyRecords``).
"""

from __future__ import annotations

import os
import pickle
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Literal

from generator.build.seal import seal, seal_head, unseal
from generator.build.state_schema import (
    KEY_BYTES,
    StoreDamaged,
    create_empty,
    open_checked,
    remove_legacy,
    stamp_closed,
    stamp_path,
)
from generator.model import Summary

STORE = "state.sqlite"
"""Under build/: the store."""

FileRow = tuple[int, int, str]
"""A file's size, modification time (ns) and hex digest."""


CheckedRow = tuple[str, Any]
"""A file's digest and what checking it gave (``content.validate.Checked``)."""
ChunkPart = Literal["sealed", "records", "facts"]
"""A stored chunk's columns: what checking it gave, its records, the report's facts of them."""


class Store:
    """An open store; the build reads it, and writes it inside ``transaction`` only."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.db = connection
        self.key = self._key()
        self._recorded: dict[str, tuple[str, str, int, int]] | None = None
        """The rows of ``files`` as this transaction read or wrote them (role, digest, stat)."""
        """The random key that seals pickled values (``seal.seal``), made with the store."""

    def _key(self) -> bytes:
        key = self.meta("seal-key")
        if isinstance(key, bytes) and len(key) == KEY_BYTES:
            return key
        raise StoreDamaged("its seal key is missing")

    def meta(self, key: str) -> Any:
        """The value stored under ``key`` in the meta table, or None."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def set_meta(self, key: str, value: str | bytes | int) -> None:
        """Store ``value`` under ``key`` in the meta table."""
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One build's writes: committed when the block succeeds, else rolled back.

        Reads alone leave the file untouched: a rerun with nothing to do writes nothing.
        """
        self.db.execute("BEGIN")
        self._recorded = None
        try:
            yield
        except BaseException:
            self._recorded = None
            if self.db.in_transaction:  # SQLite ends some failed transactions itself
                self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def files(self) -> tuple[dict[str, FileRow], int]:
        """Every file the last build recorded, and when it stored them (ns since the epoch)."""
        rows = self.db.execute("SELECT path, role, size, mtime_ns, digest FROM files")
        found, self._recorded = {}, {}
        for path, role, size, mtime, digest in rows:
            found[path] = (size, mtime, digest)
            self._recorded[path] = (role, digest, size, mtime)
        written = self.meta("written-ns")
        return found, written if isinstance(written, int) else 0

    def put_files(self, files: dict[str, FileRow], outputs: Path, written_ns: int) -> None:
        """Replace the recorded files: those under ``outputs`` are outputs, the rest inputs.

        Only the rows that differ from those ``files`` read are written: an edit changes a few.
        """
        prefix = f"{outputs.resolve()}{os.sep}"
        rows = {
            path: ("output" if path.startswith(prefix) else "input", digest, size, mtime)
            for path, (size, mtime, digest) in files.items()
        }
        recorded = self._recorded
        if recorded is None:  # not read in this transaction: every row is written
            self.db.execute("DELETE FROM files")
            recorded = {}
        gone = [path for path in recorded if path not in rows]
        self.db.executemany("DELETE FROM files WHERE path = ?", ((path,) for path in gone))
        self.db.executemany(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
            ((path, *row) for path, row in rows.items() if recorded.get(path) != row),
        )
        self._recorded = rows
        self.set_meta("written-ns", written_ns)

    def fingerprint(self) -> str | None:
        """The input fingerprint of the last build that succeeded."""
        value = self.meta("fingerprint")
        return value if isinstance(value, str) else None

    def put_slots(self, slots: object) -> None:
        """Keep the live preview's slot table (``render.SlotTable``), sealed."""
        self.put_sealed("slots", slots)

    def slots(self) -> Any:
        """The slot table the last good build stored, or None (missing, not sealed, unreadable)."""
        return self.sealed("slots")

    def sealed(self, name: str) -> Any:
        """The value kept under ``name`` (``put_sealed``); None if missing or unreadable."""
        sealed = self.meta(name)
        packed = unseal(self.key, name, sealed) if isinstance(sealed, bytes) else None
        try:
            return None if packed is None else pickle.loads(packed)
        except Exception:  # sealed by this store, yet unreadable now (a class changed since)
            return None

    def put_sealed(self, name: str, value: object) -> None:
        """Keep ``value`` pickled and sealed in the meta table under ``name``.

        The row is made at its size, then written in place: the pickle (the preview's slot
        table takes tens of megabytes at 100,000 records) is never copied whole.
        """
        packed = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        head = seal_head(self.key, name, packed)
        self.db.execute(
            "INSERT OR REPLACE INTO meta VALUES (?, zeroblob(?))", (name, len(head) + len(packed))
        )
        (row,) = self.db.execute("SELECT rowid FROM meta WHERE key = ?", (name,)).fetchone()
        with self.db.blobopen("meta", "value", row) as blob:
            blob.write(head)
            blob.write(packed)

    def chunk(self, name: str, part: ChunkPart = "sealed") -> bytes | None:
        """One part of chunk ``name`` (``ChunkPart``), pickled; None when it is not stored.

        Raises ``StoreDamaged`` when its seal does not check: someone else wrote it.
        """
        query = f"SELECT {part} FROM chunks WHERE name = ?"  # noqa: S608 (a column of ours)
        row = self.db.execute(query, (name,)).fetchone()
        if row is None:
            return None
        sealed_as = _sealed_as(name, part)
        packed = unseal(self.key, sealed_as, row[0]) if isinstance(row[0], bytes) else None
        if packed is None:
            raise StoreDamaged(f"chunk {name} does not match its seal")
        return packed

    def chunks_holding(self, keys: dict[str, str]) -> dict[str, str]:
        """The chunk that holds each record (by id) whose file had the key given in ``keys``."""
        query = "SELECT chunk, digest FROM incidents WHERE id = ?"
        found = {}
        for incident_id, key in keys.items():
            row = self.db.execute(query, (incident_id,)).fetchone()
            if row is not None and row[1] == key:
                found[incident_id] = row[0]
        return found

    def chunk_names(self) -> set[str]:
        """The names of the stored chunks."""
        return {name for (name,) in self.db.execute("SELECT name FROM chunks")}

    def put_chunk(
        self, name: str, packed: bytes, records: bytes, facts: bytes, rows: Iterable[CheckedRow]
    ) -> None:
        """Store a checked chunk, its records and their facts (each pickled), sealed.

        With it go summary rows, one per valid record in it (``CheckedRow``).
        """
        parts: dict[ChunkPart, bytes] = {"sealed": packed, "records": records, "facts": facts}
        sealed = [seal(self.key, _sealed_as(name, part), value) for part, value in parts.items()]
        self.db.execute("INSERT OR REPLACE INTO chunks VALUES (?, ?, ?, ?)", (name, *sealed))
        for digest, outcome in rows:
            if outcome.summary is not None:
                self._put_incident(name, digest, outcome.summary)

    def _put_incident(self, chunk: str, digest: str, summary: Summary) -> None:
        """Replace the summary rows of one record (its earlier rows may be another chunk's).

        The record's row is updated in place, so that what it made (``stored_made``) stays
        when it is not made again.
        """
        self.db.execute(
            "INSERT INTO incidents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET chunk = excluded.chunk, path = excluded.path,"
            " digest = excluded.digest, title = excluded.title, date = excluded.date,"
            " country = excluded.country, region = excluded.region,"
            " killed = excluded.killed, injured = excluded.injured,"
            " status = excluded.status, report = excluded.report",
            (
                summary.id,
                chunk,
                summary.path,
                digest,
                summary.title,
                summary.date,
                summary.country,
                summary.region,
                summary.killed,
                summary.injured,
                summary.status,
                summary.report,
            ),
        )
        for table in ("citations", "relations"):
            self.db.execute(f"DELETE FROM {table} WHERE incident = ?", (summary.id,))  # noqa: S608
        self.db.executemany(
            "INSERT OR IGNORE INTO citations VALUES (?, ?)",
            ((summary.id, source) for source in summary.source_ids),
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO relations VALUES (?, ?)",
            ((summary.id, related) for related, _, _ in summary.links),
        )

    def drop_chunks(self, kept: set[str]) -> None:
        """Delete every chunk not in ``kept``, and the summaries of its records."""
        gone = self.chunk_names() - kept
        self.db.executemany("DELETE FROM chunks WHERE name = ?", ((name,) for name in gone))

    def close(self) -> None:
        """Close the connection (a transaction still open is rolled back) and stamp the file."""
        self.db.close()
        stamp_closed(self.path)


def _sealed_as(chunk: str, part: ChunkPart) -> str:
    """The name a part of a chunk is sealed under: no part can pass for another's."""
    return chunk if part == "sealed" else f"{chunk}:{part}"


def open_store(out_dir: Path) -> tuple[Store, str | None]:
    """The store under ``out_dir``, made when missing; with why it was rebuilt, if it was.

    A store that fails any check (not SQLite, truncated, damaged pages, another schema,
    tables or foreign keys that do not match) is deleted and made anew, empty.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_legacy(out_dir)
    path = out_dir / STORE
    reason = None
    if path.exists():
        try:
            return _opened(path, open_checked(path)), None
        except (sqlite3.DatabaseError, StoreDamaged) as error:
            reason = " ".join(str(error).split()) or type(error).__name__  # one line
        remove_store(out_dir)
    return Store(path, create_empty(path)), reason


def _opened(path: Path, db: sqlite3.Connection) -> Store:
    """The store on ``db``; the connection is closed when it is not one (no seal key)."""
    try:
        return Store(path, db)
    except StoreDamaged:
        db.close()
        raise


def remove_store(out_dir: Path) -> None:
    """Delete the store, its rollback journal and its stamp."""
    store = out_dir / STORE
    for path in (store, store.with_name(f"{STORE}-journal"), stamp_path(store)):
        with suppress(FileNotFoundError):
            path.unlink()
