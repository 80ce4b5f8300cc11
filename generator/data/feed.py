"""The Atom feed (RFC 4287) of incidents added or changed, dated from git history.

An entry's ``published`` and ``updated`` are the first and last commit dates of its record
file; a record not yet committed falls back to its ``created`` date, so output stays
reproducible. Ids are name-based UUIDs: they survive a change of the site's address.
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

from generator.core.history import History
from generator.core.settings import Settings
from generator.model import Incident, Summary

FEED_PATH = "incidents.atom"
"""The feed's file name under data/."""
FEED_LIMIT = 100
"""Entries in the feed: the most recently changed incidents."""
ATOM = "http://www.w3.org/2005/Atom"
_NAMESPACE = uuid.UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")  # uuid.NAMESPACE_URL


@dataclass(frozen=True)
class Entry:
    """An incident with its feed dates."""

    incident: Incident
    published: dt.datetime
    updated: dt.datetime


def entry_id(name: str) -> str:
    """A stable ``urn:uuid:`` id for a feed or an incident."""
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'incident-record:{name}')}"


def rfc3339(moment: dt.datetime) -> str:
    """An aware date-time in RFC 3339 form."""
    return moment.isoformat().replace("+00:00", "Z")


Dated = tuple[str, dt.datetime, dt.datetime]
"""A feed entry as chosen: the record's id, when it was published and last updated."""


def chosen_entries(
    summaries: Iterable[Summary], settings: Settings, history: History
) -> list[Dated]:
    """The most recently changed incidents, newest first (ties by id), by their summaries."""
    dated = []
    folder = _records_folder(settings)
    for summary in summaries:
        created = dt.datetime.combine(summary.created, dt.time(), tzinfo=dt.UTC)
        dates = history.get(f"{folder}{summary.id}.yaml")
        published = (dates.added if dates else None) or created
        updated = (dates.updated if dates else None) or published
        dated.append((summary.id, published, updated))
    dated.sort(key=lambda entry: (-entry[2].timestamp(), entry[0]))
    return dated[:FEED_LIMIT]


def _records_folder(settings: Settings) -> str:
    """Where the record files are, as the git history names them ('content/incidents/')."""
    folder = settings.content_dir / "incidents"
    try:
        return f"{folder.relative_to(settings.root).as_posix()}/"
    except ValueError:
        return "content/incidents/"


def render_feed(
    chosen: list[Dated],
    records: Callable[[Collection[str]], Mapping[str, Incident]],
    settings: Settings,
    site_name: str,
    site_url: str,
) -> str:
    """The Atom document; links are relative to the feed when the site URL is unknown.

    Its entries are the ``chosen`` ones (``chosen_entries``); ``records`` gives those
    records by id.
    """
    found = records({key for key, _, _ in chosen})
    entries = [Entry(found[key], published, updated) for key, published, updated in chosen]
    fallback = dt.datetime.combine(settings.today, dt.time(), tzinfo=dt.UTC)
    # Names stay unqualified and the root carries xmlns: ElementTree then writes plain
    # Atom without ns0: prefixes.
    feed = ET.Element("feed", {"xmlns": ATOM})
    _text(feed, "id", entry_id("feed"))
    _text(feed, "title", f"{site_name}: incidents added or changed")
    _text(feed, "updated", rfc3339(entries[0].updated if entries else fallback))
    author = ET.SubElement(feed, "author")
    _text(author, "name", site_name)
    _link(feed, "alternate", site_url or "../", "text/html")
    if site_url:
        _link(feed, "self", f"{site_url}data/{FEED_PATH}", "application/atom+xml")
    _text(feed, "generator", "incident-record")
    for entry in entries:
        _entry(feed, entry, site_url or "../")
    ET.indent(feed)
    body = ET.tostring(feed, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


def _entry(feed: ET.Element, entry: Entry, base: str) -> None:
    incident = entry.incident
    element = ET.SubElement(feed, "entry")
    withdrawn = incident.status == "withdrawn"
    _text(element, "id", entry_id(f"incident:{incident.id}"))
    _text(element, "title", f"Withdrawn: {incident.title}" if withdrawn else incident.title)
    _link(element, "alternate", f"{base}incidents/{incident.id}/", "text/html")
    _text(element, "published", rfc3339(entry.published))
    _text(element, "updated", rfc3339(entry.updated))
    for kind in incident.types:
        category = ET.SubElement(element, "category")
        category.set("term", kind)
    summary = incident.summary.strip()
    if withdrawn and incident.withdrawn_reason:
        summary = f"Withdrawn: {incident.withdrawn_reason.strip()}\n\n{summary}"
    _text(element, "summary", summary).set("type", "text")


def _text(parent: ET.Element, name: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, name)
    element.text = text
    return element


def _link(parent: ET.Element, rel: str, href: str, media_type: str) -> None:
    link = ET.SubElement(parent, "link")
    link.set("rel", rel)
    link.set("type", media_type)
    link.set("href", href)
