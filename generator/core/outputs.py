"""What a stage makes: a generated file's content, kept in memory until the build writes it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator


class Chunks:
    """A file's content made piece by piece as it is written, so that it is never held whole.

    The data files of 100,000 records take hundreds of megabytes; their parts are kept packed
    until written. Pieces are text (written as UTF-8) or bytes (a binary file, such as the
    SQLite database). ``str()`` and ``bytes()`` join the pieces, for tests and small corpora.
    """

    def __init__(self, make: Callable[[], Iterable[str | bytes]]) -> None:
        self._make = make

    def __iter__(self) -> Iterator[str | bytes]:
        return iter(self._make())

    def __bytes__(self) -> bytes:
        return b"".join(as_bytes(piece) for piece in self)

    def __str__(self) -> str:
        return bytes(self).decode("utf-8")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Chunks) and bytes(self) == bytes(other)

    __hash__ = None  # type: ignore[assignment]


def as_bytes(piece: str | bytes) -> bytes:
    """A piece of a file as the bytes written: text as UTF-8."""
    return piece.encode("utf-8") if isinstance(piece, str) else piece


Content = str | bytes | Chunks
"""A generated file's content: text, bytes, or text made as it is written."""
