"""Field types of the record format: dates, URLs, texts, ids, counts and closed vocabularies."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal

import pycountry
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from generator.core.precheck import FORBIDDEN_IN_TEXT

ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
INCIDENT_ID_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:-[a-z0-9]+)+"
MAX_ID_LENGTH = 64


_DAY_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_day(text: str) -> dt.date | None:
    """Read a YYYY-MM-DD calendar date, as records and command-line options give it, or None."""
    text = text.strip()
    if not _DAY_SHAPE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def country_name(code: str, names: Mapping[str, str] | None = None) -> str:
    """A country's name: the vocabulary's (``names``), else ISO 3166-1's, else the code."""
    if names and code in names:
        return names[code]
    found = pycountry.countries.get(alpha_2=code)
    return str(getattr(found, "common_name", None) or found.name) if found else code


def _parse_moment(value: Any) -> Any:
    """Turn an ISO 8601 date or date-time with UTC offset into ``date`` or ``datetime``."""
    if isinstance(value, dt.datetime | dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError("must be a date (YYYY-MM-DD) or a date-time with UTC offset")
    text = value.strip()
    day = parse_day(text)
    if day is not None:
        return day
    if _DAY_SHAPE.fullmatch(text):
        raise ValueError("must be a real calendar date")
    if re.fullmatch(
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?([+-][0-9]{2}:[0-9]{2}|Z)",
        text,
    ):
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError("must be a real calendar date and time") from None
    raise ValueError(
        "must be a date (YYYY-MM-DD) or a date-time with UTC offset (YYYY-MM-DDTHH:MM+06:00)"
    )


def _parse_date(value: Any) -> Any:
    """Turn an ISO 8601 calendar date into ``date``."""
    moment = _parse_moment(value)
    if isinstance(moment, dt.datetime):
        raise ValueError("must be a date (YYYY-MM-DD) without a time")
    return moment


def _check_url(value: str) -> str:
    """Accept only absolute http(s) URLs: never javascript:, data: or file:."""
    if not re.fullmatch(r"https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?", value, flags=re.ASCII):
        raise ValueError("must be an absolute http:// or https:// URL")
    _check_characters(value)
    return value


def _check_text(value: str) -> str:
    """Reject control characters other than newline and tab, and non-characters."""
    _check_characters(value)
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _check_characters(value: str) -> None:
    """C0 and C1 controls (but newline and tab), surrogates and non-characters are refused.

    A double-quoted YAML escape can write any of them, and any of them in a page's front
    matter makes MkDocs render the front matter as Markdown.
    """
    found = FORBIDDEN_IN_TEXT.search(value)
    if found is not None:
        kind = "non-characters" if ord(found.group()) > 0x9F else "control characters"
        raise ValueError(f"must not contain {kind}")


_DATE_SCHEMA = {"type": "string", "format": "date"}
_MOMENT_SCHEMA = {
    "type": "string",
    "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"([T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?([+-][0-9]{2}:[0-9]{2}|Z))?$",
    "description": "A date (YYYY-MM-DD) or a date-time with UTC offset (YYYY-MM-DDTHH:MM+06:00).",
}

Date = Annotated[dt.date, BeforeValidator(_parse_date), WithJsonSchema(_DATE_SCHEMA)]
Moment = Annotated[
    dt.datetime | dt.date, BeforeValidator(_parse_moment), WithJsonSchema(_MOMENT_SCHEMA)
]
Url = Annotated[str, AfterValidator(_check_url), Field(max_length=2000)]
Line = Annotated[str, AfterValidator(_check_text), Field(max_length=300)]
Text = Annotated[str, AfterValidator(_check_text), Field(max_length=5000)]
Slug = Annotated[str, Field(pattern=f"^{ID_PATTERN}$", max_length=MAX_ID_LENGTH)]
SourceId = Slug
IncidentId = Annotated[str, Field(pattern=f"^{INCIDENT_ID_PATTERN}$", max_length=MAX_ID_LENGTH)]
Count = Annotated[
    Annotated[int, Field(strict=True)] | Annotated[float, Field(strict=True)], Field(ge=0)
]

Precision = Literal["minute", "hour", "day", "week", "month", "year"]
Role = Literal[
    "total", "victims", "perpetrators", "security-forces", "civilians", "hostages", "unknown"
]
"""Whose count a figure is; 'victims' is everyone but the perpetrators, for unsplit tolls."""
Qualifier = Literal["exact", "about", "at-least", "at-most"]
Attribution = Literal["confirmed", "claimed", "suspected", "alleged-by-authorities", "disputed"]
PublisherType = Literal[
    "official",
    "state-media",
    "independent",
    "international",
    "wire",
    "ngo",
    "reference",
    "dataset",
    "blog",
]
Reliability = Literal["high", "medium", "low"]
Rule = Literal[
    "single-source", "consensus", "latest-official", "most-conservative", "editor-judgement"
]
Relation = Literal[
    "part-of",
    "preceded-by",
    "followed-by",
    "same-perpetrators",
    "response-to",
    "linked",
]
AftermathKind = Literal[
    "investigation",
    "charges",
    "arrest",
    "trial",
    "sentence",
    "alert-level",
    "compensation",
    "mourning",
    "policy",
    "other",
]
FateCategory = Literal["killed", "injured", "detained", "surrendered", "at-large", "unclear"]
StatementKind = Literal["quote", "paraphrase"]
Extent = Literal["site", "settlement", "district", "region", "regions", "country"]
"""How much ground a place covers: one site, a settlement, a district, a region, several
regions, or the whole country."""
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
"""ISO 3166-1 alpha-2."""
CurrencyCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
"""ISO 4217."""
CoordinatePrecision = Literal["exact", "street", "district", "settlement", "region", "country"]
Status = Literal["draft", "published", "withdrawn"]
Language = Annotated[str, Field(pattern=r"^[a-z]{2}$")]


class Record(BaseModel):
    """Base of every model: unknown keys rejected, immutable; numbers and flags are strict."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)
