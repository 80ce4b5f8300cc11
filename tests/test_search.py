"""The site's search: Pagefind's index of the built site, and what the pages give it to index.

Front matter ``search: exclude`` keeps a page out of the index and ``search: boost`` weighs
its words; the MkDocs plugin writes them as Pagefind attributes on the theme's content
element only, after the sanitizer has removed any that content carried, and leaves the
tables of every page but a record's out of the index. For the build it writes them in a
search document of each page, apart from the published page; for the live preview, on the
page itself. The fixture corpus
is built into a whole site once and its index read back (its fragments are gzipped JSON).
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from generator.bench.search_bytes import read_pagefind
from generator.bench.search_measure import index_page_text
from generator.build import publish
from generator.build.pipeline import build_site
from generator.build.search_index import BUNDLE, ENTRY, index_if_missing, index_site
from generator.site.mkdocs_plugin import on_post_page
from generator.site.sanitize import sanitize_html
from generator.site.search import (
    CONTENT,
    SEARCH_DOCUMENTS,
    mark_for_search,
    search_attributes,
    search_document,
    title_weight,
)
from generator.site.search_parts import indexed_parts, mark_record_parts, record_parts
from tests.golden import FIXTURE_CONTENT, REPO_URL, prepare_root
from tests.test_site_build import Built, build

PAGE = f"<html><body><nav>Menu</nav><main>{CONTENT}<h1>T</h1><p>x</p></article></main></body>"
"""A finished page as the theme lays it out, cut down to what the marks depend on."""
BOOSTED = {"search": {"boost": 2}}
"""An incident page's front matter."""
PUBLISHED = {"2019-03-04-exampleton-bank-siege", "2020-07-15-sampleville-shoot-out"}
"""The fixture corpus's published records: the others are a draft and a withdrawn record."""
LISTING_PAGES = ("years/", "types/", "places/", "actors/", "sources/", "timeline/", "map/")
"""Pages that list others: indexed by their title, headings and prose, not by their tables."""
GROUP_PAGES = ("years/2019/", "types/hostage-taking/", "places/almaty/", "actors/units/police/")
"""Pages of one group of records, as many as the groups: not indexed."""


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


def test_search_boosted_title_keeps_more_than_pagefinds_own_weight() -> None:
    assert title_weight(2) == "10"
    assert title_weight(1.2) == "8.4"


def test_search_title_gets_its_weight_from_the_marks_whatever_content_said() -> None:
    content = (
        '<h1 id="t" data-pagefind-weight="0.1">T</h1><h2 data-pagefind-weight="9">S</h2>'
        '<p data-pagefind-weight="9">x</p>'
    )
    cleaned = sanitize_html(content)
    assert cleaned == '<h1 id="t">T</h1><h2>S</h2><p>x</p>'
    page = f"{CONTENT}{cleaned}</article>"
    assert mark_for_search(page, BOOSTED) == page.replace(
        '<h1 id="t">', '<h1 id="t" data-pagefind-body data-pagefind-weight="10">'
    )


def test_search_marks_only_the_themes_content_element() -> None:
    marked = mark_for_search(PAGE + PAGE, {"title": "A page"})
    first = f"{CONTENT[:-1]} data-pagefind-body>"
    assert marked == PAGE.replace(CONTENT, first) + PAGE


# An invented incident page's content, laid out as templates/incident.md.j2 lays it out (test
# data, not a record).
RECORD = (
    '<h1 id="t">Invented siege</h1>'
    "<p>Compare it with the other incidents.</p>"
    '<div class="infobox"><table><thead><tr><th>At a glance</th><th>As recorded</th></tr>'
    "</thead><tbody><tr><td>Date</td><td>4 March 2019</td></tr>"
    "<tr><td>Record status</td><td>published</td></tr></tbody></table></div>"
    "<p>A lighthouse keeper &lt;b&gt;held&lt;/b&gt; out.</p>"
    '<div class="admonition warning"><p class="admonition-title">Sources disagree</p></div>'
    '<h2 id="names">Other names</h2><ul><li>Phare (fr)</li></ul>'
    '<h2 id="people">People and labels</h2><p>Officials:</p><ul><li><strong>Ann Example'
    '</strong>, Keeper: Spoke <a class="citation" href="#src-a">[1]</a></li></ul>'
    '<h2 id="hostage-taking">Hostage-taking</h2><p>Demands:</p><ul><li>A boat</li></ul>'
    "<p>Negotiators:</p><ul><li><strong>Bo Parley</strong>, Envoy: Talked</li></ul>"
    '<h2 id="dates">When</h2><p>Note.</p><table><tbody><tr><td>4 March</td><td>x</td></tr>'
    "</tbody></table>"
    '<h2 id="places">Places</h2><table><thead><tr><th>Place</th><th>Extent</th></tr></thead>'
    "<tbody><tr><td>Cape, Exampleland</td><td>site</td></tr></tbody></table>"
    '<h2 id="figures">Figures</h2><table><tbody><tr><td>3</td><td>Example Gazette</td></tr>'
    "</tbody></table>"
    '<h2 id="sources">Sources</h2><ol><li id="src-a" class="source-entry">'
    '<strong>Example Gazette</strong>: \u201c<a href="https://example.org/a">Headline</a>'
    "\u201d.<br>\nBy <strong>Someone</strong>.</li></ol>"
    '<h2 id="about-this-record">About this record</h2><ul><li>Record x</li></ul>'
)
WEIGHTED = 'data-pagefind-body data-pagefind-weight="2"'


def test_search_marks_only_the_parts_of_a_record_page_readers_search_for() -> None:
    assert mark_record_parts(RECORD, "2", "10") == (
        RECORD.replace('<h1 id="t">', '<h1 id="t" data-pagefind-body data-pagefind-weight="10">')
        .replace("<td>4 March 2019", f"<td {WEIGHTED}>4 March 2019")
        .replace("<p>A lighthouse", f"<p {WEIGHTED}>A lighthouse")
        .replace("<ul><li>Phare", f"<ul {WEIGHTED}><li>Phare")
        .replace("<td>Cape", f"<td {WEIGHTED}>Cape")
        .replace(
            "<strong>Ann Example</strong>, Keeper",
            f"<strong {WEIGHTED}>Ann Example</strong><span>, Keeper",
        )
        .replace("[1]</a></li></ul>", "[1]</a></span></li></ul>")
        .replace(
            "<strong>Bo Parley</strong>, Envoy: Talked</li>",
            f"<strong {WEIGHTED}>Bo Parley</strong><span>, Envoy: Talked</span></li>",
        )
        .replace(
            "<strong>Example Gazette</strong>: \u201c",
            f"<strong {WEIGHTED}>Example Gazette</strong><span>: \u201c",
        )
        .replace("Someone</strong>.</li>", "Someone</strong>.</span></li>")
    )


@pytest.mark.parametrize("line_break", ["\u2028", "\u2029", "\x85", "\x0c", "\r\n", "\r"])
def test_search_marks_land_where_they_belong_after_any_line_break(line_break: str) -> None:
    # Record text copied from PDFs and web pages may hold breaks that are not "\n".
    broken = {"A lighthouse": f"A light{line_break}house", "Headline": f"Head{line_break}line"}
    record, expected = RECORD, mark_record_parts(RECORD, "2", "10")
    for before, after in broken.items():
        record, expected = record.replace(before, after), expected.replace(before, after)
    assert mark_record_parts(record, "2", "10") == expected


def test_search_marks_only_the_title_of_a_page_found_by_its_title() -> None:
    page = f'<html><body><h1>Menu</h1>{CONTENT}<h1 id="p">Gazette</h1><h1>x</h1></article>'
    marked = mark_for_search(page, {"search": {"only": "title"}})
    assert marked == page.replace('<h1 id="p">', '<h1 data-pagefind-body id="p">')
    assert mark_for_search(page, {"search": {"only": "title", "exclude": True}}) == page


def test_search_marks_a_record_page_inside_its_content_element_only() -> None:
    page = f"<html><body><nav><h1>Menu</h1></nav>{CONTENT}{RECORD}</article></body></html>"
    marked = mark_for_search(page, BOOSTED)
    assert marked == page.replace(RECORD, mark_record_parts(RECORD, "2", "10"))
    assert mark_for_search(page.replace(CONTENT, "<article>"), BOOSTED) == page.replace(
        CONTENT, "<article>"
    )


def test_search_leaves_out_what_lists_other_records_on_a_page_indexed_whole() -> None:
    rows = "<tr><td>4 March 2019</td><td><a href='../incidents/x/'>Invented siege</a></td></tr>"
    items = (
        '<ul><li>Cape: 2 incidents here<ul><li><a href="../incidents/x/">Invented siege</a>, 4'
        ' March</li></ul></li><li><a href="../methodology/">Methodology</a></li></ul>'
    )
    content = (
        f"<h1>T</h1><p>x</p><table>{rows}</table><h2>S</h2><table class='t'>{rows}</table>{items}"
    )
    page = f"<html><body><table>{rows}</table>{CONTENT}{content}</article><table></table>"
    marked = mark_for_search(page, {})
    assert marked == (
        f"<html><body><table>{rows}</table>{CONTENT[:-1]} data-pagefind-body>"
        f"<h1>T</h1><p>x</p><table data-pagefind-ignore>{rows}</table><h2>S</h2>"
        f"<table data-pagefind-ignore class='t'>{rows}</table>"
        + items.replace(
            '<ul><li><a href="../incidents', '<ul><li data-pagefind-ignore><a href="../incidents'
        )
        + "</article><table></table>"
    )
    # A record page's own tables keep the parts it marks; a title-only page is only its title.
    assert "data-pagefind-ignore" not in mark_for_search(f"{CONTENT}{RECORD}</article>", BOOSTED)
    title_only = mark_for_search(f"{CONTENT}{content}</article>", {"search": {"only": "title"}})
    assert "data-pagefind-ignore" not in title_only
    # The data page's tables describe the files and their columns: they are its text.
    data = mark_for_search(f"{CONTENT}{content}</article>", {"search": {"tables": True}})
    assert data == f"{CONTENT[:-1]} data-pagefind-body>{content}</article>"


def test_search_leaves_an_excluded_page_unmarked() -> None:
    assert mark_for_search(PAGE, {"search": {"exclude": True}}) == PAGE


def test_search_plugin_marks_each_page_from_its_front_matter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(SEARCH_DOCUMENTS, raising=False)  # as in the live preview
    config = {"extra": {}}
    incident = SimpleNamespace(meta={"search": {"boost": 2}})
    listing = SimpleNamespace(meta={"search": {"exclude": True}})
    bare = SimpleNamespace(meta=None)
    assert '<h1 data-pagefind-body data-pagefind-weight="10">T</h1><p>x</p>' in on_post_page(
        PAGE, incident, config
    )
    assert on_post_page(PAGE, listing, config) == PAGE
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in on_post_page(
        PAGE, bare, config
    )


THEMED = (
    '<!doctype html>\n<html lang="kk" class="no-js">\n<head>\n<meta charset="utf-8">\n'
    "<title>Invented siege &amp; more - Record</title>\n</head>\n<body>\n"
    f"<nav><h1>Menu</h1></nav>\n<main>{CONTENT}{RECORD}</article></main>\n"
    "<footer>Made with</footer>\n</body>\n</html>\n"
)
"""A finished incident page as the theme lays it out, with header and footer (test data)."""


def test_search_document_is_the_pages_language_title_and_marked_parts() -> None:
    parts = "\n".join(
        [
            '<h1 id="t" data-pagefind-body data-pagefind-weight="10">Invented siege</h1>',
            f"<td {WEIGHTED}>4 March 2019</td>",
            f"<p {WEIGHTED}>A lighthouse keeper &lt;b&gt;held&lt;/b&gt; out.</p>",
            f"<ul {WEIGHTED}><li>Phare (fr)</li></ul>",
            f"<strong {WEIGHTED}>Ann Example</strong>",
            f"<strong {WEIGHTED}>Bo Parley</strong>",
            f"<td {WEIGHTED}>Cape, Exampleland</td>",
            f"<strong {WEIGHTED}>Example Gazette</strong>",
        ]
    )
    assert search_document(THEMED, BOOSTED) == (
        '<!doctype html>\n<html lang="kk" class="no-js">\n'
        '<head><meta charset="utf-8"><title>Invented siege &amp; more - Record</title></head>\n'
        f"<body>\n{parts}\n</body>\n</html>\n"
    )
    # A page indexed whole is its content element whole; one found by its title, its title.
    whole = search_document(THEMED, {})
    assert whole is not None
    content = f"{CONTENT[:-1]} data-pagefind-body>{RECORD}</article>"
    assert f"<body>\n{content.replace('<table>', '<table data-pagefind-ignore>')}\n</body>" in whole
    title = search_document(THEMED, {"search": {"only": "title"}})
    assert title is not None
    assert '<body>\n<h1 data-pagefind-body id="t">Invented siege</h1>\n</body>' in title
    assert search_document(THEMED, {"search": {"exclude": True}}) is None
    assert search_document(THEMED.replace(CONTENT, "<article>"), {}) is None


def test_search_document_takes_only_elements_that_carry_the_mark() -> None:
    # The mark's words in a link's address are not a mark; nested elements come whole.
    content = (
        '<p><a href="https://example.org/?data-pagefind-body">x</a></p>'
        "<ul data-pagefind-body><li><ul><li>a</li></ul></li><li>b<br></li></ul><p>after</p>"
        "<h1 data-pagefind-body>T</h1>"
    )
    assert indexed_parts(content) == (
        "<ul data-pagefind-body><li><ul><li>a</li></ul></li><li>b<br></li></ul>\n"
        "<h1 data-pagefind-body>T</h1>"
    )


def test_search_plugin_writes_each_pages_document_apart_and_leaves_the_page_unmarked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SEARCH_DOCUMENTS, str(tmp_path))
    config = {"extra": {}}
    incident = SimpleNamespace(
        meta={"search": {"boost": 2}}, file=SimpleNamespace(dest_uri="incidents/x/index.html")
    )
    draft = SimpleNamespace(
        meta={"search": {"exclude": True}}, file=SimpleNamespace(dest_uri="incidents/y/index.html")
    )
    page = on_post_page(THEMED, incident, config)
    assert "pagefind" not in page
    assert page == on_post_page(THEMED, draft, config)
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.html"))
    assert written == ["incidents/x/index.html"]
    document = (tmp_path / written[0]).read_text(encoding="utf-8")
    assert document == search_document(page, BOOSTED)


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
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where ``site`` keeps a copy of the search documents Pagefind read."""
    return tmp_path_factory.mktemp("documents")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, documents: Path) -> Built:
    """The fixture corpus, built into a whole site once, its search documents kept.

    The build removes them once Pagefind has read them.
    """
    index = publish.index_site

    def keeping(site: Path, where: str, read: Path | None = None) -> None:
        assert read is not None
        shutil.copytree(read, documents, dirs_exist_ok=True)
        index(site, where, read)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(publish, "index_site", keeping)
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
    for name in (ENTRY, "pagefind.js", "pagefind-worker.js", "pagefind-highlight.js"):
        assert (bundle / name).is_file(), name
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    assert entry["version"] == "1.5.2"
    assert entry["languages"]["en"]["page_count"] == len(fragments(site.site))


CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)
"""The theme's settings for its script, on every page."""
ASSETS = re.compile(r'<(?:script src|link rel="stylesheet" href)="([^"]+)"')
"""The address of every script and stylesheet a page loads."""


@pytest.mark.slow
def test_search_pages_load_the_box_and_nothing_of_pagefind(site: Built) -> None:
    texts = {page: page.read_text(encoding="utf-8") for page in site.site.rglob("*.html")}
    # The theme's pages; the standalone report (report/report.html) has no search box.
    pages = {page: text for page, text in texts.items() if 'id="__config"' in text}
    assert sorted(texts.keys() - pages.keys()) == [site.site / "report" / "report.html"]
    for page, text in pages.items():
        depth = len(page.relative_to(site.site).parts) - 1
        # Without SITE_URL, MkDocs gives the 404 page (served at any depth) addresses from /.
        up = "/" if page.name == "404.html" else "../" * depth
        loaded = ASSETS.findall(text)
        assert f"{up}assets/search.js" in loaded, page
        assert f"{up}assets/search.css" in loaded, page
        assert [path for path in loaded if "pagefind" in path] == [], page
        # The theme's settings name only what its script reads on this site.
        config = json.loads(CONFIG.findall(text)[0])
        assert config == {
            "base": up.rstrip("/") or ("/" if up else "."),
            "features": ["navigation.tabs", "navigation.top", "navigation.footer", "toc.follow"],
            "translations": {},
        }, page


@pytest.mark.slow
def test_search_indexes_published_incidents_weighted_and_listings_without_tables(
    site: Built, documents: Path
) -> None:
    indexed = fragments(site.site)
    published = {i.id for i in site.dataset.incidents if i.status == "published"}
    assert published == PUBLISHED
    # The published pages carry no marks: Pagefind read a search document for each.
    for page in site.site.rglob("*.html"):
        assert marks(page) == [], page
    for incident in site.dataset.incidents:
        url = f"/incidents/{incident.id}/"
        document = documents / url.strip("/") / "index.html"
        if incident.id not in published:
            assert not document.exists(), url
            assert url not in indexed
            continue
        assert url in indexed
        found = marks(document)
        assert found[:2] == ["data-pagefind-body", 'data-pagefind-weight="10"'], url  # the title
        parts = found[2:]
        assert parts == ["data-pagefind-body", 'data-pagefind-weight="2"'] * (len(parts) // 2)
    for path in LISTING_PAGES:
        document = documents / path / "index.html"
        tables = document.read_text(encoding="utf-8").count("<table")
        assert tables > 0, path
        assert marks(document) == ["data-pagefind-body"] + ["data-pagefind-ignore"] * tables, path
        assert f"/{path}" in indexed
    for path in GROUP_PAGES:
        assert not (documents / path / "index.html").exists(), path
        assert f"/{path}" not in indexed
    assert marks(documents / "index.html")[0] == "data-pagefind-body"
    assert "/" in indexed
    assert marks(documents / "sources/example-gazette/index.html") == ["data-pagefind-body"]
    gazette = indexed["/sources/example-gazette/"]
    assert (gazette["meta"]["title"], gazette["content"]) == ("Example Gazette", "Example Gazette.")
    assert not (documents / "404.html").exists()
    siege = indexed["/incidents/2019-03-04-exampleton-bank-siege/"]
    title = "Bank siege in Exampleton <script>alert(1)</script>"
    assert siege["meta"]["title"].startswith(title)
    assert siege["content"].startswith(title)  # the content alone: no header or navigation
    assert "¶" not in siege["content"]
    assert "[1]" not in siege["content"]


def hits(site: Path, word: str) -> set[str]:
    """The URLs of the pages whose index holds ``word``, read from the index itself.

    The index holds each word's stem (English): a word matches one it begins, or its stem, a
    word that begins it and has most of its letters.
    """
    bundle = site / BUNDLE
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    meta = read_pagefind(bundle / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
    chunks = [read_pagefind(path) for path in sorted((bundle / "index").iterdir())]
    urls = {}
    for path in (bundle / "fragment").iterdir():
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        urls[path.name.removesuffix(".pf_fragment")] = data["url"]
    found: set[str] = set()
    for chunk in chunks:
        for stem, pages, *_ in chunk[0]:
            if stem.startswith(word) or (word.startswith(stem) and len(stem) >= 0.6 * len(word)):
                numbers = itertools.accumulate(page[0] for page in pages)
                found |= {urls[meta[1][number][0]] for number in numbers}
    return found


SIEGE = "/incidents/2019-03-04-exampleton-bank-siege/"


@pytest.mark.slow
def test_search_finds_a_publisher_by_its_name_and_no_page_by_a_sources_details(
    site: Built,
) -> None:
    # Not the report either: its tables name the sources, and they are not indexed.
    assert hits(site.site, "gazette") == {SIEGE, "/sources/example-gazette/"}
    for word in ("toll", "writer"):  # a headline and an author, on both pages
        found = hits(site.site, word)
        assert {url for url in found if url.startswith(("/incidents/", "/sources/"))} == set()


SHOOT_OUT = "/incidents/2020-07-15-sampleville-shoot-out/"


@pytest.mark.slow
def test_search_finds_an_incident_by_its_title_and_no_table_of_another_page(site: Built) -> None:
    # Its title is in the tables of the home page, the report and every listing; the siege
    # took place in Sampleville too.
    assert hits(site.site, "sampleville") == {SHOOT_OUT, SIEGE}
    assert hits(site.site, "timeline") == {"/", "/timeline/"}
    for url, fragment in fragments(site.site).items():
        if url != SHOOT_OUT:
            assert "Shoot-out in Sampleville" not in fragment["content"], url
        # A table indexed whole runs its header cells together.
        assert "DateIncident" not in fragment["content"].replace(" ", ""), url


@pytest.mark.slow
@pytest.mark.parametrize(
    ("word", "found"),
    [
        # What readers search for: title, summary, infobox values, other names, places,
        # officials and labels, publishers.
        ("siege", {SIEGE}),
        ("lighthouse", set()),
        ("checkpoint", {SIEGE}),  # the summary
        ("rifle", {SIEGE}),  # the perpetrators, in the infobox
        ("hostage", {SIEGE}),  # the type, in the infobox
        ("экзамплтоне", {SIEGE}),  # another name
        ("street", {SIEGE}),  # a place in full: "1 Main Street"
        ("gazette", {SIEGE}),  # a source's publisher
        ("ivan", {SIEGE}),  # an official's name
        ("terrorism", {SIEGE}),  # a label given
        # What they do not: claim tables, their notes, quotes, source details, boilerplate.
        ("unquantified", set()),  # a figure claim's note
        ("live", set()),  # a date claim's note
        ("died", set()),  # a figure claim's quote
        ("later", set()),  # a label's note
        ("onerror", set()),  # a label's quote
        ("operation", set()),  # what an official did
        ("reliability", set()),  # every source's details
        ("glance", set()),  # the infobox's header
        # Drafts and withdrawn records are not found, not even by their titles.
        ("arson", set()),
        ("explosion", set()),
    ],
)
def test_search_finds_a_page_by_the_words_readers_search_for_only(
    site: Built, word: str, found: set[str]
) -> None:
    assert hits(site.site, word) & {f"/incidents/{i.id}/" for i in site.dataset.incidents} == (
        found
    )


@pytest.mark.slow
def test_search_index_is_the_same_bytes_each_time(
    site: Built, documents: Path, tmp_path: Path
) -> None:
    again = tmp_path / "site"
    again.mkdir()
    index_site(again, "mkdocs.yml", documents)
    built = sorted(p.relative_to(site.site) for p in (site.site / BUNDLE).rglob("*"))
    assert sorted(p.relative_to(again) for p in (again / BUNDLE).rglob("*")) == built
    for path in built:
        if (site.site / path).is_file():
            assert (again / path).read_bytes() == (site.site / path).read_bytes(), path


@pytest.mark.slow
def test_search_index_of_the_documents_is_the_index_of_the_pages_marked_in_place(
    site: Built, tmp_path: Path
) -> None:
    # The live preview marks its pages in place; the build indexes documents of their parts.
    marked = tmp_path / "marked"
    for markdown in site.settings.docs_dir.rglob("*.md"):
        relative = markdown.relative_to(site.settings.docs_dir).with_suffix("")
        if relative.name != "index":
            relative = relative / "index"
        page = site.site / relative.with_suffix(".html")
        text = markdown.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---\n")[1]) if text.startswith("---\n") else {}
        target = marked / page.relative_to(site.site)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(mark_for_search(page.read_text(encoding="utf-8"), meta), "utf-8")
    index_site(marked, "mkdocs.yml")
    built = sorted(p.relative_to(site.site) for p in (site.site / BUNDLE).rglob("*"))
    assert sorted(p.relative_to(marked) for p in (marked / BUNDLE).rglob("*")) == built
    for path in built:
        if (site.site / path).is_file():
            assert (marked / path).read_bytes() == (site.site / path).read_bytes(), path


SVG_ICON = '<span class="md-icon"><svg viewBox="0 0 24 24"><path d="M3 6h18v2H3z"/></svg></span>'
"""An icon as the theme writes some into a page's content (an edit button, say): SVG elements
that close themselves."""


def test_search_document_of_a_page_with_the_themes_inline_icons_keeps_its_text() -> None:
    page = THEMED.replace(CONTENT, CONTENT + SVG_ICON)
    whole = search_document(page, {})
    assert whole is not None
    assert "Invented siege" in whole
    assert "Example Gazette" in whole
    record = search_document(page, BOOSTED)
    assert record is not None
    assert '<h1 id="t" data-pagefind-body data-pagefind-weight="10">Invented siege</h1>' in record
    assert f"<strong {WEIGHTED}>Example Gazette</strong>" in record
    # An element left open (not the sanitizer's output) is taken to the end, not dropped.
    assert indexed_parts("<p>x</p><div data-pagefind-body><p>kept") == (
        "<div data-pagefind-body><p>kept"
    )


def test_search_reads_the_pages_themselves_when_mkdocs_wrote_no_document(
    tmp_path: Path,
) -> None:
    assert publish._holding_pages(tmp_path) is None  # no plugin, or no content element found
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<h1 data-pagefind-body>A</h1>", "utf-8")
    assert publish._holding_pages(tmp_path) == tmp_path


def test_search_documents_of_the_last_build_are_set_aside_and_removed(tmp_path: Path) -> None:
    site, folder = tmp_path / "site", tmp_path / "search"
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "index.html").write_text("<h1 data-pagefind-body>A</h1>", "utf-8")
    clearing = publish.set_aside(folder, site)
    assert clearing is not None
    assert not folder.exists()  # at once: MkDocs writes the new documents there
    clearing.join()
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # removed, nothing left aside
    assert publish.set_aside(folder, site) is None
    # Whatever else stands in its place is no folder of documents: it goes, and nothing else.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    folder.symlink_to(elsewhere)
    assert publish.set_aside(folder, site) is None
    assert not folder.is_symlink()
    assert elsewhere.is_dir()
    folder.write_text("a file", "utf-8")
    assert publish.set_aside(folder, site) is None
    assert not folder.exists()


@pytest.mark.slow
def test_search_indexes_a_site_built_without_the_projects_plugin(tmp_path: Path) -> None:
    settings = prepare_root(tmp_path)
    mkdocs_yml = settings.mkdocs_yml.read_text(encoding="utf-8")
    assert "  - incident-record\n" in mkdocs_yml
    settings.mkdocs_yml.write_text(mkdocs_yml.replace("  - incident-record\n", ""), "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPO_URL", REPO_URL)
        build_site(settings)
    entry = json.loads((settings.site_dir / BUNDLE / ENTRY).read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] > 0
    assert list(tmp_path.glob("build/.site-*")) == []
    assert list((tmp_path / "build" / "search").iterdir()) == []  # the plugin wrote none


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


# --- The benchmark's index of page text -----------------------------------------------------


@pytest.mark.slow
def test_search_benchmarks_page_text_index_holds_the_words_the_site_index_does(
    site: Built, tmp_path: Path
) -> None:
    assert index_page_text(site.settings.docs_dir, tmp_path / BUNDLE) == 2  # published only
    measured = {url: page["content"] for url, page in fragments(tmp_path).items()}
    indexed = fragments(site.site)
    assert measured.keys() == {f"/incidents/{i}/" for i in PUBLISHED}
    for url, content in measured.items():
        # The site's text is its HTML's; the benchmark's, its Markdown's without marks.
        assert words(content) == words(indexed[url]["content"]), url


def words(text: str) -> list[str]:
    """The words of an indexed text, as Pagefind splits them."""
    return re.findall(r"\w+", text.lower())


def test_search_marks_read_tags_whole_when_an_address_holds_angle_brackets() -> None:
    # The sanitizer writes "<" and ">" as they are inside an attribute's double quotes.
    odd = "https://example.org/a?q=<td>x</td>"
    record = RECORD.replace("https://example.org/a", odd)
    expected = mark_record_parts(RECORD, "2", "10").replace("https://example.org/a", odd)
    assert mark_record_parts(record, "2", "10") == expected
    assert mark_record_parts(record.replace("<h2 id=", "<!-- <td> --><h2 id="), "2", "10") == (
        expected.replace("<h2 id=", "<!-- <td> --><h2 id=")
    )


@pytest.mark.parametrize(
    "record",
    [
        RECORD,
        RECORD.replace(" out.</p>", " out."),  # the summary left open, to its section's end
        RECORD.replace(  # a marked element within a marked element: taken with it
            "<li>Phare (fr)</li>",
            '<li><div class="infobox"><table><tr><td>A</td><td>B</td></tr></table></div></li>',
        ),
        RECORD.replace("<h1 id=", "<h2 id=x></h2><h1 id="),  # no lead before the first h2
        RECORD.replace(
            "<td>4 March 2019</td>", "<td><table><tr><td>a</td><td>b</td></tr></table></td>"
        ),
        # A row of a table in the value cell ends before the cell: the cell takes the mark.
        RECORD.replace("<td>4 March 2019</td>", "<td>V<table><tr><td>x</td></tr></table></td>"),
        RECORD.replace(
            "<td>4 March 2019</td>",
            "<td>V<table><tr><td>c</td></tr><tr><td>a</td><td>b</td></tr></table></td>",
        ),
        '<div class="infobox"><table><tr><td>L</td><td>X</td><td><table><tr><td>q</td>'
        "<td>R<table><tr><td>s</td></tr></table></td></tr></table></td></tr></table></div>",
        # A source entry left open at the content's end keeps what follows its publisher.
        '<h2 id="sources"></h2><h1><li class="source-entry"><strong>P</strong>',
        RECORD.replace('<h1 id="t">Invented siege</h1>', '<h1 id="t"/>Invented siege'),
        RECORD.replace("https://example.org/a", "https://example.org/a?q=<td>x</td>"),
        "",
    ],
)
def test_search_document_parts_are_the_elements_the_marks_make_whole(record: str) -> None:
    # The document's parts come from where the scan found them, not from a second reading of
    # the marked page; both must give the same elements, marks and all.
    sections = re.split(r"(?=<h2[\s>])", record)
    read_again = "\n".join(
        parts
        for index, piece in enumerate(sections)
        if (index == 0 or re.match(r'<h2 id="(names|places|sources|people|hostage-taking)"', piece))
        and (parts := indexed_parts(mark_record_parts(piece, "2", "10")))
    )
    assert record_parts(record, "2", "10") == read_again


def test_search_document_takes_a_value_cell_whole_when_a_row_within_it_ends_first() -> None:
    record = RECORD.replace("<td>4 March 2019</td>", "<td>V<table><tr><td>x</td></tr></table></td>")
    assert f"<td {WEIGHTED}>V<table><tr><td>x</td></tr></table></td>" in record_parts(
        record, "2", "10"
    ).split("\n")
