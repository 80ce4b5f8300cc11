"""Parties and what they were called, the event's classification, and declared measures."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field

from .fields import (
    Attribution,
    CountryCode,
    Date,
    Line,
    Moment,
    Record,
    Role,
    Slug,
    SourceId,
    Text,
)

PartyRole = Literal["attacker", "target", "responder"]
"""What a party did: carried out violence, was attacked or harmed, or responded to restore order."""

PartyKind = Literal[
    "police",
    "military",
    "national-guard",
    "special-forces",
    "security-service",
    "state-forces",
    "state-body",
    "armed-group",
    "individual",
    "rioters",
    "protesters",
    "communal-group",
    "civilians",
    "foreign-forces",
    "prisoners",
    "unknown",
]
"""What kind of party it is, aligned with ACLED's actor types and UCDP's sides (see PARTY_KINDS)."""


@dataclass(frozen=True)
class KindInfo:
    """How a party kind reads, and where it sits in ACLED's and UCDP's schemes."""

    label: str
    acled: str
    """ACLED's actor type (inter code and name), or '' where ACLED has none."""
    state: bool
    """Part of the state: UCDP's government side, ACLED's State forces."""


PARTY_KINDS: dict[str, KindInfo] = {
    "police": KindInfo("Police", "1 State forces", True),
    "military": KindInfo("Military", "1 State forces", True),
    "national-guard": KindInfo("National Guard", "1 State forces", True),
    "special-forces": KindInfo("Special unit", "1 State forces", True),
    "security-service": KindInfo("Security service", "1 State forces", True),
    "state-forces": KindInfo("State forces", "1 State forces", True),
    "state-body": KindInfo("Other state body", "1 State forces", True),
    "armed-group": KindInfo("Armed group", "2 Rebel groups or 3 Political militias", False),
    "individual": KindInfo("Individual", "", False),
    "rioters": KindInfo("Crowd or rioters", "5 Rioters", False),
    "protesters": KindInfo("Protesters or strikers", "6 Protesters", False),
    "communal-group": KindInfo("Communal or ethnic group", "4 Identity militias", False),
    "civilians": KindInfo("Civilians", "7 Civilians", False),
    "foreign-forces": KindInfo("Foreign or external forces", "8 External/Other forces", False),
    # ACLED has no actor type for prisoners: inmates who riot are its Rioters, inmates harmed
    # its Civilians; UCDP counts them on no side.
    "prisoners": KindInfo("Prisoners or inmates", "5 Rioters or 7 Civilians", False),
    "unknown": KindInfo("Unknown", "", False),
}

ViolenceCategory = Literal["state-based", "non-state", "one-sided"]
"""UCDP's types of organised violence: state-based (a government is one side), non-state (no
government side) and one-sided (an organised actor against civilians)."""


class Label(Record):
    """A label someone applied, such as 'terrorism' for an event or 'terrorists' for a party."""

    label: Line
    """The words applied ('terrorists', 'act of terrorism')."""
    applied_by: Line
    """Who applied them: an official, a body, an outlet."""
    as_of: Date | None = None
    """When, where the source says."""
    source: SourceId
    """The source that reports it."""
    quote: Text | None = None
    """The words quoted from the source."""
    uncertain: Annotated[bool, Field(strict=True)] = False
    """The report that states it is not pinned down, or it is only in a low-reliability source."""
    note: Text | None = None


class Party(Record):
    """One side of an incident: a force, a group, a crowd, a person or the people harmed."""

    id: Slug
    """Unique within the record; figures, fates and measures refer to the party by it."""
    kind: PartyKind
    """What kind of party it is: a force, a group, a crowd, people harmed (ACLED's actor types)."""
    roles: tuple[PartyRole, ...] = Field(min_length=1)
    """What it did: attacker, target, responder (one or more)."""
    name: Line | None = None
    """A proper name or the record's short label ('Civilians', 'Arystan special unit')."""
    description: Text | None = None
    """What the record says of it; its first sentence names an unnamed party."""
    agency: Line | None = None
    """The body a state force belongs to (the Ministry of Internal Affairs, say)."""
    nationalities: tuple[CountryCode, ...] = ()
    """The countries of its people's nationality (ISO 3166-1 alpha-2 codes), as far as the
    sources name them (a list need not be complete): foreign workers of several nationalities."""
    response_role: Literal["lead", "support"] | None = None
    """For a responder: led the response or supported it, where a source says."""
    attribution: Attribution | None = None
    """For an attacker: how firmly the attack is attributed to this party."""
    attributed_by: Line | None = None
    """Who attributed the attack to it."""
    called: tuple[Label, ...] = ()
    """What sources or officials called this party, each attributed."""
    sources: tuple[SourceId, ...] = Field(min_length=1)
    """The sources that report the party."""

    @property
    def actor_page(self) -> Literal["groups", "units"] | None:
        """Which actors' pages list this party.

        Named state forces are units; named groups that attacked are groups; people, crowds and
        the unnamed have none.
        """
        if not self.name:
            return None
        if PARTY_KINDS[self.kind].state:
            return "units"
        if "attacker" in self.roles and self.kind in (
            "armed-group",
            "communal-group",
            "foreign-forces",
        ):
            return "groups"
        return None

    @property
    def display_name(self) -> str:
        """The name, else the first sentence of what the record says of it ('An armed group')."""
        return self.name or self.description_head

    @property
    def description_head(self) -> str:
        """The description's first sentence without its full stop, at most 80 characters."""
        text = " ".join((self.description or self.id).split())
        head = re.split(r"(?<=[a-z\)])[.;:] ", text, maxsplit=1)[0].rstrip(".")
        if len(head) > 60:
            head = head.split(", ", 1)[0]
        return head if len(head) <= 80 else head[:77].rsplit(" ", 1)[0] + "…"

    @property
    def description_rest(self) -> str:
        """The description after the first sentence (all of it for a named party)."""
        text = " ".join((self.description or "").split())
        head = self.description_head
        if self.name or head.endswith("…"):
            return text
        rest = text[len(head) :]
        if rest.startswith(". "):
            return rest[2:]
        return rest.lstrip(".,;: ")


class Violence(Record):
    """The incident's category of organised violence in UCDP's sense, and who classified it."""

    category: ViolenceCategory
    """UCDP's type of organised violence: state-based, non-state or one-sided."""
    classified_by: Line
    """'Editors of this record', 'UCDP GED'... never unattributed."""
    source: SourceId | None = None
    """The source of the classification, where it is not the editors'."""
    rationale: Text | None = None
    """Why it is classified so."""


class TargetClaim(Record):
    """A type of target (GTD's target types), as a source states it."""

    type: Slug
    """A type from the vocabulary."""
    detail: Line | None = None
    stated_by: Line
    source: SourceId
    note: Text | None = None


class WeaponClaim(TargetClaim):
    """A type of weapon used (GTD's weapon types), as a source states it."""

    party: Slug | None = None
    """The party that used it, when the source says."""


class MotiveClaim(Record):
    """A stated or alleged motive, attributed."""

    text: Text
    stated_by: Line
    as_of: Date | None = None
    source: SourceId
    quote: Text | None = None
    uncertain: Annotated[bool, Field(strict=True)] = False
    """The report that states it is not pinned down, or it is only in a low-reliability source."""


class Identifiers(Record):
    """The incident's ids in other datasets, for reconciling records with them."""

    gtd: tuple[Annotated[str, Field(pattern=r"^[0-9]{12}$")], ...] = ()
    """Global Terrorism Database event ids (eventid, 12 digits)."""
    acled: tuple[Annotated[str, Field(pattern=r"^[A-Z]{2,3}[0-9]{1,8}$")], ...] = ()
    """ACLED event ids (event_id_cnty, such as KAZ1234)."""
    ucdp_ged: tuple[Annotated[int, Field(strict=True, ge=1)], ...] = ()
    """UCDP Georeferenced Event Dataset ids."""
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")] | None = None
    """The Wikidata item (Q...)."""

    @property
    def is_empty(self) -> bool:
        """No identifier is given."""
        return not (self.gtd or self.acled or self.ucdp_ged or self.wikidata)


class Measure(Record):
    """A measure the authorities declared: an alert level, a state of emergency, a curfew..."""

    kind: Slug
    """A measure kind from the vocabulary."""
    level: Line | None = None
    """The level where the measure has levels ('yellow', 'red')."""
    area: Line
    """Where it applied, as declared ('Aktobe Region', 'nationwide')."""
    places: tuple[Slug, ...] = ()
    """Ids of the record's places it covered, where they are listed."""
    declared_by: Line | None = None
    """Who declared it, the body or official; left out when the reports do not say."""
    start: Moment
    """When it took effect."""
    end: Moment | None = None
    """When it ended; left out while the measure is in force or when its end is not reported."""
    decreed_end: Moment | None = None
    """The end first decreed ('until 5 January'), where a report gives it: a measure extended or
    lifted early ends on another day (``end``)."""
    sources: tuple[SourceId, ...] = Field(min_length=1)
    """The sources that report it."""
    note: Text | None = None


def derived_role(party: Party) -> Role:
    """The role a party's figures count in when they state none.

    State forces count as security forces, and so do foreign forces sent in to respond (a
    neighbour's or an alliance's troops); a party that only attacked, as perpetrators; a party
    of unknown kind, as unknown; every other party that was attacked or harmed, as civilians.
    """
    if PARTY_KINDS[party.kind].state or (
        party.kind == "foreign-forces" and "responder" in party.roles
    ):
        return "security-forces"
    if "target" not in party.roles and "attacker" in party.roles:
        return "perpetrators"
    return "unknown" if party.kind == "unknown" else "civilians"
