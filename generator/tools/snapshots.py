"""The content of one git revision, or of the working tree, checked as a build checks it.

For ``diff``: a revision's ``content/`` is read with ``git archive`` into a temporary folder
and checked there with the same ``validate.check_content`` as a build.
"""

from __future__ import annotations

import dataclasses
import io
import tarfile
from dataclasses import dataclass
from pathlib import Path

from generator.build.workers import file_checker
from generator.content.validate import check_content
from generator.core.errors import ContentError, Problem
from generator.core.git import GitError, run_git, run_git_bytes
from generator.core.settings import Settings
from generator.model import Dataset


@dataclass(frozen=True)
class Snapshot:
    """The content of one revision: its dataset, its problems and its incident files."""

    dataset: Dataset
    problems: list[Problem]
    files: frozenset[str]
    """Stems of every incident file, valid or not."""


def read_tree(settings: Settings) -> Snapshot:
    """Check the content as it is on disk."""
    dataset, problems = check_content(settings, file_checker(settings.workers))
    incidents = settings.content_dir / "incidents"
    stems = (
        frozenset(p.stem for p in incidents.glob("*.yaml")) if incidents.is_dir() else frozenset()
    )
    return Snapshot(dataset, problems, stems)


def read_revision(settings: Settings, revision: str, folder: Path) -> Snapshot:
    """Extract the content of a git revision into ``folder`` and check it there."""
    commit = _git(settings, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if commit is None:
        raise ContentError([Problem("git", 0, 0, "", f"unknown revision '{revision}'")])
    content = _content_path(settings)
    folder.mkdir(parents=True)
    if _git(settings, "ls-tree", "-d", "--name-only", commit.strip(), content):
        archive = _git_bytes(settings, "archive", "--format=tar", commit.strip(), content)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
    moved = dataclasses.replace(
        settings,
        root=folder,
        content_dir=folder / content,
        out_dir=folder / "build",
        mkdocs_yml=folder / "mkdocs.yml",
    )
    return read_tree(moved)


def _content_path(settings: Settings) -> str:
    try:
        return settings.content_dir.resolve().relative_to(settings.root.resolve()).as_posix()
    except ValueError:
        raise ContentError(
            [Problem("git", 0, 0, "", "the content folder must be inside the repository")]
        ) from None


def _git(settings: Settings, *args: str) -> str | None:
    """Stdout of a git command run in the repository, or None when it fails."""
    try:
        return run_git(settings.root, *args)
    except GitError:
        return None


def _git_bytes(settings: Settings, *args: str) -> bytes:
    try:
        return run_git_bytes(settings.root, *args)
    except GitError as error:
        raise ContentError([Problem("git", 0, 0, "", str(error))]) from None
