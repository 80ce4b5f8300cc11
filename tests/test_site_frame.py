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
from jinja2 import DictLoader, Environment
from mkdocs.structure.toc import AnchorLink, TableOfContents

from generator.build.pipeline import build_docs
from generator.site.chrome import OVERRIDES
from generator.site.frame import PARTS, TOC_ITEMS, _cut, _frame, _toc_items, can_frame, framed
from generator.site.page_fork import PAGE_WORKERS
from tests.conftest import snapshot
from tests.golden import FIXTURE_CONTENT, REPO_URL, prepare_root

HOSTILE_CONTENT = FIXTURE_CONTENT.parent / "hostile" / "content"

FRAME_SPY = """
import atexit, sys
from generator.site import frame, mkdocs_plugin
if sys.argv[1] == "off":
    mkdocs_plugin.framed = lambda *args: False
counts = {"framed": 0, "frames": 0, "failed": 0}
real_page, real_frame = frame.FrameCache.page, frame._frame
def page(self, context):
    counts["framed"] += 1
    return real_page(self, context)
def made(*args):
    found = real_frame(*args)
    counts["frames" if found is not None else "failed"] += 1
    return found
frame.FrameCache.page, frame._frame = page, made
atexit.register(lambda: print("counts:", counts["framed"], counts["frames"], counts["failed"]))
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "--strict", *sys.argv[2:]]
cli()
"""


def spied_build(
    root: Path, site: Path, frames: str, site_url: str | None
) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` in one process, frames ``on`` or ``off``; it counts them."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in (PAGE_WORKERS, "SITE_URL", "REPO_URL")
    }
    env["REPO_URL"] = REPO_URL
    if site_url is not None:
        env["SITE_URL"] = site_url
    command = [sys.executable, "-c", FRAME_SPY, frames, "--site-dir", str(site)]
    return subprocess.run(
        command, cwd=root, env=env, capture_output=True, text=True, encoding="utf-8", check=False
    )


def _counts(build: subprocess.CompletedProcess[str]) -> tuple[int, int, int]:
    """Pages framed, frames made and stand-ins that gave no frame, as the spy printed them."""
    framed, frames, failed = build.stdout.split("counts:")[1].split()
    return int(framed), int(frames), int(failed)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("content", "site_url"),
    [(FIXTURE_CONTENT, "https://example.org/record/"), (HOSTILE_CONTENT, None)],
    ids=["fixture-canonical", "hostile"],
)
def test_framed_pages_are_the_pages_the_theme_renders(
    tmp_path: Path, content: Path, site_url: str | None
) -> None:
    build_docs(prepare_root(tmp_path, content))
    on = spied_build(tmp_path, tmp_path / "on", "on", site_url)
    off = spied_build(tmp_path, tmp_path / "off", "off", site_url)
    assert on.returncode == off.returncode == 0, on.stderr
    framed, frames, failed = _counts(on)
    incidents = len(list((tmp_path / "build" / "docs" / "incidents").glob("*.md")))
    # Every incident page is framed, by frames that were made: none fell back to the theme.
    assert framed >= incidents > 0
    assert frames >= 1
    assert failed == 0
    assert _counts(off) == (0, 0, 0)
    assert snapshot(tmp_path / "on") == snapshot(tmp_path / "off")
    pages = b"".join(snapshot(tmp_path / "on").values())
    assert (b'<link rel="canonical" href="https://example.org/record/incidents/' in pages) is (
        site_url is not None
    )


SPANS = {"<b>title</b>": 0, "#skip": 2, "<h1>content</h1>": 4}


def test_frame_is_cut_at_each_part() -> None:
    html = "<title><b>title</b> - Site</title><a href=#skip>Skip</a><b>title</b><h1>content</h1>!"
    assert _cut(html, SPANS, "incidents/x/", "mark-") == [
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
        # A filter changed a marker (the part would go in unchanged): no frame.
        "<title>&lt;b&gt;MARK-title</title><h1>content</h1>",
        # The page's own address in the theme's markup (other pages would carry it): no frame.
        '<link href="incidents/x/"><h1>content</h1>',
    ],
)
def test_no_frame_where_a_marker_is_not_whole_or_the_page_shows(html: str) -> None:
    assert _cut(html, SPANS, "incidents/x/", "mark-") is None


def _theme(main: str) -> Environment:
    """A theme of one ``main.html`` and the project's table of contents' items."""
    items = (OVERRIDES / TOC_ITEMS).read_text(encoding="utf-8")
    return Environment(loader=DictLoader({"main.html": main, TOC_ITEMS: items}))


@pytest.mark.parametrize(
    ("main", "frames"),
    [
        ("<title>{{ page.meta.title }}</title>{{ page.content }}", True),
        ("<title>{{ page.meta.title | upper }}</title>{{ page.content }}", False),
        ("<title>{{ page.meta.title | truncate(14) }}</title>{{ page.content }}", False),
        ("<i>{{ page.meta.title | length }}</i>{{ page.content }}", False),
        ("<i>{{ page.toc | first | attr('title') }}</i>{{ page.content }}", False),
        ("<nav>{{ page.url }}</nav>{{ page.content }}", False),
    ],
    ids=["plain", "upper", "truncate", "length", "heading", "address"],
)
def test_a_frame_only_where_both_sets_of_markers_come_out_alike(main: str, frames: bool) -> None:
    env = _theme(main)
    page = _page(title="One", url="incidents/one/", canonical_url=None, content="<h1>One</h1>")
    context = env.get_template("main.html").new_context({"page": page, "base_url": "../.."})
    assert (_frame(env, context, page, _toc_items(env)) is not None) is frames


def test_frames_only_in_a_build_without_another_plugin() -> None:
    assert can_frame(["incident-record"])
    assert not can_frame(["incident-record", "git-authors"])


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
        (_page(meta={"title": ""}), "<h1>One</h1>", False),
        (_page(toc=TableOfContents([AnchorLink("One", "b\\x", 1)])), "<h1>One</h1>", False),
    ],
    ids=[
        "framed",
        "in-nav",
        "hide",
        "no-title",
        "edit-link",
        "no-h1-in-toc",
        "no-h1",
        "empty-title",
        "backslash-anchor",
    ],
)
def test_only_pages_whose_theme_shows_nothing_else_are_framed(
    page: SimpleNamespace, content: str, expected: bool
) -> None:
    assert framed(page, content, frozenset({"index.md"})) is expected
