"""Rules across records: duplicate URLs, publisher spellings and likely duplicate incidents.

They run once every file is checked, on small summaries of the records (``model.Summary``),
never on whole files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.core.errors import Finding, Problem
from generator.model import Source, Summary


def check_duplicate_url(source: Source, urls: dict[str, str]) -> Iterator[Finding]:
    """Two source files do not describe the same URL."""
    if source.url is None:
        return
    if source.url in urls:
        yield Finding(("url",), f"is already the URL of source '{urls[source.url]}'")
    else:
        urls[source.url] = source.id


def check_publisher_spelling(
    source: Source, publishers: dict[frozenset[str], str]
) -> Iterator[Finding]:
    """One publisher has one spelling: 'Wikipedia (English)' is 'English Wikipedia' (a warning)."""
    words = frozenset(re.findall(r"\w+", source.publisher.casefold()))
    known = publishers.setdefault(words, source.publisher)
    if known != source.publisher:
        message = (
            f"is spelt '{known}' in another source; use one spelling (got '{source.publisher}')"
        )
        yield Finding(("publisher",), message, "warning")


def check_likely_duplicates(summaries: list[Summary]) -> list[Problem]:
    """Two incidents on the same date in the same settlement may be one (a warning).

    Naming the other incident under ``related`` (in either record) says they are distinct.
    """
    first: dict[tuple[str, str], Summary] = {}
    problems = []
    for summary in summaries:
        key = (summary.date, summary.settlement)
        other = first.get(key)
        distinct = other is not None and (
            other.id in summary.related or summary.id in other.related
        )
        if summary.settlement and other is not None and not distinct:
            message = (
                f"may duplicate '{other.id}' (same date and settlement); if they are distinct, "
                "name it under related"
            )
            problems.append(
                Problem(
                    summary.path, summary.line, summary.column, "when.start", message, "warning"
                )
            )
        first.setdefault(key, summary)
    return problems
