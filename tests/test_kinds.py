"""The invented records of a strike shooting, communal clashes and nationwide unrest, end to end.

Each record passes `check --strict` on its own. Built into the site, the report and the open
data, every figure is stated with the party, cause, place and country it counts, and with the
sources of its claims.
"""

from __future__ import annotations

import csv
import html
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.content.validate import check_content
from generator.model import Dataset, Figure, Incident, Place
from generator.report.document import Selection, render_report
from generator.report.text import amount_text, make_citer
from generator.site.views import group_by_place
from generator.text.figures import by_as_of, figure_anchor, figure_title
from generator.text.filters import RULE_LABELS, country_names, format_number
from tests.conftest import FIXTURES, make_settings
from tests.test_report import _Cells
from tests.test_site_build import Built, build

pytestmark = pytest.mark.slow

KINDS = FIXTURES / "kinds" / "content"
COMMUNAL = "2015-05-09-example-communal-clashes"
STRIKE = "2017-09-11-example-strike-shooting"
UNREST = "2018-03-02-example-nationwide-unrest"

TITLES = {
    COMMUNAL: [
        "Killed",
        "Killed: in Example Village One, Zhambyl Region",
        "Killed: in Example Village Two, Zhambyl Region",
        "Injured",
        "Injured: in Kyrgyzstan",
        "Fled across a border: in Kyrgyzstan",
        "Displaced within the country",
        "Missing",
        "Damage",
        "Convicted",
    ],
    STRIKE: [
        "Killed",
        "Killed (civilians): among Striking oil workers, by Police",
        "Injured",
        "Hospitalised",
        "Detained (civilians): among Striking oil workers",
        "Arrested (civilians): among Striking oil workers",
        "Charged (security forces): among Police",
        "Convicted (security forces): among Police",
    ],
    UNREST: [
        "Killed",
        "Killed (security forces)",
        "Killed (civilians)",
        "Killed: in Almaty",
        "Injured",
        "Detained",
        "Arrested",
    ],
}
"""Every figure of each record, headed by what it counts, in the record's order."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The three records built into a site (pages and open data), once."""
    return build(tmp_path_factory.mktemp("kinds"), KINDS)


def _titles(incident: Incident, dataset: Dataset) -> list[str]:
    countries = country_names(dataset.vocabulary)
    return [figure_title(f, incident, dataset.vocabulary, countries) for f in incident.figures]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, strict=True))


def test_the_three_records_are_invented_and_say_so() -> None:
    records = sorted(path.stem for path in (KINDS / "incidents").glob("*.yaml"))
    assert records == [COMMUNAL, STRIKE, UNREST]
    dataset, problems = check_content(make_settings(KINDS.parent))
    assert problems == []
    for incident in dataset.incidents:
        text = (KINDS / "incidents" / f"{incident.id}.yaml").read_text(encoding="utf-8")
        assert text.startswith("# Invented test data: ")
        assert incident.summary.startswith("Invented. ")
        assert str(incident.notes).startswith("Invented for tests")
    for source in dataset.sources.values():
        text = (KINDS / "sources" / f"{source.id}.yaml").read_text(encoding="utf-8")
        assert source.id.startswith("example-")
        assert text.startswith("# Invented test data: ")
        assert str(source.notes).startswith("Invented for tests")
        assert str(source.url).startswith("https://example.org/")


@pytest.mark.parametrize("record", [COMMUNAL, STRIKE, UNREST])
def test_each_record_alone_passes_check_strict(
    record: str, runner: CliRunner, tmp_path: Path
) -> None:
    dataset, _ = check_content(make_settings(KINDS.parent))
    (incident,) = [i for i in dataset.incidents if i.id == record]
    content = tmp_path / "content"
    (content / "incidents").mkdir(parents=True)
    (content / "sources").mkdir()
    files = [
        "vocabulary.yaml",
        f"incidents/{record}.yaml",
        *(f"sources/{source}.yaml" for source in incident.source_ids),
    ]
    for name in files:
        shutil.copyfile(KINDS / name, content / name)
    result = runner.invoke(cli, ["-C", str(tmp_path), "check", "--strict"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        f"checked 1 incidents, {len(incident.source_ids)} sources\n",
        "",
    )


def test_all_three_records_pass_check_strict(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["-C", str(KINDS.parent), "check", "--strict"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "checked 3 incidents, 10 sources\n",
        "",
    )


def test_incident_pages_head_every_figure_with_its_part_and_cite_its_sources(site: Built) -> None:
    for incident in site.published:
        assert _titles(incident, site.dataset) == TITLES[incident.id]
        page = site.page(f"incidents/{incident.id}/")
        for figure, title in zip(incident.figures, TITLES[incident.id], strict=True):
            anchor = figure_anchor(figure)
            assert page.ids[anchor] == ("h3", ())
            assert figure.estimate is not None
            unit = f" {figure.estimate.currency}" if figure.estimate.currency else ""
            best, low, high = (
                format_number(value) + unit
                for value in (figure.estimate.best, figure.estimate.low, figure.estimate.high)
            )
            assert page.sections[anchor].startswith(
                f"{title} ¶ Best estimate: {best} (low {low}, high {high}), chosen by "
            )
            cited = {
                link.href
                for link in page.links
                if link.section == anchor and "citation" in link.classes
            }
            assert cited == {f"#src-{claim.source}" for claim in figure.claims}
            for claim in figure.claims:
                assert claim.stated_by in page.sections[anchor]


def _key(incident: str, figure: Figure) -> tuple[str, ...]:
    return (
        incident,
        figure.figure,
        figure.role,
        figure.party or "",
        figure.by or "",
        figure.place or "",
        figure.country or "",
    )


def test_figures_csv_has_a_row_per_figure_with_its_party_cause_place_and_country(
    site: Built,
) -> None:
    rows = _read_csv(site.site / "data" / "figures.csv")
    columns = ("incident_id", "figure", "role", "party", "by", "place", "country")
    found = [tuple(row[c] for c in columns) for row in rows]
    assert found == [_key(i.id, f) for i in site.published for f in i.figures]
    by_key = dict(zip(found, rows, strict=True))
    assert by_key[(STRIKE, "killed", "civilians", "strikers", "police", "", "")]["best"] == "12"
    assert by_key[(COMMUNAL, "injured", "total", "", "", "", "KG")]["best"] == "12"
    assert by_key[(COMMUNAL, "refugees", "total", "", "", "", "KG")]["best"] == "4000"
    almaty = by_key[(UNREST, "killed", "total", "", "", "almaty", "")]
    assert (almaty["place_name"], almaty["best"]) == ("Almaty", "40")
    village = by_key[(COMMUNAL, "killed", "total", "", "", "village-one", "")]
    assert village["place_name"] == "Example Village One, Zhambyl Region"


def test_claims_csv_has_every_claim_with_its_figure_part_and_source(site: Built) -> None:
    # A claim's figure part is its figure's row in figures.csv, named by the same key.
    figures = {
        (row["incident_id"], row["figure_key"]): row
        for row in _read_csv(site.site / "data" / "figures.csv")
    }
    rows = [
        {**figures[row["incident_id"], row["figure_key"]], **row}
        for row in _read_csv(site.site / "data" / "claims.csv")
    ]
    columns = ("incident_id", "figure", "role", "party", "by", "place", "country")
    found = [(*(row[c] for c in columns), row["source_id"], row["display"]) for row in rows]
    assert found == [
        (*_key(i.id, f), claim.source, claim.display)
        for i in site.published
        for f in i.figures
        for claim in f.claims
    ]
    damage = [row for row in rows if row["figure"] == "damage"]
    assert [(row["value"], row["currency"], row["display"]) for row in damage] == [
        ("2500000000", "KZT", f"{format_number(2500000000)} KZT")
    ]


def test_claims_of_separate_parts_are_added_up_not_shown_as_disagreeing(site: Built) -> None:
    section = site.page(f"incidents/{COMMUNAL}/").sections["figure-convicted-total"]
    added = "13: 9 (the trial in Example Village One) + 4 (the trial in Example Village Two)."
    assert f"the parts reported add up to {added} Claims of different parts" in section
    assert "Sources disagree" not in section
    assert "Reported Part counted Stated by" in section
    rows = _read_csv(site.site / "data" / "claims.csv")
    parts = [(r["value"], r["part"]) for r in rows if r["figure_key"] == "convicted-total"]
    one, two = "the trial in Example Village One", "the trial in Example Village Two"
    assert parts == [("9", one), ("9", one), ("4", two)]
    figures = _read_csv(site.site / "data" / "figures.csv")
    convicted = [r for r in figures if r["incident_id"] == COMMUNAL and r["figure"] == "convicted"]
    found = [
        (r["disputed"], r["claimed_low"], r["claimed_high"], r["parts_low"], r["parts_high"])
        for r in convicted
    ]
    assert found == [("false", "4", "9", "13", "13")]
    others = [r for r in figures if (r["incident_id"], r["figure"]) != (COMMUNAL, "convicted")]
    assert {(r["parts_low"], r["parts_high"]) for r in others} == {("", "")}
    with sqlite3.connect(site.site / "data" / "incidents.sqlite") as db:
        found = db.execute(
            "SELECT claim, part FROM claims_with_sources WHERE figure_key = 'convicted-total' "
            "AND incident_id = ? ORDER BY claim",
            (COMMUNAL,),
        ).fetchall()
    assert found == [(1, one), (2, one), (3, two)]


@pytest.fixture(scope="module")
def report_html(site: Built) -> str:
    """The report of the three records, as HTML."""
    return render_report(site.dataset, site.settings, Selection()).html


def _source_numbers(report: str, dataset: Dataset) -> dict[str, int]:
    """Source id -> its number in the report's source list, read from the list's addresses."""
    by_url = {source.url: source.id for source in dataset.sources.values()}
    listed = re.findall(r'<span id="source-(\d+)">\d+</span></td>\s*<td>.*?href="([^"]+)"', report)
    return {by_url[html.unescape(url)]: int(number) for number, url in listed}


def _table_after(report: str, heading_id: str, heading: str) -> list[list[str]]:
    """The rows of the first table under the heading with this id, as cell texts."""
    parser = _Cells(heading)
    parser.feed(report[report.index(f'<h2 id="{heading_id}"') :])
    return parser.rows


def test_report_states_every_whole_figure_with_its_sources(report_html: str, site: Built) -> None:
    header, *rows = _table_after(report_html, "side-by-side-profiles", "Side-by-side profiles")
    titles = {incident.title: incident for incident in site.published}
    assert sorted(header[1:]) == sorted(titles)
    cells = {row[0]: dict(zip(header[1:], row[1:], strict=True)) for row in rows}
    _, *disputes = _table_after(report_html, "where-sources-disagree", "Where sources disagree")
    disputed = {(row[0], row[1]): row[-1].replace("\n", "; ") for row in disputes}
    cite = make_citer(_source_numbers(report_html, site.dataset))
    for incident in site.published:
        for figure, title in zip(incident.figures, TITLES[incident.id], strict=True):
            if figure.is_part:
                continue
            assert figure.estimate is not None
            cell = cells[title][incident.title]
            claims = [cite(claim) for claim in by_as_of(figure.claims)]
            assert cell.startswith(amount_text(figure))
            assert f"rule: {RULE_LABELS[figure.estimate.rule]}" in cell
            if figure.is_disputed:
                # Every claim of a disputed figure is listed where the sources disagree.
                assert disputed.pop((incident.title, title)) == "; ".join(claims)
            else:
                assert cell.split("\n")[-len(claims) :] == claims


def test_report_states_every_figure_of_a_party_cause_place_or_country(
    report_html: str, site: Built
) -> None:
    text = html.unescape(re.sub(r"<[^>]+>", " ", report_html))
    missing = [
        (incident.id, title)
        for incident in site.published
        for figure, title in zip(incident.figures, TITLES[incident.id], strict=True)
        if figure.is_part and title not in text
    ]
    assert missing == []


def test_classification_names_who_stated_each_motive_and_lists_the_ids(site: Built) -> None:
    page = site.page(f"incidents/{STRIKE}/")
    assert page.sections["classification"] == (
        "Classification ¶ Category of violence ( UCDP ): one sided , as classified by Editors of "
        "this record. Invented. State forces fired on unarmed strikers and no source reports "
        "that the strikers fired back, which is organised violence against civilians in UCDP's "
        "sense. Targets: Protesters or strikers: Oil workers on strike, as stated by Example "
        "Gazette [1] Weapons: Firearms: Automatic rifles, used by Police, as stated by Example "
        "Rights Group [3] Less-lethal weapons: Tear gas and stun grenades, used by Police, as "
        "stated by Example Gazette [1] Stated or alleged motives: Example Prosecutor's Office "
        "(14 September 2017): To stop mass riots and the burning of the town hall. [2] Example "
        "Rights Group (2 October 2017): To break a strike over pay that had lasted four months. "
        "[3] In other datasets: ACLED event KAZ1234."
    )
    # The infobox names the kinds of weapon, each linked to this section, with their sources.
    assert "Weapons Firearms [3] ; Less-lethal weapons [1] " in page.text
    unrest = site.page(f"incidents/{UNREST}/").sections["classification"]
    assert unrest.endswith(" In other datasets: ACLED event KAZ5678; ACLED event KAZ5679.")


def test_damage_is_stated_with_its_currency(site: Built) -> None:
    damage = site.page(f"incidents/{COMMUNAL}/").sections["figure-damage-total"]
    assert damage.endswith(
        "Reported Stated by As of Source "
        f"{format_number(2500000000)} KZT Example District Akimat 20 May 2015 [3]"
    )


def test_places_list_a_nationwide_place_as_nationwide_not_as_unknown_region(site: Built) -> None:
    index = site.page("places/")
    assert "Kazakhstan, region not recorded" not in index.text
    assert {"places/nationwide-kazakhstan/", "places/several-regions/"} <= index.links_to()
    nationwide = site.page("places/nationwide-kazakhstan/")
    several = site.page("places/several-regions/")
    assert (nationwide.h1, several.h1) == ("Nationwide (Kazakhstan)", "Several regions")
    for page in (nationwide, several):
        incidents = {path for path in page.links_to() if path.startswith("incidents/")}
        assert incidents == {f"incidents/{UNREST}/"}


def test_places_group_by_extent_given_never_by_the_extent_a_bare_country_implies(
    site: Built,
) -> None:
    (unrest,) = [i for i in site.published if i.id == UNREST]
    bare = Place(country="KZ")  # no region known: its scope is the country, its extent unsaid
    countries = country_names(site.dataset.vocabulary)
    places = (*unrest.places, bare)
    groups = group_by_place([unrest.model_copy(update={"places": places})], countries)
    assert [(g.label, [s.label for s in g.settlements]) for g in groups] == [
        ("Aktobe Region", ["Aktobe"]),
        ("Almaty", ["Almaty"]),
        ("Astana", ["Astana"]),
        ("Kazakhstan, region not recorded", ["Settlement not recorded"]),
        ("Nationwide (Kazakhstan)", ["Whole country"]),
        ("Several regions", ["Several regions"]),
    ]


def test_measures_tables_have_a_level_or_notes_column_only_when_a_measure_has_one(
    site: Built,
) -> None:
    for incident in site.published:
        page = (site.site / "incidents" / incident.id / "index.html").read_text(encoding="utf-8")
        head = re.search(r'id="measures".*?<thead><tr>(.*?)</tr></thead>', page, re.S)
        assert head is not None, incident.id
        levels = ["Level"] if any(m.level for m in incident.measures) else []
        notes = ["Notes"] if any(m.note for m in incident.measures) else []
        assert re.findall(r"<th>(.*?)</th>", head.group(1)) == [
            "Measure",
            *levels,
            *["Area", "Declared by", "From", "Until", "Sources"],
            *notes,
        ], incident.id
    unrest = (site.site / "incidents" / UNREST / "index.html").read_text(encoding="utf-8")
    assert "<td>Access came back region by region (an invented note).</td></tr>" in unrest


def test_sources_disagree_box_names_parties_as_they_are_written(site: Built) -> None:
    page = site.page("incidents/2017-09-11-example-strike-shooting/")
    box = next(text for text in page.sections.values() if "Reports disagree on" in text)
    # The figure's label reads in lower case inside the sentence; the names keep their capitals.
    assert (
        "Reports disagree on killed and killed (civilians): among Striking oil workers, by Police"
        in box
    )
