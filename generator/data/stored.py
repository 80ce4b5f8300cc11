"""How the database stores the CSV tables: the same columns, with two keys made shorter.

An incident is named by ``incident_key``, the ``INTEGER PRIMARY KEY`` of incidents (kept beside
its text ``id``), in every table whose CSV file has ``incident_id``: the 37-byte id in every
row and key was a fifth of the file. A party is named by its incident and its id, so that
parties need no ``party_key`` column and no index on it (an eighth of the rest): figures' foreign
keys on ``party_key`` and ``by_key`` become keys on (``incident_key``, ``party``) and
(``incident_key``, ``by``), which SQLite checks only where the party is filled. The views give
``incident_id`` and ``party_key`` back (``queries.VIEWS``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.data.queries import View, selected
from generator.data.tables import Table

INCIDENTS = "incidents"
"""The table of incidents, whose integer key the other tables name."""
INCIDENT_ID = "incident_id"
"""The CSV files' column naming an incident by its text id."""
INCIDENT_KEY = "incident_key"
"""The database's column naming an incident by incidents' integer key, in place of the id."""
INCIDENT_KEY_NOTE = (
    "The incident's integer key in this database (incidents.incident_key), in place of the "
    "CSV file's incident_id; incidents.id is its text id."
)
"""What ``incident_key`` means in a table other than incidents."""
OWN_KEY_NOTE = (
    "The incident's integer key in this database, by which every other table names it "
    "(incident_key); not in incidents.csv, and not stable from one release to the next: "
    "link to an incident by id."
)
"""What ``incident_key`` means in incidents."""
LEFT_OUT = frozenset({("parties", "party_key")})
"""Columns of a CSV file that the database leaves out: (table, column)."""
PARTY_KEYS = {"party_key": "party", "by_key": "by"}
"""Each column naming a party by its key, and the column of the party's id beside it."""
SQL_TYPES = {
    "string": "TEXT",
    "date": "TEXT",
    "integer": "INTEGER",
    "boolean": "INTEGER",
    "number": "REAL",
}
"""Each Frictionless column type's SQL type."""


@dataclass(frozen=True)
class StoredKey:
    """A foreign key as the database declares it."""

    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]
    indexed: bool


def stored_name(name: str) -> str:
    """A CSV column's name in the database: ``incident_id`` is stored as ``incident_key``."""
    return INCIDENT_KEY if name == INCIDENT_ID else name


def stored_columns(table: Table[Any]) -> list[tuple[str, str, str, str]]:
    """The database's columns of a table, in order: name, type, SQL type and description."""
    found = [(INCIDENT_KEY, "integer", "INTEGER", OWN_KEY_NOTE)] if table.name == INCIDENTS else []
    for column in table.columns:
        if (table.name, column.name) in LEFT_OUT:
            continue
        if column.name == INCIDENT_ID:
            found.append((INCIDENT_KEY, "integer", "INTEGER", INCIDENT_KEY_NOTE))
        else:
            found.append((column.name, column.type, SQL_TYPES[column.type], column.description))
    return found


def kept_cells(table: Table[Any]) -> tuple[int, ...] | None:
    """The positions of a CSV row's cells that the database stores; None for all."""
    kept = tuple(
        index for index, name in enumerate(table.header) if (table.name, name) not in LEFT_OUT
    )
    return None if len(kept) == len(table.header) else kept


def primary_key(table: Table[Any]) -> tuple[str, ...]:
    """The table's key in the database: incidents' is their integer key."""
    if table.name == INCIDENTS:
        return (INCIDENT_KEY,)
    return tuple(map(stored_name, table.primary_key))


def foreign_keys(table: Table[Any]) -> list[StoredKey]:
    """The table's foreign keys in the database, in the order of the CSV file's."""
    found = []
    for key in table.foreign_keys:
        fields, reference = key.fields, key.reference
        if key.resource == "parties" and reference == ("party_key",):
            fields, reference = (INCIDENT_ID, PARTY_KEYS[fields[0]]), (INCIDENT_ID, "party")
        elif key.resource == INCIDENTS and reference == ("id",):
            reference = (INCIDENT_ID,)
        found.append(
            StoredKey(
                tuple(map(stored_name, fields)),
                key.resource,
                tuple(map(stored_name, reference)),
                key.indexed,
            )
        )
    return found


def view_columns(view: View, tables: tuple[Table[Any], ...]) -> list[tuple[str, str, str, str]]:
    """A view's columns as ``stored_columns`` gives a table's: name, type, SQL type, meaning.

    A column taken from a table has that column's type, SQL type and meaning, unless the
    view says what it means there (``View.meaning``); one the view computes has the type and
    meaning the view gives it (``View.computed``) and no SQL type, as SQLite declares none.
    """
    stored = {
        (table.name, name): (kind, sql_type, about)
        for table in tables
        for name, kind, sql_type, about in stored_columns(table)
    }
    found = []
    for name, taken in selected(view):
        if taken in stored:
            kind, sql_type, about = stored[taken]
            found.append((name, kind, sql_type, view.meaning.get(name, about)))
        elif taken is None and name in view.computed:
            kind, about = view.computed[name]
            found.append((name, kind, "", about))
        else:
            raise ValueError(f"view {view.name}: column {name!r} is not described")
    return found
