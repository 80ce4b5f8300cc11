"""The loader: safe YAML parsing where every surprise becomes a located problem."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.load import RawRecord, load_file, parse_bytes


def parse(text: str | bytes) -> RawRecord:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return parse_bytes(raw, RawRecord(path="x.yaml", stem="x"))


def messages(record: RawRecord) -> list[str]:
    return [str(problem) for problem in record.problems]


def test_load_builds_plain_data_and_keeps_dates_as_text() -> None:
    record = parse("a: 1\nb: 2.5\nc: true\nd: ~\ne: 2024-01-02\nf: 'NO'\ng: [x, y]\n")
    assert record.problems == []
    assert record.data == {
        "a": 1,
        "b": 2.5,
        "c": True,
        "d": None,
        "e": "2024-01-02",
        "f": "NO",
        "g": ["x", "y"],
    }


def test_load_rejects_duplicate_keys_at_the_second_key() -> None:
    record = parse("title: a\nsummary: b\ntitle: c\n")
    assert messages(record) == ["x.yaml:3:1: error: title: duplicate key; each key may appear once"]


def test_load_reports_syntax_errors_with_their_position() -> None:
    assert messages(parse("title: [unclosed\nnext: 1\n")) == [
        "x.yaml:2:5: error: YAML syntax error: did not find expected ',' or ']'"
    ]


def test_load_rejects_non_utf8_with_the_position_of_the_byte() -> None:
    assert messages(parse(b"title: ok\nsummary: caf\xe9\n")) == [
        "x.yaml:2:13: error: file is not valid UTF-8 (got byte 0xe9); save it as UTF-8"
    ]


def test_load_rejects_a_byte_order_mark() -> None:
    assert messages(parse(b"\xef\xbb\xbftitle: x\n")) == [
        "x.yaml:1:1: error: file starts with a UTF-8 byte order mark; save it as UTF-8 without BOM"
    ]


def test_load_rejects_aliases_quickly_even_as_a_bomb() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[index]
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    bomb = "\n".join(lines) + "\n"
    assert len(bomb) < 1024
    started = time.perf_counter()
    record = parse(bomb)
    assert time.perf_counter() - started < 0.5
    assert messages(record)[0] == (
        "x.yaml:2:8: error: b[0]: aliases are not allowed; write the value out"
    )


def test_load_rejects_tags() -> None:
    assert messages(parse("a: !!python/object:os.system x\nb: !custom y\n")) == [
        "x.yaml:1:4: error: a: YAML tags are not allowed "
        "(got 'tag:yaml.org,2002:python/object:os.system')",
        "x.yaml:2:4: error: b: YAML tags are not allowed (got '!custom')",
    ]


def test_load_rejects_merge_keys_and_complex_keys() -> None:
    assert messages(parse("<<: {a: 1}\n? [x]\n: 1\n")) == [
        "x.yaml:1:1: error: keys must be plain names (got '<<')",
        "x.yaml:2:3: error: keys must be plain names (got None)",
    ]


def test_load_refuses_oversized_files() -> None:
    record = parse("a: " + "x" * 300_000 + "\n")
    assert messages(record) == ["x.yaml: error: file is larger than 256 KiB (got 300004 bytes)"]


def test_load_refuses_deep_nesting_before_parsing() -> None:
    assert messages(parse("a: " + "[" * 100 + "]" * 100 + "\n")) == [
        "x.yaml: error: nesting is deeper than 64 levels (got 100)"
    ]


def test_load_survives_a_nesting_bomb_in_a_fresh_process(tmp_path: Path) -> None:
    # The C parser segfaults on this input; the check must stop it before the parser runs.
    bomb = tmp_path / "content" / "incidents" / "2020-01-01-bomb.yaml"
    bomb.parent.mkdir(parents=True)
    bomb.write_text("a: " + "[" * 50_000 + "\n", encoding="utf-8")
    (tmp_path / "content" / "vocabulary.yaml").write_text(
        "incident_types: []\ntactics: []\nfigures: []\nregions: []\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "generator", "-C", str(tmp_path), "check"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "nesting is deeper than 64 levels" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "x.yaml:1:1: error: file is empty"),
        ("# only a comment\n", "x.yaml:1:1: error: file is empty"),
        ("a: \0\n", "x.yaml: error: file contains a NUL byte"),
    ],
)
def test_load_rejects_empty_and_binary_files(text: str, message: str) -> None:
    assert messages(parse(text)) == [message]


def test_load_file_reports_unreadable_paths(tmp_path: Path) -> None:
    record = load_file(tmp_path / "missing.yaml", tmp_path)
    assert messages(record) == ["missing.yaml: error: cannot read file: No such file or directory"]


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("title: a\n\tsummary: b\n", "indent with spaces, not tabs"),
        ("title: a\nnote: Time: 12\n", "put text that contains ': ' in quotes"),
    ],
)
def test_load_syntax_errors_say_how_to_fix_them(text: str, hint: str) -> None:
    (message,) = messages(parse(text))
    assert message.endswith(hint) or f"; {hint}" in message
