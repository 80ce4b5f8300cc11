"""incidents.json made from the last build's file when few of its records were checked again.

The file holds one record's member a line, in id order, between the lines ``"incidents":{`` and
``},`` (``formats.json_object``); before them is the header with the counts, after them the
sources and vocabulary, which depend only on what the chunks' context digest covers
(``cache.context_digest``). When the file is not kept whole (``output_cache``), it is as the
last build wrote it (``FileDigests.as_written``) and few records are fresh (checked again in
this build, ``ChunkCache.fresh``), the new file is the header made anew, the old file's lines
of the records that are not fresh, the fresh records' members from their parts, and the old
file's tail. Otherwise it is made whole, from every record's part.

Records that are not fresh were taken from stored chunks, named by the context digest: with
one of them exported, the sources, vocabulary, code and build date are as at the last build, so
the old tail is the tail a whole make gives. The old file is read as a stream, never whole.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from generator.build.output_cache import OutputCache
from generator.build.record_outputs import Made, unpack
from generator.build.stored_made import StoredMade
from generator.core.outputs import BLOCK, Chunks, Content, read_blocks
from generator.core.settings import Settings
from generator.core.site_info import read_site_info
from generator.data.export import DATA_DIR, exported, package_meta
from generator.data.formats import json_head, json_object
from generator.model import Source, Summary

NAME = "incidents.json"
"""The file's name in data/, and the name of each record's part of it."""
PATH = f"{DATA_DIR}/{NAME}"
"""The file's path under build/docs/."""
MOST_FRESH = 1000
"""A splice takes at most this many fresh records; past it, a whole make costs about as much."""
FRESH_SHARE = 10
"""A splice takes at most one record in this many of those exported to be fresh."""


@dataclass(frozen=True)
class MemberIndex:
    """Where each record's member lies in incidents.json as written, by id."""

    spans: dict[str, tuple[int, int]]
    """Each member's start and end offset in the file, without its ``,`` and line end."""
    tail: int
    """The offset just past the ``}`` that closes the records' object."""


def is_few(fresh: int, exported_count: int) -> bool:
    """A splice takes at most ``MOST_FRESH`` fresh records, and at most a tenth of those exported.

    At least one exported record must be taken from the old file: that is what shows the old
    file's tail to be this build's (see the module docstring).
    """
    return fresh <= MOST_FRESH and fresh * FRESH_SHARE <= exported_count and fresh < exported_count


def splice_json(
    data: dict[str, Content],
    made: Mapping[str, Made],
    sources: Mapping[str, Source],
    summaries: Sequence[Summary],
    settings: Settings,
    outputs: OutputCache,
) -> None:
    """Replace incidents.json in ``data`` by a splice of the last build's file, when it can be.

    Whether it can is decided as the file is written (the old file is read then): otherwise
    it is made whole, as ``data`` had it. A splice is listed in ``outputs.reused``, with how
    many records it made again.
    """
    whole = data.get(PATH)
    if not isinstance(whole, Chunks) or not isinstance(made, StoredMade) or not outputs.context:
        return
    ids = [summary.id for summary in exported(summaries)]
    fresh = made.fresh.intersection(ids)
    if not is_few(len(made.fresh), len(ids)):
        return
    meta = package_meta(read_site_info(settings), settings)
    head = json_head(sources, len(ids), meta)
    target = os.path.join(outputs.docs_dir, PATH)

    def member(incident_id: str) -> str:
        # Read on its own: reading in id order would pass every record's part on the way.
        text: str = unpack(made.part_alone(incident_id, NAME))
        return text

    def pieces() -> Iterator[str | bytes]:
        index = index_members(target) if outputs.digests.as_written(target) else None
        if index is None or not covers(index, ids, fresh):
            yield from whole
            return
        outputs.reused.append(f"{PATH} but {len(fresh)} of {len(ids)} records")
        yield from spliced_pieces(target, index, head, ids, fresh, member)

    data[PATH] = Chunks(pieces)


def covers(index: MemberIndex, ids: Iterable[str], fresh: Collection[str]) -> bool:
    """True when the old file has a member for every record in ``ids`` that is not fresh."""
    return all(incident_id in index.spans for incident_id in ids if incident_id not in fresh)


def spliced_pieces(
    path: str,
    index: MemberIndex,
    head: str,
    ids: Sequence[str],
    fresh: Collection[str],
    member: Callable[[str], str],
) -> Iterator[str | bytes]:
    """The new file: ``head``, each record's member (old or ``member``), then the old tail."""
    with open(path, "rb", buffering=BLOCK) as old:
        yield head
        taken = (
            member(incident_id) if incident_id in fresh else _read(old, index.spans[incident_id])
            for incident_id in ids
        )
        yield from json_object(taken)
        old.seek(index.tail)
        yield from read_blocks(old)


def _read(handle: BinaryIO, span: tuple[int, int]) -> bytes:
    """The bytes of ``handle`` from ``span``'s start to its end."""
    start, end = span
    handle.seek(start)
    return handle.read(end - start)


def index_members(path: str) -> MemberIndex | None:
    """Where each member lies in the file, or None when it is not laid out as a build lays it.

    The layout: ``{``, the ``"dataset":`` line, ``"incidents":{``, one member a line in
    ascending id order (each but the last ending in ``,``), ``},`` and the ``"sources":`` line.
    """
    spans: dict[str, tuple[int, int]] = {}
    try:
        with open(path, "rb") as handle:
            first, second, third = handle.readline(), handle.readline(), handle.readline()
            if first != b"{\n" or third != b'"incidents":{\n':
                return None
            if not (second.startswith(b'"dataset":{') and second.endswith(b",\n")):
                return None
            offset = len(first) + len(second) + len(third)
            last, closed = "", False
            for line in handle:
                if line == b"},\n":
                    following = handle.readline()
                    if not closed or not following.startswith(b'"sources":'):
                        return None
                    return MemberIndex(spans, offset + 1)
                if closed or not line.endswith(b"\n"):
                    return None
                text = line[:-1]
                closed = not text.endswith(b",")
                text = text if closed else text[:-1]
                incident_id = member_id(text)
                if incident_id is None or incident_id <= last:
                    return None
                spans[incident_id] = (offset, offset + len(text))
                last, offset = incident_id, offset + len(line)
    except OSError:
        return None
    return None


def member_id(member: bytes) -> str | None:
    """The key of one member line (``"<id>":{...}``), or None when it is not one."""
    end = member.find(b'":{')
    if not member.startswith(b'"') or end < 1 or not member.endswith(b"}"):
        return None
    try:
        key = json.loads(member[: end + 1])
    except ValueError:
        return None
    return key if isinstance(key, str) and key else None
