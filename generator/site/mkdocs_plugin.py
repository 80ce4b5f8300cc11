"""The MkDocs plugin (``incident-record`` in mkdocs.yml): every page's HTML passes the sanitizer.

The generator's HTML blocks skip Python-Markdown (``site.blocks``): they are set aside before
conversion and put back before the sanitizer, which cleans them with the rest of the page.
Their headings join the page's table of contents and their links are checked as MkDocs checks
a Markdown link (``site.block_pages``).

They also keep readers' browsers from calling a third party the site's owner did not ask for:
with ``repo_url`` on GitHub or GitLab, the theme's header link asks that host's API for the
repository's stars, forks and latest release from every reader's browser. The link stays; the
request is made only when mkdocs.yml sets ``extra.repository_facts: true``. Every finished
page loses the theme's indentation (``site.compact``); what the search index holds of it, as
its front matter says, is written apart as a search document for the build's Pagefind, or
marked on the page itself where the build named no folder for them (``site.search``). The theme's
navigation and tabs are rendered once for all the pages outside the navigation (``site.chrome``),
and its icons come from one stylesheet rather than inline SVG on every page (``site.icons``).

MkDocs finds the plugin through the package's ``mkdocs.plugins`` entry point, so an installed
wheel works as well as a checkout.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import mkdocs
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from generator.core.site_info import LATER
from generator.site.block_pages import check_block_links, merged_toc, site_url
from generator.site.blocks import block_ids, restore_blocks, stash_blocks
from generator.site.chrome import OVERRIDES, NavPlaces, install_chrome, link_urls
from generator.site.compact import compact_html
from generator.site.frame import TEMPLATE, FrameCache, can_frame, framed, install_frame
from generator.site.icons import ICONS_CSS, icon_class, icon_names, icons_css
from generator.site.page_fork import PAGE_WORKERS, PageFork, can_fork
from generator.site.page_markdown import PageConverter, can_reuse
from generator.site.sanitize import sanitize_html
from generator.site.search import SEARCH_DOCUMENTS, mark_for_search, search_document

REPOSITORY_LINK = 'class="md-source" data-md-component="source"'
"""The theme's repository link; its ``data-md-component`` makes the theme's script fetch facts."""
SEARCH_ONLY = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")
"""The theme's files that only its own search plugin loads (the site searches with Pagefind)."""
SOURCE_MAPS = ("assets/javascripts/", "assets/stylesheets/")
"""Where the theme keeps its source maps (``.map``), which only a developer's tools fetch."""


def unused_theme_file(src_uri: str, theme_search: bool) -> bool:
    """A theme file no reader's browser asks for: a source map, or search files without search.

    Left out of the site, they were about 2.2 MB of every build.
    """
    if src_uri.endswith(".map") and src_uri.startswith(SOURCE_MAPS):
        return True
    return not theme_search and src_uri.startswith(SEARCH_ONLY)


def put_in_later() -> list[str]:
    """The files the build puts into the site after MkDocs, as the environment names them."""
    return [line for line in os.environ.get(LATER, "").splitlines() if line]


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """The page's HTML with everything outside the sanitizer's allowlist removed."""
    return sanitize_html(html)


def on_post_page(output: str, page: Any, config: Any) -> str:
    """The whole page, with its search document written, or marked for search in place.

    When the build names a folder for search documents (``SEARCH_DOCUMENTS``), the page's
    document goes there, at the page's own path, and the page itself is left unmarked;
    otherwise the page is marked as its front matter says (``site.search``). The theme's
    repository facts request is dropped unless the owner asked for it, and the theme's
    indentation goes (``compact_html``).
    """
    if not output:
        return output  # built in a second process (``page_fork``): MkDocs writes nothing
    finished = compact_html(without_repository_facts(output, config))
    documents = os.environ.get(SEARCH_DOCUMENTS)
    if not documents:
        return mark_for_search(finished, _meta(page))
    document = search_document(finished, _meta(page))
    if document is not None:
        path = Path(documents, page.file.dest_uri)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document, encoding="utf-8")
    return finished


def _meta(page: Any) -> Any:
    """The page's front matter (empty for a call without a page)."""
    return getattr(page, "meta", None) or {}


def _permalink(config: Any) -> str | None:
    """The text of a heading's permalink as ``toc`` in mkdocs.yml gives it; None for none."""
    toc = (config.get("mdx_configs") or {}).get("toc") or {}
    permalink = toc.get("permalink")
    if permalink is True:
        return "&para;"
    return permalink if isinstance(permalink, str) and permalink else None


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """A page built from a theme template alone (404.html), treated like every other page."""
    return compact_html(without_repository_facts(output_content, config))


def without_repository_facts(html: str, config: Any) -> str:
    """``html`` with the theme's repository link kept as a plain link, unless opted in."""
    extra = config.get("extra") or {}
    if extra.get("repository_facts") is True:
        return html
    return html.replace(REPOSITORY_LINK, 'class="md-source"')


class SitePluginConfig(Config):  # type: ignore[no-untyped-call]
    """The plugin takes no options."""


class SitePlugin(BasePlugin[SitePluginConfig]):  # type: ignore[no-untyped-call]
    """Sanitizes every page's content and keeps the theme from asking a third party."""

    def __init__(self) -> None:
        self._blocks: dict[str, dict[str, str]] = {}
        """Page source path -> the HTML blocks set aside from its Markdown, by marker."""
        self._nav = NavPlaces()
        """Where the navigation's pages are, for this build."""
        self._frames = FrameCache(self._nav)
        """The theme's page around the pages outside the navigation, for this build."""
        self._framing = False
        """Whether pages may be framed in this build (``frame.can_frame``)."""
        self._urls: dict[str, Any] = {}
        """The site's files by their address (``site_url``), for the check of blocks' links."""
        self._fork = PageFork()
        """Half the pages converted and built in a second process, when asked (``page_fork``)."""
        self._converter: PageConverter | None = None
        """One Python-Markdown instance for every page, where MkDocs allows (``page_markdown``)."""

    def on_config(self, config: Any, /) -> Any:
        """The configuration with the project's overrides of Material's partials searched first."""
        if str(OVERRIDES) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(OVERRIDES))
        if ICONS_CSS not in config.extra_css:
            config.extra_css.insert(0, ICONS_CSS)
        return config

    def on_files(self, files: Any, /, *, config: Any) -> Any:
        """The site's files, with the theme icons' stylesheet made from the installed theme.

        The theme's files that no reader's browser asks for are left out (``unused_theme_file``),
        and the files the build puts in later are empty stand-ins (``put_in_later``).
        """
        theme_search = any(name.endswith("search") for name in config.plugins)
        for file in list(files):
            if unused_theme_file(file.src_uri, theme_search):
                files.remove(file)
        for src_uri in put_in_later():
            written = files.get_file_from_path(src_uri)
            if written is not None:
                files.remove(written)
            files.append(File.generated(config, src_uri, content=b""))
        css = icons_css(icon_names(config), config.theme.dirs)
        files.append(File.generated(config, ICONS_CSS, content=css))
        self._urls = {site_url(file.url): file for file in files}
        return files

    def on_nav(self, nav: Any, /, *, config: Any, files: Any) -> Any:
        """The navigation, unchanged; the frames start afresh for this build.

        Before MkDocs converts the pages, a second process may take half of them (``page_fork``).
        """
        self._nav = NavPlaces(nav.pages, link_urls(nav.items))
        self._frames = FrameCache(self._nav)
        self._framing = can_frame(config.plugins)
        reuse = can_reuse(mkdocs.__version__, config.plugins)
        self._converter = PageConverter(config) if reuse else None
        if can_fork(mkdocs.__version__, config.plugins, os.environ.get(PAGE_WORKERS)):
            self._fork.start(
                config, files, nav, lambda: self._theme_env(config.theme.get_env(), config)
            )
        return nav

    def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:
        """The theme's environment, with the overrides and the frame (``site.frame``).

        Every page is converted by now: the second process's anchors are taken in.
        """
        self._theme_env(env, config)
        if self._fork.running:
            self._fork.gather(env, files)
        return env

    def _theme_env(self, env: Any, config: Any) -> Any:
        """``env`` given the overrides, the frame and the icons' class names."""
        install_chrome(env, list(config.theme.dirs))
        install_frame(env, self._frames)
        env.globals["icon_class"] = icon_class
        return env

    def on_post_build(self, *, config: Any) -> None:
        """The pages built in a second process are done; their warnings are logged here."""
        self._fork.finish()

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build stops the second process, if any."""
        self._fork.stop()

    def on_pre_page(self, page: Any, /, *, config: Any, files: Any) -> Any:
        """The page, to be converted by the build's one Python-Markdown instance if it may be."""
        if self._converter is not None:
            self._converter.take(page)
        return page

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: Any, files: Any) -> str:
        """The page's Markdown with the generator's HTML blocks set aside (``stash_blocks``)."""
        markdown, self._blocks[page.file.src_uri] = stash_blocks(markdown)
        return markdown

    def on_page_content(self, html: str, /, *, page: Any, config: Any, files: Any) -> str:
        """The page's HTML, its blocks put back, with everything outside the allowlist removed.

        The blocks' ids count as the page's anchors, for MkDocs' check of links to them; their
        headings join the page's table of contents, and their links are checked
        (``site.block_pages``).
        """
        blocks = self._blocks.pop(page.file.src_uri, {})
        page.present_anchor_ids = set(page.present_anchor_ids or ()) | block_ids(blocks)
        toc = getattr(page, "toc", None)
        page.toc = merged_toc(html, blocks, toc) if toc is not None else toc
        validation = config.get("validation")
        if validation is not None:
            check_block_links(page, blocks, self._urls, validation.links.not_found)
        restored = restore_blocks(html, blocks, _permalink(config))
        content = on_page_content(restored, page, config, files)
        if self._framing and framed(page, content, self._nav.nav_sources):
            page.meta = {**page.meta, "template": TEMPLATE}
        return content

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        """The whole page, without the repository facts request unless the owner asked for it."""
        return on_post_page(output, page, config)

    def on_post_template(self, output_content: str, /, *, template_name: str, config: Any) -> str:
        """A page built from a theme template alone (404.html), treated like every other page."""
        return on_post_template(output_content, template_name, config)
