"""What a group of claims gives: the numbers they span, and the numbers they all allow.

A figure's claims are read in groups: all of them, or those of one part of the whole
(``Figure.parts``). These functions read only each claim's number and qualifier.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple, Protocol


class Claim(Protocol):
    """What these functions read of a claim (``figures.Claim``)."""

    @property
    def low(self) -> float | None:
        """The smallest number it allows; None without a number."""

    @property
    def high(self) -> float | None:
        """The largest number it allows; None for 'at least' or without a number."""

    @property
    def qualifier(self) -> str:
        """'exact', 'about', 'at-least' or 'at-most'."""


class Claimed(NamedTuple):
    """The smallest and the largest number a group of claims gives."""

    low: float | None
    """None when no claim gives a number."""
    high: float | None
    """An 'at least' claim counts its value; None when no claim gives a number."""
    open: bool
    """The largest is only an 'at least': what is counted may be larger."""


def claimed(claims: Iterable[Claim]) -> Claimed:
    """The numbers the claims span; claims without a number give none."""
    lows: list[float] = []
    bounded: list[float] = []
    unbounded: list[float] = []
    for claim in claims:
        low, high = claim.low, claim.high
        if low is None:
            continue
        lows.append(low)
        (bounded if high is not None else unbounded).append(high if high is not None else low)
    if not lows:
        return Claimed(None, None, False)
    high = max(bounded + unbounded)
    return Claimed(min(lows), high, high not in bounded)


def added_up(parts: Iterable[Claimed]) -> Claimed:
    """Parts' numbers added up: open when a part is open or gives no number.

    No number at all when no part gives one.
    """
    spans = list(parts)
    known = [span for span in spans if span.low is not None and span.high is not None]
    if not known:
        return Claimed(None, None, True)
    low = sum(span.low for span in known if span.low is not None)
    high = sum(span.high for span in known if span.high is not None)
    return Claimed(low, high, len(known) < len(spans) or any(span.open for span in known))


def agreed(claims: Iterable[Claim]) -> tuple[float, float | None] | None:
    """The numbers every claim allows, (highest low, lowest high); None when there are none.

    An 'at most' claim allows anything up to its number, an 'at least' claim anything from
    it; the high is None when no claim bounds it, and claims without a number allow (0, None).
    """
    highest_low = 0.0
    lowest_high: float | None = None
    for claim in claims:
        low, high = claim.low, claim.high
        if low is None:
            continue
        if claim.qualifier != "at-most":
            highest_low = max(highest_low, low)
        if high is not None:
            lowest_high = high if lowest_high is None else min(lowest_high, high)
    if lowest_high is not None and highest_low > lowest_high:
        return None
    return (highest_low, lowest_high)
