"""Stage 2: turn raw records into models, reporting every problem with its location.

Structural rules (types, required and unknown keys, enums) come from the models in
``model.py``; semantic rules are the small ``check_*`` functions in ``rules.py``, each
stating its rule in its docstring; cross-record rules run once every file is read.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import rules
from .errors import Finding, Problem
from .load import RawRecord, display_path, field_path, find_files, load_file, locate, node_text
from .model import Dataset, Incident, Record, Source, Vocabulary
from .settings import Settings

M = TypeVar("M", bound=Record)

_UNION_TAGS = {"int", "float", "str", "bool", "date", "datetime", "none"}


def to_model(raw: RawRecord, model: type[M], **computed: Any) -> tuple[M | None, list[Problem]]:
    """Validate raw data against a model; every schema error becomes a located problem."""
    if raw.data is None:
        return None, []
    if not isinstance(raw.data, dict):
        finding = Finding((), f"file must hold a mapping of keys (got {type(raw.data).__name__})")
        return None, [to_problem(raw, finding)]
    try:
        return model.model_validate({**raw.data, **computed}), []
    except ValidationError as error:
        findings = _relevant(list(_translate(error, model, raw)), raw)
        return None, [to_problem(raw, finding) for finding in findings]


def to_problem(raw: RawRecord, finding: Finding) -> Problem:
    """Place a finding in its file."""
    line, column = locate(raw.node, finding.loc, key=finding.key)
    return Problem(raw.path, line, column, field_path(finding.loc), finding.message, finding.level)


def _relevant(findings: list[Finding], raw: RawRecord) -> list[Finding]:
    """Keep one finding per place.

    A union reports once per member, a list again for its items, and a value the loader
    already refused needs no second message.
    """
    reported = {problem.field for problem in raw.problems}
    first: dict[tuple[str | int, ...], Finding] = {}
    for finding in findings:
        path = field_path(finding.loc)
        deeper = any(
            other.loc[: len(finding.loc)] == finding.loc and other.loc != finding.loc
            for other in findings
        )
        if path not in reported and not deeper:
            first.setdefault(finding.loc, finding)
    return list(first.values())


def _translate(error: ValidationError, model: type[BaseModel], raw: RawRecord) -> Iterator[Finding]:
    """Pydantic errors as findings in the house wording: 'must ... (got ...)'."""
    for item in error.errors(include_url=False):
        loc = tuple(step for step in item["loc"] if not _is_tag(step))
        kind = item["type"]
        # Quote the value as written in the file, not as YAML or pydantic turned it.
        written = node_text(raw.node, loc)
        got = written if written is not None else item.get("input")
        if kind == "missing":
            yield Finding(loc, "is required")
        elif kind == "extra_forbidden":
            yield Finding(loc, _unknown_key(model, loc), key=True)
        elif kind in ("int_type", "float_type") and _looks_numeric(got):
            yield Finding(loc, f"must be a number, not quoted text: remove the quotes{_got(got)}")
        else:
            yield Finding(loc, f"{_wording(kind, item)}{_got(got)}")


def _looks_numeric(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return isinstance(value, str)


def _is_tag(step: str | int) -> bool:
    return isinstance(step, str) and (step in _UNION_TAGS or "[" in step)


def _wording(kind: str, item: Any) -> str:
    context = item.get("ctx") or {}
    words = {
        "string_type": "must be text",
        "int_type": "must be a whole number",
        "float_type": "must be a number",
        "bool_type": "must be true or false",
        "model_type": "must be a mapping of keys",
        "dict_type": "must be a mapping of keys",
        "tuple_type": "must be a list",
        "list_type": "must be a list",
        "too_short": "must not be empty",
        "string_too_long": f"must be at most {context.get('max_length')} characters",
        "greater_than_equal": f"must be at least {context.get('ge')}",
        "less_than_equal": f"must be at most {context.get('le')}",
        "literal_error": f"must be one of {context.get('expected', '')}",
        "string_pattern_mismatch": _pattern_wording(str(context.get("pattern", ""))),
    }
    if kind in ("value_error", "assertion_error"):
        return str(item["msg"]).removeprefix("Value error, ")
    return words.get(kind, str(item["msg"]).lower())


def _pattern_wording(pattern: str) -> str:
    if "A-Z" in pattern:
        return "must be an ISO 3166-1 alpha-2 country code in capitals, like 'KZ'"
    if "[a-z]{2}" in pattern:
        return "must be an ISO 639-1 language code, like 'en' or 'ru'"
    if pattern.startswith("^[0-9]{4}"):
        return "must be YYYY-MM-DD-words-with-hyphens in lower case"
    return "must be lower-case words joined by hyphens"


def _got(value: Any) -> str:
    if isinstance(value, dict | list):
        return f" (got a {'mapping' if isinstance(value, dict) else 'list'})"
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return f" (got {text[:80]})"


def _unknown_key(model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    """Suggest the nearest known key for a misspelt one."""
    known = _fields_at(model, loc[:-1])
    close = difflib.get_close_matches(str(loc[-1]), known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(known)}"
    return f"unknown key{hint}"


def _fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The field names of the model found at a field path."""
    current: Any = model
    for step in loc:
        if isinstance(step, int) or current is None:
            continue
        annotation = current.model_fields[step].annotation if step in current.model_fields else None
        current = _model_in(annotation)
    return [name for name in (current.model_fields if current else {}) if name != "id"]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found:
            return found
    return None


def validate_source(raw: RawRecord) -> tuple[Source | None, list[Problem]]:
    """A source file as a ``Source``, or its problems."""
    problems = list(raw.problems)
    problems += [to_problem(raw, f) for f in rules.check_file_id(raw.stem, source=True)]
    source, schema_problems = to_model(raw, Source, id=raw.stem)
    problems += schema_problems
    if source is not None:
        problems += [to_problem(raw, f) for f in rules.check_source(source)]
    return source, problems


def validate_incident(
    raw: RawRecord, vocabulary: Vocabulary, today: Any
) -> tuple[Incident | None, list[Problem]]:
    """An incident file as an ``Incident``, or its problems."""
    problems = list(raw.problems)
    id_findings = list(rules.check_file_id(raw.stem, source=False))
    problems += [to_problem(raw, f) for f in id_findings]
    if id_findings:
        return None, problems
    incident, schema_problems = to_model(raw, Incident, id=raw.stem)
    problems += schema_problems
    if incident is not None:
        problems += [to_problem(raw, f) for f in rules.check_incident(incident, vocabulary, today)]
    return incident, problems


def citations(
    data: Any, loc: tuple[str | int, ...] = ()
) -> Iterable[tuple[tuple[str | int, ...], str]]:
    """Every (field path, source id) that raw data cites through 'source' or 'sources'."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "source" and isinstance(value, str):
                yield (*loc, key), value
            elif key == "sources" and isinstance(value, list):
                yield from (((*loc, key, i), v) for i, v in enumerate(value) if isinstance(v, str))
            else:
                yield from citations(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from citations(value, (*loc, index))


@dataclass(frozen=True)
class Summary:
    """What cross-record rules keep of an incident once its file is validated."""

    id: str
    path: str
    line: int
    column: int
    date: str
    settlement: str
    related: frozenset[str]
    """Incidents this one names as related: known to be distinct."""


def check_content(settings: Settings) -> tuple[Dataset, list[Problem]]:
    """Read and validate vocabulary, sources and incidents; return the dataset and problems."""
    content = settings.content_dir
    vocabulary, problems = load_vocabulary(content / "vocabulary.yaml", settings.root)

    sources: dict[str, Source] = {}
    urls: dict[str, str] = {}
    publishers: dict[frozenset[str], str] = {}
    source_files = {path.stem: path for path in find_files(content / "sources")}
    for path in source_files.values():
        raw = load_file(path, settings.root)
        source, found = validate_source(raw)
        problems += found
        if source is None:
            continue
        sources[source.id] = source
        problems += [to_problem(raw, f) for f in _check_duplicate_url(source, urls)]
        problems += [to_problem(raw, f) for f in _check_publisher_spelling(source, publishers)]

    cited: set[str] = set()
    all_parsed = True
    incident_ids = {path.stem for path in find_files(content / "incidents")}
    incidents: list[Incident] = []
    summaries: list[Summary] = []
    for path in find_files(content / "incidents"):
        raw = load_file(path, settings.root)
        incident, found = validate_incident(raw, vocabulary, settings.today)
        problems += found
        # A source file with errors still exists: citing it is not a second problem.
        references = _check_references(raw, set(source_files), incident_ids)
        problems += [to_problem(raw, f) for f in references]
        cited.update(source_id for _, source_id in citations(raw.data))
        all_parsed = all_parsed and isinstance(raw.data, dict)
        if incident is not None:
            incidents.append(incident)
            summaries.append(_summarize(incident, raw))

    problems += _check_likely_duplicates(summaries)
    if all_parsed:  # an unreadable record's citations are unknown: no "uncited" guesses
        problems += [
            Problem(
                display_path(source_files[sid], settings.root),
                1,
                1,
                "",
                "is not cited by any incident",
                "warning",
            )
            for sid in sorted(set(sources) - cited)
        ]
    dataset = Dataset(incidents=tuple(incidents), sources=sources, vocabulary=vocabulary)
    return dataset, sorted(problems)


def load_vocabulary(path: Path, root: Path) -> tuple[Vocabulary, list[Problem]]:
    """The controlled vocabularies; an empty one (and a problem) when the file is broken."""
    raw = load_file(path, root)
    vocabulary, problems = to_model(raw, Vocabulary)
    empty = Vocabulary(incident_types=(), tactics=(), figures=(), regions=())
    return vocabulary or empty, raw.problems + problems


def _check_duplicate_url(source: Source, urls: dict[str, str]) -> Iterator[Finding]:
    """Two source files do not describe the same URL."""
    if source.url is None:
        return
    if source.url in urls:
        yield Finding(("url",), f"is already the URL of source '{urls[source.url]}'")
    else:
        urls[source.url] = source.id


def _check_publisher_spelling(
    source: Source, publishers: dict[frozenset[str], str]
) -> Iterator[Finding]:
    """One publisher has one spelling: 'Wikipedia (English)' is 'English Wikipedia' (a warning)."""
    words = frozenset(re.findall(r"\w+", source.publisher.casefold()))
    known = publishers.setdefault(words, source.publisher)
    if known != source.publisher:
        message = (
            f"is spelt '{known}' in another source; use one spelling (got '{source.publisher}')"
        )
        yield Finding(("publisher",), message, "warning")


def _check_references(raw: RawRecord, sources: set[str], ids: set[str]) -> Iterator[Finding]:
    """Every cited source and every related incident exists."""
    for loc, source_id in citations(raw.data):
        if source_id not in sources:
            yield Finding(
                loc, f"cites a source that does not exist: no content/sources/{source_id}.yaml"
            )
    related = raw.data.get("related") if isinstance(raw.data, dict) else None
    for index, item in enumerate(related if isinstance(related, list) else []):
        target = item.get("id") if isinstance(item, dict) else None
        if isinstance(target, str) and target not in ids and target != raw.stem:
            yield Finding(
                ("related", index, "id"), f"names an incident that does not exist (got '{target}')"
            )


def _summarize(incident: Incident, raw: RawRecord) -> Summary:
    settlement = incident.primary_place.settlement or ""
    line, column = locate(raw.node, ("when", "start"))
    date = incident.date.isoformat()
    related = frozenset(item.id for item in incident.related)
    return Summary(incident.id, raw.path, line, column, date, settlement.casefold(), related)


def _check_likely_duplicates(summaries: list[Summary]) -> list[Problem]:
    """Two incidents on the same date in the same settlement may be one (a warning).

    Naming the other incident under ``related`` (in either record) says they are distinct.
    """
    first: dict[tuple[str, str], Summary] = {}
    problems = []
    for summary in summaries:
        key = (summary.date, summary.settlement)
        other = first.get(key)
        distinct = other is not None and (
            other.id in summary.related or summary.id in other.related
        )
        if summary.settlement and other is not None and not distinct:
            message = (
                f"may duplicate '{other.id}' (same date and settlement); if they are distinct, "
                "name it under related"
            )
            problems.append(
                Problem(
                    summary.path, summary.line, summary.column, "when.start", message, "warning"
                )
            )
        first.setdefault(key, summary)
    return problems
