"""How record values read on pages: dates to their precision, places, numbers, labels.

Pure functions of model objects (no I/O); ``jinja.template_env`` registers them as filters.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from generator.model import (
    Incident,
    Place,
    Summary,
    Vocabulary,
    When,
    country_name,
)
from generator.model.figures import format_count

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


NO_NAMES: Mapping[str, str] = {}
"""No country names known: a place then shows its country's code."""


RULE_LABELS = {
    "single-source": "single source",
    "consensus": "consensus",
    "latest-official": "latest official figure",
    "most-conservative": "most conservative figure",
    "editor-judgement": "editor's judgement",
}


PUBLISHER_TYPE_LABELS = {
    "official": "Official",
    "state-media": "State media",
    "independent": "Independent media",
    "international": "International media",
    "wire": "News agency",
    "ngo": "NGO",
    "reference": "Reference work",
    "dataset": "Dataset",
    "blog": "Blog",
}
"""How each kind of publisher reads: never its raw id."""

ATTRIBUTION_LABELS = {
    "confirmed": "confirmed",
    "claimed": "claimed",
    "suspected": "suspected",
    "alleged-by-authorities": "alleged by the authorities",
    "disputed": "disputed",
}


LANGUAGE_NAMES = {
    "ar": "Arabic", "az": "Azerbaijani", "be": "Belarusian", "bg": "Bulgarian",
    "cs": "Czech", "de": "German", "el": "Greek", "en": "English", "es": "Spanish",
    "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi",
    "hu": "Hungarian", "hy": "Armenian", "it": "Italian", "ja": "Japanese", "ka": "Georgian",
    "kk": "Kazakh", "ko": "Korean", "ky": "Kyrgyz", "mn": "Mongolian", "nl": "Dutch",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sr": "Serbian",
    "sv": "Swedish", "tg": "Tajik", "tk": "Turkmen", "tr": "Turkish", "ug": "Uyghur",
    "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "zh": "Chinese",
}  # fmt: skip
"""English names of ISO 639-1 codes; a code not listed is shown as it is."""


def language_name(code: str) -> str:
    """The English name of a language code ('ru' -> 'Russian'), or the code itself."""
    return LANGUAGE_NAMES.get(code, code)


_CYRILLIC: dict[int, int | str | None] = {
    **str.maketrans("абвгдеёзийклмнопрстуфыэәғқңөұүһі", "abvgdeeziiklmnoprstufyeagqnouuhi"),
    **{ord(k): v for k, v in {"ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh"}.items()},
    **{ord(k): v for k, v in {"щ": "shch", "ю": "yu", "я": "ya", "ъ": None, "ь": None}.items()},
}
"""Russian and Kazakh letters in Latin, for keys and file names only."""


def format_moment(value: dt.date, precision: str = "day") -> str:
    """A date or date-time as a reader sees it, no more exact than its precision."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if precision == "week":
        return f"week of {text}"
    if isinstance(value, dt.datetime) and precision in ("hour", "minute"):
        about = "about " if precision == "hour" else ""
        return f"{text}, {about}{value:%H:%M} {format_offset(value)}".rstrip()
    return text


def format_as_of(value: dt.date | None) -> str:
    """A claim's date: to the minute when a time is given, else to the day."""
    if value is None:
        return ""
    return format_moment(value, "minute" if isinstance(value, dt.datetime) else "day")


def format_offset(value: dt.datetime) -> str:
    """'UTC+06:00' for a date-time with an offset."""
    offset = value.utcoffset()
    if offset is None:
        return ""
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def format_when(when: When) -> str:
    """Start (and end) of an incident with their precision."""
    start, end = when.start, when.end
    if end is None:
        return format_moment(start, when.precision)
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime) and _same_day(when):
        about = "about " if when.precision == "hour" else ""
        day = format_moment(start, "day")
        return f"{day}, {about}{start:%H:%M} to {end:%H:%M} {format_offset(start)}".rstrip()
    return f"{format_moment(start, when.precision)} to {format_moment(end, when.precision)}"


def _same_day(when: When) -> bool:
    """Start and end are times on one day in one offset: the day is written once."""
    start, end = when.start, when.end
    return (
        isinstance(start, dt.datetime)
        and isinstance(end, dt.datetime)
        and start.date() == end.date()
        and start.utcoffset() == end.utcoffset()
        and when.precision in ("hour", "minute")
    )


def format_number(value: float | None) -> str:
    """A count as printed everywhere ('4,353'; ``figures.format_count``); '' for none."""
    return "" if value is None else format_count(value)


def country_names(vocabulary: Vocabulary) -> dict[str, str]:
    """ISO code -> the country's name, from the vocabulary: 'KZ' -> 'Kazakhstan'."""
    return {country.code: country.name for country in vocabulary.countries}


def describe_place(place: Place, countries: Mapping[str, str] = NO_NAMES) -> str:
    """Every part of a place, most exact first: 'Kaspi Bank branch, Dostyk Street, Astana'."""
    parts = [
        place.landmark,
        place.address,
        place.settlement,
        place.district,
        place.region,
        country_name(place.country, countries),
    ]
    return ", ".join(_distinct(p for p in parts if p))


def short_place(place: Place, countries: Mapping[str, str] = NO_NAMES) -> str:
    """The most specific name of a place, with its region: 'Aktobe, Aktobe Region'.

    Settlement, landmark, address or district, whichever is recorded first, then the region;
    the country's name when nothing else is recorded, never its bare code.
    """
    specific = place.settlement or place.landmark or place.address or place.district
    parts = [specific, place.region]
    return ", ".join(_distinct(p for p in parts if p)) or country_name(place.country, countries)


def place_text(incident: Incident | Summary, countries: Mapping[str, str] = NO_NAMES) -> str:
    """The first place by its most specific name, and how many other places there are.

    'Shubarshi, Aktobe Region (+1 more)': a table's cell never reads as if the incident were
    in one place only, nor grows with the number of places.
    """
    more = len(incident.places) - 1
    return short_place(incident.primary_place, countries) + (f" (+{more} more)" if more else "")


def places_summary(incident: Incident, countries: Mapping[str, str] = NO_NAMES) -> str:
    """Distinct places of an incident: 'Aktobe, Aktobe Region (3 places)'."""
    names = Counter(short_place(place, countries) for place in incident.places)
    return "; ".join(
        f"{name} ({count} places)" if count > 1 else name for name, count in names.items()
    )


def paragraphs(text: str) -> list[str]:
    """Text split into paragraphs: at blank lines, or at single line breaks of folded YAML."""
    pieces = re.split(r"\n\s*\n", text) if "\n\n" in text else text.split("\n")
    return [piece for piece in pieces if piece.strip()]


def slug_words(text: str) -> list[str]:
    """Lower-case ASCII words of a text; Cyrillic (Russian and Kazakh) is transliterated."""
    lowered = text.lower().translate(_CYRILLIC).replace("-", " ")
    ascii_text = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", ascii_text.replace("'", ""))


def slugify(text: str) -> str:
    """A stable lower-case ASCII key for a name; a short hash when nothing ASCII is left."""
    slug = "-".join(slug_words(text))[:60].strip("-")
    return slug or "n-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def _distinct(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item.casefold() not in (s.casefold() for s in seen):
            seen.append(item)
    return seen


def total_text(incident: Incident | Summary, name: str = "killed") -> str:
    """An incident's total of a figure, marked when added up ('(sum of roles)').

    The one rule for totals (``Incident.total``) is used for every count on the site. Without
    a total, what stands for one (``Incident.no_total``: 'no total; victims 0', or where a
    part's people are counted), or '–' when nothing does.
    """
    total = incident.total(name)
    return total.display if total is not None else incident.no_total(name) or "–"


def sum_totals(incidents: Iterable[Incident | Summary], name: str = "killed") -> float:
    """The sum of the best totals of a figure over incidents; those without one add nothing."""
    return sum(total.best for i in incidents if (total := i.total(name)) is not None)


def groupby_first(items: Iterable[Any], attribute: str) -> list[tuple[Any, list[Any]]]:
    """Items grouped by an attribute, in order of first appearance (Jinja's groupby sorts)."""
    groups: dict[Any, list[Any]] = {}
    for item in items:
        groups.setdefault(getattr(item, attribute), []).append(item)
    return list(groups.items())


EXTENT_WORDS = {
    "site": "site",
    "settlement": "settlement",
    "district": "district",
    "region": "region",
    "regions": "several regions",
    "country": "whole country",
}
"""How much ground a place covers, in words."""
