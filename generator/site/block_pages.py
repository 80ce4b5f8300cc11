"""What MkDocs learns of a page from its HTML blocks: its table of contents and its links.

Python-Markdown never sees a block (``site.blocks``), so neither its ``toc`` nor MkDocs'
check of links does. The MkDocs plugin gives both from the blocks instead: the page's table
of contents lists the blocks' headings where they stand among the Markdown's own, and each
link a block makes to the site is checked as MkDocs checks a Markdown link (the page or file
must exist, and an anchor on it is checked with the anchors of Markdown links, once every
page is converted), at the levels mkdocs.yml's ``validation`` gives.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from mkdocs.structure.toc import AnchorLink, TableOfContents

from generator.site.blocks import block_headings, block_links

log = logging.getLogger("mkdocs.plugins.incident-record")
"""Under ``mkdocs``, so that ``--strict`` counts its warnings."""


def merged_toc(converted: str, blocks: Mapping[str, str], toc: Any) -> Any:
    """The page's table of contents: ``toc`` (the Markdown's) with the blocks' headings.

    ``converted`` is the page's HTML before its blocks are put back: each heading stands where
    its own element or its block's marker is. Returns ``toc`` itself when no block has one.
    """
    found: list[tuple[int, int, AnchorLink]] = []
    for marker, block in blocks.items():
        at = converted.find(f"<p>{marker}</p>")
        found += [
            (at, order, AnchorLink(heading.title, heading.anchor, heading.level))
            for order, heading in enumerate(block_headings(block))
        ]
    if not found:
        return toc
    start = 0
    for link in _flattened(toc):
        at = converted.find(f'<h{link.level} id="{link.id}"', start)
        start = max(at, start)
        found.append((start, -1, AnchorLink(link.title, link.id, link.level)))
    found.sort(key=lambda item: (item[0], item[1]))
    return TableOfContents(_nested([link for _, _, link in found]))


def _flattened(toc: Iterable[AnchorLink]) -> list[AnchorLink]:
    return [item for link in toc for item in (link, *_flattened(link.children))]


def _nested(links: list[AnchorLink]) -> list[AnchorLink]:
    """Each link under the nearest link before it of a higher level (a lower number)."""
    top: list[AnchorLink] = []
    open_links: list[AnchorLink] = []
    for link in links:
        while open_links and open_links[-1].level >= link.level:
            open_links.pop()
        (open_links[-1].children if open_links else top).append(link)
        open_links.append(link)
    return top


def check_block_links(
    page: Any, blocks: Mapping[str, str], urls: Mapping[str, Any], level: int
) -> None:
    """Check each link of the page's blocks to the site; anchors are left to MkDocs' check.

    ``urls`` maps each of the site's files by its address (``site_url``). A link to no file
    is reported at ``level`` (``validation.links.not_found``); a link's anchor is added to
    the page's ``links_to_anchors``, which MkDocs checks after converting every page.
    """
    base = page.url[: page.url.rfind("/") + 1]
    for href in block_links(blocks):
        if href.startswith("#"):  # most are: a citation of the page's own source list
            if len(href) > 1 and page.links_to_anchors is not None:
                page.links_to_anchors.setdefault(page.file, {})[href[1:]] = href
            continue
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or parts.path.startswith("/"):
            continue
        target = page.file if not parts.path else urls.get(site_url(base + parts.path))
        if target is None:
            log.log(
                level,
                f"Doc file '{page.file.src_uri}' contains a link '{href}' in an HTML block, "
                "but no page or file of the site is at that address.",
            )
        elif parts.fragment and page.links_to_anchors is not None:
            page.links_to_anchors.setdefault(target, {})[parts.fragment] = href


def site_url(url: str) -> str:
    """A file's address as ``urls`` keys it: normalised, without a trailing slash."""
    return posixpath.normpath(url)
