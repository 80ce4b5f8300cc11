"""Rules on a record's figures: known, unique per role, claims and estimates well formed.

One small function per rule, its docstring states the rule (as in ``rules``).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.content.messages import not_in
from generator.core.errors import Finding
from generator.model import Claim, Figure, Incident, Vocabulary, role_estimates
from generator.text.figures import figure_key

WHOLE = "the whole"
"""What a claim without a part counts, as its page says: no part's name."""
COUNTED = frozenset({"people", "buildings", "vehicles"})
"""Units counted one by one: a claim of 2.5 of them is a mistake."""


def check_figures(incident: Incident, vocabulary: Vocabulary) -> Iterator[Finding]:
    """Figures are known, unique per role, with well-formed claims and estimates."""
    names = {term.id for term in vocabulary.figures}
    seen: set[tuple[str | None, ...]] = set()
    for index, figure in enumerate(incident.figures):
        loc: tuple[str | int, ...] = ("figures", index)
        if figure.identity in seen:
            narrowed = "".join(
                f", {key} '{value}'"
                for key, value in zip(
                    ("party", "by", "place", "country"), figure.split, strict=True
                )
                if value is not None
            )
            yield Finding(
                (*loc, "role"),
                f"repeats figure '{figure.figure}' for role '{figure.role}'{narrowed}",
            )
        seen.add(figure.identity)
        yield from check_figure(figure, loc, vocabulary, names)
    yield from check_figure_keys(incident)
    yield from check_role_split(incident)


def check_figure_keys(incident: Incident) -> Iterator[Finding]:
    """Distinct figures have distinct keys, which name their sections, claims and data rows.

    'killed-civilians-party-x-in-kz' is party 'x-in-kz', or party 'x' in country KZ.
    """
    first: dict[str, tuple[int, tuple[str | None, ...]]] = {}
    for index, figure in enumerate(incident.figures):
        key = figure_key(figure)
        earlier = first.setdefault(key, (index, figure.identity))
        if earlier[1] != figure.identity:  # the same figure twice is check_figures' to report
            yield Finding(
                ("figures", index),
                f"has the key '{key}' of figures[{earlier[0]}], a different figure: rename a "
                "party or place id so that their page anchors and data rows differ",
            )


def check_figure(
    figure: Figure, loc: tuple[str | int, ...], vocabulary: Vocabulary, names: set[str]
) -> Iterator[Finding]:
    """One figure on its own: a known figure, with well-formed claims and estimate."""
    if figure.figure not in names:
        yield Finding((*loc, "figure"), not_in("a figure", figure.figure, names))
    claims = list(check_claims(figure, loc, vocabulary.unit(figure.figure)))
    yield from claims
    yield from check_parts(figure, loc)
    # Claims found wrong bound the low and high poorly: no second problem from one mistake.
    yield from check_estimate(figure, loc, bounded=not claims)


def check_claims(figure: Figure, loc: tuple[str | int, ...], unit: str) -> Iterator[Finding]:
    """A claim gives a value, or min and max with min <= max, or only words; people are whole."""
    for index, claim in enumerate(figure.claims):
        yield from check_claim(claim, (*loc, "claims", index), unit)


def check_parts(figure: Figure, loc: tuple[str | int, ...]) -> Iterator[Finding]:
    """Every claim of a part names it in the same words; parts are two or more, in one currency.

    Parts are added up: names that differ only in capitals or spaces would be two parts, one
    part alone adds up to itself, and amounts in different currencies make no sum.
    """
    first: dict[str, str] = {}
    for index, claim in enumerate(figure.claims):
        if claim.part is None:
            continue
        named = first.setdefault(" ".join(claim.part.split()).casefold(), claim.part)
        if named != claim.part:
            yield Finding(
                (*loc, "claims", index, "part"),
                f"reads like part '{named}' of an earlier claim: give every claim of one part "
                f"the same words (got '{claim.part}')",
            )
    parted = [index for index, claim in enumerate(figure.claims) if claim.part is not None]
    if len(first) == 1:
        yield Finding(
            (*loc, "claims", parted[0], "part"),
            f"is the only part named ('{next(iter(first.values()))}'), which adds up to "
            "itself: give the claims of the other parts too, or leave 'part' out and say in "
            "the note what the number counts",
            "warning",
        )
    currencies = sorted({claim.currency for claim in figure.quantified if claim.currency})
    if first and len(currencies) > 1:
        yield Finding(
            (*loc, "claims", parted[0], "part"),
            f"names a part of amounts in different currencies ({', '.join(currencies)}), "
            "which cannot be added up: leave 'part' out and keep each amount as reported",
        )
    for index in parted:
        if " ".join(str(figure.claims[index].part).split()).casefold() == WHOLE:
            yield Finding(
                (*loc, "claims", index, "part"),
                f"must not be '{WHOLE}', which a claim without 'part' counts: leave it out",
            )


def check_claim(claim: Claim, here: tuple[str | int, ...], unit: str) -> Iterator[Finding]:
    """``check_claims`` on one claim (also run when the rest of its figure is broken).

    The words of a claim without a number stand for its number wherever its figure is shown,
    in English: words in another script alone (a warning) are given in English with the
    original in brackets. Beside a number they are the report's wording, shown as such.
    """
    words = claim.text if not claim.is_quantified else None
    if words and not _has_latin(words) and any(letter.isalpha() for letter in words):
        yield Finding(
            (*here, "text"),
            "has no English: give the words in English with the original in brackets, as "
            f"'several people (несколько человек)' (got '{claim.text}')",
            "warning",
        )
    if claim.value is not None and (claim.min is not None or claim.max is not None):
        yield Finding((*here, "value"), "must not be given together with min or max")
    elif (claim.min is None) != (claim.max is None):
        yield Finding(
            (*here, "min" if claim.min is None else "max"),
            "is required: a range needs both min and max",
        )
    elif claim.min is not None and claim.max is not None and claim.min > claim.max:
        yield Finding((*here, "max"), f"must not be less than min (got {claim.max})")
    elif not claim.is_quantified and not claim.text:
        yield Finding(here, "must give a value, a min/max range, or the words as text")
    for key in ("value", "min", "max"):
        number = getattr(claim, key)
        if unit in COUNTED and number is not None and not float(number).is_integer():
            yield Finding((*here, key), f"must be a whole number of {unit} (got {number})")


def check_estimate(
    figure: Figure, loc: tuple[str | int, ...], bounded: bool = True
) -> Iterator[Finding]:
    """Low <= best <= high, each within the claims unless a rationale says why; the rule fits.

    An 'at least' claim leaves room above it for the high, an 'at most' claim below it for the
    low; the best is one of the values the claims span. A single-source
    estimate rests on the numbers of one source; an editor's judgement says why in its
    rationale, a latest official figure should say which figure it is, and a consensus over
    claims that disagree why it stands.
    """
    estimate = figure.estimate
    if estimate is None:
        return
    here = (*loc, "estimate")
    order = _out_of_order(estimate.low, estimate.best, estimate.high)
    if order is not None:
        yield Finding((*here, order[0]), f"{order[1]}: an estimate needs low <= best <= high")
    low, high = figure.whole_low, figure.whole_high
    if low is not None and high is not None and not estimate.rationale:
        qualifiers = {claim.qualifier for claim in figure.quantified}
        loose = (
            low if "at-most" not in qualifiers else float("-inf"),
            high if "at-least" not in qualifiers else float("inf"),
        )
        ranges = {"best": (low, high), "low": loose, "high": loose}
        added = " (the parts added up)" if figure.parts else ""
        for key in ("best", "low", "high") if bounded else ("best",):
            if not ranges[key][0] <= getattr(estimate, key) <= ranges[key][1]:
                yield Finding(
                    (*here, key),
                    f"lies outside the claimed values{added} {low:g}-{high:g}; give a "
                    "rationale or correct it",
                )
                break
    sources = {claim.source for claim in figure.quantified}
    if estimate.rule == "single-source" and len(sources) > 1:
        yield Finding(
            (*here, "rule"),
            f"must not be 'single-source' when {len(sources)} sources give a number; choose "
            "the rule that settles between them",
        )
    if estimate.rule == "editor-judgement" and not estimate.rationale:
        yield Finding((*here, "rationale"), "is required when rule is 'editor-judgement'")
    if estimate.rule == "consensus" and figure.is_disputed and not estimate.rationale:
        yield Finding(
            (*here, "rationale"),
            "should say why a consensus stands over claims that disagree (rule 'consensus')",
            "warning",
        )
    if estimate.rule == "latest-official" and not estimate.rationale:
        yield Finding(
            (*here, "rationale"),
            "should say which official figure the estimate follows (rule 'latest-official')",
            "warning",
        )


def _out_of_order(low: float, best: float, high: float) -> tuple[str, str] | None:
    """The field that breaks low <= best <= high, and how, naming the numbers."""
    if low > high:
        return "low", f"low {low:g} is above high {high:g}"
    if best > high:
        return "best", f"best {best:g} is above high {high:g}"
    if best < low:
        return "best", f"best {best:g} is below low {low:g}"
    return None


def check_role_split(incident: Incident) -> Iterator[Finding]:
    """The lowest estimates by role add up to no more than the high of their whole, nor its low.

    'total' is the whole of every role; 'victims' is the whole of civilians and security forces.
    A whole cannot be fewer than the fewest its parts hold: five perpetrators killed make a
    total of at least five, whatever a vaguer report's 'at least two' allows.
    """
    for index, figure in enumerate(incident.figures):
        if figure.role not in ("total", "victims") or figure.estimate is None or figure.is_part:
            continue
        parts = _sum_part_lows(incident, figure.figure, figure.role)
        where = ("figures", index, "estimate")
        if parts > figure.estimate.high:
            yield Finding(
                (*where, "high"), f"is smaller than the sum of the role estimates' lows ({parts:g})"
            )
        elif parts > figure.estimate.low:
            yield Finding(
                (*where, "low"),
                f"is smaller than the sum of the role estimates' lows ({parts:g}): the whole "
                "cannot be fewer than its parts",
                "warning",
            )


def _sum_part_lows(incident: Incident, name: str, whole: str) -> float:
    """The lows of the roles inside a whole; victims count once, split or not."""
    lows = {role: total.low for role, total in role_estimates(incident.figures, name).items()}
    victims = lows.get("civilians", 0) + lows.get("security-forces", 0)
    if whole == "victims":
        return victims
    return (
        lows.get("perpetrators", 0) + lows.get("unknown", 0) + max(victims, lows.get("victims", 0))
    )


def _has_latin(text: str) -> bool:
    """Whether ``text`` has a letter of the Latin alphabet (English words have)."""
    return any("a" <= letter <= "z" for letter in text.casefold())
