"""`links` against a local HTTP server (127.0.0.1): 200, 301, 404, a timeout, a HEAD refusal,
a host listed as ignored (never requested), and closed local ports standing for a machine
with no network. No test touches the network."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.core.errors import ContentError
from generator.core.settings import Settings
from generator.tools.fetching import as_uri, fetch, user_agent
from generator.tools.links import EXIT_NO_NETWORK, check_links, read_ignore_list
from tests.conftest import make_settings

SLOW_SECONDS = 3.0
TIMEOUT = 0.5


class Handler(BaseHTTPRequestHandler):
    """Answers by path; remembers every request it saw."""

    seen: list[tuple[str, str, str]] = []
    release = threading.Event()

    def do_HEAD(self) -> None:
        self.answer(body=False)

    def do_GET(self) -> None:
        self.answer(body=True)

    def answer(self, body: bool) -> None:
        Handler.seen.append((self.command, self.path, self.headers.get("User-Agent", "")))
        try:
            if self.path == "/slow":
                Handler.release.wait(SLOW_SECONDS)
            status, headers = self.route(body)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def route(self, body: bool) -> tuple[int, dict[str, str]]:
        routes: dict[str, tuple[int, dict[str, str]]] = {
            "/ok": (200, {}),
            "/slow": (200, {}),
            "/moved": (301, {"Location": "/new-home"}),
            "/new-home": (200, {}),
            "/temporary": (302, {"Location": "/ok"}),
            "/gone": (404, {}),
            "/head-refused": (200 if body else 405, {}),
            "/forbidden": (403, {}),
            "/loop": (302, {"Location": "/loop"}),
            as_uri("/ок"): (200, {}),
        }
        return routes.get(self.path.split("?")[0], (404, {}))

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests read ``seen`` instead."""


@pytest.fixture
def server() -> Iterator[str]:
    """Base URL of a local server, shut down (and any slow answer released) after the test."""
    Handler.seen = []
    Handler.release.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.release.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def write_source(root: Path, name: str, url: str, archive: str | None = None) -> None:
    folder = root / "content" / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        f"title: Fictional report {name}",
        "publisher: Example Gazette",
        "publisher_type: independent",
        f"url: {url}",
    ]
    if archive:
        lines.append(f"archive_url: {archive}")
    lines.append("language: en")
    (folder / f"{name}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_links_reports_dead_moved_and_unarchived(tmp_path: Path, server: str) -> None:
    write_source(tmp_path, "a-ok", f"{server}/ok", archive=f"{server}/head-refused")
    write_source(tmp_path, "b-moved", f"{server}/moved", archive=f"{server}/temporary")
    write_source(tmp_path, "c-gone", f"{server}/gone")
    write_source(tmp_path, "d-slow", f"{server}/slow")
    settings = make_settings(tmp_path)
    with pytest.raises(ContentError) as caught:
        check_links(settings, timeout=TIMEOUT, concurrency=4)
    assert [str(p) for p in caught.value.problems] == [
        f"content/sources/b-moved.yaml:4:6: warning: url: has moved permanently to "
        f"'{server}/new-home'; update it (got '{server}/moved')",
        "content/sources/c-gone.yaml:4:6: warning: url: has no archive_url; save a copy "
        "(https://web.archive.org/save) and add it",
        f"content/sources/c-gone.yaml:4:6: error: url: is dead: HTTP 404 (got '{server}/gone')",
        "content/sources/d-slow.yaml:4:6: warning: url: has no archive_url; save a copy "
        "(https://web.archive.org/save) and add it",
        f"content/sources/d-slow.yaml:4:6: error: url: is dead: no answer within 0.5 s "
        f"(got '{server}/slow')",
    ]
    requests = {(method, path) for method, path, _ in Handler.seen}
    assert ("GET", "/head-refused") in requests
    assert ("GET", "/ok") not in requests
    assert {agent for _, _, agent in Handler.seen} == {user_agent()}


def test_links_passes_when_every_link_answers(tmp_path: Path, server: str) -> None:
    write_source(tmp_path, "a-ok", f"{server}/ok", archive=f"{server}/temporary")
    write_source(tmp_path, "b-forbidden", f"{server}/forbidden", archive=f"{server}/ok")
    report = check_links(make_settings(tmp_path), timeout=TIMEOUT, concurrency=2)
    assert report.splitlines() == [
        "content/sources/b-forbidden.yaml:4:6: warning: url: refuses automated requests "
        "(HTTP 403); check it by hand, or list its host in content/links-ignore.yaml with the "
        f"reason (got '{server}/forbidden')",
        "checked 3 links: 0 dead, 1 warnings, 0 skipped on hosts listed in "
        "content/links-ignore.yaml",
    ]


def test_links_skips_ignored_hosts_without_requesting_them(tmp_path: Path, server: str) -> None:
    write_source(tmp_path, "a-ok", f"{server}/ok", archive=f"{server}/ok?copy")
    write_source(tmp_path, "b-ignored", "https://news.refuses.example.org/story")
    (tmp_path / "content" / "links-ignore.yaml").write_text(
        "hosts:\n  - host: refuses.example.org\n    reason: Fictional host for the tests.\n",
        encoding="utf-8",
    )
    report = check_links(make_settings(tmp_path), timeout=TIMEOUT, concurrency=2)
    assert report.splitlines()[-1] == (
        "checked 2 links: 0 dead, 1 warnings, 1 skipped on hosts listed in "
        "content/links-ignore.yaml"
    )
    assert all("refuses" not in path for _, path, _ in Handler.seen)


def test_links_command_exits_1_on_a_dead_link(
    tmp_path: Path, server: str, runner: CliRunner
) -> None:
    write_source(tmp_path, "c-gone", f"{server}/gone", archive=f"{server}/ok")
    args = ["-C", str(tmp_path), "links", "--timeout", "1", "--concurrency", "1"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1
    assert result.stdout == (
        f"content/sources/c-gone.yaml:4:6: error: url: is dead: HTTP 404 (got '{server}/gone')\n"
    )
    assert result.stderr == "links failed: 1 error, 0 warnings in 1 file\n"


def test_redirect_loops_end(server: str) -> None:
    outcome = fetch(f"{server}/loop", TIMEOUT, user_agent())
    assert outcome.error == "more than 5 redirects"


def test_ignore_list_entries_need_a_reason(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "links-ignore.yaml").write_text(
        "hosts:\n  - host: example.org\n", encoding="utf-8"
    )
    _, problems = read_ignore_list(make_settings(tmp_path))
    assert [str(p) for p in problems] == [
        "content/links-ignore.yaml:2:5: error: hosts[0].reason: is required"
    ]


def test_shipped_ignore_list_is_valid() -> None:
    hosts, problems = read_ignore_list(Settings())
    assert problems == []
    assert all(reason.strip() for reason in hosts.values())


def closed_port() -> int:
    """A local port that nothing listens on: a connection to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_links_without_a_network_says_so_once(tmp_path: Path, runner: CliRunner) -> None:
    port = closed_port()
    write_source(
        tmp_path, "a-down", f"http://127.0.0.1:{port}/a", archive=f"http://127.0.0.2:{port}/a"
    )
    write_source(
        tmp_path, "b-down", f"http://127.0.0.2:{port}/b", archive=f"http://127.0.0.1:{port}/b"
    )
    args = ["-C", str(tmp_path), "links", "--timeout", "1"]
    result = runner.invoke(cli, args)
    assert result.exit_code == EXIT_NO_NETWORK == 3
    assert result.stdout == ""
    assert result.stderr == (
        "links failed: no host answered: none of the 4 links on 2 hosts could be reached "
        "(most often: [Errno 111] Connection refused); check the network connection and run "
        "links again\n"
    )


def test_links_with_one_host_down_reports_its_links_dead(
    tmp_path: Path, server: str, runner: CliRunner
) -> None:
    port = closed_port()
    write_source(tmp_path, "a-ok", f"{server}/ok", archive=f"{server}/ok?copy")
    write_source(tmp_path, "b-down", f"http://127.0.0.2:{port}/b", archive=f"{server}/ok")
    args = ["-C", str(tmp_path), "links", "--timeout", "1"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1
    assert result.stdout == (
        f"content/sources/b-down.yaml:4:6: error: url: is dead: [Errno 111] Connection refused "
        f"(got 'http://127.0.0.2:{port}/b')\n"
    )


def test_an_address_with_letters_outside_ascii_is_requested_percent_encoded(server: str) -> None:
    # Invented: a source's address as its page shows it, in Cyrillic; it was reported dead
    # because the request line could not be encoded.
    assert fetch(f"{server}/ок", TIMEOUT, user_agent()).status == 200
    assert ("HEAD", "/%D0%BE%D0%BA") in {(method, path) for method, path, _ in Handler.seen}
    assert as_uri("https://пример.рф:8080/а б?q=в#г") == (
        "https://xn--e1afmkfd.xn--p1ai:8080/%D0%B0%20%D0%B1?q=%D0%B2#%D0%B3"
    )
    assert as_uri("https://example.org/a%20b?x=1&y=2") == "https://example.org/a%20b?x=1&y=2"


def test_links_with_nearly_no_host_answering_blames_the_network(
    tmp_path: Path, server: str, runner: CliRunner
) -> None:
    """Ten hosts that refuse every connection beside one that answers: the network, once."""
    port = closed_port()
    write_source(tmp_path, "a-ok", f"{server}/ok", archive=f"{server}/ok?copy")
    for n in range(2, 12):
        write_source(tmp_path, f"down-{n:02d}", f"http://127.0.0.{n}:{port}/x")
    result = runner.invoke(cli, ["-C", str(tmp_path), "links", "--timeout", "1"])
    assert result.exit_code == EXIT_NO_NETWORK
    assert result.stdout == ""
    assert result.stderr == (
        "links failed: nearly no host answered: 10 of 11 hosts could not be reached (most "
        "often: [Errno 111] Connection refused), which says more about the network than the "
        "links; check the network connection and run links again\n"
    )
