"""terms.csv: every term of the controlled vocabularies, with the label the site shows.

The other tables name a term by its id: an incident's ``types``, a figure's ``figure`` and
``role``, a measure's ``kind``, a source's ``publisher_type``. What each id reads as is written
here once, so that a spreadsheet or a query can show 'Armed assault' where a row holds
``armed-assault`` without reading incidents.json: the vocabulary file's terms, and the record
format's own lists worded as the site words them. Party kinds have their own table
(party_kinds.csv), with their ACLED and UCDP places.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple, get_args

from generator.data.tables import Table, column
from generator.model import HEDGES, FigureTerm, Term, Vocabulary
from generator.text.figures import ROLE_LABELS
from generator.text.filters import ATTRIBUTION_LABELS, PUBLISHER_TYPE_LABELS, RULE_LABELS

VOCABULARIES: tuple[tuple[str, str], ...] = (
    ("incident_types", "incidents.csv `types`"),
    ("figures", "figures.csv and area_totals.csv `figure`"),
    ("measure_kinds", "measures.csv `kind`"),
    ("tactics", "tactics.csv `tactic`"),
    ("target_types", "targets.csv `type`"),
    ("weapon_types", "weapons.csv `type`"),
    ("roles", "figures.csv `role`"),
    ("rules", "figures.csv `rule`"),
    ("qualifiers", "claims.csv `qualifier`"),
    ("attributions", "parties.csv `attribution`"),
    ("publisher_types", "sources.csv `publisher_type`"),
)
"""Each vocabulary published, in this order, and which columns name its terms."""

_ROLES = {
    "total": "Everyone the figure counts, whatever their role.",
    "victims": (
        "Everyone but the perpetrators, for tolls that do not split civilians from security forces."
    ),
    "unknown": "People whose role the report does not give.",
}
_RULES = {
    "single-source": "Only one report gives the figure, and the estimate is what it says.",
    "consensus": "The reports that count agree (outliers may set the low or high).",
    "latest-official": "The reports differ; the estimate follows an official body's latest.",
    "most-conservative": "The reports differ and none is preferred; best is the lowest credible.",
    "editor-judgement": "No other rule fits: the editors weighed the reports (see rationale).",
}
"""What each rule means, in a line: the methodology's sections, shortened."""
FORMAT_TERMS: dict[str, tuple[Term, ...]] = {
    "roles": tuple(
        Term(id=role, label=label, description=_ROLES.get(role))
        for role, label in ROLE_LABELS.items()
    ),
    "rules": tuple(
        Term(
            id=rule,
            label=label,
            description=f"{_RULES[rule]} See the methodology, `#rule-{rule}`.",
        )
        for rule, label in RULE_LABELS.items()
    ),
    "qualifiers": tuple(
        Term(id=qualifier, label=hedge.strip() or "exact") for qualifier, hedge in HEDGES.items()
    ),
    "attributions": tuple(
        Term(id=attribution, label=label) for attribution, label in ATTRIBUTION_LABELS.items()
    ),
    "publisher_types": tuple(
        Term(id=kind, label=label) for kind, label in PUBLISHER_TYPE_LABELS.items()
    ),
}
"""The record format's own lists, which content/vocabulary.yaml does not hold, as the site
words them."""


UNITS: tuple[str, ...] = get_args(FigureTerm.model_fields["unit"].annotation)
"""What a figure may count."""


class TermRow(NamedTuple):
    """One term, the vocabulary it belongs to and its place in it."""

    vocabulary: str
    position: int
    term: Term


def term_rows(vocabulary: Vocabulary) -> Iterator[TermRow]:
    """One row per term, vocabulary by vocabulary, each in its own order (file's or model's)."""
    for name, _ in VOCABULARIES:
        terms = FORMAT_TERMS[name] if name in FORMAT_TERMS else getattr(vocabulary, name)
        for position, term in enumerate(terms, start=1):
            yield TermRow(name, position, term)


def terms_table() -> Table[TermRow]:
    """terms.csv: one row per vocabulary term."""
    names = tuple(name for name, _ in VOCABULARIES)
    columns = (
        column("vocabulary", "string", "vocabulary", _VOCABULARY, names),
        column("position", "integer", "position", _POSITION),
        column("id", "string", "term.id", _ID),
        column("label", "string", "term.label", "The term as the site names it."),
        column("description", "string", "term.description", _DESCRIPTION),
        column("unit", "string", _unit, _UNIT, UNITS),
    )
    return Table(
        "terms",
        "One row per term of the controlled vocabularies (incident types, figures, measure "
        "kinds, tactics, target and weapon types, and the record format's own lists: roles, "
        "rules, qualifiers, attributions and publisher types): its label and meaning.",
        columns,
        ("vocabulary", "id"),
    )


def _unit(row: TermRow) -> str | None:
    return row.term.unit if isinstance(row.term, FigureTerm) else None


_UNIT = (
    "What a figure counts (people, buildings, vehicles, hours or money, each claim of money "
    "naming its currency); empty for the other vocabularies."
)
_VOCABULARY = (
    "The vocabulary, and what names its ids: "
    + "; ".join(f"`{name}`: {where}" for name, where in VOCABULARIES)
    + "."
)
_POSITION = "The term's place in its vocabulary, 1 for the first: the vocabulary's own order."
_ID = (
    "The term's id, as the other files name it; unique within its vocabulary only "
    "(`manhunt` is an incident type and a tactic), so join on `vocabulary` and `id`."
)
_DESCRIPTION = "What the term means, where the vocabulary says."
