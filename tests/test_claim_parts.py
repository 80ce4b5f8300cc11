"""Claims that count separate parts of one whole: they add up and do not disagree.

Every claim here is invented for the test.
"""

from __future__ import annotations

import pytest

from generator.content.figure_rules import check_estimate, check_parts
from generator.model import Claim, Estimate, Figure
from generator.report.text import amount_text
from generator.text.figures import (
    claimed_values,
    figure_value,
    numbered_claims,
    parts_added_up,
)


def _claim(
    value: float | None,
    part: str | None = None,
    qualifier: str = "exact",
    source: str = "x",
    currency: str | None = None,
) -> Claim:
    fields = {"value": value, "part": part, "qualifier": qualifier, "currency": currency}
    if value is None:
        fields["text"] = "several"
    return Claim.model_validate({**fields, "stated_by": "I", "source": source})


def _figure(*claims: Claim, estimate: Estimate | None = None) -> Figure:
    return Figure(figure="convicted", claims=claims, estimate=estimate)


TRIALS = _figure(
    _claim(50, "trial A", source="a"),
    _claim(50, "trial A", source="b"),
    _claim(7, "trial B", source="c"),
    _claim(2, "C", source="c"),
)


def test_claims_of_different_parts_do_not_disagree_and_add_up() -> None:
    assert not TRIALS.is_disputed
    assert (TRIALS.whole_low, TRIALS.whole_high, TRIALS.spread) == (59, 59, 0)
    # What sources said is kept as said: the data's claimed_low and claimed_high.
    assert (TRIALS.claimed_low, TRIALS.claimed_high) == (2, 50)
    assert [part for part, _ in TRIALS.parts] == ["trial A", "trial B", "C"]
    assert parts_added_up(TRIALS) == "59: 50 (trial A) + 7 (trial B) + 2 (C)"
    assert figure_value(TRIALS) == "59 (parts added up)"
    assert amount_text(TRIALS) == "no estimate; claims 59, parts added up"


def test_claims_of_one_part_still_disagree_and_are_named_by_it() -> None:
    figure = _figure(_claim(50, "A"), _claim(51, "A"), _claim(7, "B"))
    assert figure.is_disputed
    assert (figure.whole_low, figure.whole_high, figure.spread) == (57, 58, 1)
    assert parts_added_up(figure) == "57–58: 50–51 (A) + 7 (B)"
    assert claimed_values(figure) == "50 and 51 (A); 7 (B)"


@pytest.mark.parametrize(
    ("whole", "disputed"),
    [
        (_claim(57), False),
        (_claim(60), False),  # parts that were reported need not be every part
        (_claim(56), True),  # the whole is less than its parts add up to
        (_claim(56, qualifier="at-least"), False),
        (_claim(60, qualifier="at-most"), False),
        (_claim(56, qualifier="at-most"), True),
    ],
)
def test_a_claim_of_the_whole_disagrees_only_with_less_than_the_parts(
    whole: Claim, disputed: bool
) -> None:
    figure = _figure(_claim(50, "A"), _claim(7, "B"), whole)
    assert figure.is_disputed is disputed
    assert figure.whole == (whole,)


def test_an_at_most_claim_agrees_with_a_smaller_number() -> None:
    assert not _figure(_claim(10, qualifier="at-most"), _claim(7)).is_disputed
    assert _figure(_claim(10, qualifier="at-most"), _claim(12)).is_disputed


def test_hedges_carry_over_to_the_parts_added_up() -> None:
    open_part = _figure(_claim(50, "A", "at-least"), _claim(7, "B"))
    assert parts_added_up(open_part) == "at least 57: at least 50 (A) + 7 (B)"
    assert figure_value(open_part) == "at least 57 (parts added up)"
    unknown = _figure(_claim(50, "A"), _claim(None, "B"))
    assert parts_added_up(unknown) == "at least 50: 50 (A) + ? (B)"
    assert figure_value(unknown) == "at least 50 (parts added up)"
    # The claim in words is why the sum is 'at least': its source is cited too.
    assert unknown.backing == unknown.claims
    nothing = _figure(_claim(None, "A"), _claim(None, "B"))
    assert parts_added_up(nothing) == "?: ? (A) + ? (B)"
    assert figure_value(nothing) == "no number: “several”"


def test_a_claim_of_the_whole_is_shown_beside_the_parts() -> None:
    figure = _figure(_claim(50, "A"), _claim(7, "B"), _claim(100, qualifier="at-least"))
    assert (figure.whole_low, figure.whole_high) == (57, 100)
    assert figure.whole_range.open
    assert figure_value(figure) == "57 (parts added up); at least 100 reported for the whole"
    assert not figure.whole_below_parts
    assert claimed_values(figure) == "at least 100 (the whole); 50 (A); 7 (B)"


def test_amounts_of_parts_add_up_in_their_currency() -> None:
    figure = _figure(_claim(100, "A", currency="KZT"), _claim(200, "B", currency="KZT"))
    assert parts_added_up(figure) == "300 KZT: 100 KZT (A) + 200 KZT (B)"
    assert figure_value(figure) == "300 KZT (parts added up)"


def test_figures_without_parts_are_as_before() -> None:
    figure = _figure(_claim(7), _claim(8), _claim(2, qualifier="at-least"))
    assert figure.parts == ()
    assert figure.is_disputed
    assert (figure.whole_low, figure.whole_high) == (figure.claimed_low, figure.claimed_high)
    assert figure_value(figure) == "2–8 reported"
    assert claimed_values(figure) == "at least 2, 7 and 8"


def test_every_claim_of_a_part_backs_the_estimate() -> None:
    # The estimate is the parts added up: the claims of 7 and 2 are behind it too.
    parted = TRIALS.model_copy(
        update={"estimate": Estimate(best=59, low=50, high=59, rule="consensus")}
    )
    assert parted.backing == parted.claims
    whole = _figure(
        _claim(50), _claim(9), estimate=Estimate(best=50, low=50, high=50, rule="consensus")
    )
    assert [claim.value for claim in whole.backing] == [50]


def test_an_estimate_is_checked_against_the_parts_added_up() -> None:
    within = Estimate(best=59, low=59, high=59, rule="single-source")
    outside = Estimate(best=50, low=50, high=59, rule="single-source")
    loc = ("figures", 0)
    parted = TRIALS.model_copy(update={"estimate": within})
    assert [f.message for f in check_estimate(parted, loc) if "outside" in f.message] == []
    found = list(check_estimate(TRIALS.model_copy(update={"estimate": outside}), loc))
    assert [(f.loc, f.message) for f in found if "outside" in f.message] == [
        (
            ("figures", 0, "estimate", "best"),
            "lies outside the claimed values (the parts added up) 59-59; give a rationale or "
            "correct it",
        )
    ]


def test_parts_are_named_alike_two_or_more_and_in_one_currency() -> None:
    loc = ("figures", 3)
    assert list(check_parts(TRIALS, loc)) == []
    alike = _figure(_claim(50, "Trial A"), _claim(50, "trial  a"), _claim(7, "B"))
    assert [(f.loc, f.message) for f in check_parts(alike, loc)] == [
        (
            ("figures", 3, "claims", 1, "part"),
            "reads like part 'Trial A' of an earlier claim: give every claim of one part the "
            "same words (got 'trial  a')",
        )
    ]
    alone = _figure(_claim(60), _claim(50, "A"))
    assert [(f.loc, f.message, f.level) for f in check_parts(alone, loc)] == [
        (
            ("figures", 3, "claims", 1, "part"),
            "is the only part named ('A'), which adds up to itself: give the claims of the "
            "other parts too, or leave 'part' out and say in the note what the number counts",
            "warning",
        )
    ]
    money = _figure(_claim(1, "A", currency="KZT"), _claim(2, "B", currency="USD"))
    assert [(f.loc, f.message) for f in check_parts(money, loc)] == [
        (
            ("figures", 3, "claims", 0, "part"),
            "names a part of amounts in different currencies (KZT, USD), which cannot be "
            "added up: leave 'part' out and keep each amount as reported",
        )
    ]
    whole = _figure(_claim(50, "A"), _claim(7, "The  Whole"))
    assert [(f.loc, f.message) for f in check_parts(whole, loc)] == [
        (
            ("figures", 3, "claims", 1, "part"),
            "must not be 'the whole', which a claim without 'part' counts: leave it out",
        )
    ]


def test_a_page_lists_the_whole_first_then_each_part() -> None:
    figure = _figure(_claim(7, "B"), _claim(50, "A"), _claim(60), _claim(8, "B"))
    numbered = numbered_claims(figure)
    assert [(number, claim.part) for number, claim in numbered] == [
        (3, None),
        (1, "B"),
        (4, "B"),
        (2, "A"),
    ]


def test_a_whole_below_the_parts_is_what_disagrees() -> None:
    figure = _figure(_claim(50, "A"), _claim(7, "B"), _claim(56))
    assert figure.whole_below_parts
    assert figure.is_disputed
    assert claimed_values(figure) == "56 (the whole); 50 (A); 7 (B)"
