"""An incident and its parts: when, where, who, what was counted and what followed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cached_property
from typing import Annotated

from pydantic import Field, model_validator

from .citations import cited_ids
from .fields import (
    AftermathKind,
    Date,
    IncidentId,
    Language,
    Line,
    Moment,
    Precision,
    Record,
    Relation,
    Slug,
    SourceId,
    StatementKind,
    Status,
    Text,
)
from .figures import Figure
from .parties import (
    Identifiers,
    Label,
    Measure,
    MotiveClaim,
    Party,
    TargetClaim,
    Violence,
    WeaponClaim,
    derived_role,
)
from .places import Place
from .response import Fate, HostageTaking, Official, Response
from .totals import PART_COUNTED, Total, no_total_text, role_estimates, total_from


class Name(Record):
    """The incident's name in another language."""

    lang: Language
    text: Line
    source: SourceId | None = None


class DateClaim(Record):
    """One source's statement of when the incident happened."""

    start: Moment
    end: Moment | None = None
    precision: Precision = "day"
    stated_by: Line | None = None
    source: SourceId
    uncertain: Annotated[bool, Field(strict=True)] = False
    """The report that states it is not pinned down, or it is only in a low-reliability source."""
    note: Text | None = None


class When(Record):
    """When it happened: the curated start and end, and competing dates where sources disagree."""

    start: Moment
    end: Moment | None = None
    precision: Precision
    """How exact ``start`` is: a date given with ``precision: month`` means 'that month'."""
    claims: tuple[DateClaim, ...] = ()
    """What each source said, when sources disagree on the date or time."""
    note: Text | None = None

    @property
    def is_disputed(self) -> bool:
        """Sources give more than one start."""
        return len({claim.start for claim in self.claims}) > 1


class ResponsibilityClaim(Record):
    """A claim of responsibility by a group, and how credible it was judged."""

    claimant: Line
    text: Text | None = None
    as_of: Date | None = None
    credibility_note: Text | None = None
    source: SourceId
    uncertain: Annotated[bool, Field(strict=True)] = False
    """The report that states it is not pinned down, or it is only in a low-reliability source."""


class TimelineEntry(Record):
    """A moment in the incident."""

    time: Moment
    precision: Precision = "minute"
    text: Text
    sources: tuple[SourceId, ...] = Field(min_length=1)


class Statement(Record):
    """An attributed quote or paraphrase."""

    speaker: Line
    position: Line | None = None
    date: Moment | None = None
    kind: StatementKind
    text: Text
    source: SourceId
    locator: Line | None = None


class AftermathEntry(Record):
    """What followed: investigation, charges, trials, alert levels."""

    date: Date | None = None
    kind: AftermathKind
    text: Text
    sources: tuple[SourceId, ...] = Field(min_length=1)


class Related(Record):
    """A link to another incident and how they are related (read from this incident)."""

    id: IncidentId
    relation: Relation
    note: Text | None = None


class Incident(Record):
    """One incident: one file in ``content/incidents/``, named by its id."""

    title: Line
    names: tuple[Name, ...] = ()
    """Names in Russian, Kazakh or other languages, where sources give them."""
    status: Status
    withdrawn_reason: Text | None = None
    created: Date
    summary: Text
    when: When
    places: tuple[Place, ...] = Field(min_length=1)
    types: tuple[Slug, ...] = ()
    """Incident types from the vocabulary; a draft may leave them for later."""
    labels: tuple[Label, ...] = ()
    violence: Violence | None = None
    """The category of organised violence (UCDP), with who classified it."""
    targets: tuple[TargetClaim, ...] = ()
    weapons: tuple[WeaponClaim, ...] = ()
    motives: tuple[MotiveClaim, ...] = ()
    identifiers: Identifiers = Identifiers()
    """The incident's ids in GTD, ACLED, UCDP GED and Wikidata."""
    parties: tuple[Party, ...] = ()
    """Every side: who attacked, who was attacked or harmed, who responded."""
    responsibility_claims: tuple[ResponsibilityClaim, ...] = ()
    officials: tuple[Official, ...] = ()
    figures: tuple[Figure, ...] = ()
    response: Response = Response()
    outcome: Line | None = None
    """One line: how it ended."""
    fates: tuple[Fate, ...] = ()
    """What happened to each party's members (killed, detained, at large...), as reported."""
    measures: tuple[Measure, ...] = ()
    """Alert levels, states of emergency, curfews, shutdowns declared because of the event."""
    hostage_taking: HostageTaking | None = None
    timeline: tuple[TimelineEntry, ...] = ()
    statements: tuple[Statement, ...] = ()
    aftermath: tuple[AftermathEntry, ...] = ()
    related: tuple[Related, ...] = ()
    notes: Text | None = None
    id: IncidentId = Field(default="", exclude=True, json_schema_extra={"readOnly": True})
    """The file stem; set by the loader, never written in YAML."""

    @model_validator(mode="after")
    def _derive_figure_roles(self) -> Incident:
        """A party's figure that states no role takes the role its party implies."""
        parties = {party.id: party for party in self.parties}
        figures = tuple(
            figure.model_copy(update={"role": derived_role(parties[figure.party])})
            if figure.party in parties and "role" not in figure.model_fields_set
            else figure
            for figure in self.figures
        )
        if figures != self.figures:
            object.__setattr__(self, "figures", figures)
        return self

    @property
    def year(self) -> int:
        """Year of the start."""
        return self.when.start.year

    @property
    def date(self) -> dt.date:
        """Calendar date of the start."""
        start = self.when.start
        return start.date() if isinstance(start, dt.datetime) else start

    @property
    def primary_place(self) -> Place:
        """The first place listed."""
        return self.places[0]

    @cached_property
    def source_ids(self) -> tuple[str, ...]:
        """Every source the record cites, in order of first citation."""
        return tuple(dict.fromkeys(cited_ids(self)))

    def figure(self, name: str, role: str = "total") -> Figure | None:
        """The figure with this name and role for the whole event (no party or place), if any."""
        return next((f for f in self.figures if f.key == (name, role) and not f.is_part), None)

    def party(self, party_id: str) -> Party | None:
        """The party with this id, if defined."""
        return next((p for p in self.parties if p.id == party_id), None)

    def place(self, place_id: str) -> Place | None:
        """The place with this id, if defined."""
        return next((p for p in self.places if p.id == place_id), None)

    def parties_in(self, role: str) -> tuple[Party, ...]:
        """The parties that played this role (attacker, target, responder)."""
        return tuple(p for p in self.parties if role in p.roles)

    def fates_of(self, role: str) -> tuple[Fate, ...]:
        """The fates of the parties that played this role ('attacker': the perpetrators' fate)."""
        ids = {p.id for p in self.parties_in(role)}
        return tuple(f for f in self.fates if f.party in ids)

    def total(self, name: str) -> Total | None:
        """The whole count of a figure: curated, or added up from disjoint roles."""
        return self.figure_totals.get(name)

    def no_total(self, name: str) -> str:
        """What stands for a figure's total where there is none and no claim of one, or ''.

        What its roles count ('no total; victims 0'); or, for a record that is part of another
        and keeps no figures (``counted_in_whole``), where its people are counted.
        """
        if self.figure(name) is not None:
            return ""  # claims of the total, with no estimate: they are shown instead
        if self.counted_in_whole:
            return PART_COUNTED
        return no_total_text(self.role_counts.get(name, {}))

    @property
    def counted_in_whole(self) -> bool:
        """It is part of another record and keeps no figures: the whole record counts them.

        So that no one is counted twice (the curators' guide: figures go in the whole only).
        """
        return not self.figures and any(item.relation == "part-of" for item in self.related)

    @cached_property
    def figure_totals(self) -> Mapping[str, Total | None]:
        """Each figure's whole count by name, worked out once: pages, report and data ask often."""
        # A plain dict, not a read-only view: the record is pickled into the build's store.
        return {name: total_from(counts) for name, counts in self.role_counts.items()}

    def role_count(self, name: str, role: str) -> Total | None:
        """A role's count of a figure for the whole event, or None when it has none.

        Its own estimate, else its parties' estimates added up (``role_estimates``). The
        report's chart and sums and incidents.csv all read a role's count here.
        """
        return self.role_counts.get(name, {}).get(role)

    @cached_property
    def role_counts(self) -> Mapping[str, Mapping[str, Total]]:
        """Each figure's counts by role (``role_count``), worked out once."""
        names = dict.fromkeys(figure.figure for figure in self.figures)
        return {name: role_estimates(self.figures, name) for name in names}

    def best(self, name: str, role: str = "total") -> float | None:
        """The best estimate of a figure, if there is one."""
        found = self.figure(name, role)
        return found.estimate.best if found and found.estimate else None
