"""The theme's chrome as the overrides write it (templates/overrides), in a real headless Chromium.

The real content is built and served as in tests/test_browser.py. Outside the navigation the
overrides write the navigation and the table of contents in fewer bytes and load the theme's
palette and scope scripts from files: the drawer must still reach every section on a narrow
screen, the table of contents must still follow the reader, and a chosen palette must follow
the reader to the next page. A table wider than the screen shows, by a shadow, that it scrolls.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image, ImageStat

from tests.test_browser import SERVED, Tab, browser, site_url, tab

pytestmark = [pytest.mark.browser, pytest.mark.slow]

__all__ = ["browser", "site_url", "tab"]

SECTIONS = ["Home", "Timeline", "Map", "Browse", "Report", "Open data", "Sources", "Methodology"]
"""The navigation's top level (mkdocs.yml), which is also the tabs."""
BROWSE = ["By year", "By type", "By place", "By actor"]
"""The items of the navigation's one section."""


def _incidents(site_url: str) -> list[str]:
    """The addresses of the first two incident pages of the served site."""
    folders = sorted(p.parent.name for p in (SERVED[site_url] / "incidents").glob("*/index.html"))
    return [f"{site_url}incidents/{name}/" for name in folders[:2]]


def _visible_texts(page: Any, selector: str) -> list[str]:
    """The text of each element matching ``selector`` that is shown."""
    return [e.inner_text().strip() for e in page.query_selector_all(selector) if e.is_visible()]


def test_browser_drawer_reaches_every_section_from_an_incident_page(
    tab: Tab, site_url: str
) -> None:
    page = tab.page
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(_incidents(site_url)[0], wait_until="networkidle")
    assert _visible_texts(page, ".md-tabs__link") == []
    page.click("label.md-header__button[for=__drawer]")
    page.wait_for_timeout(400)
    top = ".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link"
    assert _visible_texts(page, top) == SECTIONS
    page.click("label.md-nav__link[for=__nav_4]")
    page.wait_for_timeout(400)
    assert _visible_texts(page, "[data-md-level='1'] .md-nav__link") == BROWSE
    page.click("[data-md-level='1'] a.md-nav__link >> text=By actor")
    page.wait_for_load_state()
    assert page.url == f"{site_url}actors/"
    assert tab.errors == []


def test_browser_wide_incident_page_shows_the_tabs_and_a_following_table_of_contents(
    tab: Tab, site_url: str
) -> None:
    page = tab.page
    page.goto(_incidents(site_url)[0], wait_until="networkidle")
    assert _visible_texts(page, ".md-tabs__link") == SECTIONS
    links = page.query_selector_all("[data-md-component=toc] .md-nav__link")
    assert [link.get_attribute("href") for link in links][-2:] == ["#sources", "#about-this-record"]
    page.evaluate("document.getElementById('about-this-record').scrollIntoView()")
    page.wait_for_timeout(600)
    active = page.query_selector_all("[data-md-component=toc] .md-nav__link--active")
    assert [link.get_attribute("href") for link in active] == ["#about-this-record"]
    assert tab.errors == []


def test_browser_palette_choice_follows_the_reader_to_the_next_page(
    tab: Tab, site_url: str
) -> None:
    first, second = _incidents(site_url)
    page = tab.page
    page.goto(first, wait_until="networkidle")
    assert 'var palette=__md_get("__palette")' not in page.content()
    assert "__md_scope=new URL(" not in page.content()
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    assert page.evaluate("__md_scope.href") == site_url
    page.click("label[title='Switch to dark mode']")
    page.goto(second, wait_until="networkidle")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    # The theme keeps the choice under the site's scope, the same from a page at another depth.
    page.goto(f"{site_url}data/", wait_until="networkidle")
    assert page.evaluate("__md_scope.href") == site_url
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    assert tab.errors == []


def _edge_brightness(page: Any, wrapper: Any, side: str) -> float:
    """The mean brightness (0 to 255) of a strip 6 px wide inside the wrapper's ``side`` edge."""
    box = wrapper.bounding_box()
    x = box["x"] if side == "left" else box["x"] + box["width"] - 6
    top = max(box["y"], 0)
    height = min(box["y"] + box["height"], 900) - top
    png = page.screenshot(clip={"x": x, "y": top, "width": 6, "height": height})
    return float(ImageStat.Stat(Image.open(io.BytesIO(png)).convert("L")).mean[0])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_browser_a_table_wider_than_a_phone_casts_a_shadow_where_it_scrolls_to(
    tab: Tab, site_url: str, scheme: str
) -> None:
    page = tab.page
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(site_url + "incidents/2016-06-05-aktobe-attacks/", wait_until="networkidle")
    # The shadow is what is measured: the cells' text is hidden so that it darkens nothing.
    page.add_style_tag(content=".md-typeset td, .md-typeset th { color: transparent; }")
    wrapper = page.locator("#places ~ .md-typeset__scrollwrap").first
    wrapper.scroll_into_view_if_needed()
    assert wrapper.evaluate("w => w.scrollWidth > w.clientWidth"), "the table is cut off"
    at_start = {side: _edge_brightness(page, wrapper, side) for side in ("left", "right")}
    wrapper.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    page.wait_for_timeout(100)
    at_end = {side: _edge_brightness(page, wrapper, side) for side in ("left", "right")}
    # A shadow darkens the light page and lightens the dark one: either way it stands out.
    page_colour = at_start["left"]  # nothing is cut off on the left before scrolling
    assert abs(at_start["right"] - page_colour) > 10, (at_start, at_end)
    assert abs(at_end["left"] - page_colour) > 10, (at_start, at_end)
    assert abs(at_end["right"] - page_colour) < 3, (at_start, at_end)
    # A table that fits casts none: both of its edges are the page's colour.
    page.set_viewport_size({"width": 1300, "height": 900})
    wrapper.scroll_into_view_if_needed()
    assert wrapper.evaluate("w => w.scrollWidth <= w.clientWidth")
    for side in ("left", "right"):
        assert abs(_edge_brightness(page, wrapper, side) - page_colour) < 3, side
    assert tab.errors == []


FOCUSED = """() => {
  const e = document.activeElement, r = e.getBoundingClientRect();
  const shown = r.right > 0 && r.left < innerWidth && r.bottom > 0 && r.top < innerHeight;
  return [(e.getAttribute('aria-label') || e.innerText || '').trim(), shown];
}"""
"""The focused element's name and whether any of it is on the screen."""
IN_DRAWER = """() => {
  const e = document.activeElement, r = e.getBoundingClientRect();
  const shown = r.right > 0 && r.left < innerWidth && r.bottom > 0 && r.top < innerHeight;
  return [e.closest('.md-sidebar--primary') !== null, shown];
}"""
"""Whether the focused element is in the drawer, and whether any of it is on the screen."""


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_browser_keyboard_opens_the_drawer_and_never_tabs_into_it_closed(
    tab: Tab, site_url: str, key: str
) -> None:
    page = tab.page
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(_incidents(site_url)[0], wait_until="networkidle")
    stops = []
    for _ in range(8):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    assert all(shown for _, shown in stops), f"focus went off the screen: {stops}"
    assert [name for name, _ in stops[:2]] == ["Skip to content", "Menu"]
    assert "Home" not in [name for name, _ in stops], "the closed drawer is out of the tab order"
    menu = page.locator("label.md-header__button[for=__drawer]")
    assert menu.get_attribute("role") == "button"
    menu.focus()
    assert menu.get_attribute("aria-expanded") == "false"
    page.keyboard.press(key)
    page.wait_for_timeout(400)
    assert menu.get_attribute("aria-expanded") == "true"
    for _ in range(3):  # focus is in the open drawer, on what the reader sees
        assert page.evaluate(IN_DRAWER) == [True, True]
        page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    page.wait_for_timeout(400)
    assert menu.get_attribute("aria-expanded") == "false"
    assert page.evaluate(FOCUSED) == ["Menu", True], "focus came back to the button"
    # A click or a tap opens it where the pointer is: focus stays, and the overlay closes it.
    menu.click()
    page.wait_for_timeout(400)
    assert menu.get_attribute("aria-expanded") == "true"
    assert page.evaluate(IN_DRAWER)[0] is False
    page.mouse.click(380, 450)
    page.wait_for_timeout(400)
    assert menu.get_attribute("aria-expanded") == "false"
    # A wide window shows the tabs and no menu button: Tab goes from the skip link onwards.
    page.set_viewport_size({"width": 1300, "height": 900})
    page.goto(_incidents(site_url)[0], wait_until="networkidle")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)[0] != "Menu"
    assert tab.errors == []
