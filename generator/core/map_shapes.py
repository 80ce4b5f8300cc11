"""The maps' country shapes: Natural Earth from the ``world-atlas`` npm package, clipped.

The TopoJSON is decoded here (arcs into rings) and cut to the map window, so that the report's
map and the site map's outline need no tiles and no network. Both use this one copy: the site
and the report may not import each other.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.core.errors import ContentError, Problem
from generator.core.settings import ROOT

WORLD_ATLAS = ROOT / "node_modules" / "world-atlas" / "countries-50m.json"
"""Natural Earth 1:50m countries as TopoJSON, installed by ``make install`` (npm ci)."""
KAZAKHSTAN = "398"
"""ISO 3166-1 numeric id of Kazakhstan in world-atlas."""
EXTENT = (45.0, 89.0, 39.0, 57.0)
"""Map window as west, east, south, north in degrees: Kazakhstan and its borders."""

Ring = list[tuple[float, float]]
Shapes = dict[str, list[Ring]]


def atlas_in(root: Path) -> Path:
    """The world-atlas shapes of the project at ``root``, else of this checkout (``WORLD_ATLAS``).

    A site built from another folder (an installed package's) uses that folder's node_modules/,
    as it does for Leaflet.
    """
    own = root / "node_modules" / "world-atlas" / WORLD_ATLAS.name
    return own if own.is_file() else WORLD_ATLAS


def load_shapes(path: Path) -> Shapes:
    """Outer and inner rings (lon, lat) of every country near the map window, by numeric id."""
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ContentError(
            [
                Problem(
                    str(path), 0, 0, "", f"cannot read the map shapes ({error}); run make install"
                )
            ]
        ) from None
    arcs = decode_arcs(topology)
    shapes: Shapes = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        rings = [_ring(arcs, indexes) for indexes in _polygons(geometry)]
        near = [ring for ring in rings if _touches(ring, EXTENT)]
        if near:
            shapes[str(geometry.get("id", ""))] = near
    return shapes


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """TopoJSON arcs to absolute (lon, lat) points: undo delta encoding and quantization."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _polygons(geometry: dict[str, Any]) -> Iterator[list[int]]:
    """The arc index lists of every ring of a Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        yield from geometry["arcs"]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["arcs"]:
            yield from polygon


def _ring(arcs: list[Ring], indexes: list[int]) -> Ring:
    """Join arcs into a ring; a negative index ~i means arc i reversed."""
    ring: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)
    return ring


def _touches(ring: Ring, extent: tuple[float, float, float, float]) -> bool:
    west, east, south, north = extent
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    return min(xs) <= east and max(xs) >= west and min(ys) <= north and max(ys) >= south


def clip_ring(ring: Ring, extent: tuple[float, float, float, float]) -> Ring:
    """Clip a ring to a rectangle (Sutherland–Hodgman), so the SVG holds no hidden points."""
    west, east, south, north = extent
    output = ring
    for axis, bound, keep_above in (
        (0, west, True),
        (0, east, False),
        (1, south, True),
        (1, north, False),
    ):
        points, output = output, []
        for i, current in enumerate(points):
            previous = points[i - 1]
            now_in = (current[axis] >= bound) == keep_above
            was_in = (previous[axis] >= bound) == keep_above
            if now_in != was_in:
                output.append(_cross(previous, current, axis, bound))
            if now_in:
                output.append(current)
    return output


def _cross(
    a: tuple[float, float], b: tuple[float, float], axis: int, bound: float
) -> tuple[float, float]:
    """Where the segment from a to b crosses the line x = bound (axis 0) or y = bound (axis 1)."""
    t = (bound - a[axis]) / (b[axis] - a[axis])
    x, y = a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])
    return (bound, y) if axis == 0 else (x, bound)
