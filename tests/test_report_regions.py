"""The report's aggregates by region count every person once (on INVENTED records)."""

from __future__ import annotations

import pytest
import yaml

from generator.core.settings import ROOT
from generator.model import Vocabulary
from generator.report.parts import chart_label
from generator.report.tables import Table, make_aggregates
from tests.invented_events import local, nationwide


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    text = (ROOT / "content" / "vocabulary.yaml").read_text(encoding="utf-8")
    return Vocabulary.model_validate(yaml.safe_load(text))


def _rows(table: Table) -> dict[str, list[str]]:
    return {row[0].lines[0]: ["\n".join(cell.lines) for cell in row[1:]] for row in table.rows}


def test_region_table_puts_place_parts_in_their_regions_and_the_rest_once_nationwide(
    vocabulary: Vocabulary,
) -> None:
    tables = dict(make_aggregates((nationwide(), local()), vocabulary))
    region = tables["region"]
    assert region.headers == (
        "Region",
        "Incidents",
        "Killed (all)",
        "Killed (perpetrators)",
        "Killed (security forces)",
        "Killed (civilians)",
        "Injured",
    )
    assert _rows(region) == {
        # The local attack is counted here; the nationwide event's 40 killed in Almaty are a part.
        "Almaty": ["1 (+ parts of 1 more)", "45", "3", "—", "2", "—"],
        "Mangystau Region": ["parts of 1", "10", "—", "—", "—", "—"],
        # Its killed by role (20 security forces, 50 civilians) cannot be placed: beside the 50
        # left here they would read as more than all its killed there.
        "Nationwide (Kazakhstan)": ["1", "50", "—", "—", "—", "300"],
    }


def test_region_table_never_shows_the_national_toll_in_a_region(vocabulary: Vocabulary) -> None:
    rows = _rows(dict(make_aggregates((nationwide(),), vocabulary))["region"])
    assert [cells[1] for cells in rows.values()] == ["40", "10", "50"]
    assert sum(int(cells[1]) for cells in rows.values()) == 100


def test_region_table_counts_an_unsplit_event_of_several_regions_in_one_row(
    vocabulary: Vocabulary,
) -> None:
    event = nationwide()
    places = event.places[:2]
    figures = tuple(f for f in event.figures if f.place is None)
    both = event.model_copy(update={"places": places, "figures": figures})
    rows = _rows(dict(make_aggregates((both, local()), vocabulary))["region"])
    assert rows == {
        "Almaty": ["1", "5", "3", "—", "2", "—"],
        "Several regions": ["1", "100", "—", "20", "50", "300"],
    }


def test_region_table_keeps_a_one_region_event_whole(vocabulary: Vocabulary) -> None:
    twice = (local(), local("2030-04-01-invented-b"))
    rows = _rows(dict(make_aggregates(twice, vocabulary))["region"])
    assert rows == {"Almaty": ["2", "10", "6", "4", "—"]}


def test_a_place_that_names_only_its_country_is_not_counted_as_nationwide(
    vocabulary: Vocabulary,
) -> None:
    somewhere = local(places=[{"country": "KZ"}])
    town = local("2030-04-01-invented-town", places=[{"country": "KZ", "settlement": "Invented"}])
    rows = _rows(dict(make_aggregates((somewhere, town, nationwide()), vocabulary))["region"])
    assert rows["Kazakhstan (region not recorded)"] == ["2", "10", "6", "—", "4", "—"]
    assert rows["Nationwide (Kazakhstan)"] == ["1", "50", "—", "—", "—", "300"]
    assert chart_label(somewhere, {"KZ": "Kazakhstan"}) == "2030-03-01 Kazakhstan"
    assert chart_label(nationwide(), {"KZ": "Kazakhstan"}) == "2030-01-02 Nationwide (Kazakhstan)"
