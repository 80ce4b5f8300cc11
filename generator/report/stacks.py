"""The casualty chart's rows: one stacked bar per event, its parts by role and the rest.

Each bar is the event's total of the killed: a segment per role a source gives, then a segment
for what no source classified. An event more than ``OUTLIER`` times the size of the next is
drawn in a separate panel, on its own scale, so that the others stay readable: a log axis would
misstate stacked parts and a broken axis would cut them. Pure: no drawing here (``charts``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.report.compare import Bar
from generator.report.parts import TOTAL, UNCLASSIFIED
from generator.report.text import Span

OUTLIER = 5.0
"""How many times the next event's total an event must be to get a panel of its own."""
OUTLIER_FLOOR = 2.0
"""The next total is taken as at least this, so that 8 killed beside none is no outlier."""
MOST_OUTLIERS = 3


@dataclass(frozen=True)
class Row:
    """One event's bar: its label, its total and the segments stacked to make it."""

    label: str
    total: Span
    segments: tuple[tuple[str, Span], ...]

    @property
    def stacked(self) -> float:
        """Where the stacked segments end (past the total when parts exceed it)."""
        return sum(span.best for _, span in self.segments)


def stack_rows(bars: Sequence[Bar]) -> list[Row]:
    """The bars grouped by event, in order; a missing total is the sum of the segments.

    An event with only a total has it all as one unclassified segment.
    """
    grouped: list[list[Bar]] = []
    for bar in bars:
        # Two events may share a label (a date and a town); an event's bars end with its total.
        previous = grouped[-1][-1] if grouped else None
        if previous is None or previous.incident != bar.incident or previous.role == TOTAL:
            grouped.append([])
        grouped[-1].append(bar)
    rows = []
    for mine in grouped:
        label = mine[0].incident
        total = next((bar.span for bar in mine if bar.role == TOTAL), None)
        segments = tuple((bar.role, bar.span) for bar in mine if bar.role != TOTAL)
        if total is None:
            total = Span.total(span for _, span in segments)
        rows.append(Row(label, total, segments or ((UNCLASSIFIED, total),)))
    return rows


def split_outliers(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """(outliers, the rest): the few events more than ``OUTLIER`` times the next largest."""
    ranked = sorted((row.total.best for row in rows), reverse=True)
    for index in range(min(MOST_OUTLIERS, len(ranked) - 1)):
        if ranked[index] > OUTLIER * max(ranked[index + 1], OUTLIER_FLOOR):
            cut = ranked[index]
            return [r for r in rows if r.total.best >= cut], [r for r in rows if r.total.best < cut]
    return [], rows
