"""The report's outputs: PDF and HTML made from one Markdown, self-contained and consistent."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from generator.build.report_files import build_report
from generator.cli import cli
from generator.content.validate import check_content
from generator.core.settings import ROOT, Settings
from generator.model import Dataset
from generator.report.document import Report, Selection, render_report, report_pages
from generator.site.index_pages import render_pages
from generator.text.figures import estimate_text
from generator.text.filters import PUBLISHER_TYPE_LABELS
from generator.text.markdown import html_text
from tests.conftest import FIXTURES, make_settings

pytestmark = pytest.mark.slow

CORPUS = FIXTURES / "report" / "content"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Dataset]:
    """Settings rooted in a copy of the report fixture corpus, and its dataset."""
    root = tmp_path_factory.mktemp("report")
    shutil.copytree(CORPUS, root / "content")
    settings = make_settings(root)
    dataset, problems = check_content(settings)
    assert problems == []
    return settings, dataset


@pytest.fixture(scope="module")
def built(corpus: tuple[Settings, Dataset]) -> tuple[Path, Report]:
    """The full report written by ``build_report`` (once per module), and the same rendered."""
    settings, dataset = corpus
    out = settings.root / "out"
    summary = build_report(settings, Selection(), out)
    assert summary == f"wrote report.html and report.pdf (4 incidents) into {out}"
    return out, render_report(dataset, settings, Selection())


def _squash(text: str) -> str:
    """Text without whitespace, so that words wrapped in table cells still match."""
    return re.sub(r"\s+", "", text)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _best_displays(dataset: Dataset) -> set[str]:
    return {
        figure.estimate.display
        for incident in dataset.published
        for figure in incident.figures
        if figure.estimate is not None
    }


def test_report_writes_html_and_pdf_equal_to_rendered(built: tuple[Path, Report]) -> None:
    out, report = built
    assert (out / "report.html").read_text(encoding="utf-8") == report.html
    assert (out / "report.pdf").read_bytes() == report.pdf


def test_report_pdf_has_every_title_and_best_figure(
    built: tuple[Path, Report], corpus: tuple[Settings, Dataset]
) -> None:
    text = _squash(_pdf_text(built[0] / "report.pdf"))
    for incident in corpus[1].published:
        assert _squash(incident.title) in text
    for display in _best_displays(corpus[1]):
        assert _squash(display) in text
    assert "Exampledraftarson" not in text


def test_report_html_has_every_title_and_best_figure(
    built: tuple[Path, Report], corpus: tuple[Settings, Dataset]
) -> None:
    html = built[1].html
    for incident in corpus[1].published:
        assert incident.title in html
    for display in _best_displays(corpus[1]):
        assert f"{display}" in html
    assert "Example draft arson" not in html


class _Cells(HTMLParser):
    """The rows of the first table after a heading, as cell texts."""

    def __init__(self, heading: str) -> None:
        super().__init__()
        self.heading, self.armed, self.done = heading, False, False
        self.rows: list[list[str]] = []
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "tr" and self.armed:
            self.rows.append([])
        elif tag in ("td", "th") and self.armed:
            self._text = []
        elif tag == "br" and self._text is not None:
            self._text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._text is not None and self.rows:
            self.rows[-1].append("".join(self._text).strip())
            self._text = None
        elif tag == "table" and self.armed:
            self.done, self.armed = True, False

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)
        elif data.strip() == self.heading and not self.done:
            self.armed = True


def test_report_numbers_equal_the_model_and_the_incident_pages(
    built: tuple[Path, Report], corpus: tuple[Settings, Dataset]
) -> None:
    settings, dataset = corpus
    summary = _Cells("Comparison of all incidents")
    summary.feed(built[1].html)
    header, *rows = summary.rows
    by_title = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    profiles = _Cells("Side-by-side profiles")
    profiles.feed(built[1].html.split('<section class="wide side-by-side-profiles">')[1])
    titles, *details = profiles.rows
    columns = {title: [row[titles.index(title)] for row in details] for title in titles[1:]}
    labels = [row[0] for row in details]
    incident_pages = render_pages(dataset, settings, {})
    for incident in dataset.published:
        page = str(incident_pages[f"incidents/{incident.id}.md"])
        for name in ("killed", "injured"):
            total = incident.total(name)
            if total is not None:
                assert by_title[incident.title][name.title()].split("\n")[0] in total.display
        cells = dict(zip(labels, columns[incident.title], strict=True))
        for label, (name, role) in {
            "Killed (perpetrators)": ("killed", "perpetrators"),
            "Injured": ("injured", "total"),
            "Hostages": ("hostages", "total"),
            "Duration (hours)": ("duration", "total"),
        }.items():
            figure = incident.figure(name, role)
            if figure is None or figure.estimate is None:
                assert label not in cells or cells[label].startswith(("—", "unquantified"))
                continue
            assert cells[label].split("\n")[0] == estimate_text(figure)
            assert figure.estimate.best == incident.best(name, role)
            assert html_text(estimate_text(figure)) in page  # the infobox


class _Resources(HTMLParser):
    """Every attribute through which a browser would load something."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "srcset", "data", "poster", "background") or (
                name == "href" and tag != "a"
            ):
                self.loads.append((tag, value or ""))
        if tag in ("script", "iframe", "object", "embed", "link", "base"):
            self.loads.append((tag, "element"))


def test_report_html_loads_nothing_from_outside(built: tuple[Path, Report]) -> None:
    html = built[1].html
    parser = _Resources()
    parser.feed(html)
    assert parser.loads, "the charts are images"
    assert all(
        tag == "img" and src.startswith("data:image/svg+xml;base64,") for tag, src in parser.loads
    )
    style = "".join(re.findall(r"<style>(.*?)</style>", html, flags=re.S))
    assert "@import" not in style
    assert "url(" not in style


def test_report_pdf_has_pages_contents_and_vector_charts(built: tuple[Path, Report]) -> None:
    reader = PdfReader(built[0] / "report.pdf")
    assert len(reader.pages) > 1
    contents = reader.pages[1].extract_text()
    assert contents.startswith("Contents")
    for section in ("Key findings", "Where sources disagree", "Methodology", "Sources"):
        assert re.search(rf"{section} \.+\s*\d+", contents)
    assert len(reader.pages[1].get("/Annots") or []) >= 10, "entries link to their pages"
    chart_page = next(p for p in reader.pages[2:] if "Killed per incident" in p.extract_text())
    resources = chart_page["/Resources"]
    xobjects = resources.get("/XObject", {}) if resources else {}
    assert all(x.get_object().get("/Subtype") != "/Image" for x in xobjects.values())
    drawing = chart_page.get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]
    path_operators = re.findall(r"(?<=\s)[lc](?=\s)", drawing)
    assert len(path_operators) > 200, "charts are drawn as vector paths"


def test_report_pdf_pages_are_a4_with_landscape_tables(built: tuple[Path, Report]) -> None:
    sizes = {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(built[0] / "report.pdf").pages
    }
    assert sizes == {(595, 842), (842, 595)}


def test_report_pdf_is_tagged_for_screen_readers(built: tuple[Path, Report]) -> None:
    # What pdfinfo reports as "Tagged: yes": marked content under a structure tree, in English.
    reader = PdfReader(built[0] / "report.pdf")
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en"
    kinds = _structure_kinds(catalog["/StructTreeRoot"].get_object())
    assert {"/H1", "/H2", "/P", "/L", "/Table", "/TH", "/TD", "/Figure"} <= kinds
    metadata = catalog["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in metadata, "declared PDF/UA-1"


def _structure_kinds(node: object) -> set[str]:
    """The structure types (/H1, /Table, ...) of every element under a structure tree node."""
    node = node.get_object() if hasattr(node, "get_object") else node
    kinds: set[str] = set()
    if isinstance(node, DictionaryObject):
        if "/S" in node:
            kinds.add(str(node["/S"]))
        kinds |= _structure_kinds(node.get("/K"))
    elif isinstance(node, ArrayObject):
        for child in node:
            kinds |= _structure_kinds(child)
    return kinds


def test_report_is_byte_identical_when_rebuilt(
    built: tuple[Path, Report], corpus: tuple[Settings, Dataset]
) -> None:
    again = render_report(corpus[1], corpus[0], Selection())
    assert again == built[1]
    metadata = PdfReader(io.BytesIO(again.pdf)).metadata
    assert metadata is not None
    assert metadata.creation_date == dt.datetime(2026, 11, 22)


def test_report_page_links_downloads_and_incident_pages(built: tuple[Path, Report]) -> None:
    page = built[1].markdown
    assert "[Download the report as PDF](report.pdf)" in page
    assert "(../incidents/2016-06-05-aktobe-example-attacks.md)" in page
    assert "../incidents/" not in built[1].html
    assert "report.pdf" not in built[1].html
    # A chart opens at full size from the site's page; the standalone report holds its charts.
    assert "[![Bar chart of the number of incidents per year](charts/timeline.svg)]" in page
    assert "(charts/timeline.svg)](charts/timeline.svg)" in page
    assert "charts/" not in built[1].html


def test_report_pages_are_the_site_page_charts_and_downloads(
    corpus: tuple[Settings, Dataset],
) -> None:
    files = report_pages(*reversed(corpus))
    assert sorted(files) == [
        "report/charts/casualties.svg",
        "report/charts/map.svg",
        "report/charts/timeline.svg",
        "report/index.md",
        "report/report.html",
        "report/report.pdf",
    ]
    assert str(files["report/index.md"]).startswith(
        "---\nhide:\n  - navigation\n---\n\n# Comparative report\n"
    )
    assert bytes(files["report/report.pdf"]).startswith(b"%PDF-")


def test_report_scoped_by_type_has_only_matching_incidents(
    corpus: tuple[Settings, Dataset],
) -> None:
    settings, dataset = corpus
    out = settings.root / "scoped"
    summary = build_report(settings, Selection(kind="hostage-taking"), out)
    assert summary == f"wrote report.html and report.pdf (1 incident) into {out}"
    html = (out / "report.html").read_text(encoding="utf-8")
    pdf = _squash(_pdf_text(out / "report.pdf"))
    # Words follow the scope and the count: no "1 incidents", no "all", no superlative.
    assert '<p class="scope">1 incident · 1 source cited · type hostage-taking</p>' in html
    assert "This report compares 1 incident (type hostage-taking)" in html
    assert '<h2 id="comparison-of-all-incidents">The incident at a glance</h2>' in html
    assert "Comparison of all incidents" not in html
    assert "1 incidents" not in html
    assert "The only incident, Example post office hostage-taking (2023-02-14), lasted" in html
    assert "The most " not in html
    assert "deadliest incident" not in html
    assert "Example post office hostage-taking" in html
    assert _squash("Example post office hostage-taking") in pdf
    for incident in dataset.published:
        if "hostage-taking" not in incident.types:
            assert incident.title not in html
            assert _squash(incident.title) not in pdf


@pytest.mark.parametrize(
    ("options", "message", "status"),
    [
        (["--type", "piracy"], "Invalid value for '--type': 'piracy' is not an incident type", 2),
        (["--since", "2020-02-30"], "'--since': '2020-02-30' is not a real date YYYY-MM-DD", 2),
        (["--until", "yesterday"], "'--until': 'yesterday' is not a real date YYYY-MM-DD", 2),
        (["--region", "Atlantis"], "Invalid value for '--region': 'Atlantis' is not a region", 2),
        (["--ids", "2099-01-01-nowhere"], "(got '2099-01-01-nowhere': unknown)", 1),
    ],
)
def test_report_cli_rejects_bad_options(
    runner: CliRunner, tmp_path: Path, options: list[str], message: str, status: int
) -> None:
    result = runner.invoke(cli, ["report", *options, "--out", str(tmp_path)])
    assert result.exit_code == status
    assert message in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "report.pdf").exists()


def test_report_citations_link_to_numbered_source_entries(built: tuple[Path, Report]) -> None:
    html = built[1].html
    body = html[html.index("<main>") :]
    ids = set(re.findall(r'\sid="([^"]+)"', body))
    texts = re.sub(r"<a href=\"#[^\"]+\">\[\d+\]</a>", "", body)
    assert not re.search(r"\[\d+\]", re.sub(r"<[^>]+>", "", texts)), "an unlinked [n] is left"
    links = re.findall(r"<a href=\"#([^\"]+)\">\[(\d+)\]</a>", body)
    assert len(links) >= 10
    for target, number in links:
        assert target == f"source-{number}"
        assert target in ids
    site = built[1].markdown
    for number in re.findall(r"\\\[(\d+)\\\]", site):
        assert f"[\\[{number}\\]](#source-{number})" in site
        assert f'<span id="source-{number}">{number}</span>' in site


def test_report_sources_name_their_publisher_kind_in_words(built: tuple[Path, Report]) -> None:
    out, _ = built
    html = (out / "report.html").read_text(encoding="utf-8")
    sources = html[html.index('id="source-1"') :]
    kinds = re.findall(r"\. ([a-zA-Z -]+) source, reliability (?:high|medium|low)\.", sources)
    assert kinds, "every source row names its publisher kind"
    assert set(kinds) <= set(PUBLISHER_TYPE_LABELS.values())


def test_report_source_list_gives_the_citing_incidents_room_in_print(
    built: tuple[Path, Report],
) -> None:
    """In print, the citing incidents get a third of the source list's width: with a ninth, a
    source cited by many incidents made a row as tall as a page."""
    from weasyprint import HTML

    out, _ = built
    document = HTML(string=(out / "report.html").read_text(encoding="utf-8")).render()
    header = next(
        row
        for page in document.pages
        for row in _boxes(page._page_box, "TableRowBox")
        if _row_text(row).startswith("No. Source")
    )
    widths = [cell.width for cell in header.children]
    assert len(widths) == 3  # number, source (with date, kind, reliability), cited by
    assert widths[2] >= sum(widths) / 3


def _boxes(box: Any, kind: str) -> Iterator[Any]:
    if type(box).__name__ == kind:
        yield box
    for child in getattr(box, "children", None) or ():
        yield from _boxes(child, kind)


def _row_text(row: Any) -> str:
    return " ".join(text.text for cell in row.children for text in _boxes(cell, "TextBox"))


def test_standalone_report_links_incidents_to_the_published_site(
    corpus: tuple[Settings, Dataset], built: tuple[Path, Report], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the site's address set, the PDF and its HTML link each incident to its page."""
    settings, dataset = corpus
    first = dataset.published[0].id
    assert "/incidents/" not in built[1].html  # no address: nothing to link to
    shutil.copy(ROOT / "mkdocs.yml", settings.root / "mkdocs.yml")
    monkeypatch.setenv("SITE_URL", "https://example.org/record/")
    try:
        html = render_report(dataset, settings, Selection()).html
    finally:
        (settings.root / "mkdocs.yml").unlink()
    assert f'href="https://example.org/record/incidents/{first}/"' in html
