"""The one git runner: its output and its one error rule."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.core.git import GitError, run_git, run_git_bytes


def _repository(path: Path) -> Path:
    """A repository with one commit of ``a.txt`` at a fixed date."""
    path.mkdir()
    environment = {
        "GIT_AUTHOR_NAME": "A",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "A",
        "GIT_COMMITTER_EMAIL": "a@example.org",
        "GIT_AUTHOR_DATE": "2024-01-02T03:04:05+00:00",
        "GIT_COMMITTER_DATE": "2024-01-02T03:04:05+00:00",
        "PATH": "/usr/bin:/bin",
    }
    (path / "a.txt").write_text("a\n", encoding="utf-8")
    for command in (["init", "-q"], ["add", "a.txt"], ["commit", "-q", "-m", "one"]):
        subprocess.run(["git", "-C", str(path), *command], check=True, env=environment)
    return path


def test_run_git_returns_the_commands_output(tmp_path: Path) -> None:
    root = _repository(tmp_path / "repo")
    assert run_git(root, "log", "--format=%cI %s") == "2024-01-02T03:04:05+00:00 one\n"
    assert run_git_bytes(root, "show", "HEAD:a.txt") == b"a\n"


def test_run_git_raises_git_error_with_gits_message(tmp_path: Path) -> None:
    root = _repository(tmp_path / "repo")
    with pytest.raises(GitError) as caught:
        run_git(root, "rev-parse", "--verify", "no-such-revision")
    assert str(caught.value) == "fatal: Needed a single revision"


def test_run_git_names_the_command_when_git_says_nothing(tmp_path: Path) -> None:
    root = _repository(tmp_path / "repo")
    with pytest.raises(GitError) as caught:
        run_git(root, "rev-parse", "--verify", "--quiet", "no-such-revision")
    assert str(caught.value) == "git rev-parse failed"


def test_run_git_outside_a_repository_is_a_git_error(tmp_path: Path) -> None:
    with pytest.raises(GitError) as caught:
        run_git(tmp_path, "rev-parse", "HEAD")
    assert str(caught.value) == (
        "fatal: not a git repository (or any of the parent directories): .git"
    )


def test_run_git_without_git_installed_is_a_git_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GitError) as caught:
        run_git(tmp_path, "status")
    assert str(caught.value) == "git is not installed"
