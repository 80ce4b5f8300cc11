"""Progress bars on stderr for long runs: only on a terminal, never under --quiet."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

PROGRESS_FROM = 2000
"""From this many items a step takes seconds, so a terminal shows its progress."""
T = TypeVar("T")


def progress(items: Iterable[T], total: int, quiet: bool, what: str) -> Iterator[T]:
    """``items``, shown as a progress bar when the run is long and stderr is a terminal."""
    if quiet or total < PROGRESS_FROM or not sys.stderr.isatty():
        return iter(items)
    from tqdm import tqdm

    return iter(tqdm(items, total=total, desc=what, unit=" files", file=sys.stderr))


def announce(total: int, quiet: bool, what: str) -> None:
    """Say on a terminal what a long step without a bar is doing."""
    if not quiet and total >= PROGRESS_FROM and sys.stderr.isatty():
        print(f"{what}…", file=sys.stderr, flush=True)
