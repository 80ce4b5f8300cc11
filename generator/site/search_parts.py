"""The parts of an incident page that the search index holds, marked ``data-pagefind-body``.

An incident page is mostly evidence (figure and claim tables, timelines, quotes, source
details) that readers read but do not search for, and every word indexed costs Pagefind memory
at build time and readers bytes at search time. Only what readers search for is marked: the
title, the summary, the infobox's values (date, place, type, parties, figures, outcome), the
other names, the places in full, and the publishers of the sources. The parts are found by the
page's own structure (``templates/incident.md.j2``): its top-level elements, the section each
``h2`` id opens, the infobox's class and the source entries' class; record text can make none
of these, as it is escaped and then sanitized.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

BODY = "data-pagefind-body"
"""The mark of an element whose text is indexed."""
INFOBOX = "infobox"
"""The class of the infobox's container."""
SOURCE_ENTRY = "source-entry"
"""The class of each entry of the source list."""
SKIPPED_ROWS = frozenset({"Record status"})
"""Infobox rows whose value is the same few words on every page: not worth a search."""
NAMES_SECTION = "names"
"""The section (its ``h2`` id) whose list is indexed whole: the incident's other names."""
PLACES_SECTION = "places"
"""The section whose table's first column (each place, in full) is indexed."""
SOURCES_SECTION = "sources"
"""The section whose entries' publishers are indexed."""
SECTIONS = frozenset({NAMES_SECTION, PLACES_SECTION, SOURCES_SECTION})
"""The sections that hold parts to index."""
VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"})
"""Elements with no end tag."""
_SECTION = re.compile(r"(?=<h2[\s>])")
_TAG = re.compile(r'<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9]*)((?:[^>"]|"[^"]*")*)>', re.DOTALL)
"""A comment, or a tag: ``/`` for an end tag, its name and its attributes."""
_ATTRIBUTE = re.compile(r'([^\s"\'=/>]+)(?:\s*=\s*(?:"([^"]*)"|([^\s">]+)))?')
"""An attribute: its name and its value, quoted or not."""
_READ_ATTRIBUTES = frozenset({"h2", "div", "li"})
"""The elements whose attributes tell a part: a section's id, the infobox's and entries' class."""
_SECTION_ID = re.compile(r'<h2\b[^>]*\bid="([^"]*)"')


@dataclass
class _Open:
    """An element open at the parser's position."""

    tag: str
    classes: frozenset[str]
    cells: int = 0
    """For a table row: the cells opened in it so far; for a source entry: 1 once its
    publisher is found."""
    label: list[str] | None = None
    """For an infobox row's label cell: its text so far."""
    publisher: bool = False
    """For a source entry's publisher: the rest of the entry is wrapped apart when it ends."""


@dataclass
class _Found:
    """What the parser has found so far."""

    inserts: list[tuple[int, str]] = field(default_factory=list)
    """Text to insert, by offset in the content."""
    section: str | None = None
    """The id of the ``h2`` whose section the parser is in; None before the first."""
    after_infobox: bool = False
    row_label: str = ""
    """The label of the infobox row being read."""
    value_at: int | None = None
    """Where the infobox row's value cell takes its mark once the row's label is known."""


class _PartsScanner:
    """Finds the parts to index in an incident page's content, tag by tag.

    The content is as the sanitizer writes it (html5ever's serializer): text holds no ``<``,
    every attribute value is in double quotes that it does not hold, and there is no
    comment; so a tag is ``<``, a name, anything outside double quotes, and ``>``.
    """

    def __init__(self, content: str, weight: str, title_weight: str) -> None:
        self.content = content
        self.mark = f' {BODY} data-pagefind-weight="{weight}"'
        self.title_mark = f' {BODY} data-pagefind-weight="{title_weight}"'
        self.found = _Found()
        self.open: list[_Open] = []
        self.labels = 0
        """How many of the open elements are an infobox row's label cell: their text counts."""

    def scan(self) -> None:
        """Read the content's tags in order, and the text of labels."""
        content = self.content
        done = 0
        for tag in _TAG.finditer(content):
            if self.labels and tag.start() > done:
                self.handle_data(html.unescape(content[done : tag.start()]))
            done = tag.end()
            name = tag[2]
            if name is None:
                continue  # a comment
            name = name.lower()
            if tag[1]:
                self.handle_endtag(name, tag.start(), tag.end())
            else:
                attributes = (
                    {
                        found[1].lower(): html.unescape(found[2] or found[3] or "")
                        for found in _ATTRIBUTE.finditer(tag[3])
                    }
                    if name in _READ_ATTRIBUTES
                    else {}
                )
                self.handle_starttag(name, attributes, tag.end() - 1, _closes_itself(tag))

    def _within(self, tag: str, css_class: str | None = None) -> bool:
        return any(
            element.tag == tag and (css_class is None or css_class in element.classes)
            for element in self.open
        )

    def handle_starttag(
        self, tag: str, values: dict[str, str], tag_end: int, empty: bool = False
    ) -> None:
        """Mark the element if it is a part, and keep track of where the scan is.

        ``tag_end`` is the offset of the ``>`` that closes the start tag; ``empty``, whether
        the tag closes itself (``/>``, as in the theme's inline SVG icons).
        """
        classes = frozenset((values.get("class") or "").split())
        found = self.found
        parent = self.open[-1] if self.open else None
        if parent is None:
            self._top_level(tag, values.get("id"), classes, tag_end)
        if tag in VOID or empty:
            return
        element = _Open(tag, classes)
        if tag == "td" and parent is not None and parent.tag == "tr":
            parent.cells += 1
            if self._within("div", INFOBOX):
                if parent.cells == 1:
                    element.label = []
                    self.labels += 1
                elif parent.cells == 2:
                    found.value_at = tag_end
            elif found.section == PLACES_SECTION and parent.cells == 1 and self._within("tbody"):
                found.inserts.append((tag_end, self.mark))
        elif tag == "strong" and parent is not None and self._is_publisher(parent):
            parent.cells = 1  # the entry's first strong only: its publisher
            element.publisher = True
            found.inserts.append((tag_end, self.mark))
        self.open.append(element)

    def _top_level(
        self, tag: str, ident: str | None, classes: frozenset[str], tag_end: int
    ) -> None:
        """Mark a direct child of the content that is a part: title, summary, other names."""
        found = self.found
        if tag == "h1":
            found.inserts.append((tag_end, self.title_mark))
        elif tag == "h2":
            found.section = ident
        elif tag == "div" and INFOBOX in classes:
            found.after_infobox = True
        elif (tag == "p" and found.section is None and found.after_infobox) or (
            tag == "ul" and found.section == NAMES_SECTION
        ):
            found.inserts.append((tag_end, self.mark))

    def _is_publisher(self, parent: _Open) -> bool:
        """Whether a ``strong`` in ``parent`` is a source entry's first: its publisher."""
        return (
            SOURCE_ENTRY in parent.classes
            and self.found.section == SOURCES_SECTION
            and parent.cells == 0
        )

    def handle_data(self, data: str) -> None:
        """Collect the text of an infobox row's label."""
        for element in reversed(self.open):
            if element.label is not None:
                element.label.append(data)
                return

    def handle_endtag(self, tag: str, start: int, end: int) -> None:
        """Close the element; the text after a source's publisher goes into a span of its own.

        ``start`` and ``end`` are the end tag's offsets. Pagefind indexes text that follows
        a marked element inside the same parent as part of that element, so the rest of the
        entry (headline, author, notes) is set apart.
        """
        if tag in VOID or not self.open:
            return
        element = self.open.pop()
        found = self.found
        if element.label is not None:
            self.labels -= 1
            found.row_label = " ".join("".join(element.label).split())
        elif element.tag == "tr" and found.value_at is not None:
            if found.row_label not in SKIPPED_ROWS:
                found.inserts.append((found.value_at, self.mark))
            found.value_at = None
        elif element.publisher:
            found.inserts.append((end, "<span>"))
        elif SOURCE_ENTRY in element.classes and element.cells == 1:
            found.inserts.append((start, "</span>"))


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
        if holds_parts and (parts := indexed_parts(_mark_section(piece, weight, title_weight)))
    )


def _sections(content: str) -> Iterator[tuple[str, bool]]:
    """The lead and each section of a page's content, and whether it holds parts to index."""
    for index, piece in enumerate(_SECTION.split(content)):
        yield piece, index == 0 or _section_id(piece) in SECTIONS


def _section_id(piece: str) -> str | None:
    found = _SECTION_ID.match(piece)
    return found[1] if found else None


def _mark_section(content: str, weight: str, title_weight: str) -> str:
    """The lead or one section of a page with each of its parts marked."""
    scanner = _PartsScanner(content, weight, title_weight)
    scanner.scan()
    pieces: list[str] = []
    done = 0
    for offset, text in sorted(scanner.found.inserts, key=lambda insert: insert[0]):
        pieces += [content[done:offset], text]
        done = offset
    return "".join([*pieces, content[done:]])


def indexed_parts(content: str) -> str:
    """The elements of marked ``content`` that the index reads, each whole, in their order.

    An element marked ``data-pagefind-body`` is taken with everything in it; the rest of the
    content, which Pagefind would read only to leave out, is not.
    """
    pieces: list[str] = []
    depth = 0
    """How deep the scan is inside the element being taken; 0 outside any."""
    start = 0
    for tag in _TAG.finditer(content):
        name = tag[2]
        if name is None or name.lower() in VOID or _closes_itself(tag):
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


def _closes_itself(tag: re.Match[str]) -> bool:
    """Whether a start tag ends with ``/>``: an SVG element with no end tag."""
    return not tag[1] and tag[3].endswith("/")


def _is_marked(attributes: str) -> bool:
    """Whether a start tag's ``attributes`` hold the mark itself, not only its text in a value."""
    return any(found[1].lower() == BODY for found in _ATTRIBUTE.finditer(attributes))
