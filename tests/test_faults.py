"""Faults mid-build: a failed or interrupted build leaves the previous site byte for byte."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.build import build_site
from generator.errors import ContentError
from generator.settings import ROOT, Settings
from tests.conftest import FIXTURES, make_settings
from tests.golden import copy_mkdocs_yml

pytestmark = pytest.mark.slow


def site_repo(tmp_path: Path) -> Settings:
    """A repository with the small check corpus and the project's mkdocs.yml, built once."""
    shutil.copytree(FIXTURES / "check" / "content", tmp_path / "content")
    copy_mkdocs_yml(tmp_path)
    settings = make_settings(tmp_path)
    build_site(settings)
    return settings


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def leftovers(settings: Settings) -> list[str]:
    return sorted(p.name for p in settings.out_dir.iterdir() if p.name.startswith(".site"))


def test_faults_invalid_content_writes_nothing(tmp_path: Path) -> None:
    settings = site_repo(tmp_path)
    before = snapshot(settings.out_dir)
    shutil.copy(FIXTURES / "invalid/2020-01-07-dates.yaml", settings.content_dir / "incidents")
    with pytest.raises(ContentError):
        build_site(settings)
    assert snapshot(settings.out_dir) == before


def test_faults_broken_link_keeps_the_previous_site(tmp_path: Path) -> None:
    settings = site_repo(tmp_path)
    before = snapshot(settings.site_dir)
    pages = settings.content_dir / "pages"
    pages.mkdir(exist_ok=True)
    (pages / "broken.md").write_text("# Broken\n\n[gone](missing.md#nowhere)\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        build_site(settings)
    assert "missing.md" in str(raised.value.problems[0])
    assert snapshot(settings.site_dir) == before
    assert leftovers(settings) == []


def test_faults_interrupted_build_keeps_the_previous_site(tmp_path: Path) -> None:
    settings = site_repo(tmp_path)
    before = snapshot(settings.site_dir)
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(tmp_path), "site"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not leftovers(settings) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGINT)
    process.wait(timeout=60)
    assert snapshot(settings.site_dir) == before
    assert leftovers(settings) == []


def test_faults_two_builds_at_once_both_succeed(tmp_path: Path) -> None:
    settings = site_repo(tmp_path)
    before = snapshot(settings.site_dir)
    command = [sys.executable, "-m", "generator", "-C", str(tmp_path), "site"]
    processes = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL) for _ in range(2)]
    assert [process.wait(timeout=120) for process in processes] == [0, 0]
    assert snapshot(settings.site_dir).keys() == before.keys()
    assert leftovers(settings) == []
