"""What a curator reads: which number is out of order, a close name or the valid ones, a hint
for a mis-indented line, a future publication date, and command-line values that name nothing.

The corpus is tests/fixtures/check (invented); every edit below is made to a temporary copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.content.load import RawRecord, parse_bytes
from generator.content.validate import check_content
from generator.core.errors import close_match, did_you_mean
from tests.conftest import FIXTURES, make_settings

SHOOT_OUT = "content/incidents/2020-01-01-example-shoot-out.yaml"
WIRE = "content/sources/example-wire-2020-01-03-update.yaml"
EPOCH = {"SOURCE_DATE_EPOCH": "1795305600"}  # 2026-11-22, the fixed today of the tests
TYPES = (
    "armed-assault, armed-robbery, assassination, bombing, suicide-bombing, explosion, "
    "hostage-taking, shoot-out, shooting-spree, mass-shooting, counter-terrorist-operation, "
    "manhunt, arson, police-killing, unrest"
)


def corpus(tmp_path: Path) -> Path:
    """A copy of the small valid corpus (invented) under ``tmp_path``."""
    shutil.copytree(FIXTURES / "check" / "content", tmp_path / "content")
    return tmp_path


def edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(root: Path) -> list[str]:
    return [str(problem) for problem in check_content(make_settings(root))[1]]


ESTIMATE = "best: 2\n      low: 2\n      high: 3"


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        (
            "best: 6\n      low: 2\n      high: 5",
            "30:13: error: figures[0].estimate.best: best 6 is above high 5: an estimate needs "
            "low <= best <= high",
        ),
        (
            "best: 1\n      low: 2\n      high: 3",
            "30:13: error: figures[0].estimate.best: best 1 is below low 2: an estimate needs "
            "low <= best <= high",
        ),
        (
            "best: 2\n      low: 4\n      high: 3",
            "31:12: error: figures[0].estimate.low: low 4 is above high 3: an estimate needs "
            "low <= best <= high",
        ),
    ],
)
def test_an_estimate_out_of_order_names_the_number_and_points_at_it(
    tmp_path: Path, numbers: str, expected: str
) -> None:
    root = corpus(tmp_path)
    edit(root, SHOOT_OUT, ESTIMATE, numbers)
    found = [p for p in problems_of(root) if "low <= best <= high" in p]
    assert found == [f"{SHOOT_OUT}:{expected}"]


def test_a_far_region_lists_the_countrys_regions_and_a_close_one_is_suggested(
    tmp_path: Path,
) -> None:
    root = corpus(tmp_path)
    edit(root, SHOOT_OUT, "region: Almaty", "region: Atlantis Region")
    assert problems_of(root) == [
        f"{SHOOT_OUT}:12:13: error: places[0].region: must be a region from "
        "content/vocabulary.yaml: Abai Region, Akmola Region, Aktobe Region, Almaty, "
        "Almaty Region, Astana, Atyrau Region, East Kazakhstan Region, Jetisu Region, "
        "Karaganda Region, Kostanay Region, Kyzylorda Region, Mangystau Region, "
        "North Kazakhstan Region, Pavlodar Region, Shymkent, Turkistan Region, Ulytau Region, "
        "West Kazakhstan Region, Zhambyl Region (got 'Atlantis Region')"
    ]
    edit(root, SHOOT_OUT, "region: Atlantis Region", "region: mangistau region")
    assert problems_of(root) == [
        f"{SHOOT_OUT}:12:13: error: places[0].region: must be a region from "
        "content/vocabulary.yaml: 20 known values (got 'mangistau region'); "
        "did you mean 'Mangystau Region'?"
    ]


def test_a_source_id_one_letter_off_gets_a_suggestion(tmp_path: Path) -> None:
    root = corpus(tmp_path)
    edit(
        root,
        SHOOT_OUT,
        "sources: [example-gazette-2020-01-02-report]",
        "sources: [example-gazete-2020-01-02-report]",
    )
    assert problems_of(root) == [
        f"{SHOOT_OUT}:14:15: error: places[0].sources[0]: cites a source that does not exist: "
        "no content/sources/example-gazete-2020-01-02-report.yaml; "
        "did you mean 'example-gazette-2020-01-02-report'?"
    ]


def test_close_match_ignores_case_and_shared_words() -> None:
    regions = ["Almaty", "Almaty Region", "Abai Region", "Mangystau Region"]
    assert close_match("Almatty", regions) == "Almaty"
    assert close_match("mangistau region", regions) == "Mangystau Region"
    assert close_match("Atlantis Region", regions) is None
    assert close_match("ulr", ["url", "title", "notes"]) == "url"
    assert did_you_mean("shootout", ["shoot-out", "siege"]) == "; did you mean 'shoot-out'?"
    assert did_you_mean("riot", ["shoot-out", "siege"]) == ""


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("title: x\nplaces:\n  - country: KZ\n   - country: RU\n", 4, 4),
        ("title: x\nwhen:\n    start: 2020-01-01\n  precision: day\n", 4, 3),
    ],
)
def test_a_mis_indented_line_gets_a_plain_hint_where_it_is(
    text: str, line: int, column: int
) -> None:
    raw = parse_bytes(text.encode("utf-8"), RawRecord(path="x.yaml", stem="x"))
    assert len(raw.problems) == 1
    problem = raw.problems[0]
    assert (problem.line, problem.column) == (line, column)
    assert problem.message.endswith(
        "; check the indentation of this line and the one above: items of one list or mapping "
        "line up"
    )


def test_a_source_published_after_today_is_an_error(tmp_path: Path, runner: CliRunner) -> None:
    root = corpus(tmp_path)
    edit(root, WIRE, "published: 2020-01-03", "published: 2031-01-03")
    result = runner.invoke(cli, ["-C", str(root), "check"], env=EPOCH)
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        f"{WIRE}:5:12: error: published: is in the future: after today, 2026-11-22 "
        "(got '2031-01-03')\n",
        "check failed: 1 error, 0 warnings in 1 file\n",
    )


# --- Command-line values that name nothing ----------------------------------------------------


def usage(command: str, option: str, message: str) -> str:
    return (
        f"Usage: cli {command} [OPTIONS]{' [source]' if command == 'new' else ''}\n"
        f"Try 'cli {command} --help' for help.\n\n"
        f"Error: Invalid value for '{option}': {message}\n"
    )


@pytest.mark.parametrize(
    ("options", "option", "message"),
    [
        (
            ["--type", "nosuchtype"],
            "--type",
            f"'nosuchtype' is not an incident type in content/vocabulary.yaml: {TYPES}",
        ),
        (
            ["--type", "shootout"],
            "--type",
            f"'shootout' is not an incident type in content/vocabulary.yaml: {TYPES}; "
            "did you mean 'shoot-out'?",
        ),
        (["--since", "2030"], "--since", "'2030' is not a real date YYYY-MM-DD"),
        (["--until", "2020-02-30"], "--until", "'2020-02-30' is not a real date YYYY-MM-DD"),
    ],
)
def test_report_refuses_a_value_that_names_nothing_as_a_usage_error(
    tmp_path: Path, runner: CliRunner, options: list[str], option: str, message: str
) -> None:
    root = corpus(tmp_path)
    result = runner.invoke(cli, ["-C", str(root), "report", *options, "--out", str(tmp_path / "r")])
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        usage("report", option, message),
    )
    assert not (tmp_path / "r").exists()


def test_report_of_a_valid_scope_without_incidents_says_so(
    tmp_path: Path, runner: CliRunner
) -> None:
    root = corpus(tmp_path)
    out = tmp_path / "r"
    result = runner.invoke(
        cli, ["-C", str(root), "report", "--since", "2030-01-01", "--out", str(out)], env=EPOCH
    )
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "report failed: no published incident matches (since 2030-01-01); nothing was written\n",
    )
    assert not out.exists()


def test_new_suggests_the_incident_type_meant(tmp_path: Path, runner: CliRunner) -> None:
    root = corpus(tmp_path)
    result = runner.invoke(cli, ["-C", str(root), "new", "--type", "shootout"])
    message = (
        f"'shootout' is not an incident type in content/vocabulary.yaml: {TYPES}; "
        "did you mean 'shoot-out'?"
    )
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        usage("new", "--type", message),
    )
