"""What checking each record made, its packed page and data parts, kept in the store.

The store's ``made`` table holds each piece under its record's id and name ('' for the page,
a data file's path for a part) with a digest keyed with the store's seal key: the digest
names the piece in the outputs' keys (``output_cache``), and it is checked before a piece is
unpacked, since ``marshal`` must never read bytes that no build of this store wrote. A record
checked again replaces its pieces; the pieces of a record taken from a stored chunk stay as
they are, so an edit writes the pieces of the edited record alone. A piece is read back only
when the file that needs it is made.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar

from generator.build.record_outputs import Made
from generator.build.state_schema import StoreDamaged
from generator.build.store import Store

V = TypeVar("V")
DIGEST_BYTES = 16


def put_made(store: Store, incident_id: str, made: Made) -> None:
    """Replace what checking the record made: its page (named '') and its parts."""
    page, parts = made
    store.db.execute("DELETE FROM made WHERE incident = ?", (incident_id,))
    store.db.executemany(
        "INSERT INTO made VALUES (?, ?, ?, ?)",
        (
            (incident_id, name, _digest(store.key, piece), piece)
            for name, piece in (("", page), *parts.items())
        ),
    )


def _digest(key: bytes, piece: bytes) -> bytes:
    return hashlib.blake2b(piece, key=key, digest_size=DIGEST_BYTES).digest()


class StoredMade(Mapping[str, Made]):
    """Every record's ``Made`` by id, read from the store's ``made`` table when looked up.

    The names of every record's pieces are read at once, when first needed. The files made
    of every record's part read the parts in id order, so each name's pieces are read with
    one query whose rows are taken as the ids come (``_Reader``); a piece asked for out of
    that order is read on its own.
    """

    def __init__(self, store: Store, fresh: frozenset[str] = frozenset()) -> None:
        self._store = store
        self.fresh = fresh
        """The records checked again in this build (``ChunkCache.fresh``): the pieces of the
        others are as the last build that succeeded left them."""
        self._names: dict[str, tuple[str, ...]] | None = None
        self._readers: dict[str, _Reader] = {}

    def _piece(self, record_id: str, name: str, alone: bool = False) -> bytes:
        found = None
        if not alone:
            reader = self._readers.get(name)
            if reader is None or not reader.ahead_of(record_id):
                reader = self._readers[name] = _Reader(self._store, name)
            found = reader.take(record_id)
        if found is None:
            query = "SELECT packed, digest FROM made WHERE name = ? AND incident = ?"
            found = self._store.db.execute(query, (name, record_id)).fetchone()
        if found is None:
            raise KeyError(f"{record_id}: {name}")
        packed, digest = found
        if not hmac.compare_digest(_digest(self._store.key, packed), digest):
            raise StoreDamaged(f"what record {record_id} made does not match its digest")
        return bytes(packed)

    def _every(self) -> dict[str, tuple[str, ...]]:
        """Each record's part names (its page is named ''), by id in id order."""
        if self._names is None:
            query = (
                "SELECT incident, group_concat(name, char(0)) FROM"
                " (SELECT incident, name FROM made WHERE name != '' ORDER BY incident, name)"
                " GROUP BY incident"
            )
            parts = dict(self._store.db.execute(query))
            pages = self._store.db.execute("SELECT incident FROM made WHERE name = ''")
            # Records with the same parts share one tuple of their names.
            shared: dict[str, tuple[str, ...]] = {"": ()}

            def names(joined: str) -> tuple[str, ...]:
                found = shared.get(joined)
                if found is None:
                    found = shared[joined] = tuple(joined.split("\0"))
                return found

            self._names = {record_id: names(parts.get(record_id, "")) for (record_id,) in pages}
        return self._names

    def page(self, record_id: str) -> bytes:
        """The record's packed page."""
        return self._piece(record_id, "")

    def part(self, record_id: str, path: str) -> bytes:
        """The record's packed data part for ``path``."""
        return self._piece(record_id, path)

    def part_alone(self, record_id: str, path: str) -> bytes:
        """The record's packed data part for ``path``, read on its own: for a few of many."""
        return self._piece(record_id, path, alone=True)

    def part_names(self, record_id: str) -> tuple[str, ...]:
        """The paths of the record's data parts."""
        return self._every().get(record_id, ())

    def parts(self, record_id: str) -> dict[str, bytes]:
        """The record's packed data parts by path."""
        return {name: self.part(record_id, name) for name in self.part_names(record_id)}

    def pages(self) -> Mapping[str, bytes]:
        """Every record's packed page by id, each read when it is looked up."""
        return _ByRecord(self, self.page)

    def parts_by_record(self) -> Mapping[str, Mapping[str, bytes]]:
        """Every record's packed data parts by id, then path, each read when it is looked up."""
        return _ByRecord(
            self, lambda record_id: _RecordParts(self, record_id, self.part_names(record_id))
        )

    def __getitem__(self, record_id: str) -> Made:
        return self.page(record_id), self.parts(record_id)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._every()

    def __iter__(self) -> Iterator[str]:
        return iter(self._every())

    def __len__(self) -> int:
        return len(self._every())


class _Reader:
    """The pieces of one name in id order, taken as the ids are asked for, in that order."""

    def __init__(self, store: Store, name: str) -> None:
        query = "SELECT incident, packed, digest FROM made WHERE name = ? ORDER BY incident"
        self._rows = store.db.execute(query, (name,))
        self._next: tuple[str, bytes, bytes] | None = self._rows.fetchone()
        self._last = ""

    def ahead_of(self, record_id: str) -> bool:
        """True when ``record_id`` has not been passed yet."""
        return record_id >= self._last

    def take(self, record_id: str) -> tuple[bytes, bytes] | None:
        """The piece and digest of ``record_id``, or None when it has none (or was passed)."""
        self._last = record_id
        while self._next is not None and self._next[0] < record_id:
            self._next = self._rows.fetchone()
        if self._next is None or self._next[0] != record_id:
            return None
        _, packed, digest = self._next
        self._next = self._rows.fetchone()
        return packed, digest


class _ByRecord(Mapping[str, V]):
    """Something of every record in a ``StoredMade`` by id, read by ``read`` when looked up."""

    def __init__(self, made: StoredMade, read: Callable[[str], V]) -> None:
        self._made = made
        self._read = read

    def __getitem__(self, record_id: str) -> V:
        return self._read(record_id)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._made

    def __iter__(self) -> Iterator[str]:
        return iter(self._made)

    def __len__(self) -> int:
        return len(self._made)


class _RecordParts(Mapping[str, bytes]):
    """One record's packed data parts by path, each read when it is looked up."""

    def __init__(self, made: StoredMade, record_id: str, names: tuple[str, ...]) -> None:
        self._made = made
        self._id = record_id
        self._names = names

    def __getitem__(self, path: str) -> bytes:
        return self._made.part(self._id, path)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def pages_of(made: Mapping[str, Made]) -> Mapping[str, bytes]:
    """The packed page of each record in ``made``, by id."""
    if isinstance(made, StoredMade):
        return made.pages()
    return {key: page for key, (page, _) in made.items()}


def parts_of(made: Mapping[str, Made]) -> Mapping[str, Mapping[str, bytes]]:
    """The packed data parts of each record in ``made``, by id then path."""
    if isinstance(made, StoredMade):
        return made.parts_by_record()
    return {key: parts for key, (_, parts) in made.items()}
