"""The data files kept whole as the last build wrote them: neither made nor written again.

The CSV files, incidents.json and .geojson made of every record's part are kept when those
parts are unchanged (``OutputCache.record_files``); the package descriptor still hashes the
kept CSV files, read back a block at a time. The database and the feed are made as they are
written, so a kept one is not made at all.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path

from generator.build.output_cache import OutputCache
from generator.build.record_outputs import Made
from generator.build.stored_made import parts_of
from generator.core.history import History
from generator.core.outputs import Chunks, Content, read_blocks
from generator.core.settings import Settings
from generator.data.database import SQLITE_PATH
from generator.data.export import DATA_DIR, exported
from generator.data.feed import FEED_PATH, chosen_entries
from generator.model import Summary

DATABASE = f"{DATA_DIR}/{SQLITE_PATH}"
"""The published database: made as it is written, kept when its key is unchanged."""
FEED = f"{DATA_DIR}/{FEED_PATH}"
"""The published feed: made as it is written, kept when the records it shows are unchanged."""


def kept_record_files(
    summaries: Sequence[Summary],
    settings: Settings,
    made: Mapping[str, Made],
    outputs: OutputCache | None,
) -> tuple[dict[str, Content], set[str]]:
    """The data files made of every record's part that are kept as written (``record_files``).

    Returns the kept CSV files by path in data/, each read from build/docs/ a block at a time
    when read (the package descriptor hashes them: at 100,000 records they take hundreds of
    megabytes), and the paths in build/docs/ of every kept file, which join ``outputs.kept``:
    none of them is made or written.
    """
    parts = parts_of(made)
    listed = [(s.id, parts.get(s.id, {})) for s in exported(summaries)]
    if outputs is None or not all(part for _, part in listed):
        return {}, set()
    kept = outputs.record_files(DATA_DIR, listed)
    known: dict[str, Content] = {
        path.removeprefix(f"{DATA_DIR}/"): Chunks(partial(_file_blocks, settings.docs_dir / path))
        for path in kept
        if path.endswith(".csv")
    }
    outputs.kept.update(kept)
    return known, kept


def _file_blocks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as handle:
        yield from read_blocks(handle)


def keep_whole_files(
    data: dict[str, Content],
    outputs: OutputCache,
    summaries: Sequence[Summary],
    settings: Settings,
    history: History,
) -> None:
    """Take the database and the feed out of ``data`` when they are kept as written.

    Both are made as they are written, so a kept one is never made. The feed is keyed by
    the records it shows (``feed.chosen_entries``), so an edit to another leaves it.
    """
    database = data.pop(DATABASE)
    data.update(outputs.outputs("database", lambda: {DATABASE: database}))
    chosen = chosen_entries(exported(summaries), settings, history)
    outputs.key_records("feed", repr(chosen), (key for key, _, _ in chosen))
    feed = data.pop(FEED)
    data.update(outputs.outputs("feed", lambda: {FEED: feed}))
