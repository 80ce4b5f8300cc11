"""Every page converted by one Python-Markdown instance, reset between pages.

MkDocs makes a new ``markdown.Markdown`` for every page it converts (``Page.render``), which
loads the extensions and builds the parser again: about a third of converting an incident
page, whose content is almost all the generator's HTML blocks, set aside before conversion.
Python-Markdown's own way to convert many documents is one instance, ``reset`` between them.
``PageConverter.render`` does what MkDocs 1.6's ``Page.render`` does, with that instance: it
registers MkDocs' processors of the page afresh (a processor registered under a name already
taken replaces it) and reads back the same results. ``Page.render`` is MkDocs' own, and the
processors private to it, so this is used only with the MkDocs versions it was checked
against (``page_fork.CHECKED``) and without other plugins (which may give pages their own
way of rendering); otherwise every page is converted as before. The extensions mkdocs.yml
names keep no state past a conversion but what ``reset`` clears; an extension that did would
carry it from one page to the next.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial
from typing import Any

import markdown

from generator.site.page_fork import CHECKED

log = logging.getLogger("mkdocs.structure.pages")
"""MkDocs' logger of pages, whose level decides whether links to anchors are gathered."""


def can_reuse(version: str, plugins: Iterable[str]) -> bool:
    """Whether pages may be converted by one instance: a checked MkDocs, no other plugin."""
    return version.startswith(CHECKED) and set(plugins) <= {"incident-record"}


class PageConverter:
    """One Python-Markdown instance with the site's extensions, for every page of a build."""

    def __init__(self, config: Any) -> None:
        self._md = markdown.Markdown(
            extensions=config["markdown_extensions"],
            extension_configs=config["mdx_configs"] or {},
        )

    def take(self, page: Any) -> None:
        """Have ``page`` converted by this instance when MkDocs renders it."""
        page.render = partial(self.render, page)

    def render(self, page: Any, config: Any, files: Any) -> None:
        """``Page.render`` of MkDocs 1.6, with the instance reset instead of made anew."""
        from mkdocs.structure import pages
        from mkdocs.structure.toc import get_toc

        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        md = self._md.reset()
        raw_html = pages._RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = pages._ExtractAnchorsTreeprocessor(page.file, files, config)
        anchors._register(md)
        relative = pages._RelativePathTreeprocessor(page.file, files, config)
        relative._register(md)
        title = pages._ExtractTitleTreeprocessor()
        title._register(md)
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative.links_to_anchors
