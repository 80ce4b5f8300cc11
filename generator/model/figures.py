"""Figures: every source's claim of a count, and the curated estimate."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

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
        every claim when none has a number, or when none meets the range (the estimate's
        rationale says why), so that a value is never shown without its sources.
        """
        estimate = self.estimate
        if estimate is None:
            return self.quantified or self.claims
        met = tuple(
            claim
            for claim in self.quantified
            if (claim.low is None or claim.qualifier == "at-most" or claim.low <= estimate.high)
            and (claim.high is None or claim.high >= estimate.low)
        )
        return met or self.claims

    @property
    def claimed_low(self) -> float | None:
        """The smallest number any source claimed."""
        return _claimed(self.claims)[0]

    @property
    def claimed_high(self) -> float | None:
        """The largest number any source claimed (an 'at least' claim counts its value)."""
        return _claimed(self.claims)[1]

    @property
    def parts(self) -> tuple[tuple[str, tuple[Claim, ...]], ...]:
        """The claims of each part the reports count apart, in the order first recorded."""
        groups: dict[str, list[Claim]] = {}
        for claim in self.claims:
            if claim.part is not None:
                groups.setdefault(claim.part, []).append(claim)
        return tuple((part, tuple(claims)) for part, claims in groups.items())

    @property
    def part_ranges(self) -> tuple[tuple[str, float | None, float | None], ...]:
        """Each part with the smallest and the largest number its claims give (None: none)."""
        return tuple((part, *_claimed(claims)) for part, claims in self.parts)

    @property
    def whole(self) -> tuple[Claim, ...]:
        """The claims that count the whole: those that name no part."""
        return tuple(claim for claim in self.claims if claim.part is None)

    @property
    def whole_low(self) -> float | None:
        """The smallest number the claims allow for the whole.

        Without parts, the smallest claimed; with parts, the least of a whole claim and the
        parts' smallest numbers added up.
        """
        return self._whole_range()[0]

    @property
    def whole_high(self) -> float | None:
        """The largest number the claims allow for the whole, as ``whole_low`` adds parts up."""
        return self._whole_range()[1]

    def _whole_range(self) -> tuple[float | None, float | None]:
        """(whole_low, whole_high)."""
        parts = self.part_ranges
        if not parts:
            return _claimed(self.claims)
        lows = [low for _, low, _ in parts if low is not None]
        highs = [high for _, _, high in parts if high is not None]
        summed = (sum(lows) if lows else None, sum(highs) if highs else None)
        whole = _claimed(self.whole)
        low = min((v for v in (whole[0], summed[0]) if v is not None), default=None)
        high = max((v for v in (whole[1], summed[1]) if v is not None), default=None)
        return (low, high)

    @property
    def spread(self) -> float:
        """Highest claim minus lowest claim for the whole: 0 when sources agree."""
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
            return _agreed(self.claims) is None
        spans = [_agreed(claims) for claims in (self.whole, *(c for _, c in parts))]
        known = [span for span in spans if span is not None]
        if len(known) < len(spans):
            return True
        (_, whole_high), *of_parts = known
        return whole_high is not None and whole_high < sum(low for low, _ in of_parts)


def _claimed(claims: tuple[Claim, ...]) -> tuple[float | None, float | None]:
    """The smallest and the largest number the claims give (an 'at least' claim its value).

    Claims without a number give neither.
    """
    lows = [c.low for c in claims if c.low is not None]
    highs = [c.high if c.high is not None else c.low for c in claims]
    values = [h for h in highs if h is not None]
    return (min(lows) if lows else None, max(values) if values else None)


def _agreed(claims: tuple[Claim, ...]) -> tuple[float, float | None] | None:
    """The numbers every claim allows, (highest low, lowest high); None when there are none.

    The high is None when no claim bounds it; claims without a number allow (0, None).
    """
    spans = [(c.low, c.high) for c in claims if c.low is not None]
    highest_low = max((low for low, _ in spans), default=0.0)
    lowest_high = min((high for _, high in spans if high is not None), default=None)
    if lowest_high is not None and highest_low > lowest_high:
        return None
    return (highest_low, lowest_high)


def format_count(value: float | None) -> str:
    """A count as every page, table and sentence prints it: '4,353', '2.5'; '?' for none.

    The one number formatter of the generator: thousands are grouped with commas and a whole
    number has no trailing '.0'. Open data files write numbers as numbers, not with this.
    """
    if value is None:
        return "?"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,g}"
