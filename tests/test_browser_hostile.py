"""The hostile corpus in a real headless Chromium: record text never runs, on any page.

tests/fixtures/hostile/content/ (invented records) carries ``<img onerror>``, ``<svg onload>``,
``<script>`` and ``javascript:`` payloads that all call ``alert(1)``. The corpus is built into
a whole site with ``REPO_URL`` on GitHub, as the deploy workflow sets it, and served from
127.0.0.1. Every page is opened; everything that scripts build at run time (map markers, their
tooltips and popups, search results, the theme's controls) is hovered and clicked. A test fails
on any dialog, any call of ``alert``, ``confirm``, ``prompt`` or ``print``, any console error,
and any request to another host. Map tiles are answered locally with an empty image and
recorded, so that no tile is ever fetched from the network.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from tests.map_page import wait_until_still
from tests.test_browser import RESULT_LINKS, browser, built_and_served, search
from tests.test_hostile_site import HOSTILE_CONTENT, SIEGE

pytestmark = [pytest.mark.browser, pytest.mark.slow]

__all__ = ["browser"]

GITHUB_REPO = "https://github.com/example/incident-record"
"""A repository on GitHub, where the theme would ask the GitHub API for stars and forks."""
TILE_HOST = "tile.openstreetmap.org"
"""The one outside host a page may name: the map's tile server (see SECURITY.md)."""
EMPTY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
TRAP = """
(() => {
  window.__ran = [];
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (...args) => { window.__ran.push(name + "(" + args.join(",") + ")"); };
  }
  window.__static = new WeakSet();
  document.addEventListener("DOMContentLoaded", () => {
    for (const element of document.querySelectorAll("*")) window.__static.add(element);
  });
})();
"""
"""Records any call of the dialog functions, and remembers which elements the server sent."""
RUN_TIME_CONTROLS = """
() => {
  const wanted = "a, button, input, label, select, summary, [role=button], [tabindex],"
    + " .leaflet-interactive, .leaflet-tooltip, .leaflet-popup, .site-search__link";
  let next = 0;
  const found = [];
  for (const element of document.querySelectorAll(wanted)) {
    const box = element.getBoundingClientRect();
    if (window.__static.has(element) || box.width === 0 || box.height === 0) continue;
    element.setAttribute("data-probe", String(next));
    found.push(String(next++));
  }
  return found;
}
"""
"""Numbers every visible control that a script built after the page arrived."""


@dataclass
class Watch:
    """One browser page with everything that must not happen on it."""

    page: Any
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def ran(self) -> list[str]:
        """Calls of the trapped dialog functions on the current document."""
        return list(self.page.evaluate("() => window.__ran || []"))

    def assert_clean(self, where: str) -> None:
        """Fail on any dialog, trapped call, console error or request to another host."""
        found = {
            "dialogs": self.dialogs,
            "ran": self.ran(),
            "errors": self.errors,
            "outside": [url for url in self.outside if urlsplit(url).hostname != TILE_HOST],
        }
        assert found == {key: [] for key in found}, where


@dataclass(frozen=True)
class Served:
    """The hostile site's folder and its address on 127.0.0.1."""

    folder: Path
    url: str

    def pages(self) -> list[str]:
        """Every HTML page of the site, as a path relative to its root."""
        return sorted(
            path.relative_to(self.folder).as_posix().removesuffix("index.html")
            for path in self.folder.rglob("*.html")
        )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The hostile corpus built with a GitHub repository address and served for the module."""
    root = tmp_path_factory.mktemp("hostile-browser")
    with built_and_served(root, HOSTILE_CONTENT, GITHUB_REPO) as (folder, url):
        yield Served(folder, url)


@pytest.fixture
def watch(browser: Any, hostile_site: Served) -> Iterator[Watch]:
    """A fresh page that records dialogs, trapped calls, console errors and outside requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(TRAP)
    watched = Watch(context.new_page())
    local = urlsplit(hostile_site.url).netloc

    def route(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).netloc == local:
            route.continue_()
            return
        watched.outside.append(url)
        if urlsplit(url).hostname == TILE_HOST:
            route.fulfill(status=200, content_type="image/png", body=EMPTY_PNG)
        else:
            route.abort()

    def dialog(dialog: Any) -> None:
        watched.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.route("**/*", route)
    watched.page.on("dialog", dialog)
    watched.page.on("console", lambda m: watched.errors.append(m.text) if m.type == "error" else 0)
    watched.page.on("pageerror", lambda error: watched.errors.append(str(error)))
    try:
        yield watched
    finally:
        context.close()


def exercise_run_time_controls(watch: Watch) -> int:
    """Hover, then click, every visible control that scripts built; return how many."""
    page = watch.page
    probes = page.evaluate(RUN_TIME_CONTROLS)
    for probe in probes:
        control = page.locator(f"[data-probe='{probe}']")
        if control.count() and control.is_visible():
            control.hover(force=True, timeout=2000)
    for probe in probes:
        control = page.locator(f"[data-probe='{probe}']")
        if control.count() and control.is_visible() and control.get_attribute("href") is None:
            control.click(force=True, timeout=2000)
    return len(probes)


def test_browser_hostile_every_page_runs_no_record_text(watch: Watch, hostile_site: Served) -> None:
    pages = hostile_site.pages()
    assert f"incidents/{SIEGE}/" in pages
    assert "map/" in pages
    assert len(pages) > 20
    built = 0
    for path in pages:
        watch.page.goto(hostile_site.url + path, wait_until="networkidle")
        built += exercise_run_time_controls(watch)
        watch.page.wait_for_timeout(50)
        watch.assert_clean(path)
    assert built > 0


def test_browser_hostile_map_tooltips_and_popups_show_titles_as_text(
    watch: Watch, hostile_site: Served
) -> None:
    page = watch.page
    overview = json.loads((hostile_site.folder / "map" / "overview.json").read_text("utf-8"))
    points = overview["markers"]
    assert all(point["count"] == 1 for point in points), "no two hostile incidents share a place"
    titles = {point["incidents"][0]["id"]: point["incidents"][0]["title"] for point in points}
    assert any("<img src=x onerror=alert(1)>" in title for title in titles.values())
    for point in points:
        point_id, title = point["incidents"][0]["id"], point["incidents"][0]["title"]
        # Close up on the point, so that no cluster hides it: the map opened at that view, as
        # from a shared address, rather than zoomed there from another.
        page.goto("about:blank")
        page.goto(hostile_site.url + f"map/#map=14/{point['lat']}/{point['lon']}")
        page.wait_for_selector("#incident-map[data-markers]")
        marker = page.locator(f"path.incident-{point_id}").first
        marker.hover(force=True)
        tooltip = page.locator(".leaflet-tooltip")
        tooltip.wait_for()
        shown = tooltip.evaluate("t => [t.textContent, [...t.querySelectorAll('*')].length]")
        assert shown == [title, 1], "one element, built by map.js, holding the title as text"
        marker.click(force=True)
        link = page.locator(".leaflet-popup-content a")
        link.wait_for()
        # The popup pans the map until it fits: its link is followed once the map is still.
        wait_until_still(page)
        assert link.text_content() == title
        assert link.evaluate("a => a.children.length") == 0
        assert link.get_attribute("href") == f"../incidents/{point_id}/"
        page.mouse.move(0, 0)
        watch.assert_clean(f"map marker {point_id}")
    link.click()
    page.wait_for_url("**/incidents/**")
    page.wait_for_load_state("networkidle")
    watch.assert_clean(page.url)
    assert [urlsplit(url).hostname for url in watch.outside] == [TILE_HOST] * len(watch.outside)


def test_browser_hostile_popup_never_links_to_another_kind_of_address(
    watch: Watch, hostile_site: Served
) -> None:
    def tampered(route: Any) -> None:
        overview = json.loads(route.fetch().text())
        for point in overview["markers"]:
            point["page"] = "javascript:alert(2)"
            point["more"] = 1
            for entry in point["incidents"]:
                entry["url"] = "javascript:alert(1)"
        route.fulfill(status=200, content_type="application/json", body=json.dumps(overview))

    overview = json.loads((hostile_site.folder / "map" / "overview.json").read_text("utf-8"))
    first = overview["markers"][0]
    page = watch.page
    page.route("**/map/overview.json", tampered)
    view = f"map/#map=14/{first['lat']}/{first['lon']}"
    page.goto(hostile_site.url + view, wait_until="networkidle")
    page.wait_for_selector("#incident-map[data-markers]")
    page.locator("path.incident-marker").first.click(force=True)
    content = page.locator(".leaflet-popup-content")
    content.wait_for()
    assert content.locator("a").count() == 0
    content.locator("span").first.click()
    page.wait_for_timeout(100)
    watch.assert_clean("popup of a point whose address is not an incident page")


def test_browser_hostile_search_results_and_highlights_stay_text(
    watch: Watch, hostile_site: Served
) -> None:
    page = watch.page
    followed = []
    for query in ("Hostile siege", "Sampleville", "onerror", "Gazette"):
        page.goto(hostile_site.url, wait_until="networkidle")
        results = search(page, query)
        hrefs = results.evaluate_all("links => links.map(a => a.href)")
        titles = page.locator(".site-search__title").evaluate_all(
            "titles => titles.map(t => t.children.length)"
        )
        assert titles == [0] * len(titles), "each result's title is text"
        exercise_run_time_controls(watch)
        watch.assert_clean(f"search {query!r}")
        for href in [href for href in hrefs if href not in followed]:
            followed.append(href)
            page.goto(href, wait_until="networkidle")
            page.wait_for_timeout(100)
            watch.assert_clean(href)
    assert any("?highlight=" in href and SIEGE in href for href in followed)


def test_browser_hostile_pages_make_no_request_to_another_host(
    watch: Watch, hostile_site: Served
) -> None:
    repository = hostile_site.folder / "index.html"
    assert GITHUB_REPO in repository.read_text(encoding="utf-8")
    for path in ("", f"incidents/{SIEGE}/", "sources/", "report/", "data/", "404.html"):
        watch.page.goto(hostile_site.url + path, wait_until="networkidle")
        watch.page.wait_for_timeout(300)
        assert watch.outside == [], path
    watch.page.goto(hostile_site.url + "map/", wait_until="networkidle")
    assert watch.outside
    assert {urlsplit(url).hostname for url in watch.outside} == {TILE_HOST}


SEARCH_PANEL_PROBE = """
panel => [...panel.querySelectorAll('*')]
  .filter(e => !['P', 'OL', 'UL', 'LI', 'A', 'SPAN', 'MARK', 'BUTTON'].includes(e.tagName)
    || [...e.attributes].some(a => a.name.startsWith('on'))
    || (e.tagName === 'MARK' && e.attributes.length > 0))
  .map(e => e.outerHTML)
"""
"""Every element in the search panel that search.js does not build, or built with a handler."""


def assert_search_panel_is_text(page: Any) -> None:
    """The results hold only the box's own elements, each excerpt only text and bare marks."""
    panel = page.locator("#site-search-panel")
    assert panel.evaluate(SEARCH_PANEL_PROBE) == []
    excerpts = page.locator(".site-search__excerpt").evaluate_all(
        "spans => spans.map(s => [...s.children].map(c => c.tagName))"
    )
    assert excerpts
    assert {tag for tags in excerpts for tag in tags} <= {"MARK"}
    hrefs = panel.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert all(href.startswith("/") and not href.startswith("//") for href in hrefs), hrefs


def test_browser_hostile_search_shows_a_records_markup_as_its_text(
    watch: Watch, hostile_site: Served
) -> None:
    record = yaml.safe_load(
        (HOSTILE_CONTENT / "incidents" / f"{SIEGE}.yaml").read_text(encoding="utf-8")
    )
    assert "<script>" in record["title"]
    assert "<svg onload=alert(1)>" in record["summary"]
    page = watch.page
    page.goto(hostile_site.url, wait_until="networkidle")
    # The title's words, then the summary's markup, which Pagefind indexed as words.
    for query in ("Hostile siege", "svg onload"):
        page.locator("header .site-search input").fill("")
        results = search(page, query)
        assert results.count() > 0
        siege = page.locator(f"{RESULT_LINKS}[href*='{SIEGE}']")
        assert siege.count() == 1, query
        title = siege.locator(".site-search__title")
        assert title.evaluate("t => t.children.length") == 0
        assert title.text_content() == record["title"]
        assert_search_panel_is_text(page)
        watch.assert_clean(f"search {query!r}")
    assert "<svg onload=alert(1)>" in (siege.locator(".site-search__excerpt").text_content() or "")


def test_browser_hostile_search_shows_tampered_fragments_as_text(
    watch: Watch, hostile_site: Served
) -> None:
    # A bundle changed after the build: titles and page text that carry markup, addresses of
    # other kinds and hosts. Pagefind keeps an address without a host below the site.
    addresses = iter(["javascript:alert(1)", "https://example.org/x"] * 30)

    def tampered(route: Any) -> None:
        data = gzip.decompress(route.fetch().body())
        fragment = json.loads(data.removeprefix(b"pagefind_dcd"))
        fragment["url"] = next(addresses)
        fragment["meta"]["title"] = "<img src=x onerror=alert(3)>Tampered"
        # The page's first word becomes markup (with no space in it, so that the index's
        # places of the words searched for still point at them).
        rest = fragment["content"].partition(" ")[2]
        fragment["content"] = "<img/src=x/onerror=alert(4)><script>alert(5)</script> " + rest
        body = gzip.compress(b"pagefind_dcd" + json.dumps(fragment).encode("utf-8"), mtime=0)
        route.fulfill(status=200, body=body)

    page = watch.page
    page.context.route("**/pagefind/fragment/*.pf_fragment", tampered)
    page.goto(hostile_site.url, wait_until="networkidle")
    search(page, "siege", found=False)
    results = page.locator(".site-search__result")
    results.first.wait_for()
    titles = page.locator(".site-search__result > .site-search__link > .site-search__title")
    assert set(titles.all_text_contents()) == {"<img src=x onerror=alert(3)>Tampered"}
    links = page.locator(RESULT_LINKS)
    hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs
    assert set(hrefs) <= {"/javascript:alert(1)?highlight=siege"}
    assert page.locator(".site-search__result > span.site-search__link").count() == (
        results.count() - len(hrefs)
    )
    assert "alert(5)" in (page.locator(".site-search__excerpt").first.text_content() or "")
    assert_search_panel_is_text(page)
    exercise_run_time_controls(watch)
    page.wait_for_timeout(100)
    watch.assert_clean("search results of tampered fragments")


INVENTED_PAGEFIND = """
const hostile = [
  "javascript:alert(1)", "https://example.org/x", "//example.org/y",
  "data:text/html,<script>alert(2)</script>", "/incidents/%s/?highlight=siege",
];
export async function options() {}
export async function init() {}
export async function debouncedSearch(term) {
  return { results: hostile.map((url) => ({ data: async () => ({
    url,
    meta: { title: "<img src=x onerror=alert(3)>" + url },
    excerpt: "<img src=x onerror=alert(4)><mark onclick=alert(5) class=x>" + term
      + "</mark><script>alert(6)</script><b>bold</b>",
    sub_results: [{ url: url + "#part", title: "<svg onload=alert(7)>",
      excerpt: "<iframe src=javascript:alert(8)></iframe>part <mark>" + term + "</mark>" }],
  }) })) };
}
"""
"""An invented stand-in for pagefind.js whose answers carry markup and hostile addresses."""


def test_browser_hostile_search_box_keeps_only_text_marks_and_own_links(
    watch: Watch, hostile_site: Served
) -> None:
    page = watch.page
    module = INVENTED_PAGEFIND % SIEGE
    page.context.route(
        "**/pagefind/pagefind.js",
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=module),
    )
    page.goto(hostile_site.url, wait_until="networkidle")
    search(page, "siege")
    results = page.locator(".site-search__result")
    assert results.count() == 5
    titles = page.locator(".site-search__result > .site-search__link > .site-search__title")
    assert titles.all_text_contents() == [
        "<img src=x onerror=alert(3)>javascript:alert(1)",
        "<img src=x onerror=alert(3)>https://example.org/x",
        "<img src=x onerror=alert(3)>//example.org/y",
        "<img src=x onerror=alert(3)>data:text/html,<script>alert(2)</script>",
        f"<img src=x onerror=alert(3)>/incidents/{SIEGE}/?highlight=siege",
    ]
    # Only the address on this site is a link, and so is its section.
    hrefs = page.locator("#site-search-panel a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    own = f"/incidents/{SIEGE}/?highlight=siege"
    assert hrefs == [own, own + "#part"]
    excerpts = page.locator(".site-search__excerpt")
    assert excerpts.first.text_content() == "siegealert(6)bold"
    assert excerpts.nth(1).text_content() == "part siege"
    assert_search_panel_is_text(page)
    exercise_run_time_controls(watch)
    page.wait_for_timeout(100)
    watch.assert_clean("search results that carry markup")
