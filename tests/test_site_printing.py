"""The report printed beside MkDocs: the same site as printing it in place, and a printer that
fails fails the build with a located error and leaves the previous site as it was."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

from generator.build import publish
from generator.build.pipeline import build_site
from generator.build.printing import Printing, Running
from generator.core.errors import ContentError
from generator.core.settings import ROOT, Settings
from generator.core.site_info import uses_site_plugin
from generator.report.document import html_to_pdf
from tests.conftest import FIXTURES, make_settings, snapshot
from tests.golden import copy_mkdocs_yml

pytestmark = pytest.mark.slow

FAILING_PRINTER = (sys.executable, "-c", "import sys; sys.exit('Error: cannot print the report')")
"""Stands for the printer failing: it prints its error and exits 1."""
CRASHING_PRINTER = (sys.executable, "-c", "import os; os._exit(9)")
"""Stands for the printer killed or crashing: it ends with no output at all."""


def site_repo(root: Path) -> Settings:
    """A repository with the small check corpus and the project's mkdocs.yml (not built)."""
    shutil.copytree(FIXTURES / "check" / "content", root / "content")
    copy_mkdocs_yml(root)
    return make_settings(root)


def printed(html: str) -> bytes:
    """``html`` printed by the printer the site's build starts."""
    printing = Printing()
    printing.print(html)
    return printing.pdf()


def leftovers(settings: Settings) -> list[str]:
    return sorted(p.name for p in settings.out_dir.iterdir() if p.name.startswith(".site"))


def test_site_printing_beside_mkdocs_gives_the_site_printed_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    beside = site_repo(tmp_path / "beside")
    build_site(beside)
    in_place = site_repo(tmp_path / "in-place")
    with monkeypatch.context() as patch:
        patch.setattr(publish, "uses_site_plugin", lambda settings: False)
        build_site(in_place)

    assert snapshot(beside.site_dir) == snapshot(in_place.site_dir)
    assert snapshot(beside.docs_dir) == snapshot(in_place.docs_dir)
    pdf = (beside.site_dir / "report" / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert pdf == (beside.docs_dir / "report" / "report.pdf").read_bytes()
    assert leftovers(beside) == []


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (FAILING_PRINTER, "printing the report failed:\nError: cannot print the report"),
        (CRASHING_PRINTER, "printing the report failed:\nthe printer exited with code 9"),
    ],
)
def test_site_printing_failure_keeps_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...], message: str
) -> None:
    settings = site_repo(tmp_path)
    build_site(settings)
    before = snapshot(settings.site_dir)
    record = settings.content_dir / "incidents" / "2020-01-01-example-shoot-out.yaml"
    text = record.read_text(encoding="utf-8")
    # A changed title changes the report, so it is printed again.
    record.write_text(text.replace("title: Example", "title: Renamed"), encoding="utf-8")
    monkeypatch.setattr("generator.build.printing.PRINTER", command)

    with pytest.raises(ContentError) as raised:
        build_site(settings)

    (problem,) = raised.value.problems
    assert str(problem) == f"templates/report.html.j2: error: {message}"
    assert snapshot(settings.site_dir) == before
    assert leftovers(settings) == []

    monkeypatch.undo()  # the printer works again: the next build completes
    build_site(settings)
    assert b"Renamed" in (settings.site_dir / "report" / "report.html").read_bytes()
    assert (settings.site_dir / "report" / "report.pdf").read_bytes().startswith(b"%PDF-")


def test_site_printing_prints_the_bytes_printed_in_place() -> None:
    html = "<h1>Invented report</h1><p>Text in DejaVu Sans</p>"
    assert printed(html) == html_to_pdf(html)


def test_a_printer_started_ahead_and_never_given_html_is_stopped_unused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site's build starts its printer before the report is made; when the report is as
    the last build left it, the printer is stopped as it loads, and does nothing more."""
    late = tmp_path / "printed-late"
    loading = f"import time; time.sleep(2); open({str(late)!r}, 'w').close()"
    monkeypatch.setattr("generator.build.printing.PRINTER", (sys.executable, "-c", loading))
    printing = Printing()
    time.sleep(0.3)  # started

    began = time.monotonic()
    printing.stop()

    assert time.monotonic() - began < 1.5  # not waited for
    time.sleep(2.5)
    assert not late.exists()


def test_site_printing_reports_the_printers_own_problems_as_in_place() -> None:
    html = '<p><img src="file:///etc/hostname" alt="a file, not a data: URI"></p>'
    with pytest.raises(ContentError) as in_place:
        html_to_pdf(html)
    with pytest.raises(ContentError) as beside:
        printed(html)
    assert beside.value.problems == in_place.value.problems
    assert "must load nothing but data: URIs" in str(beside.value.problems[0])


@pytest.mark.parametrize(
    ("plugins", "expected"),
    [
        ("plugins:\n  - incident-record\n", True),
        ("plugins:\n  - search\n  - incident-record:\n      x: 1\n", True),
        ("plugins:\n  incident-record: {}\n", True),
        ("plugins:\n  - search\n", False),
        ("site_name: No plugins\n", False),
        ("plugins: [unclosed\n", False),
    ],
)
def test_site_printing_beside_mkdocs_only_with_the_plugin(
    tmp_path: Path, plugins: str, expected: bool
) -> None:
    (tmp_path / "mkdocs.yml").write_text(plugins, encoding="utf-8")
    assert uses_site_plugin(make_settings(tmp_path)) is expected


def test_site_printing_runs_the_build_s_own_printer_whatever_the_working_folder_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An invented package of the same name in the working folder: `-m` must not find it.
    stand_in = tmp_path / "generator" / "build"
    stand_in.mkdir(parents=True)
    for folder in (tmp_path / "generator", stand_in):
        (folder / "__init__.py").write_text("", encoding="utf-8")
    (stand_in / "printing.py").write_text("print('not the printer')\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    html = "<h1>Invented report</h1>"
    assert printed(html) == html_to_pdf(html)


def test_site_printing_that_ends_well_but_says_nothing_readable_is_a_located_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        "generator.build.printing.PRINTER", (sys.executable, "-c", "print('not a pickle')")
    )
    with pytest.raises(ContentError) as raised:
        printed("<p>Invented</p>")
    (problem,) = raised.value.problems
    assert str(problem) == (
        "templates/report.html.j2: error: printing the report failed:\n"
        "the printer's output could not be read"
    )


GRANDPARENT = """
import os, sys, time
from generator.site.page_fork import end_with_parent
parent = os.getpid()
if os.fork() == 0:  # as MkDocs' second process (``site.page_fork``) is started
    end_with_parent(parent)
    time.sleep(2)
    open(sys.argv[1], "w").close()
    os._exit(0)
time.sleep(60)
"""
"""Stands for MkDocs with its second process, which would write a file later."""


def test_stopping_mkdocs_stops_its_second_process(tmp_path: Path) -> None:
    """Killed, MkDocs takes its second process with it: stopping the site's build does not
    wait for that process to finish its pages, nor leaves it writing into the site."""
    late = tmp_path / "written-late"
    running = Running([sys.executable, "-c", GRANDPARENT, str(late)], cwd=ROOT)
    time.sleep(0.5)  # both started

    began = time.monotonic()
    running.stop()

    assert time.monotonic() - began < 1.5  # not held until the child ends
    time.sleep(2.5)
    assert not late.exists()
