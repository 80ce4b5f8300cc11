"""``report``: the standalone report (HTML and PDF) of a selection, written to a folder."""

from __future__ import annotations

from pathlib import Path

from generator.build.check import load_checked
from generator.core.errors import ContentError
from generator.core.settings import Settings
from generator.core.write import write_tree
from generator.report.document import Selection, check_selection, render_report, select_incidents
from generator.report.text import count_of


class NothingSelected(Exception):
    """The options are valid but no published incident matches them: there is no report."""


def build_report(settings: Settings, selection: Selection, out: Path | None) -> str:
    """Write report.html and report.pdf; return a one-line summary."""
    dataset, _ = load_checked(settings)
    problems = check_selection(selection, dataset)
    if problems:
        raise ContentError(problems)
    selected = sum(1 for _ in select_incidents(dataset, selection))
    if not selected:
        raise NothingSelected(
            f"no published incident matches ({selection.description}); nothing was written"
        )
    report = render_report(dataset, settings, selection)
    folder = out or settings.report_dir
    write_tree(folder, {"report.html": report.html, "report.pdf": report.pdf})
    count = count_of(selected, "incident")
    return f"wrote report.html and report.pdf ({count}) into {folder}"
