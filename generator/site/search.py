"""What the site's search indexes: a page's front matter (``search:``) as Pagefind attributes.

Pagefind indexes only the elements marked ``data-pagefind-body`` once any page has one, so the
theme's header, navigation and footer are never words of a page. The MkDocs plugin marks the
theme's content element of each page whose front matter does not say ``search: exclude:
true`` (pages that only list others), and gives it ``data-pagefind-weight`` from
``search: boost:`` (incident pages), so that they rank first. The marks are added to the
finished page, after the sanitizer has removed every ``data-pagefind-*`` attribute from the
content: record text can neither hide a page nor weigh its own words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

CONTENT = '<article class="md-content__inner md-typeset">'
"""The theme's element around a page's content (Material's base.html); record text cannot
make one, as the sanitizer keeps no ``article`` element."""
MAX_WEIGHT = 10.0
"""The largest weight Pagefind accepts."""


def search_attributes(meta: Mapping[str, Any]) -> str | None:
    """The Pagefind attributes for a page with front matter ``meta``; None when not indexed."""
    search = meta.get("search")
    if not isinstance(search, Mapping):
        return "data-pagefind-body"
    if search.get("exclude") is True:
        return None
    boost = search.get("boost")
    if isinstance(boost, bool) or not isinstance(boost, int | float) or boost == 1:
        return "data-pagefind-body"
    weight = min(max(float(boost), 0.0), MAX_WEIGHT)
    return f'data-pagefind-body data-pagefind-weight="{weight:g}"'


def mark_for_search(html: str, meta: Mapping[str, Any]) -> str:
    """The whole page ``html`` with its content element marked as its front matter says."""
    attributes = search_attributes(meta)
    if attributes is None:
        return html
    return html.replace(CONTENT, f"{CONTENT[:-1]} {attributes}>", 1)
