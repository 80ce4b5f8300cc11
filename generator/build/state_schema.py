"""The store's schema, and the checks a store passes before a build trusts it (``open_checked``).

A store made by another version (``PRAGMA user_version``), with damaged pages (``PRAGMA
quick_check``), other tables or rows that refer to missing ones fails them: ``StoreDamaged``
or ``sqlite3.DatabaseError``, and ``store.open_store`` makes it anew. The two checks that read
every page and row are skipped for a store whose file is as the last build closed it: its
stamp (``closed_stamp``: device, inode, size, modification and change times) is kept beside
it, and any write to the file, even one that puts its modification time back, changes its
change time. What builds kept before the store is removed (``remove_legacy``).
"""

from __future__ import annotations

import secrets
import shutil
import sqlite3
from contextlib import suppress
from functools import cache
from pathlib import Path

SCHEMA_VERSION = 5
"""``PRAGMA user_version`` of a store with the tables below; any other is rebuilt."""
KEY_BYTES = 32
"""Bytes of the random key that seals pickled values (``seal.seal``)."""
BUSY_MS = 10_000
"""How long a reader waits for a build that is committing."""
LEGACY = (".digests.pickle", ".slots.pickle", ".docs-fingerprint", ".state-key", "cache")
"""What earlier builds kept under build/ before the store, removed when found."""

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('input', 'output')),
    digest TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL
);
CREATE TABLE chunks (
    name TEXT PRIMARY KEY,
    sealed BLOB NOT NULL,
    records BLOB NOT NULL,
    facts BLOB NOT NULL
);
CREATE TABLE incidents (
    id TEXT PRIMARY KEY,
    chunk TEXT NOT NULL REFERENCES chunks (name) ON DELETE CASCADE,
    path TEXT NOT NULL,
    digest TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    country TEXT NOT NULL,
    region TEXT,
    killed REAL,
    injured REAL,
    status TEXT NOT NULL,
    report TEXT NOT NULL
);
CREATE INDEX incidents_chunk ON incidents (chunk);
CREATE INDEX incidents_status ON incidents (status, id);
CREATE TABLE citations (
    incident TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    PRIMARY KEY (incident, source)
);
CREATE INDEX citations_source ON citations (source);
CREATE TABLE relations (
    incident TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    related TEXT NOT NULL,
    PRIMARY KEY (incident, related)
);
CREATE TABLE made (
    incident TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    digest BLOB NOT NULL,
    packed BLOB NOT NULL,
    PRIMARY KEY (name, incident)
);
CREATE INDEX made_incident ON made (incident);
CREATE TABLE outputs (
    name TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    paths TEXT NOT NULL
);
"""
TABLES = frozenset(
    {"meta", "files", "chunks", "incidents", "citations", "relations", "made", "outputs"}
)


class StoreDamaged(Exception):
    """The store holds something no build wrote: it is deleted and the build runs cold."""


CORRUPT = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
"""SQLite's primary result codes for a file that is damaged or not a database."""


def is_damage(error: BaseException) -> bool:
    """Whether ``error`` says the store is damaged: found by a check, or by SQLite as it reads.

    A damaged page that the open-time checks did not read (they are skipped for a file as the
    last build closed it) is found when the build reads it.
    """
    if isinstance(error, StoreDamaged):
        return True
    code = getattr(error, "sqlite_errorcode", None) if isinstance(error, sqlite3.Error) else None
    return code is not None and code & 0xFF in CORRUPT


def connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    """A connection to an existing store that leaves transactions to the caller."""
    uri = f"{path.resolve().as_uri()}?mode={'ro' if read_only else 'rw'}"
    db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_MS / 1000)
    db.execute("PRAGMA foreign_keys = ON")
    return db


def open_checked(path: Path) -> sqlite3.Connection:
    """A connection to the store at ``path``, once it passes every check.

    The checks that read every page and row are left out when the file is as the last build
    closed it (``left_as_closed``).
    """
    whole = not left_as_closed(path)
    db = connect(path)
    try:
        db.execute("PRAGMA journal_mode = DELETE")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise StoreDamaged(f"schema version {version}, not {SCHEMA_VERSION}")
        if whole:
            check = [row[0] for row in db.execute("PRAGMA quick_check")]
            if check != ["ok"]:
                raise StoreDamaged(f"quick_check: {check[0]}")
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables != TABLES:
            raise StoreDamaged(f"tables {sorted(tables)}")
        if _schema_of(db) != _expected_schema():
            raise StoreDamaged("its tables' columns or indexes are not this version's")
        if whole and db.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise StoreDamaged("a row refers to one that is not there")
    except BaseException:
        db.close()
        raise
    return db


def closed_stamp(path: Path) -> str:
    """The store's file as it is now: device, inode, size, modification and change times."""
    stat = path.stat()
    return f"{stat.st_dev} {stat.st_ino} {stat.st_size} {stat.st_mtime_ns} {stat.st_ctime_ns}"


def stamp_path(path: Path) -> Path:
    """Where the stamp of the store at ``path`` is kept: beside it."""
    return path.with_name(path.name + "-closed")


def stamp_closed(path: Path) -> None:
    """Keep the stamp of the store just closed, so that the next build need not read it all.

    A store that no build changed keeps its stamp as it is: a rerun with nothing to do
    writes nothing.
    """
    with suppress(OSError):  # without a stamp, the next build checks the whole file
        if not left_as_closed(path):
            stamp_path(path).write_text(closed_stamp(path), encoding="utf-8")


def left_as_closed(path: Path) -> bool:
    """Whether the store is as the last build closed it: no rollback journal, the same stamp."""
    try:
        stamp = stamp_path(path).read_text(encoding="utf-8")
        journal = path.with_name(path.name + "-journal").exists()
        return not journal and stamp == closed_stamp(path)
    except (OSError, UnicodeDecodeError):
        return False


def _schema_of(db: sqlite3.Connection) -> set[tuple[str, str, str]]:
    """Every table and index of a database with the statement that made it."""
    return set(db.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"))


@cache
def _expected_schema() -> set[tuple[str, str, str]]:
    """``_schema_of`` a store made by this version."""
    db = sqlite3.connect(":memory:")
    try:
        _create_tables(db)
        return _schema_of(db)
    finally:
        db.close()


def _create_tables(db: sqlite3.Connection) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)


def create_empty(path: Path) -> sqlite3.Connection:
    """A new, empty store at ``path`` with its schema and a new seal key."""
    path.touch()
    db = connect(path)
    db.execute("PRAGMA journal_mode = DELETE")
    db.execute("BEGIN")
    _create_tables(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.execute("INSERT INTO meta VALUES ('seal-key', ?)", (secrets.token_bytes(KEY_BYTES),))
    db.execute("COMMIT")
    return db


def remove_legacy(out_dir: Path) -> None:
    """Remove the state files that builds kept before the store: nothing reads them now."""
    for name in LEGACY:
        path = out_dir / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists() or path.is_symlink():
            path.unlink(missing_ok=True)
