"""What the site's search indexes: a page's front matter (``search:``) as Pagefind attributes.

Pagefind indexes only the elements marked ``data-pagefind-body`` once any page has one, so the
theme's header, navigation and footer are never words of a page. A page whose front matter
does not say ``search: exclude: true`` (draft and withdrawn records) has the theme's content
element marked, or only its title where it says ``search: only: title`` (a publisher's page).
Such a page is found by its title, headings and prose: what lists other records, each found
through its own page, is marked ``data-pagefind-ignore``: its tables (the home page's, the
report's, the listings'), which indexed whole would make excerpts of cells run together, and
the items of its lists that begin with a link to a record page (the map page's places). A
page whose front matter gives ``search: boost:`` is a record page: only its parts that readers
search for are marked (``site.search_parts``), each weighted by the boost so that they rank
first, and its title more (Pagefind's own weight for a title times the boost). The sanitizer
removes every ``data-pagefind-*`` attribute that content carried, before the marks are made:
record text can neither hide a page nor weigh its own words.

The build's MkDocs plugin does not mark the published pages: it writes, for each indexed
page, a search document (``search_document``: the page's title and its marked content alone)
into the folder that ``SEARCH_DOCUMENTS`` names, and Pagefind reads those. Pagefind's time
grows with the bytes it reads, and a record page's document is a tenth of the page. Where no
folder is named (the live preview, a bare ``mkdocs build``), pages are marked in place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from generator.site.search_parts import indexed_parts, mark_record_parts, record_parts

CONTENT = '<article class="md-content__inner md-typeset">'
"""The theme's element around a page's content (Material's base.html); record text cannot
make one, as the sanitizer keeps no ``article`` element."""
CONTENT_END = "</article>"
"""The end of the theme's content element."""
LISTED = re.compile(r'<table(?=[\s>])|<li>(?=<a href="(?:\.\./)*incidents/)')
"""The start of a table, or of a list item that begins with a link to a record page; record
text can make neither, as it is escaped."""
IGNORED = " data-pagefind-ignore"
"""The mark of an element whose text the index leaves out."""
MAX_WEIGHT = 10.0
"""The largest weight Pagefind accepts."""
SEARCH_DOCUMENTS = "INCIDENT_RECORD_SEARCH_DOCUMENTS"
"""The environment variable naming the folder for search documents, set by the build."""
_HTML_TAG = re.compile(r"<html\b[^>]*>")
"""A finished page's ``html`` start tag, which gives its language."""
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)
"""A finished page's ``title`` element."""


TITLE_WEIGHT = 7.0
"""Pagefind's own weight for an ``h1``. A weight on an element around the title would replace
it, so a boosted page's title is given its own weight times the boost."""


def title_weight(boost: float) -> str:
    """The Pagefind weight of the title of a page whose words are weighted ``boost``."""
    return f"{min(TITLE_WEIGHT * boost, MAX_WEIGHT):g}"


def search_attributes(meta: Mapping[str, Any]) -> str | None:
    """The Pagefind attributes for a page with front matter ``meta``; None when not indexed."""
    search = meta.get("search")
    if isinstance(search, Mapping) and search.get("exclude") is True:
        return None
    boost = _boost(meta)
    if boost is None:
        return "data-pagefind-body"
    return f'data-pagefind-body data-pagefind-weight="{boost:g}"'


def _boost(meta: Mapping[str, Any]) -> float | None:
    """The front matter's ``search: boost`` as a Pagefind weight; None when it is not one."""
    search = meta.get("search")
    boost = search.get("boost") if isinstance(search, Mapping) else None
    if isinstance(boost, bool) or not isinstance(boost, int | float) or boost == 1:
        return None
    return min(max(float(boost), 0.0), MAX_WEIGHT)


def is_title_only(meta: Mapping[str, Any]) -> bool:
    """Whether the front matter says ``search: only: title``: the page is found by its title.

    For a page that lists many records' sources (a publisher's): its list would be most of
    the index's words, and the records themselves are found by their sources' publishers.
    """
    search = meta.get("search")
    return isinstance(search, Mapping) and search.get("only") == "title"


def keeps_tables(meta: Mapping[str, Any]) -> bool:
    """Whether the front matter says ``search: tables: true``: the page's tables are its text.

    For the data page, whose tables describe the files and their columns rather than list
    records.
    """
    search = meta.get("search")
    return isinstance(search, Mapping) and search.get("tables") is True


def mark_for_search(html: str, meta: Mapping[str, Any]) -> str:
    """The whole page ``html`` with its content, or only some parts of it, marked for search.

    A page that is neither a record page nor found by its title alone is indexed without what
    lists other records (its tables, unless ``keeps_tables``).
    """
    span = _content_span(html)
    if span is None or search_attributes(meta) is None:
        return html
    start, end = span
    marked = _mark_content(html[start + len(CONTENT) : end], meta)
    return html[:start] + marked + html[end + len(CONTENT_END) :]


def _content_span(html: str) -> tuple[int, int] | None:
    """Where the theme's content element starts in a page and where its end tag is."""
    start = html.find(CONTENT)
    if start < 0:
        return None
    # The sanitizer keeps no article element, so the first end tag is the content's own.
    end = html.find(CONTENT_END, start + len(CONTENT))
    return None if end < 0 else (start, end)


def _mark_content(content: str, meta: Mapping[str, Any]) -> str:
    """The content element, from its start tag to its end tag, marked as ``meta`` says."""
    boost = _boost(meta)
    if boost is None and not is_title_only(meta):
        if not keeps_tables(meta):
            content = LISTED.sub(_ignored, content)
        return f"{CONTENT[:-1]} {search_attributes(meta)}>{content}{CONTENT_END}"
    if boost is None:
        # Escaped record text holds no tag, so the content's first h1 is its title.
        marked = content.replace("<h1", "<h1 data-pagefind-body", 1)
    else:
        marked = mark_record_parts(content, f"{boost:g}", title_weight(boost))
    return CONTENT + marked + CONTENT_END


def _ignored(found: re.Match[str]) -> str:
    """The start tag ``found``, marked to be left out of the index."""
    tag = found.group()
    return tag[:-1] + IGNORED + ">" if tag.endswith(">") else tag + IGNORED


def search_document(html: str, meta: Mapping[str, Any]) -> str | None:
    """What Pagefind reads of the finished page ``html``; None when the page is not indexed.

    Its language, its title and the elements of its content that ``mark_for_search`` marks,
    each whole (``indexed_parts``): the index is the same as of the whole page marked, whose
    header, navigation, footer and unmarked content Pagefind would read only to leave them
    out. Of a record page only the sections that hold parts are read (``record_parts``).
    """
    span = _content_span(html)
    if span is None or search_attributes(meta) is None:
        return None
    start, end = span
    content = html[start + len(CONTENT) : end]
    boost = _boost(meta)
    if boost is None and not is_title_only(meta):
        parts = _mark_content(content, meta)  # the content element whole
    elif boost is None:
        parts = indexed_parts(_mark_content(content, meta))
    else:
        parts = record_parts(content, f"{boost:g}", title_weight(boost))
    html_tag = _HTML_TAG.search(html, 0, start)
    title = _TITLE.search(html, 0, start)
    return (
        f"<!doctype html>\n{html_tag[0] if html_tag else '<html>'}\n"
        f'<head><meta charset="utf-8">{title[0] if title else ""}</head>\n'
        f"<body>\n{parts}\n</body>\n</html>\n"
    )
