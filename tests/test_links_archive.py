"""`links` suggests an archived copy for a source without one, from a Wayback-style
availability API served by a local http.server (127.0.0.1). No test touches the network; the
sources and their addresses are invented.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.tools.archive import ArchiveUnavailable, Snapshot, _snapshot, closest_snapshot
from generator.tools.links import check_links
from tests.conftest import make_settings

TIMEOUT = 2.0
STORY = "/story?id=1&lang=en"


class Availability(BaseHTTPRequestHandler):
    """The live pages (/story answers 200) and /wayback/available, which knows one copy."""

    asked: list[str] = []
    base = ""

    def do_HEAD(self) -> None:
        self.reply(200, b"")

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path != "/wayback/available":
            self.reply(200, b"")
            return
        url = parse_qs(parts.query).get("url", [""])[0]
        Availability.asked.append(url)
        closest = {
            "available": True,
            "url": f"http://web.archive.org/web/20160606120000/{url}",
            "timestamp": "20160606120000",
            "status": "200",
        }
        known = url == f"{Availability.base}{STORY}"
        body = {"url": url, "archived_snapshots": {"closest": closest} if known else {}}
        self.reply(200, json.dumps(body).encode("utf-8"))

    def reply(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests read ``asked`` instead."""


@pytest.fixture
def server() -> Iterator[str]:
    Availability.asked = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Availability)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    Availability.base = base
    yield base
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def write_source(root: Path, name: str, url: str, archive: str | None = None) -> Path:
    """An invented source file (the Example Gazette does not exist)."""
    folder = root / "content" / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["title: Fictional report", "publisher: Example Gazette"]
    lines += ["publisher_type: independent", f'url: "{url}"', "language: en"]
    if archive:
        lines.append(f'archive_url: "{archive}"')
    path = folder / f"{name}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_links_suggests_the_archived_copy_and_writes_nothing(tmp_path: Path, server: str) -> None:
    story = write_source(tmp_path, "a-story", f"{server}{STORY}")
    write_source(tmp_path, "b-unarchived", f"{server}/other")
    write_source(tmp_path, "c-archived", f"{server}/kept", archive=f"{server}/copy")
    before = story.read_text(encoding="utf-8")
    report = check_links(make_settings(tmp_path), TIMEOUT, 2, archive_api=server)
    copy = f"https://web.archive.org/web/20160606120000/{server}{STORY}"
    assert report.splitlines() == [
        "content/sources/a-story.yaml:4:6: warning: url: has no archive_url; an archived copy "
        f"saved 2016-06-06 exists: check it and add archive_url: {copy}",
        "content/sources/b-unarchived.yaml:4:6: warning: url: has no archive_url; save a copy "
        "(https://web.archive.org/save) and add it",
        "checked 4 links: 0 dead, 2 warnings, 0 skipped on hosts listed in "
        "content/links-ignore.yaml",
    ]
    assert sorted(Availability.asked) == [f"{server}/other", f"{server}{STORY}"]
    assert story.read_text(encoding="utf-8") == before


def test_without_an_archive_api_nothing_is_asked(tmp_path: Path, server: str) -> None:
    write_source(tmp_path, "a-story", f"{server}{STORY}")
    check_links(make_settings(tmp_path), TIMEOUT, 1)
    args = ["-C", str(tmp_path), "links", "--archive-api", ""]
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert Availability.asked == []


def test_the_command_asks_the_given_api(tmp_path: Path, server: str) -> None:
    write_source(tmp_path, "a-story", f"{server}{STORY}")
    args = ["-C", str(tmp_path), "links", "--archive-api", server, "--timeout", "2"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0
    assert "an archived copy saved 2016-06-06 exists" in result.stdout
    assert Availability.asked == [f"{server}{STORY}"]


def test_an_unreachable_api_says_so_beside_the_plain_warning(tmp_path: Path, server: str) -> None:
    # Port 9 on 127.0.0.1 (discard) is closed here: the request fails at once.
    with pytest.raises(ArchiveUnavailable):
        closest_snapshot("https://example.org/x", "http://127.0.0.1:9", 0.5, "test")
    write_source(tmp_path, "a-story", f"{server}{STORY}")
    args = ["-C", str(tmp_path), "links", "--archive-api", "http://127.0.0.1:9"]
    result = CliRunner().invoke(cli, [*args, "--timeout", "2"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "content/sources/a-story.yaml:4:6: warning: url: has no archive_url; save a copy "
        "(https://web.archive.org/save) and add it (the archive did not answer, so no copy was "
        "looked up)"
    )


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ({"archived_snapshots": {}}, None),
        ({"archived_snapshots": {"closest": {"available": False}}}, None),
        (
            {
                "archived_snapshots": {
                    "closest": {
                        "available": True,
                        "url": "http://web.archive.org/web/20200102030405/https://example.org/",
                        "timestamp": "20200102030405",
                        "status": "404",
                    }
                }
            },
            None,
        ),
        (
            {
                "archived_snapshots": {
                    "closest": {
                        "available": True,
                        "url": "javascript:alert(1)",
                        "timestamp": "20200102030405",
                        "status": "200",
                    }
                }
            },
            None,
        ),
        (
            {
                "archived_snapshots": {
                    "closest": {
                        "available": True,
                        "url": "http://web.archive.org/web/20200102030405/https://example.org/",
                        "timestamp": "20200102030405",
                    }
                }
            },
            Snapshot(
                "https://web.archive.org/web/20200102030405/https://example.org/", "2020-01-02"
            ),
        ),
        ([], None),
    ],
)
def test_only_an_available_copy_of_a_good_answer_is_suggested(
    answer: object, expected: Snapshot | None
) -> None:
    assert _snapshot(answer) == expected
