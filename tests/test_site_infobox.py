"""An incident page's infobox: a total added up from one role is shown once (INVENTED records)."""

from __future__ import annotations

from typing import Any

import pytest

from generator.content.validate import check_content
from generator.model import PART_COUNTED, Dataset, Total, summarize
from generator.report.tables import make_overview
from generator.report.text import Span
from generator.site.incident_view import infobox_figures, sorted_figures
from generator.text.filters import total_text
from tests.conftest import FIXTURES, make_settings
from tests.invented_events import _figure, local


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    """The invented records of tests/fixtures/kinds/, for their vocabulary."""
    found, problems = check_content(make_settings(FIXTURES / "kinds"))
    assert problems == []
    return found


def _rows(figures: list[dict[str, Any]], dataset: Dataset) -> list[tuple[str, str, bool]]:
    incident = local(figures=figures)
    order = tuple(kind.id for kind in dataset.vocabulary.figures)
    infobox = infobox_figures(incident, sorted_figures(incident, order), dataset)
    return [(row.label, row.value, row.disputed) for row in infobox]


def test_a_total_of_one_role_alone_is_one_row_that_says_so(dataset: Dataset) -> None:
    disputed = _figure("detained", 9) | {"role": "perpetrators"}
    disputed["claims"] = [*disputed["claims"], disputed["claims"][0] | {"value": 7}]
    disputed["estimate"] = disputed["estimate"] | {"low": 8}
    rows = _rows([_figure("killed", 3) | {"role": "perpetrators"}, disputed], dataset)
    assert rows == [
        ("Killed", "3 (perpetrators only)", False),
        ("Detained", "9 (8–9) (perpetrators only)", True),
    ]


def test_a_total_of_several_roles_keeps_every_role_row(dataset: Dataset) -> None:
    rows = _rows(
        [
            _figure("killed", 3) | {"role": "perpetrators"},
            _figure("killed", 2) | {"role": "civilians"},
        ],
        dataset,
    )
    assert rows == [
        ("Killed", "5 (sum of roles)", False),
        ("Killed (civilians)", "2", False),
        ("Killed (perpetrators)", "3", False),
    ]


def test_the_words_of_a_total_are_the_same_on_the_site_and_in_the_report() -> None:
    incident = local(figures=[_figure("killed", 2) | {"role": "security-forces"}])
    total = incident.total("killed")
    assert total is not None
    assert total_text(incident) == Span.of(total).display == "2 (security forces only)"
    assert Total(4, 4, 4, ("unknown",)).display == "4 (people of unknown role only)"
    assert Total(4, 4, 4, ("parties",)).display == "4 (sum of roles)"
    assert Total(4, 3, 5).display == "4 (3–5)"


def test_a_value_that_only_uncertain_reports_give_says_so(dataset: Dataset) -> None:
    """Claims found only in a secondary or low-reliability report are marked uncertain; a
    value standing on them alone is marked so in the infobox, a total added up from them too."""
    doubtful = _figure("injured", 3)
    doubtful["claims"][0]["uncertain"] = True
    confirmed = _figure("detained", 2)
    confirmed["claims"] = [confirmed["claims"][0] | {"uncertain": True}, confirmed["claims"][0]]
    alone = _figure("killed", 1) | {"role": "perpetrators"}
    alone["claims"][0]["uncertain"] = True
    incident = local(figures=[alone, doubtful, confirmed])
    order = tuple(kind.id for kind in dataset.vocabulary.figures)
    rows = infobox_figures(incident, sorted_figures(incident, order), dataset)
    assert [(row.label, row.uncertain) for row in rows] == [
        ("Killed", True),
        ("Injured", True),
        ("Detained", False),
    ]


def test_roles_that_make_no_total_are_shown_where_the_total_would_be(dataset: Dataset) -> None:
    """Victims without a count of perpetrators make no total; a listing says what is counted
    rather than a dash that reads as unknown, on the site and in the report alike."""
    victims = _figure("killed", 0) | {"role": "victims"}
    hostages = _figure("killed", 2) | {"role": "hostages"}
    incident = local(figures=[victims, hostages])
    assert incident.total("killed") is None
    assert total_text(incident) == "no total; victims 0, of them hostages 2"
    assert total_text(summarize(incident)) == "no total; victims 0, of them hostages 2"
    cell = make_overview((incident,), dataset.vocabulary, {}).rows[0][4]
    assert cell.lines == ("no total;", "victims 0, of them hostages 2")
    # A dash only where no one killed is counted at all; a total is never joined by the rest.
    assert total_text(local(figures=[_figure("injured", 4)])) == "–"
    # A part of another record keeps no figures: the whole counts its people.
    part = local(figures=[], related=[{"id": "2030-02-01-invented-manhunt", "relation": "part-of"}])
    assert total_text(part) == total_text(summarize(part)) == PART_COUNTED
    assert make_overview((part,), dataset.vocabulary, {}).rows[0][4].lines == (
        "counted with the",
        "incident it is part of",
    )
    # A part that keeps a figure of its own is no such part; claims of a total are shown.
    assert local(figures=[_figure("injured", 4)], related=part.related).no_total("killed") == ""
    claimed = _figure("killed", 5)
    del claimed["estimate"]
    assert local(figures=[claimed, victims]).no_total("killed") == ""
    preceded = [{"id": "2030-02-01-invented-manhunt", "relation": "preceded-by"}]
    assert total_text(local(figures=[], related=preceded)) == "–"
    with_total = local(figures=[victims, _figure("killed", 1) | {"role": "perpetrators"}])
    assert total_text(with_total) == "1 (sum of roles)"
    assert with_total.no_total("killed") == ""


def test_a_figure_known_only_by_country_is_in_the_infobox(dataset: Dataset) -> None:
    """People who fled across a border are counted by the country they reached: with no
    whole to stand for them, those parts are the figure and the infobox shows them."""
    rows = _rows(
        [
            _figure("killed", 3),
            _figure("injured", 40),
            _figure("injured", 5) | {"country": "KG"},
            _figure("refugees", 4000) | {"country": "KG"},
        ],
        dataset,
    )
    assert rows == [
        ("Killed", "3", False),
        ("Injured", "40", False),
        ("Fled across a border: in Kyrgyzstan", "4,000", False),
    ]


def test_a_best_value_every_report_hedges_reads_hedged(dataset: Dataset) -> None:
    """'About 400' stays 'about 400'; 'at least 30', and a value one report gives exactly, are
    plain (the hedge of 'at least' could contradict the range's high)."""
    about = _figure("perpetrators", 400)
    about["claims"][0]["qualifier"] = "about"
    floor = _figure("killed", 30)
    floor["claims"][0]["qualifier"] = "at-least"
    mixed = _figure("detained", 47)
    mixed["claims"] = [mixed["claims"][0] | {"qualifier": "about"}, mixed["claims"][0]]
    rows = _rows([floor, about, mixed], dataset)
    assert [(label, value) for label, value, _ in rows] == [
        ("Killed", "30"),
        ("Perpetrators involved", "about 400"),
        ("Detained", "47"),
    ]


def test_a_total_of_one_partys_count_alone_is_that_partys_row(dataset: Dataset) -> None:
    """No '70 (perpetrators only)' above the party's own 'about 70'."""
    detained = _figure("detained", 70, role="perpetrators", party="gunmen")
    detained["claims"][0]["qualifier"] = "about"
    rows = _rows([_figure("killed", 3), detained], dataset)
    assert [(label, value) for label, value, _ in rows] == [
        ("Killed", "3"),
        ("Detained (perpetrators): among gunmen", "about 70"),
    ]


def test_each_infobox_number_cites_the_sources_of_its_claims(dataset: Dataset) -> None:
    """One click from an infobox number to the reports behind it; a sum of roles cites the
    sources of every role it adds up, each once, numbered as on the page."""
    perpetrators = _figure("killed", 3) | {"role": "perpetrators"}
    second = perpetrators["claims"][0] | {"source": "invented-second-report"}
    perpetrators["claims"] = [perpetrators["claims"][0], second]
    civilians = _figure("killed", 2) | {"role": "civilians"}
    civilians["claims"] = [civilians["claims"][0] | {"source": "invented-third-report"}]
    incident = local(figures=[civilians, perpetrators])
    order = tuple(kind.id for kind in dataset.vocabulary.figures)
    infobox = infobox_figures(incident, sorted_figures(incident, order), dataset)
    first = perpetrators["claims"][0]["source"]
    assert [(row.label, row.sources) for row in infobox] == [
        ("Killed", ("invented-third-report", first, "invented-second-report")),
        ("Killed (civilians)", ("invented-third-report",)),
        ("Killed (perpetrators)", (first, "invented-second-report")),
    ]


def test_an_infobox_number_cites_only_the_claims_its_range_meets(dataset: Dataset) -> None:
    """'7 (7–8)' cites the reports of 7, 8 and 'at least 3', not those of 10 or 'several'."""
    killed = _figure("killed", 7)
    claim = killed["claims"][0]
    killed["claims"] = [
        claim,
        claim | {"value": 8, "source": "invented-eight"},
        claim | {"value": 3, "qualifier": "at-least", "source": "invented-at-least"},
        claim | {"value": 10, "source": "invented-ten"},
        {"text": "several", "stated_by": "Invented Wire", "source": "invented-words"},
    ]
    killed["estimate"] = killed["estimate"] | {"high": 8, "rule": "editor-judgement"}
    incident = local(figures=[killed])
    order = tuple(kind.id for kind in dataset.vocabulary.figures)
    (row,) = infobox_figures(incident, sorted_figures(incident, order), dataset)
    assert row.sources == (claim["source"], "invented-eight", "invented-at-least")


def test_a_total_added_up_from_several_roles_links_to_the_sentence_that_splits_it(
    dataset: Dataset,
) -> None:
    order = tuple(kind.id for kind in dataset.vocabulary.figures)
    several = local(
        figures=[_figure("killed", 3, role="perpetrators"), _figure("killed", 2, role="civilians")]
    )
    one = local(figures=[_figure("killed", 3, role="perpetrators")])
    rows = [infobox_figures(i, sorted_figures(i, order), dataset)[0] for i in (several, one)]
    assert [row.anchor for row in rows] == ["total-killed", "figure-killed-perpetrators"]
