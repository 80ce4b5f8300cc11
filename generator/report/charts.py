"""Stage 6b: the report's charts as SVG strings, drawn with matplotlib at build time.

Charts are deterministic: a fixed ``svg.hashsalt``, no date in the metadata, text as paths
(so no font is needed to view them). The map draws Natural Earth country shapes from the
``world-atlas`` npm package (``map_shapes``); it uses no tiles and no network.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

with warnings.catch_warnings():
    # On first use matplotlib writes its font cache without naming an encoding.
    warnings.simplefilter("ignore", EncodingWarning)
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Polygon
    from matplotlib.ticker import FuncFormatter, MaxNLocator

from generator.report.compare import Bar, Marker, Point, place_markers
from generator.report.map_shapes import (
    EXTENT,
    KAZAKHSTAN,
    WORLD_ATLAS,
    Shapes,
    clip_ring,
    load_shapes,
)
from generator.text.filters import ROLE_LABELS, format_number

COLOURS = {
    "perpetrators": "#D55E00",
    "security-forces": "#0072B2",
    "civilians": "#009E73",
    "victims": "#56B4E9",
    "unknown": "#999999",
    "total": "#444444",
}
"""One colour per role, from the Okabe–Ito palette that colour-blind readers can tell apart."""
COUNT_TICKS = FuncFormatter(lambda value, _: format_number(value))
"""Tick labels of counts as the text prints them: '1,000'; years keep their plain digits."""
LABEL_SIDES = (
    (6, 3, "left", "bottom"),
    (6, -3, "left", "top"),
    (-6, 3, "right", "bottom"),
    (-6, -3, "right", "top"),
    (0, 9, "center", "bottom"),
    (0, -9, "center", "top"),
)
"""Where a marker's label may go, in order of preference: offset in points and alignment."""
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
    """Killed per incident by role: bars at the best estimate, whiskers from low to high."""
    incidents = list(dict.fromkeys(bar.incident for bar in bars))
    roles = [role for role in COLOURS if any(bar.role == role for bar in bars)]
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(7, 1.2 + 0.42 * len(incidents)))
        axes = figure.add_subplot()
        height = 0.8 / len(roles)
        for index, role in enumerate(roles):
            mine = [bar for bar in bars if bar.role == role]
            rows = [
                incidents.index(bar.incident) + index * height - 0.4 + height / 2 for bar in mine
            ]
            best = [bar.span.best for bar in mine]
            errors = [
                [bar.span.best - bar.span.low for bar in mine],
                [bar.span.high - bar.span.best for bar in mine],
            ]
            label = "not split by role" if role == "total" else ROLE_LABELS[role]
            axes.barh(rows, best, height=height * 0.9, color=COLOURS[role], label=label)
            axes.errorbar(best, rows, xerr=errors, fmt="none", ecolor="#222222", capsize=2, lw=0.8)
        axes.set_yticks(range(len(incidents)), incidents)
        axes.invert_yaxis()
        axes.set_xlabel("Killed: best estimate, whiskers from low to high estimate")
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.xaxis.set_major_formatter(COUNT_TICKS)
        axes.legend(loc="lower right", frameon=False)
        axes.grid(axis="x", color="#dddddd", lw=0.5)
        axes.set_axisbelow(True)
        figure.tight_layout()
        return _to_svg(figure)


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
    incidents, the place's number among the labelled places (``compare.place_markers``).
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
        axes.scatter(
            [marker.lon for marker in markers],
            [marker.lat for marker in markers],
            s=[30 + 12 * math.sqrt(marker.killed) for marker in markers],
            color="#D55E00",
            alpha=0.75,
            zorder=3,
        )
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


def label_markers(figure: Figure, axes: Any, markers: list[Marker]) -> list[Any]:
    """Write each marker's label beside it, on the first side where no other label is.

    Returns the labels' boxes in display units; where every side is taken, the last is used.
    """
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    frame = axes.get_window_extent(renderer)
    taken = BoxGrid()
    boxes = []
    for marker in sorted(markers, key=lambda m: (-m.lat, m.lon, m.numbers)):
        for dx, dy, ha, va in LABEL_SIDES:
            text = axes.annotate(
                marker.label,
                (marker.lon, marker.lat),
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                zorder=4,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            )
            box = text.get_window_extent(renderer)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0
            if inside and box.y1 <= frame.y1 and not taken.overlaps(box):
                break
            if (dx, dy, ha, va) != LABEL_SIDES[-1]:
                text.remove()
        taken.add(box)
        boxes.append(box)
    return boxes


class BoxGrid:
    """Boxes filed by the grid cells they cover, so an overlap test looks only at neighbours."""

    CELL = 40.0
    """Cell size in display units (pixels), about the size of a label."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Any]] = {}

    def _cells(self, box: Any) -> Iterator[tuple[int, int]]:
        for x in range(math.floor(box.x0 / self.CELL), math.floor(box.x1 / self.CELL) + 1):
            for y in range(math.floor(box.y0 / self.CELL), math.floor(box.y1 / self.CELL) + 1):
                yield (x, y)

    def add(self, box: Any) -> None:
        """File a box under every cell it covers."""
        for cell in self._cells(box):
            self.cells.setdefault(cell, []).append(box)

    def overlaps(self, box: Any) -> bool:
        """Whether the box overlaps any filed box."""
        return any(
            box.overlaps(other) for cell in self._cells(box) for other in self.cells.get(cell, ())
        )


def _to_svg(figure: Figure) -> str:
    """The figure as an SVG document without a date, so equal input gives equal bytes."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
