"""Figures and parties as readers see them: labels, anchors, titles, claims' words, roles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from generator.model import (
    HEDGES,
    PARTY_KINDS,
    Claim,
    Figure,
    Incident,
    Party,
    Vocabulary,
    country_name,
)
from generator.model.claim_spans import Claimed, claimed
from generator.model.figures import format_count
from generator.text.filters import NO_NAMES, short_place
from generator.text.markdown import html_text

ROLE_LABELS = {
    "total": "all",
    "victims": "victims",
    "perpetrators": "perpetrators",
    "security-forces": "security forces",
    "civilians": "civilians",
    "hostages": "hostages",
    "unknown": "role unknown",
}
"""Roles in the order the report lists them, with their wording in a figure's label."""


ROLE_ORDER = (
    "total",
    "victims",
    "civilians",
    "security-forces",
    "hostages",
    "perpetrators",
    "unknown",
)


def estimate_text(figure: Figure) -> str:
    """The estimate as a reader sees it: 'about 400' when every claim of that value hedges it.

    An exact-looking '400' would overstate what the reports know. Only 'about' carries over: a
    best value that reports give as 'at least 30' may also be the high of its range, and 'at
    least 30 (25–30)' would contradict itself.
    """
    assert figure.estimate is not None
    best = figure.estimate.best
    hedges = {claim.qualifier for claim in figure.claims if claim.value == best}
    prefix = HEDGES["about"] if hedges == {"about"} else ""
    return prefix + figure.estimate.display


def figure_value(figure: Figure) -> str:
    """The infobox value of a figure: the estimate, or the range of claims without one.

    Claims that give words and no number are quoted after 'no number:', so that words in the
    report's own language ('еще несколько ранены') never read as a count or as the page's text.
    Where reports count parts of the whole apart, their numbers are added up
    ('57 (parts added up)'), and the numbers of the whole follow.
    """
    if figure.estimate is not None:
        return estimate_text(figure)
    span = figure.whole_range
    if span.low is None:
        words = "; ".join(dict.fromkeys(f"“{c.display}”" for c in figure.claims))
        return f"no number: {words}"
    currencies = {claim.currency for claim in figure.claims if claim.currency}
    if len(currencies) > 1:  # amounts in several currencies make no range
        quantified = (claim.display for claim in figure.claims if claim.is_quantified)
        return "; ".join(dict.fromkeys(quantified)) + " reported"
    unit = f" {currencies.pop()}" if currencies else ""
    if not figure.parts:
        return f"{claimed_text(span, unit)} reported"
    text = f"{claimed_text(figure.parts_total, unit)} (parts added up)"
    whole = claimed(figure.whole)
    if whole.low is None:
        return text
    return text + f"; {claimed_text(whole, unit)} reported for the whole"


def claimed_text(span: Claimed, unit: str = "") -> str:
    """Numbers claims give: '7', '7–9', 'at least 40', '0 to at least 40'; '?' for none.

    The largest number that only 'at least' claims give is no upper bound: '0–40' would say
    it is.
    """
    if span.low is None or span.high is None:
        return "?"
    low, high = format_count(span.low) + unit, format_count(span.high) + unit
    if span.open:
        top = HEDGES["at-least"] + high
        return top if span.low == span.high else f"{low} to {top}"
    return low if span.low == span.high else f"{format_count(span.low)}–{high}"


def by_as_of(claims: Iterable[Claim]) -> list[Claim]:
    """Claims in order of their date, undated ones last, otherwise in the order recorded."""
    return [claim for _, claim in numbered_by_as_of(claims)]


def numbered_claims(figure: Figure) -> list[tuple[int, Claim]]:
    """A figure's claims as its page lists them, each with its number as recorded.

    By date (``numbered_by_as_of``); where reports count parts apart, the whole's claims
    first, then each part's, the parts in the order recorded.
    """
    numbered = numbered_by_as_of(figure.claims)
    if not figure.parts:
        return numbered
    order = {part: index for index, (part, _) in enumerate(figure.parts, start=1)}
    return sorted(numbered, key=lambda item: order.get(item[1].part or "", 0))


def numbered_by_as_of(claims: Iterable[Claim]) -> list[tuple[int, Claim]]:
    """Claims in the order of ``by_as_of``, each with its 1-based position as recorded."""
    return sorted(enumerate(claims, start=1), key=lambda numbered: _as_of_key(numbered[1]))


def _as_of_key(claim: Claim) -> tuple[int, str, int, str]:
    """The local day first, then (for date-times) the instant in UTC; a bare date comes first."""
    moment = claim.as_of
    if moment is None:
        return (1, "", 0, "")
    if not isinstance(moment, dt.datetime):
        return (0, moment.isoformat(), 0, "")
    instant = moment.astimezone(dt.UTC) if moment.tzinfo else moment
    return (0, moment.date().isoformat(), 1, instant.replace(tzinfo=None).isoformat())


def claim_words(claim: Claim) -> str:
    """A claim's words, quote, note and doubt, each its own sentence, as HTML (a table cell).

    'As worded: “six or seven”. Quote: “…”. Note: …'
    """
    parts = []
    if claim.text and claim.is_quantified:
        parts.append(f"As worded: “{html_text(claim.text)}”.")
    if claim.quote:
        parts.append(f"Quote: “{html_text(claim.quote)}”.")
    if claim.note:
        note = html_text(claim.note.strip())
        parts.append(f"Note: {note}" + ("" if note.endswith((".", "?", "!", ")")) else "."))
    if claim.uncertain:
        parts.append("<em>Uncertain: secondary or low-reliability source.</em>")
    return " ".join(parts)


def claimed_values(figure: Figure) -> str:
    """The different numbers reports give for a figure: '7 and 8', '2 and at least 2'.

    Where reports count parts apart, each part's numbers are named by the part: '50 and 51
    (the trial in Taraz); 7 (the military court's trial)'.
    """
    if not figure.parts:
        return _values(figure.claims)
    groups = [("the whole", figure.whole), *figure.parts]
    return "; ".join(
        f"{_values(claims)} ({part})"
        for part, claims in groups
        if any(c.is_quantified for c in claims)
    )


def _values(claims: Iterable[Claim]) -> str:
    """The claims' different numbers, smallest first: '7 and 8'."""
    numbered = sorted(
        (c for c in claims if c.is_quantified), key=lambda c: (c.low or 0, c.high or 0, c.qualifier)
    )
    values = list(dict.fromkeys(claim.display for claim in numbered))
    return ", ".join(values[:-1]) + " and " + values[-1] if len(values) > 1 else "".join(values)


def parts_added_up(figure: Figure) -> str:
    """What the parts reports count apart add up to: '59: 50 (the trial in Taraz) + 7 (…) + 2 (…)'.

    A part whose reports give different numbers reads as their range, and so does the sum;
    an 'at least' carries over to the sum, as does a part with no number ('?').
    """
    currencies = {claim.currency for claim in figure.claims if claim.currency}
    unit = f" {currencies.pop()}" if len(currencies) == 1 else ""
    terms = " + ".join(f"{claimed_text(span, unit)} ({part})" for part, span in figure.part_ranges)
    return f"{claimed_text(figure.parts_total, unit)}: {terms}"


def figure_anchor(figure: Figure) -> str:
    """The id of a figure's section on its incident page: 'figure-killed-civilians-place-square'."""
    keys = ("party", "by", "place", "in")
    narrowed = "".join(
        f"-{key}-{value.lower()}" for key, value in zip(keys, figure.split, strict=True) if value
    )
    return f"figure-{figure.figure}-{figure.role}{narrowed}"


def figure_key(figure: Figure) -> str:
    """A figure's key within its incident, as the data files name it: its anchor's words."""
    return figure_anchor(figure).removeprefix("figure-")


def claim_anchor(figure: Figure, number: int) -> str:
    """The id of a claim's row on its incident page: 'claim-killed-civilians-2'.

    ``number`` is the claim's position among the figure's claims as recorded, the data's
    ``claim``: a row of claims.csv is at ``#claim-<figure_key>-<claim>`` of its incident's page.
    """
    return f"claim-{figure_key(figure)}-{number}"


def figure_title(
    figure: Figure,
    incident: Incident,
    vocabulary: Vocabulary,
    countries: Mapping[str, str] = NO_NAMES,
) -> str:
    """A figure's label with the part it counts: 'Killed (civilians): by Police, in Almaty'."""
    label = figure_label(figure.figure, figure.role, vocabulary)
    return label + figure_where(figure, incident, countries)


def figure_where(
    figure: Figure, incident: Incident, countries: Mapping[str, str] = NO_NAMES
) -> str:
    """The part of the event a figure counts, as its title ends: ': by Police, in Almaty'.

    Names keep their capitals wherever the label before them is written in lower case.
    """
    parts = []
    if figure.party is not None:
        parts.append("among " + party_name(incident.party(figure.party), figure.party))
    if figure.by is not None:
        parts.append("by " + party_name(incident.party(figure.by), figure.by))
    if figure.place is not None:
        place = incident.place(figure.place)
        parts.append("in " + (short_place(place, countries) if place else figure.place))
    if figure.country is not None:
        parts.append("in " + country_name(figure.country, countries))
    return ": " + ", ".join(parts) if parts else ""


def party_name(party: Party | None, fallback: str = "") -> str:
    """A party as readers see it: its name, else what the record says of it."""
    return party.display_name if party is not None else fallback


def party_kind(kind: str) -> str:
    """A party kind's label: 'security-service' -> 'security service'."""
    return PARTY_KINDS[kind].label.lower() if kind in PARTY_KINDS else kind.replace("-", " ")


ROLE_WORDS = {"attacker": "perpetrator", "target": "attacked or harmed", "responder": "responded"}
"""A party's roles in words; 'perpetrator', as the infobox says, since 'attacked' would also
read as what happened to it."""


def party_roles(party: Party) -> str:
    """What a party did, in words: 'perpetrator; responded (lead)'."""
    words = [ROLE_WORDS[role] for role in party.roles]
    if party.response_role is not None:
        words[party.roles.index("responder")] += f" ({party.response_role})"
    return "; ".join(words)


def figure_label(name: str, role: str, vocabulary: Vocabulary) -> str:
    """'Killed' for a total, 'Killed (security forces)' for a role."""
    label = vocabulary.label("figures", name)
    return label if role == "total" else f"{label} ({ROLE_LABELS[role]})"
