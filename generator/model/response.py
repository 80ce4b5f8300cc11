"""What was done: officials, the response and its tactics, each party's fate, hostage-takings."""

from __future__ import annotations

from pydantic import Field

from .fields import FateCategory, Line, Moment, Record, Slug, SourceId, Text


class Official(Record):
    """A named official and the part they played."""

    name: Line
    position: Line
    role: Line
    sources: tuple[SourceId, ...] = Field(min_length=1)


class Tactic(Record):
    """A tactic the responders used, from the vocabulary, with its source."""

    tactic: Slug
    sources: tuple[SourceId, ...] = Field(min_length=1)
    note: Text | None = None


class Fate(Record):
    """What happened to a party's members (detained, killed...), in the words reported."""

    party: Slug
    """The party it happened to (an id from the record's parties)."""
    words: Line
    """As reported: 'neutralized', 'detained, uninjured'."""
    category: FateCategory = "unclear"
    """What the words amount to: killed, injured, detained, surrendered, at large, unclear."""
    stated_by: Line
    """Who stated it."""
    as_of: Moment | None = None
    """When it was stated, where the source says."""
    source: SourceId
    """The source that reports it."""


class Response(Record):
    """How the response went and who led it; the forces are parties with the role 'responder'."""

    led_by: Line | None = None
    tactics: tuple[Tactic, ...] = ()


class Demand(Record):
    """A demand the hostage-takers made, as a source reports it."""

    text: Text
    stated_by: Line
    source: SourceId


class HostageTaking(Record):
    """The hostage block; counts live in the figures (hostages, hostages-released...)."""

    demands: tuple[Demand, ...] = ()
    negotiators: tuple[Official, ...] = ()
    outcome: Text | None = None
    sources: tuple[SourceId, ...] = Field(min_length=1)
