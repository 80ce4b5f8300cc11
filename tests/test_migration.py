"""The move to parties loses no fact: every claim and every value of every old record is kept.

``tests/migration/before/`` holds the records as they were before parties existed. Each is
migrated with ``generator.tools.migrate``; the result must load as a current record, keep every
claim (value, source, who said it, when) unchanged, and keep every other value it had.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.model import Incident
from generator.tools.migrate import is_old, migrate, migrate_text
from tests.test_validate import corpus, problems_of

BEFORE = sorted((Path(__file__).parent / "migration" / "before").glob("*.yaml"))

MOVED = (
    ("perpetrators/kind", "parties/kind"),
    ("perpetrators/", "parties/"),
    ("victims/category", "parties/name"),
    ("victims/", "parties/"),
    ("response/forces/role", "parties/response_role"),
    ("response/forces/", "parties/"),
)
"""Where the old buckets' fields went: the start of the old key path and the new one."""

KINDS = {"'group'": "'armed-group'", "'state-force'": "'state-forces'"}
"""Old perpetrator kinds and the party kinds they became."""


def claims(data: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, frozenset[Any]]]:
    """Every statement that cites one source: where it sits (keys only) and all its fields."""
    if isinstance(data, dict):
        if isinstance(data.get("source"), str):
            fields = {k: v for k, v in data.items() if k != "party"}
            yield "/".join(path), frozenset((k, repr(v)) for k, v in fields.items())
        for key, value in data.items():
            yield from claims(value, (*path, key))
    elif isinstance(data, list):
        for item in data:
            yield from claims(item, path)


def leaves(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every scalar value with the path of keys (no list positions) it sits under."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, f"{path}/{key}" if path else key)
    elif isinstance(data, list):
        for item in data:
            yield from leaves(item, path)
    else:
        yield path, repr(data)


def moved(path: str, value: str) -> tuple[str, str] | None:
    """Where the migration puts this value; None for a force's 'unknown' role, which says
    nothing."""
    if path == "response/forces/role" and value == "'unknown'":
        return None
    for old, new in MOVED:
        if path.startswith(old):
            value = KINDS.get(value, value) if path == "perpetrators/kind" else value
            return new + path[len(old) :], value
    return path, value


@pytest.mark.parametrize("path", BEFORE, ids=lambda p: p.stem)
def test_migration_keeps_every_claim_and_value(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    old = yaml.safe_load(text)
    assert is_old(old)
    new = yaml.safe_load(migrate_text(text))
    # The text is rewritten exactly as the data is: no line of the rest is touched.
    assert new == migrate(old)
    Incident.model_validate({**new, "id": path.stem})
    assert not is_old(new)
    assert Counter(claims(new)) == Counter(claims(old))
    kept = Counter(leaves(new))
    wanted = Counter(found for path, value in leaves(old) if (found := moved(path, value)))
    assert wanted - kept == Counter()


def test_migration_covers_every_record_it_was_made_for() -> None:
    assert len(BEFORE) == 19


def test_migration_leaves_a_current_record_alone(tmp_path: Path) -> None:
    current = next((Path(__file__).parent / "fixtures" / "content" / "incidents").glob("*.yaml"))
    text = current.read_text(encoding="utf-8")
    assert migrate_text(text) == text


def test_check_points_an_old_record_to_the_migration(tmp_path: Path) -> None:
    old = Path(__file__).parent / "migration" / "before"
    settings = corpus(tmp_path)
    shutil.copy(
        old / "2011-12-03-boraldai-counter-terrorist-raid.yaml", tmp_path / "content/incidents"
    )
    hint = (
        "is no longer a key: every side is now one of the parties; "
        "python -m generator.tools.migrate FILE rewrites an old record"
    )
    shown = "content/incidents/2011-12-03-boraldai-counter-terrorist-raid.yaml"
    replaced = [p for p in problems_of(settings) if p.startswith(shown) and hint in p]
    assert [p.split(": error: ")[1] for p in replaced] == [
        f"perpetrators: {hint}",
        f"response.forces: {hint}",
    ]
