"""Archived copies to suggest for sources that lack one, from a Wayback-style availability API.

``GET {base}/wayback/available?url=ADDRESS`` answers with the closest copy, as the Wayback
Machine's API does: ``{"archived_snapshots": {"closest": {"available": true, "url": ...,
"timestamp": "20160606120000", "status": "200"}}}``. Only a copy that the archive says it
holds, and that was saved from a successful answer, is suggested. Nothing is written: ``links``
prints the suggestion for a curator to check and copy into the source file.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

WAYBACK = "https://archive.org"
"""The Wayback Machine, whose availability API is at /wayback/available."""


@dataclass(frozen=True)
class Snapshot:
    """An archived copy of an address: where it is and when it was saved (YYYY-MM-DD)."""

    url: str
    saved: str


def find_snapshots(
    urls: Iterable[str], base: str, timeout: float, agent: str, concurrency: int
) -> tuple[dict[str, Snapshot], frozenset[str]]:
    """Each address's closest archived copy, where the archive holds a good one.

    Also the addresses the API did not answer about, so that their warning can say so.
    """
    wanted = sorted(set(urls))
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        found = pool.map(lambda url: _lookup(url, base, timeout, agent), wanted)
        answers = dict(zip(wanted, found, strict=True))
    snapshots = {url: snapshot for url, (snapshot, _) in answers.items() if snapshot}
    return snapshots, frozenset(url for url, (_, answered) in answers.items() if not answered)


def _lookup(url: str, base: str, timeout: float, agent: str) -> tuple[Snapshot | None, bool]:
    """One address's closest copy, and whether the API answered at all."""
    try:
        return closest_snapshot(url, base, timeout, agent), True
    except ArchiveUnavailable:
        return None, False


class ArchiveUnavailable(Exception):
    """The availability API gave no answer that could be read."""


def closest_snapshot(url: str, base: str, timeout: float, agent: str) -> Snapshot | None:
    """Ask the availability API for one address; None when it has no good copy.

    Raises ``ArchiveUnavailable`` when the API does not answer, or not in JSON.
    """
    query = f"{base.rstrip('/')}/wayback/available?url={quote(url, safe='')}"
    request = urllib.request.Request(query, headers={"User-Agent": agent})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            answer = json.loads(response.read(1_000_000).decode("utf-8"))
    except (OSError, ValueError, urllib.error.URLError) as error:
        raise ArchiveUnavailable(str(error)) from error
    return _snapshot(answer)


def _snapshot(answer: Any) -> Snapshot | None:
    """The closest snapshot in an API answer, if it is available and was saved from a 200."""
    snapshots = answer.get("archived_snapshots") if isinstance(answer, dict) else None
    closest = snapshots.get("closest") if isinstance(snapshots, dict) else None
    if not isinstance(closest, dict) or closest.get("available") is not True:
        return None
    address, stamp = closest.get("url"), str(closest.get("timestamp", ""))
    if str(closest.get("status", "200")) != "200" or not isinstance(address, str):
        return None
    if urlsplit(address).scheme not in ("http", "https") or not stamp[:8].isdigit():
        return None
    if urlsplit(address).hostname == "web.archive.org":
        # The API names its copies with http://; the Wayback Machine serves them over https.
        address = "https://" + address.split("://", 1)[1]
    return Snapshot(address, f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}")


def suggestion(snapshot: Snapshot) -> str:
    """The warning text that suggests a copy, for a source without an archive_url."""
    return (
        f"has no archive_url; an archived copy saved {snapshot.saved} exists: check it and add "
        f"archive_url: {snapshot.url}"
    )
