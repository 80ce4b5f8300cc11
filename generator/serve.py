"""Live preview: regenerate build/docs/ on change and serve it with MkDocs.

A watcher thread polls content/ and templates/ and calls ``build.build_docs`` when a file
changes; ``mkdocs serve`` watches build/docs/ in turn and reloads the browser.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path

from .errors import ContentError, summarize
from .settings import Settings

POLL_SECONDS = 0.5

Snapshot = dict[str, tuple[int, int]]


def serve_site(settings: Settings, port: int) -> str:
    """Serve a live preview on 127.0.0.1 until interrupted."""
    from mkdocs.commands.serve import serve

    from .build import build_docs

    print(build_docs(settings), file=sys.stderr)
    stop = threading.Event()
    watcher = threading.Thread(
        target=watch_content,
        args=(settings, stop, lambda: _rebuild(settings, build_docs)),
        name="content-watcher",
        daemon=True,
    )
    watcher.start()
    try:
        serve(
            config_file=str(settings.mkdocs_yml),
            livereload=True,
            # Only the pages whose Markdown changed are rebuilt: an edit shows at once.
            build_type="dirty",
            dev_addr=f"127.0.0.1:{port}",
        )
    finally:
        stop.set()
        watcher.join(timeout=5)
    return "preview stopped"


def watch_content(settings: Settings, stop: threading.Event, rebuild: Callable[[], None]) -> None:
    """Call ``rebuild`` whenever a file under content/ or templates/ changes, until ``stop``."""
    folders = (settings.content_dir, settings.templates_dir)
    seen = snapshot(folders)
    while not stop.wait(POLL_SECONDS):
        current = snapshot(folders)
        if current != seen:
            seen = current
            rebuild()


def snapshot(folders: tuple[Path, ...]) -> Snapshot:
    """Modification time and size of every file under the folders."""
    found: Snapshot = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file():
                found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def _rebuild(settings: Settings, build_docs: Callable[[Settings], str]) -> None:
    """Regenerate; content problems are printed and the last good pages stay served."""
    try:
        print(build_docs(settings), file=sys.stderr)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(summarize(error.problems), file=sys.stderr)
