"""The generator's HTML blocks kept out of Python-Markdown: set aside before it, put back after.

Python-Markdown passes a raw HTML block through, but only after parsing it tag by tag (twice,
with MkDocs' own scan for anchors): for a page of tables that was a third of its time. A block
the generator writes (a table, a listing's table in its container, a list, a paragraph, an
admonition, a heading: its record text
already HTML-escaped) is replaced by a marker paragraph before conversion and put back into
the HTML, before the sanitizer cleans the page; blocks that follow one another share one
marker. The marker holds a digest of the page, so no record text on it can name one. Blocks
inside fenced code, and any with a ``markdown`` attribute (whose inside is Markdown), are left
where they are. A heading block gets its permalink when it is put back, as Python-Markdown's
``toc`` gives one to a Markdown heading, and is listed for the page's table of contents.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

OPENERS = {
    "<table>": "</table>",
    "<ol>": "</ol>",
    "<ul>": "</ul>",
    "<blockquote>": "</blockquote>",
    '<div class="infobox">': "</div>",
    "<p>": "</p>",
}
"""How each kind of block the generator writes begins and ends, each on a line of its own."""
_ADMONITION = re.compile(r'<div class="admonition [a-z -]+">')
"""The first line of an admonition the generator writes; it ends with ``</div>``."""
_LISTING = re.compile(r'<div class="[a-z -]+"><table>')
"""The first line of a table in a container of its own class (the listings' tables, aligned
by that class); it ends with ``</table></div>``."""
HEADING = re.compile(
    r'^<h([1-6])((?: class="[a-z -]+")? id="([A-Za-z0-9_.:-]+)")>([^<\n]*)</h\1>$', re.MULTILINE
)
"""A heading the generator writes, on a line of its own: level, attributes (a class, as
Python-Markdown writes one before the id, and the id), id and escaped text."""
_PARAGRAPHS = re.compile(r"(\n[ \t]*\n)")
_FENCE = re.compile(r"^(```|~~~)", re.MULTILINE)
# Each begins with a literal (the generator writes one space before an attribute), which the
# expression engine looks for fast.
_IDS = re.compile(r' id="([^"]+)"')
_HREFS = re.compile(r' href="([^"]*)"')
"""A link's address: the generator's blocks give ``href`` to links (``a``) only."""


@dataclass(frozen=True)
class Heading:
    """A heading in a block: what a table of contents lists of it."""

    level: int
    anchor: str
    title: str
    """The heading's text as HTML, as Python-Markdown's ``toc`` names a heading whose text
    ``md_escape`` wrote: entities stay as they are written."""


def stash_blocks(markdown: str) -> tuple[str, dict[str, str]]:
    """The page with its HTML blocks replaced by markers, and each block by its marker."""
    nonce = hashlib.sha256(markdown.encode("utf-8")).hexdigest()[:20]
    pieces = _PARAGRAPHS.split(markdown)
    blocks: dict[str, str] = {}
    in_fence = False
    last: str | None = None
    """The marker of the block just before, when only a blank line separates the two."""
    for index in range(0, len(pieces), 2):
        piece = pieces[index]
        if not in_fence and _is_block(piece):
            block = piece.rstrip("\n")
            rest = piece[len(block) :]
            if last is not None:
                # One marker for blocks in a row: each marker is a paragraph to convert.
                blocks[last] += "\n" + block
                pieces[index - 1] = ""
                pieces[index] = rest
            else:
                last = f"stash-{nonce}-{len(blocks)}"
                blocks[last] = block
                pieces[index] = last + rest
            if rest:
                last = None
        else:
            last = None
            if _has_fence(piece) and len(_FENCE.findall(piece)) % 2:
                in_fence = not in_fence
    return "".join(pieces), blocks


def restore_blocks(html: str, blocks: dict[str, str], permalink: str | None = None) -> str:
    """The converted page with every marker paragraph replaced by its block.

    With ``permalink`` (the link's text, as HTML), each heading block ends with a link to
    itself, as Python-Markdown's ``toc`` writes it with ``permalink``.
    """
    for marker, block in blocks.items():
        if permalink is not None:
            block = HEADING.sub(lambda found: _with_permalink(found, permalink), block)
        html = html.replace(f"<p>{marker}</p>", block, 1)
    return html


def _with_permalink(found: re.Match[str], permalink: str) -> str:
    level, attributes, anchor, text = found.groups()
    link = f'<a class="headerlink" href="#{anchor}" title="Permanent link">{permalink}</a>'
    return f"<h{level}{attributes}>{text}{link}</h{level}>"


def block_ids(blocks: dict[str, str]) -> set[str]:
    """The element ids inside the blocks: anchors that links from other pages may name."""
    return {found for block in blocks.values() for found in _IDS.findall(block)}


def block_headings(block: str) -> list[Heading]:
    """The headings of a block, in order."""
    return [Heading(int(level), anchor, text) for level, _, anchor, text in HEADING.findall(block)]


def block_links(blocks: Mapping[str, str]) -> list[str]:
    """The addresses the blocks' links go to, as written (entities decoded), in order."""
    return [html.unescape(href) for block in blocks.values() for href in _HREFS.findall(block)]


def _is_block(piece: str) -> bool:
    """Whether a paragraph of the page is one whole HTML block the generator writes."""
    first = piece.partition("\n")[0]
    if HEADING.fullmatch(first):
        return piece == first or piece.rstrip("\n") == first
    closer = OPENERS.get(first) or ("</p>" if first.startswith("<p>") else None)
    if closer is None and _ADMONITION.fullmatch(first):
        closer = "</div>"
    if closer is None and _LISTING.fullmatch(first):
        closer = "</table></div>"
    if closer is None or not piece.rstrip().endswith(closer):
        return False
    opening_tag = first[: first.find(">") + 1]
    return "markdown" not in opening_tag and not _has_fence(piece)


def _has_fence(piece: str) -> bool:
    """Whether a line of the piece opens or closes fenced code (looked for as text first)."""
    return ("```" in piece or "~~~" in piece) and _FENCE.search(piece) is not None
