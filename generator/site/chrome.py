"""The theme's chrome that is the same on many pages, rendered once: the navigation and the tabs.

Material renders the whole navigation into every page; for a page outside the navigation (an
incident, a listing) nothing in it is active, and its links differ only by where the page is.
The overrides in ``templates/overrides`` wrap Material's own partials (reached as ``theme/...``)
in ``chrome_once``, which renders them once for each set of relative addresses of the
navigation's pages and reuses the HTML; pages in the navigation, whose active item differs,
are rendered every time.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from mkdocs.structure.nav import Link
from mkdocs.utils import get_relative_url

from generator.core.settings import TEMPLATES

OVERRIDES = TEMPLATES / "overrides"
"""The project's overrides of Material's partials, ahead of the theme's own in the search path."""
THEME_PREFIX = "theme"
"""The prefix under which an override reaches the partial of the theme that it overrides."""


class ChromeCache:
    """Rendered chrome for pages outside the navigation, by part and links; one per build."""

    def __init__(self, nav_pages: Collection[Any] = (), nav_links: Collection[str] = ()) -> None:
        """An empty cache for a navigation of ``nav_pages`` (MkDocs pages) and ``nav_links``.

        ``nav_links`` are the addresses of the navigation's link items, which a page writes
        relative to itself when they are relative too.
        """
        self.nav_sources = frozenset(page.file.src_uri for page in nav_pages)
        """Source paths of the pages in the navigation: their chrome is never reused."""
        self.nav_urls = (*(page.url for page in nav_pages), *nav_links)
        """Addresses the navigation links to: its pages' and its link items'."""
        self.rendered: dict[tuple[str, ...], str] = {}
        """Rendered part by its name, the site's base and the navigation's relative links."""

    def render(self, name: str, page: Any, base_url: str, caller: Callable[[], str]) -> str:
        """The part ``caller`` renders, reused for pages outside the nav that link alike.

        The theme's environment does not autoescape, so the HTML goes out as it is.
        """
        if page is None or page.file.src_uri in self.nav_sources:
            return caller()
        key = (name, base_url, *(get_relative_url(url, page.url) for url in self.nav_urls))
        if key not in self.rendered:
            self.rendered[key] = caller()
        return self.rendered[key]


def link_urls(items: Iterable[Any]) -> list[str]:
    """The addresses of the link items anywhere in a navigation (MkDocs ``Link``)."""
    found = []
    for item in items:
        if isinstance(item, Link):
            found.append(item.url)
        found += link_urls(getattr(item, "children", None) or ())
    return found


def install_chrome(env: Environment, theme_dirs: list[str], cache: ChromeCache) -> None:
    """Give the theme's environment ``chrome_once`` and the ``theme/`` prefix to its partials.

    ``theme_dirs`` is the theme's search path with the overrides first: ``theme/`` names the
    same files without them, so an override can include the partial it wraps.
    """
    originals = [d for d in theme_dirs if Path(d) != OVERRIDES]
    loaders: list[BaseLoader] = [FileSystemLoader(theme_dirs)]
    loaders.append(PrefixLoader({THEME_PREFIX: FileSystemLoader(originals)}))
    env.loader = ChoiceLoader(loaders)
    env.globals["chrome_once"] = cache.render
