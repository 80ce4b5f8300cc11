"""The site map's data in bounded files: ``map/overview.json`` first, tiles as the reader zooms.

Every file is a node: ``{"markers": [...]}`` (at most ``CAP`` markers, drawn as they are) or
``{"cells": [...]}``, each cell a summary of one Web Mercator tile (its tile ``[z, x, y]``, the
map zoom ``open`` at which map.js fetches ``tiles/<z>/<x>/<y>.json``, its ``count``, the
count-weighted ``lat``/``lon`` of its markers and its ``bounds``). The overview holds the markers
when the whole map has at most ``CAP``, otherwise one cell per non-empty tile at zoom ``BASE``:
bounded by the earth (about 150 cells cover Kazakhstan), never by the number of incidents. A
tile with more than ``CAP`` markers is split into its quarters at the next zoom; at ``DEEPEST``
its first ``CAP - 1`` markers are kept and the rest fold into one marker that counts them and
links to the places index. Each marker lists its first ``ENTRIES`` incidents, says how many
more (``more``) and links to its place's page. A count is of incidents at a marker, so the
counts of a node's cells add up to its incidents at places drawn. The page itself lists at
most ``LISTED`` incidents in a table and ``SHARED`` shared places. Pure: the caller writes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

BASE = 7
"""Zoom of the overview's cells: a tile is about 2.8 degrees of longitude wide."""
DEEPEST = 18
"""Zoom at which a tile is no longer split: street level."""
CAP = 200
"""Markers a file holds at most."""
ENTRIES = 5
"""Incidents a marker's popup lists before 'and M more'."""
LISTED = 500
"""Incidents the map page lists in a table at most; above, it links to the place pages."""
SHARED = 100
"""Shared places the map page names at most, each with its first ``ENTRIES`` incidents."""
PLACES = "../places/"
"""Where a folded marker at ``DEEPEST`` sends the reader: every place, with its incidents."""
MAX_LAT = 85.0511287798
"""The Web Mercator projection stops here."""

Marker = dict[str, Any]
Tile = tuple[int, int, int]


def map_files(markers: Sequence[Marker]) -> dict[str, str]:
    """``map/overview.json`` and every ``map/tiles/<z>/<x>/<y>.json`` for these markers."""
    files: dict[str, str] = {}
    shown = [_shown(marker) for marker in markers]
    if len(shown) <= CAP:
        files["map/overview.json"] = _dump({"markers": shown})
        return files
    cells = _cells(shown, BASE)
    files["map/overview.json"] = _dump({"cells": [cell for cell, _ in cells]})
    for cell, inside in cells:
        files.update(_tile_files(_tile(cell), inside))
    return files


def map_first_load(docs_dir: Path) -> dict[str, int]:
    """The map page's files (path in ``docs_dir`` -> bytes) read before the reader zooms or pans.

    The page itself, its country outline and its overview: map.js opens no cell at the first
    view (it fits the overview at a zoom below every cell's ``open``). Leaflet, its clusters
    and the theme are not counted: they are the same for every corpus.
    """
    names = ("map/index.md", "map/outline.json", "map/overview.json")
    return {name: (docs_dir / name).stat().st_size for name in names if (docs_dir / name).is_file()}


def tile_of(lat: float, lon: float, zoom: int) -> Tile:
    """The Web Mercator tile ``(zoom, x, y)`` that holds the point."""
    side = 2**zoom
    rad = math.radians(max(-MAX_LAT, min(MAX_LAT, lat)))
    x = int((lon + 180.0) / 360.0 * side)
    y = int((1.0 - math.asinh(math.tan(rad)) / math.pi) / 2.0 * side)
    return zoom, min(max(x, 0), side - 1), min(max(y, 0), side - 1)


def tile_bounds(tile: Tile) -> list[list[float]]:
    """``[[south, west], [north, east]]`` of a tile, in degrees rounded to six decimals."""
    zoom, x, y = tile
    side = 2**zoom

    def lat(row: int) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * row / side))))

    west, east = x / side * 360.0 - 180.0, (x + 1) / side * 360.0 - 180.0
    return [[round(lat(y + 1), 6), round(west, 6)], [round(lat(y), 6), round(east, 6)]]


def _shown(marker: Marker) -> Marker:
    """A marker as a file holds it: its first ``ENTRIES`` incidents and how many more."""
    entries = marker["incidents"]
    return {
        "lat": marker["lat"],
        "lon": marker["lon"],
        "place": marker["place"],
        "page": marker["page"],
        "label": marker["label"],
        "count": len(entries),
        "more": max(0, len(entries) - ENTRIES),
        "incidents": entries[:ENTRIES],
    }


def _cells(markers: Sequence[Marker], zoom: int) -> list[tuple[Marker, list[Marker]]]:
    """One cell per non-empty tile at ``zoom``, in tile order, with the markers inside it."""
    found: dict[Tile, list[Marker]] = {}
    for marker in markers:
        found.setdefault(tile_of(marker["lat"], marker["lon"], zoom), []).append(marker)
    cells = []
    for tile, inside in sorted(found.items()):
        count = sum(marker["count"] for marker in inside)
        cell = {
            "tile": list(tile),
            "open": tile[0] - 1,
            "count": count,
            "lat": round(sum(m["lat"] * m["count"] for m in inside) / count, 4),
            "lon": round(sum(m["lon"] * m["count"] for m in inside) / count, 4),
            "bounds": tile_bounds(tile),
        }
        cells.append((cell, inside))
    return cells


def _tile_files(tile: Tile, markers: list[Marker]) -> Iterator[tuple[str, str]]:
    """The file of one tile and, when it is split, those of its quarters below it."""
    zoom, x, y = tile
    path = f"map/tiles/{zoom}/{x}/{y}.json"
    if len(markers) <= CAP:
        yield path, _dump({"markers": markers})
    elif zoom >= DEEPEST:
        yield path, _dump({"markers": _folded(markers)})
    else:
        quarters = _cells(markers, zoom + 1)
        yield path, _dump({"cells": [cell for cell, _ in quarters]})
        for cell, inside in quarters:
            yield from _tile_files(_tile(cell), inside)


def _tile(cell: Marker) -> Tile:
    """The tile a cell summarises."""
    zoom, x, y = cell["tile"]
    return int(zoom), int(x), int(y)


def _folded(markers: list[Marker]) -> list[Marker]:
    """The first ``CAP - 1`` markers, and one that counts the rest at their centre."""
    kept, rest = markers[: CAP - 1], markers[CAP - 1 :]
    count = sum(marker["count"] for marker in rest)
    folded = {
        "lat": round(sum(m["lat"] * m["count"] for m in rest) / count, 4),
        "lon": round(sum(m["lon"] * m["count"] for m in rest) / count, 4),
        "place": "Several places nearby",
        "page": PLACES,
        "label": f"{count} more incidents nearby",
        "count": count,
        "more": count,
        "incidents": [],
    }
    return [*kept, folded]


def _dump(node: Marker) -> str:
    """A node as compact JSON with sorted keys, so that the same markers give the same bytes."""
    return json.dumps(node, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
