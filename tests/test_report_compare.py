"""The report's pure parts: selecting incidents and comparing them into a view model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest

from generator.content.validate import check_content
from generator.core.settings import Settings
from generator.model import Dataset
from generator.report.compare import Comparison, compare
from generator.report.document import Selection, check_selection, select_incidents
from generator.report.findings import LARGEST, _find_largest, rank_disputes
from generator.report.parts import located_places
from generator.report.text import Span, whole
from generator.text.figures import by_as_of, figure_label
from tests.conftest import FIXTURES, make_settings

ALMATY = "2012-07-10-almaty-example-shoot-out"
AKTOBE = "2016-06-05-aktobe-example-attacks"
BLAST = "2019-11-20-shymkent-example-blast"
HOSTAGES = "2023-02-14-example-town-hostage-taking"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    loaded, problems = check_content(make_settings(FIXTURES / "report"))
    assert problems == []
    return loaded


@pytest.fixture(scope="module")
def comparison(dataset: Dataset) -> Comparison:
    return compare(dataset.published, dataset.vocabulary, dataset.sources)


def _texts(rows: tuple[tuple[object, ...], ...]) -> list[list[str]]:
    return [["\n".join(cell.lines) for cell in row] for row in rows]  # type: ignore[attr-defined]


# --- Selection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (Selection(), [ALMATY, AKTOBE, BLAST, HOSTAGES]),
        (Selection(kind="hostage-taking"), [HOSTAGES]),
        (Selection(kind="shoot-out"), [ALMATY, AKTOBE]),
        (Selection(since="2016-06-05"), [AKTOBE, BLAST, HOSTAGES]),
        (Selection(since=" 2016-06-05 "), [AKTOBE, BLAST, HOSTAGES]),  # spaces are ignored
        (Selection(until="2016-06-04"), [ALMATY]),
        (Selection(since="2013-01-01", until="2020-01-01"), [AKTOBE, BLAST]),
        (Selection(region="aktobe region"), [AKTOBE]),
        (Selection(ids=(HOSTAGES, ALMATY)), [ALMATY, HOSTAGES]),
    ],
)
def test_select_incidents_applies_every_filter(
    dataset: Dataset, selection: Selection, expected: list[str]
) -> None:
    assert check_selection(selection, dataset) == []
    assert sorted(i.id for i in select_incidents(dataset, selection)) == sorted(expected)


def test_select_incidents_leaves_out_drafts(dataset: Dataset) -> None:
    assert "2020-03-03-example-draft-arson" not in {
        i.id for i in select_incidents(dataset, Selection())
    }


def test_check_selection_names_every_bad_option(dataset: Dataset) -> None:
    selection = Selection(
        kind="piracy",
        since="2020-1-1",
        until="2020-02-30",
        region="Atlantis",
        ids=("2020-03-03-example-draft-arson", "nope"),
    )
    problems = [f"{p.field}: {p.message}" for p in check_selection(selection, dataset)]
    assert problems[0].startswith("--type: must be an incident type from content/vocabulary.yaml")
    assert problems[0].endswith("(got 'piracy')")
    assert problems[1].startswith("--region: must be a region from content/vocabulary.yaml")
    assert problems[2:] == [
        "--since: must be a date YYYY-MM-DD (got '2020-1-1')",
        "--until: must be a date YYYY-MM-DD (got '2020-02-30')",
        "--ids: must list published incident ids from content/incidents/ "
        "(got '2020-03-03-example-draft-arson': is not published)",
        "--ids: must list published incident ids from content/incidents/ (got 'nope': unknown)",
    ]


def test_selection_from_options_splits_ids() -> None:
    selection = Selection.from_options(kind=None, since=None, until=None, region=None, ids="a, b,")
    assert selection.ids == ("a", "b")
    assert selection.description == "ids a, b"
    assert Selection().description == "all published incidents"


# --- Comparison --------------------------------------------------------------------------


def test_compare_orders_incidents_by_date(comparison: Comparison) -> None:
    assert [i.id for i in comparison.incidents] == [ALMATY, AKTOBE, BLAST, HOSTAGES]
    assert [row[0].link for row in comparison.overview.rows] == [ALMATY, AKTOBE, BLAST, HOSTAGES]


def test_compare_overview_is_a_summary_of_estimates_disagreement_and_sources(
    comparison: Comparison,
) -> None:
    assert comparison.overview.headers == (
        "Incident", "Date", "Place", "Type", "Killed", "Injured", "Sources disagree", "Sources",
    )  # fmt: skip
    rows = {row[0]: dict(zip(comparison.overview.headers, row, strict=True))
            for row in _texts(comparison.overview.rows)}  # fmt: skip
    almaty = rows["Example shoot-out on the edge of Almaty"]
    assert almaty["Killed"] == "8 (6–8)"
    assert almaty["Injured"] == "3 (2–4)"
    assert almaty["Sources disagree"] == "yes, on 2 figures"
    assert almaty["Sources"] == "2"
    aktobe = rows["Example attacks in Aktobe"]
    assert aktobe["Killed"] == "24 (19–26)\n(sum of roles)", "the number on a line of its own"
    assert aktobe["Date"] == "2016-06-05\nto 2016-06-06", "each date whole on its line"
    assert aktobe["Sources disagree"] == "yes, on 3 figures"
    assert rows["Example blast in Shymkent"]["Killed"] == "unquantified:\nseveral"
    assert rows["Example blast in Shymkent"]["Sources disagree"] == "no"


def test_whole_adds_roles_only_when_no_total_is_recorded(dataset: Dataset) -> None:
    by_id = {i.id: i for i in dataset.published}
    assert whole(by_id[ALMATY], "killed") == Span(8, 6, 8)
    assert whole(by_id[AKTOBE], "killed") == Span(24, 19, 26, basis="sum of roles")
    assert whole(by_id[BLAST], "killed") is None


def test_compare_profiles_show_every_incident_with_claims_or_where_they_are_listed(
    comparison: Comparison,
) -> None:
    (profile,) = comparison.profiles
    assert profile.headers == (
        "",
        "Example shoot-out on the edge of Almaty",
        "Example attacks in Aktobe",
        "Example blast in Shymkent",
        "Example post office hostage-taking",
    )
    rows = {row[0]: row[1:] for row in _texts(profile.rows)}
    # A disputed figure points to the disputes table, which lists its claims once; the
    # estimate's rationale goes with it.
    assert rows["Killed (perpetrators)"][1] == (
        "18 (13–18)\nrule: latest official figure\nwhy: The later official count.\n"
        "3 claims, listed under Where sources disagree"
    )
    # ... and that last line links to the figure's row of the disputes table.
    cell = next(row[2] for row in profile.rows if row[0].lines[0] == "Killed (perpetrators)")
    assert [cell.sees(index) for index in range(len(cell.lines))] == [
        "", "", "", f"dispute-{AKTOBE}-figure-killed-perpetrators",
    ]  # fmt: skip
    assert rows["Killed (perpetrators)"][3] == "—"
    # An incident without a curated total shows the total of its roles, as every table does.
    assert rows["Killed"][1] == "24 (19–26) (sum of roles)"
    # Sources agree on the hostages: every claim is listed here, with its source number.
    assert rows["Hostages"][3].startswith("4\nrule: ")
    assert "[" in rows["Hostages"][3].splitlines()[2]
    for label in ("Responding forces", "Tactics", "Led by", "Outcome", "Perpetrators' fate"):
        assert label in rows, "response and outcome are part of each profile"
    assert rows["Labels"][1] == (
        "terrorist attack (Example President's Office); extremist crime (Example Herald)"
    )
    assert rows["Sources cited"][0] == "[2]\n[6]", "the incident's two sources, by number"


def test_compare_numbers_sources_in_the_order_of_the_source_list(comparison: Comparison) -> None:
    numbered = [(e.number, e.source.id) for e in comparison.sources]
    assert numbered[3:5] == [
        (4, "example-herald-2016-06-08-aktobe"),
        (5, "example-ministry-2016-06-06-statement"),
    ]
    assert len(numbered) == 7
    assert "2020-03-03-example-draft-arson" not in str(comparison.sources)


def test_compare_aggregates_sum_best_low_and_high(comparison: Comparison) -> None:
    tables = dict(comparison.aggregates)
    by_type = {row[0]: row for row in _texts(tables["type"].rows)}
    assert tables["type"].headers[:3] == ("Type", "Incidents", "Killed (all)")
    assert by_type["Shoot-out"][1:4] == ["2", "32 (25–34)", "25 (18–25)"]
    assert by_type["Shoot-out"][-2] == "3 (3–5)\nfrom 1 of 2"
    by_year = [row[0] for row in _texts(tables["year"].rows)]
    assert by_year == ["2012", "2016", "2019", "2023", "All years"]


def test_rank_disputes_puts_the_widest_spread_first(dataset: Dataset) -> None:
    ranked = rank_disputes(dataset.published)
    assert [(i.id, f.figure, f.role, f.spread) for i, f in ranked][:2] == [
        (AKTOBE, "injured", "total", 8),
        (AKTOBE, "killed", "perpetrators", 5),
    ]
    assert all(f.is_disputed or f.spread for _, f in ranked)


def test_compare_findings_are_computed_sentences(comparison: Comparison) -> None:
    # A superlative needs two incidents to compare: one of several is said as such.
    assert comparison.findings == (
        "The report compares 4 incidents from 2012 to 2023 in 4 regions.",
        "Best estimates (low–high) add up to 32 (25–34) killed in the 3 incidents with an "
        "estimate and 41 (32–42) injured in the 2 incidents with an estimate.",
        "Of the killed, 25 (18–25) were perpetrators, in the 2 incidents whose records count "
        "them apart: the totals are not victims alone.",
        "The deadliest incident was Example attacks in Aktobe (2016-06-05): "
        "24 (19–26) (sum of roles) killed.",
        "The most people were injured in Example attacks in Aktobe (2016-06-05): 38 (30–38).",
        "Of the incidents, only Example post office hostage-taking (2023-02-14) has an estimate "
        "of hostages held: 4.",
        "Of the incidents with a recorded duration, the longest was Example attacks in Aktobe "
        "(2016-06-05): 26 hours.",
        "Sources disagree most on the figure “Injured” of Example attacks in Aktobe: its 2 claims "
        "run from 30 to 38.",
        "Sources disagree on at least one figure for 2 of the 4 incidents.",
        "Example attacks in Aktobe cites the most sources: 3 sources.",
        "Reports of what happened to the perpetrators say killed in 2 incidents, detained in 1 "
        "incident, surrendered in 1 incident.",
    )


def test_compare_chart_data(comparison: Comparison) -> None:
    assert [(b.incident, b.role, b.span.best) for b in comparison.bars][:2] == [
        ("2012-07-10 Almaty", "perpetrators", 7),
        ("2012-07-10 Almaty", "security-forces", 1),
    ]
    assert comparison.years[0] == (2012, 1)
    assert comparison.years[-1] == (2023, 1)
    assert len(comparison.years) == 12
    assert [(p.label, p.killed) for p in comparison.points] == [
        ("2012-07-10 Almaty", 8),
        ("2016-06-05 Aktobe, Aktobe Region", 24),
        ("2023-02-14 Example Town, Karaganda Region", 0),
    ]


def test_compare_of_nothing_is_empty(dataset: Dataset) -> None:
    empty = compare((), dataset.vocabulary, dataset.sources)
    assert empty.findings == ()
    assert empty.overview.rows == ()
    assert empty.years == ()


def test_compare_real_profiles_keep_every_claim_in_the_profile_or_the_disputes(
    real_content: Settings,
) -> None:
    dataset, _ = check_content(real_content)
    result = compare(dataset.published, dataset.vocabulary, dataset.sources)
    numbers = {e.source.id: e.number for e in result.sources}
    disputes = {(row[0].link, row[1].lines[0]): row[5] for row in result.disputes.rows}
    profiled = [title for profile in result.profiles for title in profile.headers[1:]]
    assert profiled == [i.title for i in result.incidents], "every incident, by date"
    # The comparison keeps each incident's facts; the claims are in the whole records.
    by_title = {i.title: i for i in dataset.published}
    for profile in result.profiles:
        cells = {row[0].lines[0]: row[1:] for row in profile.rows}
        for column, title in enumerate(profile.headers[1:]):
            incident = by_title[title]
            # A figure of one party, place or country is in a row of its own kind (below).
            for figure in (f for f in incident.figures if not f.is_part):
                label = figure_label(figure.figure, figure.role, dataset.vocabulary)
                lines = cells[label][column].lines
                if (incident.id, label) in disputes:
                    assert lines[-1] == (
                        f"{len(figure.claims)} claims, listed under Where sources disagree"
                    )
                    listed = disputes[(incident.id, label)].lines
                else:
                    listed = lines[-len(figure.claims) :]
                for claim, line in zip(by_as_of(figure.claims), listed, strict=True):
                    part = f", part: {claim.part}" if claim.part else ""
                    assert line.startswith(f"{claim.display}{part} — {claim.stated_by}")
                    assert line.endswith(f"[{numbers[claim.source]}]")


def test_fixture_corpus_is_marked_fictional() -> None:
    for path in sorted((FIXTURES / "report" / "content").rglob("*.yaml")):
        if path.name != "vocabulary.yaml":
            assert path.read_text(encoding="utf-8").startswith("# Fictional test data"), path


def test_fixture_sources_use_example_addresses() -> None:
    for path in sorted((FIXTURES / "report" / "content" / "sources").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert "url: https://example.org/" in text, path
        assert Path(path).stem.startswith("example-")


def test_map_caption_counts_incidents_without_coordinates(real_content: Settings) -> None:
    dataset, _ = check_content(real_content)
    result = compare(dataset.published, dataset.vocabulary, dataset.sources)
    located = [i for i in dataset.published if located_places(i)]
    # An incident's located places share its number in the map's key.
    assert sorted({p.number for p in result.points}) == list(range(1, len(located) + 1))
    assert len(result.points) == sum(len(located_places(i)) for i in located)
    assert result.unmapped == len(dataset.published) - len(located)
    assert not [p.label for p in result.points if p.label.endswith(" KZ")]


def test_compare_charts_only_the_deadliest_incidents_in_date_order(real_content: Settings) -> None:
    from generator.report.compare import deadliest

    dataset, _ = check_content(real_content)
    killed = [i for i in dataset.published if i.total("killed") is not None]
    chosen = deadliest(killed, 3)
    totals = sorted((i.total("killed").best for i in killed), reverse=True)  # type: ignore[union-attr]
    assert sorted(i.total("killed").best for i in chosen) == sorted(totals[:3])  # type: ignore[union-attr]
    assert list(chosen) == sorted(chosen, key=lambda i: (i.date, i.id))
    assert deadliest(killed, len(killed)) == tuple(killed)


def test_findings_of_one_incident_say_so_instead_of_superlatives(dataset: Dataset) -> None:
    hostages = [i for i in dataset.published if i.id == HOSTAGES]
    result = compare(hostages, dataset.vocabulary, dataset.sources)
    assert result.findings == (
        "The report covers one incident, Example post office hostage-taking, of 2023.",
        "The only incident, Example post office hostage-taking (2023-02-14), has an estimate of "
        "4 held hostage.",
        "The only incident, Example post office hostage-taking (2023-02-14), lasted 3 hours.",
        "Sources agree on every figure of the incident.",
        "The record of Example post office hostage-taking cites 1 source.",
        "Reports of what happened to the perpetrators say surrendered.",
    )
    assert not [f for f in result.findings if "most" in f or "deadliest" in f or "1 incidents" in f]


def test_dates_written_out_are_kept_on_one_line() -> None:
    from generator.report.text import keep_dates_whole

    assert keep_dates_whole("on 18 June 2023, as 5–10 June 2016; not June 2016 or 2016-06-05") == (
        "on 18\u00a0June\u00a02023, as 5–\u206010\u00a0June\u00a02016; not June 2016 or 2016-06-05"
    )


def test_a_largest_figure_says_when_another_range_may_be_as_large() -> None:
    """INVENTED: 8 (0–30) hostages leads 7 (7–8) on best estimates only: the sentence says so."""

    def facts(key: str, title: str) -> Any:
        return SimpleNamespace(id=key, title=title, date=dt.date(2030, 1, int(key)))

    incidents = cast(Any, (facts("1", "Invented siege"), facts("2", "Invented bank siege")))
    spans = {"1": Span(8, 0, 30), "2": Span(7, 7, 8)}
    assert _find_largest(incidents, spans, LARGEST["hostages"]) == (
        "The most hostages were held in Invented siege (2030-01-01): 8 (0–30). The ranges "
        "overlap, so this is not certain: Invented bank siege (7 (7–8)) may have been as large."
    )
    apart = {"1": Span(8, 8, 30), "2": Span(7, 7, 7)}
    assert _find_largest(incidents, apart, LARGEST["hostages"]).endswith(": 8 (8–30).")


def test_a_largest_figure_names_three_ties_and_counts_the_rest() -> None:
    """INVENTED: five incidents tie at 9 killed; a key finding names three of them."""
    incidents = cast(
        Any,
        tuple(
            SimpleNamespace(id=str(n), title=f"Invented {n}", date=dt.date(2030, 1, n))
            for n in range(1, 6)
        ),
    )
    spans = {str(n): Span(9, 9, 9) for n in range(1, 6)}
    assert _find_largest(incidents, spans, LARGEST["killed"]) == (
        "The deadliest incident was Invented 1 and Invented 2 and Invented 3 and 2 other "
        "incidents tied with them (2030-01-01, 2030-01-02, 2030-01-03): 9 killed."
    )
