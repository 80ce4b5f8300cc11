"""How figures and incidents read in the report: spans and totals, amounts, cited claims, lines.

Pure functions of model objects (no I/O). Numbers are written with ``words.format_number``
and estimates with ``Estimate.display``, as on the incident pages.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.model import (
    PARTY_KINDS,
    Claim,
    Fate,
    Figure,
    Incident,
    Party,
    Total,
    Vocabulary,
    format_range,
)
from generator.text.figures import claimed_text, estimate_text
from generator.text.filters import format_number, short_place

_DAY_MONTH_YEAR = re.compile(
    r"\b((?:\d{1,2}–)?\d{1,2}) (January|February|March|April|May|June|July|August|September|"
    r"October|November|December) (\d{4})\b"
)
CHART_ROLES = ("perpetrators", "security-forces", "civilians", "victims", "unknown")
"""Roles drawn in the casualty chart: the parts of a toll, never its total."""
DASH = "—"


@dataclass(frozen=True, slots=True)
class Span:
    """A best estimate with its low and high; ``basis`` says so when summed from role figures."""

    best: float
    low: float
    high: float
    basis: str = ""
    """``Total.basis``: 'sum of roles', 'perpetrators only'; '' for a curated estimate."""

    @property
    def display(self) -> str:
        """'6' when low, best and high agree; otherwise '6 (3–8)', as on incident pages."""
        text = format_range(self.best, self.low, self.high)
        return f"{text} ({self.basis})" if self.basis else text

    @staticmethod
    def of(total: Total) -> Span:
        """A model total as a span, saying how it was added up as ``Total.display`` does."""
        return Span(total.best, total.low, total.high, basis=total.basis)

    @staticmethod
    def total(spans: Iterable[Span]) -> Span:
        """The sum of best, of low and of high."""
        items = list(spans)
        return Span(
            sum(s.best for s in items), sum(s.low for s in items), sum(s.high for s in items)
        )


# --- Figures as spans and text ---------------------------------------------------------------


def span_of(figure: Figure | None) -> Span | None:
    """The curated estimate of a figure as a span, if it has one."""
    if figure is None or figure.estimate is None:
        return None
    estimate = figure.estimate
    return Span(estimate.best, estimate.low, estimate.high)


def whole(incident: Incident, name: str) -> Span | None:
    """The total of a figure by the one rule of the record (``Incident.total``), as a span."""
    total = incident.total(name)
    if total is None:
        return None
    return Span.of(total)


def amount_text(figure: Figure | None) -> str:
    """A figure in one line: the estimate, or what the claims say when there is none."""
    if figure is None:
        return DASH
    if figure.estimate is not None:
        return estimate_text(figure)
    span = figure.whole_range
    if span.low is not None:
        added = ", parts added up" if figure.parts else ""
        return f"no estimate; claims {claimed_text(span)}{added}"
    return "unquantified: " + "; ".join(claim.display for claim in figure.claims)


@dataclass(frozen=True)
class Citer:
    """Writes a claim with its source number: '7 — Police, 2012-07-11 [3]'."""

    numbers: dict[str, int]
    """Source id -> its number in the report's source list."""

    def __call__(self, claim: Claim) -> str:
        as_of = f", {claim.as_of.isoformat()}" if claim.as_of else ""
        doubt = " (uncertain)" if claim.uncertain else ""
        part = f", part: {claim.part}" if claim.part else ""
        number = self.numbers.get(claim.source, "?")
        return f"{claim.display}{part} — {claim.stated_by}{as_of}{doubt} [{number}]"

    def number(self, claim: Claim) -> int:
        """The number of the claim's source, or 0 when the source is not listed."""
        return self.numbers.get(claim.source, 0)


def make_citer(numbers: dict[str, int]) -> Citer:
    """A function that writes a claim with its source number, and tells the number."""
    return Citer(numbers)


# --- Describing an incident --------------------------------------------------------------


def types_text(incident: Incident, vocabulary: Vocabulary) -> str:
    """The incident types by label."""
    return ", ".join(vocabulary.label("incident_types", kind) for kind in incident.types)


def perpetrators_text(incident: Incident) -> str:
    """How many perpetrators (the figure) and the parties that attacked, with attribution.

    Unnamed parties read by kind ('unnamed armed group'); where two would read the same (the
    residents of two villages), each reads as its record describes it.
    """
    count = incident.figure("perpetrators")
    parts = [f"{amount_text(count)} people"] if count else []
    attackers = incident.parties_in("attacker")
    names = [_attacker_name(p) for p in attackers]
    for p, name in zip(attackers, names, strict=True):
        if names.count(name) > 1 and not p.name and p.description:
            name = p.description_head
        how = [p.attribution.replace("-", " ")] if p.attribution else []
        how += [f"per {p.attributed_by}"] if p.attributed_by else []
        parts.append(name + (f" ({', '.join(how)})" if how else ""))
    return "; ".join(parts) or DASH


def _attacker_name(party: Party) -> str:
    """A party's name, or 'unnamed' and its kind ('individual' and 'unknown' stay bare)."""
    kind = PARTY_KINDS[party.kind].label.lower()
    if party.kind in ("individual", "unknown"):
        return party.name or kind
    return party.name or f"unnamed {kind}"


def forces_text(incident: Incident) -> str:
    """The parties that responded, the lead first."""
    order = {"lead": 0, "support": 1, None: 2}
    forces = sorted(incident.parties_in("responder"), key=lambda f: order[f.response_role])
    return (
        "; ".join(f.display_name + (" (lead)" if f.response_role == "lead" else "") for f in forces)
        or DASH
    )


def labels_text(incident: Incident) -> str:
    """Each label once, with everyone who applied it: 'act of terrorism (minister; police)'."""
    by_label: dict[str, dict[str, None]] = {}
    for lab in incident.labels:
        by_label.setdefault(lab.label, {})[lab.applied_by] = None
    return "; ".join(f"{label} ({'; '.join(who)})" for label, who in by_label.items()) or DASH


def fate_text(fate: Fate) -> str:
    """One fate in the words reported, with its category: "killed: 'neutralized' (Police)"."""
    return f"{fate.category}: '{fate.words}' ({fate.stated_by})"


def fates_text(incident: Incident) -> str:
    """The fates of the parties that attacked, each in the words reported.

    The fates of the attacked (strikers detained after police fired, say) are never theirs.
    """
    return "; ".join(fate_text(f) for f in incident.fates_of("attacker")) or DASH


def tactics_text(incident: Incident, vocabulary: Vocabulary) -> str:
    """Tactics by label."""
    tactics = [vocabulary.label("tactics", t.tactic) for t in incident.response.tactics]
    return ", ".join(tactics) or DASH


def date_text(incident: Incident) -> str:
    """The start date, with the end date when it is another day."""
    end = incident.when.end
    end_day = end.date() if isinstance(end, dt.datetime) else end
    if end_day is not None and end_day != incident.date:
        return f"{incident.date.isoformat()} to {end_day.isoformat()}"
    return incident.date.isoformat()


def short_label(incident: Incident, countries: Mapping[str, str]) -> str:
    """Date and the first place's short name: a chart label."""
    return f"{incident.date.isoformat()} {short_place(incident.primary_place, countries)}"


def count_of(n: int, noun: str) -> str:
    """A count and its noun, singular or plural: '1 incident', '3 incidents', '1,200 claims'."""
    return f"{format_number(n)} {noun}" + ("" if n == 1 else "s")


def keep_dates_whole(text: str) -> str:
    """Dates written out ('5 June 2016', '5–10 June 2016') kept on one line.

    No-break spaces join the parts, and a word joiner after a range's dash keeps a line from
    breaking there.
    """

    def joined(match: re.Match[str]) -> str:
        days = match.group(1).replace("–", "–\u2060")
        return f"{days}\u00a0{match.group(2)}\u00a0{match.group(3)}"

    return _DAY_MONTH_YEAR.sub(joined, text)
