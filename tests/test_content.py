"""The real content: valid under --strict, and the curators' guide cannot drift from it."""

from __future__ import annotations

import re

from generator.content.validate import check_content
from generator.core.settings import ROOT, Settings
from generator.model.parties import PARTY_KINDS

GUIDE = ROOT / "content" / "README.md"
EXAMPLE = re.compile(r'^```yaml title="(content/incidents/[^"]+\.yaml)"\n(.*?)^```$', re.M | re.S)
INVENTED = re.compile(
    r'^```yaml title="(tests/fixtures/kinds/content/incidents/[^"]+\.yaml)"\n(.*?)^```$',
    re.M | re.S,
)


def test_content_is_valid_under_strict(real_content: Settings) -> None:
    dataset, problems = check_content(real_content)
    assert [str(problem) for problem in problems] == []
    assert len(dataset.incidents) >= 5


def test_content_guide_example_record_is_valid(real_content: Settings) -> None:
    real, _ = check_content(real_content)
    found = EXAMPLE.findall(GUIDE.read_text(encoding="utf-8"))
    assert len(found) == 1, "content/README.md must hold one complete example record"
    path, text = found[0]
    (real_content.root / path).write_text(text, encoding="utf-8")
    _, problems = check_content(real_content)
    # The guide cuts the record's lists, so sources only the full record cites go uncited.
    (record,) = [i for i in real.incidents if path.endswith(f"/{i.id}.yaml")]
    cut = {f"content/sources/{source}.yaml" for source in record.source_ids}
    assert [
        str(problem)
        for problem in problems
        if not (problem.message == "is not cited by any incident" and str(problem.path) in cut)
    ] == []


def test_content_every_incident_cites_at_least_two_sources_or_says_why(
    real_content: Settings,
) -> None:
    dataset, _ = check_content(real_content)
    single = [i.id for i in dataset.incidents if len(i.source_ids) < 2 and not i.notes]
    assert single == []


def test_content_guide_invented_examples_are_the_fixture_records_exactly() -> None:
    found = INVENTED.findall(GUIDE.read_text(encoding="utf-8"))
    fixtures = sorted((ROOT / "tests" / "fixtures" / "kinds" / "content" / "incidents").glob("*"))
    assert sorted(path for path, _ in found) == [
        path.relative_to(ROOT).as_posix() for path in fixtures
    ]
    for path, text in found:
        assert text == (ROOT / path).read_text(encoding="utf-8"), f"{path} drifted from the guide"


def test_content_guide_party_kind_table_lists_every_kind() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    table = guide.split("### Party kinds\n", 1)[1].split("\n\n### ", 1)[0]
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in table.splitlines()
        if line.startswith("| `")
    ]
    assert [row[0] for row in rows] == [f"`{kind}`" for kind in PARTY_KINDS]
    for kind, label, acled, ucdp in rows:
        info = PARTY_KINDS[kind.strip("`")]
        assert (label, acled) == (info.label, info.acled or "—")
        assert (ucdp == "Government") == info.state, kind
