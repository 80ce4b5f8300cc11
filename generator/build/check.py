"""Checking the content as a build does, without making anything: ``check`` and the report.

Kept apart from the build story so that ``check`` does not import the renderers.
"""

from __future__ import annotations

from pathlib import Path

from generator.build.workers import file_checker
from generator.content.validate import check_content
from generator.core.errors import ContentError, Problem, is_failure, shown_lines
from generator.core.settings import Settings
from generator.model import Dataset


def load_checked(settings: Settings) -> tuple[Dataset, list[Problem]]:
    """The dataset, or ContentError when the content has failing problems."""
    dataset, problems = check_content(settings, file_checker(settings.workers))
    if is_failure(problems, settings.strict):
        raise ContentError(problems)
    return dataset, problems


def check_paths(settings: Settings, paths: tuple[Path, ...]) -> str:
    """Validate the content (reporting only the given files, if any); return the summary."""
    unknown = [check_named_file(settings, path) for path in paths]
    if any(unknown):
        raise ContentError([problem for problem in unknown if problem is not None])
    dataset, problems = check_content(settings, file_checker(settings.workers))
    if paths:
        wanted = {Path(p).resolve() for p in paths}
        problems = [p for p in problems if (settings.root / p.path).resolve() in wanted]
    if is_failure(problems, settings.strict):
        raise ContentError(problems)
    lines = list(shown_lines(problems))
    lines.append(f"checked {len(dataset.incidents)} incidents, {len(dataset.sources)} sources")
    return "\n".join(lines)


def check_named_file(settings: Settings, path: Path) -> Problem | None:
    """A file named to ``check`` exists and is a record, a source or the vocabulary.

    Otherwise a mistyped name would pass: its problems are filtered out of a report that
    would find nothing to say about a file it never read.
    """
    content = settings.content_dir.resolve()
    resolved = path.resolve()
    shown = str(path)
    if not resolved.is_file():
        return Problem(shown, 0, 0, "", "no such file")
    record = resolved.suffix == ".yaml" and resolved.parent in (
        content / "incidents",
        content / "sources",
    )
    if not record and resolved != content / "vocabulary.yaml":
        return Problem(
            shown,
            0,
            0,
            "",
            "is not a record: name a .yaml file in content/incidents/ or content/sources/, "
            "or content/vocabulary.yaml",
        )
    return None
