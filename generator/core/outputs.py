"""What a stage makes: a generated file's content, kept in memory until the build writes it."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

BLOCK = 1 << 20
"""The most bytes of a file read, or of a packed text unpacked, at a time: a file of every
record is never whole in memory."""


def read_blocks(handle: BinaryIO) -> Iterator[bytes]:
    """The rest of an open file, ``BLOCK`` bytes at a time."""
    while block := handle.read(BLOCK):
        yield block


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


class Packed(Chunks):
    """A file's text kept compressed in memory until it is written, then unpacked a block at a time.

    The pages that list 100,000 records and the CSV files made of every record's rows take
    hundreds of megabytes as text, and are all made before the first is written; compressed,
    they take a tenth of that. Reading one unpacks it in blocks of at most ``BLOCK`` bytes, so
    that not even a CSV file of every record is ever whole in memory. The text is made of
    ``pieces``, taken one at a time.
    """

    LEVEL = 1
    """zlib's fastest level: markup and CSV rows repeat so much that it packs them well."""
    BLOCK = BLOCK
    """The most bytes of text unpacked at a time."""

    def __init__(self, pieces: Iterable[str]) -> None:
        packer = zlib.compressobj(self.LEVEL)
        packed = [packer.compress(piece.encode("utf-8")) for piece in pieces]
        packed.append(packer.flush())
        self._packed = b"".join(packed)
        super().__init__(self._unpacked)

    def _unpacked(self) -> Iterator[bytes]:
        unpacker = zlib.decompressobj()
        view = memoryview(self._packed)
        # Fed a slice at a time: what a block leaves unread is copied, so it stays small.
        for start in range(0, len(view), self.BLOCK // 16):
            rest: bytes | memoryview = view[start : start + self.BLOCK // 16]
            while rest:
                if block := unpacker.decompress(rest, self.BLOCK):
                    yield block
                rest = unpacker.unconsumed_tail
        if tail := unpacker.flush():
            yield tail


def packed(text: str) -> Packed:
    """``text`` kept compressed until it is written (``Packed``)."""
    return Packed((text,))


def content_bytes(content: Content) -> bytes:
    """A file's whole content as the bytes written, whether text, bytes or made in pieces."""
    return b"".join(byte_pieces(content))


def byte_pieces(content: Content) -> Iterator[bytes]:
    """A file's content as the bytes written, a piece at a time: never whole if made in pieces."""
    if isinstance(content, Chunks):
        yield from (as_bytes(piece) for piece in content)
    else:
        yield as_bytes(content)


def as_bytes(piece: str | bytes) -> bytes:
    """A piece of a file as the bytes written: text as UTF-8."""
    return piece.encode("utf-8") if isinstance(piece, str) else piece


Content = str | bytes | Chunks
"""A generated file's content: text, bytes, or text made (or unpacked) as it is written."""
