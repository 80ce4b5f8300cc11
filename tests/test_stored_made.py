"""Records' packed pages and data parts wait for writing in the store, not in memory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build.pipeline import load_rendered
from generator.build.record_outputs import Made, unpack
from generator.build.state_schema import StoreDamaged
from generator.build.store import Store, open_store
from generator.build.stored_made import StoredMade, pages_of, parts_of, put_made
from generator.core.history import read_history
from tests.conftest import FIXTURES, make_settings

# Invented bytes: what a record's page and parts hold does not matter to the file.
FIRST = (b"page one", {"data/a.csv": b"a1", "data/b.csv": b""})
SECOND = (b"", {"data/a.csv": b"a2", "data/b.csv": b"b2"})
DRAFT = (b"draft page", {})


def stored(tmp_path: Path, made: dict[str, Made]) -> tuple[Store, StoredMade]:
    """A store holding a summary row and ``made`` for each invented record."""
    store, _ = open_store(tmp_path)
    store.db.execute("BEGIN")
    store.db.execute("INSERT INTO chunks VALUES ('chunk', x'00', x'00', x'00')")
    for record_id, pieces in made.items():
        store.db.execute(
            "INSERT INTO incidents VALUES (?, 'chunk', '', '', '', '', 'KZ', NULL, NULL, NULL,"
            " 'published', '')",
            (record_id,),
        )
        put_made(store, record_id, pieces)
    return store, StoredMade(store)


def test_stored_made_gives_back_each_record_by_id(tmp_path: Path) -> None:
    store, made = stored(tmp_path, {"first": FIRST, "second": SECOND, "draft": DRAFT})
    assert list(made) == ["draft", "first", "second"]  # in id order
    assert dict(made) == {"first": FIRST, "second": SECOND, "draft": DRAFT}
    assert dict(made.pages()) == {"first": b"page one", "second": b"", "draft": b"draft page"}
    parts = made.parts_by_record()
    assert dict(parts["second"]) == {"data/a.csv": b"a2", "data/b.csv": b"b2"}
    assert dict(parts["draft"]) == {}
    assert parts["first"].get("data/c.csv") is None
    assert "first" in made
    assert "third" not in made
    with pytest.raises(KeyError):
        made.page("third")
    store.close()


def test_a_record_made_again_replaces_its_pieces(tmp_path: Path) -> None:
    store, made = stored(tmp_path, {"first": FIRST})
    put_made(store, "first", SECOND)
    assert made["first"] == SECOND
    store.close()


def test_a_piece_changed_in_the_store_is_never_unpacked(tmp_path: Path) -> None:
    store, made = stored(tmp_path, {"first": FIRST})
    store.db.execute("UPDATE made SET packed = x'e3' WHERE incident = 'first' AND name = ''")
    with pytest.raises(StoreDamaged, match="does not match its digest"):
        made.page("first")
    assert made.part("first", "data/a.csv") == b"a1"
    store.close()


def test_pages_and_parts_of_a_mapping_in_memory() -> None:
    made = {"first": FIRST, "draft": DRAFT}
    assert pages_of(made) == {"first": b"page one", "draft": b"draft page"}
    assert parts_of(made) == {"first": FIRST[1], "draft": {}}


def test_load_rendered_keeps_what_records_made_in_the_store(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "check" / "content", tmp_path / "content")
    settings = make_settings(tmp_path)
    store, _ = open_store(settings.out_dir)
    try:
        with store.transaction():
            dataset, _, made, _ = load_rendered(settings, read_history(settings.root), store)
            # The records are read from the store's chunks when first needed.
            ids = [incident.id for incident in dataset.incidents]
            record = "2020-01-01-example-shoot-out"
            assert isinstance(made, StoredMade)
            assert ids == list(made) == [record]
            assert "in Example Town" in unpack(made.page(record))
            assert sorted(made.part_names(record)) == sorted(made.parts(record))
    finally:
        store.close()
