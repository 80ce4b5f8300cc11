"""What the site's search indexes: a page's front matter (``search:``) as Pagefind attributes.

Pagefind indexes only the elements marked ``data-pagefind-body`` once any page has one, so the
theme's header, navigation and footer are never words of a page. The MkDocs plugin marks the
theme's content element of each page whose front matter does not say ``search: exclude:
true`` (pages that only list others), and gives it ``data-pagefind-weight`` from
``search: boost:`` (incident pages), so that they rank first; the sanitizer gives such a
page's headings their weights times the boost. Every other ``data-pagefind-*`` attribute in
content is removed by the sanitizer: record text can neither hide a page nor weigh its own
words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

CONTENT = '<article class="md-content__inner md-typeset">'
"""The theme's element around a page's content (Material's base.html); record text cannot
make one, as the sanitizer keeps no ``article`` element."""
MAX_WEIGHT = 10.0
"""The largest weight Pagefind accepts."""


HEADING_WEIGHTS = {"h1": 7.0, "h2": 6.0, "h3": 5.0, "h4": 4.0, "h5": 3.0, "h6": 2.0}
"""Pagefind's own weights for headings. A weight on the content element replaces them for the
headings inside it, so a boosted page's headings are given theirs times the boost."""


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
    """For a boosted page, the Pagefind weight the sanitizer gives each heading element."""
    boost = _boost(meta)
    if boost is None:
        return {}
    return {
        tag: {"data-pagefind-weight": f"{min(weight * boost, MAX_WEIGHT):g}"}
        for tag, weight in HEADING_WEIGHTS.items()
    }


def _boost(meta: Mapping[str, Any]) -> float | None:
    """The front matter's ``search: boost`` as a Pagefind weight; None when it is not one."""
    search = meta.get("search")
    boost = search.get("boost") if isinstance(search, Mapping) else None
    if isinstance(boost, bool) or not isinstance(boost, int | float) or boost == 1:
        return None
    return min(max(float(boost), 0.0), MAX_WEIGHT)


def mark_for_search(html: str, meta: Mapping[str, Any]) -> str:
    """The whole page ``html`` with its content element marked as its front matter says."""
    attributes = search_attributes(meta)
    if attributes is None:
        return html
    return html.replace(CONTENT, f"{CONTENT[:-1]} {attributes}>", 1)
