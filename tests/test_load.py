"""The loader: safe YAML parsing where every surprise becomes a located problem."""

from __future__ import annotations

import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from generator.content.load import RawRecord, load_file, parse_bytes


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


def test_load_shares_one_copy_of_a_plain_word_across_records() -> None:
    first = parse("role: bystanders\nplace: KZ\n").data
    second = parse("role: bystanders\nplace: KZ\n").data
    assert first == second == {"role": "bystanders", "place": "KZ"}
    assert first["role"] is second["role"]
    assert first["place"] is second["place"]


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
        "x.yaml:1:67: error: nesting is deeper than 64 levels; flatten the structure"
    ]


def test_load_accepts_nesting_up_to_the_limit_and_deep_indentation() -> None:
    block = "".join(" " * level + "k:\n" for level in range(63)) + " " * 63 + "k: 1\n"
    assert parse(block).problems == []
    # Indented text is not nesting: the exact count clears what the cheap bound suspects.
    assert parse("a: |\n" + " " * 200 + "text\n").problems == []


# Invented inputs. Before the depth check, the first made the C parser segfault (exit 139),
# the others gave a RecursionError traceback.
NESTING_BOMBS = {
    "flow": ("a: " + "[" * 50_000 + "\n", "1:67"),
    "block-sequence": ("title:\n" + "- " * 50_000 + "x\n", "2:127"),
    "block-sequence-500": ("title:\n" + "- " * 500 + "x\n", "2:127"),
    "block-mapping-700": (
        "".join(" " * i + "k:\n" for i in range(700)) + " " * 700 + "k: 1\n",
        "65:65",
    ),
}


@pytest.mark.parametrize("name", sorted(NESTING_BOMBS))
def test_load_survives_a_nesting_bomb_in_a_fresh_process(tmp_path: Path, name: str) -> None:
    text, where = NESTING_BOMBS[name]
    result = run_check(tmp_path, text)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"content/incidents/2020-01-01-bomb.yaml:{where}: error: nesting is deeper than 64 "
        "levels; flatten the structure"
    ]
    assert result.stderr == "check failed: 1 error, 0 warnings in 1 file\n"


def run_check(root: Path, text: str) -> subprocess.CompletedProcess[str]:
    """``check`` in a fresh process on a content tree holding one incident file of ``text``."""
    bomb = root / "content" / "incidents" / "2020-01-01-bomb.yaml"
    bomb.parent.mkdir(parents=True)
    bomb.write_text(text, encoding="utf-8")
    (root / "content" / "vocabulary.yaml").write_text(
        "incident_types: []\ntactics: []\nfigures: []\nregions: []\n", encoding="utf-8"
    )
    return subprocess.run(
        [sys.executable, "-m", "generator", "-C", str(root), "check"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("text", ["a: " + "1" * 5000 + "\n", "a: -" + "9" * 31 + "\n"])
def test_load_refuses_numbers_with_too_many_digits(text: str) -> None:
    # Invented: 5,000 digits made int() raise a ValueError traceback.
    digits = text[3:23]
    assert messages(parse(text)) == [
        f"x.yaml:1:4: error: a: has more than 30 digits; put it in quotes if it is text "
        f"(got '{digits}...')"
    ]


def test_load_shortens_a_long_key_in_its_message() -> None:
    assert messages(parse("? " + "1" * 5000 + "\n: x\n")) == [
        f"x.yaml:1:3: error: keys must be plain names (got '{'1' * 80}...')"
    ]


def test_load_accepts_a_number_of_thirty_digits() -> None:
    assert parse("a: " + "9" * 30 + "\n").data == {"a": int("9" * 30)}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "title: ok\nsummary: a\x01b\n",
            "x.yaml:2:11: error: file contains a control character; remove it (got U+0001)",
        ),
        (
            "title: ok\n  - caf\u00e9 \x9b[1m\n",
            "x.yaml:2:10: error: file contains a control character; remove it (got U+009B)",
        ),
        (
            "title: \ufdd0\n",
            "x.yaml:1:8: error: file contains a non-character; remove it (got U+FDD0)",
        ),
        ("a: b\nc: \0\n", "x.yaml:2:4: error: file contains a NUL byte"),
    ],
)
def test_load_places_a_forbidden_character_at_its_line_and_column(text: str, message: str) -> None:
    assert messages(parse(text)) == [message]


def test_load_checks_the_size_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with open(huge, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no disk used
    tracemalloc.start()
    try:
        record = load_file(huge, tmp_path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert messages(record) == [
        "huge.yaml: error: file is larger than 256 KiB (got 52428800 bytes)"
    ]
    assert peak < 1024 * 1024


def test_load_refuses_a_link_that_leads_outside_the_root(tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("title: not to be published\n", encoding="utf-8")
    root = tmp_path / "repo"
    (root / "content").mkdir(parents=True)
    (root / "content" / "inside.yaml").write_text("title: fine\n", encoding="utf-8")
    (root / "content" / "link.yaml").symlink_to(outside)
    (root / "content" / "near.yaml").symlink_to(root / "content" / "inside.yaml")
    record = load_file(root / "content" / "link.yaml", root)
    assert record.data is None
    assert messages(record) == [
        "content/link.yaml: error: is a link to a file outside the repository; copy the file in "
        "instead"
    ]
    near = load_file(root / "content" / "near.yaml", root)
    assert (near.path, near.data, near.problems) == ("content/near.yaml", {"title": "fine"}, [])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "x.yaml:1:1: error: file is empty"),
        ("# only a comment\n", "x.yaml:1:1: error: file is empty"),
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


def test_load_tags_each_scalar_as_the_safe_resolver_does_twice_over() -> None:
    import yaml

    text = (
        "a: [NO, 'NO', no, ~, null, '', 010, 0o10, 0x1F, 12:30, 1_000, 1e3, .inf, .NaN, -.5]\n"
        "b: [2020-01-01, '2020-01-01', 2020-01-01T10:00:00Z, true, 'true', <<, =, text, 'text']\n"
        "c:\n  x: |\n    block\n  y: >\n    folded\n  '1': 1\n"
        f"d: [{'1' * 70}, {'x' * 70}]\n"  # too long to be remembered: resolved each time
    )

    def tags(node: yaml.Node) -> list[str]:
        if isinstance(node, yaml.ScalarNode):
            return [node.tag]
        children = node.value if isinstance(node, yaml.SequenceNode) else sum(node.value, ())
        return [node.tag, *(tag for child in children for tag in tags(child))]

    expected = tags(yaml.compose(text, Loader=yaml.SafeLoader))
    assert len(expected) == 41
    assert {tag.rsplit(":", 1)[1] for tag in expected} == {
        *("map", "seq", "str", "bool", "null", "int", "float", "timestamp", "merge", "value"),
    }
    for _ in range(2):  # the second time, plain scalars' tags are remembered ones
        node = parse(text).node
        assert node is not None
        assert tags(node) == expected
