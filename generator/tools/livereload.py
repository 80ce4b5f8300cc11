"""The live preview's web server: MkDocs' live-reload server, refusing requests it mishandles.

MkDocs opens the file a request names; a path with a NUL byte (``/%00``) makes Python refuse
to open it, and the server answers 500 with a traceback in the log. The preview answers such a
request 400 before MkDocs sees it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
"""A WSGI application: environ and start_response in, the body out."""


def preview_server(builder: Callable[[], None], port: int, root: Path, mount_path: str) -> Any:
    """MkDocs' live-reload server for ``root`` on 127.0.0.1, refusing paths no file can have."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(
        builder=builder,
        host="127.0.0.1",
        port=port,
        root=str(root),
        mount_path=mount_path,
        polling_interval=0.1,  # it polls two small files, not the 100,000 pages
    )
    server.set_app(refuse_bad_paths(server.serve_request))
    return server


def refuse_bad_paths(app: WSGIApp) -> WSGIApp:
    """``app``, answering 400 to a path with a NUL byte instead of letting it fail."""

    def guarded(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if "\0" in environ.get("PATH_INFO", ""):
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"400 Bad Request: the path holds a NUL byte\n"]
        return app(environ, start_response)

    return guarded
