"""The store's rows as the output cache reads them, and the keys of the outputs last made.

The summary rows (``incidents``), the digests of what each record made (``made``) and the
``outputs`` table, read and written in the build's transaction (``store.Store``) by
``output_cache``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator


class OutputRows:
    """The output cache's queries on an open store's connection."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def report_rows(self) -> Iterator[tuple[str, str]]:
        """Each published record's id and ``report_part`` digest, in id order."""
        query = "SELECT id, report FROM incidents WHERE status = 'published' ORDER BY id"
        yield from self.db.execute(query)

    def exported_rows(self, part: str) -> Iterator[tuple[str, str, str, bytes | None]]:
        """Each exported (not draft) record's id, path, ``report_part`` and digest of ``part``.

        The digest is the one kept of the record's packed data ``part`` (``made``); None when
        there is none. In id order.
        """
        query = (
            "SELECT id, path, report, made.digest FROM incidents LEFT JOIN made"
            " ON made.name = ? AND made.incident = incidents.id"
            " WHERE status != 'draft' ORDER BY id"
        )
        yield from self.db.execute(query, (part,))

    def record_rows(self) -> Iterator[tuple[str, str, str, str]]:
        """Every record's id, path, status and ``report_part``, in id order."""
        yield from self.db.execute("SELECT id, path, status, report FROM incidents ORDER BY id")

    def file_key(self, incident_id: str) -> str | None:
        """The key of the record's file as its chunk was named with (``ChunkCache.file_key``)."""
        row = self.db.execute("SELECT digest FROM incidents WHERE id = ?", (incident_id,))
        found = row.fetchone()
        return None if found is None else str(found[0])

    def page_digests(self) -> dict[str, bytes]:
        """A digest of each record's packed page as its process made it, by id."""
        return dict(self.db.execute("SELECT incident, digest FROM made WHERE name = ''"))

    def parts_digest(self, name: str) -> str:
        """Every record's id and the digest of its packed part ``name`` (a data file), as text.

        One row per record that has such a part; the rows come in the table's key order (by
        id), and another order could only make a build make the file again, never keep it.
        """
        query = "SELECT group_concat(incident || ' ' || hex(digest), ' ') FROM made WHERE name = ?"
        found = self.db.execute(query, (name,)).fetchone()[0]
        return found if isinstance(found, str) else ""

    def record_count(self) -> int:
        """How many records have summary rows."""
        return int(self.db.execute("SELECT count(*) FROM incidents").fetchone()[0])

    def output(self, name: str) -> tuple[str, list[str]] | None:
        """The key and paths under build/docs/ of the output group ``name`` as last made."""
        row = self.db.execute("SELECT key, paths FROM outputs WHERE name = ?", (name,)).fetchone()
        if row is None:
            return None
        key, paths = row
        return key, paths.split("\n") if paths else []

    def put_output(self, name: str, key: str, paths: Iterable[str]) -> None:
        """Record the key and paths of the output group ``name`` as this build made it."""
        self.db.execute(
            "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?)", (name, key, "\n".join(paths))
        )

    def output_keys(self, prefix: str) -> dict[str, str]:
        """The key of every output group whose name starts with ``prefix``, by name."""
        query = "SELECT name, key FROM outputs WHERE name >= ? AND name < ?"
        return dict(self.db.execute(query, (prefix, f"{prefix}\uffff")))

    def put_output_keys(self, keys: Iterable[tuple[str, str, str]]) -> None:
        """Record many output groups of one path each: (name, key, path)."""
        self.db.executemany("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?)", keys)

    def drop_outputs(self, names: Iterable[str]) -> None:
        """Forget many output groups."""
        self.db.executemany("DELETE FROM outputs WHERE name = ?", ((name,) for name in names))

    def drop_output(self, name: str) -> None:
        """Forget the output group ``name``: the next build makes it."""
        self.db.execute("DELETE FROM outputs WHERE name = ?", (name,))
