"""A source: one published report that records cite."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .fields import (
    Date,
    Language,
    Line,
    Moment,
    PublisherType,
    Record,
    Reliability,
    SourceId,
    Text,
    Url,
)


class Source(Record):
    """A published report that records cite; one file per source in ``content/sources/``."""

    title: Line | None = None
    """Headline as published, in the report's own language; leave out when no copy was seen."""
    title_en: Line | None = None
    """An English rendering of a headline that is not in English (the curator's translation)."""
    copy_found: Annotated[bool, Field(strict=True)] | None = None
    """Whether a curator found and read a copy of the report: false says that none was found,
    so its headline and date are unknown rather than unrecorded."""
    publisher: Line
    """Outlet or body that published it, e.g. 'Kazinform' or 'Reuters'."""
    publisher_type: PublisherType
    """What kind of publisher it is."""
    url: Url | None = None
    """Address of the report; leave out only when it could not be found, and say so in notes."""
    archive_url: Url | None = None
    """A copy in a web archive."""
    published: Moment | None = None
    """Publication date or date-time, as the report gives it."""
    language: Language
    """ISO 639-1 code of the report's language."""
    accessed: Date | None = None
    """When a curator last read it."""
    author: Line | None = None
    """Byline, where given."""
    syndicated_from: Line | None = None
    """The original publisher when this is a copy (Reuters text on a syndicating site)."""
    reliability: Reliability = "medium"
    """Curator's reading of the report's reliability."""
    notes: Text | None = None
    """What a reader should know about this source (copies, uncertainty, missing original)."""
    id: SourceId = Field(default="", exclude=True, json_schema_extra={"readOnly": True})
    """The file stem; set by the loader, never written in YAML."""

    @property
    def display_title(self) -> str:
        """The headline, or a description when the headline is not known."""
        return self.title or f"Untitled report by {self.publisher}"
