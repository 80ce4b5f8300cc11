"""How a source is named wherever sources are listed, so that no two entries read the same.

A source is named by its headline; without one, by its date ('Report of 6 June 2016'). Where
two sources of one list would still read the same (same publisher, same name), each is told
apart by something true about it, tried in order: its date, its address's path, its id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from generator.model import Source
from generator.text.filters import format_as_of


class SourceLabel(NamedTuple):
    """A source's name in one list: the text, whether it is a headline, what tells it apart."""

    text: str
    headline: bool
    extra: str = ""

    @property
    def full(self) -> str:
        """The name and what tells it apart, as one line: 'Report of 6 June 2016 (/a/b)'."""
        return f"{self.text} ({self.extra})" if self.extra else self.text


def source_name(source: Source) -> str:
    """The headline, else 'Report of 6 June 2016', else what is known of its date."""
    if source.title:
        return source.title
    if source.published:
        return f"Report of {format_as_of(source.published)}"
    return "Report, date unknown" if source.copy_found is False else "Report, date not recorded"


def address_path(source: Source) -> str:
    """The path (and query) of a source's address, decoded for reading; '' without one."""
    if not source.url:
        return ""
    parts = urlsplit(source.url)
    path = unquote(parts.path) + (f"?{unquote(parts.query)}" if parts.query else "")
    return path if path not in ("", "/") else ""


def _by_date(source: Source) -> str:
    return f"published {format_as_of(source.published)}" if source.published else ""


def _by_path(source: Source) -> str:
    path = address_path(source)
    return f"address {path}" if path else ""


def _by_id(source: Source) -> str:
    return f"source {source.id}"


_TELLERS: tuple[Callable[[Source], str], ...] = (_by_date, _by_path, _by_id)
"""What may tell two sources apart, in the order tried; the id always does."""


def source_labels(sources: Iterable[Source]) -> dict[str, SourceLabel]:
    """Each source's label by id, for one list: same publisher and name get told apart."""
    listed = list(sources)
    groups: dict[tuple[str, str], list[Source]] = defaultdict(list)
    for source in listed:
        groups[(source.publisher.casefold(), source_name(source).casefold())].append(source)
    labels: dict[str, SourceLabel] = {}
    for source in listed:
        group = groups[(source.publisher.casefold(), source_name(source).casefold())]
        extra = _tell_apart(source, group) if len(group) > 1 else ""
        labels[source.id] = SourceLabel(source_name(source), bool(source.title), extra)
    return labels


def _tell_apart(source: Source, group: list[Source]) -> str:
    """The first teller that gives every source of the group a different, non-empty text."""
    for teller in _TELLERS:
        texts = [teller(other).casefold() for other in group]
        if all(texts) and len(set(texts)) == len(texts):
            return teller(source)
    return _by_id(source)


def missing_parts(source: Source, date: bool = True) -> str:
    """'No copy of this report was found.', or what the copy read does not show, once.

    A headline not recorded, or a missing date, is left out where the source's notes already
    say it, and a missing date where the source's name says it (it has no headline); without
    ``date`` only the headline is stated (where a column shows the date).
    """
    if source.copy_found is False:
        return "No copy of this report was found."
    notes = (source.notes or "").casefold()
    missing = []
    if not source.title and (source.copy_found or "headline" not in notes):
        missing.append("headline")
    said = any(words in notes for words in ("publication date", "date not recorded", "undated"))
    if date and source.title and not source.published and not said:
        missing.append("publication date")
    if not missing:
        return ""
    text = " and ".join(missing)
    if source.copy_found:
        return f"The copy read shows no {text}."
    return f"{text[0].upper()}{text[1:]} not recorded."
