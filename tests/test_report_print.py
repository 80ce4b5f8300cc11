"""The printed report of the real content, read back from the PDF as a reader sees it.

Each line of text that the PDF lays out is checked: no word of the records is split over two
lines without a hyphen, no date is split, the PDF is tagged for screen readers, and every
cited source is printed with its address, so that a paper copy can be followed up.
"""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from pypdf import PdfReader

from generator.content.validate import check_content
from generator.core.settings import ROOT
from generator.model import Dataset
from generator.report.compare import compare
from generator.report.document import Report, Selection, render_report
from tests.conftest import CONTENT_TODAY, make_settings

pytestmark = pytest.mark.slow

HYPHEN = "\u2010"
"""The hyphen WeasyPrint writes where it breaks a word at a syllable."""
PUNCTUATION = "()[],;:.“”\"'‘’«»!?*"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


@pytest.fixture(scope="module")
def built() -> tuple[Dataset, Report]:
    """The real content and its whole report, rendered once for the module."""
    settings = make_settings(ROOT, today=CONTENT_TODAY)
    dataset, problems = check_content(settings)
    assert problems == []
    return dataset, render_report(dataset, settings, Selection())


@pytest.fixture(scope="module")
def lines(built: tuple[Dataset, Report]) -> list[str]:
    """Every line of text in the PDF, page by page, in the order it is drawn."""
    reader = PdfReader(io.BytesIO(built[1].pdf))
    return [line for page in reader.pages for line in page.extract_text().splitlines()]


def _words(html: str) -> set[str]:
    """The whitespace-separated words of the report's text, without surrounding punctuation."""
    text = unescape(re.sub(r"<[^>]+>", " ", html.split("<main>", 1)[1]))
    return {word.strip(PUNCTUATION) for word in text.split()} - {""}


def _splits(lines: list[str], words: set[str]) -> list[str]:
    """Pairs of lines where a word of the text was broken between them without a hyphen."""
    found = []
    for line, following in zip(lines, lines[1:], strict=False):
        if not line.split() or not following.split():
            continue
        head, tail = line.split()[-1].lstrip(PUNCTUATION), following.split()[0]
        joined = (head + tail).strip(PUNCTUATION)
        # A break after a hyphen shows the hyphen: one WeasyPrint added, or the word's own.
        if head.endswith((HYPHEN, "-")) or "/" in joined:
            continue
        if not head.strip(PUNCTUATION) or head.strip(PUNCTUATION) in words:
            continue
        if joined in words:
            found.append(f"{line!r} / {following!r}")
    return found


def test_split_words_are_found_in_invented_lines() -> None:
    # Invented lines: a date and a name split anywhere, one hyphenated, one at a space.
    words = {"2011-05-17", "Aktobe", "regional", "in"}
    lines = ["bombing 2011-05-1", "7 at the re\u2010", "gional office in Ak", "tobe", "in Aktobe"]
    assert _splits(lines, words) == [
        "'bombing 2011-05-1' / '7 at the re\u2010'",
        "'gional office in Ak' / 'tobe'",
    ]


def test_no_word_of_the_records_is_broken_without_a_hyphen(
    built: tuple[Dataset, Report], lines: list[str]
) -> None:
    words = _words(built[1].html)
    assert len(words) > 1000
    assert _splits(lines, words) == []


def test_every_date_is_printed_whole(built: tuple[Dataset, Report], lines: list[str]) -> None:
    # A row may start with a title that starts with a month ("January 2022 unrest ...").
    titles = tuple(" ".join(incident.title.split()) for incident in built[0].published)
    broken = []
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        titled = following.startswith(titles)
        last = line.rstrip().rsplit(" ", 1)[-1]
        if re.fullmatch(r"\(?\d{4}-(\d{1,2}(-\d?)?)?", last):
            broken.append(line)
        if re.search(rf"\b\d{{1,2}} ({MONTHS})$", line) and re.match(r"\d{4}\b", following):
            broken.append(line)
        dated = re.match(rf"({MONTHS}) \d{{4}}\b", following)
        if re.search(r"\b\d{1,2}$", line) and dated and not titled:
            broken.append(line)
    assert broken == []
    assert any(re.search(r"\b2016-06-05\b", line) for line in lines)


def test_report_pdf_is_tagged(built: tuple[Dataset, Report]) -> None:
    catalog = PdfReader(io.BytesIO(built[1].pdf)).trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"]), "pdfinfo says 'Tagged: yes'"
    assert "/StructTreeRoot" in catalog


def test_every_cited_source_is_printed_with_its_address_date_and_headline(
    built: tuple[Dataset, Report], lines: list[str]
) -> None:
    dataset, _ = built
    comparison = compare(dataset.published, dataset.vocabulary, dataset.sources)
    start = max(i for i, line in enumerate(lines) if line.strip() == "Sources")
    printed = re.sub(r"\s+", "", "".join(lines[start:]))
    assert comparison.sources, "the report cites sources"
    for entry in comparison.sources:
        source = entry.source
        # Text in a right-to-left script comes out of the PDF reordered: its part before is checked.
        address = re.match(r"[!-~]+", source.url or "No")
        assert address is not None, source.id
        assert address.group(0) in printed, source.id
        if source.url is None:
            assert "Noaddressrecorded" in printed
        if source.published is not None:
            assert source.published.isoformat()[:10] in printed, source.id
        if source.title:
            assert re.sub(r"\s+", "", source.title)[:40] in printed.replace(HYPHEN, ""), source.id
