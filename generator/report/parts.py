"""An event's killed as the report's chart shows it: parts by role, the rest, and the total.

Pure functions of model objects. The parts come from ``model.breakdowns`` (one disjoint set of
roles); what they leave of the total is shown as not classified by the source, so a bar never
claims a split the sources did not make.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.model import WIDE, Incident, Place, Total, breakdowns, role_estimates
from generator.report.regions import area_of, is_wide
from generator.report.text import CHART_ROLES, Span, short_label

TABLE_ROWS = 50
"""Most incidents in the summary table and the profiles, and most rows of the disputes table.

A larger table is unreadable and too big to print or index; beyond this the table shows the
rows that matter most and says so, and the complete data stays in the CSV and JSON files.
"""
UNCLASSIFIED = "unclassified"
"""The segment of a bar that no source assigned to a role."""
TOTAL = "total"


def killed_parts(incident: Incident) -> tuple[tuple[str, Span], ...]:
    """The killed by role (in ``CHART_ROLES`` order), the unclassified rest, then the total.

    Empty when the record has no total of the killed. A total no source splits is all
    unclassified; a total added up from roles has no rest.
    """
    total = incident.total("killed")
    if total is None:
        return ()
    split = next((b for b in breakdowns(incident.figures, "killed") if b.dimension == "role"), None)
    found: dict[str, Total] = {}
    rest: Total | None = total
    if split is not None:
        found = {part.key: part.amount for part in split.parts}
        rest = split.remainder
    elif total.is_derived:
        estimates = role_estimates(incident.figures, "killed")
        found = {role: estimates[role] for role in total.derived_from if role in estimates}
        rest = None
    parts = [(role, _span(found[role])) for role in CHART_ROLES if role in found]
    if rest is not None:
        parts.append((UNCLASSIFIED, _span(rest)))
    return (*parts, (TOTAL, _span(total)))


def chart_label(incident: Incident, countries: Mapping[str, str]) -> str:
    """The date and where: the first place, or the event's whole area when it is wider."""
    area = area_of(incident, countries)
    if is_wide(area):
        return f"{incident.date.isoformat()} {area}"
    return short_label(incident, countries)


def _span(total: Total) -> Span:
    return Span.of(total)


def located_places(incident: Incident) -> tuple[tuple[Place, float | None], ...]:
    """Each place of the incident the report's map can draw, with the killed counted there.

    A place covering the whole country or several regions is never a point. The killed at a
    place are its part of the total where a source splits the total by place, or the whole
    total of an incident with one drawn place in one region; otherwise they are not known at
    any one point (None), so no person is drawn twice.
    """
    drawn = [p for p in incident.places if p.coordinates is not None and p.scope not in WIDE]
    split = next(
        (b for b in breakdowns(incident.figures, "killed") if b.dimension == "place"), None
    )
    if split is not None:
        parts = {part.key: part.amount.best for part in split.parts}
        return tuple((place, parts.get(place.id or "")) for place in drawn)
    total = incident.total("killed")
    if total is not None and len(drawn) == 1 and not is_wide(area_of(incident, {})):
        return ((drawn[0], total.best),)
    return tuple((place, None) for place in drawn)
