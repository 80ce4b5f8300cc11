"""Putting a newly built site in the place of the old one: whole, readable, after any kill.

MkDocs builds into a staging folder beside the site (``build/.site-*``, made by ``mkdtemp``
with mode 0700), and Pagefind writes the search index into it. ``swap_in`` gives its folders
mode 0755 and its files 0644, so that a web server running as another user can read them,
then swaps it in with two renames, the old site going aside to ``build/.site-old`` in
between. A build killed between the renames leaves no site, only the old one aside; one
killed earlier leaves its staging folder. ``recover``, run by every build before anything
else, puts the old site back and removes every such leftover.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.build.search_index import index_site
from generator.content.load import display_path
from generator.core.errors import ContentError, Problem
from generator.core.settings import Settings

FOLDER_MODE = 0o755
FILE_MODE = 0o644


def build_with_mkdocs(settings: Settings) -> None:
    """``mkdocs build --strict`` and Pagefind into a staging folder, swapped in on success."""
    new = staging(settings.site_dir)
    try:
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
            str(new),
        ]
        result = subprocess.run(
            command, cwd=settings.root, capture_output=True, text=True, encoding="utf-8"
        )
        if result.returncode != 0:
            where = display_path(settings.mkdocs_yml, settings.root)
            message = "mkdocs build failed:\n" + _tail(result)
            raise ContentError([Problem(where, 0, 0, "", message)])
        index_site(new, display_path(settings.mkdocs_yml, settings.root))
        swap_in(new, settings.site_dir)
    finally:
        shutil.rmtree(new, ignore_errors=True)


def _tail(result: subprocess.CompletedProcess[str]) -> str:
    output = (result.stderr or "") + (result.stdout or "")
    return "\n".join(output.strip().splitlines()[-30:])


def staging(target: Path) -> Path:
    """A new, empty staging folder beside ``target`` for the next site to be built into."""
    return Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))


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
