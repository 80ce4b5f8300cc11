"""Side-by-side profiles: the incidents of the comparison as columns, every detail as a row."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from generator.model import Figure, Incident, Vocabulary
from generator.report.tables import Cell, Table, claims_cell, dispute_anchor
from generator.report.text import (
    DASH,
    Citer,
    amount_text,
    date_text,
    fates_text,
    forces_text,
    labels_text,
    perpetrators_text,
    tactics_text,
    types_text,
)
from generator.text.figures import ROLE_LABELS, by_as_of, figure_anchor, figure_label, figure_title
from generator.text.filters import RULE_LABELS, format_number, place_text

PROFILE_WIDTH = 4
"""Incidents per side-by-side table, so that a table stays readable on a landscape page."""


def make_profiles(
    incidents: tuple[Incident, ...],
    vocabulary: Vocabulary,
    cite: Citer,
    countries: Mapping[str, str],
    tabled_disputes: frozenset[tuple[str, str, str]] = frozenset(),
) -> tuple[Table, ...]:
    """Side-by-side profiles: incidents as columns, a few per table, every detail as a row.

    Each figure shows its estimate and rule, then every claim with its source, except the
    figures whose claims the disputes table lists (``tabled_disputes``: incident id, figure,
    role), which point there instead of repeating them.
    """
    head: list[tuple[str, Callable[[Incident], Cell]]] = [
        ("Date", lambda i: Cell((date_text(i),))),
        ("Place", lambda i: Cell((place_text(i, countries),))),
        ("Type", lambda i: Cell((types_text(i, vocabulary),))),
        ("Perpetrators", lambda i: Cell((perpetrators_text(i),))),
    ]
    tail: list[tuple[str, Callable[[Incident], Cell]]] = [
        ("Responding forces", lambda i: Cell((forces_text(i),))),
        ("Tactics", lambda i: Cell((tactics_text(i, vocabulary),))),
        ("Led by", lambda i: Cell((i.response.led_by or DASH,))),
        ("Outcome", lambda i: Cell((i.outcome or DASH,))),
        ("Perpetrators' fate", lambda i: Cell((fates_text(i),))),
        ("Labels", lambda i: Cell((labels_text(i),))),
        ("Sources cited", lambda i: _sources_cell(i, cite)),
    ]
    tables = []
    for start in range(0, len(incidents), PROFILE_WIDTH):
        group = incidents[start : start + PROFILE_WIDTH]
        # Only the figures that one of the group's incidents records get a row.
        keys = {f.key for i in group for f in i.figures if not f.is_part}
        parted = {f.figure for i in group for f in i.figures if f.is_part}
        figures = []
        for name in (t.id for t in vocabulary.figures):
            figures += [
                (
                    figure_label(name, role, vocabulary),
                    _figure_row(name, role, cite, tabled_disputes),
                )
                for role in ROLE_LABELS
                if (name, role) in keys
            ]
            if name in parted:
                label = f"{vocabulary.label('figures', name)}: parts"
                figures.append(
                    (label, _parts_row(name, vocabulary, cite, countries, tabled_disputes))
                )
        headers = ("", *(i.title for i in group))
        body = tuple(
            (Cell((label,)), *(cell(i) for i in group)) for label, cell in [*head, *figures, *tail]
        )
        tables.append(Table(headers, body, "profile"))
    return tuple(tables)


def _sources_cell(incident: Incident, cite: Citer) -> Cell:
    """The numbers of every source the incident cites, in list order."""
    numbers = sorted(n for source_id in incident.source_ids if (n := cite.numbers.get(source_id)))
    return Cell(tuple(f"[{n}]" for n in numbers), cites=tuple(numbers), inline=", ")


def _figure_row(
    name: str, role: str, cite: Citer, tabled_disputes: frozenset[tuple[str, str, str]]
) -> Callable[[Incident], Cell]:
    """A profile row that shows one figure of each incident with its claims.

    The total row of an incident that records no total shows the total added up from its
    roles, as every other table does, or what stands for one ('no total; victims 0').
    """

    def cell(incident: Incident) -> Cell:
        figure = incident.figure(name, role)
        total = incident.total(name) if role == "total" and figure is None else None
        if total is not None:
            return Cell((total.display,))
        if role == "total" and (stands := incident.no_total(name)):
            return Cell((stands,))
        return _figure_cell(figure, cite, _tabled_at(incident, figure, tabled_disputes))

    return cell


def _parts_row(
    name: str,
    vocabulary: Vocabulary,
    cite: Citer,
    countries: Mapping[str, str],
    tabled_disputes: frozenset[tuple[str, str, str]],
) -> Callable[[Incident], Cell]:
    """A profile row with each figure that counts one party, cause, place or country."""

    def cell(incident: Incident) -> Cell:
        lines: tuple[str, ...] = ()
        cites: tuple[int, ...] = ()
        see: tuple[str, ...] = ()
        for figure in incident.figures:
            if figure.figure != name or not figure.is_part:
                continue
            title = figure_title(figure, incident, vocabulary, countries)
            part = _figure_cell(figure, cite, _tabled_at(incident, figure, tabled_disputes))
            see += ("", *(part.see or ("",) * len(part.lines)))
            lines += (f"{title}:", *part.lines)
            cites += (0, *(part.cites or (0,) * len(part.lines)))
        return Cell(lines, cites=cites, see=see) if lines else Cell((DASH,))

    return cell


def _tabled_at(
    incident: Incident, figure: Figure | None, tabled_disputes: frozenset[tuple[str, str, str]]
) -> str:
    """The id of the figure's row in the table of where sources disagree; '' if not there."""
    if figure is None:
        return ""
    anchor = figure_anchor(figure)
    return (
        dispute_anchor(incident.id, anchor)
        if (incident.id, figure.figure, anchor) in tabled_disputes
        else ""
    )


def _figure_cell(figure: Figure | None, cite: Citer, tabled: str = "") -> Cell:
    """The estimate, its rule and why, then every claim with its source by date (or where).

    A figure whose claims the table of where sources disagree lists (its row's id
    ``tabled``) links there instead.
    """
    if figure is None:
        return Cell((DASH,))
    first: tuple[str, ...] = (amount_text(figure),)
    if figure.estimate:
        first += (f"rule: {RULE_LABELS[figure.estimate.rule]}",)
        # The reasoning behind a judged or worked-out estimate travels with it, as on its page.
        if figure.estimate.rationale:
            first += (f"why: {' '.join(figure.estimate.rationale.split())}",)
    if tabled:
        count = f"{format_number(len(figure.claims))} claims"
        see = ("",) * len(first) + (tabled,)
        return Cell((*first, f"{count}, listed under Where sources disagree"), see=see)
    claims = claims_cell(by_as_of(figure.claims), cite)
    return Cell((*first, *claims.lines), cites=(0,) * len(first) + claims.cites)
