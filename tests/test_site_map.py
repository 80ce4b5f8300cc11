"""The site map's markers: every place of an event, shared places said once (INVENTED records)."""

from __future__ import annotations

import json

from generator.core.map_shapes import EXTENT, KAZAKHSTAN
from generator.core.settings import ROOT
from generator.site.map_outline import map_outline
from generator.site.map_points import map_markers
from generator.site.map_tiles import ENTRIES
from generator.text.jinja import template_env
from tests.invented_events import local, nationwide

COUNTRIES = {"KZ": "Kazakhstan"}


def test_an_event_in_several_places_has_a_marker_at_each_and_names_the_others() -> None:
    markers = map_markers((nationwide(),), COUNTRIES)
    assert [(m["lat"], m["lon"], m["count"]) for m in markers] == [
        (43.24, 76.95, 1),
        (43.34, 52.86, 1),
    ]
    almaty, zhanaozen = (m["incidents"][0] for m in markers)
    assert almaty["id"] == zhanaozen["id"] == "2030-01-02-invented-nationwide-unrest"
    assert almaty["here"] == ["Almaty, Kazakhstan"]
    assert almaty["elsewhere"] == [
        "Zhanaozen, Mangystau Region, Kazakhstan",
        "Kazakhstan: the whole country (not drawn as a point)",
    ]
    assert zhanaozen["elsewhere"][0] == "Almaty, Kazakhstan"
    assert markers[0]["label"] == "Invented nationwide unrest"


def test_a_whole_country_place_is_never_drawn_even_with_coordinates() -> None:
    event = nationwide()
    centre = {"lat": 48.0, "lon": 67.0, "precision": "country"}
    country = event.places[2].model_copy(update={"coordinates": centre})
    moved = event.model_copy(update={"places": (*event.places[:2], country)})
    markers = map_markers((moved,), COUNTRIES)
    assert [(m["lat"], m["lon"]) for m in markers] == [(43.24, 76.95), (43.34, 52.86)]


def test_incidents_at_the_same_coordinates_share_a_marker_that_says_how_many() -> None:
    events = (nationwide(), local(), local("2030-04-01-invented-b"))
    markers = map_markers(events, COUNTRIES)
    assert [(m["place"], m["count"], m["label"]) for m in markers] == [
        ("Almaty", 3, "3 incidents here"),
        ("Zhanaozen, Mangystau Region", 1, "Invented nationwide unrest"),
    ]
    assert [entry["id"] for entry in markers[0]["incidents"]] == [
        "2030-01-02-invented-nationwide-unrest",
        "2030-03-01-invented-almaty-attack",
        "2030-04-01-invented-b",
    ]
    assert markers[0]["incidents"][1]["url"] == "../incidents/2030-03-01-invented-almaty-attack/"
    assert markers[0]["incidents"][1]["elsewhere"] == []


def test_a_place_without_coordinates_is_named_in_the_popup() -> None:
    event = local(
        places=[
            {
                "country": "KZ",
                "region": "Almaty",
                "settlement": "Almaty",
                "coordinates": {"lat": 43.24, "lon": 76.95, "precision": "settlement"},
            },
            {"country": "KZ", "region": "Almaty", "landmark": "An invented depot"},
        ]
    )
    (marker,) = map_markers((event,), COUNTRIES)
    assert marker["incidents"][0]["elsewhere"] == [
        "An invented depot, Almaty, Kazakhstan (no coordinates)"
    ]


def test_map_page_lists_the_incidents_that_share_a_place_with_their_count() -> None:
    hostile = local("2030-04-01-invented-b", title="Invented [x](javascript:alert(1)) *raid*")
    events = (nationwide(), local(), hostile)
    markers = map_markers(events, COUNTRIES)
    page = (
        template_env(ROOT / "templates", COUNTRIES)
        .get_template("map.md.j2")
        .render(
            mapped=list(events),
            mapped_count=len(events),
            unmapped=[],
            unmapped_count=0,
            shared=[m for m in markers if m["count"] > 1],
            shared_count=1,
            entries=ENTRIES,
        )
    )
    section = page.split("## Places with several incidents { #shared-places }")[1]
    section = section.split("## ")[0].strip()
    assert section.splitlines() == [
        "- Almaty: 3 incidents here",
        "    - [Invented nationwide unrest](../incidents/2030-01-02-invented-nationwide-unrest.md),"
        " 2 January 2030 to 7 January 2030",
        "    - [Invented attack in Almaty](../incidents/2030-03-01-invented-almaty-attack.md),"
        " 1 March 2030",
        "    - [Invented \\[x\\]\\(javascript:alert\\(1\\)\\) \\*raid\\*]"
        "(../incidents/2030-04-01-invented-b.md), 1 March 2030",
    ]


def test_outline_is_clipped_to_the_window_rounded_and_closed() -> None:
    west, east, south, north = EXTENT
    # INVENTED shapes: a square across the window's west edge, a tiny ring that rounds away to
    # nothing, and a country wholly outside the window.
    square = [(west - 5, 50.0), (west + 5.004, 50.0), (west + 5.004, 52.0), (west - 5, 52.0)]
    tiny = [(60.001, 45.001), (60.002, 45.001), (60.002, 45.002)]
    far = [(east + 10, 50.0), (east + 20, 50.0), (east + 20, 52.0)]
    outline = json.loads(map_outline({KAZAKHSTAN: [square, tiny], "999": [far]}))
    assert outline == {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"id": KAZAKHSTAN, "home": True},
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [
                        [[[west, 50.0], [50.0, 50.0], [50.0, 52.0], [west, 52.0], [west, 50.0]]]
                    ],
                },
            }
        ],
    }


def test_map_page_lists_five_incidents_of_a_shared_place_and_links_the_rest() -> None:
    events = [local(f"2030-03-0{n}-invented-{n}") for n in range(1, 8)]
    markers = map_markers(events, COUNTRIES)
    page = (
        template_env(ROOT / "templates", COUNTRIES)
        .get_template("map.md.j2")
        .render(
            mapped=[],
            mapped_count=7000,
            unmapped=[],
            unmapped_count=0,
            shared=markers,
            shared_count=150,
            entries=ENTRIES,
        )
    )
    section = page.split("## Places with several incidents { #shared-places }")[1]
    lines = section.split("## ")[0].strip().splitlines()
    assert lines[0] == "- Almaty: 7 incidents here"
    assert lines[1:6] == [
        f"    - [Invented attack in Almaty](../incidents/2030-03-0{n}-invented-{n}.md),"
        " 1 March 2030"
        for n in range(1, 6)
    ]
    assert lines[6] == "    - [and 2 more](../places/almaty.md#s-almaty)"
    assert lines[8] == (
        "These are the first 1 of 150 places with several incidents; the"
        " [places](../places/index.md) list them all."
    )
    assert (
        "7,000 incidents are on the map, too many for one table here: they are listed by"
        " [place](../places/index.md) and by [year](../years/index.md)."
    ) in page
    assert "| Date | Incident |" not in page
    assert "not-on-the-map" not in page
