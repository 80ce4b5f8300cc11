"""Finding, tag by tag, the parts of an incident page's content that the search index holds.

What a part is, and why only those are indexed, is told in ``site.search_parts``; this is the
reading of the sanitized content that finds them: where each mark goes and where each marked
element starts and ends.
"""

from __future__ import annotations

import html
import re
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
PEOPLE_SECTION = "people"
"""The section whose list items' names are indexed: each official's, each label's."""
HOSTAGES_SECTION = "hostage-taking"
"""The section whose list items' names are indexed: each negotiator's (a demand has none)."""
ENTRY_SECTIONS = frozenset({PEOPLE_SECTION, HOSTAGES_SECTION})
"""The sections whose list items are entries named by their first ``strong``."""
SECTIONS = frozenset({NAMES_SECTION, PLACES_SECTION, SOURCES_SECTION, *ENTRY_SECTIONS})
"""The sections that hold parts to index."""
VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"})
"""Elements with no end tag."""
TAG = re.compile(r'<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9]*)((?:[^>"]++|"[^"]*+")*+)>', re.DOTALL)
"""A comment, or a tag: ``/`` for an end tag, its name and its attributes (possessive: a run
of text is taken at once, and a tag that does not close fails without going back over it)."""
ATTRIBUTE = re.compile(r'([^\s"\'=/>]+)(?:\s*=\s*(?:"([^"]*)"|([^\s">]+)))?')
"""An attribute: its name and its value, quoted or not."""
_READ_ATTRIBUTES = frozenset({"h2", "div", "li"})
"""The elements whose attributes tell a part: a section's id, the infobox's and entries' class."""


@dataclass
class _Open:
    """An element open at the parser's position."""

    tag: str
    classes: frozenset[str]
    start: int
    """The offset of its start tag."""
    end: int | None = None
    """The offset after its end tag, once it is closed."""
    marked: bool = False
    cells: int = 0
    """For a table row: the cells opened in it so far; for an entry (a source, an official, a
    label): 1 once its name is found."""
    label: list[str] | None = None
    """For an infobox row's label cell: its text so far."""
    lead: bool = False
    """For an entry's name (a source's publisher, an official's name, a label): the rest of
    the entry is wrapped apart when it ends."""


@dataclass
class Found:
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
    value_cell: _Open | None = None
    """The cell whose start tag ``value_at`` is in."""
    spans: list[tuple[int, int, bool]] = field(default_factory=list)
    """Where each marked element starts and ends, and whether it was left open (it then ends
    where the content does)."""


class PartsScanner:
    """Finds the parts to index in an incident page's content, tag by tag.

    The content is as the sanitizer writes it (html5ever's serializer): text holds no ``<``
    and every attribute value is in double quotes that it does not hold; so a tag is ``<``, a
    name, anything outside double quotes, and ``>``. Comments are passed over.
    """

    def __init__(self, content: str, weight: str, title_weight: str) -> None:
        self.content = content
        self.mark = f' {BODY} data-pagefind-weight="{weight}"'
        self.title_mark = f' {BODY} data-pagefind-weight="{title_weight}"'
        self.found = Found()
        self.open: list[_Open] = []
        self.labels = 0
        """How many of the open elements are an infobox row's label cell: their text counts."""

    def scan(self) -> None:
        """Read the content's tags in order, and the text of labels.

        Marked elements left open at the end run to the content's end.
        """
        content = self.content
        done = 0
        for tag in TAG.finditer(content):
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
                        for found in ATTRIBUTE.finditer(tag[3])
                    }
                    if name in _READ_ATTRIBUTES
                    else {}
                )
                self.handle_starttag(name, attributes, tag.span(), closes_itself(tag))
        content_end = len(content)
        found = self.found
        found.spans += [(e.start, content_end, True) for e in self.open if e.marked]

    def _within(self, tag: str, css_class: str | None = None) -> bool:
        return any(
            element.tag == tag and (css_class is None or css_class in element.classes)
            for element in self.open
        )

    def handle_starttag(
        self, tag: str, values: dict[str, str], span: tuple[int, int], empty: bool = False
    ) -> None:
        """Mark the element if it is a part, and keep track of where the scan is.

        ``span`` is where the start tag starts and ends; ``empty``, whether the tag closes
        itself (``/>``, as in the theme's inline SVG icons).
        """
        classes = frozenset((values.get("class") or "").split())
        found = self.found
        parent = self.open[-1] if self.open else None
        tag_end = span[1] - 1  # the ">" that closes the start tag: marks go before it
        element = _Open(tag, classes, span[0])
        void = tag in VOID or empty  # an element with no content holds no part
        if parent is None:
            self._top_level(element, values.get("id"), tag_end, void)
        if void:
            return
        if tag == "td" and parent is not None and parent.tag == "tr":
            parent.cells += 1
            if self._within("div", INFOBOX):
                if parent.cells == 1:
                    element.label = []
                    self.labels += 1
                elif parent.cells == 2:
                    found.value_at, found.value_cell = tag_end, element
            elif found.section == PLACES_SECTION and parent.cells == 1 and self._within("tbody"):
                self._mark(element, tag_end, self.mark)
        elif tag == "strong" and parent is not None and self._is_entry(parent):
            parent.cells = 1  # the entry's first strong only: its name
            element.lead = True
            self._mark(element, tag_end, self.mark)
        self.open.append(element)

    def _mark(self, element: _Open, tag_end: int, mark: str) -> None:
        element.marked = True
        self.found.inserts.append((tag_end, mark))

    def _top_level(self, element: _Open, ident: str | None, tag_end: int, void: bool) -> None:
        """Mark a direct child of the content that is a part: title, summary, other names."""
        found, tag = self.found, element.tag
        if void and tag != "h2":
            return
        if tag == "h1":
            self._mark(element, tag_end, self.title_mark)
        elif tag == "h2":
            found.section = ident
        elif tag == "div" and INFOBOX in element.classes:
            found.after_infobox = True
        elif (tag == "p" and found.section is None and found.after_infobox) or (
            tag == "ul" and found.section == NAMES_SECTION
        ):
            self._mark(element, tag_end, self.mark)

    def _is_entry(self, parent: _Open) -> bool:
        """Whether a ``strong`` in ``parent`` is the first of an entry, which names it.

        A source entry's publisher; an official or a label in the people and labels; a
        negotiator of a hostage-taking.
        """
        section = self.found.section
        return (
            parent.tag == "li"
            and parent.cells == 0
            and (
                (SOURCE_ENTRY in parent.classes and section == SOURCES_SECTION)
                or section in ENTRY_SECTIONS
            )
        )

    def handle_data(self, data: str) -> None:
        """Collect the text of an infobox row's label."""
        for element in reversed(self.open):
            if element.label is not None:
                element.label.append(data)
                return

    def handle_endtag(self, tag: str, start: int, end: int) -> None:
        """Close the element; the text after an entry's name goes into a span of its own.

        ``start`` and ``end`` are the end tag's offsets. Pagefind indexes text that follows
        a marked element inside the same parent as part of that element, so the rest of the
        entry (a source's headline, author and notes; an official's post) is set apart.
        """
        if tag in VOID or not self.open:
            return
        element = self.open.pop()
        element.end = end
        found = self.found
        if element.marked:
            found.spans.append((element.start, end, False))
        if element.label is not None:
            self.labels -= 1
            found.row_label = " ".join("".join(element.label).split())
        elif element.tag == "tr" and found.value_at is not None:
            if found.row_label not in SKIPPED_ROWS:
                found.inserts.append((found.value_at, self.mark))
                self._mark_value_cell()
            found.value_at = found.value_cell = None
        elif element.lead:
            found.inserts.append((end, "<span>"))
        elif element.tag == "li" and element.cells == 1:
            found.inserts.append((start, "</span>"))

    def _mark_value_cell(self) -> None:
        """The value cell that took the row's mark is a part, closed already or not.

        A row of a table nested in the value cell can end before the cell does.
        """
        cell = self.found.value_cell
        if cell is None:
            return
        if cell.end is None:
            cell.marked = True  # its span is taken when it ends, or at the content's end
        else:
            self.found.spans.append((cell.start, cell.end, False))


def scan_parts(content: str, weight: str, title_weight: str) -> Found:
    """The marks of ``content``'s parts, sorted by where they go, and the parts' spans."""
    scanner = PartsScanner(content, weight, title_weight)
    scanner.scan()
    scanner.found.inserts.sort(key=lambda insert: insert[0])
    return scanner.found


def closes_itself(tag: re.Match[str]) -> bool:
    """Whether a start tag ends with ``/>``: an SVG element with no end tag."""
    return not tag[1] and tag[3].endswith("/")
