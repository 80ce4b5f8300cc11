"""WeasyPrint loads nothing but data: URIs: no local file and no network address reaches a PDF.

A canary file with unique bytes and a loopback HTTP server that counts requests are referenced
from every place where WeasyPrint fetches: ``<img>``, ``<link rel=stylesheet>``, CSS ``url()``
and ``@import``, and ``<a rel=attachment>`` (which embeds the target in the PDF).
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from generator.core.errors import ContentError
from generator.report.document import html_to_pdf

CANARY = b"CANARY-7f3e9b2c-never-in-a-pdf"

REFERENCES = {
    "img": '<img src="{url}" alt="x">',
    "stylesheet": '<link rel="stylesheet" href="{url}">',
    "css-url": '<style>body {{ background: url("{url}"); }}</style>',
    "css-import": '<style>@import url("{url}");</style>',
    "inline-style": '<p style="background-image: url({url})">x</p>',
    "attachment": '<a rel="attachment" href="{url}">attached</a>',
}


class Recorder:
    """A loopback HTTP server that answers every GET with the canary and counts requests."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - stdlib name
                recorder.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/css")
                self.end_headers()
                self.wfile.write(CANARY)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                """Keep the test output clean."""

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The server's address."""
        return f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    """A running loopback server, stopped after the test."""
    server = Recorder()
    server.thread.start()
    try:
        yield server
    finally:
        server.server.shutdown()
        server.server.server_close()
        server.thread.join(timeout=5)


@pytest.fixture
def canary(tmp_path: Path) -> Path:
    """A local file holding the canary bytes."""
    path = tmp_path / "secret.canary"
    path.write_bytes(CANARY)
    return path


def page(reference: str) -> str:
    """A small HTML document with one reference in its body."""
    return (
        f"<!doctype html><html><head><title>t</title></head><body><p>x</p>{reference}</body></html>"
    )


def decoded_streams(pdf: bytes, folder: Path) -> bytes:
    """The PDF's bytes followed by every stream it holds, decoded (embedded files included)."""
    path = folder / "out.pdf"
    path.write_bytes(pdf)
    reader = PdfReader(path)
    found: list[bytes] = [pdf]
    seen: set[int] = set()
    pending: list[Any] = [reader.trailer["/Root"]]
    while pending:
        value = pending.pop()
        if isinstance(value, IndirectObject):
            if value.idnum in seen:
                continue
            seen.add(value.idnum)
            value = value.get_object()
        if isinstance(value, StreamObject):
            found.append(value.get_data())
        if isinstance(value, DictionaryObject):
            pending.extend(value.values())
        elif isinstance(value, ArrayObject):
            pending.extend(value)
    return b"".join(found)


def print_pdf(html: str) -> tuple[bytes, str]:
    """The PDF, or no bytes and the error's message when the project's printer refuses."""
    try:
        return html_to_pdf(html), ""
    except ContentError as error:
        return b"", str(error.problems[0])


@pytest.mark.parametrize("kind", sorted(REFERENCES))
@pytest.mark.parametrize("target", ["file", "loopback"])
def test_pdf_fetches_no_file_and_no_address(
    kind: str, target: str, recorder: Recorder, canary: Path, tmp_path: Path
) -> None:
    url = canary.as_uri() if target == "file" else f"{recorder.url}/{kind}"
    pdf, refused = print_pdf(page(REFERENCES[kind].format(url=url)))
    assert recorder.requests == []
    if pdf:
        assert CANARY not in decoded_streams(pdf, tmp_path)
    else:
        assert "must load nothing but data: URIs" in refused


def test_pdf_still_draws_data_uri_images(tmp_path: Path) -> None:
    pixel = (
        "data:image/svg+xml;base64,"
        "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIxIiBoZWlnaHQ9IjEiLz4="
    )
    pdf = html_to_pdf(page(f'<img src="{pixel}" alt="dot">'))
    assert pdf.startswith(b"%PDF-")


def test_default_weasyprint_would_fetch_both(
    recorder: Recorder, canary: Path, tmp_path: Path
) -> None:
    """Without the project's fetcher the same references do load: the checks above can fail."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EncodingWarning)
        from weasyprint import HTML

    html = page(
        REFERENCES["stylesheet"].format(url=f"{recorder.url}/style")
        + REFERENCES["attachment"].format(url=canary.as_uri())
    )
    pdf = HTML(string=html).write_pdf()
    assert recorder.requests == ["/style"]
    assert CANARY in decoded_streams(pdf, tmp_path)
