"""The view of one incident page: its citation numbers, figures in order, infobox, disputes.

Pure functions of model objects (no I/O); the page's template only loops and prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Dataset, Figure, Incident
from generator.text.filters import ROLE_ORDER, figure_anchor, figure_label, figure_value


@dataclass(frozen=True)
class InfoRow:
    """One figure line of an incident's infobox, linking to the figure's section."""

    label: str
    value: str
    anchor: str
    disputed: bool = False


def citation_numbers(incident: Incident) -> dict[str, int]:
    """Source id -> its number on the incident's page, in order of first citation."""
    return {source_id: n for n, source_id in enumerate(incident.source_ids, start=1)}


def sorted_figures(incident: Incident, order: tuple[str, ...]) -> list[Figure]:
    """Figures in vocabulary order, then by role."""
    rank = {name: i for i, name in enumerate(order)}
    roles = {role: i for i, role in enumerate(ROLE_ORDER)}
    return sorted(
        incident.figures,
        key=lambda f: (rank.get(f.figure, len(rank)), f.figure, roles.get(f.role, len(roles))),
    )


def infobox_figures(incident: Incident, figures: list[Figure], dataset: Dataset) -> list[InfoRow]:
    """Figure rows of the infobox; a total added up from the roles comes before the roles."""
    rows: list[InfoRow] = []
    for figure in figures:
        total = incident.total(figure.figure)
        first = not any(row.anchor.startswith(f"figure-{figure.figure}-") for row in rows)
        if first and total is not None and incident.figure(figure.figure) is None:
            label = dataset.vocabulary.label("figures", figure.figure)
            rows.append(InfoRow(label, total.display, figure_anchor(figure)))
        rows.append(
            InfoRow(
                figure_label(figure.figure, figure.role, dataset.vocabulary),
                figure_value(figure),
                figure_anchor(figure),
                figure.is_disputed,
            )
        )
    return rows


def disputes(incident: Incident, dataset: Dataset) -> list[tuple[str, str]]:
    """(what, anchor) of everything sources disagree on: the date and each disputed figure."""
    found = [("the date", "dates")] if incident.when.is_disputed else []
    found += [
        (
            figure_label(figure.figure, figure.role, dataset.vocabulary).lower(),
            figure_anchor(figure),
        )
        for figure in sorted_figures(incident, tuple(t.id for t in dataset.vocabulary.figures))
        if figure.is_disputed
    ]
    return found
