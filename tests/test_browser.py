"""The built site in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

The site is built from a copy of the real content and served from a local ``http.server``
thread; every request to another host is blocked and recorded, so the tests need no network
and prove that the site loads nothing from a CDN. Screenshots go to build/screenshots/.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from generator.build.pipeline import build_site
from generator.core.settings import ROOT
from tests.golden import FIXTURE_CONTENT, REPO_URL, prepare_root

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "build" / "screenshots"
KASPI = "incidents/2023-06-18-astana-kaspi-bank-hostage-taking/"


def require_chromium() -> None:
    """Skip without Chromium, except on CI (CI=true), where a missing browser fails."""
    if CHROMIUM.is_file():
        return
    message = f"{CHROMIUM} is missing: apt-get install chromium"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


SERVED: dict[str, Path] = {}
"""The folder each site served by ``built_and_served`` comes from, by its address."""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Keep the test output clean."""


@contextlib.contextmanager
def built_and_served(root: Path, content: Path, repo_url: str) -> Iterator[tuple[Path, str]]:
    """``content`` built into a site under ``root`` and served on 127.0.0.1: (folder, URL)."""
    require_chromium()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPO_URL", repo_url)
        patch.delenv("SITE_URL", raising=False)
        settings = prepare_root(root, content)
        build_site(settings)
    handler = functools.partial(_QuietHandler, directory=str(settings.site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    SERVED[url] = settings.site_dir
    try:
        yield settings.site_dir, url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real content, built and served on 127.0.0.1 for the module."""
    root = tmp_path_factory.mktemp("browser")
    with built_and_served(root, ROOT / "content", REPO_URL) as (_, url):
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Tab:
    """A page with its console errors and the requests that tried to leave localhost."""

    page: Any
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


@pytest.fixture
def tab(browser: Any, site_url: str) -> Iterator[Tab]:
    """A fresh browser page that blocks and records every request to another host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = Tab(context.new_page())
    local = urlsplit(site_url).netloc

    def route(route: Any) -> None:
        if urlsplit(route.request.url).netloc == local:
            route.continue_()
        else:
            opened.outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    opened.page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else 0)
    opened.page.on("pageerror", lambda error: opened.errors.append(str(error)))
    try:
        yield opened
    finally:
        context.close()


def screenshot(tab: Tab, name: str) -> None:
    """Save what the page looks like under build/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def serious_violations(tab: Tab) -> list[str]:
    """Serious or critical axe-core violations on the current page."""
    tab.page.add_script_tag(path=str(AXE))
    result = tab.page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_browser_home_loads_without_errors_or_outside_requests(tab: Tab, site_url: str) -> None:
    tab.page.goto(site_url, wait_until="networkidle")
    assert tab.page.locator("h1").first.inner_text().rstrip("¶") == "Kazakhstan Incident Record"
    assert tab.page.locator("table a[href*='incidents/']").count() > 0
    screenshot(tab, "home")
    assert tab.errors == []
    assert tab.outside == []


def test_browser_citation_click_lands_on_its_source_entry(tab: Tab, site_url: str) -> None:
    tab.page.goto(site_url + KASPI, wait_until="networkidle")
    citation = tab.page.locator("table a.citation").last
    href = citation.get_attribute("href")
    assert href
    assert href.startswith("#src-")
    citation.click()
    tab.page.wait_for_function(f"location.hash === {json.dumps(href)}")
    target = tab.page.locator(f"li.source-entry{href}")
    assert target.count() == 1
    assert target.evaluate("e => e.matches(':target')")
    box = target.bounding_box()
    assert box is not None
    assert 0 <= box["y"] < 900
    screenshot(tab, "citation-target")
    assert tab.errors == []
    assert tab.outside == []


SEARCH_BOX = "header .site-search input.site-search__input"
RESULT_LINKS = ".site-search .site-search__result > a.site-search__link"
STATUS = ".site-search [role=status]"


def search(page: Any, query: str, found: bool = True) -> Any:
    """Type ``query`` into the header's search box; its result links, once the count is shown."""
    box = page.locator(SEARCH_BOX)
    box.click()
    box.press_sequentially(query, delay=50)
    page.locator(STATUS, has_text=f"for “{query}”").wait_for(timeout=15000)
    results = page.locator(RESULT_LINKS)
    if found:
        results.first.wait_for(timeout=15000)
    return results


def test_browser_search_finds_the_kaspi_incident(tab: Tab, site_url: str) -> None:
    tab.page.goto(site_url, wait_until="networkidle")
    header = tab.page.locator("header.md-header").bounding_box()
    box = tab.page.locator(".site-search input").bounding_box()
    assert header["y"] <= box["y"]
    assert box["y"] + box["height"] <= header["y"] + header["height"]
    results = search(tab.page, "Kaspi")
    title = tab.page.locator(".site-search__title", has_text="Kaspi Bank hostage-taking")
    result = results.filter(has=title).first
    href = result.get_attribute("href") or ""
    assert results.first.get_attribute("href") == href  # the incident ranks first
    assert href.startswith(f"/{KASPI}?highlight="), href
    screenshot(tab, "search")
    result.click()
    tab.page.wait_for_url(site_url + href.lstrip("/"))
    tab.page.wait_for_load_state("networkidle")
    assert "Kaspi Bank" in (tab.page.locator("article h1").text_content() or "")
    tab.page.locator("article mark.pagefind-highlight").first.wait_for()
    assert tab.errors == []
    assert tab.outside == []


@pytest.fixture(scope="module")
def fixture_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture corpus (invented records), built and served on 127.0.0.1 for the module."""
    root = tmp_path_factory.mktemp("browser-fixture")
    with built_and_served(root, FIXTURE_CONTENT, REPO_URL) as (_, url):
        yield url


@pytest.mark.parametrize(
    ("served", "query"), [("fixture_url", "Exampleton"), ("site_url", "Kaspi")]
)
def test_browser_a_first_search_loads_less_than_a_megabyte(
    browser: Any, request: pytest.FixtureRequest, served: str, query: str
) -> None:
    url = request.getfixturevalue(served)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    fetched: list[str] = []
    context.on("request", lambda sent: fetched.append(urlsplit(sent.url).path))
    page = context.new_page()
    try:
        page.goto(url, wait_until="networkidle")
        search(page, query)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    folder = SERVED[url]
    box = {"/assets/search.js", "/assets/search.css"}
    loaded = {path for path in fetched if path.startswith("/pagefind/") or path in box}
    # The bytes of each file the search fetched, as the server sends them (uncompressed).
    sizes = {path: (folder / path.lstrip("/")).stat().st_size for path in loaded}
    assert {"/pagefind/pagefind.js", *box} <= loaded
    assert not any(path.startswith("/pagefind/pagefind-ui") for path in loaded)
    assert any(path.endswith(".pf_index") for path in loaded)
    chunks = [path for path in loaded if path.endswith(".pf_fragment")]
    assert 0 < len(chunks) < len(list((folder / "pagefind" / "fragment").iterdir()))
    assert sum(sizes.values()) < 1_000_000, sizes


def test_browser_map_shows_a_marker_per_incident_place(tab: Tab, site_url: str) -> None:
    tab.page.goto(site_url + "map/", wait_until="networkidle")
    tab.page.wait_for_selector("#incident-map[data-markers]")
    overview = tab.page.evaluate("async () => (await fetch('overview.json')).json()")
    # The real records fit in one file of markers, each listing all its incidents.
    points = overview["markers"]
    assert points
    assert all(point["more"] == 0 for point in points)
    total = sum(point["count"] for point in points)
    assert tab.page.get_attribute("#incident-map", "data-markers") == str(len(points))
    assert tab.page.get_attribute("#incident-map", "data-total") == str(total)
    # Every place is drawn or gathered into a cluster that counts its incidents.
    clustered = sum(int(n) for n in tab.page.locator(".marker-cluster span").all_text_contents())
    drawn = tab.page.locator("path.incident-marker").evaluate_all(
        "paths => paths.map(p => [...p.classList].filter(c => c.startsWith('incident-')).length)"
    )
    assert clustered + sum(drawn) - len(drawn) == total
    assert tab.page.locator("#on-the-map + table tbody tr, #on-the-map ~ * tbody tr").count() > 0
    # Prefer a shared marker with an incident in several places: its popup names them all.
    shared = max(
        (point for point in points if point["count"] > 1),
        key=lambda point: sum(len(entry["elsewhere"]) for entry in point["incidents"]),
    )
    tab.page.goto(site_url + f"map/#map=14/{shared['lat']}/{shared['lon']}")
    classes = "".join(f".incident-{entry['id']}" for entry in shared["incidents"])
    tab.page.locator(f"path{classes}").click(force=True)
    links = tab.page.locator(".leaflet-popup-content a")
    links.first.wait_for()
    heading = tab.page.locator(".leaflet-popup-content strong").text_content()
    assert heading == f"{shared['count']} incidents here"
    assert links.evaluate_all("links => links.map(a => a.getAttribute('href'))") == [
        f"../incidents/{entry['id']}/" for entry in shared["incidents"]
    ]
    others = tab.page.locator(".leaflet-popup-content ul li")
    assert others.all_text_contents() == [
        place for entry in shared["incidents"] for place in entry["elsewhere"]
    ]
    screenshot(tab, "map")
    assert tab.outside
    assert all("tile.openstreetmap.org" in url for url in tab.outside)


def test_browser_map_draws_the_country_outline_under_the_markers_without_tiles(
    tab: Tab, site_url: str
) -> None:
    tab.page.goto(site_url + "map/", wait_until="networkidle")
    tab.page.wait_for_selector("#incident-map[data-untiled='true']")
    outline = tab.page.evaluate("async () => (await fetch('outline.json')).json()")
    drawn = tab.page.locator("#incident-map svg path.map-outline")
    assert drawn.count() == len(outline["features"])
    assert tab.page.get_attribute("#incident-map", "data-outline-countries") == str(drawn.count())
    home = tab.page.locator("#incident-map svg path.map-outline-home")
    assert home.count() == 1
    box = home.bounding_box()
    assert box is not None
    assert box["width"] > 300, "Kazakhstan spans most of the map's width"
    assert len(home.get_attribute("d") or "") > 1000, "its border, not a box"
    # Without tiles the countries are filled, and the outline lies under every marker.
    assert home.get_attribute("fill-opacity") == "1"
    order = tab.page.evaluate(
        "() => Array.from(document.querySelectorAll('#incident-map svg path'))"
        ".map(p => p.classList.contains('map-outline'))"
    )
    assert order == sorted(order, reverse=True), "outline paths come before the markers"
    assert tab.page.locator("path.incident-marker, .marker-cluster").count() > 0
    assert [e for e in tab.errors if not e.startswith("Failed to load resource")] == []
    screenshot(tab, "map-without-tiles")
    assert tab.outside
    assert all("tile.openstreetmap.org" in url for url in tab.outside)


def test_browser_home_and_incident_pages_pass_axe(tab: Tab, site_url: str) -> None:
    found: dict[str, list[str]] = {}
    for path in ("", KASPI, "incidents/2016-06-05-aktobe-attacks/", "map/"):
        tab.page.goto(site_url + path, wait_until="networkidle")
        found[path or "home"] = serious_violations(tab)
    assert found == {key: [] for key in found}


def test_browser_dark_scheme_passes_axe(browser: Any, site_url: str) -> None:
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    context.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
    try:
        dark = Tab(page)
        page.goto(site_url + KASPI, wait_until="networkidle")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        screenshot(dark, "incident-dark")
        assert serious_violations(dark) == []
        # The map's cluster counts, dark on their light discs in this palette too.
        page.goto(site_url + "map/", wait_until="networkidle")
        page.locator(".marker-cluster span").first.wait_for()
        screenshot(dark, "map-dark")
        assert serious_violations(dark) == []
    finally:
        context.close()


SCROLLER = (
    "w => ({client: w.clientWidth, scroll: w.scrollWidth, overflow: getComputedStyle(w).overflowX,"
    " role: w.getAttribute('role'), label: w.getAttribute('aria-label'), tabindex: w.tabIndex,"
    " note: getComputedStyle(w.previousElementSibling).display,"
    " rows: [...w.querySelectorAll('tbody tr')].map(r => r.offsetHeight)})"
)
"""What a report table's container tells: its widths, its label and whether its note shows."""


def test_browser_report_summary_fits_a_wide_window_and_scrolls_on_a_narrow_one(
    tab: Tab, site_url: str
) -> None:
    tab.page.set_viewport_size({"width": 1300, "height": 900})
    tab.page.goto(site_url + "report/", wait_until="networkidle")
    summary = tab.page.locator(".report-table.report-overview").first
    wide = summary.evaluate(SCROLLER)
    assert wide["scroll"] <= wide["client"], "every column is in view, the figures too"
    assert wide["note"] == "none", "no note where nothing scrolls"
    assert wide["role"] == "region"
    assert wide["label"] == "Summary of the incidents (scrolls sideways on a narrow screen)"
    assert wide["tabindex"] == 0, "the keyboard can reach and scroll it"
    rows = sorted(wide["rows"])
    assert rows[len(rows) // 2] < 120, f"rows are compact: {rows}"
    frame = summary.bounding_box()
    for header in ("Killed", "Injured", "Sources disagree", "Sources"):
        cell = summary.locator("thead th", has_text=header).last.bounding_box()
        assert frame is not None
        assert cell is not None
        assert cell["x"] + cell["width"] <= frame["x"] + frame["width"] + 1, header
    screenshot(tab, "report-summary-1300")
    tab.page.set_viewport_size({"width": 600, "height": 900})
    narrow = summary.evaluate(SCROLLER)
    assert narrow["overflow"] in ("auto", "scroll")
    assert narrow["scroll"] > narrow["client"], "the table is wider than a phone"
    assert narrow["note"] == "block", "a visible note says that it scrolls"
    note = tab.page.locator(".scroll-note").first
    assert note.inner_text() == (
        "On a narrow screen this table scrolls sideways: swipe or scroll it to see every column."
    )
    summary.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    last = summary.locator("thead th").last
    assert last.inner_text().strip() == "Sources"
    frame, cell = summary.bounding_box(), last.bounding_box()
    assert frame is not None
    assert cell is not None
    assert frame["x"] <= cell["x"]
    assert cell["x"] + cell["width"] <= frame["x"] + frame["width"] + 1
    screenshot(tab, "report-summary-scrolled")
    assert tab.errors == []


@pytest.mark.parametrize("width", [1300, 390])
def test_browser_report_source_list_fits_the_page(tab: Tab, site_url: str, width: int) -> None:
    tab.page.set_viewport_size({"width": width, "height": 900})
    tab.page.goto(site_url + "report/", wait_until="networkidle")
    # Every [n] of the report leads here: each entry wraps, addresses in notes too, and the
    # incidents citing it stay in view beside it.
    fits = tab.page.evaluate(
        "() => { const t = document.getElementById('source-1').closest('table');"
        " return [t.getBoundingClientRect().width,"
        " document.querySelector('article').getBoundingClientRect().width]; }"
    )
    assert fits[0] <= fits[1] + 1, fits
    cited_by = tab.page.locator("#source-1").locator("xpath=ancestor::tr/td[3]")
    box = cited_by.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= width
    assert tab.errors == []


def test_browser_standalone_report_fits_a_phone(tab: Tab, site_url: str) -> None:
    tab.page.set_viewport_size({"width": 390, "height": 844})
    tab.page.goto(site_url + "report/report.html", wait_until="networkidle")
    # Wide tables scroll inside their own containers; nothing else is wider than the screen.
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= 390
    assert tab.errors == []


def test_browser_report_citation_lands_on_its_source(tab: Tab, site_url: str) -> None:
    tab.page.goto(site_url + "report/", wait_until="networkidle")
    citation = tab.page.locator("td a[href^='#source-']").first
    href = citation.get_attribute("href")
    assert href
    citation.click()
    tab.page.wait_for_function(f"location.hash === {json.dumps(href)}")
    target = tab.page.locator(href)
    assert target.count() == 1
    box = target.bounding_box()
    assert box is not None
    assert 0 <= box["y"] < 900


def test_browser_home_year_bars_keep_their_number_on_one_line(tab: Tab, site_url: str) -> None:
    tab.page.goto(site_url, wait_until="networkidle")
    counts = tab.page.locator(".year-count")
    assert counts.count() > 1
    heights = counts.evaluate_all("items => items.map(e => e.getBoundingClientRect().height)")
    assert max(heights) < 24, heights


def test_browser_data_page_columns_read_on_a_phone_and_names_stay_whole(
    tab: Tab, site_url: str
) -> None:
    page = tab.page
    page.set_viewport_size({"width": 1300, "height": 900})
    page.goto(site_url + "data/", wait_until="networkidle")
    tables = page.locator(".data-columns table")
    assert tables.count() == len(list((SERVED[site_url] / "data").glob("*.csv")))
    names = page.locator(".data-columns td:first-child code")
    heights = names.evaluate_all("items => items.map(e => e.getBoundingClientRect().height)")
    assert max(heights) < 1.5 * min(heights), "a column's name is on one line"
    assert page.locator(".data-columns thead").first.is_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#termscsv").scroll_into_view_if_needed()
    assert not page.locator(".data-columns thead").first.is_visible()
    # Each column is a block: what it means spans the content's width, below its name.
    content = page.locator("article").bounding_box()
    meaning = page.locator(".data-columns tbody tr").first.locator("td").last.bounding_box()
    name = page.locator(".data-columns tbody tr").first.locator("td").first.bounding_box()
    assert content is not None
    assert meaning is not None
    assert name is not None
    assert meaning["width"] > 0.8 * content["width"]
    assert meaning["y"] > name["y"]
    screenshot(tab, "data-columns-390")
    assert tab.errors == []
