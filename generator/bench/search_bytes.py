"""What a reader downloads for a first search, computed from a Pagefind bundle's own files.

The search box's script and style (``templates/assets/search.js``, ``search.css``) come with
every page; the box imports Pagefind's script once the reader starts, which loads its worker,
WASM and the entry JSON. That names the language, whose meta file lists the index chunks by the
range of words each holds; a query loads the chunk of each word typed (one per prefix as the
reader types, by the rule of Pagefind's ``request_indexes``), and the first page of results
loads one fragment per result shown. The ranking itself runs in Pagefind's WASM, so the
fragments counted are the largest of the pages that hold the term: an upper bound. The meta and
chunk files are gzipped CBOR after a signature.
"""

from __future__ import annotations

import gzip
import itertools
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from generator.core.settings import TEMPLATES

QUERY = "synthetic"
"""The query of the benchmark: a word of every synthetic record, so every incident matches."""
FIRST_PAGE = 5
"""Results that the search box shows before its 'More results' button (search.js: PAGE)."""
SIGNATURE = b"pagefind_dcd"
"""What the decompressed meta, index and filter files start with."""
LOADED_BY_PAGE = ("assets/search.js", "assets/search.css")
"""The search box's own files, by path in the site: every page loads them (mkdocs.yml names
them) and none of Pagefind's. They are copied from ``templates/`` as they are."""
LOADED_TO_SEARCH = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json")
"""The search library, its worker and the entry file, loaded once the reader starts to search."""


class BundleError(Exception):
    """A Pagefind bundle is missing a file or holds one this module cannot read."""


def first_search_files(
    bundle: Path, query: str = QUERY, results: int = FIRST_PAGE
) -> dict[str, int]:
    """Bytes of every file a first search of ``query`` loads, by path in the bundle.

    The search box's own files come first, by path in the site (``LOADED_BY_PAGE``).
    """
    entry = _read_json(bundle / "pagefind-entry.json")
    languages: dict[str, Any] = entry.get("languages") or {}
    if not languages:
        raise BundleError(f"{bundle}/pagefind-entry.json names no language")
    language = languages.get("en") or next(iter(languages.values()))
    names = [*LOADED_TO_SEARCH]
    names += [f"pagefind.{language['hash']}.pf_meta", f"wasm.{language['wasm']}.pagefind"]
    meta = read_pagefind(bundle / names[-2])
    pages: list[list[Any]] = meta[1]
    chunks: list[list[str]] = meta[2]
    hashes = sorted(
        {chunk for term in typed_terms(query) for chunk in request_indexes(chunks, term)}
    )
    names += [f"index/{chunk}.pf_index" for chunk in hashes]
    matching = pages_matching(
        (read_pagefind(bundle / "index" / f"{chunk}.pf_index") for chunk in hashes), query
    )
    fragments = [f"fragment/{pages[index][0]}.pf_fragment" for index in sorted(matching)]
    sizes = {name: _size(bundle / name) for name in fragments}
    names += sorted(fragments, key=lambda name: (-sizes[name], name))[:results]
    # The box asks for no filter, so no filter chunk is loaded (Pagefind's UI read them all).
    box = {name: _size(TEMPLATES / name) for name in LOADED_BY_PAGE}
    return {**box, **{name: _size(bundle / name) for name in names}}


def typed_terms(query: str) -> list[str]:
    """Each prefix of the query as the reader types it, lower-cased, then its words."""
    text = query.lower().strip()
    words = text.split()
    prefixes = [text[:end].split()[-1] for end in range(1, len(text) + 1) if text[:end].strip()]
    return list(dict.fromkeys([*prefixes, *words]))


def request_indexes(chunks: Sequence[Sequence[str]], term: str) -> list[str]:
    """The index chunks Pagefind loads for one term, by the rule of its ``request_indexes``.

    The first chunk whose range of words holds the term, or else the first whose bounds, cut
    to the term's length, do.
    """
    for chunk in chunks:
        if chunk[0] <= term <= chunk[1]:
            return [chunk[2]]
    for start, end, digest in chunks:
        if term[: len(start)] >= start[: len(term)] and term[: len(end)] <= end[: len(term)]:
            return [digest]
    return []


def pages_matching(chunks: Iterable[list[Any]], query: str) -> set[int]:
    """Pages holding a word of the query: words that begin with it, and its longest stem."""
    words: dict[str, set[int]] = {}
    for chunk in chunks:
        for word, pages, *_ in chunk[0]:
            # Each page number is written as the difference from the one before it.
            numbers = itertools.accumulate(page[0] for page in pages)
            words.setdefault(word, set()).update(numbers)
    matched: set[int] = set()
    for term in query.lower().split():
        stems = [word for word in words if term.startswith(word)]
        found = [word for word in words if word.startswith(term)]
        for word in [*found, *([max(stems, key=len)] if stems else [])]:
            matched |= words[word]
    return matched


def read_pagefind(path: Path) -> Any:
    """A Pagefind meta, index or filter file, decoded."""
    try:
        data = gzip.decompress(path.read_bytes())
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        raise BundleError(f"{path}: cannot read: {error}") from error
    if not data.startswith(SIGNATURE):
        raise BundleError(f"{path}: not a Pagefind file (no {SIGNATURE.decode()} signature)")
    value, _ = decode_cbor(data, len(SIGNATURE))
    return value


def decode_cbor(data: bytes, at: int = 0) -> tuple[Any, int]:
    """One CBOR item (RFC 8949, definite lengths, as Pagefind writes) and the offset after it."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        number = info
    elif info <= 27:
        width = 1 << (info - 24)
        number, at = int.from_bytes(data[at : at + width], "big"), at + width
    else:
        raise BundleError(f"unsupported CBOR item at byte {at - 1}")
    if major == 0:
        return number, at
    if major == 1:
        return -1 - number, at
    if major in (2, 3):
        raw = data[at : at + number]
        return (raw.decode("utf-8") if major == 3 else raw), at + number
    if major == 4:
        items = []
        for _ in range(number):
            item, at = decode_cbor(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(number):
            key, at = decode_cbor(data, at)
            mapping[key], at = decode_cbor(data, at)
        return mapping, at
    if major == 6:
        return decode_cbor(data, at)
    return number, at


def kind_totals(files: dict[str, int]) -> str:
    """The files of a search summed by kind, in words: 'index 2 files 31,291 B; ...'."""
    kinds: dict[str, list[int]] = {}
    for name, size in files.items():
        if name in LOADED_BY_PAGE:
            kind = "search box"
        elif "/" in name:
            kind = name.split("/", 1)[0]
        else:
            kind = "scripts, WASM and meta"
        kinds.setdefault(kind, []).append(size)
    return "; ".join(
        f"{kind} {len(sizes)} file{'s' if len(sizes) > 1 else ''} {sum(sizes):,} B"
        for kind, sizes in sorted(kinds.items())
    )


def _read_json(path: Path) -> dict[str, Any]:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BundleError(f"{path}: cannot read: {error}") from error
    if not isinstance(value, dict):
        raise BundleError(f"{path}: not a JSON object")
    return value


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as error:
        raise BundleError(f"{path}: missing from the bundle") from error
