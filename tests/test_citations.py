"""The one walker over a record's citations, on raw data and on models."""

from __future__ import annotations

from generator.content.load import load_file
from generator.content.validate import check_content
from generator.model import citations, cited_ids
from tests.conftest import FIXTURES, make_settings

RAW = {
    "title": "Example",
    "source": "a",
    "when": {"start": "2020-01-01", "claims": [{"source": "b"}, {"source": 7}]},
    "places": [{"name": "X", "sources": ["c", None, "a"]}],
    "figures": [{"claims": [{"sources": "not-a-list"}, {"source": {"source": "d"}}]}],
}


def test_citations_gives_every_field_path_in_order() -> None:
    assert list(citations(RAW)) == [
        (("source",), "a"),
        (("when", "claims", 0, "source"), "b"),
        (("places", 0, "sources", 0), "c"),
        (("places", 0, "sources", 2), "a"),
        (("figures", 0, "claims", 1, "source", "source"), "d"),
    ]


def test_cited_ids_is_citations_without_paths() -> None:
    assert list(cited_ids(RAW)) == ["a", "b", "c", "a", "d"]


def test_a_checked_record_cites_what_its_raw_data_cites() -> None:
    dataset, _ = check_content(make_settings(FIXTURES))
    assert dataset.incidents
    for incident in dataset.incidents:
        path = FIXTURES / "content" / "incidents" / f"{incident.id}.yaml"
        raw = load_file(path, FIXTURES).data
        assert set(incident.source_ids) == set(cited_ids(raw)), incident.id
        assert len(incident.source_ids) == len(set(incident.source_ids)), incident.id


def test_an_incident_cites_its_sources_in_field_order() -> None:
    dataset, _ = check_content(make_settings(FIXTURES))
    incident = next(i for i in dataset.incidents if i.id == "2020-07-15-sampleville-shoot-out")
    herald = "example-herald-2020-07-16-shoot-out"
    first, second = (f"example-herald-2020-07-16-courtyard-{n}-report" for n in ("first", "second"))
    assert list(citations(incident)) == [
        (("places", 0, "sources", 0), herald),
        (("parties", 0, "sources", 0), herald),
        (("parties", 1, "sources", 0), herald),
        (("figures", 0, "claims", 0, "source"), herald),
        (("figures", 0, "claims", 1, "source"), first),
        (("figures", 0, "claims", 2, "source"), second),
        (("figures", 0, "claims", 3, "source"), "example-radio-2020-shoot-out"),
    ]
    assert incident.source_ids == (herald, first, second, "example-radio-2020-shoot-out")


def test_cited_ids_walks_nested_lists_and_tuples_as_citations_does() -> None:
    data = [[{"source": "x"}], ({"sources": ("y", 3)},), "source", {"sources": "z"}]
    assert list(cited_ids(data)) == [sid for _, sid in citations(data)] == ["x", "y"]


def test_cited_ids_of_a_model_are_its_citations_in_order() -> None:
    dataset, _ = check_content(make_settings(FIXTURES))
    for incident in dataset.incidents:
        assert list(cited_ids(incident)) == [sid for _, sid in citations(incident)], incident.id
