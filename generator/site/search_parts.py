"""The parts of an incident page that the search index holds, marked ``data-pagefind-body``.

An incident page is mostly evidence (figure and claim tables, timelines, quotes, source
details) that readers read but do not search for, and every word indexed costs Pagefind memory
at build time and readers bytes at search time. Only what readers search for is marked: the
title, the summary, the infobox's values (date, place, type, parties, figures, outcome), the
other names, the places in full, the names of the officials, negotiators and labels given,
and the publishers of the sources. The parts are found by the
page's own structure (``templates/incident.md.j2``): its top-level elements, the section each
``h2`` id opens, the infobox's class and the source entries' class; record text can make none
of these, as it is escaped and then sanitized.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator

from generator.site.parts_scan import (
    ATTRIBUTE,
    BODY,
    SECTIONS,
    TAG,
    VOID,
    closes_itself,
    scan_parts,
)

_SECTION = re.compile(r"<h2[\s>]")
_SECTION_ID = re.compile(r'<h2\b[^>]*\bid="([^"]*)"')


def mark_record_parts(content: str, weight: str, title_weight: str) -> str:
    """An incident page's ``content`` with each part that the search index holds marked.

    Each part is weighted ``weight``, the title ``title_weight``. Each ``h2`` of the page
    opens a section at its top level; only the lead and the sections that hold parts are
    read, so a page's long tables of evidence cost nothing.
    """
    return "".join(
        _mark_section(piece, weight, title_weight) if holds_parts else piece
        for piece, holds_parts in _sections(content)
    )


def record_parts(content: str, weight: str, title_weight: str) -> str:
    """The parts of an incident page's ``content`` that the index holds, marked, one a line.

    The elements ``mark_record_parts`` marks, each whole (``indexed_parts``).
    """
    return "\n".join(
        parts
        for piece, holds_parts in _sections(content)
        if holds_parts and (parts := _marked_parts(piece, weight, title_weight))
    )


def _sections(content: str) -> Iterator[tuple[str, bool]]:
    """The lead and each section of a page's content, and whether it holds parts to index."""
    # Where "<h2" occurs, found by str.find: a pattern tried at every offset took as long as
    # reading the page's parts.
    starts = [0]
    at = content.find("<h2")
    while at >= 0:
        if _SECTION.match(content, at):
            starts.append(at)
        at = content.find("<h2", at + 3)
    starts.append(len(content))
    for index, (start, end) in enumerate(itertools.pairwise(starts)):
        piece = content[start:end]
        yield piece, index == 0 or _section_id(piece) in SECTIONS


def _section_id(piece: str) -> str | None:
    found = _SECTION_ID.match(piece)
    return found[1] if found else None


def _mark_section(content: str, weight: str, title_weight: str) -> str:
    """The lead or one section of a page with each of its parts marked."""
    found = scan_parts(content, weight, title_weight)
    return _spliced(content, 0, len(content), found.inserts)


def _marked_parts(content: str, weight: str, title_weight: str) -> str:
    """``indexed_parts`` of the section marked, taken from where the scan found the parts.

    Each outermost part is cut from the content with the inserts strictly within it (and, for
    a part left open, those at the content's end).
    """
    found = scan_parts(content, weight, title_weight)
    offsets = [offset for offset, _ in found.inserts]
    pieces: list[str] = []
    taken = 0
    for start, end, left_open in sorted(found.spans):
        if start < taken:
            continue  # a part within a part taken is in it already
        first = bisect.bisect_right(offsets, start)
        last = (bisect.bisect_right if left_open else bisect.bisect_left)(offsets, end)
        pieces.append(_spliced(content, start, end, found.inserts[first:last]))
        taken = end
    return "\n".join(pieces)


def _spliced(content: str, start: int, end: int, inserts: list[tuple[int, str]]) -> str:
    """``content`` from ``start`` to ``end`` with ``inserts`` (offset and text, sorted) put in."""
    pieces: list[str] = []
    done = start
    for offset, text in inserts:
        pieces += [content[done:offset], text]
        done = offset
    return "".join([*pieces, content[done:end]])


def indexed_parts(content: str) -> str:
    """The elements of marked ``content`` that the index reads, each whole, in their order.

    An element marked ``data-pagefind-body`` is taken with everything in it; the rest of the
    content, which Pagefind would read only to leave out, is not.
    """
    pieces: list[str] = []
    depth = 0
    """How deep the scan is inside the element being taken; 0 outside any."""
    start = 0
    for tag in TAG.finditer(content):
        name = tag[2]
        if name is None or name.lower() in VOID or closes_itself(tag):
            continue
        if depth:
            depth += -1 if tag[1] else 1
            if not depth:
                pieces.append(content[start : tag.end()])
        elif not tag[1] and BODY in tag[3] and _is_marked(tag[3]):
            start, depth = tag.start(), 1
    if depth:
        pieces.append(content[start:])  # an element left open: taken to the end, not lost
    return "\n".join(pieces)


def _is_marked(attributes: str) -> bool:
    """Whether a start tag's ``attributes`` hold the mark itself, not only its text in a value."""
    return any(found[1].lower() == BODY for found in ATTRIBUTE.finditer(attributes))
