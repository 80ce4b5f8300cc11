"""What the compared incidents show: disputes ranked by spread, and key findings as sentences.

Each finding is computed from the records, none is typed by hand; a finding without data is
left out. Pure functions of model objects (no I/O).
"""

from __future__ import annotations

from .model import Figure, Incident, Vocabulary
from .report_text import Span, figure_label, whole
from .words import format_number


def rank_disputes(incidents: tuple[Incident, ...]) -> list[tuple[Incident, Figure]]:
    """Figures whose sources disagree, the widest spread first."""
    found = [(i, f) for i in incidents for f in i.figures if f.is_disputed or f.spread > 0]

    def key(item: tuple[Incident, Figure]) -> tuple[float, float, str, str, str]:
        incident, figure = item
        relative = figure.spread / figure.claimed_high if figure.claimed_high else 0
        return (-figure.spread, -relative, incident.id, figure.figure, figure.role)

    return sorted(found, key=key)


def find_findings(incidents: tuple[Incident, ...], vocabulary: Vocabulary) -> tuple[str, ...]:
    """Key findings as sentences, in a fixed order; a finding without data is left out."""
    if not incidents:
        return ()
    found = (
        _find_scope(incidents),
        _find_totals(incidents),
        _find_largest(incidents, "killed", "The deadliest incident was {t} ({d}): {n} killed."),
        _find_largest(incidents, "injured", "The most people were injured in {t} ({d}): {n}."),
        _find_largest(incidents, "hostages", "The most hostages were held in {t} ({d}): {n}."),
        _find_largest(
            incidents,
            "duration",
            "Of the incidents with a recorded duration, the longest was {t} ({d}): {n} hours.",
        ),
        _find_most_contested(incidents, vocabulary),
        _find_disputed_share(incidents),
        _find_most_sourced(incidents),
        _find_fates(incidents),
    )
    return tuple(sentence for sentence in found if sentence)


def _find_scope(incidents: tuple[Incident, ...]) -> str:
    """How many incidents, over which years, in how many regions."""
    first, last = incidents[0].year, incidents[-1].year
    years = str(first) if first == last else f"{first} to {last}"
    regions = len({p.region for i in incidents for p in i.places if p.region})
    return (
        f"The report compares {_count(len(incidents), 'incident')} from {years} "
        f"in {_count(regions, 'region')}."
    )


def _find_totals(incidents: tuple[Incident, ...]) -> str:
    """The summed killed and injured tolls, with how many incidents have an estimate."""
    parts = []
    for name in ("killed", "injured"):
        spans = [s for i in incidents if (s := whole(i, name)) is not None]
        if spans:
            parts.append(
                f"{Span.total(spans).display} {name} in the {_count(len(spans), 'incident')} "
                "with an estimate"
            )
    return f"Best estimates (low–high) add up to {' and '.join(parts)}." if parts else ""


def _find_largest(incidents: tuple[Incident, ...], name: str, template: str) -> str:
    """The incident with the largest best estimate of a figure; ties are all named."""
    spans = {i.id: s for i in incidents if (s := whole(i, name)) is not None}
    top = max((s.best for s in spans.values()), default=0)
    if not top:
        return ""
    leaders = [i for i in incidents if i.id in spans and spans[i.id].best == top]
    return template.format(
        t=" and ".join(i.title for i in leaders),
        d=", ".join(i.date.isoformat() for i in leaders),
        n=spans[leaders[0].id].display,
    )


def _find_most_contested(incidents: tuple[Incident, ...], vocabulary: Vocabulary) -> str:
    """The figure whose claims are furthest apart."""
    ranked = rank_disputes(incidents)
    if not ranked:
        return ""
    incident, figure = ranked[0]
    return (
        f"The most contested figure is {figure_label(figure.figure, figure.role, vocabulary)} "
        f"in {incident.title}: {_count(len(figure.quantified), 'claim')} range from "
        f"{format_number(figure.claimed_low)} to {format_number(figure.claimed_high)}."
    )


def _find_disputed_share(incidents: tuple[Incident, ...]) -> str:
    """How many incidents have at least one figure that sources disagree on."""
    disputed = sum(1 for i in incidents if any(f.is_disputed for f in i.figures))
    return f"Sources disagree on at least one figure for {disputed} of {len(incidents)} incidents."


def _find_most_sourced(incidents: tuple[Incident, ...]) -> str:
    """The incident that cites the most sources (the earliest one on a tie)."""
    top = max(incidents, key=lambda i: (len(i.source_ids), -i.date.toordinal()))
    return f"{top.title} cites the most sources: {_count(len(top.source_ids), 'source')}."


def _find_fates(incidents: tuple[Incident, ...]) -> str:
    """In how many incidents perpetrators were reported killed, detained or at large."""
    counts = []
    for category in ("killed", "detained", "surrendered", "at-large"):
        n = sum(1 for i in incidents if any(f.category == category for f in i.fates))
        if n:
            counts.append(f"{category.replace('-', ' ')} in {_count(n, 'incident')}")
    return "Perpetrators were reported " + ", ".join(counts) + "." if counts else ""


def _count(n: int, noun: str) -> str:
    """'1 incident', '3 incidents'."""
    return f"{n} {noun}" + ("" if n == 1 else "s")
