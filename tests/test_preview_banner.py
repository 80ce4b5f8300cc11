"""The live preview while the content is broken: every page it serves lists the problems,
text-escaped, until the next good build; the quick check and the full build both report them.

The sites and the corpus (tests/fixtures/check) are invented.
"""

from __future__ import annotations

import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.tools.banner import ProblemBoard, banner_html
from generator.tools.livereload import preview_server
from generator.tools.rebuild import Rebuilder
from tests.conftest import FIXTURES, make_settings

RECORD = "content/incidents/2020-01-01-example-shoot-out.yaml"
PAGE = "<html><head><title>Home</title></head><body class='x'><p>Home</p></body></html>"
HOSTILE = f"{RECORD}:2:8: error: title: must be text (got '<script>alert(1)</script>')"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, ProblemBoard]]:
    """A preview server with a problem board, serving an invented page and data file."""
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "data.json").write_text('{"a": 1}', encoding="utf-8")
    board = ProblemBoard()
    server = preview_server(lambda: None, 0, tmp_path, "/", board)
    server.server_bind()
    server.server_activate()
    server.serve_thread.start()  # as ``serve`` does, without its rebuild loop
    yield f"http://127.0.0.1:{server.server_address[1]}", board
    server.shutdown()
    server.serve_thread.join()


def fetch(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        body = response.read()
        assert int(response.headers["Content-Length"]) == len(body)
        return int(response.status), response.headers["Content-Type"], body


def test_every_page_lists_the_problems_escaped_until_they_are_gone(
    served: tuple[str, ProblemBoard],
) -> None:
    url, board = served
    assert fetch(f"{url}/index.html")[2] == PAGE.encode("utf-8")

    assert board.show([HOSTILE, f"{RECORD}:3:1: error: summary: is required"])

    status, kind, body = fetch(f"{url}/index.html")
    banner = (
        b'<div id="preview-problems" role="alert" style="'
        + banner_html([]).split(b'style="', 1)[1].split(b'"', 1)[0]
        + b'"><strong>The content has problems: this preview shows the last good build until '
        b"they are fixed.</strong>"
        b'<pre style="margin:.5em 0 0;white-space:pre-wrap;font-size:13px">'
        + f"{RECORD}:2:8: error: title: must be text (got &#x27;&lt;script&gt;alert(1)"
        f"&lt;/script&gt;&#x27;)\n{RECORD}:3:1: error: summary: is required".encode()
        + b"</pre></div>"
    )
    assert (status, kind) == (200, "text/html")
    assert body == PAGE.replace("<body class='x'>", "<body class='x'>" + banner.decode()).encode()
    assert b"<script>" not in body
    assert fetch(f"{url}/data.json")[2] == b'{"a": 1}'  # not a page: left alone

    assert board.show([])
    assert fetch(f"{url}/index.html")[2] == PAGE.encode("utf-8")


def test_a_quick_check_replaces_only_its_files_lines() -> None:
    board = ProblemBoard()
    board.show(["a.yaml:1:1: error: x", "b.yaml:2:1: error: y", "build failed"])
    assert board.replace(["a.yaml"], ["a.yaml:5:1: error: z"])
    assert board.lines() == ("b.yaml:2:1: error: y", "build failed", "a.yaml:5:1: error: z")
    assert not board.replace(["c.yaml"], [])
    assert board.replace(["a.yaml", "b.yaml"], [])
    assert board.lines() == ("build failed",)


@pytest.mark.slow
def test_the_preview_shows_a_broken_edit_until_a_good_build(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "check" / "content", tmp_path / "content")
    settings = make_settings(tmp_path)
    told: list[int] = []
    rebuilder = Rebuilder(settings, on_problems=lambda: told.append(1))
    assert rebuilder.build_now() == 0
    rebuilder.changed(set())  # reads the build's state, as ``serve`` does
    assert rebuilder.board.lines() == ()
    record = tmp_path / RECORD
    good = record.read_text(encoding="utf-8")
    record.write_text(good.replace("title: ", "titel: ", 1), encoding="utf-8")

    rebuilder.changed({record})  # the quick check: at once, before the full build

    expected = (
        f"{RECORD}:2:1: error: titel: unknown key; did you mean 'title'?",
        f"{RECORD}:2:1: error: title: is required",
    )
    assert rebuilder.board.lines() == expected
    assert told == [1]
    assert rebuilder.process is not None
    assert rebuilder.process.wait() == 1
    rebuilder.changed(set())  # the full build's verdict: the same problems
    assert rebuilder.board.lines() == expected
    assert told == [1]

    record.write_text(good, encoding="utf-8")
    rebuilder.changed({record})
    assert rebuilder.board.lines() == ()
    assert told == [1, 1]
    assert rebuilder.process is not None
    assert rebuilder.process.wait() == 0
    rebuilder.changed(set())
    assert rebuilder.board.lines() == ()
