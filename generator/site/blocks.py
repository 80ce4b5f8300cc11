"""The generator's HTML blocks kept out of Python-Markdown: set aside before it, put back after.

Python-Markdown passes a raw HTML block through, but only after parsing it tag by tag (twice,
with MkDocs' own scan for anchors): for a page of tables that was a third of its time. A block
the generator writes (a table, a source list, the infobox: its record text already
HTML-escaped) is replaced by a marker paragraph before conversion and put back into the HTML,
before the sanitizer cleans the page. The marker holds a digest of the page, so no record text
on it can name one. Blocks inside fenced code, and any with a ``markdown`` attribute (whose
inside is Markdown), are left where they are.
"""

from __future__ import annotations

import hashlib
import re

OPENERS = {
    "<table>": "</table>",
    "<ol>": "</ol>",
    "<ul>": "</ul>",
    '<div class="infobox">': "</div>",
    "<p>": "</p>",
}
"""How each kind of block the generator writes begins and ends, each on a line of its own."""
_PARAGRAPHS = re.compile(r"(\n[ \t]*\n)")
_FENCE = re.compile(r"^(```|~~~)", re.MULTILINE)
_IDS = re.compile(r'\bid="([^"]+)"')


def stash_blocks(markdown: str) -> tuple[str, dict[str, str]]:
    """The page with its HTML blocks replaced by markers, and each block by its marker."""
    nonce = hashlib.sha256(markdown.encode("utf-8")).hexdigest()[:20]
    pieces = _PARAGRAPHS.split(markdown)
    blocks: dict[str, str] = {}
    in_fence = False
    for index in range(0, len(pieces), 2):
        piece = pieces[index]
        if not in_fence and _is_block(piece):
            marker = f"stash-{nonce}-{len(blocks)}"
            block = piece.rstrip("\n")
            blocks[marker] = block
            pieces[index] = marker + piece[len(block) :]
        elif len(_FENCE.findall(piece)) % 2:
            in_fence = not in_fence
    return "".join(pieces), blocks


def restore_blocks(html: str, blocks: dict[str, str]) -> str:
    """The converted page with every marker paragraph replaced by its block."""
    for marker, block in blocks.items():
        html = html.replace(f"<p>{marker}</p>", block, 1)
    return html


def block_ids(blocks: dict[str, str]) -> set[str]:
    """The element ids inside the blocks: anchors that links from other pages may name."""
    return {found for block in blocks.values() for found in _IDS.findall(block)}


def _is_block(piece: str) -> bool:
    """Whether a paragraph of the page is one whole HTML block the generator writes."""
    first = piece.partition("\n")[0]
    closer = OPENERS.get(first) or ("</p>" if first.startswith("<p>") else None)
    opening_tag = first[: first.find(">") + 1]
    if closer is None or "markdown" in opening_tag or _FENCE.search(piece):
        return False
    return piece.rstrip().endswith(closer)
