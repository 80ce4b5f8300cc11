"""`new` writes a draft that passes `check`, says only what it was given, and never
overwrites a file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from click.testing import CliRunner

from generator.build.check import check_paths
from generator.cli import cli
from generator.content.load import load_file
from generator.core.errors import ContentError
from generator.core.settings import Settings
from generator.text.filters import slug_words
from generator.tools.scaffold import make_id, new_record

TITLE = "Shooting at a café in Almaty"
DRAFT = "content/incidents/2024-01-01-almaty-shooting-cafe.yaml"


def test_new_writes_a_draft_that_passes_check(real_content: Settings) -> None:
    summary = new_record(real_content, "2024-01-01", "Almaty", TITLE, ("armed-assault",))
    assert summary.splitlines()[0] == f"wrote {DRAFT} (status: draft)"
    path = real_content.root / DRAFT
    strict = dataclasses.replace(real_content, strict=True)
    assert check_paths(strict, (path,)).splitlines()[-1].startswith("checked ")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/incident.schema.json\n")
    data = load_file(path, real_content.root).data
    assert data == {
        "title": TITLE,
        "status": "draft",
        "created": real_content.today.isoformat(),  # the day it was written
        "summary": "Draft; the summary is not yet written from the sources.",
        "when": {"start": "2024-01-01", "precision": "day"},
        "places": [{"country": "KZ", "region": "Almaty", "settlement": "Almaty"}],
        "types": ["armed-assault"],
    }


def test_new_names_a_region_without_inventing_a_settlement(real_content: Settings) -> None:
    new_record(real_content, "2024-02-03", "Aktobe Region", "Raid", ("manhunt", "shoot-out"))
    path = real_content.content_dir / "incidents" / "2024-02-03-aktobe-region-raid.yaml"
    data = load_file(path, real_content.root).data
    assert data["places"] == [{"country": "KZ", "region": "Aktobe Region"}]
    assert data["types"] == ["manhunt", "shoot-out"]


def test_new_keeps_a_quoted_title_literal(real_content: Settings) -> None:
    title = 'NO: "yes" # not a comment'
    new_record(real_content, "2024-03-04", "Taraz", title, ("arson",))
    path = real_content.content_dir / "incidents" / "2024-03-04-taraz-no-yes-not-comment.yaml"
    data = load_file(path, real_content.root).data
    assert (data["title"], data["places"][0]["settlement"]) == (title, "Taraz")


def test_new_refuses_to_overwrite(real_content: Settings) -> None:
    new_record(real_content, "2024-01-01", "Almaty", TITLE, ("armed-assault",))
    path = real_content.root / DRAFT
    path.write_text(path.read_text(encoding="utf-8") + "# curator's notes\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        new_record(real_content, "2024-01-01", "Almaty", TITLE, ("armed-assault",))
    assert [str(p) for p in caught.value.problems] == [
        f"new: error: {DRAFT} already exists; edit it, or give another title"
    ]
    assert path.read_text(encoding="utf-8").endswith("# curator's notes\n")


@pytest.mark.parametrize(
    ("date", "kinds", "expected"),
    [
        ("2024-02-30", ("arson",), "new: error: --date: must be a real date YYYY-MM-DD"),
        ("01.02.2024", ("arson",), "new: error: --date: must be a real date YYYY-MM-DD"),
        ("2024-01-01", ("street-fight",), "new: error: --type: must name an incident type"),
        (
            "2027-01-01",
            ("arson",),
            "content/incidents/2027-01-01-almaty-fire.yaml:10:10: error: when.start: "
            "must not be in the future (got '2027-01-01')",
        ),
    ],
)
def test_new_refuses_bad_options_and_writes_nothing(
    real_content: Settings, date: str, kinds: tuple[str, ...], expected: str
) -> None:
    before = sorted((real_content.content_dir / "incidents").iterdir())
    with pytest.raises(ContentError) as caught:
        new_record(real_content, date, "Almaty", "Fire", kinds)
    assert str(caught.value.problems[0]).startswith(expected)
    assert sorted((real_content.content_dir / "incidents").iterdir()) == before


def test_new_command_writes_a_draft_that_check_accepts(
    real_content: Settings, runner: CliRunner
) -> None:
    root = ["-C", str(real_content.root)]
    args = ["new", "--date", "2024-01-01", "--place", "Almaty", "--title", TITLE]
    env = {"SOURCE_DATE_EPOCH": "1795305600"}
    result = runner.invoke(cli, [*root, *args, "--type", "armed-assault"], env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {DRAFT} (status: draft)\n")
    draft = str(real_content.root / DRAFT)
    checked = runner.invoke(cli, [*root, "check", "--strict", draft], env=env)
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.startswith("checked ")
    again = runner.invoke(cli, [*root, *args, "--type", "armed-assault"], env=env)
    assert again.exit_code == 1
    assert "already exists" in again.stdout


def test_new_command_reports_a_bad_date(runner: CliRunner) -> None:
    args = ["new", "--date", "2024-13-01", "--place", "Almaty", "--title", "X", "--type", "arson"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1
    assert result.stdout == (
        "new: error: --date: must be a real date YYYY-MM-DD (got '2024-13-01')\n"
    )


def test_ids_are_ascii_short_and_skip_repeated_place_words() -> None:
    start = dt.date(2023, 6, 18)
    assert make_id(start, "Astana", "Kaspi Bank hostage-taking in Astana") == (
        "2023-06-18-astana-kaspi-bank-hostage-taking"
    )
    assert slug_words("Нападение в Ақтөбе") == ["napadenie", "v", "aqtobe"]
    long_id = make_id(start, "Ust-Kamenogorsk", "word " * 40)
    assert len(long_id) <= 64
    assert not long_id.endswith("-")
    with pytest.raises(ContentError):
        make_id(start, "!!", "??")


def test_new_without_types_writes_a_draft_that_check_accepts(
    real_content: Settings, runner: CliRunner
) -> None:
    args = ["-C", str(real_content.root), "new", "--date", "2024-01-01", "--place", "Almaty"]
    result = runner.invoke(cli, [*args, "--title", "Shots fired at a bank"])
    assert result.exit_code == 0, result.output
    draft = real_content.content_dir / "incidents" / "2024-01-01-almaty-shots-fired-bank.yaml"
    assert "types: []" in draft.read_text(encoding="utf-8")
    check = runner.invoke(cli, ["-C", str(real_content.root), "check", "--strict"])
    assert check.exit_code == 0, check.output


SOURCE = "example-wire-2024-01-02-cafe-shooting"
"""An invented source the filled-in draft cites: published the day after its invented event."""
SOURCE_TEXT = (
    "# Fictional test data: the Example Wire does not exist.\n"
    "title: Shooting at a café\npublisher: Example Wire\npublisher_type: wire\n"
    "url: https://example.org/wire/2024/01/02/cafe-shooting\nlanguage: en\n"
    "published: 2024-01-02\n"
)
FOLDERS = ("incidents", "sources")


def _filled_in(settings: Settings, nested: bool) -> dict[str, object]:
    """The draft with its commented blocks uncommented (nested ones too, if asked), a date and
    a source filled in, checked under --strict; its data."""
    new_record(settings, "2024-01-01", "Almaty", TITLE, ("armed-assault",))
    (settings.content_dir / "sources" / f"{SOURCE}.yaml").write_text(SOURCE_TEXT, "utf-8")
    path = settings.root / DRAFT
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # The first four lines are the header; every other comment that starts a line is a block.
    marker = re.compile(r"^( *)# " if nested else r"^()# ")
    filled = []
    for number, line in enumerate(lines):
        while number >= 4 and (found := marker.match(line)):
            line = found.group(1) + line[found.end() :]
        filled.append(line)
    text = "".join(filled).replace("YYYY-MM-DD", "2024-01-01").replace("source-id", SOURCE)
    path.write_text(text, encoding="utf-8")
    strict = dataclasses.replace(settings, strict=True)
    incidents, sources = (len(list((settings.content_dir / d).glob("*.yaml"))) for d in FOLDERS)
    summary = f"checked {incidents} incidents, {sources} sources"
    assert check_paths(strict, (path,)).splitlines() == [summary]  # and no warning
    return load_file(path, settings.root).data


def test_new_draft_blocks_uncommented_and_filled_in_are_a_record_of_parties(
    real_content: Settings,
) -> None:
    data = _filled_in(real_content, nested=False)
    assert data["parties"] == [
        {
            "id": "attackers",
            "kind": "unknown",
            "roles": ["attacker"],
            "description": "Who they were, as the reports say.",
            "sources": [SOURCE],
        },
        {"id": "civilians", "kind": "civilians", "roles": ["target"], "name": "Civilians"}
        | {"sources": [SOURCE]},
        {"id": "police", "kind": "police", "roles": ["responder"], "name": "Police"}
        | {"sources": [SOURCE]},
    ]
    assert data["figures"] == [
        {
            "figure": "killed",
            "role": "total",
            "claims": [
                {"value": 0, "stated_by": "Who gave the number", "as_of": "2024-01-01"}
                | {"source": SOURCE}
            ],
            "estimate": {"best": 0, "low": 0, "high": 0, "rule": "single-source"},
        }
    ]
    assert data["fates"] == [
        {"party": "attackers", "words": "detained", "category": "detained"}
        | {"stated_by": "Who said it", "source": SOURCE}
    ]
    assert data["measures"] == [
        {
            "kind": "curfew",
            "area": "Where it applied, as declared",
            "declared_by": "Who declared it",
            "start": "2024-01-01",
            "sources": [SOURCE],
        }
    ]


def test_new_draft_nested_comments_are_the_record_format_too(real_content: Settings) -> None:
    data = _filled_in(real_content, nested=True)
    assert data["places"] == [
        {"country": "KZ", "region": "Almaty", "settlement": "Almaty"}
        | {"id": "the-place", "extent": "settlement", "sources": [SOURCE]}
    ]
    parties = data["parties"]
    assert isinstance(parties, list)
    attackers, _, police = parties
    assert (attackers["attribution"], attackers["attributed_by"]) == (
        "alleged-by-authorities",
        "Who attributed the attack to them",
    )
    assert attackers["called"] == [
        {"label": "terrorists", "applied_by": "Who said it", "source": SOURCE}
    ]
    assert police["response_role"] == "lead"
    figures = data["figures"]
    assert isinstance(figures, list)
    assert (figures[0]["party"], figures[0]["place"]) == ("civilians", "the-place")
    measures = data["measures"]
    assert isinstance(measures, list)
    assert measures[0]["end"] == "2024-01-01"
