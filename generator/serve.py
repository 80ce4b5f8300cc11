"""Live preview: regenerate build/docs/ on change and serve it with MkDocs.

A watcher is told by the operating system (watchdog) when a file under content/ or
templates/ changes. When only existing incident files changed, it first writes their pages
(``preview.QuickPages``), so that the edit shows at once; then, as for any other change, a
full ``build`` runs in a separate process and brings the indexes, report and data up to date.
After each write the watcher touches a trigger file, and MkDocs' live-reload server rebuilds
the pages whose Markdown is newer than their HTML and reloads the browser. The preview site
stays in build/preview/, so a restart rebuilds only what changed meanwhile.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler

from .errors import summarize
from .settings import Settings

if TYPE_CHECKING:
    from .preview import QuickPages

PREVIEW_DIR = "preview"
"""Under build/: the preview site, kept between runs."""
TRIGGER = ".preview-trigger/changed"
"""Under build/: touched whenever build/docs/ changed, to make MkDocs rebuild."""
SETTLE_SECONDS = 0.05
"""How long the watcher lets a burst of file events settle (an editor's save is several)."""


def serve_site(settings: Settings, port: int) -> str:
    """Serve a live preview on 127.0.0.1 until interrupted."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    _show_mkdocs_progress()
    trigger = settings.out_dir / TRIGGER
    rebuilder = Rebuilder(settings, on_written=lambda: _touch(trigger))
    if rebuilder.build_now() != 0 and not settings.docs_dir.is_dir():
        raise SystemExit(1)  # the build printed its problems; there is nothing to serve
    site_dir = _preview_dir(settings)

    def get_config() -> Any:
        return load_config(config_file=str(settings.mkdocs_yml), site_dir=str(site_dir))

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=True)
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = f"http://127.0.0.1:{port}{mount_path}"

    def builder(config: Any = None) -> None:
        # A fresh configuration per build, as ``mkdocs serve`` does: plugins keep state in it.
        config = config or get_config()
        config.site_url = serve_url
        # Dirty: only pages whose Markdown is newer than their HTML are rebuilt.
        build(config, serve_url=serve_url, dirty=True)

    server = LiveReloadServer(
        builder=builder,
        host="127.0.0.1",
        port=port,
        root=str(site_dir),
        mount_path=mount_path,
        polling_interval=0.1,  # it polls two small files, not the 100,000 pages
    )
    stop = threading.Event()
    changes = Changes()
    watcher = threading.Thread(
        target=pass_changes, args=(changes, rebuilder, stop), name="content-watcher"
    )
    observer = watch_content(settings, changes)
    try:
        rebuilder.changed(set())  # read the build's state before the first edit can come
        builder(config)
        _touch(trigger)
        server.watch(str(trigger.parent))
        server.watch(str(settings.mkdocs_yml))
        watcher.start()
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    finally:
        stop.set()
        observer.stop()
        if watcher.is_alive():
            watcher.join(timeout=5)
        rebuilder.stop()
        config.plugins.on_shutdown()
    return "preview stopped"


def _show_mkdocs_progress() -> None:
    """Print what MkDocs does (building, built in how long, reloading), as ``mkdocs serve`` does."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _preview_dir(settings: Settings) -> Path:
    """build/preview/, emptied when mkdocs.yml changed since it was built."""
    site_dir = settings.out_dir / PREVIEW_DIR
    stamp = site_dir / ".mkdocs-yml"
    digest = hashlib.blake2b(settings.mkdocs_yml.read_bytes(), digest_size=16).hexdigest()
    if not stamp.is_file() or stamp.read_text(encoding="utf-8") != digest:
        shutil.rmtree(site_dir, ignore_errors=True)
        if settings.site_dir.is_dir():
            # Start from the built site: its pages are newer than their Markdown, so the
            # first build of the preview makes only what changed since.
            shutil.copytree(settings.site_dir, site_dir)
        site_dir.mkdir(parents=True, exist_ok=True)
        stamp.write_text(digest, encoding="utf-8")
    return site_dir


def _touch(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()


def watch_content(settings: Settings, changes: Changes) -> Any:
    """Start noting changed files under content/ and templates/ in ``changes``; the observer."""
    from watchdog.observers import Observer

    observer = Observer()
    for folder in (settings.content_dir, settings.templates_dir):
        observer.schedule(changes, str(folder), recursive=True)
    observer.start()
    return observer


def pass_changes(changes: Changes, rebuilder: Rebuilder, stop: threading.Event) -> None:
    """Hand what changed to ``rebuilder`` until ``stop``; an empty set lets it follow a build."""
    while not stop.wait(SETTLE_SECONDS):
        rebuilder.changed(changes.take())


class Changes(FileSystemEventHandler):
    """Files changed since ``take`` was last called, leaving out editors' spare files."""

    def __init__(self) -> None:
        self._paths: set[Path] = set()
        self._lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        """Note the file an event is about, and where it moved to."""
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        found = {Path(str(event.src_path))}
        if event.dest_path:
            found.add(Path(str(event.dest_path)))
        with self._lock:
            self._paths |= {path for path in found if not _spare(path)}

    def take(self) -> set[Path]:
        """The changed paths, forgetting them."""
        with self._lock:
            paths, self._paths = self._paths, set()
        return paths


def _spare(path: Path) -> bool:
    """An editor's swap, backup or temporary file: never an input."""
    name = path.name
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".tmp")) or name.isdigit()


class Rebuilder:
    """Runs full builds in a separate process, one at a time, with quick pages before them.

    The build runs apart so that it never holds up the MkDocs server in this process, and at
    a lower priority so that MkDocs rebuilding the edited page comes first.
    """

    def __init__(self, settings: Settings, on_written: Callable[[], None] = lambda: None) -> None:
        self.settings = settings
        self.on_written = on_written
        """Called when build/docs/ may have changed."""
        self.process: subprocess.Popen[bytes] | None = None
        self.wanted = False
        self.quick: QuickPages | None = None

    def build_now(self) -> int:
        """Run a full build and wait for it; return its exit status."""
        self.process = self._start()
        status = self.process.wait()
        self.process = None
        return status

    def changed(self, paths: set[Path]) -> None:
        """Show edited records at once, then start a full build when none is running."""
        if paths:
            self.wanted = True
            self._quick_pages(paths)
        if self.process is not None and self.process.poll() is not None:
            self.process = None
            self.on_written()
            self.quick = self._read_state()  # what the build just made, ready for the next edit
        elif self.quick is None and self.process is None:
            self.quick = self._read_state()
        if self.wanted and self.process is None:
            self.wanted = False
            self.process = self._start()

    def stop(self) -> None:
        """Stop a running build."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait()

    def _read_state(self) -> QuickPages | None:
        from .preview import QuickPages

        return QuickPages.after_build(self.settings)

    def _quick_pages(self, paths: set[Path]) -> None:
        from .build import write_preview

        if self.quick is None or not self.quick.covers(paths):
            self.quick = None  # other inputs changed: wait for the build's new state
            return
        pages, problems = self.quick.pages(paths)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(summarize(problems), file=sys.stderr)
        if pages:
            write_preview(self.settings, pages)
            self.on_written()
            print(f"previewed {', '.join(sorted(pages))}", file=sys.stderr)

    def _start(self) -> subprocess.Popen[bytes]:
        """A full build in a separate process; it prints its own problems and summary."""
        command = [sys.executable, "-m", "generator", "--root", str(self.settings.root)]
        nice = shutil.which("nice")
        if nice:  # the preview's own page rebuild comes first
            command = [nice, "-n", "10", *command]
        strict = ["--strict"] if self.settings.strict else []
        return subprocess.Popen([*command, "build", "--quiet", *strict])
