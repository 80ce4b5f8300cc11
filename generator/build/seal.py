"""Seals on the pickled values the build keeps in its store, checked before unpickling.

Every pickled value in the store is sealed (``seal``): it starts with a keyed digest of its
name and bytes, made with a random key kept in the store. ``unseal`` checks the seal before
anything is unpickled, so a truncated, flipped, foreign or renamed value is never unpickled.
"""

from __future__ import annotations

import hashlib
import hmac

MAGIC = b"incident-record state 1\n"
"""What a sealed value starts with, before its keyed digest."""
SEAL_BYTES = 32


def seal(key: bytes, name: str, packed: bytes) -> bytes:
    """``packed`` (a pickle) as the value ``name``: a header, a keyed digest, the bytes."""
    return seal_head(key, name, packed) + packed


def seal_head(key: bytes, name: str, packed: bytes) -> bytes:
    """What ``seal`` puts before ``packed``: the header and the keyed digest."""
    return MAGIC + _seal_of(key, name, packed)


def unseal(key: bytes, name: str, data: bytes) -> bytes | None:
    """The bytes ``seal`` sealed as ``name`` with ``key``, or None when the seal fails."""
    start = len(MAGIC) + SEAL_BYTES
    if len(data) < start or data[: len(MAGIC)] != MAGIC:
        return None
    view = memoryview(data)
    if not hmac.compare_digest(data[len(MAGIC) : start], _seal_of(key, name, view[start:])):
        return None
    return data[start:]


def _seal_of(key: bytes, name: str, packed: bytes | memoryview) -> bytes:
    """A digest of the value's name and bytes keyed with ``key``: no one else can make it."""
    digest = hashlib.blake2b(key=key, digest_size=SEAL_BYTES)
    digest.update(name.encode("utf-8") + b"\0")
    digest.update(packed)
    return digest.digest()
