"""The theme's templates as the site uses them, and where the navigation's pages are.

The project's overrides come first; where the navigation's pages are tells how a page outside
it links to them, by which its frame is keyed (``site.frame``).

Material renders the whole navigation into every page; for a page outside the navigation (an
incident, a listing) nothing in it is active, and its links differ only by where the page is.
The overrides in ``templates/overrides`` write such a page's navigation in fewer bytes, and
reach Material's own partials as ``theme/...``, for the pages in the navigation.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
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


class NavPlaces:
    """Where the navigation's pages and links are, and how a page outside it links to them."""

    def __init__(self, nav_pages: Collection[Any] = (), nav_links: Collection[str] = ()) -> None:
        """The places of a navigation of ``nav_pages`` (MkDocs pages) and ``nav_links``.

        ``nav_links`` are the addresses of the navigation's link items, which a page writes
        relative to itself when they are relative too.
        """
        self.nav_sources = frozenset(page.file.src_uri for page in nav_pages)
        """Source paths of the pages in the navigation."""
        self.nav_urls = (*(page.url for page in nav_pages), *nav_links)
        """Addresses the navigation links to: its pages' and its link items'."""

    def links(self, page: Any) -> tuple[str, ...]:
        """The navigation's addresses as ``page`` writes them: relative to where it is."""
        return tuple(get_relative_url(url, page.url) for url in self.nav_urls)


def link_urls(items: Iterable[Any]) -> list[str]:
    """The addresses of the link items anywhere in a navigation (MkDocs ``Link``)."""
    found = []
    for item in items:
        if isinstance(item, Link):
            found.append(item.url)
        found += link_urls(getattr(item, "children", None) or ())
    return found


def install_chrome(env: Environment, theme_dirs: list[str]) -> None:
    """Give the theme's environment the overrides, and the ``theme/`` prefix to its partials.

    ``theme_dirs`` is the theme's search path with the overrides first: ``theme/`` names the
    same files without them, so an override can include the partial it wraps.
    """
    originals = [d for d in theme_dirs if Path(d) != OVERRIDES]
    loaders: list[BaseLoader] = [FileSystemLoader(theme_dirs)]
    loaders.append(PrefixLoader({THEME_PREFIX: FileSystemLoader(originals)}))
    env.loader = ChoiceLoader(loaders)
