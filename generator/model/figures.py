"""Figures: every source's claim of a count, and the curated estimate."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .fields import Count, Line, Moment, Qualifier, Record, Role, Rule, Slug, SourceId, Text


class Claim(Record):
    """One source's figure: a value or a min/max range, who said it and when."""

    value: Count | None = None
    min: Count | None = None
    max: Count | None = None
    qualifier: Qualifier = "exact"
    text: Line | None = None
    """The words as reported ('six or seven', 'dozens'); alone, the claim is unquantified."""
    stated_by: Line
    as_of: Moment | None = None
    source: SourceId
    locator: Line | None = None
    quote: Text | None = None
    uncertain: Annotated[bool, Field(strict=True)] = False
    """Only in a secondary or low-reliability source: shown as uncertain."""
    note: Text | None = None

    @property
    def low(self) -> float | None:
        """The smallest number this claim allows, or None when unquantified."""
        return self.value if self.value is not None else self.min

    @property
    def high(self) -> float | None:
        """The largest number this claim allows (at-least claims have no upper bound)."""
        if self.qualifier == "at-least":
            return None
        return self.value if self.value is not None else self.max

    @property
    def is_quantified(self) -> bool:
        """The claim gives a number or a range."""
        return self.value is not None or self.min is not None

    @property
    def display(self) -> str:
        """The claim's number as a reader sees it: '6', '6-7', 'at least 37', 'dozens'."""
        if not self.is_quantified:
            return self.text or "unquantified"
        number = (
            _number(self.value)
            if self.value is not None
            else f"{_number(self.min)}–{_number(self.max)}"
        )
        prefix = {"exact": "", "about": "about ", "at-least": "at least ", "at-most": "at most "}
        return prefix[self.qualifier] + number


class Estimate(Record):
    """The curated best/low/high value of a figure and the rule that chose it."""

    best: Count
    low: Count
    high: Count
    rule: Rule
    rationale: Text | None = None

    @property
    def display(self) -> str:
        """'6' when low, best and high agree; otherwise '6 (3–8)'."""
        if self.low == self.best == self.high:
            return _number(self.best)
        return f"{_number(self.best)} ({_number(self.low)}–{_number(self.high)})"


class Figure(Record):
    """A count for one role (killed civilians, say): every source's claim and the estimate."""

    figure: Slug
    """A figure id from the vocabulary: killed, injured, hostages, duration..."""
    role: Role = "total"
    claims: tuple[Claim, ...] = Field(min_length=1)
    estimate: Estimate | None = None
    note: Text | None = None

    @property
    def key(self) -> tuple[str, str]:
        """(figure, role), unique within an incident."""
        return (self.figure, self.role)

    @property
    def quantified(self) -> tuple[Claim, ...]:
        """Claims that give a number or a range."""
        return tuple(claim for claim in self.claims if claim.is_quantified)

    @property
    def claimed_low(self) -> float | None:
        """The smallest number any source claimed."""
        lows = [c.low for c in self.quantified if c.low is not None]
        return min(lows) if lows else None

    @property
    def claimed_high(self) -> float | None:
        """The largest number any source claimed (an 'at least' claim counts its value)."""
        highs = [c.high if c.high is not None else c.low for c in self.quantified]
        values = [h for h in highs if h is not None]
        return max(values) if values else None

    @property
    def spread(self) -> float:
        """Highest claim minus lowest claim: 0 when sources agree."""
        if self.claimed_low is None or self.claimed_high is None:
            return 0
        return self.claimed_high - self.claimed_low

    @property
    def is_disputed(self) -> bool:
        """Sources give different numbers."""
        return len({(c.low, c.high, c.qualifier) for c in self.quantified}) > 1


def _number(value: float | None) -> str:
    """Format a count without a trailing '.0'."""
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
