"""The command line: exact output and exit codes, help on every command and option."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.core.settings import ROOT
from tests.conftest import FIXTURES

KASPI = "content/incidents/2023-06-18-astana-kaspi-bank-hostage-taking.yaml"


def copy_repo(tmp_path: Path, corpus: Path = ROOT) -> Path:
    """A repository root holding a copy of ``corpus``'s content/."""
    shutil.copytree(corpus / "content", tmp_path / "content")
    return tmp_path


def test_cli_check_success_prints_counts(runner: CliRunner, tmp_path: Path) -> None:
    root = copy_repo(tmp_path, FIXTURES / "check")
    result = runner.invoke(cli, ["-C", str(root), "check", "--strict"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "checked 1 incidents, 2 sources\n",
        "",
    )


def test_cli_check_failure_lists_problems_then_a_summary(runner: CliRunner, tmp_path: Path) -> None:
    root = copy_repo(tmp_path, FIXTURES / "check")
    record = root / "content/incidents/2020-01-01-example-shoot-out.yaml"
    text = record.read_text(encoding="utf-8").replace("types: [shoot-out]", "types: [shootout]")
    record.write_text(text + "colour: red\n", encoding="utf-8")
    result = runner.invoke(cli, ["-C", str(root), "check"])
    assert result.exit_code == 1
    # The unknown key makes the record invalid; the unknown type is listed in the same run.
    assert result.stdout == (
        "content/incidents/2020-01-01-example-shoot-out.yaml:15:9: error: types[0]: must be an "
        "incident type from content/vocabulary.yaml: 15 known values (got 'shootout'); did you "
        "mean 'shoot-out'?\n"
        "content/incidents/2020-01-01-example-shoot-out.yaml:40:1: error: colour: unknown key; "
        "known keys: title, names, status, withdrawn_reason, created, summary, when, places, "
        "types, labels, violence, targets, weapons, motives, identifiers, parties, "
        "responsibility_claims, officials, figures, response, outcome, fates, measures, "
        "hostage_taking, timeline, statements, aftermath, related, notes\n"
    )
    assert result.stderr == "check failed: 2 errors, 0 warnings in 1 file\n"


def test_cli_build_with_a_broken_source_that_a_record_cites_lists_it_and_writes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    # The record citing it was rendered with the source missing: a traceback, not a message.
    root = copy_repo(tmp_path, FIXTURES / "check")
    source = root / "content/sources/example-gazette-2020-01-02-report.yaml"
    source.write_text("publisher: [\n", encoding="utf-8")
    result = runner.invoke(cli, ["-C", str(root), "build"])
    assert (result.exit_code, result.stdout) == (
        1,
        "content/sources/example-gazette-2020-01-02-report.yaml:2:1: error: "
        "YAML syntax error: did not find expected node content\n",
    )
    assert result.stderr == "build failed: 1 error, 0 warnings in 1 file\n"
    assert not (root / "build" / "docs").exists()


def test_cli_check_names_a_record_or_source_that_would_go_unread(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = copy_repo(tmp_path, FIXTURES / "check")
    record = root / "content/incidents/2020-01-01-example-shoot-out.yaml"
    record.rename(record.with_name("2020-01-01-example-shoot-out.yml"))
    (root / "content/sources/notes.YAML").write_text("title: x\n", encoding="utf-8")
    result = runner.invoke(cli, ["-C", str(root), "check"])
    assert result.exit_code == 1
    # Its sources are not called uncited: the unread record may cite them.
    assert result.stdout == (
        "content/incidents/2020-01-01-example-shoot-out.yml: error: is not read: record and "
        "source files end in .yaml; rename it to '2020-01-01-example-shoot-out.yaml'\n"
        "content/sources/notes.YAML: error: is not read: record and source files end in .yaml; "
        "rename it to 'notes.yaml'\n"
    )
    assert result.stderr == "check failed: 2 errors, 0 warnings in 2 files\n"


def test_cli_check_strict_fails_on_warnings(runner: CliRunner, tmp_path: Path) -> None:
    root = copy_repo(tmp_path, FIXTURES / "check")
    source = root / "content/sources/example-wire-2020-01-03-update.yaml"
    shutil.copy(source, source.with_name("unused-copy.yaml"))
    (source.with_name("unused-copy.yaml")).write_text(
        source.read_text(encoding="utf-8").replace("update", "other"), encoding="utf-8"
    )
    relaxed = runner.invoke(cli, ["-C", str(root), "check"])
    assert relaxed.exit_code == 0
    assert relaxed.stdout == (
        "content/sources/unused-copy.yaml:1:1: warning: is not cited by any incident\n"
        "checked 1 incidents, 3 sources\n"
    )
    strict = runner.invoke(cli, ["-C", str(root), "check", "--strict"])
    assert strict.exit_code == 1
    assert strict.stderr == "check failed: 0 errors, 1 warning in 1 file\n"


def test_cli_check_paths_limits_the_report(runner: CliRunner, tmp_path: Path) -> None:
    root = copy_repo(tmp_path, FIXTURES / "check")
    shutil.copy(FIXTURES / "invalid/2020-01-07-dates.yaml", root / "content/incidents")
    clean = root / "content/incidents/2020-01-01-example-shoot-out.yaml"
    assert runner.invoke(cli, ["-C", str(root), "check", str(clean)]).exit_code == 0
    broken = root / "content/incidents/2020-01-07-dates.yaml"
    assert runner.invoke(cli, ["-C", str(root), "check", str(broken)]).exit_code == 1


def test_cli_check_refuses_a_path_that_is_not_a_record(runner: CliRunner, tmp_path: Path) -> None:
    root = copy_repo(tmp_path, FIXTURES / "check")
    shutil.copy(FIXTURES / "invalid/2020-01-07-dates.yaml", root / "content/incidents")
    mistyped = root / "content/incidents/2020-01-07-date.yaml"  # the broken record, misspelt
    readme = root / "content/README.txt"
    readme.write_text("not a record\n", encoding="utf-8")
    result = runner.invoke(cli, ["-C", str(root), "check", str(mistyped), str(readme)])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{readme}: error: is not a record: name a .yaml file in content/incidents/ or "
        "content/sources/, or content/vocabulary.yaml\n"
        f"{mistyped}: error: no such file\n"
    )
    assert result.stderr == "check failed: 2 errors, 0 warnings in 1 file\n"


# Acceptance: hand-made mistakes in a real record name the file and the changed line.
MUTATIONS = {
    "duplicate key": (lambda lines: lines.insert(3, "status: draft"), 4),
    "unknown key": (lambda lines: lines.insert(3, "colour: red"), 4),
    "syntax error": (lambda lines: lines.insert(3, "title: [unclosed"), 5),
    "missing source": (
        lambda lines: lines.insert(3, "labels:\n  - {label: x, applied_by: y, source: nope}"),
        5,
    ),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_cli_check_names_the_line_of_a_hand_made_mistake(tmp_path: Path, name: str) -> None:
    root = copy_repo(tmp_path)
    record = root / KASPI
    lines = record.read_text(encoding="utf-8").splitlines()
    mutate, line = MUTATIONS[name]
    mutate(lines)
    record.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_check(root)
    assert result.returncode == 1
    assert f"{KASPI}:{line}:" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_cli_check_names_a_javascript_url(tmp_path: Path) -> None:
    root = copy_repo(tmp_path)
    source = root / "content/sources/tass-2023-06-18-kaspi-bank-hostages.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("url: https://", "url: javascript://"), encoding="utf-8")
    line = 1 + text.splitlines().index(next(x for x in text.splitlines() if x.startswith("url:")))
    result = run_check(root)
    assert result.returncode == 1
    assert f"content/sources/tass-2023-06-18-kaspi-bank-hostages.yaml:{line}:6: error: url:" in (
        result.stdout
    )


def test_cli_check_names_a_byte_that_is_not_utf8(tmp_path: Path) -> None:
    root = copy_repo(tmp_path)
    record = root / KASPI
    data = record.read_bytes().replace(b"title: Kaspi", b"title: K\xe4spi", 1)
    record.write_bytes(data)
    result = run_check(root)
    assert result.returncode == 1
    assert f"{KASPI}:2:9: error: file is not valid UTF-8 (got byte 0xe4)" in result.stdout
    assert "Traceback" not in result.stderr


def run_check(root: Path, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "-C", str(root), "check"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        cwd=ROOT,
        timeout=timeout,
    )


def test_cli_check_of_thousands_of_problems_is_quick_and_shows_fifty(tmp_path: Path) -> None:
    # Invented: 256 KiB of unknown keys took minutes while placing each problem scanned them all.
    root = copy_repo(tmp_path, FIXTURES / "check")
    record = root / "content/incidents/2020-01-01-example-shoot-out.yaml"
    keys = "".join(f"k{n:05d}: 1\n" for n in range(26_000))
    record.write_text(record.read_text(encoding="utf-8") + keys, encoding="utf-8")
    assert 250 * 1024 < record.stat().st_size <= 256 * 1024
    result = run_check(root, timeout=60)
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert len(lines) == 51
    assert lines[0] == (
        "content/incidents/2020-01-01-example-shoot-out.yaml:40:1: error: k00000: unknown key; "
        "known keys: title, names, status, withdrawn_reason, created, summary, when, places, "
        "types, labels, violence, targets, weapons, motives, identifiers, parties, "
        "responsibility_claims, officials, figures, response, outcome, fates, measures, "
        "hostage_taking, timeline, statements, aftermath, related, notes"
    )
    assert lines[-1] == (
        "content/incidents/2020-01-01-example-shoot-out.yaml: ... and 25950 more problems in "
        "this file"
    )
    assert result.stderr == "check failed: 26000 errors, 0 warnings in 1 file\n"


def iter_commands(group: click.Group) -> list[click.Command]:
    return [group, *group.commands.values()]


@pytest.mark.parametrize("command", iter_commands(cli), ids=lambda c: c.name or "cli")
def test_cli_every_command_and_option_has_help(command: click.Command) -> None:
    assert command.help, f"{command.name} has no help text"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{command.name} {param.opts} has no help"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_cli_help_runs_for_every_command(runner: CliRunner, name: str) -> None:
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: cli {name} ")


def test_cli_a_write_refused_by_the_disk_is_a_located_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_repo(tmp_path, FIXTURES / "check")
    monkeypatch.chdir(root)

    def full(path: Path, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(Path, "write_bytes", full)
    args = ["new", "--date", "2024-01-01", "--place", "Almaty", "--title", "Full disk"]
    env = {"SOURCE_DATE_EPOCH": "1795305600"}
    result = runner.invoke(cli, ["-C", str(root), *args, "--type", "shoot-out"], env=env)
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "content/incidents/2024-01-01-almaty-full-disk.yaml: error: cannot write: no space "
        "left on the device; free some and build again\n",
        "new failed: 1 error, 0 warnings in 1 file\n",
    )
    assert list((root / "content" / "incidents").glob("*full-disk*")) == []
