"""The real content: valid under --strict, and the curators' guide cannot drift from it."""

from __future__ import annotations

import re

from generator.content.validate import check_content
from generator.core.settings import ROOT, Settings

GUIDE = ROOT / "content" / "README.md"
EXAMPLE = re.compile(r'^```yaml title="(content/incidents/[^"]+\.yaml)"\n(.*?)^```$', re.M | re.S)


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
