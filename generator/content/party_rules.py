"""Rules on parties, splits, places abroad, money and measures: one function per rule.

Each ``check_*`` yields findings (a field path, a message and a level), as ``rules`` does.
"""

from __future__ import annotations

from collections.abc import Iterator

import pycountry

from generator.content.rules import day_of
from generator.core.errors import Finding, did_you_mean
from generator.model import Incident, Vocabulary, breakdowns

Loc = tuple[str | int, ...]


def check_parties_and_splits(incident: Incident, vocabulary: Vocabulary) -> Iterator[Finding]:
    """Every rule of this module, in file order."""
    yield from check_party_fields(incident)
    yield from check_references(incident)
    yield from check_countries(incident)
    yield from check_money(incident, vocabulary)
    yield from check_splits(incident)
    yield from check_measures(incident, vocabulary)


def check_party_fields(incident: Incident) -> Iterator[Finding]:
    """A party lists each role and nationality once; attribution and response role fit its roles."""
    for index, party in enumerate(incident.parties):
        if len(set(party.roles)) != len(party.roles):
            yield Finding(("parties", index, "roles"), "lists a role twice")
        if len(set(party.nationalities)) != len(party.nationalities):
            yield Finding(("parties", index, "nationalities"), "lists a country twice")
        if party.attribution is not None and "attacker" not in party.roles:
            yield Finding(
                ("parties", index, "attribution"),
                "applies only to a party with the role 'attacker'",
            )
        if party.response_role is not None and "responder" not in party.roles:
            yield Finding(
                ("parties", index, "response_role"),
                "applies only to a party with the role 'responder'",
            )


def check_references(incident: Incident) -> Iterator[Finding]:
    """Every party and place a figure, fate, weapon or measure names is defined in the record."""
    parties = {party.id for party in incident.parties}
    places = {place.id for place in incident.places if place.id is not None}
    for index, figure in enumerate(incident.figures):
        loc: Loc = ("figures", index)
        yield from _defined((*loc, "party"), figure.party, parties, "parties")
        yield from _defined((*loc, "by"), figure.by, parties, "parties")
        yield from _defined((*loc, "place"), figure.place, places, "places")
    for index, fate in enumerate(incident.fates):
        yield from _defined(("fates", index, "party"), fate.party, parties, "parties")
    for index, weapon in enumerate(incident.weapons):
        yield from _defined(("weapons", index, "party"), weapon.party, parties, "parties")
    for index, measure in enumerate(incident.measures):
        for number, place in enumerate(measure.places):
            yield from _defined(("measures", index, "places", number), place, places, "places")


def check_countries(incident: Incident) -> Iterator[Finding]:
    """Country codes of places, figures and nationalities are real ISO 3166-1 alpha-2 codes."""
    coded: list[tuple[Loc, str | None]] = [
        (("places", i, "country"), place.country) for i, place in enumerate(incident.places)
    ]
    coded += [(("figures", i, "country"), f.country) for i, f in enumerate(incident.figures)]
    coded += [
        (("parties", i, "nationalities", n), code)
        for i, party in enumerate(incident.parties)
        for n, code in enumerate(party.nationalities)
    ]
    for loc, code in coded:
        if code is not None and pycountry.countries.get(alpha_2=code) is None:
            yield Finding(loc, f"must be an ISO 3166-1 alpha-2 country code (got '{code}')")


def check_money(incident: Incident, vocabulary: Vocabulary) -> Iterator[Finding]:
    """An amount of money names its ISO 4217 currency; a count of people or hours has none.

    That holds for each claim and for the estimate: a best estimate of damage is a number of
    some currency, which the claims alone may not settle (they can be in several). An estimate
    in a currency none of its claims uses is a warning: it was converted, or mistyped.
    """
    for index, figure in enumerate(incident.figures):
        money = vocabulary.unit(figure.figure) == "money"
        amounts: list[tuple[Loc, bool, str | None]] = [
            (("figures", index, "claims", number), claim.is_quantified, claim.currency)
            for number, claim in enumerate(figure.claims)
        ]
        if figure.estimate is not None:
            amounts.append((("figures", index, "estimate"), True, figure.estimate.currency))
        for where, quantified, currency in amounts:
            loc: Loc = (*where, "currency")
            if money and quantified and currency is None:
                yield Finding(where, "must give the currency of the amount (ISO 4217: KZT, USD)")
            elif not money and currency is not None:
                yield Finding(loc, f"applies only to amounts of money (got '{currency}')")
            elif currency is not None and pycountry.currencies.get(alpha_3=currency) is None:
                yield Finding(loc, f"must be an ISO 4217 currency code (got '{currency}')")
        stated = {claim.currency for claim in figure.claims if claim.currency}
        estimate = figure.estimate.currency if figure.estimate else None
        if money and estimate and stated and estimate not in stated:
            listed = ", ".join(sorted(stated))
            yield Finding(
                ("figures", index, "estimate", "currency"),
                f"is none of the currencies its claims are stated in ({listed}); a converted "
                f"amount needs its rule's rationale to say how (got '{estimate}')",
                "warning",
            )


def check_splits(incident: Incident) -> Iterator[Finding]:
    """The parts of a total by cause, by place or by country add up to no more than the total."""
    for name in dict.fromkeys(figure.figure for figure in incident.figures):
        for found in breakdowns(incident.figures, name):
            if found.dimension == "role":
                continue  # figure_rules.check_role_split checks roles against their wholes.
            lows = sum(part.amount.low for part in found.parts)
            if lows > found.total.high:
                index = next(
                    i
                    for i, f in enumerate(incident.figures)
                    if f.figure == name and getattr(f, found.dimension) == found.parts[-1].key
                )
                yield Finding(
                    ("figures", index, "estimate", "low"),
                    f"makes the parts of '{name}' by {_DIMENSION_WORDS[found.dimension]} add up "
                    f"to at least {lows:g}, more than its total of at most {found.total.high:g}",
                )


_DIMENSION_WORDS = {"by": "cause", "place": "place", "country": "country"}


def check_measures(incident: Incident, vocabulary: Vocabulary) -> Iterator[Finding]:
    """A measure does not end, or get decreed to end, before it starts."""
    for index, measure in enumerate(incident.measures):
        for key in ("end", "decreed_end"):
            end = getattr(measure, key)
            if end is not None and day_of(end) < day_of(measure.start):
                yield Finding(
                    ("measures", index, key),
                    f"must not be before start {day_of(measure.start).isoformat()} "
                    f"(got '{end.isoformat()}')",
                )


def _defined(loc: Loc, value: str | None, known: set[str], what: str) -> Iterator[Finding]:
    if value is None or value in known:
        return
    listed = ", ".join(sorted(known)) or "none"
    hint = did_you_mean(value, known)
    yield Finding(
        loc, f"must be the id of one of the record's {what}: {listed} (got '{value}'){hint}"
    )
