"""The report streams the records: each becomes its facts, only those shown are read whole.

The records sit in chunks (``model.LazyRecords``) that count their reads, as a build's store.
"""

from __future__ import annotations

from collections.abc import Collection

import pytest

import generator.report.compare
from generator.build.check import load_checked
from generator.core.settings import Settings
from generator.model import Incident, LazyRecords
from generator.report.compare import compare, deadliest
from generator.report.document import Selection, render_report, select_incidents
from generator.report.facts import Facts, published_facts
from generator.report.findings import rank_disputes
from generator.text.filters import country_names
from tests.conftest import chunked

SHOWN = 3
"""Rows of the tables and bars of the chart here: fewer than the records, so most are not shown."""


@pytest.fixture(autouse=True)
def few_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator.report.compare, "TABLE_ROWS", SHOWN)
    monkeypatch.setattr(generator.report.compare, "CHART_LIMIT", SHOWN - 1)


def test_compare_reads_whole_only_the_tabled_disputed_and_charted_records(
    real_content: Settings,
) -> None:
    dataset, _ = load_checked(real_content)
    records = tuple(dataset.incidents)
    lazy, read = chunked(records, 5)
    asked: list[set[str]] = []

    def pick(ids: Collection[str]) -> dict[str, Incident]:
        asked.append(set(ids))
        return lazy.pick(ids)

    streamed = dataset.model_copy(update={"incidents": lazy})
    selected = select_incidents(streamed, Selection())
    result = compare(selected, dataset.vocabulary, dataset.sources, pick)
    published = tuple(i for i in records if i.status == "published")
    killed = [i for i in published if i.total("killed") is not None]
    shown = (
        {i.id for i in deadliest(published, SHOWN)}
        | {i.id for i, _ in rank_disputes(published, SHOWN)}
        | {i.id for i in deadliest(killed, SHOWN - 1)}
    )
    assert asked == [shown]
    assert len(shown) < len(published)
    assert not lazy.read, "no record was kept after the pass over them all"
    every = [f"chunk{start}" for start in range(0, len(records), 5)]
    holding = [f"chunk{n}" for n in range(0, len(records), 5) if shown & _ids(records, n)]
    assert read == every + holding, "one pass, then only the chunks of the records shown"
    assert result == compare(published, dataset.vocabulary, dataset.sources)


def test_report_of_streamed_records_is_the_report_of_a_tuple(real_content: Settings) -> None:
    dataset, _ = load_checked(real_content)
    records = tuple(dataset.incidents)
    lazy, _ = chunked(records, 4)
    streamed = dataset.model_copy(update={"incidents": lazy})
    report = render_report(streamed, real_content, Selection(), printable=False)
    assert not lazy.read
    whole = dataset.model_copy(update={"incidents": records})
    assert report == render_report(whole, real_content, Selection(), printable=False)


def test_report_of_stored_facts_reads_only_the_records_it_shows(real_content: Settings) -> None:
    # A build keeps each chunk's facts beside its records, made as the chunk was checked.
    dataset, _ = load_checked(real_content)
    records = tuple(dataset.incidents)
    countries = country_names(dataset.vocabulary)
    chunks = {f"chunk{start}": records[start : start + 4] for start in range(0, len(records), 4)}
    read: list[str] = []
    rows_read: list[str] = []

    def load(name: str) -> list[Incident]:
        read.append(name)
        return list(chunks[name])

    def rows(name: str) -> list[Facts]:
        rows_read.append(name)
        return [row for row in published_facts(chunks[name], countries) if row is not None]

    stored = LazyRecords([(n, [i.id for i in held]) for n, held in chunks.items()], load, rows)
    streamed = dataset.model_copy(update={"incidents": stored})
    report = render_report(streamed, real_content, Selection(), printable=False)
    assert rows_read == list(chunks)
    assert 0 < len(set(read)) < len(chunks), "only the chunks of the records shown"
    whole = dataset.model_copy(update={"incidents": records})
    assert report == render_report(whole, real_content, Selection(), printable=False)
    # A report of some records reads them: the facts kept are for the whole report.
    assert any("hostage-taking" in i.types for i in records)
    by_type = Selection(kind="hostage-taking")
    assert render_report(streamed, real_content, by_type, printable=False) == render_report(
        whole, real_content, by_type, printable=False
    )


def _ids(records: tuple[Incident, ...], start: int) -> set[str]:
    return {i.id for i in records[start : start + 5]}
