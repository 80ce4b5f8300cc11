"""Records' packed pages and data parts wait for writing in a temporary file, not in memory."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.build.made_file import MadeFile, pages_of, parts_of
from generator.build.pipeline import load_rendered
from generator.build.record_outputs import unpack
from generator.build.store import open_store
from generator.core.history import read_history
from tests.conftest import FIXTURES, make_settings

# Invented bytes: what a record's page and parts hold does not matter to the file.
FIRST = (b"page one", {"data/a.csv": b"a1", "data/b.csv": b""})
SECOND = (b"", {"data/a.csv": b"a2", "data/b.csv": b"b2"})
DRAFT = (b"draft page", {})


def test_made_file_gives_back_each_record_in_order(tmp_path: Path) -> None:
    made = MadeFile(tmp_path)
    made.add("first", FIRST)
    made.add("second", SECOND)
    made.add("draft", DRAFT)
    assert list(made) == ["first", "second", "draft"]
    assert dict(made) == {"first": FIRST, "second": SECOND, "draft": DRAFT}
    assert dict(made.pages()) == {"first": b"page one", "second": b"", "draft": b"draft page"}
    parts = made.parts_by_record()
    assert dict(parts["second"]) == {"data/a.csv": b"a2", "data/b.csv": b"b2"}
    assert dict(parts["draft"]) == {}
    assert parts["first"].get("data/c.csv") is None
    with pytest.raises(KeyError):
        parts["third"]


def test_made_file_leaves_no_file_behind(tmp_path: Path) -> None:
    open_before = set(os.listdir("/proc/self/fd"))
    made = MadeFile(tmp_path)
    made.add("first", FIRST)
    assert "first" in made
    assert "first" in made.pages()
    assert "other" not in made.parts_by_record()
    assert list(tmp_path.iterdir()) == []  # unnamed from the start
    assert set(os.listdir("/proc/self/fd")) > open_before
    made.close()
    assert set(os.listdir("/proc/self/fd")) == open_before  # closed, so deleted
    with pytest.raises(ValueError, match="closed file"):
        made.page("first")


def test_pages_and_parts_of_a_mapping_in_memory() -> None:
    made = {"first": FIRST, "draft": DRAFT}
    assert pages_of(made) == {"first": b"page one", "draft": b"draft page"}
    assert parts_of(made) == {"first": FIRST[1], "draft": {}}


def test_load_rendered_keeps_what_records_made_in_a_file(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "check" / "content", tmp_path / "content")
    settings = make_settings(tmp_path)
    store, _ = open_store(settings.out_dir)
    try:
        with store.transaction():
            dataset, _, made, _ = load_rendered(settings, read_history(settings.root), store)
            # The records are read from the store's chunks when first needed.
            ids = [incident.id for incident in dataset.incidents]
    finally:
        store.close()
    record = "2020-01-01-example-shoot-out"
    assert isinstance(made, MadeFile)
    assert ids == list(made) == [record]
    assert "in Example Town" in unpack(made.page(record))
    assert sorted(made.part_names(record)) == sorted(made.parts(record))
    made.close()
