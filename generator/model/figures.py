"""Figures: every source's claim of a count, and the curated estimate."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .claim_spans import Claimed, added_up, agreed, claimed
from .fields import (
    Count,
    CountryCode,
    CurrencyCode,
    Line,
    Moment,
    Qualifier,
    Record,
    Role,
    Rule,
    Slug,
    SourceId,
    Text,
)

HEDGES = {"exact": "", "about": "about ", "at-least": "at least ", "at-most": "at most "}
"""How a claim's qualifier reads before its number."""


class Claim(Record):
    """One source's figure: a value or a min/max range, who said it and when."""

    value: Count | None = None
    min: Count | None = None
    max: Count | None = None
    qualifier: Qualifier = "exact"
    text: Line | None = None
    """The words as reported ('six or seven', 'dozens'); alone, the claim is unquantified."""
    currency: CurrencyCode | None = None
    """For an amount of money (damage): the ISO 4217 currency it is stated in."""
    stated_by: Line
    as_of: Moment | None = None
    source: SourceId
    locator: Line | None = None
    quote: Text | None = None
    uncertain: Annotated[bool, Field(strict=True)] = False
    """Only in a secondary or low-reliability source: shown as uncertain."""
    worked_out: Annotated[bool, Field(strict=True)] = False
    """Not stated as one number: worked out from numbers the report gives apart (see note)."""
    part: Line | None = None
    """The part of the figure's whole this claim counts ('the trial in Taraz'), where reports
    count separate parts that add up: claims of different parts do not disagree."""
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
        """The claim's number as a reader sees it: '6', '6-7', 'at least 37', 'dozens'.

        Money ends with its currency ('2,500,000 KZT'), a worked-out number with '(worked out)'.
        """
        if not self.is_quantified:
            return self.text or "unquantified"
        number = (
            format_count(self.value)
            if self.value is not None
            else f"{format_count(self.min)}–{format_count(self.max)}"
        )
        suffix = f" {self.currency}" if self.currency else ""
        return HEDGES[self.qualifier] + number + suffix + (" (worked out)" * self.worked_out)


class Estimate(Record):
    """The curated best/low/high value of a figure and the rule that chose it."""

    best: Count
    low: Count
    high: Count
    rule: Rule
    rationale: Text | None = None
    currency: CurrencyCode | None = None
    """For an amount of money (damage): the ISO 4217 currency of best, low and high."""

    @property
    def display(self) -> str:
        """'6' when low, best and high agree; otherwise '6 (3–8)'; money ends with its currency."""
        text = format_range(self.best, self.low, self.high)
        return f"{text} {self.currency}" if self.currency else text


def format_range(best: float, low: float, high: float) -> str:
    """A best value with its range: '6' when all agree, otherwise '6 (3–8)'."""
    if low == best == high:
        return format_count(best)
    return f"{format_count(best)} ({format_count(low)}–{format_count(high)})"


class Figure(Record):
    """A count for one role (killed civilians, say): every source's claim and the estimate.

    ``party``, ``by``, ``place`` and ``country`` narrow it to a part of the whole: the dead of
    one party, those killed by one party, those in one place or one country.
    """

    figure: Slug
    """A figure id from the vocabulary: killed, injured, hostages, duration..."""
    role: Role = "total"
    """Whose count it is, in the terms every record shares; given a party, it follows from the
    party's kind and roles unless stated."""
    party: Slug | None = None
    """The party counted (an id from the record's parties)."""
    by: Slug | None = None
    """The party that caused it, where a source says so."""
    place: Slug | None = None
    """The place it happened or was counted in (an id from the record's places)."""
    country: CountryCode | None = None
    """The country it was counted in, where no listed place is ('treated across the border')."""
    claims: tuple[Claim, ...] = Field(min_length=1)
    estimate: Estimate | None = None
    note: Text | None = None

    @property
    def key(self) -> tuple[str, str]:
        """(figure, role): what it counts across incidents."""
        return (self.figure, self.role)

    @property
    def split(self) -> tuple[str | None, str | None, str | None, str | None]:
        """(party, by, place, country): the part of the whole it counts; all None for the whole."""
        return (self.party, self.by, self.place, self.country)

    @property
    def is_part(self) -> bool:
        """It counts one party, one cause, one place or one country, not the role's whole."""
        return any(value is not None for value in self.split)

    @property
    def identity(self) -> tuple[str, str, str | None, str | None, str | None, str | None]:
        """(figure, role, party, by, place, country): unique within an incident."""
        return (self.figure, self.role, *self.split)

    @property
    def quantified(self) -> tuple[Claim, ...]:
        """Claims that give a number or a range."""
        return tuple(claim for claim in self.claims if claim.is_quantified)

    @property
    def backing(self) -> tuple[Claim, ...]:
        """The claims its shown value stands on, which an infobox cites beside it.

        With an estimate, the claims whose numbers meet its range ('at least 3' meets 7–8, a
        claim of 10 does not); without one, every claim with a number, whose range is shown;
        and every claim of a part, as the parts are added up. Every claim when none has a
        number, or when none meets the range (the estimate's rationale says why), so that a
        value is never shown without its sources.
        """
        estimate = self.estimate
        if estimate is None:
            shown = tuple(c for c in self.claims if c.part is not None or c.is_quantified)
            return shown or self.claims
        met = tuple(
            claim
            for claim in self.claims
            if claim.part is not None or (claim.is_quantified and _meets(claim, estimate))
        )
        return met or self.claims

    @property
    def claimed_low(self) -> float | None:
        """The smallest number any source claimed."""
        return claimed(self.claims).low

    @property
    def claimed_high(self) -> float | None:
        """The largest number any source claimed (an 'at least' claim counts its value)."""
        return claimed(self.claims).high

    @property
    def parts(self) -> tuple[tuple[str, tuple[Claim, ...]], ...]:
        """The claims of each part the reports count apart, in the order first recorded."""
        groups: dict[str, list[Claim]] = {}
        for claim in self.claims:
            if claim.part is not None:
                groups.setdefault(claim.part, []).append(claim)
        return tuple((part, tuple(claims)) for part, claims in groups.items())

    @property
    def part_ranges(self) -> tuple[tuple[str, Claimed], ...]:
        """Each part with the numbers its claims give."""
        return tuple((part, claimed(claims)) for part, claims in self.parts)

    @property
    def parts_total(self) -> Claimed:
        """The parts' numbers added up (``claim_spans.added_up``); none without parts."""
        if not any(claim.part is not None for claim in self.claims):
            return Claimed(None, None, False)
        return added_up(span for _, span in self.part_ranges)

    @property
    def whole(self) -> tuple[Claim, ...]:
        """The claims that count the whole: those that name no part."""
        return tuple(claim for claim in self.claims if claim.part is None)

    @property
    def whole_range(self) -> Claimed:
        """The numbers the claims give for the whole.

        Without parts, the smallest and largest claimed; with parts, the parts' numbers added
        up (``claim_spans.added_up``), widened by any claim of the whole.
        """
        if not any(claim.part is not None for claim in self.claims):
            return claimed(self.claims)
        summed = self.parts_total
        whole = claimed(self.whole)
        if whole.low is None or summed.low is None or summed.high is None:
            return whole if whole.low is not None else summed
        assert whole.high is not None
        high = max(whole.high, summed.high)
        opened = (whole.open and whole.high == high) or (summed.open and summed.high == high)
        return Claimed(min(whole.low, summed.low), high, opened)

    @property
    def whole_low(self) -> float | None:
        """The smallest number the claims give for the whole (``whole_range``)."""
        return self.whole_range.low

    @property
    def whole_high(self) -> float | None:
        """The largest number the claims give for the whole (``whole_range``)."""
        return self.whole_range.high

    @property
    def spread(self) -> float:
        """The largest number the claims give for the whole minus the smallest (0 for one)."""
        low, high = self.whole_low, self.whole_high
        if low is None or high is None:
            return 0
        return high - low

    @property
    def is_disputed(self) -> bool:
        """Two sources give numbers that cannot both be true ('at least 2' agrees with 2).

        Claims of one part are compared with each other; a claim of the whole disagrees with
        the parts when it is below what their claims add up to at the least.
        """
        parts = self.parts
        if not parts:
            return agreed(self.claims) is None
        groups = (self.whole, *(claims for _, claims in parts))
        return any(agreed(claims) is None for claims in groups) or self.whole_below_parts

    @property
    def whole_below_parts(self) -> bool:
        """A claim of the whole is less than the parts' claims add up to at the least."""
        whole = agreed(self.whole)
        spans = [agreed(claims) for _, claims in self.parts]
        if whole is None or whole[1] is None or not spans:
            return False
        return whole[1] < sum(span[0] for span in spans if span is not None)


def _meets(claim: Claim, estimate: Estimate) -> bool:
    """The claim's numbers meet the estimate's range ('at least 3' meets 7–8; 10 does not)."""
    low, high = claim.low, claim.high
    return (low is None or claim.qualifier == "at-most" or low <= estimate.high) and (
        high is None or high >= estimate.low
    )


def format_count(value: float | None) -> str:
    """A count as every page, table and sentence prints it: '4,353', '2.5'; '?' for none.

    The one number formatter of the generator: thousands are grouped with commas and a whole
    number has no trailing '.0'. Open data files write numbers as numbers, not with this.
    """
    if value is None:
        return "?"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,g}"
