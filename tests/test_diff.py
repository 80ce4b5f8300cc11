"""The review tools around a pull request: the semantic diff between git revisions, and the
workflows and hooks that run it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import cli
from generator.core.settings import ROOT, Settings
from generator.tools.diff import diff_revisions
from generator.tools.diff_items import differences, pair_items, word_diff
from tests.conftest import FIXTURES, make_settings

CORPUS = FIXTURES / "exports" / "content"
DEPOT = "content/incidents/2024-03-02-exampleton-depot-siege.yaml"
MARKET = "content/incidents/2024-05-10-sampleville-market-blast.yaml"
DRAFT = "content/incidents/2024-07-01-sampleville-draft-report.yaml"
EPOCH = "1795305600"  # 2026-11-22, the fixed today of the tests

NEW_INCIDENT = """\
title: Bridge shooting in Exampleton (fictional)
status: published
created: 2024-08-16
summary: A fictional fixture incident added in the second commit.
when:
  start: 2024-08-15
  precision: day
places:
  - country: KZ
    settlement: Exampleton
    sources: [example-gazette-2024-08-15-bridge]
types: [armed-assault]
figures:
  - figure: killed
    claims:
      - value: 1
        stated_by: Example Gazette
        source: example-gazette-2024-08-15-bridge
    estimate: {best: 1, low: 1, high: 1, rule: single-source}
"""
NEW_SOURCE = """\
title: Shots on the bridge (fictional fixture)
publisher: Example Gazette
publisher_type: independent
url: https://example.org/gazette/2024/08/15/bridge
language: en
"""
UNCITED_SOURCE = """\
publisher: Example Herald
publisher_type: independent
url: https://example.org/herald/unused
language: en
copy_found: false
notes: A fictional source that no record cites yet.
"""


def git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Example Curator",
        "GIT_AUTHOR_EMAIL": "curator@example.org",
        "GIT_COMMITTER_NAME": "Example Curator",
        "GIT_COMMITTER_EMAIL": "curator@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    result = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, encoding="utf-8", check=True, env=env
    )
    return result.stdout


def edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Settings:
    """A git repository whose first commit is the fixture corpus and second a set of changes."""
    shutil.copytree(CORPUS, tmp_path / "content")
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    git(tmp_path, "add", "content")
    git(tmp_path, "commit", "--quiet", "-m", "Fixture corpus")

    edit(tmp_path, DEPOT, "Depot siege in Exampleton", "Depot siege at Exampleton")
    edit(tmp_path, DEPOT, "end: 2024-03-02T19:00+06:00", "end: 2024-03-02T20:00+06:00")
    edit(
        tmp_path,
        DEPOT,
        "    estimate: {best: 3, low: 3, high: 5, rule: latest-official, "
        "rationale: The ministry count is the latest official figure.}",
        "      - value: 4\n"
        "        stated_by: Example Gazette\n"
        "        as_of: 2024-03-04\n"
        "        source: example-gazette-2024-03-02-depot-siege\n"
        "    estimate: {best: 4, low: 3, high: 5, rule: consensus, "
        "rationale: Two of the three counts give 4.}",
    )
    edit(
        tmp_path,
        MARKET,
        "status: published\n",
        "status: withdrawn\nwithdrawn_reason: The report described another town.\n",
    )
    (tmp_path / DRAFT).unlink()
    content = tmp_path / "content"
    (content / "incidents" / "2024-08-15-exampleton-bridge-shooting.yaml").write_text(
        NEW_INCIDENT, encoding="utf-8"
    )
    (content / "sources" / "example-gazette-2024-08-15-bridge.yaml").write_text(
        NEW_SOURCE, encoding="utf-8"
    )
    (content / "sources" / "example-herald-unused.yaml").write_text(
        UNCITED_SOURCE, encoding="utf-8"
    )
    git(tmp_path, "add", "--all", "content")
    git(tmp_path, "commit", "--quiet", "-m", "Changes")
    return make_settings(tmp_path)


EXPECTED = """\
## Dataset changes: `HEAD~1` → `HEAD`

1 incident added, 1 incident changed, 1 withdrawn, 1 removed, 2 sources added, \
0 sources removed, 0 sources changed, 1 new problem.

### Incidents added

- `2024-08-15-exampleton-bridge-shooting` Bridge shooting in Exampleton \\(fictional\\) \
(published, Exampleton)

### Incidents withdrawn

- `2024-05-10-sampleville-market-blast` Market blast in Sampleville \\(fictional\\) \
(withdrawn, Sampleville, Shymkent): The report described another town\\.

### Incidents removed

- `2024-07-01-sampleville-draft-report` Unconfirmed report in Sampleville \\(fictional draft\\) \
(draft, Sampleville)

### Incidents changed

#### `2024-03-02-exampleton-depot-siege` Depot siege at Exampleton \\(fictional\\) \
(published, Exampleton, Almaty Region)

- `title`: “Depot siege in Exampleton \\(fictional\\)” → “Depot siege at Exampleton \\(fictional\\)”
- `when.end`: “2024\\-03\\-02T19:00:00\\+06:00” → “2024\\-03\\-02T20:00:00\\+06:00”
- figure `killed` (total):
  - estimate: 3 (3–5) by latest-official → 4 (3–5) by consensus
  - claim added: 4: Example Gazette, as of 2024-03-04, source \
`example-gazette-2024-03-02-depot-siege`
  - claim unchanged: 3: Example Ministry, as of 2024-03-03, source \
`example-ministry-2024-03-03-statement`
  - claim unchanged: about 4–5 (uncertain): \\-Unnamed witness, source \
`example-wire-2024-03-03-depot-toll`

### Sources added

- `example-gazette-2024-08-15-bridge` Example Gazette: Shots on the bridge \\(fictional fixture\\) \
<https://example.org/gazette/2024/08/15/bridge>
- `example-herald-unused` Example Herald: Untitled report by Example Herald \
<https://example.org/herald/unused>

### Validation problems introduced

```text
content/sources/example-herald-unused.yaml:1:1: warning: is not cited by any incident
```
"""


def test_diff_between_two_commits_lists_every_change(repo: Settings) -> None:
    assert diff_revisions(repo, "HEAD~1", "HEAD") == EXPECTED


def test_diff_command_exits_0_with_markdown(repo: Settings, runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["-C", str(repo.root), "diff", "HEAD~1", "HEAD"], env={"SOURCE_DATE_EPOCH": EPOCH}
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED + "\n"


def test_diff_command_exits_1_on_an_unknown_revision(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["diff", "no-such-branch"])
    assert result.exit_code == 1
    assert result.stdout == "git: error: unknown revision 'no-such-branch'\n"


def test_diff_against_the_working_tree(repo: Settings) -> None:
    edit(
        repo.root,
        DEPOT,
        "value: 6\n        qualifier: at-least",
        "value: 7\n        qualifier: at-least",
    )
    output = diff_revisions(repo, "HEAD", None)
    assert output.splitlines()[0] == "## Dataset changes: `HEAD` → `working tree`"
    # The same claim (same source, same stated_by) with one field changed.
    assert changes_of(output) == [
        "- figure `injured` (total):",
        "  - claim changed: Example Gazette, source `example-gazette-2024-03-02-depot-siege`: "
        "value 6 → 7",
    ]


def changes_of(output: str) -> list[str]:
    """The lines under the one changed incident's heading."""
    lines = output.split("#### ", 1)[1].split("\n\n")[1]
    return lines.splitlines()


def test_diff_shows_a_changed_long_text_word_by_word(repo: Settings) -> None:
    edit(repo.root, DEPOT, "for several hours;", "for six hours;")
    assert changes_of(diff_revisions(repo, "HEAD", None)) == [
        "- `summary`: “… two gunmen held depot workers for \\[\\-several\\-\\] \\{\\+six\\+\\} "
        "hours; sources disagree on how many …”"
    ]


def test_diff_shows_an_item_inserted_in_a_list_as_one_addition(repo: Settings) -> None:
    edit(
        repo.root,
        DEPOT,
        "types: [hostage-taking, shoot-out]",
        "types: [siege, hostage-taking, shoot-out]",
    )
    edit(
        repo.root,
        DEPOT,
        "      - value: 3\n        stated_by: Example Ministry",
        "      - value: 2\n        stated_by: Example Police\n"
        "        source: example-ministry-2024-03-03-statement\n"
        "      - value: 3\n        stated_by: Example Ministry",
    )
    assert changes_of(diff_revisions(repo, "HEAD", None)) == [
        "- `types[0]`: (none) → “siege”",
        "- figure `killed` (total):",
        "  - claim added: 2: Example Police, source `example-ministry-2024-03-03-statement`",
    ]


def test_diff_shows_items_put_in_another_order_once(repo: Settings) -> None:
    edit(
        repo.root, DEPOT, "types: [hostage-taking, shoot-out]", "types: [shoot-out, hostage-taking]"
    )
    assert changes_of(diff_revisions(repo, "HEAD", None)) == [
        "- `types`: [“hostage\\-taking”, “shoot\\-out”] → [“shoot\\-out”, “hostage\\-taking”]"
    ]


def test_diff_of_identical_revisions_is_empty(repo: Settings) -> None:
    assert diff_revisions(repo, "HEAD", "HEAD").splitlines()[2] == (
        "0 incidents added, 0 incidents changed, 0 withdrawn, 0 removed, 0 sources added, "
        "0 sources removed, 0 sources changed, 0 new problems."
    )


def test_diff_reports_an_invalid_record_instead_of_a_removal(repo: Settings) -> None:
    edit(repo.root, DEPOT, "status: published", "status: publishd")
    output = diff_revisions(repo, "HEAD", None)
    assert (
        "- `2024-03-02-exampleton-depot-siege`: the new version does not validate "
        "(see the problems below)" in output
    )
    assert "### Incidents removed" not in output
    assert "error: status: must be one of 'draft', 'published' or 'withdrawn'" in output


def test_diff_of_an_unknown_revision_fails_cleanly(repo: Settings) -> None:
    from generator.core.errors import ContentError

    with pytest.raises(ContentError) as caught:
        diff_revisions(repo, "no-such-branch", None)
    assert [str(p) for p in caught.value.problems] == [
        "git: error: unknown revision 'no-such-branch'"
    ]


def test_diff_from_before_content_existed(tmp_path: Path) -> None:
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    (tmp_path / "README.md").write_text("empty\n", encoding="utf-8")
    git(tmp_path, "add", "README.md")
    git(tmp_path, "commit", "--quiet", "-m", "Start")
    shutil.copytree(CORPUS, tmp_path / "content")
    output = diff_revisions(make_settings(tmp_path), "HEAD", None)
    assert output.splitlines()[2].startswith("4 incidents added, 0 incidents changed")


# --- The workflows and hooks that run it -----------------------------------------------------


def load_yaml(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_pull_request_workflow_posts_the_diff_with_read_only_rights() -> None:
    workflow = load_yaml(ROOT / ".github" / "workflows" / "ci.yml")
    # PyYAML reads the key 'on' as True.
    assert "pull_request" in workflow[True]  # type: ignore[operator]
    assert workflow["permissions"] == {"contents": "read"}
    text = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    for step in ("make check", "make test", "make site", "generator diff", "GITHUB_STEP_SUMMARY"):
        assert step in text


def test_deploy_workflow_runs_only_after_a_green_build_on_main() -> None:
    workflow = load_yaml(ROOT / ".github" / "workflows" / "deploy.yml")
    trigger = workflow[True]["workflow_run"]  # type: ignore[index]
    assert trigger == {"workflows": ["CI"], "types": ["completed"], "branches": ["main"]}
    jobs = workflow["jobs"]
    assert isinstance(jobs, dict)
    assert "conclusion == 'success'" in jobs["build"]["if"]
    assert jobs["deploy"]["needs"] == "build"
    assert load_yaml(ROOT / ".github" / "workflows" / "ci.yml")["name"] == "CI"


def test_pre_commit_checks_changed_records() -> None:
    config = load_yaml(ROOT / ".pre-commit-config.yaml")
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}  # type: ignore[attr-defined]
    assert hooks["check-records"]["files"] == "^content/"
    assert hooks["check-records"]["entry"].startswith("python -m generator check")
    assert {"ruff-check", "ruff-format"} <= set(hooks)
    ruff = next(repo for repo in config["repos"] if "ruff" in repo["repo"])  # type: ignore[attr-defined]
    constraints = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    assert f"ruff=={ruff['rev'].removeprefix('v')}\n" in constraints


def test_pull_request_template_has_the_curator_checklist() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for item in ("source", "archive", "precision", "estimate"):
        assert item in text.lower()
    assert text.count("- [ ]") >= 5


def test_list_items_pair_by_identity_then_by_likeness() -> None:
    old = [
        {"source": "a", "stated_by": "Police", "value": 6},
        {"time": "10:00", "text": "Shots", "sources": ["a"]},
    ]
    new = [
        {"time": "09:00", "text": "Calls", "sources": ["b"]},
        {"time": "10:00", "text": "Shots fired", "sources": ["a"]},
        {"source": "a", "stated_by": "Police", "value": 7},
    ]
    assert pair_items(old, new) == ([(1, 1), (0, 2)], [], [0])
    assert list(differences(old, new, "x")) == [
        ("x[0]", None, new[0]),
        ("x[1].text", "Shots", "Shots fired"),
        ("x[2].value", 6, 7),
    ]


def test_a_word_diff_marks_words_and_keeps_a_few_around_them() -> None:
    words = "one two three four five six seven eight nine ten eleven twelve thirteen"
    old = f"{words} fourteen fifteen"
    new = f"zero {words} fifteen"
    assert word_diff(old, new) == (
        "{+zero+} one two three four five six … eight nine ten eleven twelve thirteen "
        "[-fourteen-] fifteen"
    )


def test_diff_shows_claims_put_in_another_order_once(repo: Settings) -> None:
    claim = (
        "      - value: 2\n        stated_by: Example Police\n"
        "        source: example-ministry-2024-03-03-statement\n"
    )
    edit(
        repo.root,
        DEPOT,
        "      - value: 3\n        stated_by: Example Ministry",
        claim.rstrip("\n") + "\n      - value: 3\n        stated_by: Example Ministry",
    )
    git(repo.root, "commit", "--quiet", "--all", "-m", "A claim first")
    edit(repo.root, DEPOT, claim, "")
    last = '        quote: "=four or five dead"\n        uncertain: true\n'
    edit(repo.root, DEPOT, last, last + claim)
    assert changes_of(diff_revisions(repo, "HEAD", None)) == [
        "- figure `killed` (total):",
        "  - claims in another order",
    ]


def test_diff_names_parties_and_figures_split_by_place(repo: Settings) -> None:
    edit(repo.root, DEPOT, "  - id: second-site\n    country: KZ\n", "  - country: KZ\n")
    edit(
        repo.root,
        DEPOT,
        "figures:\n",
        "  - id: guards\n    kind: civilians\n    roles: [target]\n"
        "    description: Two guards.\n    sources: [example-ministry-2024-03-03-statement]\n"
        "figures:\n  - figure: killed\n    place: depot\n    claims:\n      - value: 1\n"
        "        stated_by: Example Ministry\n"
        "        source: example-ministry-2024-03-03-statement\n",
    )
    assert changes_of(diff_revisions(repo, "HEAD", None)) == [
        "- `places[1].id`: “second\\-site” → (none)",
        "- `parties[3]`: (none) → {id: “guards”; kind: “civilians”; roles: [“target”]; "
        "description: “Two guards\\.”; "
        "sources: [“example\\-ministry\\-2024\\-03\\-03\\-statement”]}",
        "- figure `killed` (total, place `depot`) added: estimate none",
        "  - claim: 1: Example Ministry, source `example-ministry-2024-03-03-statement`",
    ]
