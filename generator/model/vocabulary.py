"""The controlled vocabularies, and the dataset a build renders."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import Field

from .fields import Language, Line, PublisherType, Record, Slug, Text
from .incident import Incident
from .source import Source


class Term(Record):
    """A controlled-vocabulary entry."""

    id: Slug
    label: Line
    description: Text | None = None


class FigureTerm(Term):
    """A figure that records may count, and its unit."""

    unit: Literal["people", "buildings", "vehicles", "hours", "money"]
    """What it counts: people, buildings, vehicles, hours, or an amount of money (each claim
    names its currency)."""


class Region(Record):
    """A first-level division (oblast or city of republican significance)."""

    name: Line
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    kind: Literal["region", "city"]
    former_names: tuple[Line, ...] = ()


class Country(Record):
    """A country whose bounding box checks coordinates; records may name any ISO 3166-1 code."""

    code: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    """ISO 3166-1 alpha-2 code."""
    name: Line
    bbox: tuple[float, float, float, float]
    """West, south, east and north bounds in degrees."""

    def contains(self, lat: float, lon: float) -> bool:
        """The point lies inside the bounding box."""
        west, south, east, north = self.bbox
        return south <= lat <= north and west <= lon <= east


class PublisherTerm(Record):
    """A publisher known by its web address: what ``new source`` fills in from a URL."""

    name: Line
    """The publisher as source files spell it."""
    type: PublisherType
    language: Language | None = None
    """The language of its reports at this address, where it has one."""


Domain = Annotated[str, Field(pattern=r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")]
"""A host name without 'www.': it also stands for every host under it."""


class Vocabulary(Record):
    """The controlled vocabularies in ``content/vocabulary.yaml``."""

    incident_types: tuple[Term, ...]
    tactics: tuple[Term, ...]
    figures: tuple[FigureTerm, ...]
    target_types: tuple[Term, ...] = ()
    """Types of target, after the Global Terrorism Database's target types."""
    weapon_types: tuple[Term, ...] = ()
    """Types of weapon, after the Global Terrorism Database's weapon types."""
    measure_kinds: tuple[Term, ...] = ()
    """Measures declared because of an event: alert levels, states of emergency, curfews..."""
    regions: tuple[Region, ...]
    countries: tuple[Country, ...] = ()
    publishers: dict[Domain, PublisherTerm] = Field(default_factory=dict)
    """Publishers by the domain of their addresses (``inform.kz``), for ``new source``."""

    def unit(self, figure: str) -> str:
        """The unit of a figure id ('people' when unknown)."""
        return next((term.unit for term in self.figures if term.id == figure), "people")

    def publisher_at(self, host: str) -> PublisherTerm | None:
        """The publisher of an address's host: the longest known domain it is, or is under."""
        parts = host.lower().rstrip(".").split(".")
        for start in range(len(parts) - 1):
            found = self.publishers.get(".".join(parts[start:]))
            if found is not None:
                return found
        return None

    def label(self, kind: str, term_id: str) -> str:
        """Human label of a vocabulary id, falling back to the id."""
        terms: tuple[Term, ...] = getattr(self, kind)
        return next((term.label for term in terms if term.id == term_id), term_id)


class Dataset(Record):
    """Everything a build renders: incidents in id order, sources by id, the vocabulary."""

    incidents: Sequence[Incident]
    """In id order: a tuple, or a build's ``LazyRecords`` (read when first iterated)."""
    sources: dict[str, Source]
    vocabulary: Vocabulary

    @property
    def published(self) -> tuple[Incident, ...]:
        """Incidents with status 'published'."""
        return tuple(i for i in self.incidents if i.status == "published")
