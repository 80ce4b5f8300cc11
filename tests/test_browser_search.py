"""The header's search box (templates/assets/search.js) in a real headless Chromium.

The real content is built and served as in tests/test_browser.py. The box must load nothing of
Pagefind until a reader uses it, count and page its results, answer the keyboard, link results
correctly when the site is served below a sub-path, and fit a narrow screen in both palettes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from generator.bench.search_measure import served
from tests.test_browser import (
    KASPI,
    RESULT_LINKS,
    SEARCH_BOX,
    SERVED,
    STATUS,
    Tab,
    browser,
    screenshot,
    search,
    serious_violations,
    site_url,
    tab,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

__all__ = ["browser", "site_url", "tab"]

PANEL = "#site-search-panel"
MORE = ".site-search__more"


def focused(page: Any) -> str:
    """What has the keyboard: the focused element's first class, and its address if a link."""
    return str(
        page.evaluate(
            "() => { const e = document.activeElement, href = e.getAttribute('href');"
            " return e.classList[0] + (href ? ' ' + href : ''); }"
        )
    )


def test_browser_search_loads_no_pagefind_until_the_box_is_used(tab: Tab, site_url: str) -> None:
    fetched: list[str] = []
    tab.page.on("request", lambda sent: fetched.append(urlsplit(sent.url).path))
    tab.page.goto(site_url + KASPI, wait_until="networkidle")
    tab.page.mouse.wheel(0, 600)
    tab.page.wait_for_timeout(200)
    assert [path for path in fetched if "pagefind" in path] == []
    assert tab.page.locator(SEARCH_BOX).get_attribute("aria-label") == "Search the record"
    assert tab.page.locator(PANEL).is_hidden()
    with tab.page.expect_request("**/pagefind/pagefind.js"):
        tab.page.locator(SEARCH_BOX).focus()
    tab.page.wait_for_load_state("networkidle")
    loaded = [path for path in fetched if "pagefind" in path]
    assert "/pagefind/pagefind.js" in loaded
    assert not [path for path in loaded if path.endswith((".pf_index", ".pf_fragment"))]
    assert not [path for path in loaded if "pagefind-ui" in path]
    assert tab.errors == []


def test_browser_search_counts_its_results_and_shows_more_on_demand(
    tab: Tab, site_url: str
) -> None:
    tab.page.goto(site_url, wait_until="networkidle")
    results = search(tab.page, "police")
    status = tab.page.locator(STATUS)
    assert status.get_attribute("aria-live") == "polite"
    counted = re.fullmatch(r"(\d+) results for “police”", status.inner_text())
    assert counted, status.inner_text()
    total = int(counted[1])
    assert total > 10, "enough to need the button twice"
    assert results.count() == 5
    more = tab.page.locator(MORE)
    assert more.inner_text() == "More results"
    more.click()
    tab.page.wait_for_function(f"document.querySelectorAll({RESULT_LINKS!r}).length === 10")
    # The keyboard goes on to the first of the new results.
    assert focused(tab.page) == "site-search__link " + (results.nth(5).get_attribute("href") or "")
    while more.is_visible():
        more.click()
        tab.page.wait_for_timeout(100)
    tab.page.wait_for_function(f"document.querySelectorAll({RESULT_LINKS!r}).length === {total}")
    assert status.inner_text() == f"{total} results for “police”"
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(set(hrefs)) == total
    assert all(href.startswith("/") and "?highlight=police" in href for href in hrefs)
    assert tab.errors == []


def test_browser_search_shows_each_result_once_when_more_is_clicked_twice_at_once(
    tab: Tab, site_url: str
) -> None:
    tab.page.goto(site_url, wait_until="networkidle")
    results = search(tab.page, "police")
    tab.page.locator(MORE).dblclick()  # the second click comes before the first page loaded
    tab.page.wait_for_function(f"document.querySelectorAll({RESULT_LINKS!r}).length >= 10")
    tab.page.wait_for_timeout(300)
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(hrefs) == 10
    assert len(set(hrefs)) == 10
    assert tab.errors == []


def test_browser_search_says_when_nothing_is_found(tab: Tab, site_url: str) -> None:
    tab.page.goto(site_url, wait_until="networkidle")
    results = search(tab.page, "zqxwvj", found=False)
    assert tab.page.locator(STATUS).inner_text() == "No results for “zqxwvj”"
    assert results.count() == 0
    assert tab.page.locator(MORE).is_hidden()
    assert tab.page.locator(PANEL).is_visible()
    screenshot(tab, "search-no-results")
    # A query cleared with the button closes the panel and empties it.
    tab.page.locator(".site-search__clear").click()
    assert tab.page.locator(SEARCH_BOX).input_value() == ""
    assert tab.page.locator(PANEL).is_hidden()
    assert focused(tab.page) == "site-search__input"
    assert tab.errors == []


def test_browser_search_finds_nothing_where_pagefind_offers_only_a_shorter_word(
    tab: Tab, site_url: str
) -> None:
    tab.page.goto(site_url, wait_until="networkidle")
    results = search(tab.page, "qwertyzz", found=False)
    assert tab.page.locator(STATUS).inner_text() == "No results for “qwertyzz”"
    assert results.count() == 0
    # Pagefind itself offers a page: one holding a word that begins with "q" (its longest
    # beginning in the index). The box says there is none.
    offered = tab.page.evaluate(
        "async (q) => (await (await import(new URL('pagefind/pagefind.js', document.baseURI)"
        ".href)).search(q)).results.length",
        "qwertyzz",
    )
    assert offered > 0
    # A query's word found in another form, or begun, still finds its pages; so does the
    # name of an official who spoke of an incident.
    tab.page.locator(".site-search__clear").click()
    found = (
        ("killings", "Killing of two police officers"),
        ("Zhanao", "Zhanaozen"),
        ("Kassymov", "National Guard base in Aktobe"),
    )
    for query, title in found:
        results = search(tab.page, query)
        assert results.filter(has_text=title).count() > 0, query
        tab.page.locator(".site-search__clear").click()
    assert tab.errors == []


SPELLED_APART = """
const page = (url, word) => ({ data: async () => ({
  url, meta: { title: url }, excerpt: word, raw_content: "Said " + word + " today",
  locations: [1], sub_results: [] }) });
export async function options() {}
export async function init() {}
export async function debouncedSearch() {
  return { results: [page("/accented/", "<b>Баи\u0306коныр</b>,")] };
}
"""
"""INVENTED: a stand-in for pagefind.js whose one page has the word searched for, written with
a combining mark inside markup (a page with no word like the query's would be dropped)."""


def test_browser_search_matches_a_word_written_with_a_combining_mark_inside_markup(
    tab: Tab, site_url: str
) -> None:
    """'Байконыр' is 'Баи' and a combining breve before 'коныр' when decomposed: the mark is
    dropped before the page's text is split into words, not taken for a break between two
    (of which 'баи' would begin like the query for too few letters)."""
    tab.page.context.route(
        "**/pagefind/pagefind.js",
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=SPELLED_APART),
    )
    tab.page.goto(site_url, wait_until="networkidle")
    results = search(tab.page, "Байконыр")
    assert results.count() == 1
    assert results.first.locator(".site-search__title").inner_text() == "/accented/"
    assert tab.errors == []


def test_browser_search_answers_the_keyboard(tab: Tab, site_url: str) -> None:
    page = tab.page
    page.goto(site_url, wait_until="networkidle")
    page.keyboard.press("/")  # as in the theme's own search
    assert focused(page) == "site-search__input"
    results = search(page, "Kaspi")
    hrefs = page.locator(f"{PANEL} a[href]").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert len(hrefs) >= 3
    page.keyboard.press("ArrowDown")
    assert focused(page) == f"site-search__link {hrefs[0]}"
    page.keyboard.press("ArrowDown")
    assert focused(page) == f"site-search__link {hrefs[1]}"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert focused(page) == "site-search__input"
    # Tab goes through the clear button to the results.
    page.keyboard.press("Tab")
    assert focused(page) == "site-search__clear"
    page.keyboard.press("Tab")
    assert focused(page) == f"site-search__link {hrefs[0]}"
    # Escape closes the results and goes back to the box; a second one clears it.
    page.keyboard.press("Escape")
    assert page.locator(PANEL).is_hidden()
    assert focused(page) == "site-search__input"
    assert page.locator(SEARCH_BOX).input_value() == "Kaspi"
    page.keyboard.press("ArrowDown")  # opens them again, on the first result
    assert page.locator(PANEL).is_visible()
    assert focused(page) == f"site-search__link {hrefs[0]}"
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert page.locator(SEARCH_BOX).input_value() == ""
    # Enter in the box follows the first result.
    results = search(page, "Kaspi")
    first = results.first.get_attribute("href") or ""
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + first.lstrip("/"))
    assert "Kaspi Bank" in (page.locator("article h1").text_content() or "")
    assert tab.errors == []


def test_browser_search_enter_before_the_results_opens_the_first_that_come(
    tab: Tab, site_url: str
) -> None:
    tab.page.goto(site_url + "methodology/", wait_until="networkidle")
    box = tab.page.locator(SEARCH_BOX)
    box.fill("Kaspi Bank")
    box.press("Enter")  # well within the wait before a query runs
    tab.page.wait_for_url(f"{site_url}{KASPI}?highlight=kaspi&highlight=bank")
    assert "Kaspi Bank" in (tab.page.locator("article h1").text_content() or "")
    assert tab.errors == []


@pytest.fixture
def below_a_path(site_url: str, tmp_path: Path) -> Iterator[str]:
    """The same site served again below /record/, as on a host that serves a folder."""
    (tmp_path / "record").symlink_to(SERVED[site_url], target_is_directory=True)
    with served(tmp_path) as url:
        yield url + "record/"


def test_browser_search_links_results_below_the_sites_own_path(
    browser: Any, below_a_path: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        # From a page two folders down, as from the home page.
        for start in (KASPI, ""):
            page.goto(below_a_path + start, wait_until="networkidle")
            results = search(page, "Kaspi")
            href = results.first.get_attribute("href") or ""
            assert href.startswith(f"/record/{KASPI}?highlight=kaspi"), href
        results.first.click()
        page.wait_for_url(f"**/record/{KASPI}?highlight=kaspi")
        page.locator("article mark.pagefind-highlight").first.wait_for()
    finally:
        context.close()
    assert errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("screen", "width"), [("wide", 1280), ("narrow", 390)])
def test_browser_search_fits_the_header_in_both_palettes(
    browser: Any, site_url: str, scheme: str, screen: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    opened = Tab(context.new_page())
    page = opened.page
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    try:
        page.goto(site_url, wait_until="networkidle")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
            "slate" if scheme == "dark" else "default"
        )
        header = page.locator("header.md-header").bounding_box()
        icon = page.locator(".site-search__icon").bounding_box()
        assert header is not None
        assert icon is not None
        assert header["y"] <= icon["y"] < icon["y"] + icon["height"] <= header["height"]
        if screen == "narrow":
            # The icon alone until it is used; then the field covers the header.
            assert page.locator(SEARCH_BOX).bounding_box()["width"] < 2  # type: ignore[index]
            page.locator(".site-search__icon").click()
            field = page.locator(".site-search__form").bounding_box()
            assert field is not None
            assert (field["x"], field["width"]) == (0, width)
        search(page, "Kaspi")
        panel = page.locator(PANEL).bounding_box()
        field = page.locator(".site-search__form").bounding_box()
        assert panel is not None
        assert field is not None
        assert abs(panel["y"] - (field["y"] + field["height"])) < 1
        assert panel["x"] >= 0
        assert panel["x"] + panel["width"] <= width
        colours = page.evaluate(
            "() => [document.body, document.querySelector('#site-search-panel'),"
            " document.querySelector('.site-search__title')].map(e => getComputedStyle(e))"
            ".map(s => [s.backgroundColor, s.color])"
        )
        body, shown, title = colours
        assert shown[0] == body[0], "the panel has the page's background"
        assert title[1] == body[1], "and its titles the page's text colour"
        screenshot(opened, f"search-{screen}-{scheme}")
        assert serious_violations(opened) == []
    finally:
        context.close()
    assert opened.errors == []
