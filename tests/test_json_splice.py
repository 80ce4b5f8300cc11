"""incidents.json made from the last build's file: byte-identical to a whole make, or made whole.

The corpora are synthetic (``bench.synth``); the malformed files below are invented for the
tests, never content.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.bench.synth import synthesize
from generator.build.json_splice import PATH, index_members, is_few, member_id
from generator.build.pipeline import build_docs
from generator.core.settings import Settings
from tests.conftest import make_settings

COUNT = 30
"""Records in the synthetic corpus: one fresh record is at most a tenth of them."""


def cold_json(settings: Settings, other: Path) -> bytes:
    """incidents.json as a cold build of the same content in another folder makes it."""
    shutil.rmtree(other, ignore_errors=True)
    shutil.copytree(settings.content_dir, other / "content")
    shutil.copyfile(settings.mkdocs_yml, other / "mkdocs.yml")
    cold = make_settings(other)
    build_docs(cold)
    return (cold.docs_dir / PATH).read_bytes()


def records(settings: Settings) -> list[Path]:
    return sorted((settings.content_dir / "incidents").glob("*.yaml"))


def set_status(record: Path, status: str) -> None:
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r"(?m)^status: .*$", f"status: {status}", text), encoding="utf-8")


def edit_summary(record: Path, token: str) -> None:
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("an invented", f"an invented ({token})", 1), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Settings:
    synthesize(tmp_path / "warm", COUNT, seed=7)
    settings = make_settings(tmp_path / "warm")
    build_docs(settings)
    return settings


@pytest.mark.slow
def test_spliced_json_is_the_file_a_cold_build_makes(corpus: Settings, tmp_path: Path) -> None:
    settings, other = corpus, tmp_path / "cold"
    paths = records(settings)
    # An edit: one record's member made again, the others copied.
    edit_summary(paths[3], "spliced")
    summary = build_docs(settings)
    assert f"{PATH} but 1 of {COUNT} records" in summary
    assert (settings.docs_dir / PATH).read_bytes() == cold_json(settings, other)
    # Published to draft: its member is dropped, the count in the header falls.
    set_status(paths[0], "draft")
    assert f"{PATH} but 0 of {COUNT - 1} records" in build_docs(settings)
    assert (settings.docs_dir / PATH).read_bytes() == cold_json(settings, other)
    # Draft to published: its member comes back, in id order.
    set_status(paths[0], "published")
    assert f"{PATH} but 1 of {COUNT} records" in build_docs(settings)
    assert (settings.docs_dir / PATH).read_bytes() == cold_json(settings, other)
    # A record added or removed changes what every record is checked with: made whole.
    added = paths[5].with_name(f"{paths[5].name[:10]}-an-added-record.yaml")
    shutil.copyfile(paths[5], added)
    assert PATH not in build_docs(settings)
    assert (settings.docs_dir / PATH).read_bytes() == cold_json(settings, other)
    added.unlink()  # the original records are named as related by others
    assert PATH not in build_docs(settings)
    assert (settings.docs_dir / PATH).read_bytes() == cold_json(settings, other)


@pytest.mark.slow
def test_a_hand_changed_json_file_is_made_whole(corpus: Settings, tmp_path: Path) -> None:
    settings = corpus
    target = settings.docs_dir / PATH
    # A member that no build made, on a line of a record that is not edited.
    text = target.read_bytes().replace(b'"title":"Synthetic', b'"title":"Hand-changed', 1)
    target.write_bytes(text)
    edit_summary(records(settings)[3], "made whole")
    assert PATH not in build_docs(settings)
    assert target.read_bytes() == cold_json(settings, tmp_path / "cold")
    assert b"Hand-changed" not in target.read_bytes()


LAID_OUT = (
    b'{\n"dataset":{"incident_count":2},\n"incidents":{\n'
    b'"a":{"title":"A"},\n"b":{"title":"B"}\n},\n"sources":{\n"s":{}\n},\n"vocabulary":{}\n}\n'
)
"""An invented incidents.json laid out as a build lays it out."""


def test_index_members_finds_each_member_and_the_tail(tmp_path: Path) -> None:
    path = tmp_path / "incidents.json"
    path.write_bytes(LAID_OUT)
    index = index_members(str(path))
    assert index is not None
    assert {key: LAID_OUT[start:end] for key, (start, end) in index.spans.items()} == {
        "a": b'"a":{"title":"A"}',
        "b": b'"b":{"title":"B"}',
    }
    assert LAID_OUT[index.tail :].startswith(b',\n"sources":{')


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # Not laid out as a build lays it out: the whole file is made instead.
        (b'{\n"dataset"', b'{"dataset"'),
        (b'"incidents":{\n', b'"incidents": {\n'),
        (b'"a":{"title":"A"},\n"b":{"title":"B"}', b'"b":{"title":"B"},\n"a":{"title":"A"}'),
        (b'"a":{"title":"A"},\n"b":{"title":"B"}', b'"a":{"title":"A"},\n"a":{"title":"B"}'),
        (b'"a":{"title":"A"},', b'"a":{"title":"A"}'),
        (b'"b":{"title":"B"}\n', b'"b":{"title":"B"},\n'),
        (b'"a":{"title":"A"}', b'"a":["A"]'),
        (b'"a":{"title":"A"},\n"b":{"title":"B"}\n', b""),
        (b'},\n"sources"', b'}\n,"sources"'),
        (b'"sources":{\n"s":{}\n},\n"vocabulary":{}\n}\n', b""),
    ],
)
def test_index_members_refuses_a_file_laid_out_otherwise(
    tmp_path: Path, old: bytes, new: bytes
) -> None:
    assert old in LAID_OUT
    path = tmp_path / "incidents.json"
    path.write_bytes(LAID_OUT.replace(old, new, 1))
    assert index_members(str(path)) is None


def test_index_members_refuses_a_missing_file(tmp_path: Path) -> None:
    assert index_members(str(tmp_path / "missing.json")) is None


@pytest.mark.parametrize(
    ("member", "key"),
    [
        (b'"2020-01-01-x":{"title":"X"}', "2020-01-01-x"),
        (b'"\\u00e9":{}', "\u00e9"),
        (b'"":{}', None),
        (b'"a":[]', None),
        (b"a:{}", None),
        (b'"a\\":{}', None),
    ],
)
def test_member_id_reads_the_key_of_a_member_line(member: bytes, key: str | None) -> None:
    assert member_id(member) == key


@pytest.mark.parametrize(
    ("fresh", "exported", "few"),
    [
        (0, 1, True),
        (0, 0, False),  # no record taken from the old file: nothing shows its tail is current
        (1, 10, True),
        (2, 10, False),
        (1000, 10_000, True),
        (1001, 100_000, False),
    ],
)
def test_is_few_bounds_the_fresh_records(fresh: int, exported: int, few: bool) -> None:
    assert is_few(fresh, exported) is few
