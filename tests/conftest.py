"""Shared fixtures: settings rooted in a temporary copy of a content tree, a CLI runner."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

# On first use matplotlib writes its font cache without naming an encoding, which the test run
# makes an error: the report's charts import it under a guard, before any test imports it.
import generator.report.charts  # noqa: F401
from generator.core.settings import ROOT, Settings
from generator.model import Incident, LazyRecords

TODAY = dt.date(2026, 11, 22)
FIXTURES = Path(__file__).parent / "fixtures"
CONTENT_TODAY = max(TODAY, dt.date.today())
"""Today for a copy of the real content: the machine's when later than the tests' fixed day.

Curators add records created on the day they write them, which a fixed past today would call
the future."""


def today_for(content: Path) -> dt.date:
    """The tests' today for a content folder: ``CONTENT_TODAY`` for the real one."""
    return CONTENT_TODAY if content.resolve() == (ROOT / "content").resolve() else TODAY


def make_settings(root: Path, **options: object) -> Settings:
    """Settings for a repository laid out under ``root``, with a fixed today unless given."""
    options.setdefault("today", TODAY)
    return Settings(
        root=root,
        content_dir=root / "content",
        templates_dir=ROOT / "templates",
        out_dir=root / "build",
        mkdocs_yml=root / "mkdocs.yml",
        **options,  # type: ignore[arg-type]
    )


def chunked(records: tuple[Incident, ...], size: int) -> tuple[LazyRecords, list[str]]:
    """The records in chunks of ``size``, and the names of the chunks read, in order."""
    chunks = {
        f"chunk{start}": list(records[start : start + size])
        for start in range(0, len(records), size)
    }
    read: list[str] = []

    def load(name: str) -> list[Incident]:
        read.append(name)
        return chunks[name]

    return LazyRecords([(n, [i.id for i in held]) for n, held in chunks.items()], load), read


@pytest.fixture
def real_content(tmp_path: Path) -> Settings:
    """A temporary copy of the real content/ that a test may change (``CONTENT_TODAY``)."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return make_settings(tmp_path, today=CONTENT_TODAY)


@pytest.fixture
def runner() -> CliRunner:
    """A click runner that keeps stderr apart from stdout."""
    return CliRunner()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its relative path, with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
