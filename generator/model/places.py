"""Where an incident happened: a place, from a site to a whole country, and its point."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, get_args

from pydantic import Field

from .fields import CoordinatePrecision, CountryCode, Extent, Line, Record, Slug, SourceId

EXTENTS: tuple[Extent, ...] = get_args(Extent)
"""Extents from the narrowest (a site) to the widest (the country)."""
WIDE: tuple[Extent, ...] = ("country", "regions")
"""Extents too wide to be drawn as a point on a map."""


class Coordinates(Record):
    """A point in WGS 84 and what it is accurate to."""

    lat: Annotated[float, Field(ge=-90, le=90, strict=True)]
    lon: Annotated[float, Field(ge=-180, le=180, strict=True)]
    precision: CoordinatePrecision


class Place(Record):
    """One place where the incident happened: a site, a settlement, a region or a whole country."""

    id: Slug | None = None
    """Unique within the record, for figures and measures that refer to this place."""
    country: CountryCode
    """ISO 3166-1 alpha-2 code."""
    region: Line | None = None
    """Region (oblast) or city of republican significance, from the vocabulary."""
    district: Line | None = None
    """District (raion) within the region."""
    settlement: Line | None = None
    """City, town or village."""
    address: Line | None = None
    """Street address."""
    landmark: Line | None = None
    """Building or landmark ('National Guard base')."""
    coordinates: Coordinates | None = None
    """A point and what it is accurate to; a settlement's centre is not the scene."""
    extent: Extent | None = None
    """How much ground the place covers; when left out, the narrowest field given decides."""
    role: Line | None = None
    """What happened here, for multi-site incidents ('gun shop', 'National Guard base')."""
    scene: bool = True
    """False for a place the record names that is no scene of the violence: where people fled
    to, were treated or were held. Regional sums count the event where its scenes are."""
    sources: tuple[SourceId, ...] = ()
    """The sources that place the incident here."""

    @property
    def scope(self) -> Extent | None:
        """The extent given, or the one the narrowest named field implies.

        None when only the country is named: the source did not say where in it, which is not
        the whole country.
        """
        if self.extent is not None:
            return self.extent
        if (
            self.address
            or self.landmark
            or self.coordinates
            and self.coordinates.precision
            in (
                "exact",
                "street",
            )
        ):
            return "site"
        if self.settlement:
            return "settlement"
        if self.district:
            return "district"
        return "region" if self.region else None


def widest_extent(places: Iterable[Place]) -> Extent | None:
    """The most ground any scene among ``places`` covers; None when no scene says."""
    scopes = [p.scope for p in places if p.scene and p.scope is not None]
    return max(scopes, key=EXTENTS.index, default=None)
