"""The published JSON Schemas: in sync with the models, and accepting every real record."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from generator.content.load import find_files, load_file
from generator.core.settings import ROOT
from generator.data.schema import render_schemas
from tests.conftest import FIXTURES

SCHEMAS = ROOT / "content" / "schema"


def test_schema_files_are_in_sync_with_the_models() -> None:
    committed = {path.name: path.read_text(encoding="utf-8") for path in SCHEMAS.glob("*.json")}
    assert committed == render_schemas(), "run `make schema` and commit the result"


def record_files(kind: str) -> list[Path]:
    corpora = [ROOT / "content", FIXTURES / "check" / "content"]
    return [path for corpus in corpora for path in find_files(corpus / kind)]


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize(
    ("kind", "path"),
    [("incident", p) for p in record_files("incidents")]
    + [("source", p) for p in record_files("sources")],
    ids=lambda value: value.name if isinstance(value, Path) else value,
)
def test_schema_accepts_every_record(kind: str, path: Path) -> None:
    raw = load_file(path, ROOT)
    assert raw.problems == []
    errors = [error.message for error in validator(kind).iter_errors(raw.data)]
    assert errors == []


@pytest.mark.parametrize(
    "change",
    [
        {"colour": "red"},
        {"status": "publishd"},
        {"when": {"start": "yesterday", "precision": "day"}},
        {"types": "shoot-out"},
    ],
)
def test_schema_rejects_what_the_checker_rejects(change: dict[str, object]) -> None:
    path = FIXTURES / "check/content/incidents/2020-01-01-example-shoot-out.yaml"
    data = load_file(path, ROOT).data
    assert list(validator("incident").iter_errors({**data, **change}))


def test_schema_line_heads_every_real_record() -> None:
    for kind in ("incidents", "sources"):
        schema = "incident" if kind == "incidents" else "source"
        for path in find_files(ROOT / "content" / kind):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../schema/{schema}.schema.json", path
