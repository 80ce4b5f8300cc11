"""A figure's whole count and its counts by role, worked out from a record's figures.

The one rule of totals (the methodology's): a curated total, else the sum of roles that do
not overlap; and each role's count for the whole event, its own or its parties' added up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .figures import format_range

if TYPE_CHECKING:
    from .figures import Estimate, Figure


@dataclass(frozen=True)
class Total:
    """A figure's whole count: the curated total, or the sum of its roles when there is none."""

    best: float
    low: float
    high: float
    derived_from: tuple[str, ...] = ()
    """The roles summed when no total was curated; empty for a curated total."""

    @property
    def is_derived(self) -> bool:
        """The total was added up from the roles, not curated."""
        return bool(self.derived_from)

    @property
    def basis(self) -> str:
        """How a total added up from roles says so; '' for a curated total.

        'perpetrators only' when the record counts one role and nothing else, so that the
        number is never read as everyone's; 'sum of roles' when several roles are added up.
        """
        if not self.derived_from:
            return ""
        if len(self.derived_from) == 1 and self.derived_from[0] in _ALONE_WORDS:
            return f"{_ALONE_WORDS[self.derived_from[0]]} only"
        return "sum of roles"

    @property
    def display(self) -> str:
        """'6 (3–8)', with its basis appended when derived: '(sum of roles)', '(victims only)'."""
        text = _range(self)
        return f"{text} ({self.basis})" if self.basis else text


_ALONE_WORDS = {
    "victims": "victims",
    "civilians": "civilians",
    "security-forces": "security forces",
    "perpetrators": "perpetrators",
    "hostages": "hostages",
    "unknown": "people of unknown role",
}
"""A role as a total added up from it alone names it: '9 (perpetrators only)'; in this order,
the roles that a figure without a total counts: 'no total; victims 0'."""


_DISJOINT_ROLES = (
    ("victims", "perpetrators", "unknown"),
    ("civilians", "security-forces", "perpetrators", "unknown"),
)
"""Roles that never overlap, in order of preference, for adding up a total."""


def total_from(estimates: Mapping[str, Total]) -> Total | None:
    """A figure's total from its counts by role (``role_estimates``).

    The curated total if given, else the sum of disjoint roles.
    """
    if "total" in estimates:
        return estimates["total"]
    for roles in _DISJOINT_ROLES:
        parts = [role for role in roles if role in estimates]
        # 'victims' leaves the perpetrators out by definition: without them it is no total.
        complete = roles[0] != "victims" or {"victims", "perpetrators"} <= set(parts)
        if parts and complete:
            picked = [estimates[role] for role in parts]
            return Total(
                sum(e.best for e in picked),
                sum(e.low for e in picked),
                sum(e.high for e in picked),
                tuple(parts),
            )
    return None


PART_COUNTED = "counted with the incident it is part of"
"""What stands for the figures of a record that is part of another, which keeps them."""


def no_total_text(estimates: Mapping[str, Total]) -> str:
    """What a figure with no total counts by role: 'no total; victims 0'; else ''.

    Victims without perpetrators, or hostages, make no total (``total_from``), yet a listing
    that showed a bare dash would read as if nothing were known.
    """
    if total_from(estimates) is not None:
        return ""
    # Hostages are victims too: with a count of victims they are among them, not beside them.
    among = "victims" in estimates and "hostages" in estimates
    counted = [
        f"{words} {_range(estimates[role])}"
        for role, words in _ALONE_WORDS.items()
        if role in estimates and not (among and role == "hostages")
    ]
    if among:
        counted[0] += f", of them hostages {_range(estimates['hostages'])}"
    return f"no total; {', '.join(counted)}" if counted else ""


def _range(count: Total) -> str:
    """A count's best estimate and its range, without how it was added up: '6 (3–8)'."""
    return format_range(count.best, count.low, count.high)


def role_parts(estimates: Mapping[str, Total]) -> tuple[str, ...]:
    """The disjoint roles a figure's counts by role split it into (civilians...), if any."""
    candidates = [tuple(role for role in roles if role in estimates) for roles in _DISJOINT_ROLES]
    parts = max(candidates, key=len)  # the first of the longest: victims before their split
    return parts if parts and (len(parts) > 1 or "total" in estimates) else ()


def role_estimates(figures: tuple[Figure, ...], name: str) -> dict[str, Total]:
    """Each role's estimate for the whole event: its own figure, else its parties' added up."""
    found: dict[str, Total] = {}
    by_party: dict[str, list[Estimate]] = {}
    for figure in figures:
        if figure.figure != name or figure.estimate is None:
            continue
        if not figure.is_part:
            e = figure.estimate
            found[figure.role] = Total(e.best, e.low, e.high)
        elif figure.split == (figure.party, None, None, None):
            by_party.setdefault(figure.role, []).append(figure.estimate)
    for role, estimates in by_party.items():
        if role not in found:
            found[role] = Total(
                sum(e.best for e in estimates),
                sum(e.low for e in estimates),
                sum(e.high for e in estimates),
                ("parties",),
            )
    return found
