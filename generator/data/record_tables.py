"""Open-data tables of a record's parts: parties, what they were called, measures, fates.

Each row names its incident; rows of a list the record keeps in order carry their 1-based
``position`` in it, so that a row is found again after the record changes elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple, get_args

from generator.data.tables import (
    SOURCE,
    Cell,
    Column,
    ForeignKey,
    Table,
    column,
    joined,
    labelled,
    moment,
    party_key,
)
from generator.model import (
    Attribution,
    Fate,
    FateCategory,
    Incident,
    Label,
    Measure,
    Party,
    PartyKind,
    PartyRole,
)

INCIDENT = ForeignKey(("incident_id",), "incidents", ("id",))
KIND = ForeignKey(("kind",), "party_kinds", ("kind",), indexed=False)
"""A party's kind. Not indexed, as a source is not (``tables.SOURCE``): a join goes from the
party to its kind."""
PARTY = ForeignKey(("incident_id", "party"), "parties", ("incident_id", "party"))


class PartyRow(NamedTuple):
    """A party with the incident it belongs to."""

    incident: Incident
    party: Party


class LabelRow(NamedTuple):
    """What a source or official called a party, with its 1-based position among them."""

    incident: Incident
    party: Party
    position: int
    label: Label


class MeasureRow(NamedTuple):
    """A declared measure with its 1-based position among the incident's measures."""

    incident: Incident
    position: int
    measure: Measure


class FateRow(NamedTuple):
    """What happened to a party, with its 1-based position among the incident's fates."""

    incident: Incident
    position: int
    fate: Fate


def party_rows(incident: Incident) -> Iterator[PartyRow]:
    """One row per party of the incident, in record order."""
    for party in incident.parties:
        yield PartyRow(incident, party)


def label_rows(incident: Incident) -> Iterator[LabelRow]:
    """One row per label applied to a party, party by party."""
    for party in incident.parties:
        for position, label in enumerate(party.called, start=1):
            yield LabelRow(incident, party, position, label)


def measure_rows(incident: Incident) -> Iterator[MeasureRow]:
    """One row per declared measure, in record order."""
    for position, measure in enumerate(incident.measures, start=1):
        yield MeasureRow(incident, position, measure)


def fate_rows(incident: Incident) -> Iterator[FateRow]:
    """One row per reported fate, in record order."""
    for position, fate in enumerate(incident.fates, start=1):
        yield FateRow(incident, position, fate)


POSITION = "Position within the incident's list in the record (1 for the first)."


class ListRow(NamedTuple):
    """An item of one of a record's lists (targets, motives...), with its 1-based position."""

    incident: Incident
    position: int
    item: Any


def numbered(incident: Incident, items: Iterable[Any]) -> Iterator[ListRow]:
    """The rows of one of the record's lists, in record order."""
    return (ListRow(incident, n, item) for n, item in enumerate(items, start=1))


def list_table(
    name: str,
    description: str,
    columns: Iterable[Column[ListRow]],
    foreign_keys: tuple[ForeignKey, ...],
    incident: str = "The incident.",
) -> Table[ListRow]:
    """The table of one of a record's lists: a row per item, keyed by incident and position.

    ``columns`` follow the incident's id (``incident`` describes it) and the item's position.
    """
    first = (
        column("incident_id", "string", "incident.id", incident),
        column("position", "integer", "position", POSITION),
    )
    return Table(name, description, (*first, *columns), ("incident_id", "position"), foreign_keys)


def parties_table() -> Table[PartyRow]:
    """parties.csv: one row per party, with its kind as ACLED and UCDP see it."""
    columns = (
        column("incident_id", "string", "incident.id", "The incident."),
        column("party", "string", "party.id", "Party id, unique within its incident."),
        column("party_key", "string", _party_key, _PARTY_KEY),
        column("kind", "string", "party.kind", _KIND, _KINDS),
        column("roles", "string", lambda r: joined(r.party.roles), _ROLES),
        column("name", "string", "party.name", "Proper name or the record's short label."),
        column("described_as", "string", _described_as, _DESCRIBED),
        column("description", "string", "party.description", "What the record says of it."),
        column("agency", "string", "party.agency", "The body a state force belongs to."),
        column("nationalities", "string", lambda r: joined(r.party.nationalities), _NATIONS),
        column("response_role", "string", "party.response_role", _RESPONSE, ("lead", "support")),
        column("attribution", "string", "party.attribution", _ATTRIBUTION, _ATTRIBUTIONS),
        column("attributed_by", "string", "party.attributed_by", "Who attributed the attack."),
        column("label_count", "integer", lambda r: len(r.party.called), _LABELS),
        column("source_count", "integer", lambda r: len(r.party.sources), _SOURCES),
    )
    return Table(
        "parties",
        "One row per party of an incident: who attacked, who was attacked or harmed, who "
        "responded.",
        columns,
        ("incident_id", "party"),
        (INCIDENT, KIND),
        unique=("party_key",),
    )


_KINDS = get_args(PartyKind)
_ATTRIBUTIONS = get_args(Attribution)
_PARTY_KEY = (
    "The party across the whole dataset: incident id and party id joined by '/'; figures.csv "
    "refers to parties by it."
)
_KIND = "What kind of party it is: its label, ACLED actor type and UCDP side are in party_kinds."
_ROLES = "What the party did, separated by ';': " + ", ".join(get_args(PartyRole)) + "."
_DESCRIBED = (
    "For a party without a name: the first sentence of its description, which the site shows "
    "in place of a name; empty where it has a name (the site shows `name`)."
)
_NATIONS = (
    "The nationalities of the party's people, where the sources give them: ISO 3166-1 alpha-2 "
    "country codes separated by ';'."
)
_RESPONSE = "For a responder: whether it led the response or supported it, where a source says."
_ATTRIBUTION = labelled(
    "For an attacker: how firmly the attack is attributed to it", "attributions"
)
_LABELS = "Number of labels sources or officials applied to it (rows in party_names.csv)."
_SOURCES = "Number of sources the record cites for the party."


def _party_key(row: PartyRow) -> Cell:
    return party_key(row.incident.id, row.party.id)


def _described_as(row: PartyRow) -> Cell:
    return None if row.party.name else row.party.description_head


def party_names_table() -> Table[LabelRow]:
    """party_names.csv: one row per label a source or official applied to a party."""
    columns = (
        column("incident_id", "string", "incident.id", "The incident."),
        column("party", "string", "party.id", "The party so called (parties.csv)."),
        column("position", "integer", "position", "Position among the party's labels."),
        column("label", "string", "label.label", "What the party was called ('terrorists')."),
        column("applied_by", "string", "label.applied_by", "Who called it that."),
        column("as_of", "date", "label.as_of", "When, where the source says."),
        column("source_id", "string", "label.source", "The source that reports it."),
        column("quote", "string", "label.quote", "The words quoted from the source."),
        column("uncertain", "boolean", "label.uncertain", "Only in a weak or secondary source."),
        column("note", "string", "label.note", "Curator's note on the label."),
    )
    return Table(
        "party_names",
        "One row per label applied to a party: who called it what, and in which source.",
        columns,
        ("incident_id", "party", "position"),
        (PARTY, SOURCE),
    )


def measures_table() -> Table[MeasureRow]:
    """measures.csv: alert levels, states of emergency, curfews... declared after an event."""
    columns = (
        column("incident_id", "string", "incident.id", "The incident."),
        column("position", "integer", "position", POSITION),
        column("kind", "string", "measure.kind", labelled("Measure kind id", "measure_kinds")),
        column("level", "string", "measure.level", "The level, for measures with levels."),
        column("area", "string", "measure.area", "Where it applied, as declared."),
        column("places", "string", lambda r: joined(r.measure.places), _MEASURE_PLACES),
        column("declared_by", "string", "measure.declared_by", "Who declared it."),
        column("start", "string", lambda r: moment(r.measure.start), "Start: date or date-time."),
        column("end", "string", lambda r: moment(r.measure.end), _END),
        column("decreed_end", "string", lambda r: moment(r.measure.decreed_end), _DECREED_END),
        column("sources", "string", lambda r: joined(r.measure.sources), SOURCES_NOTE),
        column("note", "string", "measure.note", "Curator's note on the measure."),
    )
    return Table(
        "measures",
        "One row per measure the authorities declared because of an incident.",
        columns,
        ("incident_id", "position"),
        (INCIDENT,),
    )


_MEASURE_PLACES = "Ids of the incident's places it covered (places.csv), separated by ';'."
_END = "End: date or date-time; empty while in force or when the end is not reported."
_DECREED_END = "The end first decreed, where reported; not end if extended or lifted early."
SOURCES_NOTE = "Ids of the sources that report it (sources.csv), separated by ';'."


def fates_table() -> Table[FateRow]:
    """fates.csv: what happened to a party's members, in the words reported."""
    columns = (
        column("incident_id", "string", "incident.id", "The incident."),
        column("position", "integer", "position", POSITION),
        column("party", "string", "fate.party", "The party it happened to (parties.csv)."),
        column("words", "string", "fate.words", "As reported ('neutralized')."),
        column("category", "string", "fate.category", "What it amounts to.", _FATES),
        column("stated_by", "string", "fate.stated_by", "Who stated it."),
        column("as_of", "string", lambda r: moment(r.fate.as_of), "When: date or date-time."),
        column("source_id", "string", "fate.source", "The source that reports it."),
    )
    return Table(
        "fates",
        "One row per reported fate of a party (killed, detained, at large...).",
        columns,
        ("incident_id", "position"),
        (PARTY, SOURCE),
    )


_FATES = get_args(FateCategory)
