"""sources.csv: one row per source, with how many exported incidents cite it."""

from __future__ import annotations

from typing import NamedTuple, get_args

from generator.data.tables import Column, Table, column, labelled
from generator.model import PublisherType, Reliability, Source


class SourceRow(NamedTuple):
    """A source and how many exported incidents cite it."""

    source: Source
    cited_by: int


def sources_table() -> Table[SourceRow]:
    """sources.csv: one row per source."""
    columns: tuple[Column[SourceRow], ...] = (
        column("id", "string", "source.id", "Source id."),
        column("title", "string", "source.title", "Headline as published."),
        column("title_en", "string", "source.title_en", "English rendering of the headline."),
        column(
            "copy_found",
            "boolean",
            "source.copy_found",
            "A copy was found and read (true), or looked for and none found (false).",
        ),
        column("publisher", "string", "source.publisher", "Outlet or body."),
        column("publisher_type", "string", "source.publisher_type", _KIND, _KINDS),
        column("url", "string", "source.url", "Address of the report."),
        column("archive_url", "string", "source.archive_url", "A copy in a web archive."),
        column("published", "string", "source.published", "Publication date or date-time."),
        column("language", "string", "source.language", "ISO 639-1 language code."),
        column("accessed", "date", "source.accessed", "When a curator last read it."),
        column("author", "string", "source.author", "Byline."),
        column("syndicated_from", "string", "source.syndicated_from", "Original of a copy."),
        column("reliability", "string", "source.reliability", "Curator's reading.", _LEVELS),
        column("notes", "string", "source.notes", "What a reader should know about it."),
        column("incident_count", "integer", "cited_by", "Number of exported incidents citing it."),
    )
    return Table("sources", "One row per source (a published report).", columns, ("id",))


_KINDS = get_args(PublisherType)
_KIND = labelled("Kind of publisher", "publisher_types")
_LEVELS = get_args(Reliability)
