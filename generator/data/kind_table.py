"""party_kinds.csv: each party kind once, with its label and where ACLED and UCDP place it.

parties.csv names a party's kind by its id (``kind``); what the kind means is the same for
every party of that kind, so it is written here once rather than on every party's row.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from generator.data.tables import Table, column
from generator.model import PARTY_KINDS, KindInfo


class KindRow(NamedTuple):
    """A party kind's id and how it reads."""

    kind: str
    info: KindInfo


def kind_rows() -> Iterator[KindRow]:
    """One row per party kind, in the vocabulary's order."""
    for kind, info in PARTY_KINDS.items():
        yield KindRow(kind, info)


def kinds_table() -> Table[KindRow]:
    """party_kinds.csv: one row per party kind."""
    columns = (
        column("kind", "string", "kind", "Party kind id, as parties.csv names it."),
        column("label", "string", "info.label", "The kind as the site names it."),
        column("acled_actor_type", "string", lambda r: r.info.acled or None, _ACLED),
        column("state", "boolean", "info.state", _STATE),
    )
    return Table(
        "party_kinds",
        "One row per kind of party: its label, ACLED actor type and whether it is part of "
        "the state (UCDP's government side).",
        columns,
        ("kind",),
    )


_ACLED = "ACLED's actor type for the kind (inter code and name); empty where ACLED has none."
_STATE = "Part of the state: UCDP's government side, ACLED's State forces."
