"""What the site's search indexes: a page's front matter (``search:``) as Pagefind attributes.

Pagefind indexes only the elements marked ``data-pagefind-body`` once any page has one, so the
theme's header, navigation and footer are never words of a page. The MkDocs plugin marks the
theme's content element of each page whose front matter does not say ``search: exclude:
true`` (draft and withdrawn records), or only its title where it says ``search: only: title``
(a publisher's page). Such a page is found by its title, headings and prose: what lists other
records, each found through its own page, is marked ``data-pagefind-ignore``: its tables (the
home page's, the report's, the listings'), which indexed whole would make excerpts of cells
run together, and the items of its lists that begin with a link to a record page (the map
page's places). A page whose front matter
gives ``search: boost:`` is a record page: only its parts that readers search for are marked
(``site.search_parts``), each weighted by the boost so that they rank first, and its title
keeps the weight the sanitizer gives it (its own times the boost). Every other
``data-pagefind-*`` attribute in content is removed by the sanitizer: record text can neither
hide a page nor weigh its own words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from generator.site.search_parts import mark_record_parts

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


TITLE_WEIGHT = 7.0
"""Pagefind's own weight for an ``h1``. A weight on an element around the title would replace
it, so a boosted page's title is given its own weight times the boost."""


def search_attributes(meta: Mapping[str, Any]) -> str | None:
    """The Pagefind attributes for a page with front matter ``meta``; None when not indexed."""
    search = meta.get("search")
    if isinstance(search, Mapping) and search.get("exclude") is True:
        return None
    boost = _boost(meta)
    if boost is None:
        return "data-pagefind-body"
    return f'data-pagefind-body data-pagefind-weight="{boost:g}"'


def heading_weights(meta: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """For a boosted page, the Pagefind weight the sanitizer gives its title, by element.

    The title is the only heading of a record page that is indexed (``site.search_parts``).
    """
    boost = _boost(meta)
    if boost is None:
        return {}
    return {"h1": {"data-pagefind-weight": f"{min(TITLE_WEIGHT * boost, MAX_WEIGHT):g}"}}


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
    attributes = search_attributes(meta)
    if attributes is None:
        return html
    boost = _boost(meta)
    start = html.find(CONTENT)
    if start < 0:
        return html
    # The sanitizer keeps no article element, so the first end tag is the content's own.
    end = html.find(CONTENT_END, start + len(CONTENT))
    if end < 0:
        return html
    if boost is None and not is_title_only(meta):
        content = html[start + len(CONTENT) : end]
        if not keeps_tables(meta):
            content = LISTED.sub(_ignored, content)
        return f"{html[:start]}{CONTENT[:-1]} {attributes}>{content}{html[end:]}"
    start += len(CONTENT)
    if boost is None:
        # Escaped record text holds no tag, so the content's first h1 is its title.
        marked = html[start:end].replace("<h1", "<h1 data-pagefind-body", 1)
    else:
        marked = mark_record_parts(html[start:end], f"{boost:g}")
    return html[:start] + marked + html[end:]


def _ignored(found: re.Match[str]) -> str:
    """The start tag ``found``, marked to be left out of the index."""
    tag = found.group()
    return tag[:-1] + IGNORED + ">" if tag.endswith(">") else tag + IGNORED
