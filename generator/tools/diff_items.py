"""What ``diff`` compares inside a record: list items by what they are, long texts by word.

A list item is the same item in both versions when it is equal, or when it has the same
identity: its ``id``, or the source that states it and who stated it. Items with neither are
paired with an unmatched item of the other version that has at least half its fields equal.
So an item inserted at the top of a list is one item added, not every item after it changed,
and an edited claim shows only the fields that changed.
"""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Iterator
from typing import Any

LONG_TEXT_WORDS = 12
"""A text of more words than this is shown as a word diff rather than whole, twice."""
CONTEXT_WORDS = 6
"""Unchanged words kept on each side of a change in a word diff; the rest are elided."""


def differences(old: Any, new: Any, path: str) -> Iterator[tuple[str, Any, Any]]:
    """(field path, old, new) for each difference between two dumps of the same model.

    A list item added or removed is one change; items are matched by ``pair_items``, not by
    position, and named by their index in the new list (in the old one when removed).
    """
    if isinstance(old, dict) and isinstance(new, dict):
        for key in new:
            yield from differences(old.get(key), new[key], f"{path}.{key}" if path else key)
    elif isinstance(old, list) and isinstance(new, list):
        pairs, removed, added = pair_items(old, new)
        yield from ((f"{path}[{j}]", old[j], None) for j in removed)
        matched = {i: j for j, i in pairs}
        for index, item in enumerate(new):
            if index in matched:
                yield from differences(old[matched[index]], item, f"{path}[{index}]")
            else:
                yield f"{path}[{index}]", None, item
        moved = [j for j, _ in pairs] != sorted(j for j, _ in pairs)
        if moved and not removed and not added and all(old[j] == new[i] for j, i in pairs):
            yield path, old, new  # the same items in another order
    elif old != new:
        yield path, old, new


def identity(item: Any) -> Hashable | None:
    """What makes a list item the same item when its other fields change, if anything."""
    if not isinstance(item, dict):
        return None
    if item.get("id") is not None:
        return ("id", str(item["id"]))
    if item.get("source") is not None:
        return ("source", str(item["source"]), str(item.get("stated_by")))
    return None


def pair_items(
    old: list[Any], new: list[Any]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs of (old index, new index) for the same item, then old items removed, new added.

    Pairs are in the new list's order.
    """
    free_old = list(range(len(old)))
    pairs: dict[int, int] = {}
    for rule in (_equal, _same_identity, _alike):
        for index, item in enumerate(new):
            if index in pairs:
                continue
            match = next((j for j in free_old if rule(old[j], item)), None)
            if match is not None:
                pairs[index] = match
                free_old.remove(match)
    added = [index for index in range(len(new)) if index not in pairs]
    return sorted(((j, i) for i, j in pairs.items()), key=lambda pair: pair[1]), free_old, added


def _equal(old: Any, new: Any) -> bool:
    return bool(old == new)


def _same_identity(old: Any, new: Any) -> bool:
    key = identity(new)
    return key is not None and identity(old) == key


def _alike(old: Any, new: Any) -> bool:
    if not isinstance(old, dict) or not isinstance(new, dict):
        return False
    if identity(old) is not None and identity(new) is not None:
        return False  # two items with identities are the same item only by them
    empty: tuple[Any, ...] = (None, [], "")
    keys = {key for key in (*old, *new) if old.get(key) not in empty or new.get(key) not in empty}
    same = sum(1 for key in keys if old.get(key) == new.get(key))
    return bool(keys) and 2 * same >= len(keys)


def is_long(old: Any, new: Any) -> bool:
    """Whether two values are texts long enough to compare word by word."""
    if not isinstance(old, str) or not isinstance(new, str):
        return False
    return max(len(old.split()), len(new.split())) > LONG_TEXT_WORDS


def word_diff(old: str, new: str) -> str:
    """The new text with removed words in ``[-...-]`` and added ones in ``{+...+}``.

    As ``git diff --word-diff`` shows a changed line; long unchanged runs between changes are
    cut to a few words on each side, with '…' for what was left out.
    """
    before, after = old.split(), new.split()
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    opcodes = matcher.get_opcodes()
    parts: list[str] = []
    for number, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            parts += _kept(after[j1:j2], first=number == 0, last=number == len(opcodes) - 1)
            continue
        if i2 > i1:
            parts.append("[-" + " ".join(before[i1:i2]) + "-]")
        if j2 > j1:
            parts.append("{+" + " ".join(after[j1:j2]) + "+}")
    return " ".join(parts)


def _kept(words: list[str], first: bool, last: bool) -> list[str]:
    """An unchanged run of words, cut to the context a reader needs around the changes."""
    head = [] if first else words[:CONTEXT_WORDS]
    tail = [] if last else words[-CONTEXT_WORDS:]
    if len(head) + len(tail) >= len(words):
        return words
    return [*head, "…", *tail]
