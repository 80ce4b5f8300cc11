"""The site's search: Pagefind's index of the built site, and what the pages give it to index.

Front matter ``search: exclude`` keeps a page out of the index and ``search: boost`` weighs
its words; the MkDocs plugin writes them as Pagefind attributes on the theme's content
element only, after the sanitizer has removed any that content carried. The fixture corpus
is built into a whole site once and its index read back (its fragments are gzipped JSON).
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from generator.build.search_index import BUNDLE, ENTRY, index_if_missing, index_site
from generator.site.mkdocs_plugin import on_post_page
from generator.site.sanitize import sanitize_html
from generator.site.search import CONTENT, heading_weights, mark_for_search, search_attributes
from tests.golden import FIXTURE_CONTENT
from tests.test_site_build import Built, build

PAGE = f"<html><body><nav>Menu</nav><main>{CONTENT}<h1>T</h1><p>x</p></article></main></body>"
"""A finished page as the theme lays it out, cut down to what the marks depend on."""
BOOSTED = {"search": {"boost": 2}}
"""An incident page's front matter."""
LISTING_PAGES = ("years/", "types/", "places/", "actors/", "sources/", "timeline/", "map/")
"""Pages that only list others: not indexed."""


# --- What the front matter asks for ----------------------------------------------------------


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({}, "data-pagefind-body"),
        ({"title": "A page"}, "data-pagefind-body"),
        ({"search": {"boost": 2}}, 'data-pagefind-body data-pagefind-weight="2"'),
        ({"search": {"boost": 1.5}}, 'data-pagefind-body data-pagefind-weight="1.5"'),
        ({"search": {"boost": 50}}, 'data-pagefind-body data-pagefind-weight="10"'),
        ({"search": {"boost": 1}}, "data-pagefind-body"),
        ({"search": {"boost": True}}, "data-pagefind-body"),
        ({"search": {"boost": "9 onload=x"}}, "data-pagefind-body"),
        ({"search": {"exclude": True}}, None),
        ({"search": {"exclude": "yes"}}, "data-pagefind-body"),
        ({"search": "exclude"}, "data-pagefind-body"),
    ],
)
def test_search_attributes_follow_the_front_matter(
    meta: dict[str, Any], expected: str | None
) -> None:
    assert search_attributes(meta) == expected


def test_search_boosted_headings_keep_more_than_pagefinds_own_weights() -> None:
    weights = {
        tag: value["data-pagefind-weight"] for tag, value in heading_weights(BOOSTED).items()
    }
    assert weights == {"h1": "10", "h2": "10", "h3": "10", "h4": "8", "h5": "6", "h6": "4"}
    assert heading_weights({}) == {}
    assert heading_weights({"search": {"exclude": True}}) == {}


def test_search_sanitizer_gives_headings_their_weight_whatever_content_said() -> None:
    content = '<h1 id="t" data-pagefind-weight="0.1">T</h1><p data-pagefind-weight="9">x</p>'
    cleaned = sanitize_html(content, heading_weights(BOOSTED))
    assert cleaned == '<h1 id="t" data-pagefind-weight="10">T</h1><p>x</p>'
    assert sanitize_html(content) == '<h1 id="t">T</h1><p>x</p>'


def test_search_marks_only_the_themes_content_element() -> None:
    marked = mark_for_search(PAGE + PAGE, {"search": {"boost": 2}})
    first = f'{CONTENT[:-1]} data-pagefind-body data-pagefind-weight="2">'
    assert marked == PAGE.replace(CONTENT, first) + PAGE


def test_search_leaves_an_excluded_page_unmarked() -> None:
    assert mark_for_search(PAGE, {"search": {"exclude": True}}) == PAGE


def test_search_plugin_marks_each_page_from_its_front_matter() -> None:
    config = {"extra": {}}
    incident = SimpleNamespace(meta={"search": {"boost": 2}})
    listing = SimpleNamespace(meta={"search": {"exclude": True}})
    bare = SimpleNamespace(meta=None)
    assert 'data-pagefind-weight="2"' in on_post_page(PAGE, incident, config)
    assert on_post_page(PAGE, listing, config) == PAGE
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in on_post_page(
        PAGE, bare, config
    )


def test_search_attributes_in_content_never_pass_the_sanitizer() -> None:
    content = (
        '<article class="md-content__inner md-typeset" data-pagefind-body><p>x</p></article>'
        '<div data-pagefind-body data-pagefind-weight="10" data-pagefind-meta="title:Fake">'
        '<p data-pagefind-ignore="all">y</p><span data-pagefind-filter="type:z">z</span></div>'
    )
    cleaned = sanitize_html(content)
    assert cleaned == "<p>x</p><div><p>y</p><span>z</span></div>"


# --- The built site ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The fixture corpus, built into a whole site once."""
    return build(tmp_path_factory.mktemp("search"), FIXTURE_CONTENT)


def fragments(site: Path) -> dict[str, dict[str, Any]]:
    """Each indexed page's fragment (its URL, title and text), keyed by its URL."""
    found = {}
    for path in sorted((site / BUNDLE / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data.removeprefix(b"pagefind_dcd"))
        found[fragment["url"]] = fragment
    return found


def marks(page: Path) -> list[str]:
    """The Pagefind attributes of every element of a built page."""
    return re.findall(r"data-pagefind-[a-z]+(?:=\"[^\"]*\")?", page.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_search_site_has_a_pagefind_index_and_no_theme_index(site: Built) -> None:
    assert not (site.site / "search").exists()
    assert list(site.site.rglob("search_index.json")) == []
    bundle = site.site / BUNDLE
    for name in (ENTRY, "pagefind.js", "pagefind-ui.js", "pagefind-ui.css"):
        assert (bundle / name).is_file(), name
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    assert entry["version"] == "1.5.2"
    assert entry["languages"]["en"]["page_count"] == len(fragments(site.site))


@pytest.mark.slow
def test_search_indexes_incidents_weighted_and_leaves_out_listings(site: Built) -> None:
    indexed = fragments(site.site)
    incidents = {f"/incidents/{incident.id}/" for incident in site.dataset.incidents}
    assert incidents <= indexed.keys()
    for url in incidents:
        page = site.site / url.strip("/") / "index.html"
        found = marks(page)
        assert found[:3] == [
            "data-pagefind-body",
            'data-pagefind-weight="2"',
            'data-pagefind-weight="10"',  # the title
        ], url
        headings = {'data-pagefind-weight="10"', 'data-pagefind-weight="8"'}
        assert set(found[3:]) <= headings, url
    for path in LISTING_PAGES:
        assert marks(site.site / path / "index.html") == [], path
        assert f"/{path}" not in indexed
    assert marks(site.site / "index.html") == ["data-pagefind-body"]
    assert "/" in indexed
    assert marks(site.site / "404.html") == []
    siege = indexed["/incidents/2019-03-04-exampleton-bank-siege/"]
    title = "Bank siege in Exampleton <script>alert(1)</script>"
    assert siege["meta"]["title"].startswith(title)
    assert siege["content"].startswith(title)  # the content alone: no header or navigation
    assert "¶" not in siege["content"]


@pytest.mark.slow
def test_search_index_is_the_same_bytes_each_time(site: Built, tmp_path: Path) -> None:
    again = tmp_path / "site"
    shutil.copytree(site.site, again)
    shutil.rmtree(again / BUNDLE)
    index_site(again, "mkdocs.yml")
    built = sorted(p.relative_to(site.site) for p in (site.site / BUNDLE).rglob("*"))
    assert sorted(p.relative_to(again) for p in (again / BUNDLE).rglob("*")) == built
    for path in built:
        if (site.site / path).is_file():
            assert (again / path).read_bytes() == (site.site / path).read_bytes(), path


# --- The live preview's index ---------------------------------------------------------------

INVENTED_PAGE = (
    '<html lang="en"><head><title>Invented</title></head><body>'
    f"{CONTENT}<h1>Invented page</h1><p>An invented test page about a lighthouse.</p>"
    "</article></body></html>"
)
"""An invented page (test data, not a record)."""
FAILING = (sys.executable, "-c", "import sys; sys.exit('Error: cannot index the site')")


def test_search_preview_is_indexed_once_when_it_has_no_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "index.html").write_text(mark_for_search(INVENTED_PAGE, {}), encoding="utf-8")
    assert index_if_missing(tmp_path, "mkdocs.yml") == []
    entry = json.loads((tmp_path / BUNDLE / ENTRY).read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 1
    assert [f["meta"]["title"] for f in fragments(tmp_path).values()] == ["Invented page"]

    monkeypatch.setattr("generator.build.search_index.PAGEFIND", FAILING)
    assert index_if_missing(tmp_path, "mkdocs.yml") == []  # kept: Pagefind does not run
    shutil.rmtree(tmp_path / BUNDLE)
    assert index_if_missing(tmp_path, "mkdocs.yml") == [
        "mkdocs.yml: error: pagefind failed:\nError: cannot index the site"
    ]
