"""Each record's packed page and data parts, kept in a temporary file until they are written.

At 100,000 records the packed parts alone take hundreds of megabytes; in a file beside the
build they take none of its memory. The build's process keeps only where each part lies, and
reads a part back when the file that needs it is written.
"""

from __future__ import annotations

import os
import tempfile
import weakref
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, TypeVar

from generator.build.record_outputs import Made
from generator.content.validate import Checked, Context, FileChecker

V = TypeVar("V")


class MadeFile(Mapping[str, Made]):
    """Records' ``Made`` by id, written to an unnamed temporary file as they come.

    Each record keeps the index of its first piece in ``_ends`` (the end offset of every piece,
    the page then each part) and the names of its parts, a tuple shared by records that have
    the same parts.
    """

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._file: BinaryIO = tempfile.TemporaryFile(dir=folder, prefix=".made-")  # noqa: SIM115
        # Closed with the last view that reads it (incident pages are filled as written).
        self._close = weakref.finalize(self, self._file.close)
        self._ends = array("q", [0])
        self._records: dict[str, tuple[int, tuple[str, ...]]] = {}
        self._names: dict[tuple[str, ...], tuple[str, ...]] = {}

    def add(self, record_id: str, made: Made) -> None:
        """Write one record's page and parts to the file and remember where they lie."""
        page, parts = made
        names = tuple(parts)
        names = self._names.setdefault(names, names)
        self._records[record_id] = (len(self._ends) - 1, names)
        end = self._ends[-1]
        for piece in (page, *parts.values()):
            self._file.write(piece)
            end += len(piece)
            self._ends.append(end)

    def _piece(self, index: int) -> bytes:
        start = self._ends[index]
        self._file.flush()
        return os.pread(self._file.fileno(), self._ends[index + 1] - start, start)

    def page(self, record_id: str) -> bytes:
        """The record's packed page."""
        return self._piece(self._records[record_id][0])

    def parts(self, record_id: str) -> dict[str, bytes]:
        """The record's packed data parts by path."""
        first, names = self._records[record_id]
        return {name: self._piece(first + 1 + n) for n, name in enumerate(names)}

    def part_names(self, record_id: str) -> tuple[str, ...]:
        """The paths of the record's data parts."""
        return self._records[record_id][1]

    def part(self, record_id: str, path: str) -> bytes:
        """The record's packed data part for ``path``."""
        first, names = self._records[record_id]
        try:
            index = names.index(path)
        except ValueError:
            raise KeyError(path) from None
        return self._piece(first + 1 + index)

    def pages(self) -> Mapping[str, bytes]:
        """Every record's packed page by id, each read when it is looked up."""
        return _ByRecord(self, self.page)

    def parts_by_record(self) -> Mapping[str, Mapping[str, bytes]]:
        """Every record's packed data parts by id, then path, each read when it is looked up."""
        return _ByRecord(
            self, lambda record_id: _RecordParts(self, record_id, self.part_names(record_id))
        )

    def close(self) -> None:
        """Close (and so delete) the temporary file."""
        self._close()

    def __getitem__(self, record_id: str) -> Made:
        return self.page(record_id), self.parts(record_id)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._records  # without reading the record back

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)


class _ByRecord(Mapping[str, V]):
    """Something of every record in a ``MadeFile`` by id, read by ``read`` when looked up."""

    def __init__(self, made: MadeFile, read: Callable[[str], V]) -> None:
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

    def __init__(self, made: MadeFile, record_id: str, names: tuple[str, ...]) -> None:
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
    if isinstance(made, MadeFile):
        return made.pages()
    return {key: page for key, (page, _) in made.items()}


def parts_of(made: Mapping[str, Made]) -> Mapping[str, Mapping[str, bytes]]:
    """The packed data parts of each record in ``made``, by id then path."""
    if isinstance(made, MadeFile):
        return made.parts_by_record()
    return {key: parts for key, (_, parts) in made.items()}


def made_into(made: MadeFile, check_files: FileChecker) -> FileChecker:
    """``check_files``, putting what each record made into ``made`` instead of returning it."""

    def check(paths: list[Path], context: Context) -> Iterable[Checked]:
        for checked in check_files(paths, context):
            if checked.made is None or checked.summary is None:
                yield checked
                continue
            made.add(checked.summary.id, checked.made)
            yield replace(checked, made=None)

    return check
