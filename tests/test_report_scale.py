"""The report at scale: bounded tables that say what they leave out, cited sources, a quick map.

A synthetic corpus of 60 incidents (``generator.bench.synth``) is larger than ``TABLE_ROWS``; the
fixture corpus, with the bound set to 2, shows the standalone report's wording.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import generator.report.compare
from generator.bench.synth import synthesize
from generator.content.validate import check_content
from generator.core.settings import Settings
from generator.model import Dataset, Incident
from generator.report.compare import Comparison, compare
from generator.report.document import Report, Selection, render_report
from generator.report.findings import rank_disputes
from generator.report.map_labels import BoxGrid
from generator.report.markers import MAP_LABELS, Point, place_markers
from generator.report.parts import TABLE_ROWS
from tests.conftest import FIXTURES, make_settings

SIZE = 60
"""Incidents in the synthetic corpus: more than ``TABLE_ROWS``."""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Dataset]:
    """Settings and dataset of a synthetic corpus larger than the table bound."""
    root = tmp_path_factory.mktemp("scale")
    synthesize(root, SIZE, seed=6)
    settings = make_settings(root)
    dataset, problems = check_content(settings)
    assert problems == []
    assert len(dataset.published) == SIZE > TABLE_ROWS
    return settings, dataset


@pytest.fixture(scope="module")
def comparison(corpus: tuple[Settings, Dataset]) -> Comparison:
    dataset = corpus[1]
    return compare(dataset.published, dataset.vocabulary, dataset.sources)


@pytest.fixture(scope="module")
def report(corpus: tuple[Settings, Dataset]) -> Report:
    settings, dataset = corpus
    return render_report(dataset, settings, Selection(), printable=False)


def _killed(incident: Incident) -> float:
    total = incident.total("killed")
    return total.best if total is not None else 0


def _cited_numbers(markdown: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[\\\[(\d+)\\\]\]\(#source-\1\)", markdown)}


def _listed_numbers(markdown: str) -> list[int]:
    return [int(n) for n in re.findall(r'<span id="source-(\d+)">\1</span>', markdown)]


def _section(markdown: str, heading: str) -> str:
    start = markdown.index(heading)
    end = markdown.find("\n## ", start + len(heading))
    return markdown[start : end if end >= 0 else None]


# --- Tables ------------------------------------------------------------------------------


def test_summary_and_profiles_show_the_deadliest_in_date_order(
    comparison: Comparison, corpus: tuple[Settings, Dataset]
) -> None:
    incidents = corpus[1].published
    ranked = sorted(incidents, key=lambda i: (-_killed(i), i.date, i.id))[:TABLE_ROWS]
    expected = [i.id for i in sorted(ranked, key=lambda i: (i.date, i.id))]
    assert len(comparison.overview.rows) == TABLE_ROWS
    assert [row[0].link for row in comparison.overview.rows] == expected
    titles = {i.id: i.title for i in incidents}
    profiled = [title for table in comparison.profiles for title in table.headers[1:]]
    assert profiled == [titles[incident_id] for incident_id in expected]
    assert (comparison.tabled.shown, comparison.tabled.total) == (TABLE_ROWS, SIZE)
    assert not comparison.tabled.is_whole


def test_disputes_table_shows_the_most_disputed_first(
    comparison: Comparison, corpus: tuple[Settings, Dataset]
) -> None:
    ranked = rank_disputes(corpus[1].published)
    assert len(ranked) > TABLE_ROWS, "the synthetic corpus has many disputed figures"
    assert len(comparison.disputes.rows) == TABLE_ROWS
    assert [row[0].link for row in comparison.disputes.rows] == [
        incident.id for incident, _ in ranked[:TABLE_ROWS]
    ]
    assert (comparison.disputed.shown, comparison.disputed.total) == (TABLE_ROWS, len(ranked))
    assert rank_disputes(corpus[1].published, limit=TABLE_ROWS) == ranked[:TABLE_ROWS]


def test_aggregates_and_findings_count_every_incident(comparison: Comparison) -> None:
    by_year = dict(comparison.aggregates)["year"]
    all_years = by_year.rows[-1]
    assert all_years[0].lines == ("All years",)
    assert all_years[1].lines == (f"{SIZE:,}",)
    assert comparison.findings[0].startswith(f"The report compares {SIZE:,} incidents from ")


def test_site_page_says_how_many_are_shown_and_links_the_data(report: Report) -> None:
    page = report.markdown
    overview = _section(
        page, "## Comparison of the deadliest incidents { #comparison-of-all-incidents }"
    )
    assert f"{TABLE_ROWS} of the {SIZE:,} incidents are shown: the deadliest" in overview
    assert "[open data](../data/index.md): incidents.csv, incidents.json." in overview
    assert overview.count("](../incidents/") == TABLE_ROWS
    profiles = _section(page, "## Side-by-side profiles")
    assert f"the deadliest {TABLE_ROWS}, as in the table above" in profiles
    disputes = _section(page, "## Where sources disagree")
    assert re.search(
        rf"\n{TABLE_ROWS} of the \d+ figures on which sources disagree \(give numbers that cannot "
        r"all be true\)",
        disputes,
    )
    assert "[open data](../data/index.md): figures.csv, claims.csv." in disputes
    assert "Comparison of all incidents" not in page


def test_site_page_of_an_excerpt_is_searched_like_every_page_without_its_tables(
    report: Report,
) -> None:
    # Its tables are left out of the index (site.search), so its length costs the index nothing.
    assert report.markdown.startswith("---\nhide:\n  - navigation\n---\n\n# Comparative report")


def test_every_cited_number_is_listed_and_every_listed_source_is_cited(report: Report) -> None:
    page = report.markdown
    sources = _section(page, "## Sources")
    cited = _cited_numbers(page.replace(sources, ""))
    listed = _listed_numbers(sources)
    assert cited, "the tables cite sources"
    assert listed == list(range(1, len(listed) + 1))
    assert cited == set(listed)


def test_source_list_holds_the_tabled_incidents_and_the_shown_claims(
    comparison: Comparison, corpus: tuple[Settings, Dataset]
) -> None:
    by_id = {incident.id: incident for incident in corpus[1].published}
    tabled = {str(row[0].link) for row in comparison.overview.rows}
    expected = {s for incident_id in tabled for s in by_id[incident_id].source_ids}
    for _, figure in rank_disputes(corpus[1].published, limit=TABLE_ROWS):
        expected |= {claim.source for claim in figure.claims}
    assert {entry.source.id for entry in comparison.sources} == expected


# --- Map ---------------------------------------------------------------------------------


def test_map_labels_at_most_the_bound(comparison: Comparison, report: Report) -> None:
    labelled = [marker for marker in comparison.markers if marker.label]
    assert len(comparison.markers) > MAP_LABELS
    assert len(labelled) == MAP_LABELS
    assert len(comparison.map_key) == MAP_LABELS
    assert len(re.findall(r'<g id="text_\d+">', report.charts["map"])) == MAP_LABELS
    caption = _section(report.markdown, "### Map of incidents")
    assert f"the {MAP_LABELS} of the {len(comparison.markers)} places with the most" in caption
    assert f"\n{MAP_LABELS}. " in caption
    assert f"\n{MAP_LABELS + 1}. " not in caption


def test_place_markers_number_the_busiest_places() -> None:
    # One place with three incidents, one with two, then many places with one each.
    points = [Point("a", 45.0, 60.0, 1, "Busiest")] * 3 + [Point("b", 46.0, 61.0, 5, "Next")] * 2
    points += [Point(f"c{n}", 40.0 + n / 10, 70.0, None, f"Place {n}") for n in range(100)]
    markers = place_markers(tuple(points))
    assert len(markers) == 102
    numbered = {marker.place: marker.label for marker in markers if marker.label}
    assert len(numbered) == MAP_LABELS
    assert (numbered["Busiest"], numbered["Next"]) == ("1", "2")
    assert sorted(numbered.values(), key=int) == [str(n) for n in range(1, MAP_LABELS + 1)]


def test_box_grid_finds_the_same_overlaps_as_comparing_every_pair() -> None:
    from matplotlib.transforms import Bbox

    boxes = [Bbox.from_bounds(7.5 * (n % 17), 11.0 * (n % 13), 30 + n % 5, 9) for n in range(200)]
    grid = BoxGrid()
    for index, box in enumerate(boxes):
        expected = any(box.overlaps(other) for other in boxes[:index])
        assert grid.overlaps(box) == expected
        grid.add(box)


# --- The standalone report --------------------------------------------------------------


def test_standalone_report_names_the_data_files_and_keeps_wide_sections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(FIXTURES / "report" / "content", tmp_path / "content")
    settings = make_settings(tmp_path)
    dataset, problems = check_content(settings)
    assert problems == []
    monkeypatch.setattr(generator.report.compare, "TABLE_ROWS", 2)
    report = render_report(dataset, settings, Selection())
    html = report.html
    assert "2 of the 4 incidents are shown: the deadliest" in html
    assert "open data files published with the record: incidents.csv, incidents.json." in html
    assert "../data/" not in html
    for section in (
        "comparison-of-all-incidents",
        "side-by-side-profiles",
        "where-sources-disagree",
    ):
        assert re.search(rf'<section class="wide {section}">\n<h2 id="{section}">', html), section
    assert '<h2 id="comparison-of-all-incidents">Comparison of the deadliest incidents</h2>' in html
    # A profile's disputed figure links to the row where its claims are listed.
    rows = re.findall(r'<a href="#(dispute-[^"]+)">\d+ claims, listed under Where sources', html)
    assert rows
    assert all(f'<span id="{row}"></span>' in html for row in rows)
    assert report.pdf.startswith(b"%PDF-")
