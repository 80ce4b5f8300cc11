"""A build's records read in chunks only when something reads them (``LazyRecords``).

At 100,000 records the checked records take gigabytes; a build that only edits one record
needs few of them, since what depends on several records is worked out from their summaries
(``summary``). The records are kept in chunks by whoever made them (the build's store); this
sequence asks for a chunk when one of its records is read.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Any, overload

from .incident import Incident


class LazyRecords(Sequence[Incident]):
    """Records in chunks, each chunk read by ``read`` the first time one of its records is.

    ``chunks`` names each chunk with the ids of its records, in order; reading every record
    (iterating, indexing) reads every chunk once, after which the records stay in memory.
    ``read_rows``, when given, reads what the chunks' maker keeps beside a chunk's records
    (``rows``).
    """

    def __init__(
        self,
        chunks: list[tuple[str, list[str]]],
        read: Callable[[str], list[Incident]],
        read_rows: Callable[[str], list[Any]] | None = None,
    ):
        self._chunks = chunks
        self._read = read
        self._read_rows = read_rows
        self._count = sum(len(ids) for _, ids in chunks)
        self._all: tuple[Incident, ...] | None = None
        self._picked: dict[str, Incident] = {}

    def _every(self) -> tuple[Incident, ...]:
        if self._all is None:
            found: list[Incident] = []
            for name, ids in self._chunks:
                if ids:
                    found += self._read(name)
            self._all = tuple(found)
            self._picked = {}
        return self._all

    def pick(self, ids: Collection[str]) -> dict[str, Incident]:
        """The records with these ids, by id: only the chunks that hold them are read."""
        if self._all is not None:
            return {i.id: i for i in self._all if i.id in ids}
        for name, held in self._chunks:
            if any(key in ids and key not in self._picked for key in held):
                self._picked.update((i.id, i) for i in self._read(name) if i.id in ids)
        return {key: self._picked[key] for key in ids if key in self._picked}

    def each(self) -> Iterator[Incident]:
        """Every record in order, a chunk at a time, none kept once the next chunk is read.

        For an output that reduces each record to a small row: the records are never all in
        memory at once, as they are once iterated (which keeps them for the next reader).
        """
        if self._all is not None:
            yield from self._all
            return
        for name, ids in self._chunks:
            if ids:
                yield from self._read(name)

    def rows(self) -> Iterator[Any] | None:
        """What the chunks' maker keeps beside their records, a chunk at a time, in order.

        The site's report reads its facts so. None when the maker keeps nothing.
        """
        if self._read_rows is None:
            return None
        read = self._read_rows
        return (row for name, ids in self._chunks if ids for row in read(name))

    @property
    def read(self) -> bool:
        """True once every record has been read."""
        return self._all is not None

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Incident: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Incident]: ...
    def __getitem__(self, index: int | slice) -> Incident | Sequence[Incident]:
        return self._every()[index]

    def __iter__(self) -> Iterator[Incident]:
        return iter(self._every())


def each(incidents: Sequence[Incident]) -> Iterator[Incident]:
    """The records of ``incidents`` in order, without keeping them all (``LazyRecords.each``)."""
    if isinstance(incidents, LazyRecords):
        return incidents.each()
    return iter(incidents)


def pick(incidents: Sequence[Incident], ids: Collection[str]) -> dict[str, Incident]:
    """The records of ``incidents`` with these ids, by id, reading no more of them than needed."""
    if isinstance(incidents, LazyRecords):
        return incidents.pick(ids)
    return {incident.id: incident for incident in incidents if incident.id in ids}
