"""Groups of cross-record outputs kept from the last build when nothing they read changed.

Each group (the report with its charts, HTML and PDF; the SQLite database; the pages that
list records) has a key
(``output_keys``) made from the store's summary rows and the shared inputs. The store's
``outputs`` table keeps the key and paths of each group as the last good build made it; when
the key is unchanged and every one of its files under build/docs/ is as that build wrote it,
the group is not made again and its files are kept as they are. Otherwise it is made, and its
new key kept with the build.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from generator.build.cache import shared_inputs
from generator.build.fingerprint import FileDigests
from generator.build.output_keys import report_key, rows_key
from generator.build.record_outputs import Made
from generator.build.store import Store
from generator.core.history import History
from generator.core.outputs import Content
from generator.core.settings import Settings
from generator.core.site_info import read_site_info
from generator.data.export import ROWS_PART
from generator.report.document import read_version


class OutputCache:
    """Made or kept groups of outputs for one build (writes the store in its transaction)."""

    def __init__(
        self, store: Store, docs_dir: Path, digests: FileDigests, keys: dict[str, str]
    ) -> None:
        self.store = store
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
        last = self.store.output(name)
        if key is not None and last is not None and last[0] == key and self._as_written(last[1]):
            self.kept.update(last[1])
            self.reused.append(name)
            return {}
        files = dict(make())
        if key is None:
            self.store.drop_output(name)
        else:
            self.store.put_output(name, key, sorted(files))
        return files

    def _as_written(self, paths: list[str]) -> bool:
        """True when every file is under build/docs/ as the last build wrote it."""
        return all(self.digests.as_written(self.docs_dir / path) for path in paths)


def output_cache(
    settings: Settings,
    store: Store,
    digests: FileDigests,
    printable: bool,
    made: Mapping[str, Made],
    history: History,
) -> OutputCache:
    """The build's output cache, with a key for each group the store's rows can describe.

    The rows describe the checked records only when there is one per record (one per entry
    of ``made``); otherwise no group has a key, and every one is made. ``made`` also gives
    each record's rows of the data tables, ``history`` its git dates.
    """
    keys: dict[str, str] = {}
    if store.record_count() != len(made):
        return OutputCache(store, settings.docs_dir, digests, keys)
    shared = shared_inputs(settings)
    site = repr(read_site_info(settings))
    version = read_version(settings.root)
    rows = store.report_rows()
    keys["report"] = report_key(settings, printable, version, shared, digests.digest, rows)
    exported = []
    for incident_id, path, part in store.exported_rows():
        packed = made.get(incident_id, (b"", {}))[1].get(ROWS_PART)
        if packed is None:  # not made as the rows say: no key, the database is made
            break
        exported.append((incident_id, part, repr(history.get(path)), packed))
    else:
        keys["database"] = rows_key("database", settings, site, shared, digests.digest, exported)
    records = (
        (incident_id, status, part, repr(history.get(path)))
        for incident_id, path, status, part in store.record_rows()
    )
    keys["listings"] = rows_key("listings", settings, site, shared, digests.digest, records)
    return OutputCache(store, settings.docs_dir, digests, keys)
