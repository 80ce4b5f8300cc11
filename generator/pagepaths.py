"""Pages named after record text: a name never takes a listing page's path or another's page.

Publisher and region pages are named by ``words.slugify``; "Index" would become the path of
the list of all of them (and replace it), and two different names with one slug would share
a page (and one of them disappear from the list).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .errors import Finding
from .model import Incident, Vocabulary
from .words import slugify

LISTING = "index"
"""The key of a folder's listing page: ``sources/index.md``, ``places/index.md``."""


def _spelling(name: str) -> str:
    """What two spellings of one name share ('Tengri-News' is 'tengri news', 'C++' is not 'C')."""
    return re.sub(r"[\s._-]+", "", name.casefold())


@dataclass
class PageNames:
    """The names that have a page in one folder, to catch two that would share one."""

    folder: str
    """The pages' folder under the site: 'sources'."""
    what: str
    """What names a page there, in messages: 'publisher'."""
    seen: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Page key -> the first name given it and the file that gave it."""

    def check(self, loc: tuple[str | int, ...], name: str, where: str) -> Iterator[Finding]:
        """The page of ``name`` (given at ``loc`` in file ``where``) is its own."""
        yield from check_not_listing(loc, name, self.folder, self.what)
        key = slugify(name)
        first, first_where = self.seen.setdefault(key, (name, where))
        if _spelling(first) != _spelling(name):
            yield Finding(
                loc,
                f"would share the page {self.folder}/{key}.md with {self.what} '{first}' "
                f"of {first_where}; spell them apart (got '{name}')",
            )


def check_not_listing(
    loc: tuple[str | int, ...], name: str, folder: str, what: str
) -> Iterator[Finding]:
    """A name's page does not take the path of its folder's listing page."""
    if slugify(name) == LISTING:
        yield Finding(
            loc,
            f"would take the path of the list of every {what}, {folder}/{LISTING}.md, and "
            f"replace it; rename it (got '{name}')",
        )


def check_incident_pages(incident: Incident) -> Iterator[Finding]:
    """A region's page does not take the path of the list of places."""
    for index, place in enumerate(incident.places):
        if place.region is not None:
            yield from check_not_listing(
                ("places", index, "region"), place.region, "places", "place"
            )


def check_vocabulary_pages(vocabulary: Vocabulary) -> Iterator[Finding]:
    """An incident type's page does not take the path of the list of types."""
    for index, term in enumerate(vocabulary.incident_types):
        yield from check_not_listing(("incident_types", index, "id"), term.id, "types", "type")
