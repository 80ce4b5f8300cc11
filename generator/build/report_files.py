"""``report``: the standalone report (HTML and PDF) of a selection, written to a folder."""

from __future__ import annotations

from pathlib import Path

from generator.build.check import load_checked
from generator.core.errors import ContentError, Problem
from generator.core.settings import Settings
from generator.core.write import write_tree
from generator.report.document import Selection, check_selection, render_report, select_incidents
from generator.report.findings import count_of


def build_report(settings: Settings, selection: Selection, out: Path | None) -> str:
    """Write report.html and report.pdf; return a one-line summary."""
    dataset, _ = load_checked(settings)
    problems = check_selection(selection, dataset)
    if not problems and not select_incidents(dataset, selection):
        message = f"matches no published incident ({selection.description})"
        problems.append(Problem("command line", 0, 0, "selection", message))
    if problems:
        raise ContentError(problems)
    report = render_report(dataset, settings, selection)
    folder = out or settings.report_dir
    write_tree(folder, {"report.html": report.html, "report.pdf": report.pdf})
    count = count_of(len(select_incidents(dataset, selection)), "incident")
    return f"wrote report.html and report.pdf ({count}) into {folder}"
