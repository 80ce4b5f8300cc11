"""Fuzzing: mutated records are accepted or reported with a location, never a traceback."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import RawRecord, load_file, parse_bytes
from generator.settings import ROOT
from generator.validate import load_vocabulary, validate_incident
from tests.conftest import FIXTURES

RECORDS = [
    FIXTURES / "check/content/incidents/2020-01-01-example-shoot-out.yaml",
    ROOT / "content/incidents/2023-06-18-astana-kaspi-bank-hostage-taking.yaml",
]
VOCABULARY, _ = load_vocabulary(ROOT / "content/vocabulary.yaml", ROOT)
JUNK = st.binary(min_size=1, max_size=8) | st.sampled_from(
    [
        b": ",
        b"- ",
        b"\t",
        b"[",
        b"{",
        b"&a ",
        b"*a",
        b"!!python/name:os.system ",
        b"\xff",
        b"\n  x: 1\n",
        b"'",
        b'"',
        b"%YAML 1.1\n",
        b"---\n",
        b"? ",
    ]
)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = RECORDS[draw(st.integers(0, len(RECORDS) - 1))].read_bytes()
    lines = data.split(b"\n")
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["delete", "duplicate", "truncate", "junk", "retype"]))
        index = draw(st.integers(0, max(len(lines) - 1, 0)))
        if kind == "delete" and lines:
            del lines[index]
        elif kind == "duplicate" and lines:
            lines.insert(index, lines[index])
        elif kind == "truncate" and lines:
            lines = lines[: index + 1]
            lines[-1] = lines[-1][: draw(st.integers(0, len(lines[-1])))]
        elif kind == "junk" and lines:
            at = draw(st.integers(0, len(lines[index])))
            lines[index] = lines[index][:at] + draw(JUNK) + lines[index][at:]
        elif kind == "retype" and lines and b": " in lines[index]:
            key = lines[index].split(b": ", 1)[0]
            lines[index] = key + b": " + draw(st.sampled_from([b"[1, 2]", b"{a: 1}", b"7", b"~"]))
    return b"\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_fuzz_checker_locates_problems_and_never_crashes(data: bytes) -> None:
    raw = parse_bytes(data, RawRecord(path="x.yaml", stem="2020-01-01-example-shoot-out"))
    incident, problems = validate_incident(raw, VOCABULARY, dt.date(2026, 11, 22))
    assert incident is not None or problems
    for problem in problems:
        assert problem.path == "x.yaml"
        assert problem.line > 0 or problem.message.startswith(("file ", "nesting", "YAML error"))


def test_fuzz_corpus_records_are_valid_to_start_with() -> None:
    for path in RECORDS:
        raw = load_file(path, ROOT)
        raw.stem = path.stem
        incident, problems = validate_incident(raw, VOCABULARY, dt.date(2026, 11, 22))
        assert problems == []
        assert incident is not None
