"""What a reader compares across the site, report and data: one rule for totals, named places,
source entries and claims tables that say each thing once and in order."""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
from collections import defaultdict

import pytest

from generator.build.pipeline import generate_files
from generator.content.validate import check_content
from generator.core.settings import ROOT
from generator.data.formats import format_cell
from generator.model import PART_COUNTED, Dataset, country_name
from generator.text.figures import ROLE_LABELS, figure_anchor
from generator.text.filters import (
    country_names,
    format_moment,
    format_number,
    place_text,
    slugify,
)
from generator.text.markdown import html_text
from tests.conftest import CONTENT_TODAY, make_settings

pytestmark = pytest.mark.slow

Files = dict[str, str | bytes]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dataset, Files]:
    """The real content and every file generated from it, with the printable report."""
    root = tmp_path_factory.mktemp("consistency")
    shutil.copytree(ROOT / "content", root / "content")
    settings = make_settings(root, today=CONTENT_TODAY)
    dataset, problems = check_content(settings)
    assert not [p for p in problems if p.level == "error"]
    return dataset, generate_files(dataset, settings, printable=True)


def _text(files: Files, path: str) -> str:
    value = files[path]
    assert not isinstance(value, bytes)
    return str(value)


def _rows(files: Files, path: str) -> list[dict[str, str]]:
    """A generated CSV file's rows, by column name."""
    return list(csv.DictReader(io.StringIO(_text(files, path))))


def _killed_total(dataset: Dataset) -> float:
    return sum(t.best for i in dataset.published if (t := i.total("killed")) is not None)


def _unescape(markdown: str) -> str:
    """Markdown text without the backslashes that make record text literal."""
    return re.sub(r"\\(.)", r"\1", markdown)


def test_home_page_counts_the_sources_that_published_records_cite(
    generated: tuple[Dataset, Files],
) -> None:
    """A source that only a draft cites is not counted: the real content has some."""
    dataset, files = generated
    cited = {i for incident in dataset.published for i in incident.source_ids}
    assert len(cited) < len(dataset.sources)
    number = format_number(len(cited))
    publishers = len({slugify(dataset.sources[i].publisher) for i in cited})
    home = _text(files, "index.md")
    assert f"**{number}** sources cited, from **{format_number(publishers)}** publishers" in home


def test_killed_total_is_the_same_on_home_page_report_and_data(
    generated: tuple[Dataset, Files],
) -> None:
    dataset, files = generated
    expected = _killed_total(dataset)
    number = format_number(expected)
    assert expected > 0

    home = _text(files, "index.md")
    assert f"**{number}** people killed" in home

    for path in ("report/index.md", "report/report.html"):
        report = _unescape(_text(files, path))
        findings = re.search(r"add up to ([0-9.]+)(?: \([^)]*\))? killed", report)
        assert findings is not None, path
        assert findings.group(1) == number, path
        all_years = re.search(r"All years\s*(?:\|\s*|</td>\s*<td>)\s*\d+\s*(?:\|\s*|</td>\s*<td>)"
                              r"\s*([0-9.]+)", report)  # fmt: skip
        assert all_years is not None, path
        assert all_years.group(1) == number, path

    rows = _rows(files, "data/incidents.csv")
    published = [row for row in rows if row["status"] == "published"]
    assert sum(float(row["killed_best"] or 0) for row in published) == expected


def test_killed_per_year_is_the_same_on_home_page_and_report(
    generated: tuple[Dataset, Files],
) -> None:
    dataset, files = generated
    by_year: dict[int, float] = defaultdict(float)
    for incident in dataset.published:
        total = incident.total("killed")
        if total is not None:  # a year whose incidents have no total shows a dash
            by_year[incident.year] += total.best
    home = _text(files, "index.md")
    report = _unescape(_text(files, "report/index.md"))
    for year, killed in by_year.items():
        site_row = re.search(rf"\| \[{year}\]\(years/{year}\.md\) \|[^|]*\| ([0-9.]+) \|", home)
        assert site_row is not None, year
        assert site_row.group(1) == format_number(killed), year
        report_row = re.search(rf"\| {year} \| \d+ \| ([0-9.]+)", report)
        assert report_row is not None, year
        assert report_row.group(1) == format_number(killed), year
    years = {incident.year for incident in dataset.published}
    for year in years - set(by_year):
        site_row = re.search(rf"\| \[{year}\]\(years/{year}\.md\) \|[^|]*\| (\S+) \|", home)
        assert site_row is not None, year
        assert site_row.group(1) == "–", year
        report_row = re.search(rf"\| {year} \| \d+ \| (\S+) \|", report)
        assert report_row is not None, year
        assert report_row.group(1) in ("–", "—"), year


def test_home_page_lists_empty_years_between_first_and_last(
    generated: tuple[Dataset, Files],
) -> None:
    dataset, files = generated
    home = _text(files, "index.md")
    years = {incident.year for incident in dataset.published}
    first, last = min(years), max(years)
    rows = re.findall(r"^\| \[?(\d{4})\]?(?:\(years/\d{4}\.md\))? \| ", home, re.MULTILINE)
    assert [int(year) for year in rows] == list(range(first, last + 1))
    for year in set(range(first, last + 1)) - years:
        assert re.search(rf"^\| {year} \| <span class=\"year-count\">0</span> \| – \|$", home, re.M)
    coverage = re.search(r"\*\*What the record covers\.\*\* (.+)$", home, re.MULTILINE)
    assert coverage is not None
    assert f"{len(dataset.published)} published incidents from {first} to {last}" in coverage[1]
    assert "not a complete list" in coverage[1]


def test_csv_totals_follow_the_model_and_say_when_derived(
    generated: tuple[Dataset, Files],
) -> None:
    dataset, files = generated
    rows = {r["id"]: r for r in _rows(files, "data/incidents.csv")}
    derived = 0
    for incident in dataset.incidents:
        if incident.status == "draft":
            continue
        for name in ("killed", "injured"):
            total = incident.total(name)
            row = rows[incident.id]
            if total is None:
                assert row[f"{name}_best"] == row[f"{name}_derived"] == ""
                assert row[f"{name}_derived_from"] == ""
                continue
            parts = (row[f"{name}_best"], row[f"{name}_low"], row[f"{name}_high"])
            assert parts == tuple(format_cell(v) for v in (total.best, total.low, total.high))
            assert row[f"{name}_derived"] == ("true" if total.is_derived else "false")
            # A total of one role alone says which, as its page does: '2 (security forces only)'.
            assert row[f"{name}_derived_from"] == ";".join(total.derived_from)
            derived += total.is_derived
    assert derived, "the real content has totals summed from roles"
    almaty = rows["2011-11-08-almaty-killing-of-two-police-officers"]
    assert (almaty["killed_best"], almaty["killed_derived_from"]) == ("2", "security-forces")
    page = _text(files, "data/index.md")
    assert "`killed_derived`" in page
    assert "../methodology.md#totals" in page


def test_incident_tables_show_totals_not_role_lists(generated: tuple[Dataset, Files]) -> None:
    dataset, files = generated
    timeline = _text(files, "timeline.md")
    assert "victims: " not in timeline
    assert "perpetrators: " not in timeline
    derived = 0
    for incident in dataset.published:
        total = incident.total("killed")
        if total is not None and total.is_derived:
            link = f"incidents/{incident.id}/"
            row = next(line for line in timeline.splitlines() if link in line)
            shown = html_text(total.display)
            assert row.endswith(f"<td>{shown}</td></tr>"), row
            page = _text(files, f"incidents/{incident.id}.md")
            anchor = (
                "#(figure|total)-killed[a-z-]*"  # a role's section, or the sentence splitting it
            )
            row = f'<tr><td>Killed</td><td><a href="{anchor}">{re.escape(shown)}</a>'
            assert re.search(row, page), row
            derived += 1
    assert derived, "the real content has totals summed from roles"


def test_a_total_of_one_role_alone_is_shown_once_in_the_infobox(
    generated: tuple[Dataset, Files],
) -> None:
    dataset, files = generated
    alone = 0
    for incident in dataset.published:
        page = _text(files, f"incidents/{incident.id}.md")
        for name in dict.fromkeys(figure.figure for figure in incident.figures):
            total = incident.total(name)
            if total is None or len(total.derived_from) != 1:
                continue
            if any(
                f.figure == name and f.role == "total" and not f.is_part for f in incident.figures
            ):
                # A whole figure without an estimate ('several people') has a row of its own.
                continue
            role = total.derived_from[0]
            label = dataset.vocabulary.label("figures", name)
            assert total.display.endswith(" only)"), total.display
            part = next(f for f in incident.figures if f.figure == name and f.role == role)
            counted = [f for f in incident.figures if f.key == part.key]
            if len(counted) == 1 and part.party is not None and not any(part.split[1:]):
                # One party's count alone: its own row says it, with the party's name.
                assert f'<tr><td>{label}</td><td><a href="#{figure_anchor(part)}">' not in page
                assert f"<tr><td>{label} ({ROLE_LABELS[role]}): among " in page
                continue
            row = f'<tr><td>{label}</td><td><a href="#{figure_anchor(part)}">'
            row += f"{html_text(total.display)}</a>"
            cited = r'( (<a class="citation" href="#src-[^"]+">\[\d+\]</a>)+)?'
            assert re.search(rf"^{re.escape(row)}( \(disputed\))?{cited}</td></tr>$", page, re.M), (
                row
            )
            assert f"<tr><td>{label} ({ROLE_LABELS[role]})</td>" not in page, "the role row"
            alone += 1
    assert alone, "the real content has totals of one role alone (Aktobe 2016: detained)"


def test_places_are_named_never_a_bare_country_code(generated: tuple[Dataset, Files]) -> None:
    dataset, files = generated
    countries = country_names(dataset.vocabulary)
    timeline = _text(files, "timeline.md")
    assert not re.search(r"<td>[A-Z]{2}</td>", timeline)
    for incident in dataset.published:
        row = next(line for line in timeline.splitlines() if f"incidents/{incident.id}/" in line)
        assert f"<td>{html_text(place_text(incident, countries))}</td>" in row
    unplaced = [p for i in dataset.published for p in i.places if not p.region]
    places = _text(files, "places/index.md")
    assert not re.search(r">[A-Z]{2}, region not recorded<", places)
    for place in unplaced:
        assert f">{country_name(place.country, countries)}, region not recorded</a>" in places


def test_source_entries_state_a_missing_headline_once(generated: tuple[Dataset, Files]) -> None:
    dataset, files = generated
    untitled = 0
    for incident in dataset.incidents:
        page = _text(files, f"incidents/{incident.id}.md")
        entries = [line for line in page.splitlines() if line.startswith('<li id="src-')]
        assert entries
        for entry in entries:
            assert "untitled report" not in entry
            assert entry.casefold().count("headline") <= 1, entry
            assert ">report</a>" not in entry, entry
        named = [re.search(r"</strong>: <a [^>]*>(Report of|Report, date)", e) for e in entries]
        untitled += sum(match is not None for match in named)
    assert untitled, "the real content cites reports whose headline is not recorded"


def test_claims_tables_are_by_date_with_exact_left_blank(generated: tuple[Dataset, Files]) -> None:
    dataset, files = generated
    for incident in dataset.incidents:
        page = _text(files, f"incidents/{incident.id}.md")
        tables = page.split("<thead><tr><th>Reported</th>")
        assert (len(tables) > 1) == bool(incident.figures), incident.id
        for before, table in zip(tables, tables[1:], strict=False):
            head, body = table.split("</thead>")[0], table.split("</tbody>")[0].splitlines()[2:]
            # The note that sources disagree says the table shows when only if it does.
            intro = before.rsplit("<h3", 1)[-1]
            assert ("shows who said each, and when" in intro) <= ("<th>As of</th>" in head)
            columns = ["Reported", *re.findall(r"<th>(.*?)</th>", head)]
            cells = [re.findall(r"<td>(.*?)</td>", line) for line in body]
            rows = [dict(zip(columns, row, strict=True)) for row in cells]
            assert rows, incident.id
            assert "exact" not in [row.get("Qualifier") for row in rows], incident.id
            dated = [bool(row.get("As of")) for row in rows]
            assert dated == sorted(dated, reverse=True), incident.id
            for optional in ("Qualifier", "As of", "Words and notes"):
                # A column no claim fills is left out; one that is there is filled somewhere.
                assert optional not in columns or any(row[optional] for row in rows), incident.id


def test_report_map_caption_counts_incidents_left_off(generated: tuple[Dataset, Files]) -> None:
    dataset, files = generated
    unmapped = sum(
        1
        for i in dataset.published
        if not any(p.coordinates and p.scope not in ("country", "regions") for p in i.places)
    )
    assert unmapped
    caption = (
        f"{unmapped} of the {len(dataset.published)} incidents have no place with recorded "
        "coordinates narrower than several regions"
    )
    assert caption in _text(files, "report/index.md")
    assert caption in _text(files, "report/report.html")


def test_a_measure_shows_when_it_ended_and_the_end_first_decreed(
    generated: tuple[Dataset, Files],
) -> None:
    """Zhanaozen's state of emergency was decreed to 5 January 2012 and lifted on 31 January."""
    dataset, files = generated
    shown = 0
    for incident in dataset.published:
        page = _text(files, f"incidents/{incident.id}.md")
        for measure in incident.measures:
            if measure.decreed_end in (None, measure.end):
                continue
            decreed = f"decreed until {format_moment(measure.decreed_end)}"
            ended = format_moment(measure.end) if measure.end else "not reported"
            assert f"<td>{ended} ({decreed})</td>" in page
            shown += 1
    assert shown >= 2


def test_every_figure_and_claim_of_the_data_is_one_click_from_its_place_on_its_page(
    generated: tuple[Dataset, Files],
) -> None:
    """figures.csv's row is `#figure-<figure_key>`; claims.csv's `#claim-<figure_key>-<claim>`,
    the row that shows its number and cites its source."""
    _, files = generated
    figures, claims = _rows(files, "data/figures.csv"), _rows(files, "data/claims.csv")
    assert figures
    assert claims
    for row in figures:
        page = _text(files, f"incidents/{row['incident_id']}.md")
        assert f'<h3 id="figure-{row["figure_key"]}">' in page, row
    for row in claims:
        page = _text(files, f"incidents/{row['incident_id']}.md")
        found = re.search(f'<tr id="claim-{row["figure_key"]}-{row["claim"]}">(.*?)</tr>', page)
        assert found is not None, row
        shown = found.group(1)
        assert shown.startswith(f"<td>{html.escape(row['display'], quote=False)}</td>"), row
        assert f'href="#src-{row["source_id"]}"' in shown, row
    data_page = _text(files, "data/index.md")
    assert "`#figure-<figure_key>`" in data_page
    assert "`#claim-<figure_key>-<claim>`" in data_page


def test_a_record_that_is_part_of_another_says_so_in_incidents_csv(
    generated: tuple[Dataset, Files],
) -> None:
    """Temir's final siege is counted in the record of the whole sequence: count it once."""
    dataset, files = generated
    part_of = {r["id"]: r["part_of"] for r in _rows(files, "data/incidents.csv")}
    expected = {
        i.id: ";".join(r.id for r in i.related if r.relation == "part-of")
        for i in dataset.published
    }
    assert part_of == expected
    assert part_of["2011-07-08-temir-district-final-siege"] == (
        "2011-06-30-temir-district-police-killings-and-manhunt"
    )


def test_a_part_of_another_record_says_where_its_people_are_counted(
    generated: tuple[Dataset, Files],
) -> None:
    """Not a dash, which would read as no one killed or as unknown: its page, the lists and
    the report say that the whole counts them, and the page's row leads to the whole."""
    _, files = generated
    siege = "2011-07-08-temir-district-final-siege"
    page = _text(files, f"incidents/{siege}.md")
    assert f'<tr><td>Killed and injured</td><td><a href="#related">{PART_COUNTED}</a>' in page
    assert '<h2 id="related">' in page
    # A number that only uncertain reports give says so at the top of its page.
    almaty = _text(files, "incidents/2016-07-18-almaty-police-shootings.md")
    killed = '<a href="#figure-killed-perpetrators">1</a> (uncertain reports only)'
    assert killed in almaty
    timeline = _text(files, "timeline.md")
    row = next(line for line in timeline.splitlines() if f"incidents/{siege}/" in line)
    assert row.endswith(f"<td>{PART_COUNTED}</td></tr>")
    assert "<td>counted with the<br><small>incident it is part of</small></td>" in _text(
        files, "report/report.html"
    )


def test_a_worked_out_claim_reads_so_on_its_page_in_the_report_and_in_the_data(
    generated: tuple[Dataset, Files],
) -> None:
    """Zhanaozen's 64 adds up two morgue counts; nobody stated it as one number."""
    dataset, files = generated
    zhanaozen = "2011-12-16-zhanaozen-police-fire-on-strikers-and-unrest"
    rows = _rows(files, "data/claims.csv")
    (row,) = (
        r
        for r in rows
        if r["incident_id"] == zhanaozen
        and r["figure_key"].startswith("killed-total-place-")
        and r["value"] == "64"
    )
    assert (row["worked_out"], row["display"]) == ("true", "64 (worked out)")
    assert "<td>64 (worked out)</td>" in _text(files, f"incidents/{zhanaozen}.md")
    assert "64 (worked out) — " in _text(files, "report/report.html")
    worked = [c for i in dataset.incidents for f in i.figures for c in f.claims if c.worked_out]
    assert worked
    assert all(claim.note for claim in worked), "a worked-out number says from what"


def test_people_who_fled_abroad_leave_korday_in_zhambyl_region(
    generated: tuple[Dataset, Files],
) -> None:
    """Korday's Kyrgyz place is where people fled; the dead and injured count where they fell."""
    _, files = generated
    korday = "2020-02-07-korday-district-dungan-kazakh-clashes"
    rows = _rows(files, "data/area_totals.csv")
    areas = {(r["figure"], r["area"]) for r in rows if r["incident_id"] == korday}
    assert areas == {("killed", "Zhambyl Region"), ("injured", "Zhambyl Region")}
    places = _rows(files, "data/places.csv")
    assert [r["scene"] for r in places if r["incident_id"] == korday][-1] == "false"
