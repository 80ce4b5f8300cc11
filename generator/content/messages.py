"""Schema problems in the house wording: 'field must ... (got ...)', placed in the file.

Pydantic's errors are translated here, with a hint where the fix is not obvious.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.content.load import RawRecord, field_path, locate, node_text
from generator.core.errors import SHOWN_PER_FILE, Finding, Problem, did_you_mean
from generator.core.precheck import FORBIDDEN_IN_TEXT
from generator.model import Record

M = TypeVar("M", bound=Record)

_UNION_TAGS = {"int", "float", "str", "bool", "date", "datetime", "none"}


def to_model(raw: RawRecord, model: type[M], **computed: Any) -> tuple[M | None, list[Problem]]:
    """Validate raw data against a model; every schema error becomes a located problem."""
    if raw.data is None and raw.problems:
        return None, []  # the loader said why there is no data
    if raw.data is None:
        return None, [to_problem(raw, Finding((), "file must hold a mapping of keys (got null)"))]
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
    # Every place that has a finding below it: a set, so that thousands of findings stay fast.
    above = {finding.loc[:end] for finding in findings for end in range(len(finding.loc))}
    first: dict[tuple[str | int, ...], Finding] = {}
    for finding in findings:
        if field_path(finding.loc) not in reported and finding.loc not in above:
            first.setdefault(finding.loc, finding)
    return list(first.values())


def _translate(error: ValidationError, model: type[BaseModel], raw: RawRecord) -> Iterator[Finding]:
    """Pydantic errors as findings in the house wording: 'must ... (got ...)'."""
    unknown = 0
    for item in error.errors(include_url=False):
        loc = _data_loc(item["loc"], raw.data)
        kind = item["type"]
        # Quote the value as written in the file, not as YAML or pydantic turned it.
        written = node_text(raw.node, loc)
        got = written if written is not None else item.get("input")
        if kind == "missing":
            yield Finding(loc, "is required")
        elif kind == "extra_forbidden":
            # Past the problems a file shows, a file of unknown keys is no typo: no suggestion,
            # which would cost more than everything else put together.
            unknown += 1
            suggest = unknown <= SHOWN_PER_FILE
            yield Finding(loc, _unknown_key(model, loc) if suggest else "unknown key", key=True)
        elif kind in ("int_type", "float_type") and _looks_numeric(got):
            yield Finding(loc, f"must be a number, not quoted text: remove the quotes{_got(got)}")
        elif kind == "literal_error":
            allowed = re.findall(r"'([^']*)'", str((item.get("ctx") or {}).get("expected", "")))
            hint = did_you_mean(got, allowed) if isinstance(got, str) else ""
            yield Finding(loc, f"{_wording(kind, item)}{_got(got)}{hint}")
        else:
            yield Finding(loc, f"{_wording(kind, item)}{_got(got)}")


def _looks_numeric(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return isinstance(value, str)


def _data_loc(loc: tuple[str | int, ...], data: Any) -> tuple[str | int, ...]:
    """Pydantic's error location without the union branches it adds ('int', 'str', ...).

    A step that is a key of the data is kept, even one that looks like a branch: a misspelt
    key such as 't[itle' is what the problem is about.
    """
    kept: list[str | int] = []
    for step in loc:
        present = (isinstance(data, dict) and step in data) or (
            isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data)
        )
        if not present and _is_tag(step):
            continue
        kept.append(step)
        data = data[step] if present else None
    return tuple(kept)


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
    # A control character would act on the curator's terminal: it is shown as its code.
    return f" (got {FORBIDDEN_IN_TEXT.sub(_code, text[:80])})"


def _code(found: re.Match[str]) -> str:
    return f"<U+{ord(found.group()):04X}>"


_REPLACED_KEYS = {("perpetrators",), ("victims",), ("response", "forces")}
"""Keys of records written before parties existed."""


def _unknown_key(model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    """Suggest the nearest known key for a misspelt one; point an old record to its migration."""
    if tuple(loc) in _REPLACED_KEYS:
        return (
            "is no longer a key: every side is now one of the parties; "
            "python -m generator.tools.migrate FILE rewrites an old record"
        )
    known = _fields_at(model, loc[:-1])
    hint = did_you_mean(str(loc[-1]), known) or f"; known keys: {', '.join(known)}"
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


def not_in(what: str, value: str, known: set[str]) -> str:
    """The message for a value missing from a vocabulary list, with a hint or the valid values."""
    # Without a close match, every valid value is listed: the curator picks from them.
    hint = did_you_mean(value, known)
    listed = f"{len(known)} known values" if hint and len(known) > 12 else ", ".join(sorted(known))
    return f"must be {what} from content/vocabulary.yaml: {listed} (got '{value}'){hint}"
