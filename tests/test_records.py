"""A build's records in chunks (``model.LazyRecords``): read only when and as far as needed."""

from __future__ import annotations

from generator.build.check import load_checked
from generator.core.settings import Settings
from generator.model import Incident, each, pick
from tests.conftest import chunked


def records_of(settings: Settings) -> tuple[Incident, ...]:
    dataset, _ = load_checked(settings)
    return tuple(dataset.incidents)


def test_each_reads_every_chunk_once_and_keeps_none(real_content: Settings) -> None:
    records = records_of(real_content)
    lazy, read = chunked(records, 5)
    assert [i.id for i in each(lazy)] == [i.id for i in records]
    assert read == [f"chunk{start}" for start in range(0, len(records), 5)]
    assert not lazy.read
    # Once iterated, the records stay: the next reader reads no chunk again.
    assert list(lazy) == list(records)
    assert [i.id for i in lazy.each()] == [i.id for i in records]
    assert len(read) == 2 * -(-len(records) // 5)  # by each(), then once by list()


def test_pick_reads_only_the_chunks_that_hold_the_ids(real_content: Settings) -> None:
    records = records_of(real_content)
    lazy, read = chunked(records, 5)
    wanted = {records[0].id, records[6].id}
    assert set(pick(lazy, wanted)) == wanted
    assert read == ["chunk0", "chunk5"]
    assert pick(records, wanted).keys() == wanted
    assert list(each(records)) == list(records)
