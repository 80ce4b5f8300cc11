"""Rules on what a source says of itself: its headline, and a date its citers could know.

A source gives a headline or says whether a copy of it was found; its publication date is not in
the future (an error) nor after the last change of every record that cites it (a warning), and a
report cited for a figure or a moment is not published before what it reports (a warning).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path

import pycountry

from generator.content.load import display_path, load_file, locate
from generator.core.errors import Finding, Level, Problem
from generator.core.git import GitError, run_git
from generator.core.history import FileDates, History, read_history
from generator.model import Incident, Source
from generator.model.fields import Precision


def check_headline(source: Source) -> Iterator[Finding]:
    """A source gives its headline, or says whether a copy was found (``copy_found``).

    ``copy_found: true`` without a headline says that the copy read shows none; ``false``
    says that no copy was found. Either way somebody looked, and the site says what they saw.
    """
    if not source.title and source.copy_found is None:
        yield Finding(
            ("title",),
            "is not recorded: give the headline as published; or set copy_found: true when "
            "the copy read shows none, or copy_found: false when no copy of the report was found",
            "warning",
        )


def check_language(source: Source) -> Iterator[Finding]:
    """A source's language is a language's ISO 639-1 code ('kk'), not only two letters."""
    if pycountry.languages.get(alpha_2=source.language) is None:
        yield Finding(
            ("language",),
            f"must be an ISO 639-1 language code, like 'en', 'ru' or 'kk' (got "
            f"'{source.language}')",
        )


def check_source_dates(
    sources: Mapping[str, Source],
    source_files: Mapping[str, Path],
    citing: Mapping[str, list[str]],
    root: Path,
    today: dt.date,
) -> list[Problem]:
    """A source is not published after today (an error), nor after every record citing it.

    ``citing`` maps a source id to the paths (relative to ``root``) of the records that cite
    it. A record cannot cite a report before the report exists: when each citing record was
    last changed (by git) before the source's publication date, the date is wrong. Records
    not in git history, or changed since their last commit, are taken as changed today and
    so never contradict a date. This second rule only warns.
    """
    dated = {sid: day(s.published) for sid, s in sources.items() if s.published is not None}
    if not dated:
        return []
    history = read_history(root) if any(citing.get(sid) for sid in dated) else {}
    changed = uncommitted(root) if history else frozenset()
    problems = []
    for sid in sorted(dated):
        found = _date_problem(dated[sid], citing.get(sid, []), history, changed, today)
        if found is None:
            continue
        message, level = found
        path = source_files[sid]
        line, column = locate(load_file(path, root).node, ("published",))
        published = sources[sid].published
        got = published.isoformat() if published is not None else ""
        problems.append(
            Problem(
                display_path(path, root),
                line,
                column,
                "published",
                f"{message} (got '{got}')",
                level,
            )
        )
    return problems


def _date_problem(
    published: dt.date,
    records: list[str],
    history: History,
    changed: frozenset[str],
    today: dt.date,
) -> tuple[str, Level] | None:
    if published > today:
        return f"is in the future: after today, {today.isoformat()}", "error"
    dates = [
        updated
        for record in records
        if record not in changed and (updated := history.get(record, FileDates()).updated)
    ]
    if not records or len(dates) < len(records):
        return None
    latest = max(dates)
    if published > latest.date():
        return (
            "is after the last change of every record that cites it "
            f"({latest.date().isoformat()}); a record cannot cite a report before it is published",
            "warning",
        )
    return None


SLACK = dt.timedelta(days=1)
"""A report dated the day before may be the same day where it happened (time zones)."""


def check_reported_before_it_happened(
    incident: Incident, published: Mapping[str, dt.date], today: dt.date
) -> Iterator[Finding]:
    """A source cited for a figure or a timeline entry is not published before it happened.

    A report cannot give the toll of an incident that had not begun, nor describe a moment
    still to come: the source's ``published`` date is wrong, or the wrong source is cited.
    Dates compare at their precision (a month-precise start may be any day of that month) and
    with a day's slack for time zones. One warning per source, at its first such citation: the
    record may be right and the source file wrong. A moment after ``today`` is already an
    error of its own and is left alone.
    """
    start = earliest(incident.when.start, incident.when.precision)
    cited: list[tuple[tuple[str | int, ...], str, dt.date, str]] = []
    for i, figure in enumerate(incident.figures):
        for j, claim in enumerate(figure.claims):
            loc: tuple[str | int, ...] = ("figures", i, "claims", j, "source")
            cited.append((loc, claim.source, start, "the incident began"))
    for i, entry in enumerate(incident.timeline):
        moment = earliest(entry.time, entry.precision)
        for k, source_id in enumerate(entry.sources):
            cited.append((("timeline", i, "sources", k), source_id, moment, "this moment"))
    first: dict[str, tuple[tuple[str | int, ...], dt.date, str]] = {}
    times: Counter[str] = Counter()
    for loc, sid, moment, what in cited:
        if moment <= today and sid in published and published[sid] < moment - SLACK:
            first.setdefault(sid, (loc, moment, what))
            times[sid] += 1
    for sid, (loc, moment, what) in first.items():
        more = f" (and {times[sid] - 1} more citations of it here)" if times[sid] > 1 else ""
        yield Finding(
            loc,
            f"cites a report published on {published[sid].isoformat()}, before {what} "
            f"({moment.isoformat()}){more}: check the source's published date or the source "
            f"cited (got '{sid}')",
            "warning",
        )


def earliest(moment: dt.date, precision: Precision) -> dt.date:
    """The first day a date given at ``precision`` may stand for ('2011-06' is from 1 June)."""
    first = day(moment)
    if precision == "year":
        return first.replace(month=1, day=1)
    if precision == "month":
        return first.replace(day=1)
    if precision == "week":
        return first - dt.timedelta(days=6)
    return first


def day(moment: dt.date) -> dt.date:
    """The calendar day of a date, or of a date-time as written (in its own offset)."""
    return moment.date() if isinstance(moment, dt.datetime) else moment


def uncommitted(root: Path, folder: str = "content") -> frozenset[str]:
    """Paths under ``folder`` that differ from the last commit or are not committed at all."""
    arguments = ("status", "--porcelain", "-z", "--untracked-files=all", "--", folder)
    try:
        output = run_git(root, *arguments)
    except GitError:
        return frozenset()
    entries = [entry for entry in output.split("\0") if len(entry) > 3]
    return frozenset(entry[3:] for entry in entries)
