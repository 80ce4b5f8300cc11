"""The last line of defence for the site: every page's HTML is cleaned with nh3 before use.

Record text is already escaped on its way into Markdown (``text.markdown.md_escape``); this cleaner
makes sure that even a mistake there cannot put script, event handlers, frames or dangerous
URLs into a page. It keeps only what the theme and the project's templates produce: heading
ids and permalinks, classes, tables and their alignment, admonitions and the map's container.
Page content holds no script or stylesheet: the site's own come in through mkdocs.yml's
``extra_javascript`` and ``extra_css``. No ``data-pagefind-*`` attribute of content is kept:
the only ones are the marks made after cleaning (``site.search``).
"""

from __future__ import annotations

import re

import nh3

TAGS = frozenset(
    {
        "a", "abbr", "blockquote", "br", "caption", "code", "dd", "del", "details", "div",
        "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
        "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "s", "section", "small", "span",
        "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
        "time", "tr", "ul",
    }
)  # fmt: skip
"""Elements that Markdown, its extensions and the project's templates write."""
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"}
)
"""Elements removed together with everything inside them."""
ATTRIBUTES = {
    "*": {"id", "class", "title", "role"},
    "a": {"href"},
    "img": {"src", "alt"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "span": {"style"},
    "div": {"data-points", "data-outline", "tabindex"},
    "ol": {"start"},
    "time": {"datetime"},
}
"""Attributes kept per element; ``aria-*`` is kept on every element."""
STYLE_PROPERTIES = frozenset({"text-align", "width"})
"""Inline style properties kept: table column alignment and the home page's year bars."""
URL_SCHEMES = frozenset({"http", "https"})
"""Schemes a link may use; relative and ``#`` links are kept as they are."""

_RELATIVE_PATH = r"(?:\.\./)*[a-z0-9_-]+(?:[./][a-z0-9_-]+)*"
_SAME_SITE = re.compile(_RELATIVE_PATH + r"(?:/|\.[a-z0-9]+)?(?:#[A-Za-z0-9_-]+)?")
_DATA_FILE = re.compile(r"[a-z0-9_-]+\.json")
_DATA_FILES = ("data-points", "data-outline")
"""The map's attributes, each naming a data file beside its page."""
_FILTERED = (b"<im", *(name.encode() for name in _DATA_FILES), b"tabindex")
"""What a page holds, in any case, where an attribute that ``_keep_value`` checks may appear.

Names are never escaped, and ``<im`` covers ``<image``, which HTML parsers read as ``<img``.
"""


def sanitize_html(html: str) -> str:
    """The HTML of one page's content with everything outside the allowlist removed."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        # Most pages have no such attribute, and a filter is a Python call per attribute.
        attribute_filter=_keep_value if _needs_filter(html) else None,
        strip_comments=True,
        link_rel=None,
        generic_attribute_prefixes={"aria-"},
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
    )


def _needs_filter(html: str) -> bool:
    """True when the page may hold an attribute whose value ``_keep_value`` checks."""
    # Bytes lower only ASCII, as HTML does names, and far faster than a case-blind pattern.
    lowered = html.encode("utf-8", "surrogatepass").lower()
    return any(name in lowered for name in _FILTERED)


def _keep_value(tag: str, name: str, value: str) -> str | None:
    """An attribute's value if it is allowed on this element, else None (dropped)."""
    if name in _DATA_FILES:
        # The map's data files, beside its page: a bare file name, never an address.
        return value if _DATA_FILE.fullmatch(value) else None
    if name == "tabindex":
        # A report table's scroll container is reached by the keyboard in page order only.
        return value if value == "0" else None
    if tag == "img" and name == "src":
        # Pages load no image from elsewhere: only the site's own files.
        return value if _SAME_SITE.fullmatch(value) else None
    return value
