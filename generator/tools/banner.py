"""The live preview's sign of broken content: a banner listing the problems on every page.

While an edit fails the check, the preview keeps serving the last good pages; without a sign
the curator would take them for the edit. ``ProblemBoard`` holds the located problems of the
last check (the quick check of an edited record, or the full build's); ``with_banner`` puts
them, text-escaped, in a banner on every HTML page the server answers with, until a good
build clears them.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable, Iterable
from typing import Any

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
"""A WSGI application: environ and start_response in, the body out."""

BANNER_ID = "preview-problems"
_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_STYLE = (
    "position:fixed;left:0;right:0;bottom:0;z-index:10000;max-height:50vh;overflow:auto;"
    "margin:0;padding:.8em 1.2em;background:#8b0000;color:#fff;font:14px/1.4 sans-serif;"
)


class ProblemBoard:
    """The problem lines the preview shows, by file, shared between the watcher and the server."""

    def __init__(self) -> None:
        self._lines: tuple[str, ...] = ()
        self._lock = threading.Lock()

    def lines(self) -> tuple[str, ...]:
        """The lines shown now; none while the content checks cleanly."""
        with self._lock:
            return self._lines

    def show(self, lines: Iterable[str]) -> bool:
        """Show these lines instead of all others (a full build's); whether anything changed."""
        return self._set(tuple(lines))

    def replace(self, paths: Iterable[str], lines: Iterable[str]) -> bool:
        """Show ``lines`` instead of those about the files at ``paths``; whether anything changed.

        A quick check of edited records knows about those files only: the full build's lines
        about other files stay.
        """
        prefixes = tuple(f"{path}:" for path in paths)
        with self._lock:
            kept = [line for line in self._lines if not line.startswith(prefixes)]
        return self._set((*kept, *lines))

    def _set(self, lines: tuple[str, ...]) -> bool:
        with self._lock:
            changed = lines != self._lines
            self._lines = lines
        return changed


def problem_lines(output: bytes, status: int) -> list[str]:
    """What a build's exit status and output put on the board: nothing when it succeeded."""
    if status == 0:
        return []
    lines = [line for line in output.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines or [f"the build failed (exit status {status}); its messages are in the terminal"]


def banner_html(lines: Iterable[str]) -> bytes:
    """The banner for these problem lines, every line text-escaped."""
    shown = "\n".join(html.escape(line, quote=True) for line in lines)
    return (
        f'<div id="{BANNER_ID}" role="alert" style="{_STYLE}">'
        "<strong>The content has problems: this preview shows the last good build until they "
        "are fixed.</strong>"
        f'<pre style="margin:.5em 0 0;white-space:pre-wrap;font-size:13px">{shown}</pre></div>'
    ).encode()


def with_banner(app: WSGIApp, board: ProblemBoard) -> WSGIApp:
    """``app``, with the board's problems on every HTML page while there are any."""

    def shown(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        lines = board.lines()
        if not lines:
            return app(environ, start_response)
        answer: dict[str, Any] = {}
        written: list[bytes] = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            answer.update(status=status, headers=headers)
            return written.append

        body = app(environ, capture)
        headers: list[tuple[str, str]] = answer.get("headers", [])
        kind = next((value for key, value in headers if key.lower() == "content-type"), "")
        if not kind.startswith("text/html"):
            start_response(answer["status"], headers)
            return body if not written else _joined(written, body)
        content = _insert(b"".join(_joined(written, body)), banner_html(lines))
        headers = [(key, value) for key, value in headers if key.lower() != "content-length"]
        start_response(answer["status"], [*headers, ("Content-Length", str(len(content)))])
        return [content]

    return shown


def _joined(written: list[bytes], body: Iterable[bytes]) -> list[bytes]:
    """What the application wrote, then its body, which is closed (a file, say)."""
    try:
        return [*written, *body]
    finally:
        close = getattr(body, "close", None)
        if close is not None:
            close()


def _insert(page: bytes, banner: bytes) -> bytes:
    """The page with the banner first in its body (first of all when it has no body tag)."""
    found = _BODY.search(page)
    at = found.end() if found else 0
    return page[:at] + banner + page[at:]
