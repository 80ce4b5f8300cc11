"""The report map's discs: one per place, its area in proportion to the toll, and their key.

``charts.plot_map`` draws the country shapes and the labels (``map_labels``); the discs and
the key of their sizes are drawn here, into the map's axes.
"""

from __future__ import annotations

import math
from typing import Any

from generator.report.markers import Marker

MARKER_BASE = 20.0
"""The area of a marker with no one killed, in points²."""
MARKER_SCALE = 6.0
"""Points² of marker area per person killed: area, not radius, grows with the toll."""
DISC_COLOUR = "#D55E00"
DISC_OPACITY = 0.75
"""The discs' one colour and opacity, the key's as well."""
KEY_FONT_SIZE = 7
"""Points of the map key's words; its rows are measured in them."""


def draw_markers(axes: Any, markers: tuple[Marker, ...]) -> None:
    """Each marker as a disc of its area, the largest first so that smaller ones stay seen.

    One scatter per area: the SVG then defines each disc once and places it at every marker
    of that area, where one scatter of every area wrote each marker's disc out in full (at
    10,000 incidents, 690 of the map's 820 KB). The discs share one colour and opacity, so the
    order they are drawn in changes nothing where they overlap.
    """
    by_area: dict[float, list[Marker]] = {}
    for marker in markers:
        by_area.setdefault(marker_area(marker.killed), []).append(marker)
    for area in sorted(by_area, reverse=True):
        same = by_area[area]
        axes.scatter(
            [marker.lon for marker in same],
            [marker.lat for marker in same],
            s=area,
            color=DISC_COLOUR,
            alpha=DISC_OPACITY,
            zorder=3,
        )


def marker_area(killed: float) -> float:
    """A marker's area in points², in proportion to the people killed there, never too small."""
    return MARKER_BASE + MARKER_SCALE * killed


def size_key(axes: Any, largest: float) -> None:
    """A key of marker sizes (1, 10, 100... killed, up to the largest) beside the map.

    Beside it, not in a corner of it: a key as tall as its discs would cover places there.
    """
    steps = [10**power for power in range(5) if 10**power <= max(largest, 1)][-3:]
    handles = [
        axes.scatter([], [], s=marker_area(step), color=DISC_COLOUR, alpha=DISC_OPACITY)
        for step in steps
    ]
    # Each row's handle is as wide and tall as the largest disc, so every disc of the key
    # stays inside its frame and clear of its words (a disc's area in points² is ``s``, so its
    # diameter is the root).
    fit = math.sqrt(marker_area(steps[-1])) / KEY_FONT_SIZE + 0.3
    key = axes.legend(
        handles,
        [f"{step:,} killed" for step in steps],
        loc="lower left",
        bbox_to_anchor=(1.01, 0.0),
        title="Marker area",
        handlelength=max(2.0, fit),
        handleheight=max(0.7, fit),
        labelspacing=0.5,
        borderpad=0.8,
        fontsize=KEY_FONT_SIZE,
        title_fontsize=KEY_FONT_SIZE,
        framealpha=0.9,
    )
    # Named, so the key's words are told apart from the markers' labels in the SVG.
    key.get_title().set_gid("size-key-title")
    for index, text in enumerate(key.get_texts()):
        text.set_gid(f"size-key-{index}")
