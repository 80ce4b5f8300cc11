"""Groups of cross-record outputs kept from the last build when nothing they read changed.

Each group (the report with its charts, HTML and PDF; the SQLite database; the pages that
list records; the home page; the feed) has a key (``output_keys``, ``key_with``,
``key_records``) made from the store's summary rows and the shared inputs. The store's
``outputs`` table keeps the key and paths of each group as the last good build made it; when
the key is unchanged and every one of its files under build/docs/ is as that build wrote it,
the group is not made again and its files are kept as they are. Otherwise it is made, and its
new key kept with the build.

Each incident page is a group of its own (``pages``): its key is a digest of its page as its
record's process made it (with slots) and of the values its slots are filled with, so that an
edit fills, hashes and compares only the pages whose record or slot values changed. Each data
file made of every record's part (the CSV files, incidents.json and .geojson) is one too, keyed
by those parts (``record_files``): an edit leaves the files its record's parts do not change.
The database and the feed are made as they are written, so a kept one is not made at all
(``kept_files.keep_whole_files``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from generator.build.cache import shared_inputs
from generator.build.fingerprint import FileDigests
from generator.build.output_keys import report_key, rows_key
from generator.build.output_rows import OutputRows
from generator.build.record_outputs import Made
from generator.build.store import Store
from generator.build.stored_made import pages_of
from generator.core.history import History
from generator.core.outputs import Content
from generator.core.settings import Settings
from generator.core.site_info import read_site_info
from generator.data.export import ROWS_PART
from generator.report.document import read_version
from generator.site.render import SlotTable

PAGE = "page:"
"""The prefix of an incident page's group name in the store's ``outputs`` table."""
RECORD_FILE = "parts:"
"""The prefix of the group name of a data file made of every record's part (``record_files``)."""


class OutputCache:
    """Made or kept groups of outputs for one build (writes the store in its transaction)."""

    def __init__(
        self,
        store: Store,
        docs_dir: Path,
        digests: FileDigests,
        keys: dict[str, str],
        context: str = "",
    ) -> None:
        self.rows = OutputRows(store.db)
        self.context = context
        """A digest of what every record's outputs read besides the records (``cache``)."""
        self.docs_dir = docs_dir.resolve()
        self.digests = digests
        self.keys = keys
        """Each group's key for this build; a group without one is always made."""
        self.kept: set[str] = set()
        """Paths under build/docs/ kept as the last build wrote them, not made again."""
        self.reused: list[str] = []
        """The groups kept, in the order asked."""

    def outputs(self, name: str, make: Callable[[], Mapping[str, Content]]) -> dict[str, Content]:
        """The files of group ``name`` made by ``make``; none when it is kept as it was."""
        key = self.keys.get(name)
        last = self.rows.output(name)
        if key is not None and last is not None and last[0] == key and self._as_written(last[1]):
            self.kept.update(last[1])
            self.reused.append(name)
            return {}
        files = dict(make())
        if key is None:
            self.rows.drop_output(name)
        else:
            self.rows.put_output(name, key, sorted(files))
        return files

    def key_with(self, name: str, base: str, extra: str) -> None:
        """Key group ``name`` by group ``base``'s key and ``extra`` (what else it reads).

        Without a key for ``base``, ``name`` has none either and is always made.
        """
        key = self.keys.get(base)
        if key is not None:
            digest = hashlib.blake2b(f"{key}\0{extra}".encode(), digest_size=20)
            self.keys[name] = digest.hexdigest()

    def key_records(self, name: str, head: str, ids: Iterable[str]) -> None:
        """Key group ``name`` by ``head`` and the records ``ids`` it shows.

        ``head`` is what it shows besides the records; each record is keyed by its file's
        key in the store (its bytes and git dates). Without a ``context``, the group has no
        key and is always made.
        """
        if not self.context:
            return
        digest = hashlib.blake2b(f"{self.context}\0{name}\0{head}".encode(), digest_size=20)
        for incident_id in ids:
            digest.update(f"\0{incident_id}\0{self.rows.file_key(incident_id)}".encode())
        self.keys[name] = digest.hexdigest()

    def pages(self, slots: SlotTable, made: Mapping[str, Made]) -> set[str]:
        """The incident pages kept as the last build wrote them, by path in build/docs/.

        A page is kept when its key (``page_key``) is as at the last build and its file is as
        written; the others are made, and their keys kept with the build. Without a
        ``context``, no page is kept.
        """
        last = self.rows.output_keys(PAGE)
        if not self.context:
            self.rows.drop_outputs(last)
            return set()
        # What each page was made of, as a digest kept with its record's rows: no page is
        # read back to be keyed. A record without one is keyed by its page's bytes.
        digests = self.rows.page_digests()
        pages = pages_of(made)
        keys = {
            f"incidents/{incident_id}.md": page_key(
                self.context, slots, incident_id, digests.get(incident_id) or pages[incident_id]
            )
            for incident_id in made
        }
        kept = {
            path
            for path, key in keys.items()
            if last.get(PAGE + path) == key and self._as_written([path])
        }
        self.kept.update(kept)
        self.rows.drop_outputs(set(last) - {PAGE + path for path in keys})
        self.rows.put_output_keys(
            (PAGE + path, key, path) for path, key in keys.items() if last.get(PAGE + path) != key
        )
        return kept

    def record_files(
        self, folder: str, parts: Sequence[tuple[str, Mapping[str, bytes]]]
    ) -> set[str]:
        """The files made of every record's part that are kept as the last build wrote them.

        ``parts`` gives each exported record's id and packed part of each file, in the order
        the files list them; a file (by path under ``folder`` in build/docs/) whose parts are
        all as at the last build, as is its file, is kept. The keys of the others are kept
        with the build. Without a ``context``, none is kept.
        """
        names = sorted({name for _, part in parts for name in part} - {ROWS_PART})
        ids = "\0".join(incident_id for incident_id, _ in parts).encode()
        last = self.rows.output_keys(RECORD_FILE)
        if not self.context:
            self.rows.drop_outputs(last)
            return set()
        keys = {f"{folder}/{name}": self._parts_key(name, ids) for name in names}
        kept = {
            path
            for path, key in keys.items()
            if last.get(RECORD_FILE + path) == key and self._as_written([path])
        }
        self.rows.drop_outputs(set(last) - {RECORD_FILE + path for path in keys})
        self.rows.put_output_keys(
            (RECORD_FILE + path, key, path)
            for path, key in keys.items()
            if last.get(RECORD_FILE + path) != key
        )
        return kept

    def _parts_key(self, name: str, ids: bytes) -> str:
        """A digest of the context, the records' ``ids`` and their packed parts of ``name``.

        The parts are named by the digests kept with their records' rows (``Store.made``).
        """
        digest = hashlib.blake2b(f"{self.context}\0{name}\0".encode(), digest_size=16)
        digest.update(ids)
        digest.update(self.rows.parts_digest(name).encode())
        return digest.hexdigest()

    def _as_written(self, paths: list[str]) -> bool:
        """True when every file is under build/docs/ as the last build wrote it."""
        # Joined as strings: an edit asks this of every page, and a Path costs more to make.
        docs = os.fspath(self.docs_dir)
        return all(self.digests.as_written(os.path.join(docs, path)) for path in paths)


def page_key(context: str, slots: SlotTable, incident_id: str, page: bytes) -> str:
    """The key of an incident page: its ``page`` (packed, with slots) and its slots' values.

    The values are its related-incidents section (``render.related_key``) and the count of
    each source it cites; ``context`` stands for the code and templates that fill them.
    """
    digest = hashlib.blake2b(context.encode(), digest_size=16)
    digest.update(page)
    related = slots.related_keys.get(incident_id, "") if incident_id in slots.related else ""
    counts = [(source, slots.counts.get(source, 0)) for source in slots.cites.get(incident_id, ())]
    digest.update(f"\0{related}\0{counts!r}".encode())
    return digest.hexdigest()


def output_cache(
    settings: Settings,
    store: Store,
    digests: FileDigests,
    printable: bool,
    made: Mapping[str, Made],
    history: History,
    context: str = "",
) -> OutputCache:
    """The build's output cache, with a key for each group the store's rows can describe.

    The rows describe the checked records only when there is one per record (one per entry
    of ``made``); otherwise no group has a key, and every one is made. ``made`` also gives
    each record's rows of the data tables, ``history`` its git dates; ``context`` is what
    every record's outputs read besides the records (``cache.context_digest``).
    """
    keys: dict[str, str] = {}
    rows = OutputRows(store.db)
    if rows.record_count() != len(made):
        # The rows (and the digests of what each record made) are not this build's: no page
        # or data file is keyed by them either.
        return OutputCache(store, settings.docs_dir, digests, keys)
    shared = shared_inputs(settings)
    site = repr(read_site_info(settings))
    version = read_version(settings.root)
    reported = rows.report_rows()
    keys["report"] = report_key(settings, printable, version, shared, digests.digest, reported)
    exported_parts = []
    # Each record's rows of the data tables by the digest kept of their packed bytes.
    for incident_id, path, part, rows_digest in rows.exported_rows(ROWS_PART):
        if rows_digest is None:  # not made as the rows say: no key, the database is made
            break
        exported_parts.append((incident_id, part, repr(history.get(path)), rows_digest))
    else:
        keys["database"] = rows_key(
            "database", settings, site, shared, digests.digest, exported_parts
        )
    records = (
        (incident_id, status, part, repr(history.get(path)))
        for incident_id, path, status, part in rows.record_rows()
    )
    keys["listings"] = rows_key("listings", settings, site, shared, digests.digest, records)
    return OutputCache(store, settings.docs_dir, digests, keys, context)
