"""The report's charts: deterministic SVG, and the TopoJSON decoding behind the map."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.charts import (
    EXTENT,
    KAZAKHSTAN,
    WORLD_ATLAS,
    clip_ring,
    decode_arcs,
    load_shapes,
    render_charts,
)
from generator.compare import Bar, Point
from generator.errors import ContentError
from generator.report_text import Span

BARS = (
    Bar("2012-07-10 Almaty", "perpetrators", Span(7, 5, 7)),
    Bar("2012-07-10 Almaty", "security-forces", Span(1, 1, 1)),
    Bar("2023-02-14 Example Town", "total", Span(0, 0, 0)),
)
YEARS = ((2012, 1), (2013, 0), (2014, 2))
POINTS = (Point("2012-07-10 Almaty", 43.25, 76.9, 8), Point("2019 Shymkent", 42.3, 69.6, None))


def test_render_charts_is_deterministic_svg_without_a_date() -> None:
    first = render_charts(BARS, YEARS, POINTS)
    assert sorted(first) == ["casualties", "map", "timeline"]
    assert first == render_charts(BARS, YEARS, POINTS)
    for svg in first.values():
        assert svg.startswith('<?xml version="1.0" encoding="utf-8" standalone="no"?>')
        assert "<dc:date>" not in svg
        assert "<image" not in svg, "vector only"


def test_render_charts_leaves_out_charts_without_data() -> None:
    assert render_charts((), (), ()) == {}
    assert sorted(render_charts(BARS, (), ())) == ["casualties"]


def test_decode_arcs_undoes_delta_encoding_and_quantization() -> None:
    topology = {
        "transform": {"scale": [0.5, 2.0], "translate": [10.0, -5.0]},
        "arcs": [[[0, 0], [2, 1], [-1, 3]]],
    }
    assert decode_arcs(topology) == [[(10.0, -5.0), (11.0, -3.0), (10.5, 3.0)]]


def test_clip_ring_keeps_only_the_part_inside_the_window() -> None:
    square = [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0)]
    assert clip_ring(square, (1.0, 3.0, -1.0, 5.0)) == [
        (1.0, 0.0),
        (3.0, 0.0),
        (3.0, 4.0),
        (1.0, 4.0),
    ]
    assert clip_ring(square, (10.0, 11.0, 10.0, 11.0)) == []


def test_load_shapes_finds_kazakhstan_inside_the_window() -> None:
    shapes = load_shapes(WORLD_ATLAS)
    west, east, south, north = EXTENT
    points = [point for ring in shapes[KAZAKHSTAN] for point in ring]
    assert len(points) > 500
    assert west < min(x for x, _ in points) < 47.5
    assert 87 < max(x for x, _ in points) < east
    assert south < min(y for _, y in points) < 41
    assert 55 < max(y for _, y in points) < north


def test_load_shapes_without_world_atlas_says_how_to_fix(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load_shapes(tmp_path / "countries-50m.json")
    assert caught.value.problems[0].message.endswith("; run make install")
