"""Fuzzing: mutated records are accepted or reported with a location, never a traceback.

``make test`` runs a bounded fuzz with a fixed seed; ``make fuzz`` runs a long one with a new
seed each time (``FUZZ_EXAMPLES`` examples per test).
"""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.load import RawRecord, load_file, parse_bytes
from generator.content.shared import check_shared, load_vocabulary
from generator.content.validate import validate_incident
from generator.core.settings import ROOT
from generator.model import Dataset
from generator.site.blocks import stash_blocks
from generator.site.render import PageContext, make_page_context, render_record
from tests.conftest import CONTENT_TODAY, FIXTURES, TODAY, make_settings

RECORDS = [
    FIXTURES / "check/content/incidents/2020-01-01-example-shoot-out.yaml",
    ROOT / "content/incidents/2023-06-18-astana-kaspi-bank-hostage-taking.yaml",
]
VOCABULARY, _ = load_vocabulary(ROOT / "content/vocabulary.yaml", ROOT)
LONG = int(os.environ.get("FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=LONG or 1000,
    derandomize=not LONG,  # a fixed seed in ``make test``, a new one in ``make fuzz``
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
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
        # Invented hostile input: depth, long numbers, control characters, markup.
        b"- " * 300,
        b"[" * 300,
        b"\n" + b"".join(b" " * i + b"k:\n" for i in range(80)),
        b"1" * 5000,
        b"\x01",
        b"\xc2\x85",
        b"\xef\xbf\xbe",
        b'"\\x9b\\uFFFE"',
        b"<script>alert(1)</script>",
        b"[x](javascript:alert(1))",
        b"Index",
    ]
)


HOSTILE_TEXT = st.lists(
    st.sampled_from(
        ["<script>alert(1)</script>", "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>"]
        + ["{{ 7*7 }}", "| a | b |", "---", "# h", "*b*", "<!--", "\\", "Index", "\u0085"]
    )
    | st.text(min_size=1, max_size=20),
    min_size=1,
    max_size=4,
).map(" ".join)
"""Invented text for a field: markup, template and table syntax, control characters."""
KINDS = ("delete", "duplicate", "truncate", "junk", "retype", "text")


@st.composite
def mutated(draw: st.DrawFn, kinds: tuple[str, ...] = KINDS) -> tuple[str, bytes]:
    """A record's id and its text, changed in one to three places."""
    record = RECORDS[draw(st.integers(0, len(RECORDS) - 1))]
    data = record.read_bytes()
    lines = data.split(b"\n")
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(kinds))
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
        elif kind == "text" and lines and b": " in lines[index]:
            key = lines[index].split(b": ", 1)[0]
            lines[index] = key + b": " + json.dumps(draw(HOSTILE_TEXT)).encode()
    return record.stem, b"\n".join(lines)


FILE_LEVEL = ("file ", "YAML error")
"""The only problems without a line: about the whole file."""


@pytest.mark.slow
@FUZZ
@given(mutated())
def test_fuzz_checker_locates_problems_and_never_crashes(record: tuple[str, bytes]) -> None:
    raw = parse_bytes(record[1], RawRecord(path="x.yaml", stem=record[0]))
    incident, problems = validate_incident(raw, VOCABULARY, dt.date(2026, 11, 22))
    assert incident is not None or problems
    for problem in problems:
        assert problem.path == "x.yaml"
        assert problem.line > 0 or problem.message.startswith(FILE_LEVEL)
        assert problem.column > 0 or problem.line == 0


def _page_context() -> PageContext:
    settings = make_settings(ROOT, today=CONTENT_TODAY)
    fixture = check_shared(make_settings(FIXTURES / "check"))
    real = check_shared(settings)
    sources = {**real.sources, **fixture.sources}
    dataset = Dataset(incidents=(), sources=sources, vocabulary=VOCABULARY)
    return make_page_context(dataset, settings, {})


PAGE_CONTEXT = _page_context()


@pytest.mark.slow
@FUZZ
@given(mutated(("text",)))
def test_fuzz_every_record_the_checker_accepts_renders_without_markup(
    record: tuple[str, bytes],
) -> None:
    raw = parse_bytes(record[1], RawRecord(path="x.yaml", stem=record[0]))
    incident, problems = validate_incident(raw, VOCABULARY, TODAY)
    if incident is None or any(problem.level == "error" for problem in problems):
        return
    if not set(incident.source_ids) <= set(PAGE_CONTEXT.dataset.sources):
        return  # ``check`` refuses a citation of an unknown source in another step
    page = render_record(PAGE_CONTEXT, incident)
    front_matter, body = page.removeprefix("---\n").split("\n---\n", 1)
    assert "<script" not in page
    # The HTML blocks' text is HTML-escaped and never read as Markdown; the rest is Markdown.
    markdown, blocks = stash_blocks(body)
    assert "](javascript:" not in markdown  # escaped as \]\(javascript: in Markdown
    assert not [block for block in blocks.values() if '<a href="javascript:' in block]
    assert "\x85" not in front_matter


def test_fuzz_corpus_records_are_valid_to_start_with() -> None:
    for path in RECORDS:
        raw = load_file(path, ROOT)
        raw.stem = path.stem
        incident, problems = validate_incident(raw, VOCABULARY, dt.date(2026, 11, 22))
        assert problems == []
        assert incident is not None
