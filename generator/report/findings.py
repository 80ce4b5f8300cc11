"""What the compared incidents show: rankings (disputes, the deadliest), counts, key findings.

Each finding is computed from the records, none is typed by hand; a finding without data is
left out. Across records they read each record's facts (``facts.Facts``), and whole only the
records they name. Pure functions of model objects (no I/O).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from typing import TypeVar

from generator.model import Figure, Incident, Vocabulary
from generator.report.facts import Disputed, Facts, disputes_of
from generator.report.text import Span, count_of, whole
from generator.text.figures import figure_label
from generator.text.filters import format_number

Ranked = TypeVar("Ranked", Incident, Facts)
"""A whole record or its facts: ``deadliest`` ranks either."""


def rank_figures(
    incidents: Iterable[tuple[str, tuple[Disputed, ...]]], limit: int | None = None
) -> list[tuple[str, Disputed]]:
    """Disputed figures by incident id, the widest spread first; only the first ``limit``."""
    found = ((d.rank(incident), incident, d) for incident, ds in incidents for d in ds)
    ranked = sorted(found) if limit is None else heapq.nsmallest(limit, found)
    return [(incident, dispute) for _, incident, dispute in ranked]


def rank_disputes(
    incidents: Sequence[Incident], limit: int | None = None
) -> list[tuple[Incident, Figure]]:
    """Figures whose sources disagree, the widest spread first; only the first ``limit``."""
    by_id = {incident.id: incident for incident in incidents}
    ranked = rank_figures(((i.id, disputes_of(i)) for i in incidents), limit)
    return [(by_id[key], by_id[key].figures[d.index]) for key, d in ranked]


def deadliest(incidents: Sequence[Ranked], limit: int) -> tuple[Ranked, ...]:
    """The ``limit`` incidents with the most people killed (earliest first on a tie), by date."""
    if len(incidents) <= limit:
        return tuple(incidents)

    def best(incident: Incident | Facts) -> float:
        total = incident.killed if isinstance(incident, Facts) else whole(incident, "killed")
        return total.best if total is not None else 0

    ranked = heapq.nsmallest(limit, incidents, key=lambda i: (-best(i), i.date, i.id))
    return tuple(sorted(ranked, key=lambda i: (i.date, i.id)))


def count_rules(incidents: Iterable[Facts]) -> tuple[tuple[str, int], ...]:
    """How many estimated figures use each rule, most used first."""
    counts: dict[str, int] = {}
    for incident in incidents:
        for rule in incident.rules:
            counts[rule] = counts.get(rule, 0) + 1
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


LARGEST = {
    "killed": (
        "The deadliest incident was {t} ({d}): {n} killed.",
        "Of the incidents, only {t} ({d}) has an estimate of the killed: {n}.",
        "The only incident, {t} ({d}), has an estimate of {n} killed.",
    ),
    "injured": (
        "The most people were injured in {t} ({d}): {n}.",
        "Of the incidents, only {t} ({d}) has an estimate of the injured: {n}.",
        "The only incident, {t} ({d}), has an estimate of {n} injured.",
    ),
    "hostages": (
        "The most hostages were held in {t} ({d}): {n}.",
        "Of the incidents, only {t} ({d}) has an estimate of hostages held: {n}.",
        "The only incident, {t} ({d}), has an estimate of {n} held hostage.",
    ),
    "duration": (
        "Of the incidents with a recorded duration, the longest was {t} ({d}): {n} hour{s}.",
        "Of the incidents, only {t} ({d}) has a recorded duration: {n} hour{s}.",
        "The only incident, {t} ({d}), lasted {n} hour{s}.",
    ),
}
"""Figures whose largest total is a finding, in the order listed, with the sentences to write:
the largest of several, the one incident of several with the figure, and the only incident."""


def find_findings(
    incidents: Sequence[Facts],
    vocabulary: Vocabulary,
    disputes: Sequence[tuple[Incident, Figure]],
) -> tuple[str, ...]:
    """Key findings as sentences, in a fixed order; a finding without data is left out.

    ``incidents`` are the facts of every incident, by date; ``disputes`` the first disputed
    figures as ``rank_figures`` ranks them, read whole.
    """
    if not incidents:
        return ()
    wholes = {name: _wholes(incidents, name) for name in LARGEST}
    found = (
        _find_scope(incidents),
        _find_totals(wholes),
        _find_perpetrators_killed(incidents),
        *(_find_largest(incidents, wholes[name], text) for name, text in LARGEST.items()),
        _find_most_contested(disputes, vocabulary),
        _find_disputed_share(incidents),
        _find_most_sourced(incidents),
        _find_fates(incidents),
    )
    return tuple(sentence for sentence in found if sentence)


def _find_scope(incidents: Sequence[Facts]) -> str:
    """How many incidents, over which years, in how many regions."""
    first, last = incidents[0].year, incidents[-1].year
    years = str(first) if first == last else f"{first} to {last}"
    regions = len({region for i in incidents for region in i.regions})
    if len(incidents) == 1:
        where = f" in {count_of(regions, 'region')}" if regions > 1 else ""
        return f"The report covers one incident, {incidents[0].title}, of {years}{where}."
    return (
        f"The report compares {count_of(len(incidents), 'incident')} from {years} "
        f"in {count_of(regions, 'region')}."
    )


def _wholes(incidents: Sequence[Facts], name: str) -> dict[str, Span]:
    """Each incident's total of a figure, by incident id, where it has one."""
    return {i.id: s for i in incidents if (s := i.whole(name)) is not None}


def _find_totals(wholes: dict[str, dict[str, Span]]) -> str:
    """The summed killed and injured tolls, with how many incidents have an estimate."""
    parts = []
    for name in ("killed", "injured"):
        spans = list(wholes[name].values())
        if len(spans) > 1:
            parts.append(
                f"{Span.total(spans).display} {name} in the {count_of(len(spans), 'incident')} "
                "with an estimate"
            )
    # One incident's estimate is a finding of its own (the largest), not a sum.
    return f"Best estimates (low–high) add up to {' and '.join(parts)}." if parts else ""


def _find_perpetrators_killed(incidents: Sequence[Facts]) -> str:
    """How many of the killed in those totals were perpetrators, where records count them."""
    spans = [
        span
        for incident in incidents
        if incident.killed is not None
        for role, span in incident.killed_roles
        if role == "perpetrators" and span is not None
    ]
    if not spans:
        return ""
    return (
        f"Of the killed, {Span.total(spans).display} were perpetrators, in the "
        f"{count_of(len(spans), 'incident')} whose records count them apart: the totals are "
        "not victims alone."
    )


NAMED = 3
"""How many incidents tied for the largest figure a finding names; the rest are counted."""


def _find_largest(
    incidents: Sequence[Facts], spans: dict[str, Span], templates: tuple[str, str, str]
) -> str:
    """The incident with the largest best estimate of a figure; up to ``NAMED`` ties are named.

    A superlative needs two incidents to compare: one incident with the figure among several,
    or one incident alone, is said as such. Where another incident's range reaches the
    leader's low, the sentence says that the ranking is not certain and names the others.
    """
    top = max((s.best for s in spans.values()), default=0)
    if not top:
        return ""
    leaders = [i for i in incidents if i.id in spans and spans[i.id].best == top]
    largest, one_of_several, only = templates
    template = only if len(incidents) == 1 else one_of_several if len(spans) == 1 else largest
    named = leaders[:NAMED]
    others = len(leaders) - len(named)
    tied = f" and {format_number(others)} other incidents tied with them" if others else ""
    text = template.format(
        t=" and ".join(i.title for i in named) + tied,
        d=", ".join(i.date.isoformat() for i in named),
        n=spans[leaders[0].id].display,
        s="" if top == 1 else "s",
    )
    if template is not largest:
        return text
    floor = min(spans[i.id].low for i in leaders)
    led = {i.id for i in leaders}  # by id: thousands may tie at the top of a large corpus
    rivals = [
        i for i in incidents if i.id in spans and i.id not in led and spans[i.id].high >= floor
    ]
    if rivals:
        also = "; ".join(f"{i.title} ({spans[i.id].display})" for i in rivals[:2])
        more = f" and {format_number(len(rivals) - 2)} more" if len(rivals) > 2 else ""
        text += f" The ranges overlap, so this is not certain: {also}{more} may have been as large."
    return text


def _find_most_contested(
    disputes: Sequence[tuple[Incident, Figure]], vocabulary: Vocabulary
) -> str:
    """The figure whose claims are furthest apart: the first of the ranked disputes."""
    if not disputes:
        return ""
    incident, figure = disputes[0]
    label = figure_label(figure.figure, figure.role, vocabulary)
    added = ", parts added up," if figure.parts else ""
    return (
        f"Sources disagree most on the figure “{label}” of {incident.title}: its "
        f"{count_of(len(figure.quantified), 'claim')}{added} run from "
        f"{format_number(figure.whole_low)} to {format_number(figure.whole_high)}."
    )


def _find_disputed_share(incidents: Sequence[Facts]) -> str:
    """How many incidents have at least one figure that sources disagree on."""
    disputed = sum(1 for incident in incidents if incident.is_disputed)
    if len(incidents) == 1:
        if disputed:
            return "Sources disagree on at least one figure of the incident."
        return "Sources agree on every figure of the incident."
    if not disputed:
        return "Sources agree on every figure of every incident."
    share = f"{format_number(disputed)} of the {format_number(len(incidents))}"
    return f"Sources disagree on at least one figure for {share} incidents."


def _find_most_sourced(incidents: Sequence[Facts]) -> str:
    """The incident that cites the most sources (the earliest one on a tie)."""
    top = max(incidents, key=lambda i: (len(i.source_ids), -i.date.toordinal()))
    sources = count_of(len(top.source_ids), "source")
    if len(incidents) == 1:
        return f"The record of {top.title} cites {sources}."
    return f"{top.title} cites the most sources: {sources}."


def _find_fates(incidents: Sequence[Facts]) -> str:
    """In how many incidents reports of what happened to the perpetrators say killed, detained...

    These are the statements of fate, in their words; counts of perpetrators killed are figures.
    """
    counts = []
    for category in ("killed", "detained", "surrendered", "at-large"):
        n = sum(1 for i in incidents if category in i.fates)
        if n:
            where = "" if len(incidents) == 1 else f" in {count_of(n, 'incident')}"
            counts.append(category.replace("-", " ") + where)
    said = "Reports of what happened to the perpetrators say "
    return said + ", ".join(counts) + "." if counts else ""
