"""Pages put into the theme on two cores (``site.page_fork``): the same site as one process,
a failure in the second process fails the build, and one process wherever the fork is not
checked to be sound."""

from __future__ import annotations

import os
import posixpath
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mkdocs
import pytest

from generator.build.pipeline import build_docs
from generator.site.page_fork import CHECKED, PAGE_WORKERS, can_fork, second_process_pages
from tests.conftest import snapshot
from tests.golden import prepare_root

pytestmark = pytest.mark.slow


def mkdocs_build(root: Path, site: Path, workers: str | None) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of ``root`` into ``site``, asking for pages on two cores or not."""
    env = {key: value for key, value in os.environ.items() if key != PAGE_WORKERS}
    if workers is not None:
        env[PAGE_WORKERS] = workers
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    return subprocess.run(
        command, cwd=root, env=env, capture_output=True, text=True, encoding="utf-8", check=False
    )


def test_page_fork_builds_the_site_one_process_builds(tmp_path: Path) -> None:
    settings = prepare_root(tmp_path)
    build_docs(settings)
    one = mkdocs_build(tmp_path, tmp_path / "one", None)
    two = mkdocs_build(tmp_path, tmp_path / "two", "2")
    assert one.returncode == two.returncode == 0, two.stderr
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")
    # MkDocs' own lines are the same too: no "Page skipped" for the pages built elsewhere.
    assert "Page skipped" not in two.stderr
    assert [line for line in two.stderr.splitlines() if "WARNING" in line] == [
        line for line in one.stderr.splitlines() if "WARNING" in line
    ]


def test_page_fork_checks_every_anchor_whichever_process_converted_the_pages(
    tmp_path: Path,
) -> None:
    settings = prepare_root(tmp_path)
    build_docs(settings)
    files, nav = files_and_nav(tmp_path)
    theirs = second_process_pages(files, nav)
    elsewhere = [page.file for page in nav.pages] + theirs
    ours = [file for file in files.documentation_pages() if file not in elsewhere]
    child = next(file for file in theirs if file.src_uri.startswith("incidents/"))
    parent = next(file for file in ours if file.src_uri.startswith("incidents/"))
    add_links(parent, [(child, "sources"), (child, "no-anchor-on-the-childs-page")])
    add_links(child, [(parent, "sources"), (parent, "no-anchor-on-the-parents-page")])

    one = mkdocs_build(tmp_path, tmp_path / "one", None)
    two = mkdocs_build(tmp_path, tmp_path / "two", "2")

    assert one.returncode == two.returncode == 1  # --strict: the two missing anchors
    warned = sorted(line for line in two.stderr.splitlines() if "WARNING" in line)
    assert warned == sorted(line for line in one.stderr.splitlines() if "WARNING" in line)
    assert {line.split("contains a link ")[1] for line in warned} == {
        f"'{relative_link(child, parent, 'no-anchor-on-the-parents-page')}', but the doc "
        f"'{parent.src_uri}' does not contain an anchor '#no-anchor-on-the-parents-page'.",
        f"'{relative_link(parent, child, 'no-anchor-on-the-childs-page')}', but the doc "
        f"'{child.src_uri}' does not contain an anchor '#no-anchor-on-the-childs-page'.",
    }


def files_and_nav(root: Path) -> tuple[Any, Any]:
    """MkDocs' files and navigation of the site at ``root``, as its build finds them."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.nav import get_navigation

    config = load_config(str(root / "mkdocs.yml"))
    files = get_files(config)
    return files, get_navigation(files, config)


def relative_link(source: Any, target: Any, anchor: str) -> str:
    """A Markdown link's address from the page ``source`` to ``anchor`` on ``target``."""
    folder = posixpath.dirname(source.src_uri)
    return f"{posixpath.relpath(target.src_uri, folder or '.')}#{anchor}"


def add_links(source: Any, targets: list[tuple[Any, str]]) -> None:
    """Append to the page ``source`` a Markdown link to each (page, anchor) of ``targets``."""
    links = "".join(f"\n[a link]({relative_link(source, *target)})\n" for target in targets)
    page = Path(source.abs_src_path)
    page.write_text(page.read_text(encoding="utf-8") + links, encoding="utf-8")


def second_process_page(root: Path) -> Path:
    """A page the second process converts and builds (``second_process_pages``)."""
    theirs = second_process_pages(*files_and_nav(root))
    return Path(theirs[0].abs_src_path or "")


def unknown_template(page: Path) -> None:
    """Give the page a template that does not exist: putting it into the theme fails."""
    text = page.read_text(encoding="utf-8")
    front = "---\ntemplate: no-such-template.html\n---\n"
    if text.startswith("---\n"):
        front, text = "---\ntemplate: no-such-template.html\n", text.removeprefix("---\n")
    page.write_text(front + text, encoding="utf-8")


def not_utf8(page: Path) -> None:
    """Put a byte into the page that is not UTF-8: reading it fails."""
    page.write_bytes(page.read_bytes() + b"\nnot UTF-8: \xff\n")


@pytest.mark.parametrize(
    ("damage", "error"),
    [(unknown_template, "Error building page"), (not_utf8, "Error reading page")],
)
def test_page_fork_failure_in_the_second_process_fails_the_build(
    tmp_path: Path, damage: Callable[[Path], None], error: str
) -> None:
    settings = prepare_root(tmp_path)
    build_docs(settings)
    page = second_process_page(tmp_path)
    damage(page)
    name = page.relative_to(settings.docs_dir).as_posix()

    one = mkdocs_build(tmp_path, tmp_path / "one", None)
    two = mkdocs_build(tmp_path, tmp_path / "two", "2")

    assert one.returncode == two.returncode == 1
    for failed in (one, two):
        assert f"{error} '{name}'" in failed.stderr
    assert "building pages in a second process failed (see above)" in two.stderr


@pytest.mark.parametrize(
    ("version", "plugins", "asked", "expected"),
    [
        # Asked for, by the site's build, with a checked MkDocs and only the project's plugin.
        (f"{CHECKED[0]}1", ["incident-record"], "2", True),
        ("1.6.1", [], "2", True),
        # Not asked for: `mkdocs build` or `mkdocs serve` run by hand.
        ("1.6.1", ["incident-record"], None, False),
        ("1.6.1", ["incident-record"], "1", False),
        # Another MkDocs, whose private _build_page may differ.
        ("1.7.0", ["incident-record"], "2", False),
        ("2.0.0", ["incident-record"], "2", False),
        # Another plugin may gather pages as they are built (the theme's search does).
        ("1.6.1", ["incident-record", "search"], "2", False),
    ],
)
def test_page_fork_only_where_checked(
    version: str, plugins: list[str], asked: str | None, expected: bool
) -> None:
    assert can_fork(version, plugins, asked) is expected


def test_page_fork_falls_back_to_one_process_on_another_mkdocs(tmp_path: Path) -> None:
    settings = prepare_root(tmp_path)
    build_docs(settings)
    # An invented MkDocs version: the plugin must not fork, and the site is the same.
    env = {**os.environ, PAGE_WORKERS: "2"}
    command = [sys.executable, "-c", FORK_SPY, "--site-dir", str(tmp_path / "other")]
    other = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, encoding="utf-8", check=False
    )
    assert other.returncode == 0, other.stderr
    assert "forked: False" in other.stdout
    mkdocs_build(tmp_path, tmp_path / "one", None)
    # The pages name the MkDocs that built them: the invented version, here.
    real = f"mkdocs-{mkdocs.__version__}".encode()
    other_site = {
        path: data.replace(b"mkdocs-9.9.9", real)
        for path, data in snapshot(tmp_path / "other").items()
    }
    assert snapshot(tmp_path / "one") == other_site


FORK_SPY = """
import os, sys
import mkdocs
mkdocs.__version__ = "9.9.9"
from generator.site import page_fork
forked = []
real = page_fork.PageFork.start
def start(self, *args):
    forked.append(True)
    real(self, *args)
page_fork.PageFork.start = start
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "--strict", *sys.argv[1:]]
try:
    cli()
except SystemExit as end:
    print("forked:", bool(forked), flush=True)
    raise
print("forked:", bool(forked), flush=True)
"""
