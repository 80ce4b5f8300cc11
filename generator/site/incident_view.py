"""The view of one incident page: its citation numbers, figures in order, infobox, disputes.

Pure functions of model objects (no I/O); the page's template only loops and prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.model import (
    Breakdown,
    Dataset,
    Figure,
    Incident,
    Total,
    Vocabulary,
    breakdowns,
    country_name,
)
from generator.text.figures import (
    ROLE_LABELS,
    ROLE_ORDER,
    figure_anchor,
    figure_label,
    figure_title,
    figure_value,
    figure_where,
    party_name,
)
from generator.text.filters import country_names, format_number, short_place


@dataclass(frozen=True)
class InfoRow:
    """One figure line of an incident's infobox, linking to the figure's section.

    ``sources`` are the sources of the claims the value stands for, cited beside it, so that
    a reader reaches the reports behind an infobox number in one click, as in an encyclopedia's
    infobox; the figure's section then says which report gave which number.
    """

    label: str
    value: str
    anchor: str
    disputed: bool = False
    sources: tuple[str, ...] = ()
    uncertain: bool = False
    """Every claim the value stands on is marked uncertain (a secondary or low-reliability
    report alone): the row says so, as the claims tables do for each claim."""


def citation_numbers(incident: Incident) -> dict[str, int]:
    """Source id -> its number on the incident's page, in order of first citation."""
    return {source_id: n for n, source_id in enumerate(incident.source_ids, start=1)}


def sorted_figures(incident: Incident, order: tuple[str, ...]) -> list[Figure]:
    """Figures in vocabulary order, then by role."""
    rank = {name: i for i, name in enumerate(order)}
    roles = {role: i for i, role in enumerate(ROLE_ORDER)}
    return sorted(
        incident.figures,
        key=lambda f: (
            rank.get(f.figure, len(rank)),
            f.figure,
            f.is_part,
            roles.get(f.role, len(roles)),
            tuple(value or "" for value in f.split),
        ),
    )


def infobox_figures(incident: Incident, figures: list[Figure], dataset: Dataset) -> list[InfoRow]:
    """Figure rows of the infobox; a total added up from the roles comes before the roles.

    A total added up from one role alone ('9 (perpetrators only)') is that role's row: it is
    shown once, as the total; when that role counts one party alone, the party's row is it.
    Parts by cause, place or country are left to the figures' sections, unless the figure has
    no whole to stand for them (people who fled, counted by the country they reached): then
    the parts are all there is, and each has its row.
    """
    countries = country_names(dataset.vocabulary)
    whole = {figure.figure for figure in figures if not any(figure.split[1:])}
    rows: list[InfoRow] = []
    repeated: set[tuple[str | None, ...]] = set()
    for figure in figures:
        # Parts by cause, place or country are on the figure's own section.
        if (any(figure.split[1:]) and figure.figure in whole) or figure.identity in repeated:
            continue
        total = incident.total(figure.figure)
        first = not any(row.anchor.startswith(f"figure-{figure.figure}-") for row in rows)
        if (
            first
            and total is not None
            and incident.figure(figure.figure) is None
            and not _one_party(total, figures, figure.figure)
        ):
            label = dataset.vocabulary.label("figures", figure.figure)
            alone = _alone(total, figures, figure.figure)
            disputed = alone is not None and alone.is_disputed
            anchor = figure_anchor(alone) if alone else _split_anchor(incident, figure)
            named = [f for f in figures if f.figure == figure.figure]
            summed = [f for f in named if f.role in total.derived_from and not f.is_part]
            backing = summed or named
            cited, uncertain = _claim_sources(incident, backing), _only_uncertain(backing)
            rows.append(InfoRow(label, total.display, anchor, disputed, cited, uncertain))
            if alone is not None:
                repeated.add(alone.identity)
                if alone is figure:
                    continue
        rows.append(
            InfoRow(
                figure_title(figure, incident, dataset.vocabulary, countries),
                figure_value(figure),
                figure_anchor(figure),
                figure.is_disputed,
                _claim_sources(incident, [figure]),
                _only_uncertain([figure]),
            )
        )
    return rows


def split_anchor(name: str) -> str:
    """The anchor of the sentence that splits a figure's total (by role, by place...)."""
    return f"total-{name}"


def _split_anchor(incident: Incident, figure: Figure) -> str:
    """Where a total added up from several parts is explained: the sentence splitting it."""
    if breakdowns(incident.figures, figure.figure):
        return split_anchor(figure.figure)
    return figure_anchor(figure)


def _claim_sources(incident: Incident, figures: list[Figure]) -> tuple[str, ...]:
    """The sources of the claims the figures' values stand on, once each, in page order.

    ``Figure.backing`` says which claims those are.
    """
    cited = {claim.source for figure in figures for claim in figure.backing}
    return tuple(source_id for source_id in incident.source_ids if source_id in cited)


def _only_uncertain(figures: list[Figure]) -> bool:
    """Whether every claim the figures' values stand on (``Figure.backing``) is uncertain."""
    claims = [claim for figure in figures for claim in figure.backing]
    return bool(claims) and all(claim.uncertain for claim in claims)


def _alone(total: Total, figures: list[Figure], name: str) -> Figure | None:
    """The one role's figure a total is added up from alone, whose row it would repeat."""
    if len(total.derived_from) != 1:
        return None
    role = total.derived_from[0]
    return next((f for f in figures if f.key == (name, role) and not f.is_part), None)


def _one_party(total: Total, figures: list[Figure], name: str) -> bool:
    """The total is one role's count of one party alone: that party's row says it all.

    A total row beside it would read as another number ('70 (perpetrators only)' above
    'about 70' among the alleged rioters) and lose the party's name.
    """
    if len(total.derived_from) != 1:
        return False
    key = (name, total.derived_from[0])
    counted = [f for f in figures if f.key == key]
    return len(counted) == 1 and counted[0].party is not None and not any(counted[0].split[1:])


def disputes(
    incident: Incident, figures: list[Figure], vocabulary: Vocabulary, countries: Mapping[str, str]
) -> list[tuple[str, str]]:
    """(what, anchor) of everything sources disagree on: the date and each disputed figure.

    ``figures`` are the record's, in the page's order (``sorted_figures``).
    """
    found = [("the date", "dates")] if incident.when.is_disputed else []
    found += [
        (
            figure_label(figure.figure, figure.role, vocabulary).lower()
            + figure_where(figure, incident, countries),
            figure_anchor(figure),
        )
        for figure in figures
        if figure.is_disputed
    ]
    return found


def breakdown_notes(
    incident: Incident, figures: list[Figure], dataset: Dataset
) -> dict[tuple[str | None, ...], list[str]]:
    """Under each figure's first section, how its total splits and what the source left over.

    'By place: Almaty 40, Astana 3; not classified by the source: 2 (1–5).'
    """
    countries = country_names(dataset.vocabulary)
    notes: dict[tuple[str | None, ...], list[str]] = {}
    for name in dict.fromkeys(figure.figure for figure in figures):
        lines = [
            _breakdown_line(found, incident, countries)
            for found in breakdowns(incident.figures, name)
        ]
        if lines:
            first = next(f for f in figures if f.figure == name)
            notes[first.identity] = lines
    return notes


_DIMENSION_WORDS = {
    "role": "By role",
    "by": "By whom",
    "place": "By place",
    "country": "By country",
}


def _breakdown_line(found: Breakdown, incident: Incident, countries: dict[str, str]) -> str:
    """One split of a total in a sentence, with the remainder the source did not classify."""
    parts = [
        f"{_part_name(found, part.key, incident, countries)} {_amount(part.amount)}"
        for part in found.parts
    ]
    line = f"{_DIMENSION_WORDS[found.dimension]}, of {_amount(found.total)} in all: " + ", ".join(
        parts
    )
    rest = found.remainder
    if found.is_overfull:
        line += f"; these add up to {format_number(found.added)}, more than the total's best "
        line += "estimate"
        line += " (the estimate's note says why)" if found.total.derived_from == () else ""
    elif rest is not None and rest.best > 0:
        line += f"; not classified by the source: {_amount(rest)}"
    elif rest is not None:
        line += f"; the range leaves up to {_amount(Total(rest.high, rest.high, rest.high))} "
        line += "not classified by the source"
    return line + "."


def _part_name(found: Breakdown, key: str, incident: Incident, countries: dict[str, str]) -> str:
    if found.dimension == "role":
        return ROLE_LABELS[key]
    if found.dimension == "by":
        return party_name(incident.party(key), key)
    if found.dimension == "place":
        place = incident.place(key)
        return short_place(place, countries) if place else key
    return country_name(key, countries)


def _amount(total: Total) -> str:
    return Total(total.best, total.low, total.high).display
