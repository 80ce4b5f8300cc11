"""Stage 6: the comparative report, rendered once as Markdown and published three ways.

1. Select published incidents (``Selection``) and compare them (``compare.compare``).
2. Draw the charts as SVG (``charts``) and render ``report.md.j2``: the site page.
3. Turn that Markdown into one self-contained HTML file (``report.html.j2``, CSS inlined,
   charts as data: URIs), then into an A4 PDF with WeasyPrint, which may load nothing else.
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import markdown

from generator.core.errors import ContentError, Problem
from generator.core.git import GitError, run_git
from generator.core.settings import Settings
from generator.core.site_info import read_site_info
from generator.model import Dataset, Incident, LazyRecords, each, parse_day, pick
from generator.report.compare import compare
from generator.report.text import count_of, keep_dates_whole
from generator.text.filters import country_names
from generator.text.jinja import template_env

TITLE = "Security incidents in Kazakhstan: a comparative report"
WIDE_SECTIONS = ("comparison-of-all-incidents", "side-by-side-profiles", "where-sources-disagree")
"""Sections printed on landscape pages because their tables are wide."""
PDF_PATH = "report/report.pdf"
"""The report's PDF in the site (``report_pages``), beside its page and standalone HTML."""
PDF_VARIANT = "pdf/ua-1"
"""A tagged, accessible PDF (PDF/UA-1): screen readers follow its headings, tables and lists."""
FONT_TIMESTAMP = "315532800"
"""1980-01-01 in seconds: the time stamped into subset fonts when SOURCE_DATE_EPOCH is unset."""


@dataclass(frozen=True)
class Selection:
    """Which incidents a report covers."""

    kind: str | None = None
    since: str | None = None
    until: str | None = None
    region: str | None = None
    ids: tuple[str, ...] = ()

    @classmethod
    def from_options(cls, **options: str | None) -> Selection:
        """Build a selection from command-line options."""
        ids = tuple(i.strip() for i in (options.pop("ids") or "").split(",") if i.strip())
        return cls(ids=ids, **options)

    @property
    def description(self) -> str:
        """The selection in words: 'all published incidents' or its filters."""
        parts = [
            f"{label} {value}"
            for label, value in (
                ("type", self.kind),
                ("since", self.since),
                ("until", self.until),
                ("region", self.region),
            )
            if value
        ]
        if self.ids:
            parts.append("ids " + ", ".join(self.ids))
        return "; ".join(parts) if parts else "all published incidents"


@dataclass(frozen=True)
class Report:
    """One report in all its forms; the HTML and PDF are made from the Markdown."""

    markdown: str
    """The site page (links to incident pages and to the downloads)."""
    html: str
    """The standalone HTML file; empty when the report was rendered for the site page only."""
    pdf: bytes
    """The PDF; empty when the report was rendered for the site page only."""
    charts: dict[str, str]
    """SVG documents by file stem."""


# --- Selecting ---------------------------------------------------------------------------


def check_selection(selection: Selection, dataset: Dataset) -> list[Problem]:
    """Every option value that names nothing: unknown type, region or id, or a bad date."""
    problems = []
    types = {term.id for term in dataset.vocabulary.incident_types}
    if selection.kind is not None and selection.kind not in types:
        problems.append(_option("--type", "an incident type", selection.kind, types))
    regions = {region.name.casefold(): region.name for region in dataset.vocabulary.regions}
    if selection.region is not None and selection.region.casefold() not in regions:
        problems.append(_option("--region", "a region", selection.region, set(regions.values())))
    for name, value in (("--since", selection.since), ("--until", selection.until)):
        if value is not None and parse_day(value) is None:
            problems.append(
                Problem("command line", 0, 0, name, f"must be a date YYYY-MM-DD (got '{value}')")
            )
    # Only the chunks that hold the ids named are read, not every record.
    named = pick(dataset.incidents, set(selection.ids)) if selection.ids else {}
    for wanted in selection.ids:
        if wanted not in named or named[wanted].status != "published":
            what = "is not published" if wanted in named else "unknown"
            problems.append(
                Problem("command line", 0, 0, "--ids", f"must list published incident ids "
                        f"from content/incidents/ (got '{wanted}': {what})")
            )  # fmt: skip
    return problems


def select_incidents(dataset: Dataset, selection: Selection) -> Iterator[Incident]:
    """Published incidents that match every filter of the selection, in id order.

    The records stream past a chunk at a time (``model.each``): none is kept.
    """
    since, until = parse_day(selection.since or ""), parse_day(selection.until or "")
    region = (selection.region or "").casefold()
    return (
        incident
        for incident in each(dataset.incidents)
        if incident.status == "published"
        and (not selection.kind or selection.kind in incident.types)
        and (since is None or incident.date >= since)
        and (until is None or incident.date <= until)
        and (not region or any((p.region or "").casefold() == region for p in incident.places))
        and (not selection.ids or incident.id in selection.ids)
    )


def _option(name: str, what: str, value: str, known: set[str]) -> Problem:
    listed = ", ".join(sorted(known))
    return Problem(
        "command line", 0, 0, name,
        f"must be {what} from content/vocabulary.yaml: {listed} (got '{value}')",
    )  # fmt: skip


# --- Rendering ---------------------------------------------------------------------------


def render_report(
    dataset: Dataset,
    settings: Settings,
    selection: Selection,
    printable: bool = True,
    print_pdf: Callable[[str], bytes] | None = None,
) -> Report:
    """Compare the selected incidents and render the report as Markdown, HTML and PDF.

    Without ``printable`` only the site page and its charts are rendered: printing is the
    slow part, and a preview does not need it. ``print_pdf`` prints the HTML in place of
    ``html_to_pdf`` (the site's build prints it in a process of its own).
    """
    # A build keeps the facts of its published records beside them (made as each was
    # checked, ``build.cache``): the whole report reads them instead of every record.
    stored = dataset.incidents.rows() if isinstance(dataset.incidents, LazyRecords) else None
    whole = selection == Selection()
    incidents = stored if stored is not None and whole else select_incidents(dataset, selection)
    read = partial(pick, dataset.incidents)
    comparison = compare(incidents, dataset.vocabulary, dataset.sources, read)
    atlas = settings.npm_dir / "world-atlas" / "countries-50m.json"
    # matplotlib takes half a second to load: a build that keeps the report never loads it.
    from generator.report.charts import render_charts

    charts = render_charts(comparison.bars, comparison.years, comparison.points, atlas)
    env = template_env(settings.templates_dir, country_names(dataset.vocabulary))
    context: dict[str, Any] = {
        "c": comparison,
        "charts": charts,
        "rule_counts": dict(comparison.rules),
        "selection": selection.description,
        "scoped": selection != Selection(),
        "count": count_of,
        "today": settings.today.isoformat(),
        "version": read_version(settings.root),
        "title": TITLE,
        "downloads": printable,
        # The standalone report links each incident to its page where the site's address is set.
        "incident_url": site.incident_url if (site := read_site_info(settings)).url else None,
    }
    page = keep_dates_whole(env.get_template("report.md.j2").render(for_site=True, **context))
    if not printable:
        return Report(page, "", b"", charts)
    text = keep_dates_whole(env.get_template("report.md.j2").render(for_site=False, **context))
    body, toc = markdown_to_html(text)
    html = env.get_template("report.html.j2").render(
        body=inline_charts(body, charts),
        toc=toc,
        css=(settings.templates_dir / "report.css").read_text(encoding="utf-8"),
        **context,
    )
    return Report(page, html, (print_pdf or html_to_pdf)(html), charts)


def markdown_to_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """The report's Markdown as HTML, its sections wrapped, and the table of contents."""
    converter = markdown.Markdown(extensions=["tables", "attr_list", "md_in_html", "toc"])
    html = converter.convert(text)
    toc: list[dict[str, Any]] = getattr(converter, "toc_tokens", [])
    return wrap_sections(html), toc


def wrap_sections(html: str) -> str:
    """Wrap each level-2 section in a <section> named by its id, wide ones for landscape pages."""
    parts = re.split(r'(?=<h2 id=")', html)
    wrapped = [parts[0]]
    for part in parts[1:]:
        section_id = re.match(r'<h2 id="([^"]+)"', part)
        wide = section_id is not None and section_id.group(1) in WIDE_SECTIONS
        classes = ("wide" if wide else "narrow") + (f" {section_id.group(1)}" if section_id else "")
        wrapped.append(f'<section class="{classes}">\n{part}</section>\n')
    return "".join(wrapped)


def inline_charts(html: str, charts: dict[str, str]) -> str:
    """Replace chart file references by data: URIs, so that the HTML needs no other file."""

    def data_uri(match: re.Match[str]) -> str:
        svg = charts[match.group(1)].encode("utf-8")
        return 'src="data:image/svg+xml;base64,' + base64.b64encode(svg).decode("ascii") + '"'

    return re.sub(r'src="charts/([a-z-]+)\.svg"', data_uri, html)


def load_printer() -> None:
    """Import WeasyPrint, most of a printer's start: a process that prints does it first."""
    with warnings.catch_warnings():
        # WeasyPrint asks for the locale's preferred encoding when it is imported.
        warnings.simplefilter("ignore", EncodingWarning)
        import weasyprint  # noqa: F401


def html_to_pdf(html: str) -> bytes:
    """Print the HTML to PDF; WeasyPrint may load only data: URIs, never a file or the network."""
    load_printer()
    from weasyprint import HTML, URLFetcher
    from weasyprint.urls import FatalURLFetchingError

    fetcher = URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
    try:
        with _fixed_font_timestamps():
            pdf: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant=PDF_VARIANT)
    except FatalURLFetchingError as error:
        message = f"must load nothing but data: URIs ({error})"
        raise ContentError([Problem("templates/report.html.j2", 0, 0, "", message)]) from None
    return pdf


@contextlib.contextmanager
def _fixed_font_timestamps() -> Iterator[None]:
    # Without libharfbuzz-subset0, WeasyPrint subsets fonts with fontTools, which stamps each
    # font with the current time unless SOURCE_DATE_EPOCH is set; a fixed stamp keeps the PDF
    # the same bytes for the same HTML. A SOURCE_DATE_EPOCH already set is used as it is.
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = FONT_TIMESTAMP
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def read_version(root: Path) -> str:
    """The data version: the git commit of the checkout, marked when content has changes."""
    try:
        commit = run_git(root, "rev-parse", "--short=12", "HEAD").strip()
        dirty = run_git(root, "status", "--porcelain", "--", "content").strip()
    except GitError:
        return "not recorded (not a git checkout)"
    return f"git commit {commit}" + (" with uncommitted content changes" if dirty else "")


# --- Publishing --------------------------------------------------------------------------


def report_pages(
    dataset: Dataset,
    settings: Settings,
    printable: bool = True,
    print_pdf: Callable[[str], bytes] | None = None,
) -> dict[str, str | bytes]:
    """The report inside the site: its page, charts, and the HTML and PDF to download."""
    report = render_report(dataset, settings, Selection(), printable, print_pdf)
    files: dict[str, str | bytes] = {"report/index.md": report.markdown}
    if printable:
        files.update({"report/report.html": report.html, PDF_PATH: report.pdf})
    files.update({f"report/charts/{name}.svg": svg for name, svg in report.charts.items()})
    return files
