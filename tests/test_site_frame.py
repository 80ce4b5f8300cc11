"""The theme's page rendered once around the pages outside the navigation (``site.frame``): the
same site byte for byte as the theme's own rendering of every page, hostile titles and a
canonical address among them, and no frame where a marker does not come out whole."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.structure.toc import AnchorLink, TableOfContents

from generator.build.pipeline import build_docs
from generator.site.frame import PARTS, _cut, framed
from generator.site.page_fork import PAGE_WORKERS
from tests.conftest import snapshot
from tests.golden import FIXTURE_CONTENT, REPO_URL, prepare_root

HOSTILE_CONTENT = FIXTURE_CONTENT.parent / "hostile" / "content"

FRAME_SPY = """
import atexit, sys
from generator.site import frame, mkdocs_plugin
if sys.argv[1] == "off":
    mkdocs_plugin.framed = lambda *args: False
counts = {"framed": 0}
real = frame.FrameCache.page
def page(self, context):
    counts["framed"] += 1
    return real(self, context)
frame.FrameCache.page = page
atexit.register(lambda: print("framed:", counts["framed"]))
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "--strict", *sys.argv[2:]]
cli()
"""


def spied_build(root: Path, site: Path, frames: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` in one process, with frames ``on`` or ``off``; it counts them."""
    env = {
        **{key: value for key, value in os.environ.items() if key != PAGE_WORKERS},
        "SITE_URL": "https://example.org/record/",
        "REPO_URL": REPO_URL,
    }
    command = [sys.executable, "-c", FRAME_SPY, frames, "--site-dir", str(site)]
    return subprocess.run(
        command, cwd=root, env=env, capture_output=True, text=True, encoding="utf-8", check=False
    )


@pytest.mark.slow
@pytest.mark.parametrize("content", [FIXTURE_CONTENT, HOSTILE_CONTENT], ids=["fixture", "hostile"])
def test_framed_pages_are_the_pages_the_theme_renders(tmp_path: Path, content: Path) -> None:
    build_docs(prepare_root(tmp_path, content))
    on = spied_build(tmp_path, tmp_path / "on", "on")
    off = spied_build(tmp_path, tmp_path / "off", "off")
    assert on.returncode == off.returncode == 0, on.stderr
    framed = int(on.stdout.split("framed:")[1])
    incidents = len(list((tmp_path / "build" / "docs" / "incidents").glob("*.md")))
    assert framed >= incidents > 0
    assert "framed: 0" in off.stdout
    assert snapshot(tmp_path / "on") == snapshot(tmp_path / "off")
    assert b'<link rel="canonical" href="https://example.org/record/incidents/' in b"".join(
        snapshot(tmp_path / "on").values()
    )


MARKS = {"<b>title</b>": 0, "#skip": 2, "<h1>content</h1>": 4}


def test_frame_is_cut_at_each_part() -> None:
    html = "<title><b>title</b> - Site</title><a href=#skip>Skip</a><b>title</b><h1>content</h1>!"
    assert _cut(html, MARKS, "incidents/x/") == [
        "<title>",
        0,
        " - Site</title><a href=",
        2,
        ">Skip</a>",
        0,
        "",
        4,
        "!",
    ]
    assert len(PARTS) == 5


@pytest.mark.parametrize(
    "html",
    [
        # A filter escaped a marker (the part would go in unescaped): no frame.
        "<title>&lt;b&gt;incident-record-frame-title</title><h1>content</h1>",
        # The page's own address in the theme's markup (other pages would carry it): no frame.
        '<link href="incidents/x/"><h1>content</h1>',
    ],
)
def test_no_frame_where_a_marker_is_not_whole_or_the_page_shows(html: str) -> None:
    assert _cut(html, MARKS, "incidents/x/") is None


def _page(**changes: object) -> SimpleNamespace:
    """A converted page outside the navigation with one heading of level 1, as framed."""
    heading = AnchorLink("One", "one", 1)
    page = {
        "file": SimpleNamespace(src_uri="incidents/one.md"),
        "meta": {"title": "One", "search": {"boost": 2}},
        "toc": TableOfContents([heading]),
        "edit_url": None,
        "is_homepage": False,
        "previous_page": None,
        "next_page": None,
    }
    return SimpleNamespace(**{**page, **changes})


@pytest.mark.parametrize(
    ("page", "content", "expected"),
    [
        (_page(), "<h1>One</h1>", True),
        (_page(file=SimpleNamespace(src_uri="index.md")), "<h1>One</h1>", False),
        (_page(meta={"title": "One", "hide": ["toc"]}), "<h1>One</h1>", False),
        (_page(meta={"search": {}}), "<h1>One</h1>", False),
        (_page(edit_url="https://example.org/edit"), "<h1>One</h1>", False),
        (_page(toc=TableOfContents([AnchorLink("Two", "two", 2)])), "<h1>One</h1>", False),
        (_page(), "<p>no heading of level 1</p>", False),
    ],
    ids=["framed", "in-nav", "hide", "no-title", "edit-link", "no-h1-in-toc", "no-h1"],
)
def test_only_pages_whose_theme_shows_nothing_else_are_framed(
    page: SimpleNamespace, content: str, expected: bool
) -> None:
    assert framed(page, content, frozenset({"index.md"})) is expected
