"""Faults mid-build: a failed, interrupted or killed build leaves the previous site byte for
byte, readable by a web server, and nothing behind; a full disk is a located error."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build.pipeline import build_site
from generator.cli import cli
from generator.core.errors import ContentError
from generator.core.settings import ROOT, Settings
from tests.conftest import FIXTURES, make_settings, snapshot
from tests.golden import copy_mkdocs_yml

pytestmark = pytest.mark.slow


def site_repo(tmp_path: Path) -> Settings:
    """A repository with the small check corpus and the project's mkdocs.yml, built once."""
    shutil.copytree(FIXTURES / "check" / "content", tmp_path / "content")
    copy_mkdocs_yml(tmp_path)
    settings = make_settings(tmp_path)
    build_site(settings)
    return settings


def files(snapshot: dict[str, bytes]) -> set[str]:
    """The paths of a snapshot, with the digests that name Pagefind's index files left out.

    Builds run from the command line date their pages today, not at the tests' fixed date,
    so the index of their words, named by its contents, has other names.
    """
    return {re.sub(r"\ben_[0-9a-f]+\.pf_", "en_*.pf_", path) for path in snapshot}


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


def site_build_caught_running(settings: Settings) -> subprocess.Popen[bytes]:
    """A `site` build of ``settings.root`` from the command line, once its staging folder is
    there (or it has ended, or a minute has passed); it runs in a process group of its own."""
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(settings.root), "site"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=_interruptible,
    )
    deadline = time.monotonic() + 60
    while not leftovers(settings) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    return process


def _interruptible() -> None:
    """Let Ctrl-C stop the build even when the tests run in the background.

    A shell starts a background job with SIGINT ignored, and a child keeps an ignored signal,
    so a build started from it would not see the interrupt this test sends.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_faults_interrupted_build_keeps_the_previous_site(tmp_path: Path) -> None:
    settings = site_repo(tmp_path)
    # On a busy machine a small site may be built and swapped in before the test sees its
    # staging folder: that build was not interrupted, so it tries again on the new site.
    for _ in range(5):
        before = snapshot(settings.site_dir)
        process = site_build_caught_running(settings)
        with contextlib.suppress(ProcessLookupError):  # the whole build had ended
            os.killpg(process.pid, signal.SIGINT)
        if process.wait(timeout=60) != 0:
            break
    else:
        pytest.fail("no build was caught while it ran")
    assert snapshot(settings.site_dir) == before
    assert leftovers(settings) == []


def test_faults_two_builds_at_once_both_succeed(tmp_path: Path) -> None:
    settings = site_repo(tmp_path)
    before = snapshot(settings.site_dir)
    command = [sys.executable, "-m", "generator", "-C", str(tmp_path), "site"]
    processes = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL) for _ in range(2)]
    assert [process.wait(timeout=120) for process in processes] == [0, 0]
    assert files(snapshot(settings.site_dir)) == files(before)
    assert leftovers(settings) == []


KILLED_BETWEEN_THE_RENAMES = """
import os, sys
import generator.build.publish as publish
publish._put_in_place = lambda new, target: os._exit(137)
from generator.cli import cli
cli(sys.argv[1:])
"""


def test_faults_a_kill_between_the_renames_leaves_the_previous_site(tmp_path: Path) -> None:
    settings = site_repo(tmp_path)
    before = snapshot(settings.site_dir)
    command = [sys.executable, "-c", KILLED_BETWEEN_THE_RENAMES, "-C", str(tmp_path), "site"]
    killed = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    assert killed.returncode == 137
    assert not settings.site_dir.exists()
    left = leftovers(settings)  # the new site staged, the previous one set aside
    assert len(left) == 2
    assert ".site-old" in left
    (staged,) = set(left) - {".site-old"}
    assert staged.startswith(".site-")

    # The next build fails on its content, yet puts the previous site back and tidies up.
    shutil.copy(FIXTURES / "invalid/2020-01-07-dates.yaml", settings.content_dir / "incidents")
    with pytest.raises(ContentError):
        build_site(settings)
    assert snapshot(settings.site_dir) == before
    assert leftovers(settings) == []


def test_faults_a_build_killed_mid_site_leaves_nothing_behind(tmp_path: Path) -> None:
    settings = site_repo(tmp_path)
    before = snapshot(settings.site_dir)
    process = site_build_caught_running(settings)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    assert leftovers(settings) != []  # killed with its staging folder in place

    build_site(settings)
    assert snapshot(settings.site_dir).keys() == before.keys()
    assert leftovers(settings) == []


def test_faults_the_site_is_readable_by_a_web_server_of_another_user(tmp_path: Path) -> None:
    umask = os.umask(0o077)  # a build run under a strict umask too
    try:
        settings = site_repo(tmp_path)
    finally:
        os.umask(umask)
    paths = [settings.site_dir, *settings.site_dir.rglob("*")]
    assert {stat.S_IMODE(p.stat().st_mode) for p in paths if p.is_dir()} == {0o755}
    assert {stat.S_IMODE(p.stat().st_mode) for p in paths if p.is_file()} == {0o644}


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (errno.ENOSPC, "no space left on the device; free some and build again"),
        (errno.EROFS, "the file system is read-only"),
        (
            errno.EIO,
            "input/output error: the device failed to write; check the disk and build again",
        ),
    ],
)
def test_faults_a_full_disk_or_read_only_build_is_a_located_error(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, code: int, message: str
) -> None:
    settings = site_repo(tmp_path)
    before = snapshot(settings.site_dir)
    page = settings.docs_dir / "incidents" / "2020-01-01-example-shoot-out.md"
    record = settings.content_dir / "incidents" / "2020-01-01-example-shoot-out.yaml"
    record.write_text(record.read_text("utf-8").replace("exchanged fire", "fired"), "utf-8")
    write_bytes = Path.write_bytes

    def refuse(path: Path, data: bytes) -> int:
        """The single writer's write, refused for the record's page (as it writes it aside)."""
        if path.name == f".{page.name}.tmp":
            raise OSError(code, os.strerror(code), str(path))
        return write_bytes(path, data)

    monkeypatch.setattr(Path, "write_bytes", refuse)
    result = runner.invoke(cli, ["-C", str(tmp_path), "site"])

    assert result.exit_code == 1
    assert result.stdout == (
        f"build/docs/incidents/2020-01-01-example-shoot-out.md: error: cannot write: {message}\n"
    )
    assert result.stderr == "site failed: 1 error, 0 warnings\n"
    assert snapshot(settings.site_dir) == before
    assert leftovers(settings) == []
    assert not page.with_name(f".{page.name}.tmp").exists()

    monkeypatch.setattr(Path, "write_bytes", write_bytes)  # space again: the next build completes
    build_site(settings)
    assert b"fired" in page.read_bytes()


FAILING_PAGEFIND = (sys.executable, "-c", "import sys; sys.exit('Error: cannot index the site')")
"""Stands for Pagefind failing: it prints its error and exits 1."""


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (FAILING_PAGEFIND, "pagefind failed:\nError: cannot index the site"),
        # Without site-packages, as when `make install` was not run.
        ((sys.executable, "-I", "-S", "-m", "pagefind"), "pagefind failed:\npagefind is not "),
    ],
)
def test_faults_a_failed_search_index_keeps_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...], message: str
) -> None:
    settings = site_repo(tmp_path)
    before = snapshot(settings.site_dir)
    record = settings.content_dir / "incidents" / "2020-01-01-example-shoot-out.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("title: Example", "title: Renamed"), encoding="utf-8")
    monkeypatch.setattr("generator.build.search_index.PAGEFIND", command)
    with pytest.raises(ContentError) as raised:
        build_site(settings)
    (problem,) = raised.value.problems
    assert str(problem).startswith(f"mkdocs.yml: error: {message}")
    assert snapshot(settings.site_dir) == before
    assert leftovers(settings) == []

    result = CliRunner().invoke(cli, ["-C", str(tmp_path), "site"])
    assert result.exit_code == 1
    assert "mkdocs.yml: error: pagefind failed:" in result.output


def test_faults_a_disk_failing_while_the_database_is_made_is_a_located_error(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from generator.data import database

    shutil.copytree(FIXTURES / "check" / "content", tmp_path / "content")
    copy_mkdocs_yml(tmp_path)

    def fail(*args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(database, "_make", fail)
    result = runner.invoke(cli, ["-C", str(tmp_path), "build"])

    assert result.exit_code == 1
    assert result.stdout == (
        "build/docs/data/incidents.sqlite: error: cannot write: input/output error: the "
        "device failed to write; check the disk and build again\n"
    )
    assert result.stderr == "build failed: 1 error, 0 warnings\n"
    assert not (tmp_path / "build" / "docs" / "data" / "incidents.sqlite").exists()
    assert leftovers(make_settings(tmp_path)) == []
