"""Rules that read a record's data as loaded, so that they hold in a broken record too.

Vocabulary terms and ids are plain text at known places. Checked on the loaded data, they are
listed in the same run as a schema error elsewhere in the file (a bad date does not hide an
unknown incident type or a party id used twice), and a valid record gets them from the same
code. A value that is not a well-formed id is left to the schema's own message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.content.messages import not_in
from generator.core.errors import Finding
from generator.model import ID_PATTERN, MAX_ID_LENGTH, Vocabulary

Loc = tuple[str | int, ...]

EACH = -1
"""In a path, every item of a list."""

TERMS: tuple[tuple[Loc, str, str], ...] = (
    (("types", EACH), "an incident type", "incident_types"),
    (("response", "tactics", EACH, "tactic"), "a tactic", "tactics"),
    (("targets", EACH, "type"), "a target type", "target_types"),
    (("weapons", EACH, "type"), "a weapon type", "weapon_types"),
    (("measures", EACH, "kind"), "a measure kind", "measure_kinds"),
)
"""Where a record names a vocabulary term, what it names, and the vocabulary's list."""

_ID = re.compile(f"^{ID_PATTERN}$")


def check_raw(data: Any, vocabulary: Vocabulary) -> Iterator[Finding]:
    """Every rule of this module, in file order."""
    yield from check_terms(data, vocabulary)
    yield from check_unique_ids(data)


def check_terms(data: Any, vocabulary: Vocabulary) -> Iterator[Finding]:
    """Incident types, tactics, target and weapon types and measure kinds are vocabulary terms."""
    for path, what, name in TERMS:
        allowed = {term.id for term in getattr(vocabulary, name)}
        for loc, value in _ids_at(data, path):
            if value not in allowed:
                yield Finding(loc, not_in(what, value, allowed))


def check_unique_ids(data: Any) -> Iterator[Finding]:
    """Party ids and place ids are each unique within the record."""
    for what in ("parties", "places"):
        seen: set[str] = set()
        for loc, found in _ids_at(data, (what, EACH, "id")):
            if found in seen:
                yield Finding(loc, f"is used twice in {what} (got '{found}')")
            seen.add(found)


def _ids_at(data: Any, path: Loc, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Each well-formed id found at ``path`` in the data, with its own field path."""
    if not path:
        if isinstance(data, str) and len(data) <= MAX_ID_LENGTH and _ID.match(data):
            yield loc, data
        return
    step, rest = path[0], path[1:]
    if step == EACH:
        for index, item in enumerate(data if isinstance(data, list) else ()):
            yield from _ids_at(item, rest, (*loc, index))
    elif isinstance(data, dict) and isinstance(step, str) and step in data:
        yield from _ids_at(data[step], rest, (*loc, step))
