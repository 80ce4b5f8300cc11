"""Rules on the parts of a broken record that are sound on their own.

A schema error anywhere makes the whole record invalid, and the semantic rules need a valid
record. So that one run of ``check`` lists every independent problem, a broken record's when
block, each place and each figure (or, inside a broken figure, each claim) are validated
alone and given the rules that need nothing else. Vocabulary terms and ids are checked on
the data as loaded, valid or not (``raw_rules``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from pydantic import ValidationError

from generator.content.load import RawRecord, field_path
from generator.core.errors import Finding
from generator.model import Claim, Figure, Place, Record, Vocabulary, When

from . import figure_rules, rules

M = TypeVar("M", bound=Record)


def without_knock_ons(raw: RawRecord, findings: Iterable[Finding]) -> Iterator[Finding]:
    """The findings outside the parts where the loader refused a value.

    A refused value (a 40-digit number, an ambiguous boolean) is left as None, so the rules
    of its part (its claim, place, figure or when block) would report it missing as well.
    """
    refused = {problem.field for problem in raw.problems}
    yield from (finding for finding in findings if not _under(finding.loc, refused))


def _under(loc: tuple[str | int, ...], refused: set[str]) -> bool:
    """Whether a refused value lies in the part (when, a place, a figure, a claim) of a finding."""
    if not loc or not refused:
        return False
    steps = 1 if loc[:1] == ("when",) else 4 if loc[2:3] == ("claims",) else 2
    part = field_path(loc[:steps])
    return any(field == part or field.startswith((f"{part}.", f"{part}[")) for field in refused)


def parts(data: Any, vocabulary: Vocabulary) -> Iterator[Finding]:
    """The findings of the part rules on every part of a record that validates alone."""
    if not isinstance(data, dict):
        return
    when = _valid(When, data.get("when"))
    if when is not None:
        yield from rules.check_when_block(when)
    places = data.get("places")
    for index, item in enumerate(places if isinstance(places, list) else []):
        place = _valid(Place, item)
        if place is not None:
            yield from rules.check_place(place, index, vocabulary)
    names = {term.id for term in vocabulary.figures}
    figures = data.get("figures")
    for index, item in enumerate(figures if isinstance(figures, list) else []):
        loc: tuple[str | int, ...] = ("figures", index)
        figure = _valid(Figure, item)
        if figure is not None:
            yield from figure_rules.check_figure(figure, loc, vocabulary, names)
        elif isinstance(item, dict):
            name = item.get("figure")
            yield from _claims(item.get("claims"), loc, vocabulary.unit(str(name)))


def _claims(claims: Any, loc: tuple[str | int, ...], unit: str) -> Iterator[Finding]:
    """The claim rule on each claim of a broken figure that validates alone."""
    for index, item in enumerate(claims if isinstance(claims, list) else []):
        claim = _valid(Claim, item)
        if claim is not None:
            yield from figure_rules.check_claim(claim, (*loc, "claims", index), unit)


def _valid(model: type[M], data: Any) -> M | None:
    """``data`` as a ``model``, or None when it is not one (its errors are reported already)."""
    if not isinstance(data, dict):
        return None
    try:
        return model.model_validate(data)
    except ValidationError:
        return None
