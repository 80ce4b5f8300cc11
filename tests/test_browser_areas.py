"""The site map in Chromium with the INVENTED nationwide unrest: every place, linked as one event.

The records are the invented ones of ``tests/fixtures/kinds/`` with invented coordinates and one
more invented clash at the unrest's Almaty point (``test_kinds_areas._with_coordinates``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.golden import REPO_URL
from tests.map_page import wait_until_still
from tests.test_browser import browser, built_and_served
from tests.test_kinds_areas import CLASH, UNREST, _with_coordinates

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["browser"]


@pytest.fixture(scope="module")
def map_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The invented records, with coordinates, built and served; the map page's address."""
    content = _with_coordinates(tmp_path_factory.mktemp("areas-content") / "content")
    with built_and_served(tmp_path_factory.mktemp("areas"), content, REPO_URL) as (_, url):
        yield url + "map/"


def test_nationwide_event_has_a_marker_at_each_city_linked_as_one(
    browser: Any, map_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    local = urlsplit(map_url).netloc
    context.route(
        "**/*", lambda r: r.continue_() if urlsplit(r.request.url).netloc == local else r.abort()
    )
    try:
        page.goto(map_url, wait_until="networkidle")
        page.wait_for_selector("#incident-map[data-markers]")
        overview = page.evaluate("async () => (await fetch('overview.json')).json()")
        markers = overview["markers"]
        assert page.get_attribute("#incident-map", "data-markers") == str(len(markers)) == "3"
        unrest = page.locator(f"path.incident-{UNREST}")
        assert unrest.count() == 3, "Almaty, Astana and Aktobe; the whole country is no point"
        page.locator(f"path.incident-{UNREST}.incident-{CLASH}").click(force=True)
        content = page.locator(".leaflet-popup-content")
        content.locator("a").first.wait_for()
        # The popup pans the map until it fits: its close button is clicked once it is still.
        wait_until_still(page)
        assert content.locator("strong").text_content() == "2 incidents here"
        assert content.locator("a").all_text_contents() == [
            "Ten days of unrest across the country",
            "Invented clash in Almaty after the unrest",
        ]
        assert content.locator("ul li").all_text_contents() == [
            "Kazakhstan: the whole country (not drawn as a point)",
            "Astana, Kazakhstan",
            "Aktobe, Aktobe Region, Kazakhstan",
            "Kazakhstan: several regions (not drawn as a point)",
        ]
        # Opening one of the event's markers marks all three.
        widths = unrest.evaluate_all("paths => paths.map(p => p.getAttribute('stroke-width'))")
        assert widths == ["4", "4", "4"]
        page.locator(".leaflet-popup-close-button").click()
        page.locator(".leaflet-popup").wait_for(state="detached")
        widths = unrest.evaluate_all("paths => paths.map(p => p.getAttribute('stroke-width'))")
        assert widths == ["2", "2", "2"]
        assert json.dumps(errors) == "[]"
    finally:
        context.close()
