"""The open-data tables: CSV columns (type, description, value) and the cells of each row.

Each table pairs every column with the function that reads its cell, so that the CSV rows,
the Frictionless schema (``descriptor``) and the data page cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, Generic, NamedTuple, Protocol, TypeVar, get_args

from generator.model import (
    Figure,
    Incident,
    Role,
    Rule,
)
from generator.text.figures import figure_key
from generator.text.filters import short_place

Cell = str | int | float | bool | dt.date | None
T = TypeVar("T")

ROLES: tuple[str, ...] = get_args(Role)
"""Every role a figure may count, in model order."""
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
"""The licence of the data files (the code is MIT, see pyproject.toml)."""


@dataclass(frozen=True)
class Column(Generic[T]):
    """One CSV column: its Frictionless type, what it means, and how to read its cell."""

    name: str
    type: str
    description: str
    read: Callable[[T], Cell]
    enum: tuple[str, ...] = ()
    """Allowed values, when the column is a controlled list."""


@dataclass(frozen=True)
class ForeignKey:
    """Columns of one table that name a row of another table."""

    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]
    indexed: bool = True
    """Whether the database indexes these columns (``database.create_indexes``)."""


SOURCE = ForeignKey(("source_id",), "sources", ("id",), indexed=False)
"""A row's source. Not indexed: queries go from a row to its source, by the source's key; an
index would serve only "every row of one source", which no documented query asks, and it
was half the size of the claims it indexed (its keys are long text ids)."""


@dataclass(frozen=True)
class Table(Generic[T]):
    """One CSV file: its columns, keys and description."""

    name: str
    description: str
    columns: tuple[Column[T], ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = field(default=())
    unique: tuple[str, ...] = ()
    """Columns whose every filled cell differs from the others' (keys other tables refer by)."""

    @property
    def path(self) -> str:
        """File name under data/."""
        return f"{self.name}.csv"

    @property
    def header(self) -> tuple[str, ...]:
        """Column names, in order."""
        return tuple(column.name for column in self.columns)

    def rows(self, items: Iterable[T]) -> Iterator[tuple[Cell, ...]]:
        """One row of cells per item, lazily."""
        readers = [column.read for column in self.columns]
        for item in items:
            yield tuple([read(item) for read in readers])


def column(
    name: str,
    kind: str,
    read: str | Callable[[Any], Cell],
    description: str,
    enum: tuple[str, ...] = (),
) -> Column[Any]:
    """A column read by a dotted attribute path (``"claim.source"``) or by a function.

    A path that meets a missing part (``"violence.category"`` without a classification) reads
    as an empty cell.
    """
    reader = _path_reader(read) if isinstance(read, str) else read
    return Column(name, kind, description, reader, enum)


def labelled(what: str, vocabulary: str) -> str:
    """The description of a column of ids of a vocabulary: ``what``, and where its label is."""
    return f"{what} (its label is in terms.csv, vocabulary `{vocabulary}`)."


def _path_reader(path: str) -> Callable[[Any], Cell]:
    steps = tuple(attrgetter(name) for name in path.split("."))
    if len(steps) == 1:  # most columns: one attribute, read without the loop
        (step,) = steps

        def read_one(item: Any) -> Cell:
            return None if item is None else step(item)

        return read_one

    def read(item: Any) -> Cell:
        value = item
        for step in steps:
            if value is None:
                return None
            value = step(value)
        cell: Cell = value
        return cell

    return read


_PARTS = (
    "Where claims count parts of the whole apart (claims.csv `part`), the {} numbers their "
    "claims give, added up over the parts (a part given only in words adds nothing); empty "
    "otherwise."
)
_CLAIMED = (
    "{} number any claim gives; where claims count parts of the whole apart (claims.csv "
    "`part`), it may be a part's."
)


class FigureRow(NamedTuple):
    """A figure with the incident it belongs to."""

    incident: Incident
    figure: Figure


def joined(values: Iterable[object]) -> str:
    """Values of a list cell, separated by ';' (empty for none)."""
    return ";".join(str(value) for value in values)


def moment(value: dt.date | None) -> str | None:
    """ISO 8601 text of a date or date-time, as recorded."""
    return value.isoformat() if value is not None else None


def figures_table() -> Table[FigureRow]:
    """figures.csv: one row per figure of an incident, with its estimate and claimed range."""
    columns: tuple[Column[FigureRow], ...] = (
        column("incident_id", "string", "incident.id", "The incident."),
        *_figure_key_columns(),
        column("is_part", "boolean", "figure.is_part", _IS_PART),
        column("best", "number", _part("best"), "Curated best estimate."),
        column("low", "number", _part("low"), "Curated low estimate."),
        column("high", "number", _part("high"), "Curated high estimate."),
        column("rule", "string", _part("rule"), _RULE, get_args(Rule)),
        column("currency", "string", _part("currency"), "ISO 4217 currency of an amount."),
        column("rationale", "string", _part("rationale"), "Why, where the curator says."),
        column("claim_count", "integer", lambda r: len(r.figure.claims), _CLAIMS),
        column("claimed_low", "number", "figure.claimed_low", _CLAIMED.format("Smallest")),
        column("claimed_high", "number", "figure.claimed_high", _CLAIMED.format("Largest")),
        column("parts_low", "number", "figure.parts_total.low", _PARTS.format("smallest")),
        column("parts_high", "number", "figure.parts_total.high", _PARTS.format("largest")),
        column(
            "disputed",
            "boolean",
            "figure.is_disputed",
            "Sources give numbers that cannot all be true ('at least 7' beside 17 does not "
            "dispute it; claims of different parts, claims.csv `part`, do not either).",
        ),
        column("note", "string", "figure.note", "Curator's note on the figure."),
    )
    return Table(
        "figures",
        "One row per figure (killed, injured, hostages...) of an incident, by role, and by "
        "party, cause, place or country where a source splits it.",
        columns,
        ("incident_id", "figure_key"),
        (ForeignKey(("incident_id",), "incidents", ("id",)), *_PARTY_KEYS),
    )


_CLAIMS = "Number of claims (rows in claims.csv)."
_IS_PART = (
    "true when the figure counts only part of its role's whole: one party, cause (by), place "
    "or country. Sum only rows where it is false, or the parts are counted twice."
)
_PARTY_KEYS = (
    ForeignKey(("party_key",), "parties", ("party_key",)),
    ForeignKey(("by_key",), "parties", ("party_key",)),
)


def _figure_key_columns() -> tuple[Column[Any], ...]:
    """The columns that say which figure of an incident a row is about."""
    return (
        column("figure_key", "string", figure_key_of, _FIGURE_KEY),
        column("figure", "string", "figure.figure", labelled("Figure id", "figures")),
        column("role", "string", "figure.role", labelled("Whom the figure counts", "roles"), ROLES),
        column("party", "string", "figure.party", "The party counted, if one."),
        column("party_key", "string", _key("party"), PARTY_KEY_NOTE),
        column("by", "string", "figure.by", "The party that caused it, where a source says."),
        column("by_key", "string", _key("by"), PARTY_KEY_NOTE),
        column("place", "string", "figure.place", "The place it was counted in, if one."),
        column("place_name", "string", _place_name, "That place by its most specific name."),
        column("country", "string", "figure.country", "The country it was counted in, if one."),
    )


_FIGURE_KEY = (
    "The figure within its incident: figure and role, then party-, by-, place- and in- parts "
    "where it counts only part of the whole ('killed-civilians-place-square'). On the "
    "incident's page (incidents.csv `url`) the figure's claims are under the anchor "
    "`#figure-<figure_key>`."
)


class OfFigure(Protocol):
    """A row about one figure (figures.csv's or claims.csv's)."""

    @property
    def figure(self) -> Figure: ...


def figure_key_of(row: OfFigure) -> str:
    """The figure's key within its incident: its page anchor without 'figure-'."""
    return figure_key(row.figure)


def party_key(incident_id: str, party_id: str | None) -> str | None:
    """A party's key across the whole dataset ('<incident id>/<party id>'), or None for none.

    figures.csv names its parties by it: a Frictionless foreign key of two
    columns fails on a row whose party is empty, a key of one empty column is not checked.
    """
    return f"{incident_id}/{party_id}" if party_id is not None else None


def _key(name: str) -> Callable[[FigureRow], Cell]:
    def read(row: FigureRow) -> Cell:
        return party_key(row.incident.id, getattr(row.figure, name))

    return read


def _place_name(row: FigureRow) -> str | None:
    place = row.incident.place(row.figure.place) if row.figure.place else None
    return short_place(place) if place is not None else None


def _part(name: str) -> Callable[[FigureRow], Cell]:
    def read(row: FigureRow) -> Cell:
        value: Cell = getattr(row.figure.estimate, name) if row.figure.estimate else None
        return value

    return read


PARTY_KEY_NOTE = "That party's key, `<incident id>/<party id>`, as parties.csv's `party_key`."
_RULE = labelled("Rule that chose the estimate (the methodology explains each rule)", "rules")
