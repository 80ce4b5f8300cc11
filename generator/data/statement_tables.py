"""motives.csv, responsibility.csv and related.csv: why, who said they did it, and what else.

The Global Terrorism Database gives an attack its motive and whether a group claimed it; a
record keeps each as a statement with who made it and in which source, so that two
accounts that differ are both kept. A record's links to other records say which events
belong together: an incident that is part of another is counted there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import get_args

from generator.data.record_tables import INCIDENT, ListRow, list_table, numbered
from generator.data.tables import SOURCE, Table, column
from generator.model import Incident, Relation


def motive_rows(incident: Incident) -> Iterator[ListRow]:
    """One row per motive stated or alleged, in record order."""
    return numbered(incident, incident.motives)


def responsibility_rows(incident: Incident) -> Iterator[ListRow]:
    """One row per claim of responsibility, in record order."""
    return numbered(incident, incident.responsibility_claims)


def related_rows(incident: Incident) -> Iterator[ListRow]:
    """One row per link to another record, in record order."""
    return numbered(incident, incident.related)


def motives_table() -> Table[ListRow]:
    """motives.csv: one row per motive a source states or alleges, with who did."""
    columns = (
        column("text", "string", "item.text", "The motive, in the record's words."),
        column("stated_by", "string", "item.stated_by", "Who stated or alleged it."),
        column("as_of", "date", "item.as_of", "When it was stated, where the source says."),
        column("source_id", "string", "item.source", _SOURCE),
        column("quote", "string", "item.quote", "The words quoted from the source."),
        column("uncertain", "boolean", "item.uncertain", _UNCERTAIN),
    )
    return list_table(
        "motives",
        "One row per motive a source states or alleges for an incident (the Global Terrorism "
        "Database's motive), with who stated it: accounts that differ are each a row.",
        columns,
        (INCIDENT, SOURCE),
    )


def responsibility_table() -> Table[ListRow]:
    """responsibility.csv: one row per claim of responsibility, with how credible it was."""
    columns = (
        column("claimant", "string", "item.claimant", "Who claimed responsibility."),
        column("text", "string", "item.text", "What the claim said, in the record's words."),
        column("as_of", "date", "item.as_of", "When it was made, where the source says."),
        column("credibility_note", "string", "item.credibility_note", _CREDIBILITY),
        column("source_id", "string", "item.source", _SOURCE),
        column("uncertain", "boolean", "item.uncertain", _UNCERTAIN),
    )
    return list_table(
        "responsibility",
        "One row per claim of responsibility for an incident (the Global Terrorism Database's "
        "'claimed'), with how credible it was judged and the source that reports it. An "
        "incident without rows has no claim recorded.",
        columns,
        (INCIDENT, SOURCE),
    )


def related_table() -> Table[ListRow]:
    """related.csv: one row per link from a record to another."""
    columns = (
        column("related_id", "string", "item.id", _RELATED),
        column("relation", "string", "item.relation", _RELATION, get_args(Relation)),
        column("note", "string", "item.note", "The record's note on the link."),
    )
    return list_table(
        "related",
        "One row per link from an incident to another: a part of a larger event, what came "
        "before or after, the same perpetrators. Count an incident that is `part-of` another "
        "once, in the larger one (incidents.csv `part_of`).",
        columns,
        (INCIDENT,),
        "The incident the link is read from.",
    )


_SOURCE = "The source that reports it (sources.csv)."
_UNCERTAIN = "Only in a weak or secondary source, or not pinned down by the report."
_CREDIBILITY = "How credible the claim was judged, and by whom, where a report says."
_RELATED = "The other incident's id: in incidents.csv unless that record is a draft."
_RELATION = (
    "How the other incident is related, read from this one ('part-of': this one is part of it)."
)
