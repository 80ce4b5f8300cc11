"""How figures and incidents read in the report: spans and totals, amounts, cited claims, lines.

Pure functions of model objects (no I/O). Numbers are written with ``words.format_number``
and estimates with ``Estimate.display``, as on the incident pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .model import Claim, Fate, Figure, Incident, Vocabulary
from .words import format_number

ROLE_LABELS = {
    "total": "all",
    "victims": "victims",
    "perpetrators": "perpetrators",
    "security-forces": "security forces",
    "civilians": "civilians",
    "hostages": "hostages",
    "unknown": "role unknown",
}
"""Roles in the order the report lists them, with their wording."""
CHART_ROLES = ("perpetrators", "security-forces", "civilians", "victims", "unknown")
"""Roles drawn in the casualty chart: the parts of a toll, never its total."""
DASH = "—"


@dataclass(frozen=True)
class Span:
    """A best estimate with its low and high; ``derived`` when summed from role figures."""

    best: float
    low: float
    high: float
    derived: bool = False

    @property
    def display(self) -> str:
        """'6' when low, best and high agree; otherwise '6 (3–8)', as on incident pages."""
        text = format_number(self.best)
        if not self.low == self.best == self.high:
            text += f" ({format_number(self.low)}–{format_number(self.high)})"
        return text + (" (sum of roles)" if self.derived else "")

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
    """The total of a figure, or, when no total is recorded, the sum of its role figures.

    Victims are civilians plus security forces, so they count once, split or not (the rule
    ``check_role_split`` applies to records).
    """
    recorded = span_of(incident.figure(name))
    if recorded is not None:
        return recorded
    spans = {role: span_of(incident.figure(name, role)) for role in CHART_ROLES}
    if not any(spans.values()):
        return None
    split = [s for r in ("civilians", "security-forces") if (s := spans[r]) is not None]
    unsplit = spans["victims"]
    victims = Span.total(split) if split else unsplit
    if unsplit is not None and victims is not None and unsplit.best > victims.best:
        victims = unsplit
    parts = [s for s in (spans["perpetrators"], spans["unknown"], victims) if s is not None]
    total = Span.total(parts)
    return Span(total.best, total.low, total.high, derived=True)


def amount_text(figure: Figure | None) -> str:
    """A figure in one line: the estimate, or what the claims say when there is none."""
    if figure is None:
        return DASH
    if figure.estimate is not None:
        return figure.estimate.display
    low, high = figure.claimed_low, figure.claimed_high
    if low is not None and high is not None:
        claimed = format_number(low)
        if low != high:
            claimed += f"–{format_number(high)}"
        return f"no estimate; claims {claimed}"
    return "unquantified: " + "; ".join(claim.display for claim in figure.claims)


def figure_label(name: str, role: str, vocabulary: Vocabulary) -> str:
    """'Killed (perpetrators)', or 'Killed' for a total."""
    label = vocabulary.label("figures", name)
    return label if role == "total" else f"{label} ({ROLE_LABELS[role]})"


def make_citer(numbers: dict[str, int]) -> Callable[[Claim], str]:
    """A function that writes a claim with its source number: '7 — Police, 2012-07-11 [3]'."""

    def cite(claim: Claim) -> str:
        as_of = f", {claim.as_of.isoformat()}" if claim.as_of else ""
        doubt = " (uncertain)" if claim.uncertain else ""
        number = numbers.get(claim.source, "?")
        return f"{claim.display} — {claim.stated_by}{as_of}{doubt} [{number}]"

    return cite


# --- Describing an incident --------------------------------------------------------------


def place_text(incident: Incident) -> str:
    """Settlement and region of the first place, and how many other places there are."""
    place = incident.primary_place
    parts = [p for p in (place.settlement, place.region) if p]
    names = list(dict.fromkeys(parts)) or [place.country]
    more = len(incident.places) - 1
    return ", ".join(names) + (f" (+{more} more)" if more else "")


def types_text(incident: Incident, vocabulary: Vocabulary) -> str:
    """The incident types by label."""
    return ", ".join(vocabulary.label("incident_types", kind) for kind in incident.types)


def perpetrators_text(incident: Incident) -> str:
    """How many perpetrators (the figure) and who, with attribution."""
    count = incident.figure("perpetrators")
    parts = [f"{amount_text(count)} people"] if count else []
    for p in incident.perpetrators:
        by = f", per {p.attributed_by}" if p.attributed_by else ""
        parts.append(f"{p.name or p.kind} ({p.attribution.replace('-', ' ')}{by})")
    return "; ".join(parts) or DASH


def forces_text(incident: Incident) -> str:
    """Responding forces, lead first."""
    order = {"lead": 0, "support": 1, "unknown": 2}
    forces = sorted(incident.response.forces, key=lambda f: order[f.role])
    return "; ".join(f.name + (" (lead)" if f.role == "lead" else "") for f in forces) or DASH


def labels_text(incident: Incident) -> str:
    """Labels with who applied them."""
    return "; ".join(f"{lab.label} ({lab.applied_by})" for lab in incident.labels) or DASH


def fate_text(fate: Fate) -> str:
    """One fate in the words reported, with its category: "killed: 'neutralized' (Police)"."""
    return f"{fate.category}: '{fate.words}' ({fate.stated_by})"


def fates_text(incident: Incident) -> str:
    """The perpetrators' fates, each in the words reported."""
    return "; ".join(fate_text(f) for f in incident.fates) or DASH


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


def short_label(incident: Incident) -> str:
    """Date and settlement (or region): a chart label that fits on one line."""
    place = incident.primary_place
    return f"{incident.date.isoformat()} {place.settlement or place.region or place.country}"
