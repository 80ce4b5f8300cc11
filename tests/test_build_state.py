"""Build state under build/: a damaged or foreign state file is rebuilt, never trusted, and a
damaged file in build/docs/ is repaired by the next build, which otherwise writes nothing."""

from __future__ import annotations

import os
import pickle
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build.cache import CACHE_DIR, MAGIC, STATE_KEY, read_state, seal, state_key
from generator.build.pipeline import DIGESTS, FINGERPRINT, PREVIEW_STATE, build_docs
from generator.core.settings import Settings
from generator.tools.preview import QuickPages
from tests.conftest import FIXTURES, make_settings

TEXT = b"in Example Town"
"""Text of the invented record in tests/fixtures/check, as its checked chunk holds it."""


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def built(tmp_path: Path) -> Settings:
    shutil.copytree(FIXTURES / "check" / "content", tmp_path / "content")
    settings = make_settings(tmp_path)
    build_docs(settings)
    return settings


def flip(position: int) -> Callable[[bytes], bytes]:
    def damage(data: bytes) -> bytes:
        at = position % len(data)
        return data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]

    return damage


def flip_text(data: bytes) -> bytes:
    """One bit of a record's text: 'in Example Town' becomes 'hn Example Town'."""
    assert data.count(TEXT) == 1
    return flip(data.index(TEXT))(data)


def unsealed(data: bytes) -> bytes:
    """A foreign entry: the same pickle with the text changed, not sealed by this build."""
    start = len(MAGIC) + 32 if data.startswith(MAGIC) else 0
    return data[start:].replace(TEXT, b"kn Example Town")


CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "emptied": lambda data: b"",
    "cut to one byte": lambda data: data[:1],
    "cut in half": lambda data: data[: len(data) // 2],
    "last byte cut": lambda data: data[:-1],
    "first bit flipped": flip(0),
    "a bit flipped in a record's text": flip_text,
    "a bit flipped in the middle": lambda data: flip(len(data) // 2)(data),
    "last bit flipped": flip(-1),
    "random bytes": lambda data: random.Random(7).randbytes(len(data)),
    "random bytes appended": lambda data: data + random.Random(8).randbytes(64),
    "foreign pickle": unsealed,
}


def cache_entry(settings: Settings) -> Path:
    [entry] = (settings.out_dir / CACHE_DIR).glob("*.pickle")
    return entry


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_a_damaged_cache_entry_is_checked_again(tmp_path: Path, corruption: str) -> None:
    settings = built(tmp_path)
    cold = snapshot(settings.docs_dir)
    entry = cache_entry(settings)
    entry.write_bytes(CORRUPTIONS[corruption](entry.read_bytes()))
    damaged = entry.read_bytes()
    (settings.out_dir / FINGERPRINT).unlink()  # a later build that reads the cache

    assert "written" in build_docs(settings)

    assert snapshot(settings.docs_dir) == cold
    assert entry.read_bytes() != damaged  # made again, and sealed
    assert isinstance(read_state(entry, state_key(settings.out_dir)), list)


@pytest.mark.parametrize("name", [DIGESTS, PREVIEW_STATE, STATE_KEY])
@pytest.mark.parametrize("corruption", ["cut in half", "last bit flipped", "random bytes"])
def test_damaged_state_files_are_made_again(tmp_path: Path, name: str, corruption: str) -> None:
    settings = built(tmp_path)
    cold = snapshot(settings.docs_dir)
    state = settings.out_dir / name
    state.write_bytes(CORRUPTIONS[corruption](state.read_bytes()))
    (settings.out_dir / FINGERPRINT).unlink()

    build_docs(settings)

    assert snapshot(settings.docs_dir) == cold
    key = state_key(settings.out_dir)
    assert isinstance(read_state(settings.out_dir / DIGESTS, key), dict)
    assert QuickPages.after_build(settings) is not None


def test_a_damaged_slot_table_gives_the_preview_nothing_to_fill_pages_with(
    tmp_path: Path,
) -> None:
    settings = built(tmp_path)
    slots = settings.out_dir / PREVIEW_STATE
    slots.write_bytes(flip(-1)(slots.read_bytes()))
    assert QuickPages.after_build(settings) is None


def test_a_state_file_needs_this_folders_key_and_its_own_name(tmp_path: Path) -> None:
    key = state_key(tmp_path)
    packed = pickle.dumps(["checked"])
    (tmp_path / "a.pickle").write_bytes(seal(key, "a.pickle", packed))
    (tmp_path / "b.pickle").write_bytes(seal(key, "a.pickle", packed))  # renamed
    (tmp_path / "c.pickle").write_bytes(seal(os.urandom(32), "c.pickle", packed))  # foreign
    (tmp_path / "d.pickle").write_bytes(packed)  # unsealed

    assert read_state(tmp_path / "a.pickle", key) == ["checked"]
    assert read_state(tmp_path / "b.pickle", key) is None
    assert read_state(tmp_path / "c.pickle", key) is None
    assert read_state(tmp_path / "d.pickle", key) is None
    assert read_state(tmp_path / "a.pickle", None) is None
    assert state_key(tmp_path) == key  # kept, not made anew


def test_a_pending_chunk_left_by_a_killed_build_is_never_used(tmp_path: Path) -> None:
    settings = built(tmp_path)
    cold = snapshot(settings.docs_dir)
    entry = cache_entry(settings)
    pending = entry.parent / ".pending"
    pending.mkdir()
    (pending / entry.name).write_bytes(flip_text(entry.read_bytes()))
    (settings.out_dir / FINGERPRINT).unlink()

    build_docs(settings)
    (settings.out_dir / FINGERPRINT).unlink()
    build_docs(settings)

    assert snapshot(settings.docs_dir) == cold
    assert not pending.exists()


@pytest.mark.parametrize("damage", ["changed", "cut", "removed", "added"])
def test_a_damaged_output_is_repaired_without_an_input_change(tmp_path: Path, damage: str) -> None:
    settings = built(tmp_path)
    cold = snapshot(settings.docs_dir)
    page = settings.docs_dir / "incidents" / "2020-01-01-example-shoot-out.md"
    if damage == "changed":
        page.write_bytes(page.read_bytes().replace(b"in Example", b"kn Example"))
    elif damage == "cut":
        page.write_bytes(page.read_bytes()[:100])
    elif damage == "removed":
        page.unlink()
    else:
        (settings.docs_dir / "incidents" / "planted.md").write_text("# Planted\n", "utf-8")

    summary = build_docs(settings)

    assert snapshot(settings.docs_dir) == cold
    expected = "(0 written, 1 removed)" if damage == "added" else "(1 written, 0 removed)"
    assert summary.endswith(expected)
    assert build_docs(settings) == "build/docs is up to date: no input changed"


def test_a_rerun_with_nothing_damaged_writes_nothing(tmp_path: Path) -> None:
    settings = built(tmp_path)
    before = {
        path: (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(settings.out_dir.rglob("*"))
        if path.is_file()
    }
    assert build_docs(settings) == "build/docs is up to date: no input changed"
    after = {
        path: (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(settings.out_dir.rglob("*"))
        if path.is_file()
    }
    assert after == before
