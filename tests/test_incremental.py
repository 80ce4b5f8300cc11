"""Reruns: a build with no changed input writes nothing; any changed input rebuilds."""

from __future__ import annotations

import os
import pickle
import re
import shutil
from pathlib import Path

import pytest

from generator.bench.synth import synthesize
from generator.build.cache import CACHE_DIR, seal, state_key
from generator.build.fingerprint import GONE, RACY_NS, FileDigests
from generator.build.pipeline import build_docs
from generator.core.errors import ContentError
from generator.core.settings import Settings
from tests.conftest import FIXTURES, make_settings


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def fresh(tmp_path: Path) -> Settings:
    shutil.copytree(FIXTURES / "check" / "content", tmp_path / "content")
    return make_settings(tmp_path)


def test_rerun_with_no_change_writes_nothing(tmp_path: Path) -> None:
    settings = fresh(tmp_path)
    assert "written" in build_docs(settings)
    before = snapshot(settings.out_dir)
    assert build_docs(settings) == "build/docs is up to date: no input changed"
    assert snapshot(settings.out_dir) == before


def test_rerun_after_an_edit_rebuilds_only_what_changed(tmp_path: Path) -> None:
    settings = fresh(tmp_path)
    build_docs(settings)
    before = snapshot(settings.docs_dir)
    record = settings.content_dir / "incidents" / "2020-01-01-example-shoot-out.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("exchanged fire", "exchanged gunfire"), encoding="utf-8")
    summary = build_docs(settings)
    after = snapshot(settings.docs_dir)
    changed = sorted(path for path in after if after[path] != before.get(path))
    assert "incidents/2020-01-01-example-shoot-out.md" in changed
    assert f"({len(changed)} written, 0 removed)" in summary
    assert len(changed) < len(after) / 2


def edit_title(record: Path) -> None:
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r"(?m)^title: (.*)$", r"title: \1 (edited)", text), encoding="utf-8")


@pytest.mark.slow
def test_cached_build_gives_the_same_files_as_a_cold_one(tmp_path: Path) -> None:
    synthesize(tmp_path / "a", 250, seed=5)
    settings = make_settings(tmp_path / "a")
    build_docs(settings)
    cold = snapshot(settings.docs_dir)
    chunks = sorted((settings.out_dir / CACHE_DIR).glob("*.pickle"))
    assert len(chunks) == 3  # 250 records in chunks of 100
    record = sorted((settings.content_dir / "incidents").glob("*.yaml"))[120]
    edit_title(record)
    build_docs(settings)
    warm = {path: data for path, (_, data) in snapshot(settings.docs_dir).items()}
    shutil.rmtree(settings.out_dir)
    build_docs(settings)
    assert warm == {path: data for path, (_, data) in snapshot(settings.docs_dir).items()}
    assert warm[f"incidents/{record.stem}.md"] != cold[f"incidents/{record.stem}.md"][1]


@pytest.mark.slow
def test_an_edit_checks_only_its_chunk_again(tmp_path: Path) -> None:
    synthesize(tmp_path, 250, seed=5)
    settings = make_settings(tmp_path)
    build_docs(settings)
    before = {p.name for p in (settings.out_dir / CACHE_DIR).glob("*.pickle")}
    record = sorted((settings.content_dir / "incidents").glob("*.yaml"))[120]
    edit_title(record)
    build_docs(settings)
    after = {p.name for p in (settings.out_dir / CACHE_DIR).glob("*.pickle")}
    assert len(before - after) == 1  # the edited chunk was replaced, the others reused
    assert len(after) == 3


def test_a_failed_build_leaves_the_cache_as_it_was(tmp_path: Path) -> None:
    settings = fresh(tmp_path)
    build_docs(settings)
    before = snapshot(settings.out_dir)
    shutil.copy(FIXTURES / "invalid/2020-01-07-dates.yaml", settings.content_dir / "incidents")
    with pytest.raises(ContentError):
        build_docs(settings)
    assert snapshot(settings.out_dir) == before


def test_a_file_whose_size_and_mtime_match_is_not_read_again(tmp_path: Path) -> None:
    record = tmp_path / "record.yaml"
    record.write_text("title: A\n", encoding="utf-8")
    stat = record.stat()
    stored = FileDigests({str(record): (stat.st_size, stat.st_mtime_ns, "stored digest")})
    assert stored.digest(record) == "stored digest"

    record.write_text("title: AB\n", encoding="utf-8")  # another size: read again
    assert stored.digest(record) == FileDigests().digest(record) != "stored digest"


def test_many_digests_at_once_read_only_the_changed_files(tmp_path: Path) -> None:
    records = [tmp_path / f"record-{n}.yaml" for n in range(5)]
    for n, record in enumerate(records):
        record.write_text(f"title: {n}\n", encoding="utf-8")
    kept = records[0].stat()
    stored = FileDigests({str(records[0]): (kept.st_size, kept.st_mtime_ns, "stored digest")})
    fresh = FileDigests()
    expected = ["stored digest"] + [fresh.digest(record) for record in records[1:]]
    assert stored.digest_all(records) == expected
    assert len(set(expected)) == 5


def test_a_file_read_moments_after_it_changed_is_read_again_next_time(tmp_path: Path) -> None:
    """Its next change could fall in the same timestamp tick and leave size and mtime alone."""
    record = tmp_path / "record.yaml"
    record.write_text("title: A\n", encoding="utf-8")
    digests = FileDigests()
    digests.digest(record)
    assert str(record) in digests.current
    assert pickle.loads(digests.dumps()) == {}


def test_a_file_gone_between_listing_and_reading_does_not_stop_the_digests(
    tmp_path: Path,
) -> None:
    kept, gone = tmp_path / "kept.yaml", tmp_path / "gone.yaml"
    kept.write_text("title: A\n", encoding="utf-8")
    assert FileDigests().digest_all([kept, gone]) == [FileDigests().digest(kept), GONE]


def test_digests_stored_moments_after_a_change_are_not_trusted(tmp_path: Path) -> None:
    record = tmp_path / "record.yaml"
    record.write_text("title: A\n", encoding="utf-8")
    edited = record.stat().st_mtime_ns - 2 * RACY_NS
    os.utime(record, ns=(edited, edited))
    digests = FileDigests()
    digests.digest(record)
    store = tmp_path / "digests.pickle"
    key = state_key(tmp_path)
    store.write_bytes(seal(key, store.name, digests.dumps()))
    # Within a timestamp tick, an edit of the same size could keep the same mtime.
    moments_later = edited + RACY_NS // 2
    os.utime(store, ns=(moments_later, moments_later))
    assert FileDigests.read(store, key).stored == {}
    later = edited + RACY_NS + 1
    os.utime(store, ns=(later, later))
    assert list(FileDigests.read(store, key).stored) == [str(record)]
