"""The report's charts: deterministic SVG, and the TopoJSON decoding behind the map."""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Any

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from generator.core.errors import ContentError
from generator.core.map_shapes import (
    EXTENT,
    KAZAKHSTAN,
    WORLD_ATLAS,
    clip_ring,
    decode_arcs,
    load_shapes,
)
from generator.report.charts import render_charts
from generator.report.compare import Bar
from generator.report.map_labels import label_markers
from generator.report.markers import Marker, Point, group_markers
from generator.report.text import Span

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


def test_incidents_at_one_place_share_a_marker_labelled_with_their_numbers() -> None:
    points = (
        Point("2011 Almaty", 43.24, 76.89, 2),
        Point("2011 Taraz", 42.9, 71.37, 8),
        Point("2012 Almaty", 43.24, 76.89, 6),
        Point("2016 Almaty", 43.241, 76.891, None),
        Point("2021 Almaty", 43.24, 76.89, 5),
    )
    markers = group_markers(points)
    assert [(m.numbers, m.killed) for m in markers] == [((1, 3, 4, 5), 13), ((2,), 8)]
    assert [m.label for m in markers] == ["1, 3–5", "2"]


def test_marker_labels_do_not_overlap_where_a_side_is_free() -> None:
    west, east, south, north = EXTENT
    figure = Figure(figsize=(7, 4.2))
    axes = figure.add_subplot()
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    # Four places a few kilometres apart, as Almaty and its suburbs are at this scale.
    markers = [
        Marker(43.2 + 0.05 * i, 76.9 + 0.05 * i, (2 * i + 1, 2 * i + 2), 0) for i in range(4)
    ]
    boxes = label_markers(figure, axes, markers)
    assert len(boxes) == 4
    for i, box in enumerate(boxes):
        assert not any(box.overlaps(other) for other in boxes[i + 1 :])


def test_count_ticks_group_thousands_like_the_text() -> None:
    from generator.report.charts import COUNT_TICKS

    ticks = [COUNT_TICKS(value, 0) for value in (0, 5, 1500.0, 12000)]
    assert ticks == ["0", "5", "1,500", "12,000"]


# --- Casualty chart: an event's total, its parts by role and the rest (INVENTED records) --------


def test_killed_parts_give_roles_the_unclassified_rest_and_the_total() -> None:
    from generator.report.parts import killed_parts
    from tests.invented_events import local, nationwide

    assert [(role, span.best) for role, span in killed_parts(nationwide())] == [
        ("security-forces", 20),
        ("civilians", 50),
        ("unclassified", 30),
        ("total", 100),
    ]
    # A total added up from roles leaves no rest; a total no source splits is all rest.
    assert [(role, span.best) for role, span in killed_parts(local())] == [
        ("perpetrators", 3),
        ("civilians", 2),
        ("total", 5),
    ]
    whole = nationwide(figures=nationwide().figures[:1])
    assert [(role, span.best) for role, span in killed_parts(whole)] == [
        ("unclassified", 100),
        ("total", 100),
    ]


def test_a_nationwide_event_is_labelled_by_its_area_and_drawn_in_its_own_panel() -> None:
    from generator.report.compare import list_bars
    from generator.report.stacks import split_outliers, stack_rows
    from tests.invented_events import local, nationwide

    bars = list_bars((nationwide(), local(), local("2030-03-01-invented-b")), {"KZ": "Kazakhstan"})
    rows = stack_rows(bars)
    assert [(row.label, row.total.best, row.stacked) for row in rows] == [
        ("2030-01-02 Nationwide (Kazakhstan)", 100, 100),
        ("2030-03-01 Almaty", 5, 5),
        ("2030-03-01 Almaty", 5, 5),  # two events with one label stay two bars
    ]
    big, rest = split_outliers(rows)
    assert [row.label for row in big] == ["2030-01-02 Nationwide (Kazakhstan)"]
    assert len(rest) == 2
    assert split_outliers(rows[1:]) == ([], rows[1:])


def _layout(bars: tuple[Bar, ...]) -> tuple[Any, list[Any]]:
    """The drawn casualty figure's legend box and its panels, in display units."""
    from generator.report.charts import casualty_figure

    figure = casualty_figure(bars)
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    return figure.legends[0].get_window_extent(renderer), figure.axes


def test_casualty_bars_sit_on_their_labels_and_the_legend_covers_none() -> None:
    from generator.report.compare import list_bars
    from tests.invented_events import local, nationwide

    events = (nationwide(), local(), local("2030-04-01-invented-b"))
    legend, panels = _layout(list_bars(events, {"KZ": "Kazakhstan"}))
    assert len(panels) == 2, "the outlier has a panel of its own"
    labels = []
    for axes in panels:
        ticks = list(axes.get_yticks())
        labels += [text.get_text() for text in axes.get_yticklabels()]
        centres = sorted({round(p.get_y() + p.get_height() / 2, 6) for p in axes.patches})
        assert centres == ticks, "each stack is centred on its label"
        assert not legend.overlaps(axes.get_window_extent()), "the legend is outside the bars"
        assert not legend.overlaps(axes.get_tightbbox()), "nor over the labels or the title"
    assert labels == [
        "2030-01-02 Nationwide (Kazakhstan)",
        "2030-03-01 Almaty",
        "2030-03-01 Almaty",
    ]
    widths = [p.get_width() for p in panels[0].patches]
    assert widths == [20, 50, 30], "security forces, civilians, then the unclassified rest"
    assert panels[0].patches[2].get_hatch() == "////"


def test_casualty_chart_stays_inside_its_figure() -> None:
    from generator.report.charts import casualty_figure

    figure = casualty_figure(BARS)
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    whole = figure.bbox
    for axes in figure.axes:
        box = axes.get_tightbbox(renderer)
        assert whole.x0 <= box.x0 <= box.x1 <= whole.x1
        assert whole.y0 <= box.y0 <= box.y1 <= whole.y1


# --- Report map: an event in several places, once per place (INVENTED records) -----------------


def test_report_map_marks_each_place_of_an_event_with_its_own_part_once() -> None:
    from generator.report.markers import key_map, list_points, place_markers
    from tests.invented_events import local, nationwide

    points = list_points((nationwide(), local()), {"KZ": "Kazakhstan"})
    assert [(p.lat, p.lon, p.killed, p.number) for p in points] == [
        (43.24, 76.95, 40, 1),  # Almaty's part of the nationwide toll, not all 100
        (43.34, 52.86, 10, 1),  # the whole-country place is not drawn
        (43.24, 76.95, 5, 2),
    ]
    markers = place_markers(points)
    assert [(m.numbers, m.killed, m.label) for m in markers] == [
        ((1, 2), 45, "1, 2"),
        ((1,), 10, "1"),
    ]
    assert key_map(points, markers) == (
        "2030-01-02 Nationwide (Kazakhstan)",
        "2030-03-01 Almaty",
    )


def test_report_map_draws_no_share_of_an_unsplit_toll_of_several_places() -> None:
    from generator.report.parts import located_places
    from tests.invented_events import nationwide

    event = nationwide()
    unsplit = event.model_copy(update={"figures": event.figures[:3]})
    assert [(p.id, killed) for p, killed in located_places(unsplit)] == [
        ("almaty", None),
        ("zhanaozen", None),
    ]


def test_report_map_marker_area_grows_with_the_toll() -> None:
    from generator.report.map_discs import marker_area

    assert marker_area(100) - marker_area(0) == 10 * (marker_area(10) - marker_area(0))


def test_a_bar_whose_parts_add_past_its_total_says_so() -> None:
    from generator.report.charts import bar_label
    from generator.report.stacks import stack_rows

    # Invented: roles from some sources add to 14, a total from another source is 13 (12-14).
    bars = (
        Bar("2030-01-01 Invented", "security-forces", Span(4, 4, 5)),
        Bar("2030-01-01 Invented", "perpetrators", Span(9, 9, 9)),
        Bar("2030-01-01 Invented", "civilians", Span(1, 1, 1)),
        Bar("2030-01-01 Invented", "total", Span(13, 12, 14)),
    )
    row, other = stack_rows((*bars, *BARS[:2]))
    assert bar_label(row) == "13 (12–14); parts add to 14"
    assert bar_label(other) == "8 (6–8)"


def test_report_map_draws_one_scatter_per_disc_area_largest_first() -> None:
    from generator.report.charts import plot_map
    from generator.report.map_discs import draw_markers, marker_area

    tolls = (2, 30, 2, 7, 30, 2)
    markers = tuple(
        Marker(43.0 + n, 70.0 + n, (n,), killed, f"Place {n}", "")
        for n, killed in enumerate(tolls, start=1)
    )
    axes = Figure().add_subplot()
    draw_markers(axes, markers)
    assert [c.get_sizes().tolist() for c in axes.collections] == [
        [marker_area(30)],
        [marker_area(7)],
        [marker_area(2)],
    ]
    assert [len(c.get_offsets()) for c in axes.collections] == [2, 1, 3]
    # In the SVG each area's disc is defined once: three, and the size key's two (1 and 10).
    points = tuple(Point(f"Place {m.numbers[0]}", m.lat, m.lon, m.killed) for m in markers)
    svg = plot_map(points, load_shapes(WORLD_ATLAS))
    assert svg.count('<path id="m') == 5


@pytest.mark.parametrize("largest", [0, 3, 40, 238, 5000])
def test_report_map_key_holds_each_disc_inside_its_frame_and_clear_of_its_words(
    largest: float,
) -> None:
    from generator.report.map_discs import size_key

    figure = Figure(figsize=(7, 4.2))
    axes = figure.add_subplot()
    size_key(axes, largest)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    key = axes.get_legend()
    frame = key.get_frame().get_window_extent(renderer)
    assert not frame.overlaps(axes.get_window_extent(renderer)), "the key covers no place"
    words = [text.get_window_extent(renderer) for text in key.get_texts()]
    discs = [_disc_box(drawn, figure.dpi) for drawn in key.findobj(PathCollection)]
    assert len(discs) == len(words) == min(3, len(str(int(max(largest, 1)))))
    for disc, word in zip(discs, words, strict=True):
        assert frame.contains(disc.x0, disc.y0)
        assert frame.contains(disc.x1, disc.y1)
        assert disc.x1 < word.x0
    for row, below in itertools.pairwise(discs):
        assert below.y1 <= row.y0  # each disc below the one before, none over another


def _disc_box(drawn: PathCollection, dpi: float) -> Bbox:
    """Where a key's disc is drawn, in pixels: its size ``s`` is its diameter squared, in points."""
    ((x, y),) = drawn.get_offset_transform().transform(drawn.get_offsets())
    (size,) = drawn.get_sizes()
    radius = math.sqrt(size) / 2 * dpi / 72
    return Bbox.from_extents(x - radius, y - radius, x + radius, y + radius)
