"""Claims that count separate parts of one whole: they add up and do not disagree.

Every claim here is invented for the test.
"""

from __future__ import annotations

import pytest

from generator.content.figure_rules import check_estimate
from generator.model import Claim, Estimate, Figure
from generator.text.figures import figure_value, parts_added_up


def _claim(value: float, part: str | None = None, qualifier: str = "exact") -> Claim:
    return Claim.model_validate(
        {"value": value, "part": part, "qualifier": qualifier, "stated_by": "I", "source": "x"}
    )


def _figure(*claims: Claim, estimate: Estimate | None = None) -> Figure:
    return Figure(figure="convicted", claims=claims, estimate=estimate)


TRIALS = _figure(_claim(50, "trial A"), _claim(50, "trial A"), _claim(7, "trial B"), _claim(2, "C"))


def test_claims_of_different_parts_do_not_disagree_and_add_up() -> None:
    assert not TRIALS.is_disputed
    assert (TRIALS.whole_low, TRIALS.whole_high, TRIALS.spread) == (59, 59, 0)
    # What sources said is kept as said: the data's claimed_low and claimed_high.
    assert (TRIALS.claimed_low, TRIALS.claimed_high) == (2, 50)
    assert [part for part, _ in TRIALS.parts] == ["trial A", "trial B", "C"]
    assert parts_added_up(TRIALS) == "50 (trial A) + 7 (trial B) + 2 (C) = 59"
    assert figure_value(TRIALS) == "59, the parts reported added up"


def test_claims_of_one_part_still_disagree() -> None:
    figure = _figure(_claim(50, "A"), _claim(51, "A"), _claim(7, "B"))
    assert figure.is_disputed
    assert (figure.whole_low, figure.whole_high, figure.spread) == (57, 58, 1)
    assert parts_added_up(figure) == "50–51 (A) + 7 (B) = 57–58"


@pytest.mark.parametrize(
    ("whole", "disputed"),
    [
        (_claim(57), False),
        (_claim(60), False),  # parts that were reported need not be every part
        (_claim(56), True),  # the whole is less than its parts add up to
        (_claim(56, qualifier="at-least"), False),
    ],
)
def test_a_claim_of_the_whole_disagrees_only_with_less_than_the_parts(
    whole: Claim, disputed: bool
) -> None:
    figure = _figure(_claim(50, "A"), _claim(7, "B"), whole)
    assert figure.is_disputed is disputed
    assert figure.whole == (whole,)


def test_a_part_without_a_number_makes_the_sum_a_least() -> None:
    words = Claim(text="several", part="B", stated_by="I", source="x")
    figure = _figure(_claim(50, "A"), words)
    assert parts_added_up(figure) == "50 (A) + ? (B) = at least 50"


def test_figures_without_parts_are_as_before() -> None:
    figure = _figure(_claim(7), _claim(8), _claim(2, qualifier="at-least"))
    assert figure.parts == ()
    assert figure.is_disputed
    assert (figure.whole_low, figure.whole_high) == (figure.claimed_low, figure.claimed_high)
    assert figure_value(figure) == "2–8 reported"


def test_an_estimate_is_checked_against_the_parts_added_up() -> None:
    within = Estimate(best=59, low=59, high=59, rule="single-source")
    outside = Estimate(best=50, low=50, high=59, rule="single-source")
    loc = ("figures", 0)
    parted = TRIALS.model_copy(update={"estimate": within})
    assert list(check_estimate(parted, loc)) == []
    found = list(check_estimate(TRIALS.model_copy(update={"estimate": outside}), loc))
    assert [(f.loc, f.message) for f in found] == [
        (
            ("figures", 0, "estimate", "best"),
            "lies outside the claimed values 59-59; give a rationale or correct it",
        )
    ]
