"""claims.csv: every claim of every figure, one source's number with who stated it and when."""

from __future__ import annotations

from typing import NamedTuple, get_args

from generator.data.tables import SOURCE, Column, ForeignKey, Table, column, figure_key_of, labelled
from generator.model import Claim, Figure, Incident
from generator.model.fields import Qualifier


class ClaimRow(NamedTuple):
    """A claim with its figure, incident and 1-based position among the figure's claims."""

    incident: Incident
    figure: Figure
    number: int
    claim: Claim


def claims_table() -> Table[ClaimRow]:
    """claims.csv: one row per claim, with who stated it, when, and the source."""
    columns: tuple[Column[ClaimRow], ...] = (
        column("incident_id", "string", "incident.id", "The incident."),
        column("figure_key", "string", figure_key_of, _CLAIM_FIGURE),
        column("claim", "integer", "number", _CLAIM),
        column("value", "number", "claim.value", "The number claimed."),
        column("min", "number", "claim.min", "Lower end of a claimed range."),
        column("max", "number", "claim.max", "Upper end of a claimed range."),
        column("qualifier", "string", _qualifier, _QUALIFIER, _QUALIFIERS),
        column("text", "string", "claim.text", "The words as reported ('dozens')."),
        column("currency", "string", "claim.currency", "ISO 4217 currency of an amount."),
        column("display", "string", "claim.display", "The claim as a reader sees it."),
        column("stated_by", "string", "claim.stated_by", "Who stated the figure."),
        column("as_of", "string", "claim.as_of", "When it was stated: date or date-time."),
        column("source_id", "string", "claim.source", "The source that reports it."),
        column("locator", "string", "claim.locator", "Where in the source."),
        column("quote", "string", "claim.quote", "The words quoted from the source."),
        column("uncertain", "boolean", "claim.uncertain", "Only in a weak or secondary source."),
        column("worked_out", "boolean", "claim.worked_out", _WORKED_OUT),
        column("part", "string", "claim.part", _PART),
        column("note", "string", "claim.note", "Curator's note on the claim."),
    )
    keys = ("incident_id", "figure_key")
    return Table(
        "claims",
        "One row per figure claim: one source's number, who stated it and when; what the "
        "figure counts (role, party, place) is its row in figures.csv.",
        columns,
        (*keys, "claim"),
        (ForeignKey(keys, "figures", keys), SOURCE),
    )


_QUALIFIERS = get_args(Qualifier)


def _qualifier(row: ClaimRow) -> str | None:
    """The claim's qualifier; none for a claim without a number that the record does not hedge.

    'exact' is only the record's default there: 'dozens' is not an exact number.
    """
    claim = row.claim
    return None if not claim.is_quantified and claim.qualifier == "exact" else claim.qualifier


_QUALIFIER = labelled(
    "How the number is meant; empty for a claim without a number unless it is hedged", "qualifiers"
)
_CLAIM = (
    "Position of the claim within its figure, as recorded. On the incident's page (incidents.csv "
    "`url`) the claim's row is at the anchor `#claim-<figure_key>-<claim>`."
)
_PART = (
    "The part of the figure's whole the claim counts ('the trial in Taraz'), where reports count "
    "parts apart that add up; empty for a claim of the whole. Claims of different parts do not "
    "disagree."
)
_WORKED_OUT = "Not stated as one number: worked out from the source's numbers (see note)."
_CLAIM_FIGURE = (
    "The figure claimed: with incident_id, its row in figures.csv, which says what it counts "
    "(figure, role, party, by, place, country)."
)
