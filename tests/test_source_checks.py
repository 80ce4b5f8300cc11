"""The source rules of `check`: a headline or "no copy found", and a publication date that the
records citing it could have known (git dates) and that is not in the future.

The corpus is tests/fixtures/check (invented); git histories are made in temporary folders.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.content.validate import check_content
from tests.conftest import FIXTURES, TODAY, make_settings

WIRE = "content/sources/example-wire-2020-01-03-update.yaml"
NO_HEADLINE = (
    f"{WIRE}:2:1: warning: title: is not recorded: give the headline as published; or set "
    "copy_found: true when the copy read shows none, or copy_found: false when no copy of the "
    "report was found"
)


def corpus(root: Path) -> Path:
    """A copy of the small valid corpus (invented) under ``root``."""
    shutil.copytree(FIXTURES / "check" / "content", root / "content")
    return root


def set_wire(root: Path, *lines: str) -> None:
    """Rewrite the invented wire source with the given lines after its fixed fields."""
    text = (
        "# Fictional test data: the Example Wire does not exist.\n"
        "publisher: Example Wire\npublisher_type: wire\n"
        "url: https://example.org/wire/2020/01/03/update\nlanguage: en\n"
    )
    (root / WIRE).write_text(text + "".join(f"{line}\n" for line in lines), encoding="utf-8")


def warnings(root: Path) -> list[str]:
    return [str(p) for p in check_content(make_settings(root))[1] if p.level == "warning"]


def git(root: Path, *args: str, when: str = "2020-01-05T12:00:00+00:00") -> None:
    """Run git in ``root`` with a fixed identity and commit date, never the user's config."""
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    env |= {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    identity = ["-c", "user.name=Example", "-c", "user.email=example@example.org"]
    subprocess.run(["git", *identity, *args], cwd=root, env=env, check=True, capture_output=True)


def test_a_source_without_a_headline_warns_and_fails_strict(tmp_path: Path) -> None:
    root = corpus(tmp_path)
    set_wire(root, "published: 2020-01-03")
    assert warnings(root) == [NO_HEADLINE]
    result = CliRunner().invoke(cli, ["-C", str(root), "check", "--strict"])
    assert result.exit_code == 1
    assert result.stdout == f"{NO_HEADLINE}\n"
    assert result.stderr == "check failed: 0 errors, 1 warning in 1 file\n"


@pytest.mark.parametrize(
    "lines",
    [
        ("title: Update",),
        ("copy_found: false",),
        ("copy_found: true",),
        ("title: U", "copy_found: true"),
    ],
)
def test_a_headline_or_a_word_on_the_copy_is_enough(tmp_path: Path, lines: tuple[str, ...]) -> None:
    root = corpus(tmp_path)
    set_wire(root, *lines)
    assert warnings(root) == []


def test_a_publication_date_in_the_future_is_an_error(tmp_path: Path) -> None:
    root = corpus(tmp_path)
    set_wire(root, "title: Update", "published: 2026-11-23")
    assert TODAY.isoformat() == "2026-11-22"
    assert [str(p) for p in check_content(make_settings(root))[1]] == [
        f"{WIRE}:7:12: error: published: is in the future: after today, 2026-11-22 "
        "(got '2026-11-23')"
    ]
    set_wire(root, "title: Update", "published: 2026-11-22T23:30+06:00")
    assert check_content(make_settings(root))[1] == []


def test_a_date_after_every_citing_record_changed_warns(tmp_path: Path) -> None:
    root = corpus(tmp_path)
    set_wire(root, "title: Update", "published: 2020-02-01")
    assert warnings(root) == [], "without git history the citing records' dates are unknown"
    git(root, "init", "-q")
    git(root, "add", "content")
    git(root, "commit", "-q", "-m", "Invented records", when="2020-01-05T12:00:00+00:00")
    assert warnings(root) == [
        f"{WIRE}:7:12: warning: published: is after the last change of every record that "
        "cites it (2020-01-05); a record cannot cite a report before it is published "
        "(got '2020-02-01')"
    ]
    set_wire(root, "title: Update", "published: 2020-01-05")
    assert warnings(root) == [], "published on the day the record was last changed"


def test_a_citing_record_changed_since_its_commit_silences_the_date_rule(tmp_path: Path) -> None:
    root = corpus(tmp_path)
    set_wire(root, "title: Update", "published: 2020-02-01")
    git(root, "init", "-q")
    git(root, "add", "content")
    git(root, "commit", "-q", "-m", "Invented records", when="2020-01-05T12:00:00+00:00")
    record = root / "content" / "incidents" / "2020-01-01-example-shoot-out.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert warnings(root) == []
    git(root, "commit", "-q", "-am", "Edit", when="2020-03-01T12:00:00+00:00")
    assert warnings(root) == []


RECORD = "content/incidents/2020-01-01-example-shoot-out.yaml"


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2019-12-30", ["2019-12-30"]),
        ("2019-12-31", []),  # a day's slack: the day before may be the same day there
        ("2020-01-03", []),
    ],
)
def test_a_figure_sourced_to_a_report_published_before_the_incident_warns(
    tmp_path: Path, published: str, expected: list[str]
) -> None:
    root = corpus(tmp_path)
    set_wire(root, "title: Update", f"published: {published}")
    assert warnings(root) == [
        f"{RECORD}:28:17: warning: figures[0].claims[1].source: cites a report published on "
        f"{date}, before the incident began (2020-01-01): check the source's published date "
        "or the source cited (got 'example-wire-2020-01-03-update')"
        for date in expected
    ]


def test_dates_compare_at_their_precision() -> None:
    import datetime as dt

    from generator.content.source_checks import earliest

    day = dt.date(2011, 6, 30)
    assert earliest(day, "day") == day
    assert earliest(dt.datetime(2011, 6, 30, 23, 0, tzinfo=dt.UTC), "minute") == day
    assert earliest(day, "week") == dt.date(2011, 6, 24)
    assert earliest(day, "month") == dt.date(2011, 6, 1)
    assert earliest(day, "year") == dt.date(2011, 1, 1)
