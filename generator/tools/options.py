"""Command-line values that must name something: an incident type, a region, a date.

A value that names nothing is a wrong command line (exit 2), not a problem in the content:
the command line checks it with these before the command reads any record.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.content.shared import load_vocabulary
from generator.core.errors import did_you_mean
from generator.core.settings import Settings
from generator.model import Vocabulary, parse_day


def vocabulary_of(settings: Settings) -> Vocabulary | None:
    """The vocabulary, or None when it is broken (the command then reports its problems)."""
    vocabulary, problems = load_vocabulary(settings.content_dir / "vocabulary.yaml", settings.root)
    return None if problems else vocabulary


def unknown_type(vocabulary: Vocabulary, kinds: Iterable[str]) -> str | None:
    """What is wrong with the first value that is not an incident type, or None."""
    known = [term.id for term in vocabulary.incident_types]
    for kind in kinds:
        if kind not in known:
            return (
                f"'{kind}' is not an incident type in content/vocabulary.yaml: "
                f"{', '.join(known)}{did_you_mean(kind, known)}"
            )
    return None


def unknown_region(vocabulary: Vocabulary, region: str | None) -> str | None:
    """What is wrong with a value that names no region (any case), or None."""
    known = sorted({item.name for item in vocabulary.regions})
    if region is None or region.casefold() in {name.casefold() for name in known}:
        return None
    return (
        f"'{region}' is not a region in content/vocabulary.yaml: "
        f"{', '.join(known)}{did_you_mean(region, known)}"
    )


def bad_date(value: str | None) -> str | None:
    """What is wrong with a value that is not a real date YYYY-MM-DD, or None."""
    if value is None or parse_day(value) is not None:
        return None
    return f"'{value}' is not a real date YYYY-MM-DD"
