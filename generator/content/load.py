"""Stage 1: read YAML files safely into plain data, keeping the node tree to locate problems.

This is the one module that parses content YAML (``core.site_info`` reads mkdocs.yml with
MkDocs' loader). It composes nodes with the C parser and builds the data itself
(``convert``), so that YAML 1.1 surprises (``NO`` read as false, ``010`` as octal, ``12:30``
as sexagesimal) become located problems instead of silently changed data, and so that
aliases, duplicate keys, explicit tags and oversized or too-deep input are refused.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.content.convert import AliasFound, Converter
from generator.content.tags import TagMemoLoader as _Loader
from generator.content.where import field_path as field_path
from generator.content.where import iter_path as iter_path
from generator.content.where import locate as locate
from generator.content.where import node_text as node_text
from generator.core.errors import Problem
from generator.core.precheck import (
    MAX_FILE_BYTES,
    check_characters,
    check_depth,
    read_bounded,
    too_large,
)


@dataclass
class RawRecord:
    """A parsed file: its plain data, its node tree (for locations) and its parse problems."""

    path: str
    """Path as shown in messages (relative to the repository root where possible)."""
    stem: str
    """File name without ``.yaml``: the record's id."""
    data: Any = None
    """Plain dicts, lists, str, int, float, bool and None; None when the file did not parse."""
    node: yaml.Node | None = None
    """Root node, to turn a field path into a line and column."""
    problems: list[Problem] = field(default_factory=list)


def display_path(path: Path, root: Path) -> str:
    """The path relative to ``root`` when inside it, else as given.

    A link is shown by its own name, not by where it leads.
    """
    # Strings, not paths: a build shows every record's path, 100,000 of them.
    absolute, base = os.path.abspath(path), os.path.abspath(root)
    if absolute == base:
        return "."
    inside = base if base.endswith(os.sep) else f"{base}{os.sep}"
    if absolute.startswith(inside):
        return absolute[len(inside) :].replace(os.sep, "/")
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def outside_root(path: Path, root: Path) -> bool:
    """Whether ``path`` is, or leads through a link to, a file outside ``root``."""
    if path.is_symlink():
        return not path.resolve().is_relative_to(_real(str(root)))
    return not _real(str(path.parent)).is_relative_to(_real(str(root)))


@functools.lru_cache(maxsize=64)
def _real(folder: str) -> Path:
    """A folder's real path: resolved once per process, as every record file asks it."""
    return Path(folder).resolve()


def find_files(folder: Path) -> list[Path]:
    """Every ``*.yaml`` file directly in ``folder``, sorted by name."""
    return _files(folder, lambda suffix: suffix == ".yaml")


def misnamed_files(folder: Path) -> list[Path]:
    """Files directly in ``folder`` named as YAML but not ``*.yaml`` ('x.yml', 'x.YAML')."""
    return _files(folder, lambda suffix: suffix != ".yaml" and suffix.lower() in (".yaml", ".yml"))


def _files(folder: Path, wanted: Callable[[str], bool]) -> list[Path]:
    """The files directly in ``folder`` whose suffix is ``wanted``, sorted by name."""
    if not folder.is_dir():
        return []
    # Directory entries, not paths: their type comes with the listing, without a stat each.
    with os.scandir(folder) as entries:
        names = [e.name for e in entries if wanted(os.path.splitext(e.name)[1]) and e.is_file()]
    return [folder / name for name in sorted(names)]


def load_file(path: Path, root: Path) -> RawRecord:
    """Read, decode and parse one YAML file; every failure becomes a problem.

    Problems name the file relative to ``root``. A link that leads outside ``root`` is
    refused unread, and a file over the size limit is refused before it is read.
    """
    shown = display_path(path, root)
    record = RawRecord(path=shown, stem=path.name.removesuffix(".yaml"))
    if outside_root(path, root):
        message = "is a link to a file outside the repository; copy the file in instead"
        record.problems.append(Problem(shown, 0, 0, "", message))
        return record
    try:
        raw = read_bounded(path)
    except OSError as error:
        record.problems.append(Problem(shown, 0, 0, "", f"cannot read file: {error.strerror}"))
        return record
    if isinstance(raw, tuple):
        record.problems.append(Problem(shown, *raw[:2], "", raw[2]))
        return record
    return parse_bytes(raw, record)


def parse_bytes(raw: bytes, record: RawRecord) -> RawRecord:
    """Decode and parse the bytes of a file into ``record``."""
    text = _decode(raw, record)
    if text is None:
        return record
    try:
        record.node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = f"YAML syntax error: {error.problem or error.context}{_syntax_hint(error)}"
        record.problems.append(Problem(record.path, line, column, "", message))
        return record
    except yaml.YAMLError as error:
        record.problems.append(Problem(record.path, 0, 0, "", f"YAML error: {error}"))
        return record
    if record.node is None:
        record.problems.append(Problem(record.path, 1, 1, "", "file is empty"))
        return record
    converter = Converter(record.path)
    try:
        record.data = converter.convert(record.node, "")
    except AliasFound as found:
        line, column = _first_alias(text)
        message = "aliases are not allowed; write the value out"
        record.problems.append(Problem(record.path, line, column, found.where, message))
        record.node = record.data = None
        return record
    record.problems.extend(converter.problems)
    return record


def _syntax_hint(error: yaml.MarkedYAMLError) -> str:
    """How to fix the commonest YAML syntax errors, in a curator's words."""
    problem = f"{error.problem} {error.context}"
    if "tab" in problem:
        return "; indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "; put text that contains ': ' in quotes, or check the indentation"
    if any(words in problem for words in _INDENTATION_ERRORS):
        return (
            "; check the indentation of this line and the one above: "
            "items of one list or mapping line up"
        )
    return ""


_INDENTATION_ERRORS = (
    "could not find expected ':'",
    "expected <block end>",
    "did not find expected key",
    "did not find expected '-' indicator",
)
"""PyYAML's words for a line indented differently from the items it belongs with."""


def _first_alias(text: str) -> tuple[int, int]:
    """Where the first alias stands: nodes do not remember it, the parser's events do."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
            return event.start_mark.line + 1, event.start_mark.column + 1
    return 0, 0


def _decode(raw: bytes, record: RawRecord) -> str | None:
    """Check size, encoding, characters and nesting depth before the parser sees the text."""
    if len(raw) > MAX_FILE_BYTES:
        line, column, message = too_large(len(raw))
        record.problems.append(Problem(record.path, line, column, "", message))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        message = "file starts with a UTF-8 byte order mark; save it as UTF-8 without BOM"
        record.problems.append(Problem(record.path, 1, 1, "", message))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        message = f"file is not valid UTF-8 (got byte 0x{raw[error.start]:02x}); save it as UTF-8"
        record.problems.append(Problem(record.path, line, column, "", message))
        return None
    refusal = check_characters(text) or check_depth(text, _Loader)
    if refusal is not None:
        line, column, message = refusal
        record.problems.append(Problem(record.path, line, column, "", message))
        return None
    return text
