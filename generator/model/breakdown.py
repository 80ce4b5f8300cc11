"""How a figure's total splits into parts, and which area an event's counts belong to.

Parts are by role, by whom, by place and by country; what they leave of the total is what the
source did not classify.
A part never counts twice: a total split by place sends each part to its place and only the
rest to the event's whole area, and a total its parts do not add up to keeps the rest visible.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .fields import country_name
from .figures import Figure
from .incident import Incident
from .places import Place
from .totals import Total, role_estimates, role_parts, total_from

Dimension = Literal["role", "by", "place", "country"]
DIMENSIONS: tuple[Dimension, ...] = ("role", "by", "place", "country")

NATIONWIDE = "Nationwide"
"""The start of the row for a whole country: 'Nationwide (Kazakhstan)'."""
SEVERAL_REGIONS = "Several regions"
SEVERAL_COUNTRIES = "Several countries"
NOT_RECORDED = "region not recorded"
"""Said after the country of a place whose region the sources do not give."""


@dataclass(frozen=True)
class Part:
    """One part of a total: a role, the party that caused it, a place or a country."""

    key: str
    """The role id, party id, place id or country code."""
    amount: Total


@dataclass(frozen=True)
class Breakdown:
    """A figure's total split along one dimension, with the rest the source did not classify."""

    figure: str
    dimension: Dimension
    total: Total
    parts: tuple[Part, ...]

    @property
    def added(self) -> float:
        """The parts' best estimates added up."""
        return sum(part.amount.best for part in self.parts)

    @property
    def is_overfull(self) -> bool:
        """The parts' best estimates add up to more than the total's: the record's note says why."""
        return self.added > self.total.best

    @property
    def remainder(self) -> Total | None:
        """What the parts leave of the total ('not classified by the source'), or None."""
        best = self.total.best - sum(p.amount.best for p in self.parts)
        low = max(0.0, self.total.low - sum(p.amount.high for p in self.parts))
        high = max(0.0, self.total.high - sum(p.amount.low for p in self.parts))
        if best <= 0 and high <= 0:
            return None
        return Total(max(best, 0.0), min(low, max(best, 0.0)), high)


def breakdowns(figures: tuple[Figure, ...], name: str) -> tuple[Breakdown, ...]:
    """Every dimension along which figure ``name`` is split, with its total and parts."""
    estimates = role_estimates(figures, name)
    total = total_from(estimates)
    if total is None:
        return ()
    found = []
    roles = role_parts(estimates)
    if roles:
        parts = tuple(Part(role, estimates[role]) for role in roles)
        found.append(Breakdown(name, "role", total, parts))
    for dimension in DIMENSIONS[1:]:
        split = tuple(
            Part(key, Total(f.estimate.best, f.estimate.low, f.estimate.high))
            for f in figures
            if f.figure == name
            and f.estimate is not None
            and f.role == "total"
            and (key := _only(f, dimension)) is not None
        )
        if split:
            found.append(Breakdown(name, dimension, total, split))
    return tuple(found)


def _only(figure: Figure, dimension: Dimension) -> str | None:
    """The figure's key along ``dimension`` when that is the only way it is narrowed."""
    values = dict(zip(("party", "by", "place", "country"), figure.split, strict=True))
    key = values.pop(dimension)
    return key if key is not None and not any(values.values()) else None


def place_area(place: Place, countries: dict[str, str]) -> str:
    """The row a place's counts go to in regional sums: its region, or its whole country."""
    name = country_name(place.country, countries)
    if place.scope == "country":
        return f"{NATIONWIDE} ({name})"
    if place.scope == "regions":
        return SEVERAL_REGIONS
    return place.region or f"{name} ({NOT_RECORDED})"


def event_area(incident: Incident, countries: dict[str, str]) -> str:
    """The row an event's unsplit counts go to: its one region, or several regions or nationwide.

    An event that spans the whole country, or several regions, is never counted under each of
    its regions. Only its scenes count: a place people fled to is not where it happened.
    """
    scenes = _scenes(incident)
    if len({place.country for place in scenes}) > 1:
        return SEVERAL_COUNTRIES
    areas = {place_area(place, countries) for place in scenes}
    nationwide = sorted(area for area in areas if area.startswith(NATIONWIDE))
    if nationwide:
        return nationwide[0]
    return areas.pop() if len(areas) == 1 else SEVERAL_REGIONS


def by_area(incident: Incident, name: str, countries: dict[str, str]) -> dict[str, Total]:
    """An event's total of figure ``name`` shared out to areas, counting every person once.

    Parts given by place go to their place's area, parts by country to that country; the rest
    of the total goes to the event's area, as do parts counted at a place that is no scene, or
    in a country where none of its scenes lie (the injured treated abroad were hurt at home).
    """
    total = incident.total(name)
    if total is None:
        return {}
    shares: dict[str, Total] = {}
    for found in breakdowns(incident.figures, name):
        if found.dimension not in ("place", "country"):
            continue
        # Without places, a count by country is all there is to place it by.
        scene_countries = {place.country for place in _scenes(incident)} or {
            part.key for part in found.parts
        }
        for part in found.parts:
            place = incident.place(part.key) if found.dimension == "place" else None
            if place is not None and place.scene:
                area = place_area(place, countries)
            elif place is None and part.key in scene_countries:
                area = country_name(part.key, countries)
            else:
                area = event_area(incident, countries)
            shares[area] = _add(shares.get(area), part.amount)
        rest = found.remainder
        if rest is not None:
            area = event_area(incident, countries)
            shares[area] = _add(shares.get(area), rest)
        return _within(shares, total)
    return {event_area(incident, countries): total}


def _scenes(incident: Incident) -> list[Place]:
    """The places where it happened; all its places when none is marked as a scene."""
    return [place for place in incident.places if place.scene] or list(incident.places)


def _within(shares: dict[str, Total], total: Total) -> dict[str, Total]:
    """The shares, each never more than the whole: its low and high at most the total's.

    Each part and the rest have ranges of their own, and adding their lows and highs can pass
    the total's (a rest of up to 49 beside a part of up to 64, in a total of 15 to 64). An
    event whose shares all fall in one area has its total there, range and all.
    """
    if len(shares) == 1:
        return dict.fromkeys(shares, total)
    return {
        area: Total(share.best, min(share.low, total.low), min(share.high, total.high))
        for area, share in shares.items()
    }


def _add(first: Total | None, second: Total) -> Total:
    if first is None:
        return Total(second.best, second.low, second.high)
    return Total(first.best + second.best, first.low + second.low, first.high + second.high)
