"""Record text inside Markdown: escaped so it is always literal, URLs and titles made safe.

Markdown text takes ``md_escape``; text inside a raw HTML block of a page (which
Python-Markdown passes through untouched, so it costs no inline parsing) takes ``html_text``.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote

MARKDOWN_SPECIALS = "\\`*_{}[]()#+-.!"
"""Characters that core Python-Markdown gives a meaning and lets a backslash make literal."""
EXTENSION_SPECIALS: dict[str, str] = {
    "tables": "|",
    "admonition": "!",
    "attr_list": "{}",
    "md_in_html": "<>",
    "toc": "[]",
}
"""What each extension enabled in mkdocs.yml adds: a test keeps this and mkdocs.yml in step."""
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#x27;"}
"""Characters that start HTML or entities: written as entities so no tag or entity survives."""
_STRIKETHROUGH = {"~": "&#126;"}
"""Strikes text through on GitHub, where the dataset diff is read; the site leaves it alone, and
Python-Markdown keeps a backslash before it, so it is written as an entity."""
_BACKSLASHED = frozenset(MARKDOWN_SPECIALS + "".join(EXTENSION_SPECIALS.values())) - set(_ENTITIES)
"""Escaped with a backslash; characters of ``_ENTITIES`` are written as entities instead."""
_URL_UNSAFE = re.compile(r"[^A-Za-z0-9\-._~:/?#@!$&+,;=%]")


_ESCAPES = str.maketrans({**{c: "\\" + c for c in _BACKSLASHED}, **_ENTITIES, **_STRIKETHROUGH})
"""One translation table: ``str.translate`` escapes a page's text in C, not char by char."""


def md_escape(text: object) -> str:
    """Record text as literal Markdown: no markup, no HTML, no table breaks, one line."""
    return " ".join(str(text).split()).translate(_ESCAPES)


def html_text(text: object) -> str:
    """Record text as literal HTML on one line: every tag, entity and quote made an entity.

    For text inside a raw HTML block or an attribute; Markdown leaves such a block alone, so
    no Markdown escaping is needed (or wanted: a backslash would show).
    """
    return html.escape(" ".join(str(text).split()), quote=True)


def front_title(text: object) -> str:
    """A page title for front matter: HTML-escaped (themes print it raw), then YAML-quoted."""
    return json.dumps(html_text(text), ensure_ascii=False)


def md_url(url: object) -> str:
    """A URL safe inside a Markdown link destination and a table cell (percent-encoded)."""
    return _URL_UNSAFE.sub(lambda m: quote(m.group(0), safe=""), str(url))
