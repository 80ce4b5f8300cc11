"""Every source tells itself apart: no built list of sources shows two entries that read alike.

Run on the fixture corpus (whose invented Example Herald has two untitled reports of one day)
and on the real content/: incident pages, the sources index, publisher pages and the report's
source list.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from generator.build.pipeline import generate_files
from generator.content.validate import check_content
from generator.core.settings import ROOT
from generator.model import Source
from generator.text.source_names import (
    SourceLabel,
    address_path,
    missing_parts,
    source_labels,
    source_name,
)
from tests.conftest import make_settings, today_for
from tests.golden import FIXTURE_CONTENT

Files = dict[str, str | bytes]


def _source(sid: str, **fields: object) -> Source:
    """An invented source for a unit test; the publisher and URLs are fictional."""
    base: dict[str, object] = {"publisher": "Example Wire", "publisher_type": "wire"}
    base["language"] = "en"
    return Source.model_validate({**base, **fields}).model_copy(update={"id": sid})


@pytest.fixture(scope="module", params=["fixtures", "real"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Files:
    """Every page generated from one corpus (the invented fixtures, then the real content)."""
    content = FIXTURE_CONTENT if request.param == "fixtures" else ROOT / "content"
    root = tmp_path_factory.mktemp(request.param)
    shutil.copytree(content, root / "content")
    settings = make_settings(root, today=today_for(content))
    dataset, problems = check_content(settings)
    assert not [p for p in problems if p.level == "error"]
    return generate_files(dataset, settings)


SOURCES_HEADING = '<h2 id="sources">Sources</h2>'
"""An incident page's source list starts here."""


def _visible(markdown: str) -> str:
    """What a reader sees of a Markdown or HTML line: link text, no escapes, tags or attrs."""
    if markdown.startswith("<"):
        return " ".join(html.unescape(re.sub(r"<[^>]*>", "", markdown)).split()).casefold()
    text = re.sub(r"\{ #[^}]*\}", "", markdown)
    text = re.sub(r"^(#+|1\.) ", "", text).replace("**", "")
    text = re.sub(r"\[([^\]]*(?:\\\][^\]]*)*)\]\([^)\s]*\)", r"\1", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return " ".join(text.split()).casefold()


def _text(files: Files, path: str) -> str:
    value = files[path]
    assert not isinstance(value, bytes)
    return str(value)


def built_lists(files: Files) -> dict[str, list[str]]:
    """Every list of sources in the built Markdown, by where it is, as a reader sees each entry.

    An entry is what names a source before its details: the first line of an incident page's
    entry, a publisher page's heading, a publisher row of the index, the report list's name.
    """
    lists: dict[str, list[str]] = {}
    for path in sorted(files):
        if not path.endswith(".md") or isinstance(files[path], bytes):
            continue
        text = _text(files, path)
        if path.startswith("incidents/") and SOURCES_HEADING in text:
            section = text.split(SOURCES_HEADING, 1)[1].split("\n<h2 ", 1)[0]
            entries = [line.split("<br>")[0] for line in section.splitlines()]
            lists[path] = [_visible(e) for e in entries if e.startswith("<li ")]
        elif path == "sources/index.md":
            rows = [line for line in text.splitlines() if line.startswith("<tr><td><a ")]
            lists[path] = [_visible(row.split("</td>")[0]) for row in rows]
        elif path.startswith("sources/"):
            headings = [line for line in text.splitlines() if line.startswith("<h2 ")]
            lists[path] = [_visible(line) for line in headings]
        elif path == "report/index.md":
            rows = [line for line in text.splitlines() if line.startswith('| <span id="source-')]
            lists[path] = [_visible(row.split(" | ")[1].split("<br>")[0]) for row in rows]
    return lists


def test_no_two_entries_of_a_built_source_list_read_the_same(built: Files) -> None:
    lists = built_lists(built)
    assert any(path.startswith("incidents/") for path in lists)
    assert any(path.startswith("sources/") and path != "sources/index.md" for path in lists)
    assert lists["sources/index.md"]
    assert lists["report/index.md"]
    for path, entries in lists.items():
        assert entries, path
        alike = [entry for entry, count in Counter(entries).items() if count > 1]
        assert not alike, f"{path}: {alike}"


def test_the_fixture_lists_tell_two_untitled_reports_of_one_day_apart(built: Files) -> None:
    lists = built_lists(built)
    if "sources/example-herald.md" not in lists:
        pytest.skip("the real content has no Example Herald")
    assert lists["sources/example-herald.md"] == [
        "report of 16 july 2020 (address /herald/2020/07/16/courtyard-first-report)",
        "report of 16 july 2020 (address /herald/2020/07/16/courtyard-second-report)",
        "`shoot-out` in {{ sampleville }}",
    ]
    page = _text(built, "incidents/2020-07-15-sampleville-shoot-out.md")
    assert lists["incidents/2020-07-15-sampleville-shoot-out.md"][-1] == (
        "example radio: report, date unknown (no address recorded)."
    )
    assert "No copy of this report was found. Language: Kazakh." in page
    siege = _text(built, "incidents/2019-03-04-exampleton-bank-siege.md")
    assert "(in English: “Statement on the events in Exampleton”, a translation).<br>" in siege


def test_the_report_prints_each_address_in_full(built: Files) -> None:
    report = _text(built, "report/index.md")
    rows = [line for line in report.splitlines() if line.startswith('| <span id="source-')]
    assert rows
    for row in rows:
        links = re.findall(r"\[([^\]]*)\]\(([^)\s]*)\)", row.split(" | ")[1])
        assert all(re.sub(r"\\(.)", r"\1", text) != "report" for text, _ in links)
        assert "Address: [" in row or "No address recorded" in row, row


def test_untitled_reports_of_one_publisher_and_day_are_told_apart_by_address() -> None:
    day = "2016-06-06"
    one = _source("example-wire-2016-06-06-a", url="https://example.org/a/one", published=day)
    two = _source("example-wire-2016-06-06-b", url="https://example.org/b/two", published=day)
    labels = source_labels([one, two])
    assert labels == {
        one.id: SourceLabel("Report of 6 June 2016", False, "address /a/one"),
        two.id: SourceLabel("Report of 6 June 2016", False, "address /b/two"),
    }


def test_same_headline_is_told_apart_by_date_then_by_id() -> None:
    early = _source("example-wire-2016-06-05-x", title="Update", published="2016-06-05")
    late = _source("example-wire-2016-06-06-x", title="Update", published="2016-06-06")
    assert [label.full for label in source_labels([early, late]).values()] == [
        "Update (published 5 June 2016)",
        "Update (published 6 June 2016)",
    ]
    bare = _source("example-wire-2016-y", title="Update", notes="No address.")
    same = _source("example-wire-2016-z", title="Update", notes="No address.")
    assert [label.extra for label in source_labels([bare, same]).values()] == [
        "source example-wire-2016-y",
        "source example-wire-2016-z",
    ]


def test_a_source_alone_in_its_list_is_named_without_extras() -> None:
    source = _source("example-wire-2016-q", url="https://example.org/q", published="2016-06-06")
    assert source_labels([source]) == {source.id: SourceLabel("Report of 6 June 2016", False)}
    assert address_path(source) == "/q"


def test_missing_parts_say_no_copy_was_found_instead_of_not_recorded() -> None:
    lost = _source("example-wire-2016-lost", copy_found=False, notes="Never found.")
    assert missing_parts(lost) == "No copy of this report was found."
    unread = _source("example-wire-2016-unread", url="https://example.org/u")
    assert missing_parts(unread) == "Headline not recorded.", "its name says the date is not"
    assert missing_parts(unread, date=False) == "Headline not recorded."
    titled = _source("example-wire-2016-t", url="https://example.org/t", title="Update")
    assert missing_parts(titled) == "Publication date not recorded."
    day = dt.date(2016, 1, 2)
    dated = _source("example-wire-2016-d", url="https://example.org/d", published=day)
    assert missing_parts(dated) == "Headline not recorded."
    read = _source("example-wire-2016-r", url="https://example.org/r", copy_found=True)
    assert missing_parts(read) == "The copy read shows no headline."


def test_the_fixture_sources_are_invented() -> None:
    for path in Path(FIXTURE_CONTENT, "sources").glob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith("# Fictional test data"), path


def test_a_source_without_a_headline_is_named_by_what_is_known_of_its_date() -> None:
    names = [
        source_name(_source("example-wire-2016-a", title="Update", published="2016-06-06")),
        source_name(
            _source("example-wire-2016-b", url="https://example.org/b", published="2016-06-06")
        ),
        source_name(_source("example-wire-2016-c", url="https://example.org/c")),
        source_name(_source("example-wire-2016-d", copy_found=False, notes="Not found.")),
    ]
    assert names == [
        "Update",
        "Report of 6 June 2016",
        "Report, date not recorded",
        "Report, date unknown",
    ]
