"""What keeps a build safe: locks, a paused garbage collector, refused writes as errors.

Two locks on build/ (one build at a time; build/docs/ held still while it is written or read
whole), the cyclic garbage collector paused while records are assembled, and writes the
machine refused reported as located errors, never a traceback.
"""

from __future__ import annotations

import errno
import fcntl
import gc
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from generator.build.store import STORE
from generator.content.load import display_path
from generator.core.errors import ContentError, write_problem
from generator.core.settings import Settings


@contextmanager
def build_lock(settings: Settings, name: str = ".lock") -> Iterator[None]:
    """Hold an exclusive lock on build/ so that two builds never write at once.

    ``docs_lock`` is a second one, held only while build/docs/ is written or read whole.
    """
    settings.out_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.out_dir / name, "a", encoding="utf-8") as handle:  # "a": no write
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def docs_lock(settings: Settings) -> AbstractContextManager[None]:
    """Hold build/docs/ still: the live preview's MkDocs never reads a half-written tree."""
    return build_lock(settings, ".docs-lock")


STORE_ERRNO = {13: errno.ENOSPC, 8: errno.EROFS, 3: errno.EPERM, 14: errno.EACCES}
"""SQLite's codes for writes the machine refused (FULL, READONLY, PERM, CANTOPEN) as errno."""


@contextmanager
def writing(settings: Settings) -> Iterator[None]:
    """Report a write refused by the machine as an error naming the path, not a traceback."""
    try:
        yield
    except sqlite3.OperationalError as error:
        number = STORE_ERRNO.get(getattr(error, "sqlite_errorcode", 0) & 0xFF)
        store = display_path(settings.out_dir / STORE, settings.root)
        problem = write_problem(OSError(number, str(error)), store) if number else None
        if problem is None:
            raise
        raise ContentError([problem]) from error
    except OSError as error:
        path = Path(error.filename) if error.filename else settings.out_dir
        problem = write_problem(error, display_path(path, settings.root))
        if problem is None:
            raise
        raise ContentError([problem]) from error


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while the dataset is built and rendered.

    Records are trees without cycles, so it would find nothing, yet with millions of live
    objects its full passes take longer than the build itself.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
