"""The hostile corpus built into the whole site, the report and the data files.

Every text field of tests/fixtures/hostile/content/ carries script and markup payloads. The
corpus is built like a real site (generate, then ``mkdocs build --strict``), and every HTML
file, the search index, the report and the data files are scanned: no event handler, no
dangerous URL, no script, frame or style beyond what a site built from the real, benign
content has, and the payloads still reach readers as text.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from generator.build import publish
from generator.build.check import load_checked
from generator.build.pipeline import build_site
from generator.core.errors import ContentError
from generator.core.settings import ROOT, Settings
from generator.model import Dataset
from tests.conftest import FIXTURES
from tests.golden import REPO_URL, prepare_root
from tests.test_search import fragments
from tests.test_site_html import read_page

pytestmark = pytest.mark.slow

HOSTILE_CONTENT = FIXTURES / "hostile" / "content"
SIEGE = "2021-05-01-exampleton-hostile-siege"
DANGEROUS_URL = re.compile(r"(?:javascript|vbscript|data:text/html)", re.IGNORECASE)
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


@dataclass
class Scan:
    """What one HTML document holds that could run code or load something."""

    handlers: list[tuple[str, str]] = field(default_factory=list)
    """(element, attribute) of every event-handler attribute."""
    urls: list[tuple[str, str, str]] = field(default_factory=list)
    """(element, attribute, value) of every attribute value with a dangerous scheme."""
    tags: set[str] = field(default_factory=set)
    scripts: set[str] = field(default_factory=set)
    """Each script's src, or its body, with relative prefixes normalised."""
    styles: set[str] = field(default_factory=set)
    links: set[str] = field(default_factory=set)
    titles: list[str] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self, scan: Scan) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = scan
        self.inside: str | None = None
        self.body = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scan.tags.add(tag)
        for name, value in attrs:
            if re.fullmatch(r"on\w+", name, flags=re.IGNORECASE):
                self.scan.handlers.append((tag, name))
            squeezed = re.sub(r"[\s\x00-\x1f]+", "", value or "")
            if DANGEROUS_URL.match(squeezed):
                self.scan.urls.append((tag, name, value or ""))
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.scan.scripts.add("src=" + normalise(found["src"] or ""))
        elif tag in ("script", "style", "title"):
            self.inside, self.body = tag, ""
        if tag == "link":
            self.scan.links.add(f"{found.get('rel')} {normalise(found.get('href') or '')}")

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.body += data

    def handle_endtag(self, tag: str) -> None:
        if tag != self.inside:
            return
        if tag == "script":
            self.scan.scripts.add(normalise(self.body))
        elif tag == "style":
            self.scan.styles.add(self.body)
        else:
            self.scan.titles.append(self.body)
        self.inside = None


def normalise(text: str) -> str:
    """Text with the page's depth taken out: '../../assets/x.js' and 'assets/x.js' agree."""
    text = re.sub(r'"(?:\.\./)*\.\."|"\."|"/"', '"BASE"', text)
    return re.sub(r"^(?:\.\./)+|^/", "", text)


def scan_html(text: str) -> Scan:
    """Scan one HTML document."""
    scan = Scan()
    scanner = _Scanner(scan)
    scanner.feed(text)
    scanner.close()
    return scan


@dataclass(frozen=True)
class Site:
    """A built site, its settings and dataset, and the scan of every HTML file."""

    settings: Settings
    dataset: Dataset
    scans: dict[str, Scan]

    @property
    def folder(self) -> Path:
        """The built site."""
        return self.settings.site_dir

    def union(self, name: str) -> set[str]:
        """One set-valued field of the scans, over every HTML file."""
        return {item for scan in self.scans.values() for item in getattr(scan, name)}


def build(root: Path, content: Path) -> Site:
    """Lay out a repository under ``root``, build the site and scan every HTML file."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPO_URL", REPO_URL)
        patch.delenv("SITE_URL", raising=False)
        settings = prepare_root(root, content)
        build_site(settings)
        dataset, _ = load_checked(settings)
    scans = {
        path.relative_to(settings.site_dir).as_posix(): scan_html(path.read_text(encoding="utf-8"))
        for path in sorted(settings.site_dir.rglob("*.html"))
    }
    return Site(settings, dataset, scans)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The hostile corpus, built once."""
    return build(tmp_path_factory.mktemp("hostile"), HOSTILE_CONTENT)


@pytest.fixture(scope="module")
def benign(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The real content, built once: what the theme and templates put in pages themselves."""
    return build(tmp_path_factory.mktemp("benign"), ROOT / "content")


def test_scanner_finds_handlers_urls_and_scripts() -> None:
    scan = scan_html(
        '<img src=x onerror=alert(1)><a href="&#106;ava&#x09;script:x">a</a>'
        '<a href=" data:text/html,x">b</a><svg onload=f()></svg>'
        '<script src="../../assets/x.js"></script><script>go()</script><title>T &lt;</title>'
    )
    assert scan.handlers == [("img", "onerror"), ("svg", "onload")]
    assert [(tag, name) for tag, name, _ in scan.urls] == [("a", "href"), ("a", "href")]
    assert scan.scripts == {"src=assets/x.js", "go()"}
    assert scan.titles == ["T <"]


# --- Every HTML file -------------------------------------------------------------------------


def test_hostile_site_has_every_kind_of_page(hostile: Site) -> None:
    for path in (
        "404.html",
        "index.html",
        f"incidents/{SIEGE}/index.html",
        "types/hostile-test/index.html",
        "report/index.html",
        "report/report.html",
        "data/index.html",
        "map/index.html",
    ):
        assert path in hostile.scans, path
    assert any(path.startswith("places/example-") for path in hostile.scans)
    assert any(path.startswith("actors/groups/example-") for path in hostile.scans)
    assert any(path.startswith("sources/example-") for path in hostile.scans)


def test_hostile_site_has_no_event_handler_attribute(hostile: Site) -> None:
    found = {path: scan.handlers for path, scan in hostile.scans.items() if scan.handlers}
    assert not found


def test_hostile_site_has_no_dangerous_url(hostile: Site) -> None:
    found = {path: scan.urls for path, scan in hostile.scans.items() if scan.urls}
    assert not found


def test_hostile_site_has_no_script_beyond_the_themes_own(hostile: Site, benign: Site) -> None:
    assert hostile.union("scripts") <= benign.union("scripts")
    assert hostile.union("styles") <= benign.union("styles")
    assert hostile.union("links") <= benign.union("links")


def test_hostile_site_has_no_element_the_benign_site_lacks(hostile: Site, benign: Site) -> None:
    assert hostile.union("tags") <= benign.union("tags")
    assert not hostile.union("tags") & FORBIDDEN_TAGS


def test_hostile_page_titles_are_plain_text(hostile: Site) -> None:
    raw = (hostile.folder / "incidents" / SIEGE / "index.html").read_text(encoding="utf-8")
    (title,) = re.findall(r"<title>(.*?)</title>", raw, flags=re.S)
    assert "<" not in title
    for path in hostile.scans:
        page = (hostile.folder / path).read_text(encoding="utf-8")
        assert all("<" not in t for t in re.findall(r"<title>(.*?)</title>", page, re.S)), path


def test_hostile_text_reaches_readers_literally(hostile: Site) -> None:
    incident = next(i for i in hostile.dataset.incidents if i.id == SIEGE)
    page = read_page(hostile.folder, f"incidents/{SIEGE}/")
    assert page.h1 == incident.title
    assert page.title == f"{incident.title} - Kazakhstan Incident Record"
    text = " ".join(page.text.split())
    for shown in (
        incident.statements[0].text,
        incident.hostage_taking.demands[0].text if incident.hostage_taking else "",
        incident.labels[0].label,
        "[plain](javascript:alert(1)) [entity](&#106;avascript:alert(1))",
        '[r]: javascript:alert(1) {: onclick="alert(1)" } # Not a heading',
    ):
        assert " ".join(shown.split()) in text, shown
    publisher = read_page(hostile.folder, "sources/")
    assert "Example <b onmouseover=alert(1)>Gazette</b>" in publisher.text


def test_hostile_search_index_holds_the_pages_text(hostile: Site) -> None:
    # Pagefind keeps each page's text as readers see it; its script escapes the text of
    # every title and excerpt it shows (tests/test_browser_hostile.py follows each result).
    assert list(hostile.folder.rglob("search_index.json")) == []
    indexed = fragments(hostile.folder)
    siege = indexed[f"/incidents/{SIEGE}/"]
    page = read_page(hostile.folder, f"incidents/{SIEGE}/")
    assert siege["meta"]["title"] == page.h1
    assert "Hostile siege <script>alert(1)</script>" in siege["meta"]["title"]
    assert siege["content"].startswith(page.h1)
    assert "&lt;" not in siege["content"]


def test_hostile_svg_charts_carry_no_script(hostile: Site) -> None:
    charts = sorted(hostile.folder.rglob("*.svg"))
    assert charts
    for chart in charts:
        scan = scan_html(chart.read_text(encoding="utf-8"))
        assert not scan.handlers, chart
        assert not scan.urls, chart
        assert "script" not in scan.tags, chart


# --- Report ----------------------------------------------------------------------------------


def walk_pdf(value: Any, seen: set[int]) -> Iterator[tuple[str, Any]]:
    """Every (key, value) pair of every dictionary reachable from ``value``."""
    if isinstance(value, IndirectObject):
        if value.idnum in seen:
            return
        seen.add(value.idnum)
        value = value.get_object()
    if isinstance(value, DictionaryObject):
        for key, item in value.items():
            if key not in ("/Parent", "/P"):
                yield str(key), item.get_object() if isinstance(item, IndirectObject) else item
                yield from walk_pdf(item, seen)
    elif isinstance(value, ArrayObject):
        for item in value:
            yield from walk_pdf(item, seen)


def test_hostile_report_html_references_nothing_but_data_uris(hostile: Site) -> None:
    # WeasyPrint refuses any other reference (tests/test_hostile_report.py), so a PDF that
    # exists shows that no record text became an <img>, <link>, url() or attachment.
    assert (hostile.folder / "report" / "report.pdf").read_bytes().startswith(b"%PDF-")
    html = (hostile.folder / "report" / "report.html").read_text(encoding="utf-8")
    sources = re.findall(r"<(?:img|link|script|iframe|object|embed)\b[^>]*>", html)
    assert sources
    assert all(re.search(r'src="data:image/svg\+xml;base64,', tag) for tag in sources), sources
    styles = " ".join(scan_html(html).styles) + " ".join(re.findall(r' style="([^"]*)"', html))
    assert not re.findall(r"url\((?!data:)|@import", styles)
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html


def test_hostile_report_pdf_has_no_script_action_or_dangerous_link(hostile: Site) -> None:
    reader = PdfReader(hostile.folder / "report" / "report.pdf")
    pairs = list(walk_pdf(reader.trailer["/Root"], set()))
    assert pairs
    assert not [key for key, _ in pairs if key in ("/JS", "/JavaScript", "/Launch", "/OpenAction")]
    uris = [str(value) for key, value in pairs if key == "/URI"]
    assert all(uri.startswith(("https://", "http://")) for uri in uris), uris
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Hostile siege <script>alert(1)</script>" in text


# --- Data files ------------------------------------------------------------------------------


def test_hostile_csv_cells_never_start_a_formula(hostile: Site) -> None:
    tables = sorted((hostile.folder / "data").glob("*.csv"))
    assert tables
    cells = []
    for table in tables:
        rows = csv.reader(io.StringIO(table.read_text(encoding="utf-8"), newline=""))
        cells += [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert '\'=HYPERLINK("https://example.org/","three or four")' in cells
    assert "'\t=Example Wire" in cells


def test_hostile_json_is_strict_and_keeps_the_text(hostile: Site) -> None:
    def refuse(name: str) -> None:
        raise ValueError(f"not JSON: {name}")

    data = hostile.folder / "data"
    for path in sorted(data.glob("*.json")) + sorted(data.glob("*.geojson")):
        json.loads(path.read_text(encoding="utf-8"), parse_constant=refuse)
    records = json.loads((data / "incidents.json").read_text(encoding="utf-8"))
    text = json.dumps(records, ensure_ascii=False)
    incident = next(i for i in hostile.dataset.incidents if i.id == SIEGE)
    assert json.dumps(incident.title, ensure_ascii=False) in text


def test_hostile_feed_is_well_formed_atom_with_text_only(hostile: Site) -> None:
    tree = ET.fromstring((hostile.folder / "data" / "incidents.atom").read_bytes())
    atom = "{http://www.w3.org/2005/Atom}"
    assert all(element.tag.startswith(atom) for element in tree.iter())
    constructs = [f"{atom}{name}" for name in ("title", "subtitle", "summary", "content", "rights")]
    texts = [element for element in tree.iter() if element.tag in constructs]
    assert texts
    assert all(element.get("type") in (None, "text") for element in texts)
    titles = [element.text for element in tree.iter(f"{atom}title")]
    incident = next(i for i in hostile.dataset.incidents if i.id == SIEGE)
    assert incident.title in titles


# --- The build itself ------------------------------------------------------------------------


def test_site_build_runs_mkdocs_strict_and_never_verbose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commands: list[list[str]] = []
    running = publish.Running

    def record(command: list[str], *args: Any, **options: Any) -> Any:
        if "mkdocs" in command:
            commands.append(command)
            command = [sys.executable, "-c", "import sys; sys.exit('stopped by the test')"]
        return running(command, *args, **options)

    settings = prepare_root(tmp_path, FIXTURES / "check" / "content")
    monkeypatch.setattr(publish, "Running", record)
    with pytest.raises(ContentError):
        build_site(settings)
    assert commands
    for command in commands:
        assert "--strict" in command
        assert not {"-v", "--verbose"} & set(command)
