"""Reruns: a build with no changed input writes nothing; any changed input rebuilds."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.build import build_docs
from generator.settings import Settings
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
