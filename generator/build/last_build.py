"""What the last good build stored, read without taking the build's lock.

The live preview reads the slot table the last build kept, and the benchmark waits until a
build has stored its state; both open the store read-only and treat a missing or damaged one
as nothing stored.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from generator.build.state_schema import StoreDamaged, connect
from generator.build.store import STORE, Store


def read_slots(out_dir: Path) -> Any:
    """The slot table the last good build stored, or None (no store, damaged, not sealed)."""
    try:
        with _reading(out_dir) as store:
            return store.slots()
    except Exception:  # whatever is damaged there, the preview waits for the next build
        return None


def stored_ns(out_dir: Path) -> int:
    """When the last good build stored its state (ns since the epoch); 0 when none did."""
    try:
        with _reading(out_dir) as store:
            written = store.meta("written-ns")
    except (OSError, sqlite3.DatabaseError, StoreDamaged):
        return 0
    return written if isinstance(written, int) else 0


@contextmanager
def _reading(out_dir: Path) -> Iterator[Store]:
    """The store under ``out_dir``, opened read-only; FileNotFoundError when there is none."""
    path = out_dir / STORE
    if not path.is_file():
        raise FileNotFoundError(path)
    with closing(connect(path, read_only=True)) as db:
        yield Store(path, db)
