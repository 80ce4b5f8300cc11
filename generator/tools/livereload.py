"""The live preview's web server: MkDocs' live-reload server, refusing requests it mishandles.

MkDocs opens the file a request names; a path with a NUL byte (``/%00``) makes Python refuse
to open it, and the server answers 500 with a traceback in the log. The preview answers such a
request 400 before MkDocs sees it. Given a problem board, every page it serves while the
content is broken carries the problems (``banner``). It logs what MkDocs does, as ``mkdocs
serve`` does.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from generator.tools.banner import ProblemBoard, WSGIApp, with_banner


def preview_server(
    builder: Callable[[], None],
    port: int,
    root: Path,
    mount_path: str,
    board: ProblemBoard | None = None,
) -> Any:
    """MkDocs' live-reload server for ``root`` on 127.0.0.1, refusing paths no file can have.

    With a ``board``, its problems are shown on every page while there are any.
    """
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(
        builder=builder,
        host="127.0.0.1",
        port=port,
        root=str(root),
        mount_path=mount_path,
        polling_interval=0.1,  # it polls two small files, not the 100,000 pages
    )
    app = server.serve_request if board is None else with_banner(server.serve_request, board)
    server.set_app(refuse_bad_paths(app))
    return server


def refuse_bad_paths(app: WSGIApp) -> WSGIApp:
    """``app``, answering 400 to a path with a NUL byte instead of letting it fail."""

    def guarded(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if "\0" in environ.get("PATH_INFO", ""):
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"400 Bad Request: the path holds a NUL byte\n"]
        return app(environ, start_response)

    return guarded


class _NoDirtyWarning(logging.Filter):
    """Drop MkDocs' warning that a build is dirty: every build of the preview is."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def show_mkdocs_progress() -> None:
    """Print what MkDocs does (building, built in how long, reloading), as ``mkdocs serve`` does."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(_NoDirtyWarning())
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
