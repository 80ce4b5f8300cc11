"""Where the report map writes its markers' labels: beside each marker, never over another label.

Labels are tried on each side in turn (``LABEL_SIDES``) and kept on the first where they fit in
the frame and overlap no label already placed.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from generator.report.markers import Marker

LABEL_SIDES = (
    (6, 3, "left", "bottom"),
    (6, -3, "left", "top"),
    (-6, 3, "right", "bottom"),
    (-6, -3, "right", "top"),
    (0, 9, "center", "bottom"),
    (0, -9, "center", "top"),
)
"""Where a marker's label may go, in order of preference: offset in points and alignment."""


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
