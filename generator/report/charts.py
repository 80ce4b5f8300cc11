"""Stage 6b: the report's charts as SVG strings, drawn with matplotlib at build time.

Charts are deterministic: a fixed ``svg.hashsalt``, no date in the metadata, text as paths
(so no font is needed to view them). The map draws Natural Earth country shapes from the
``world-atlas`` npm package (``core.map_shapes``); it uses no tiles and no network.
"""

from __future__ import annotations

import io
import math
import textwrap
import warnings
from pathlib import Path
from typing import Any

with warnings.catch_warnings():
    # On first use matplotlib writes its font cache without naming an encoding.
    warnings.simplefilter("ignore", EncodingWarning)
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch, Polygon
    from matplotlib.ticker import FuncFormatter, MaxNLocator

from generator.core.map_shapes import (
    EXTENT,
    KAZAKHSTAN,
    WORLD_ATLAS,
    Shapes,
    clip_ring,
    load_shapes,
)
from generator.model import format_range
from generator.report.compare import Bar
from generator.report.map_discs import draw_markers, size_key
from generator.report.map_labels import label_markers
from generator.report.markers import Point, place_markers
from generator.report.parts import UNCLASSIFIED
from generator.report.stacks import OUTLIER, Row, split_outliers, stack_rows
from generator.report.text import CHART_ROLES
from generator.text.figures import ROLE_LABELS
from generator.text.filters import format_number

COLOURS = {
    "perpetrators": "#D55E00",
    "security-forces": "#0072B2",
    "civilians": "#009E73",
    "victims": "#56B4E9",
    "unknown": "#999999",
}
"""One colour per role, from the Okabe–Ito palette that colour-blind readers can tell apart."""
COUNT_TICKS = FuncFormatter(lambda value, _: format_number(value))
"""Tick labels of counts as the text prints them: '1,000'; years keep their plain digits."""
UNCLASSIFIED_LABEL = "not classified by the source"
UNCLASSIFIED_STYLE: dict[str, Any] = {
    "facecolor": "#e3e3e3",
    "hatch": "////",
    "edgecolor": "#8a8a8a",
}
"""The rest of a total no source assigned to a role: light grey, hatched."""
LABEL_WIDTH = 34
"""Characters per line of a bar's label; longer labels wrap, so the bars keep their width."""
RC: dict[Any, Any] = {
    "svg.hashsalt": "incident-record",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def render_charts(
    bars: tuple[Bar, ...],
    years: tuple[tuple[int, int], ...],
    points: tuple[Point, ...],
    atlas: Path = WORLD_ATLAS,
) -> dict[str, str]:
    """Every chart with data, keyed by file stem: casualties, timeline, map (``atlas``'s shapes)."""
    charts = {}
    if bars:
        charts["casualties"] = plot_casualties(bars)
    if years:
        charts["timeline"] = plot_timeline(years)
    if points:
        charts["map"] = plot_map(points, load_shapes(atlas))
    return charts


def plot_casualties(bars: tuple[Bar, ...]) -> str:
    """Killed per event: a bar of its parts by role and the unclassified rest, legend above.

    The whisker and the number at the end are the total's low–high range and best estimate;
    outliers get a panel of their own above the rest (``stacks.split_outliers``).
    """
    with matplotlib.rc_context(RC):
        return _to_svg(casualty_figure(bars))


def casualty_figure(bars: tuple[Bar, ...]) -> Figure:
    """The casualty chart as a matplotlib figure (``plot_casualties`` writes it as SVG)."""
    rows = stack_rows(bars)
    big, rest = split_outliers(rows)
    panels = [panel for panel in (big, rest) if panel]
    present = {role for row in rows for role, span in row.segments if span.best > 0}
    roles = [role for role in (*CHART_ROLES, UNCLASSIFIED) if role in present]
    with matplotlib.rc_context(RC):
        height = 0.8 + 0.38 * len(rows) + 0.6 * len(panels)
        figure = Figure(figsize=(7, height), layout="constrained")
        grid = figure.add_gridspec(len(panels), 1, height_ratios=[len(p) + 1 for p in panels])
        for index, panel in enumerate(panels):
            axes = figure.add_subplot(grid[index])
            _draw_stacks(axes, panel)
            if panel is big:
                title = f"On its own scale: more than {OUTLIER:g} times the next incident"
                axes.set_title(title, loc="left", fontsize=8)
        figure.axes[-1].set_xlabel("Killed (best estimate; whisker from low to high)")
        if roles:
            columns = len(roles) if len(roles) <= 4 else 3
            # The legend fills column by column; this order reads left to right, line by line.
            lines = math.ceil(len(roles) / columns)
            order = [i * columns + j for j in range(columns) for i in range(lines)]
            figure.legend(
                handles=[_legend_patch(roles[i]) for i in order if i < len(roles)],
                loc="outside upper center",
                ncols=columns,
                frameon=False,
            )
        return figure


def _draw_stacks(axes: Any, rows: list[Row]) -> None:
    """Stacked bars centred on their labels, each with its whisker and its total's number."""
    reach = max(max(row.total.high, row.stacked) for row in rows) or 1
    for y, row in enumerate(rows):
        left = 0.0
        for role, span in row.segments:
            if span.best > 0:
                style = UNCLASSIFIED_STYLE if role == UNCLASSIFIED else {"color": COLOURS[role]}
                axes.barh(y, span.best, left=left, height=0.62, lw=0.4, **style)
                left += span.best
        total = row.total
        whisker = [[total.best - total.low], [total.high - total.best]]
        axes.errorbar(total.best, y, xerr=whisker, fmt="none", ecolor="#222222", capsize=2.5)
        axes.annotate(
            bar_label(row),
            (max(total.high, left), y),
            xytext=(5, 0),
            textcoords="offset points",
            va="center",
        )
    axes.set_yticks(range(len(rows)), [textwrap.fill(row.label, LABEL_WIDTH) for row in rows])
    axes.set_ylim(len(rows) - 0.5, -0.5)
    axes.set_xlim(0, reach * 1.25)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.xaxis.set_major_formatter(COUNT_TICKS)
    axes.grid(axis="x", color="#dddddd", lw=0.5)
    axes.set_axisbelow(True)


def bar_label(row: Row) -> str:
    """The number written past a bar: its total, and what its parts add to when that is more.

    Sources may give parts (by role) that add up past the total another source gives; the bar
    then reaches past its total's best, and the label says by how much rather than hide it.
    """
    text = format_range(row.total.best, row.total.low, row.total.high)
    if row.stacked > row.total.best:
        text += f"; parts add to {format_number(row.stacked)}"
    return text


def _legend_patch(role: str) -> Patch:
    """The legend's swatch for a role, or for the unclassified rest."""
    if role == UNCLASSIFIED:
        return Patch(label=UNCLASSIFIED_LABEL, lw=0.4, **UNCLASSIFIED_STYLE)
    return Patch(label=ROLE_LABELS[role], color=COLOURS[role])


def plot_timeline(years: tuple[tuple[int, int], ...]) -> str:
    """Incidents per year, with the empty years shown."""
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(7, 2.4))
        axes = figure.add_subplot()
        axes.bar([y for y, _ in years], [n for _, n in years], color="#0072B2", width=0.7)
        axes.set_ylabel("Incidents")
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.yaxis.set_major_formatter(COUNT_TICKS)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.grid(axis="y", color="#dddddd", lw=0.5)
        axes.set_axisbelow(True)
        figure.tight_layout()
        return _to_svg(figure)


def plot_map(points: tuple[Point, ...], shapes: Shapes) -> str:
    """Kazakhstan and its neighbours, a marker per place sized by its toll, labelled with numbers.

    Incidents at the same place share one marker; its label lists their numbers, or, with many
    incidents, the place's number among the labelled places (``markers.place_markers``).
    """
    west, east, south, north = EXTENT
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(7, 4.2))
        axes = figure.add_subplot()
        for country, rings in sorted(shapes.items()):
            home = country == KAZAKHSTAN
            for ring in rings:
                clipped = clip_ring(ring, EXTENT)
                if len(clipped) >= 3:
                    axes.add_patch(
                        Polygon(
                            clipped,
                            closed=True,
                            facecolor="#f2efe6" if home else "#e4e4e4",
                            edgecolor="#555555" if home else "#aaaaaa",
                            lw=0.8 if home else 0.4,
                        )
                    )
        markers = place_markers(points)
        draw_markers(axes, markers)
        size_key(axes, max((marker.killed for marker in markers), default=0))
        axes.set_facecolor("#dcebf5")
        axes.set_xlim(west, east)
        axes.set_ylim(south, north)
        axes.set_aspect(1 / math.cos(math.radians((south + north) / 2)))
        axes.set_xticks([])
        axes.set_yticks([])
        for spine in axes.spines.values():
            spine.set_visible(True)
            spine.set_color("#aaaaaa")
        figure.tight_layout()
        label_markers(figure, axes, [marker for marker in markers if marker.label])
        return _to_svg(figure)


def _to_svg(figure: Figure) -> str:
    """The figure as an SVG document without a date, so equal input gives equal bytes."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
