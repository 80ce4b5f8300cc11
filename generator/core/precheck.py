"""What a file must pass before the YAML parser sees it: size, encoding, characters, depth.

The C parser and the recursive composer behind it crash or run out of stack on input that is
small but deep, so depth is bounded here without recursion; every refusal names its place.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

MAX_FILE_BYTES = 256 * 1024
"""Records are a few KB; a larger file is refused before it is read."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and sequences, block or flow, that a file may have."""

_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_NON_CHARACTERS = "\ud800-\udfff\ufdd0-\ufdef" + "".join(
    chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000)
)
FORBIDDEN_IN_FILE = re.compile(f"[{_CONTROLS}{_NON_CHARACTERS}]")
"""C0 and C1 control characters (but tab and line ends), surrogates and non-characters."""
FORBIDDEN_IN_TEXT = re.compile(f"[{_CONTROLS}\r{_NON_CHARACTERS}]")
"""What a field's text must not hold: the same, and a carriage return (an escape can write it)."""

_ASCII_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORBIDDEN = frozenset(  # the characters of FORBIDDEN_IN_FILE: a set is faster on long text
    chr(code)
    for first, last in ((0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F), (0xD800, 0xDFFF))
    + ((0xFDD0, 0xFDEF),)
    + tuple((plane + 0xFFFE, plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))
    for code in range(first, last + 1)
)
_INDENT = 16
_DEEP_INDENT = re.compile(f"\n[ ?:-]{{{_INDENT}}}")
"""A line indented by 16 columns or more, of spaces and compact ``- ``, ``? ``, ``: ``."""
_COLLECTION_START = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_COLLECTION_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)

Refusal = tuple[int, int, str]
"""A 1-based line and column (0, 0 for the whole file) and what is wrong."""


def read_bounded(path: Path) -> bytes | Refusal:
    """The file's bytes, or a refusal when it is larger than ``MAX_FILE_BYTES``.

    The size is checked before reading, and no more than the limit is ever read, so a huge
    file (or one that grows while it is read) costs no memory.
    """
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        raw = handle.read(MAX_FILE_BYTES + 1) if size <= MAX_FILE_BYTES else b""
    if size > MAX_FILE_BYTES or len(raw) > MAX_FILE_BYTES:
        return too_large(max(size, len(raw)))
    return raw


def too_large(size: int) -> Refusal:
    """The refusal of a file of ``size`` bytes."""
    return 0, 0, f"file is larger than {MAX_FILE_BYTES // 1024} KiB (got {size} bytes)"


def check_characters(text: str) -> Refusal | None:
    """The first control character or non-character in a file's text, with its place."""
    if text.isascii():
        found = _ASCII_FORBIDDEN.search(text)
        index = found.start() if found else -1
    else:
        index = min((text.index(char) for char in _FORBIDDEN.intersection(text)), default=-1)
    if index < 0:
        return None
    line, column = position(text, index)
    code = ord(text[index])
    kind = "non-character" if code > 0x9F else "control character"
    if code == 0:
        return line, column, "file contains a NUL byte"
    return line, column, f"file contains a {kind}; remove it (got U+{code:04X})"


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def check_depth(text: str, loader: type) -> Refusal | None:
    """Where the first collection deeper than ``MAX_DEPTH`` starts, if there is one.

    A cheap bound comes first: block nesting needs indentation (at most two levels per column
    of spaces and compact ``- ``/``? ``/``: `` indicators, so under 16 columns it is at most
    32 deep), flow nesting needs brackets. Only a file that may be too deep has its parser
    events counted, and counting stops at the first collection too deep, so a 50,000-level
    file costs little.
    """
    flow = text.count("[") + text.count("{")
    if flow <= MAX_DEPTH - 2 * _INDENT - 2 and not _DEEP_INDENT.search("\n" + text):
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, _COLLECTION_START):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
                    message = f"nesting is deeper than {MAX_DEPTH} levels; flatten the structure"
                    return line, column, message
            elif isinstance(event, _COLLECTION_END):
                depth -= 1
    except yaml.YAMLError:
        return None  # a syntax error before any deep part: the parser reports it with its place
    return None


def links_outside(folder: Path, root: Path) -> list[Path]:
    """Every file or folder under ``folder`` that is a link leading outside ``root``, sorted.

    Such a link is not followed into: what it leads to is never read.
    """
    found: list[Path] = []
    if not folder.is_dir():
        return found
    base = root.resolve()
    for top, folders, files in os.walk(folder):
        for name in sorted(folders + files):
            path = Path(top) / name
            if path.is_symlink() and not path.resolve().is_relative_to(base):
                found.append(path)
    return sorted(found)
