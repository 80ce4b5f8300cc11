"""targets.csv, weapons.csv and tactics.csv: what was attacked, with what, and the response.

The Global Terrorism Database gives each attack its target and weapon types; a record keeps
them as claims instead, each with who stated it and in which source, so that two reports
that disagree are both kept. A row is one such claim, in record order; its ``type`` is a
term of the vocabularies ``target_types`` and ``weapon_types`` (terms.csv). A tactic of the
response is a term of ``tactics``, with the sources that report it.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.data.record_tables import INCIDENT, SOURCES_NOTE, ListRow, list_table, numbered
from generator.data.tables import (
    PARTY_KEY_NOTE,
    SOURCE,
    Column,
    ForeignKey,
    Table,
    column,
    joined,
    labelled,
    party_key,
)
from generator.model import Incident


def target_rows(incident: Incident) -> Iterator[ListRow]:
    """One row per stated target type, in record order."""
    return numbered(incident, incident.targets)


def weapon_rows(incident: Incident) -> Iterator[ListRow]:
    """One row per stated weapon type, in record order."""
    return numbered(incident, incident.weapons)


def tactic_rows(incident: Incident) -> Iterator[ListRow]:
    """One row per tactic of the response, in record order."""
    return numbered(incident, incident.response.tactics)


def tactics_table() -> Table[ListRow]:
    """tactics.csv: one row per tactic the responders used, with the sources that report it."""
    columns = (
        column("tactic", "string", "item.tactic", labelled("Tactic id", "tactics")),
        column("sources", "string", lambda r: joined(r.item.sources), SOURCES_NOTE),
        column("note", "string", "item.note", "The record's note on it."),
    )
    return list_table(
        "tactics",
        "One row per tactic the responders used in an incident (a cordon, an assault, "
        "negotiation...), with the sources that report it.",
        columns,
        (INCIDENT,),
    )


def targets_table() -> Table[ListRow]:
    """targets.csv: one row per target type a source states."""
    return list_table(
        "targets",
        "One row per type of target a source states for an incident (after the Global "
        "Terrorism Database's target types), with who stated it.",
        _columns("target_types", "What was attacked, in the source's words or the record's."),
        (INCIDENT, SOURCE),
    )


def weapons_table() -> Table[ListRow]:
    """weapons.csv: one row per weapon type a source states, and who used it."""
    used_by = (
        column("party", "string", "item.party", _PARTY),
        column(
            "party_key", "string", lambda r: party_key(r.incident.id, r.item.party), PARTY_KEY_NOTE
        ),
    )
    return list_table(
        "weapons",
        "One row per type of weapon a source states was used in an incident (after the Global "
        "Terrorism Database's weapon types), with who used it, where the source says.",
        _columns("weapon_types", "The weapon, in the source's words or the record's.", *used_by),
        (INCIDENT, USED_BY, SOURCE),
    )


def _columns(vocabulary: str, detail: str, *more: Column[ListRow]) -> tuple[Column[ListRow], ...]:
    return (
        column("type", "string", "item.type", labelled("Type id", vocabulary)),
        column("detail", "string", "item.detail", detail),
        *more,
        column("stated_by", "string", "item.stated_by", "Who stated it, in words."),
        column("source_id", "string", "item.source", "The source that reports it (sources.csv)."),
        column("note", "string", "item.note", "The record's note on it."),
    )


USED_BY = ForeignKey(("party_key",), "parties", ("party_key",))
"""The party that used a weapon, by its key: a key of two columns cannot name a party in a
row that names none (as figures.csv names the parties it counts)."""
_PARTY = "The party that used it (parties.csv), where the source says; empty otherwise."
