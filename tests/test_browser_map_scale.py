"""The map at scale in Chromium: 3,000 synthetic incidents, clustered, zoomed into and followed.

Only the map is served, from a folder made here: a stand-in page with the map page's element and
the site's own scripts (Leaflet, leaflet.markercluster and map.js, as ``site_assets`` copies
them), the map's data files made from synthetic records (generator/bench/synth.py) and an
invented stand-in page per incident for the popup's link; seven INVENTED incidents
(tests/invented_events.py) share one point. Building the whole site for 3,000 incidents would
take minutes; tests/test_browser.py drives the map of the built site. A second, INVENTED
overview of two markers, one in a tile, shows a popup kept open while that tile arrives.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from generator.bench.search_measure import served
from generator.core.settings import Settings
from generator.core.write import write_tree
from generator.site.assets import site_assets
from generator.site.map_points import map_markers
from generator.site.map_tiles import map_files
from tests.invented_events import local
from tests.map_page import wait_until_still
from tests.test_browser import browser, require_chromium
from tests.test_site_map_tiles import COUNTRIES, synthetic_incidents

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["browser"]

COUNT = 3000
SHARED = 7
"""INVENTED incidents at one point in Almaty, besides the synthetic ones."""

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Map (stand-in page for a test)</title>
<link rel="stylesheet" href="../assets/leaflet/leaflet.css">
<link rel="stylesheet" href="../assets/markercluster/MarkerCluster.css">
<link rel="stylesheet" href="../assets/markercluster/MarkerCluster.Default.css">
</head><body>
<div id="incident-map" class="incident-map" data-points="overview.json"
 data-outline="outline.json" style="width: 1000px; height: 600px"></div>
<script src="../assets/leaflet/leaflet.js"></script>
<script src="../assets/markercluster/leaflet.markercluster.js"></script>
<script src="../assets/map.js"></script>
</body></html>
"""


def write_stand_in_map(folder: Path, files: Mapping[str, str | bytes]) -> None:
    """The stand-in map page, the site's assets, an empty outline and ``files``, in ``folder``."""
    outline = '{"type": "FeatureCollection", "features": []}\n'
    page = {"map/index.html": PAGE, "map/outline.json": outline}
    write_tree(folder, {**site_assets(Settings()), **page, **files})


@pytest.fixture(scope="module")
def map_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The stand-in map of ``COUNT`` synthetic incidents, served on 127.0.0.1."""
    require_chromium()
    folder = tmp_path_factory.mktemp("map-scale")
    shared = [local(f"2030-03-0{n}-invented-{n}") for n in range(1, SHARED + 1)]
    incidents = synthetic_incidents(COUNT, seed=13) + shared
    files: dict[str, str | bytes] = dict(map_files(map_markers(incidents, COUNTRIES)))
    for incident in incidents:
        files[f"incidents/{incident.id}/index.html"] = (
            f"<!doctype html><title>{incident.id}</title><h1>{incident.id}</h1>\n"
        )
    write_stand_in_map(folder, files)
    with served(folder) as url:
        yield f"{url}map/"


IN_VIEW = """() => {
  const map = document.getElementById("incident-map").getBoundingClientRect();
  for (const icon of document.querySelectorAll(".marker-cluster")) {
    const box = icon.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    if (x > map.left + 20 && x < map.right - 20 && y > map.top + 20 && y < map.bottom - 20) {
      return [x, y];
    }
  }
  return null;
}"""
"""The middle of a cluster or area count well inside the map, to click on."""


def shown_counts(page: Any) -> list[int]:
    """The numbers on the clusters and area counts in view."""
    texts = page.locator(".marker-cluster span").all_text_contents()
    return [int(text) for text in texts]


def test_map_of_3000_incidents_clusters_them_and_opens_a_place_when_zoomed_in(
    browser: Any, map_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    fetched: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    local = urlsplit(map_url).netloc

    def route(route: Any) -> None:
        address = urlsplit(route.request.url)
        if address.netloc == local:
            fetched.append(address.path)
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)
    try:
        page.goto(map_url, wait_until="networkidle")
        page.wait_for_selector("#incident-map[data-total] .marker-cluster span")
        assert page.get_attribute("#incident-map", "data-total") == str(COUNT + SHARED)
        # Every incident is in view at first, gathered into counts that add up.
        assert sum(shown_counts(page)) == COUNT + SHARED
        assert page.locator("path.incident-marker").count() == 0
        data = [path for path in fetched if path.endswith(".json")]
        assert data == ["/map/outline.json", "/map/overview.json"] or data == [
            "/map/overview.json",
            "/map/outline.json",
        ], "the first view loads no tile"
        # Clicking a count zooms into it, until the places themselves are drawn.
        for _ in range(20):
            if page.locator("path.incident-marker").count():
                break
            x, y = page.evaluate(IN_VIEW)
            page.mouse.click(x, y)
            page.wait_for_timeout(700)
        assert page.locator("path.incident-marker").count() > 0
        assert int(page.get_attribute("#incident-map", "data-tiles") or 0) >= 1
        assert any(path.startswith("/map/tiles/") for path in fetched)
        page.locator("path.incident-marker").first.click(force=True)
        link = page.locator(".leaflet-popup-content a").first
        link.wait_for()
        wait_until_still(page)  # the popup pans the map until it fits
        href = link.get_attribute("href") or ""
        assert re.fullmatch(
            r"\.\./incidents/[0-9]{4}-[0-9]{2}-[0-9]{2}-synthetic-incident-[0-9]{6}/", href
        )
        link.click()
        page.wait_for_url(f"**/incidents/{href.split('/')[2]}/")
        assert page.locator("h1").text_content() == href.split("/")[2]
        assert errors == []
    finally:
        context.close()


def test_map_popup_of_a_crowded_point_lists_five_and_links_the_place_page(
    browser: Any, map_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    local_host = urlsplit(map_url).netloc
    context.route(
        "**/*",
        lambda r: r.continue_() if urlsplit(r.request.url).netloc == local_host else r.abort(),
    )
    try:
        page.goto(map_url + "#map=17/43.24/76.95", wait_until="networkidle")
        marker = page.locator("path.incident-2030-03-01-invented-1")
        marker.wait_for()
        marker.click(force=True)
        content = page.locator(".leaflet-popup-content")
        content.locator("a").first.wait_for()
        assert content.locator("strong").text_content() == f"{SHARED} incidents here"
        assert content.locator("ol > li > .map-entry > a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        ) == [f"../incidents/2030-03-0{n}-invented-{n}/" for n in range(1, 6)]
        more = content.locator(".map-more a")
        assert more.text_content() == "and 2 more, listed on the place's page"
        assert more.get_attribute("href") == "../places/almaty/#s-almaty"
    finally:
        context.close()


def _invented_point(name: str, lat: float, lon: float) -> dict[str, Any]:
    """A marker of one INVENTED incident, as the map's data files give it."""
    entry = {
        "id": f"2030-04-01-{name}",
        "title": f"Invented {name}",
        "url": f"../incidents/2030-04-01-{name}/",
        "date": "1 April 2030",
        "here": ["Invented place"],
        "precision": "street",
        "elsewhere": [],
    }
    label = f"Invented place: Invented {name}"
    return {"lat": lat, "lon": lon, "count": 1, "label": label, "incidents": [entry], "more": 0}


@pytest.fixture(scope="module")
def near_a_tile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An INVENTED overview: a marker, and a cell whose tile holds a marker right beside it."""
    require_chromium()
    folder = tmp_path_factory.mktemp("map-tile-near")
    cell = {
        "tile": [12, 3923, 1535],
        "lat": 43.30,  # its count is drawn well away from the first marker
        "lon": 77.05,
        "count": 1,
        "bounds": [[43.20, 76.90], [43.30, 77.05]],
        "open": 12,
    }
    overview = {"markers": [_invented_point("first", 43.2400, 76.9500)], "cells": [cell]}
    tile = {"markers": [_invented_point("beside", 43.2402, 76.9503)]}
    files = {
        "map/overview.json": json.dumps(overview),
        "map/tiles/12/3923/1535.json": json.dumps(tile),
    }
    write_stand_in_map(folder, files)
    with served(folder) as url:
        yield f"{url}map/"


def test_map_popup_stays_open_when_a_tile_arrives_with_a_marker_beside_it(
    browser: Any, near_a_tile_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    local_host = urlsplit(near_a_tile_url).netloc
    held: list[Any] = []
    context.route(
        "**/*",
        lambda r: r.continue_() if urlsplit(r.request.url).netloc == local_host else r.abort(),
    )
    context.route("**/map/tiles/**", lambda route: held.append(route))
    try:
        page.goto(near_a_tile_url + "#map=12/43.24/76.95")
        page.locator("path.incident-2030-04-01-first").click(force=True)
        page.locator(".leaflet-popup-content a").wait_for()
        wait_until_still(page)
        assert len(held) == 1, "the cell in view is being fetched"
        held[0].continue_()
        page.wait_for_selector("#incident-map[data-tiles='1']")
        wait_until_still(page)
        # Its marker would gather the first into a cluster of two, and fade its popup out.
        opacity = "popups => popups.map(popup => popup.style.opacity)"
        assert page.locator(".leaflet-popup").evaluate_all(opacity) == ["1"]
        assert page.locator(".leaflet-popup-content a").all_text_contents() == ["Invented first"]
        assert page.locator("path.incident-2030-04-01-first").count() == 1
        assert page.get_attribute("#incident-map", "data-markers") == "1"
        page.locator(".leaflet-popup-close-button").click()
        page.locator(".leaflet-popup").wait_for(state="detached")
        # Once the popup is closed, the tile's marker is drawn.
        page.wait_for_selector("#incident-map[data-markers='2']")
        assert page.locator(".marker-cluster span").all_text_contents() == ["2"]
    finally:
        context.close()
