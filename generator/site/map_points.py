"""The site map's markers (cut into files by ``map_tiles``): every located place, said once.

An event in several places has a marker at each of its located places, and each of its
markers names the others, so the event reads as one. A place that covers a whole country or
several regions is named in the popup, never drawn as a point in one city. Incidents at the
same coordinates share one marker that says how many they are ('3 incidents here') and lists
them. Pure: the caller writes the JSON.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from generator.model import WIDE, Place, Summary
from generator.site.views import place_page
from generator.text import filters

WIDE_WORDS = {"country": "the whole country", "regions": "several regions"}


def is_drawn(place: Place) -> bool:
    """The place has coordinates and is narrow enough to be a point on the map."""
    return place.coordinates is not None and place.scope not in WIDE


def place_words(place: Place, countries: Mapping[str, str]) -> str:
    """How a popup names a place: 'Zhanaozen, Mangystau Region, Kazakhstan', or its extent."""
    name = filters.describe_place(place, countries)
    if place.scope in WIDE:
        return f"{name}: {WIDE_WORDS[place.scope]} (not drawn as a point)"
    return name if is_drawn(place) else f"{name} (no coordinates)"


def map_markers(incidents: Iterable[Summary], countries: Mapping[str, str]) -> list[dict[str, Any]]:
    """One marker per distinct coordinates, in order of first use, with its incidents.

    Each incident entry says where it is at this marker (``here``) and where else it happened
    (``elsewhere``: its other places, drawn or not); ``page`` is the place's section on its
    region page, where every incident there is listed.
    """
    markers: dict[tuple[float, float], dict[str, Any]] = {}
    for incident in incidents:
        for place in incident.places:
            if place.coordinates is None or not is_drawn(place):
                continue
            key = (place.coordinates.lat, place.coordinates.lon)
            # The point is named by its settlement and region: incidents there may be at
            # different sites, given no more exactly than the settlement.
            name = filters.short_place(place, countries)
            marker = markers.setdefault(
                key,
                {
                    "lat": key[0],
                    "lon": key[1],
                    "place": name,
                    "page": place_page(place, countries),
                    "incidents": [],
                },
            )
            entries = marker["incidents"]
            if not entries or entries[-1]["id"] != incident.id:
                entries.append(_entry(incident, key, countries))
    for marker in markers.values():
        count = len(marker["incidents"])
        marker["count"] = count
        marker["label"] = (
            f"{count} incidents here" if count > 1 else marker["incidents"][0]["title"]
        )
    return list(markers.values())


def _entry(
    incident: Summary, key: tuple[float, float], countries: Mapping[str, str]
) -> dict[str, Any]:
    """An incident at one marker: its page, its places there and its places elsewhere."""
    here = [place for place in incident.places if _at(place, key)]
    return {
        "id": incident.id,
        "title": incident.title,
        "date": filters.format_when(incident.when),
        "url": f"../incidents/{incident.id}/",
        "place": filters.describe_place(here[0], countries),
        "precision": here[0].coordinates.precision if here[0].coordinates else "",
        "here": [filters.describe_place(place, countries) for place in here],
        "elsewhere": [
            place_words(place, countries) for place in incident.places if not _at(place, key)
        ],
    }


def _at(place: Place, key: tuple[float, float]) -> bool:
    """The place is drawn at these coordinates."""
    found = place.coordinates
    return is_drawn(place) and found is not None and (found.lat, found.lon) == key
