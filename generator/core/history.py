"""Dates from git history: when each record file was first added and last changed.

Read once per build with a single ``git log``; outside a git checkout every date is unknown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.core.git import GitError, run_git


@dataclass(frozen=True)
class FileDates:
    """When a file was first committed and last changed (None when not committed)."""

    added: dt.datetime | None = None
    updated: dt.datetime | None = None


History = dict[str, FileDates]
"""File dates keyed by path relative to the repository root (``content/incidents/x.yaml``)."""


def read_history(root: Path, folder: str = "content") -> History:
    """First and last commit dates of every file under ``folder``, from one ``git log``."""
    try:
        output = run_git(root, "log", "--format=@%cI", "--name-only", "--no-renames", "--", folder)
    except GitError:
        return {}
    history: History = {}
    when: dt.datetime | None = None
    for line in output.splitlines():
        if line.startswith("@"):
            when = dt.datetime.fromisoformat(line[1:])
        elif line and when is not None:
            known = history.get(line)
            # git log runs newest first: the first date seen is the last change.
            updated = known.updated if known else when
            history[line] = FileDates(added=when, updated=updated)
    return history
