"""What a stage makes: a generated file's content, kept in memory until the build writes it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator


class Chunks:
    """A file's text made piece by piece as it is written, so that it is never held whole.

    The data files of 100,000 records take hundreds of megabytes; their parts are kept packed
    until written. ``str()`` joins the pieces, for tests and small corpora.
    """

    def __init__(self, make: Callable[[], Iterable[str]]) -> None:
        self._make = make

    def __iter__(self) -> Iterator[str]:
        return iter(self._make())

    def __str__(self) -> str:
        return "".join(self)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Chunks) and str(self) == str(other)

    __hash__ = None  # type: ignore[assignment]


Content = str | bytes | Chunks
"""A generated file's content: text, bytes, or text made as it is written."""
