"""Stage 3 for one record, in the process that checks it: its page and its data rows, packed.

The worker that validates a record also renders its incident page (with slots for what other
records add) and its part of each data file, so that both cores share the per-record work.
Both are packed with zlib: at 100,000 records the text would take gigabytes until written.
"""

from __future__ import annotations

import marshal
import zlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from generator.core.history import History
from generator.core.settings import Settings
from generator.core.site_info import SiteInfo, read_site_info
from generator.data.export import data_tables, record_parts
from generator.data.tables import Table
from generator.model import Dataset, Incident
from generator.site.render import PageContext, make_page_context, render_record
from generator.text.filters import country_names

Made = tuple[bytes, dict[str, bytes]]
"""An incident page (with slots) and the record's part of each data file, each packed."""


def record_maker(
    settings: Settings, history: History
) -> Callable[[Dataset], Callable[[Incident], Made]]:
    """For ``check_and_make``: given the sources, what makes each record's page and data."""
    from functools import partial

    site = read_site_info(settings)

    def make(sources: Dataset) -> Callable[[Incident], Made]:
        context = make_page_context(sources, settings, history)
        countries = country_names(sources.vocabulary)
        return partial(make_record, context, data_tables(site), site, countries)

    return make


def make_record(
    context: PageContext,
    tables: tuple[Table[Any], ...],
    site: SiteInfo,
    countries: Mapping[str, str],
    incident: Incident,
) -> Made:
    """One record's page and data parts (drafts are never exported, so they have none).

    Both are packed (``pack``): at 100,000 records the text would take gigabytes until written.
    """
    parts = record_parts(incident, tables, site, countries) if incident.status != "draft" else {}
    return pack(render_record(context, incident)), {
        path: pack(text) for path, text in parts.items()
    }


OWN_PAGE_ONLY = ("names", "motives", "timeline", "statements", "aftermath", "notes")
"""Parts of a record that only its own page and data rows show, not the pages that list it,
the report or the feed: a quarter of a record's memory."""


def lean(incident: Incident) -> Incident:
    """The record as the build's process keeps it once its page and data rows are made.

    The sources it cites are counted first, from the whole record.
    """
    cited = incident.source_ids  # a cached property: the copy keeps it
    fields = Incident.model_fields
    lean = incident.model_copy(update={name: fields[name].default for name in OWN_PAGE_ONLY})
    assert lean.source_ids is cited
    return lean


def pack(value: Any) -> bytes:
    """Strings, dicts and tuples of them as compact bytes (marshal, then fast zlib)."""
    return zlib.compress(marshal.dumps(value), 1)


def unpack(packed: bytes) -> Any:
    """What ``pack`` packed."""
    return marshal.loads(zlib.decompress(packed))


class Unpacked(Mapping[str, Any]):
    """A read-only view of packed values that unpacks each one only when it is read."""

    def __init__(self, packed: Mapping[str, bytes]) -> None:
        self._packed = packed

    def __getitem__(self, key: str) -> Any:
        return unpack(self._packed[key])

    def __contains__(self, key: object) -> bool:
        return key in self._packed  # without unpacking, as Mapping's own would

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)
