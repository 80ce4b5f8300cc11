"""Live preview: regenerate build/docs/ on change and serve it with MkDocs.

A watcher is told by the operating system (watchdog) when a file under content/ or
templates/ changes, and hands it to ``rebuild.Rebuilder``. When only existing incident files
changed, that first writes their pages (``preview.QuickPages``), so that the edit shows at
once; then, as for any other change, a full ``build`` runs in a separate process and brings
the indexes, report and data up to date. After each write the watcher touches a trigger file,
and MkDocs' live-reload server rebuilds the pages whose Markdown is newer than their HTML and
reloads the browser. The preview site stays in build/preview/, so a restart rebuilds only
what changed meanwhile; its search index is made once, when it has none.

An edit that fails the check changes no page; its problems (from the quick check, then the
full build) go on a ``banner.ProblemBoard``, and every page served shows them until a good
build clears them. The trigger is touched then too, so that open pages reload and show it.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler

from generator.build.guards import docs_lock
from generator.build.search_index import index_if_missing
from generator.content.load import display_path
from generator.core.settings import Settings
from generator.tools.livereload import preview_server, show_mkdocs_progress
from generator.tools.rebuild import Rebuilder

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

    show_mkdocs_progress()
    trigger = settings.out_dir / TRIGGER
    site_dir = _preview_dir(settings)

    def written(full: bool) -> None:
        if full:  # records may be gone: so must their pages
            with docs_lock(settings):
                prune_preview(site_dir, settings.docs_dir)
        _touch(trigger)

    rebuilder = Rebuilder(settings, on_written=written, on_problems=lambda: _touch(trigger))
    if rebuilder.build_now() != 0 and not settings.docs_dir.is_dir():
        raise SystemExit(1)  # the build printed its problems; there is nothing to serve

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
        with docs_lock(settings):  # a build in the background writes build/docs/ meanwhile
            # Dirty: only pages whose Markdown is newer than their HTML are rebuilt.
            build(config, serve_url=serve_url, dirty=True)

    server = preview_server(builder, port, site_dir, mount_path, rebuilder.board)
    stop = threading.Event()
    changes = Changes()
    watcher = threading.Thread(
        target=pass_changes, args=(changes, rebuilder, stop), name="content-watcher"
    )
    observer = watch_content(settings, changes)
    try:
        rebuilder.changed(set())  # read the build's state before the first edit can come
        written(full=True)
        builder(config)
        # Once: indexing every page again after each edit would hold up the edited page.
        for line in index_if_missing(site_dir, display_path(settings.mkdocs_yml, settings.root)):
            print(line, file=sys.stderr)  # the preview goes on without search
        server.watch(str(trigger.parent))
        server.watch(str(settings.mkdocs_yml))
        watcher.start()
        try:
            server.serve()
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


def prune_preview(site_dir: Path, docs_dir: Path) -> int:
    """Remove preview pages and files whose Markdown or file is gone from build/docs/.

    MkDocs' dirty builds add and update but never remove: a deleted record's page would stay.
    Only what build/docs/ makes is looked at, not the theme's own files.
    """
    owned = {path.name for path in docs_dir.iterdir()} - {"assets"}
    removed = 0
    for path in sorted(site_dir.rglob("*"), reverse=True):
        relative = path.relative_to(site_dir)
        if not relative.parts or relative.parts[0] not in owned and relative.name != "index.html":
            continue
        if path.is_file() and not _has_source(relative, docs_dir):
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed


def _has_source(relative: Path, docs_dir: Path) -> bool:
    """True when a file of the preview site comes from something still in build/docs/."""
    if relative.name != "index.html":
        return (docs_dir / relative).exists()
    folder = relative.parent
    if folder == Path("."):
        return (docs_dir / "index.md").is_file()
    return (docs_dir / folder / "index.md").is_file() or (docs_dir / f"{folder}.md").is_file()


def _preview_dir(settings: Settings) -> Path:
    """build/preview/, emptied when mkdocs.yml changed since it was built."""
    site_dir = settings.out_dir / PREVIEW_DIR
    stamp = site_dir / ".mkdocs-yml"
    digest = hashlib.blake2b(settings.mkdocs_yml.read_bytes(), digest_size=16).hexdigest()
    if not stamp.is_file() or stamp.read_bytes() != digest.encode("utf-8"):  # may be damaged
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
