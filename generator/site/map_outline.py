"""The site map's country outline (``map/outline.json``): drawn under the markers without tiles.

The shapes are those of the report's map (``core.map_shapes``: Natural Earth from the
``world-atlas`` npm package), cut to the same window and written as GeoJSON with coordinates
rounded to ``DIGITS`` decimals, so that the file stays small. Pure apart from reading the
atlas: the caller writes the file.
"""

from __future__ import annotations

import json
from typing import Any

from generator.core.map_shapes import (
    EXTENT,
    KAZAKHSTAN,
    Ring,
    Shapes,
    atlas_in,
    clip_ring,
    load_shapes,
)
from generator.core.settings import Settings

DIGITS = 2
"""Decimals kept of each degree: about a kilometre, finer than a border drawn at zoom 4 to 10."""


def outline_file(settings: Settings) -> dict[str, str]:
    """``map/outline.json`` from the atlas in the project's node_modules/ (``make install``)."""
    return {"map/outline.json": map_outline(load_shapes(atlas_in(settings.root)))}


def map_outline(shapes: Shapes) -> str:
    """The countries in the map window as a GeoJSON FeatureCollection, one Feature each.

    Each country is a MultiPolygon of its rings clipped to the window; ``home`` is true for
    Kazakhstan, which the map draws stronger than its neighbours.
    """
    features: list[dict[str, Any]] = []
    for country, rings in sorted(shapes.items()):
        polygons = [[ring] for ring in (_rounded(clip_ring(r, EXTENT)) for r in rings) if ring]
        if polygons:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"id": country, "home": country == KAZAKHSTAN},
                    "geometry": {"type": "MultiPolygon", "coordinates": polygons},
                }
            )
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, separators=(",", ":"), sort_keys=True) + "\n"


def _rounded(ring: Ring) -> list[list[float]]:
    """A clipped ring with rounded points, repeats dropped and closed; [] when it has no area."""
    points: list[list[float]] = []
    for lon, lat in ring:
        point = [round(lon, DIGITS), round(lat, DIGITS)]
        if not points or point != points[-1]:
            points.append(point)
    if points and points[0] != points[-1]:
        points.append(points[0])
    return points if len(points) >= 4 else []
