"""data/incidents.sqlite: the CSV tables as one SQLite database, with keys, indexes and views.

Each CSV table becomes a table of the same name, columns and order, with SQL types (integer,
real, text; booleans as 0 and 1; dates as ISO 8601 text), its primary key (a table whose key
has several columns is stored ``WITHOUT ROWID``, in key order), the foreign keys of the
Frictionless descriptor, and an index on every foreign key that its primary key does not
already cover, but those marked not indexed (a row's source, a party's kind). ``_tables``
and ``_columns`` describe every table and view and each of their columns, and ``_dataset``
the package. Names in SQL come from the table definitions; record text only ever travels as
a bound parameter.

The keys are shorter than the CSV files': an incident is named by an integer and a party by
its incident and id (``stored``).

The file is made in a fresh database, in one fixed order, and copied with ``VACUUM INTO``:
the same rows give the same bytes. It is made in a temporary folder when written and read
back in blocks, so that the build never holds it whole.
"""

from __future__ import annotations

import errno
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from generator.core.outputs import read_blocks
from generator.data.formats import Row
from generator.data.queries import VIEWS
from generator.data.stored import (
    INCIDENT_ID,
    INCIDENT_KEY,
    INCIDENTS,
    LEFT_OUT,
    SQL_TYPES,
    foreign_keys,
    kept_cells,
    primary_key,
    stored_columns,
    stored_name,
    view_columns,
)
from generator.data.tables import Table

SQLITE_PATH = "incidents.sqlite"
"""The database's file name under data/."""
DATASETTE_PATH = "incidents.metadata.json"
"""Datasette's metadata file for it, beside it (``datasette_metadata``)."""
SCHEMA_VERSION = 3
"""``PRAGMA user_version`` of the database: raised when a table or column changes meaning."""

_META = (
    'CREATE TABLE "_dataset" ("key" TEXT PRIMARY KEY NOT NULL, "value" TEXT)',
    'CREATE TABLE "_tables" ("name" TEXT PRIMARY KEY NOT NULL, "kind" TEXT NOT NULL, '
    '"csv" TEXT, "description" TEXT NOT NULL, "sql" TEXT)',
    'CREATE TABLE "_columns" ("table_name" TEXT NOT NULL, "position" INTEGER NOT NULL, '
    '"name" TEXT NOT NULL, "type" TEXT NOT NULL, "sql_type" TEXT NOT NULL, '
    '"description" TEXT NOT NULL, PRIMARY KEY ("table_name", "position"))',
)


def quoted(name: str) -> str:
    """An SQL identifier in double quotes (a double quote in it doubled)."""
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    """An SQL string literal of a constant from the code (never of record text)."""
    return "'" + text.replace("'", "''") + "'"


def _names(names: Iterable[str]) -> str:
    return ", ".join(quoted(name) for name in names)


def create_table(table: Table[Any]) -> str:
    """The ``CREATE TABLE`` statement of one CSV table."""
    own_key = table.name == INCIDENTS
    # incidents' integer key is its rowid, stored anyway: the text id stays, unique.
    lines = [f"{quoted(INCIDENT_KEY)} INTEGER PRIMARY KEY"] if own_key else []
    for column in table.columns:
        if (table.name, column.name) in LEFT_OUT:
            continue
        name = stored_name(column.name)
        sql_type = "INTEGER" if name == INCIDENT_KEY else SQL_TYPES[column.type]
        line = f"{quoted(name)} {sql_type}"
        if column.name in table.primary_key:
            line += " NOT NULL"
        if column.name in table.unique or (own_key and column.name in table.primary_key):
            line += " UNIQUE"
        allowed = ("0", "1") if column.type == "boolean" else tuple(map(_literal, column.enum))
        if allowed:
            line += f" CHECK ({quoted(column.name)} IN ({', '.join(allowed)}))"
        lines.append(line)
    if not own_key:
        lines.append(f"PRIMARY KEY ({_names(primary_key(table))})")
    lines += [
        f"FOREIGN KEY ({_names(key.fields)}) "
        f"REFERENCES {quoted(key.resource)} ({_names(key.reference)})"
        for key in foreign_keys(table)
    ]
    body = ",\n  ".join(lines)
    # A key of several columns is stored once, as the table itself, rather than again in an
    # index beside the table (those indexes were a fifth of the file). A one-column key keeps
    # its rowid table, where long text (summaries, notes) is cheaper to store.
    kept = " WITHOUT ROWID" if len(table.primary_key) > 1 else ""
    return f"CREATE TABLE {quoted(table.name)} (\n  {body}\n){kept}"


def create_indexes(table: Table[Any]) -> list[str]:
    """An index on each foreign key that is indexed and not a leading part of the primary key."""
    statements = []
    for key in foreign_keys(table):
        fields = key.fields
        if not key.indexed or primary_key(table)[: len(fields)] == fields:
            continue
        name = quoted(f"{table.name}_{'_'.join(fields)}")
        # Most rows name no party: an index of only the rows that name one is a fraction of
        # the size, and SQLite uses it for any ``=`` or join on those columns.
        filled = " AND ".join(f"{quoted(field)} IS NOT NULL" for field in fields)
        statements.append(
            f"CREATE INDEX {name} ON {quoted(table.name)} ({_names(fields)}) WHERE {filled}"
        )
    return statements


def insert_statement(table: Table[Any]) -> str:
    """The ``INSERT`` of one row (as the CSV file has it), its values bound as parameters.

    A row's incident id is looked up as its integer key, so that an incident's row must be
    in before the rows that name it (``_make`` inserts each batch's incidents first).
    """
    # A row naming no incident in the file gets -1, a key no incident has (rowids start at
    # 1), so that the foreign key check names the table rather than a NOT NULL failing.
    key = f'COALESCE((SELECT {quoted(INCIDENT_KEY)} FROM {quoted(INCIDENTS)} WHERE "id" = ?), -1)'
    header = [name for name in table.header if (table.name, name) not in LEFT_OUT]
    marks = ", ".join(key if name == INCIDENT_ID else "?" for name in header)
    names = _names(map(stored_name, header))
    return f"INSERT INTO {quoted(table.name)} ({names}) VALUES ({marks})"


def datasette_metadata(tables: tuple[Table[Any], ...], meta: Mapping[str, str]) -> dict[str, Any]:
    """Datasette's metadata file for the database: title, licence, tables, views and columns.

    ``datasette incidents.sqlite --metadata incidents.metadata.json`` shows the descriptions,
    and beside a key that names an incident, a source or a party kind, its title or label.
    """
    described: dict[str, Any] = {
        table.name: {
            "description": table.description,
            "columns": {name: about for name, _, _, about in stored_columns(table)},
        }
        for table in tables
    }
    for name, label in _LABELS.items():
        if name in described:
            described[name]["label_column"] = label
    described.update(
        {
            view.name: {
                "description": view.description,
                "columns": {name: about for name, _, _, about in view_columns(view, tables)},
            }
            for view in VIEWS
        }
    )
    return {
        "title": meta.get("title", ""),
        "description": meta.get("description", ""),
        "license": meta.get("license", ""),
        "license_url": meta.get("license_url", ""),
        "databases": {Path(SQLITE_PATH).stem: {"tables": described}},
    }


_LABELS = {INCIDENTS: "title", "sources": "title", "party_kinds": "label"}
"""The column that names a row of these tables to a reader, which Datasette shows beside the
key of each row that refers to one (a claim's incident and source, a party's kind)."""


class DatabaseError(Exception):
    """The rows broke a key: a fault in the exporter, since validation checks references."""


_DISK_ERRORS = {13: errno.ENOSPC, 8: errno.EROFS, 3: errno.EACCES, 14: errno.EACCES}
"""SQLite's primary result codes for a machine's refusal (FULL, READONLY, PERM, CANTOPEN)."""


def database_blocks(
    tables: tuple[Table[Any], ...],
    batches: Iterable[Mapping[str, Iterable[Row]]],
    meta: Mapping[str, str],
) -> Iterator[bytes]:
    """The database's bytes, in blocks: every table's rows, from ``batches`` in order.

    Each batch maps table names to rows (one record's rows, or a table's all); the file is
    checked with ``foreign_key_check`` and ``integrity_check`` before it is read back. A
    failure of the disk it is made on is an ``OSError``, as when any file is written.
    """
    with tempfile.TemporaryDirectory(prefix="incidents-sqlite-") as folder:
        final = Path(folder) / SQLITE_PATH
        try:
            _make(Path(folder) / "work.sqlite", final, tables, batches, meta)
        except sqlite3.OperationalError as error:
            code = _DISK_ERRORS.get(getattr(error, "sqlite_errorcode", 0) & 0xFF, errno.EIO)
            raise OSError(code, f"could not make the database: {error}") from error
        with open(final, "rb") as handle:
            yield from read_blocks(handle)


def _make(
    work: Path,
    final: Path,
    tables: tuple[Table[Any], ...],
    batches: Iterable[Mapping[str, Iterable[Row]]],
    meta: Mapping[str, str],
) -> None:
    """Fill a fresh database at ``work``, check it, and copy it compacted to ``final``."""
    connection = sqlite3.connect(work, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")
        connection.execute("BEGIN")
        _create(connection, tables)
        inserts = {table.name: insert_statement(table) for table in tables}
        kept = {table.name: kept_cells(table) for table in tables}
        for batch in batches:
            # incidents first: the other rows look up their incident's key.
            for name in sorted(batch, key=lambda name: name != INCIDENTS):
                rows, cells = batch[name], kept[name]
                if cells is not None:
                    rows = (tuple(row[index] for index in cells) for row in rows)
                connection.executemany(inserts[name], rows)
        # Indexes made once over every row cost less than kept up to date row by row;
        # ``VACUUM INTO`` writes every table before any index, so the bytes are the same.
        for table in tables:
            for statement in create_indexes(table):
                connection.execute(statement)
        _describe(connection, tables, meta)
        connection.execute("COMMIT")
        _check(connection)
        connection.execute("VACUUM INTO ?", (str(final),))
    finally:
        connection.close()


def _create(connection: sqlite3.Connection, tables: tuple[Table[Any], ...]) -> None:
    for statement in _META:
        connection.execute(statement)
    for table in tables:
        connection.execute(create_table(table))
    for view in VIEWS:
        connection.execute(f"CREATE VIEW {quoted(view.name)} AS\n{view.sql}")


def _describe(
    connection: sqlite3.Connection, tables: tuple[Table[Any], ...], meta: Mapping[str, str]
) -> None:
    """Fill ``_dataset``, ``_tables`` and ``_columns``, so that the file explains itself."""
    connection.executemany('INSERT INTO "_dataset" VALUES (?, ?)', sorted(meta.items()))
    described: list[tuple[str, str, str | None, str, str | None]]
    described = [(t.name, "table", t.path, t.description, None) for t in tables]
    described += [(v.name, "view", None, v.description, v.sql) for v in VIEWS]
    connection.executemany('INSERT INTO "_tables" VALUES (?, ?, ?, ?, ?)', described)
    columns = [(t.name, stored_columns(t)) for t in tables]
    columns += [(v.name, view_columns(v, tables)) for v in VIEWS]
    connection.executemany(
        'INSERT INTO "_columns" VALUES (?, ?, ?, ?, ?, ?)',
        [
            (name, position, *column)
            for name, described in columns
            for position, column in enumerate(described, start=1)
        ],
    )


def _check(connection: sqlite3.Connection) -> None:
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        # A table without rowid has no row number to show (SQLite gives None).
        counted = Counter((table, parent) for table, _, parent, _ in broken)
        shown = ", ".join(
            f"{table} ({count} {'row' if count == 1 else 'rows'}) -> {parent}"
            for (table, parent), count in counted.items()
        )
        raise DatabaseError(f"{SQLITE_PATH}: rows refer to missing rows: {shown}")
    verdict = connection.execute("PRAGMA integrity_check").fetchall()
    if verdict != [("ok",)]:
        raise DatabaseError(f"{SQLITE_PATH}: integrity check failed: {verdict}")
