"""Pages named after record text: a name never takes a listing page's path or another's page.

Publisher, region and actor pages are named by ``text.filters.slugify``; "Index" would become the
path of the list of all of them (and replace it), and two different names with one slug
would share a page (and one of them disappear from the list).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.load import load_file
from generator.content.messages import to_problem
from generator.core.errors import Finding, Problem
from generator.model import Incident, Named, Summary, Vocabulary
from generator.text.filters import slugify

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
    keys: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Name -> its page key and spelling: names repeat across records."""

    def check(self, loc: tuple[str | int, ...], name: str, where: str) -> Iterator[Finding]:
        """The page of ``name`` (given at ``loc`` in file ``where``) is its own."""
        yield from check_not_listing(loc, name, self.folder, self.what)
        yield from self.check_not_shared(loc, name, where)

    def check_not_shared(
        self, loc: tuple[str | int, ...], name: str, where: str
    ) -> Iterator[Finding]:
        """The page of ``name`` is not the page of a different name seen before."""
        known = self.keys.get(name)
        if known is None:
            known = self.keys[name] = (slugify(name), _spelling(name))
        key, spelling = known
        first, first_where = self.seen.setdefault(key, (name, where))
        if first != name and _spelling(first) != spelling:
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


def named(incident: Incident) -> Iterator[Named]:
    """Every name in a record that has a page."""
    for index, place in enumerate(incident.places):
        if place.region is not None:
            yield "places", "region", ("places", index, "region"), place.region
    for index, party in enumerate(incident.parties):
        if party.actor_page is not None and party.name is not None:
            what = party.actor_page[:-1]
            yield f"actors/{party.actor_page}", what, ("parties", index, "name"), party.name
    for index, claim in enumerate(incident.responsibility_claims):
        yield "actors/groups", "group", ("responsibility_claims", index, "claimant"), claim.claimant
    for index, official in enumerate(incident.officials):
        yield "actors/officials", "official", ("officials", index, "name"), official.name
    if incident.hostage_taking is not None:
        for index, negotiator in enumerate(incident.hostage_taking.negotiators):
            here: tuple[str | int, ...] = ("hostage_taking", "negotiators", index, "name")
            yield "actors/officials", "official", here, negotiator.name


def check_shared_pages(summaries: Iterable[Summary], root: Path) -> list[Problem]:
    """Two different region or actor names of published records never share a page.

    Each summary holds its record's names (``named``); a clash (rare) is placed by reading
    its file again.
    """
    folders: dict[str, PageNames] = {}
    problems: list[Problem] = []
    for summary in summaries:
        for folder, what, loc, name in summary.names:
            names = folders.setdefault(folder, PageNames(folder, what))
            clashes = list(names.check_not_shared(loc, name, summary.path))
            if clashes:
                raw = load_file(root / summary.path, root)
                problems += [to_problem(raw, finding) for finding in clashes]
    return problems
