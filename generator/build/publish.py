"""Putting a newly built site in the place of the old one: whole, readable, after any kill.

MkDocs builds into a staging folder beside the site (``build/.site-*``, made by ``mkdtemp``
with mode 0700), writing the search documents into ``build/search/``, from which Pagefind
writes the search index into the staging folder. The last build's documents stay there
until the next site build sets them aside (``build/.site-search-*``) and removes them while
MkDocs runs: removing ten thousand small folders takes a second, which the end of the build
would otherwise wait for. ``swap_in`` gives the staging folder's folders mode 0755 and its
files 0644, so that a web server running as another user can read them, then swaps it in
with two renames, the old site going aside to ``build/.site-old`` in
between. A build killed between the renames leaves no site, only the old one aside; one
killed earlier leaves its staging folder. ``recover``, run by every build before anything
else, puts the old site back and removes every such leftover.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.build.printing import Printing, Running
from generator.build.search_index import index_site
from generator.content.load import display_path
from generator.core.errors import ContentError, Problem
from generator.core.settings import Settings
from generator.core.site_info import LATER, uses_site_plugin
from generator.report.document import PDF_PATH, html_to_pdf
from generator.site.page_fork import PAGE_WORKERS
from generator.site.search import SEARCH_DOCUMENTS

SEARCH_DIR = "search"
"""The folder of ``build/`` into which MkDocs writes the search documents of the last site."""
FOLDER_MODE = 0o755
FILE_MODE = 0o644


class Publishing:
    """The site's build beside the generation: the report printed while MkDocs runs.

    Printing the report's PDF and ``mkdocs build`` each keep one core busy for long, so they
    run at once. The generation hands the report's HTML to ``print_pdf``, which starts
    printing it in a process of its own (``printing.Printing``) and gives an empty stand-in;
    the tree is written without the PDF (``later``), ``start`` starts MkDocs on it and waits
    for the PDF, which the build then writes into the tree, and ``finish`` puts it into the
    site before Pagefind and the swap. When mkdocs.yml does not list the project's plugin,
    which gives MkDocs the stand-in to link to, the report is printed in place as before.
    ``close`` stops whatever still runs: a build that fails anywhere leaves the site as it was.
    """

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._beside = uses_site_plugin(settings)
        # Started now, so that the printer loads while the records are checked; stopped
        # unused when the report is as the last build left it.
        self._printing: Printing | None = Printing() if self._beside else None
        self._site: SiteBuild | None = None
        self._printed: dict[str, bytes] = {}

    @property
    def _printed_pdf(self) -> Printing | None:
        """The printer, once it has the report's HTML."""
        return self._printing if self._printing is not None and self._printing.given else None

    @property
    def later(self) -> frozenset[str]:
        """The generated files written once printed, after MkDocs has started."""
        return frozenset({PDF_PATH}) if self._printed_pdf is not None else frozenset()

    def print_pdf(self, html: str) -> bytes:
        """Start printing ``html`` and return a stand-in, or print it here without the plugin."""
        if not self._beside:
            return html_to_pdf(html)
        if self._printed_pdf is not None:
            self._printed_pdf.stop()  # a build started again (a damaged store) prints again
        if self._printing is None or self._printing.given:
            self._printing = Printing()
        self._printing.print(html)
        return b""

    def start(self) -> dict[str, bytes]:
        """Start MkDocs on the written tree; return the ``later`` files once they are made."""
        if self._site is not None:
            self._site.close()
        self._site = SiteBuild(self._settings, self.later)
        printing = self._printed_pdf
        if printing is not None:
            self._printed = {PDF_PATH: printing.pdf()}
        return self._printed

    def finish(self) -> None:
        """Wait for MkDocs (started now if the tree was up to date), then index and swap in."""
        if self._site is None:
            self._site = SiteBuild(self._settings)
        self._site.finish(self._printed)

    def close(self) -> None:
        """Stop the printer and MkDocs if they still run; remove the staging folder."""
        if self._printing is not None:
            self._printing.stop()
        if self._site is not None:
            self._site.close()


def build_with_mkdocs(settings: Settings) -> None:
    """``mkdocs build --strict`` and Pagefind into a staging folder, swapped in on success."""
    site = SiteBuild(settings)
    try:
        site.finish({})
    finally:
        site.close()


class SiteBuild:
    """``mkdocs build --strict`` into a staging folder, running while the build goes on.

    Files named ``later`` (the report's PDF, still printing) are put into the site by
    ``finish`` instead of being copied by MkDocs, which links to an empty stand-in meanwhile
    (``core.site_info.LATER``). MkDocs writes the search documents that Pagefind reads into
    ``build/search/`` (``site.search``), when mkdocs.yml lists the project's plugin; the last
    build's are set aside first and removed meanwhile. ``close`` stops MkDocs if it still runs
    and removes the staging folder, so a build that fails anywhere leaves the previous site as
    it was.
    """

    def __init__(self, settings: Settings, later: Iterable[str] = ()) -> None:
        self._settings = settings
        self._new = staging(settings.site_dir)
        self._documents = settings.out_dir / SEARCH_DIR
        self._clearing: threading.Thread | None = None
        command = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            # Not --quiet: it drops warnings before --strict can count them, so nothing fails.
            "--strict",
            "--config-file",
            str(settings.mkdocs_yml),
            "--site-dir",
            str(self._new),
        ]
        env = {**os.environ, LATER: "\n".join(sorted(later))}
        if _cores() >= 2:
            env[PAGE_WORKERS] = "2"  # half the pages converted and built in a second process
        try:
            self._clearing = set_aside(self._documents, settings.site_dir)
            self._documents.mkdir()
            env[SEARCH_DOCUMENTS] = str(self._documents)
            self._running = Running(command, cwd=settings.root, env=env)
        except BaseException:  # interrupted as it starts: no staging folder is left behind
            self._clear()
            raise

    def finish(self, later: Mapping[str, bytes]) -> None:
        """Wait for MkDocs, put the ``later`` files in, index the site and swap it in."""
        code, output, errors = self._running.wait()
        where = display_path(self._settings.mkdocs_yml, self._settings.root)
        if code != 0:
            message = "mkdocs build failed:\n" + _tail(errors + output)
            raise ContentError([Problem(where, 0, 0, "", message)])
        for relative, data in later.items():
            target = self._new / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        index_site(self._new, where, _holding_pages(self._documents))
        swap_in(self._new, self._settings.site_dir)

    def close(self) -> None:
        """Stop MkDocs if it still runs, remove the staging folder and what was set aside."""
        self._running.stop()
        self._clear()

    def _clear(self) -> None:
        shutil.rmtree(self._new, ignore_errors=True)
        if self._clearing is not None:
            self._clearing.join()


def set_aside(folder: Path, site: Path) -> threading.Thread | None:
    """Move ``folder`` aside beside ``site`` and remove it in a thread; None when it is absent.

    The name it goes by is a staging folder's (``staging``), so that ``recover`` removes it
    if the build is killed first.
    """
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        folder.unlink()  # not one this build made: nothing to set aside
        return None
    if not folder.exists():
        return None
    aside = staging(site, "search-")
    os.replace(folder, aside)  # onto the empty folder just made
    clearing = threading.Thread(target=shutil.rmtree, args=(aside, True), name="set-aside")
    clearing.start()
    return clearing


def _holding_pages(documents: Path) -> Path | None:
    """The folder of search documents, if MkDocs wrote any into it; else None.

    None has Pagefind read the built pages, as for a theme whose content element the plugin
    does not find: the index is then of whole pages rather than none.
    """
    return documents if next(documents.rglob("*.html"), None) is not None else None


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def _tail(output: bytes) -> str:
    text = output.decode("utf-8", "replace")
    return "\n".join(text.strip().splitlines()[-30:])


def staging(target: Path, kind: str = "") -> Path:
    """A new, empty staging folder beside ``target``, for the next site or a ``kind`` of files.

    Its name begins with the target's, so ``recover`` removes any left behind.
    """
    return Path(tempfile.mkdtemp(prefix=f".{target.name}-{kind}", dir=target.parent))


def swap_in(new: Path, target: Path) -> None:
    """Replace ``target`` by ``new`` with two renames; the old tree is removed afterwards."""
    readable(new)
    old = _aside(target)
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    _put_in_place(new, target)
    shutil.rmtree(old, ignore_errors=True)


def _put_in_place(new: Path, target: Path) -> None:
    """The second rename: until it is done there is no ``target``, only the old one aside."""
    new.rename(target)


def recover(target: Path) -> list[str]:
    """Undo what a killed build left beside ``target``; return the names removed.

    When ``target`` is missing and the previous one is aside, the build was killed between
    the renames: the previous tree, which was complete, goes back. Staging folders and
    whatever is still aside are then removed. Callers hold the build lock, so no other build
    is using them.
    """
    old = _aside(target)
    if not target.exists() and old.is_dir() and not old.is_symlink():
        old.rename(target)
    removed = []
    for path in sorted(target.parent.glob(f".{target.name}-*")):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
        removed.append(path.name)
    return removed


def readable(folder: Path) -> None:
    """Give ``folder`` and every folder under it mode 0755, and every file 0644."""
    os.chmod(folder, FOLDER_MODE)
    for parent, folders, files in os.walk(folder):
        for name in folders:
            _set_mode(os.path.join(parent, name), FOLDER_MODE)
        for name in files:
            _set_mode(os.path.join(parent, name), FILE_MODE)


def _set_mode(path: str, mode: int) -> None:
    """Set ``mode`` unless the path is a symbolic link (whose mode Linux cannot set)."""
    if not stat.S_ISLNK(os.lstat(path).st_mode):
        os.chmod(path, mode)


def _aside(target: Path) -> Path:
    return target.with_name(f".{target.name}-old")
