"""How totals split into parts and areas: every person counted once (invented records)."""

from __future__ import annotations

import pickle
from typing import Any

from generator.data.incident_table import incidents_table
from generator.model import Incident, Total, breakdowns, by_area, event_area, widest_extent
from generator.report.facts import facts_of
from generator.report.text import Span

SOURCE = "example-wire-2020-01-02-report"


def figure(name: str, best: int, **split: str) -> dict[str, Any]:
    """An invented figure with one claim and an estimate of ``best``."""
    return {
        "figure": name,
        **split,
        "claims": [{"value": best, "stated_by": "Example ministry", "source": SOURCE}],
        "estimate": {"best": best, "low": best, "high": best, "rule": "single-source"},
    }


def incident(places: list[dict[str, Any]], figures: list[dict[str, Any]]) -> Incident:
    """An invented nationwide event with a crowd, the police and the given figures."""
    return Incident.model_validate(
        {
            "id": "2020-01-02-example-unrest",
            "title": "Example unrest (invented)",
            "status": "published",
            "created": "2020-02-01",
            "summary": "Invented.",
            "when": {"start": "2020-01-02", "precision": "day"},
            "places": places,
            "parties": [
                {
                    "id": "crowd",
                    "kind": "rioters",
                    "roles": ["attacker", "target"],
                    "sources": [SOURCE],
                },
                {"id": "police", "kind": "police", "roles": ["responder"], "sources": [SOURCE]},
                {"id": "gang", "kind": "armed-group", "roles": ["attacker"], "sources": [SOURCE]},
            ],
            "figures": figures,
        }
    )


NATIONWIDE = [
    {"id": "kz", "country": "KZ", "extent": "country"},
    {"id": "almaty", "country": "KZ", "region": "Almaty", "settlement": "Almaty"},
    {"id": "aktau", "country": "KZ", "region": "Mangystau Region", "settlement": "Aktau"},
]
COUNTRIES = {"KZ": "Kazakhstan"}


def test_a_party_figure_takes_the_role_its_party_implies() -> None:
    event = incident(
        NATIONWIDE,
        [
            figure("killed", 2, party="police"),
            figure("killed", 5, party="crowd"),
            figure("killed", 1, party="gang"),
        ],
    )
    assert [(f.party, f.role) for f in event.figures] == [
        ("police", "security-forces"),
        ("crowd", "civilians"),
        ("gang", "perpetrators"),
    ]
    assert event.total("killed") == Total(8, 8, 8, ("civilians", "security-forces", "perpetrators"))


def test_a_role_counted_only_by_its_parties_is_that_roles_count_everywhere() -> None:
    """The report's chart and sums and incidents.csv read one count per role: a party's figure
    stands for its role when the role has none of its own (Korday's villagers)."""
    event = incident(
        NATIONWIDE,
        [
            figure("killed", 11),
            figure("killed", 10, party="crowd"),
            figure("killed", 1, party="gang"),
        ],
    )
    civilians, perpetrators = (event.role_count("killed", r) for r in ("civilians", "perpetrators"))
    assert (civilians, perpetrators) == (
        Total(10, 10, 10, ("parties",)),
        Total(1, 1, 1, ("parties",)),
    )
    assert event.role_count("killed", "security-forces") is None
    roles = dict(facts_of(event, COUNTRIES).killed_roles)
    assert roles == {"civilians": Span(10, 10, 10), "perpetrators": Span(1, 1, 1)}
    table = incidents_table(lambda key: key, lambda _: 1)
    row = dict(zip(table.header, next(table.rows([event])), strict=True))
    assert (row["killed_civilians_best"], row["killed_perpetrators_high"]) == (10, 1)
    assert row["killed_security_forces_best"] is None


def test_a_total_worked_out_once_is_kept_through_a_copy_and_a_pickle() -> None:
    event = incident(
        NATIONWIDE, [figure("killed", 2, party="police"), figure("injured", 7), figure("killed", 3)]
    )
    assert dict(event.figure_totals) == {"killed": Total(3, 3, 3), "injured": Total(7, 7, 7)}
    assert event.total("killed") is event.total("killed")
    assert event.total("missing") is None
    copied = event.model_copy(update={"notes": "Invented."})
    thawed = pickle.loads(pickle.dumps(copied))
    assert thawed.total("killed") == Total(3, 3, 3)
    assert thawed.total("injured") == Total(7, 7, 7)
    assert thawed == copied


def test_a_total_keeps_what_its_parts_leave_unclassified() -> None:
    event = incident(
        NATIONWIDE,
        [
            figure("killed", 100),
            figure("killed", 20, role="security-forces"),
            figure("killed", 50, role="civilians"),
            figure("killed", 40, place="almaty"),
        ],
    )
    by_role, by_place = breakdowns(event.figures, "killed")
    assert (by_role.dimension, [p.key for p in by_role.parts]) == (
        "role",
        ["civilians", "security-forces"],
    )
    assert by_role.remainder == Total(30, 30, 30)
    assert (by_place.dimension, [p.key for p in by_place.parts]) == ("place", ["almaty"])
    assert by_place.remainder == Total(60, 60, 60)


def test_regional_sums_count_a_nationwide_event_once() -> None:
    event = incident(NATIONWIDE, [figure("killed", 100), figure("killed", 40, place="almaty")])
    assert event_area(event, COUNTRIES) == "Nationwide (Kazakhstan)"
    assert by_area(event, "killed", COUNTRIES) == {
        "Almaty": Total(40, 40, 40),
        "Nationwide (Kazakhstan)": Total(60, 60, 60),
    }


def test_an_unsplit_event_in_several_regions_goes_to_one_row() -> None:
    event = incident(NATIONWIDE[1:], [figure("killed", 7)])
    assert by_area(event, "killed", COUNTRIES) == {"Several regions": Total(7, 7, 7)}


def test_an_event_in_two_countries_goes_to_one_row_and_counts_abroad_apart() -> None:
    places = [NATIONWIDE[1], {"id": "border", "country": "KG", "settlement": "Example Post"}]
    event = incident(places, [figure("injured", 30), figure("injured", 12, country="KG")])
    assert by_area(event, "injured", COUNTRIES) == {
        "Kyrgyzstan": Total(12, 12, 12),
        "Several countries": Total(18, 18, 18),
    }


def test_people_who_fled_abroad_leave_the_event_where_it_happened() -> None:
    """A country people fled to, or were treated in, is no scene: its count is the event's."""
    refuge = {"id": "refuge", "country": "KG", "extent": "region", "scene": False}
    village = {"id": "village", "country": "KZ", "region": "Zhambyl Region", "settlement": "X"}
    event = incident(
        [village, refuge],
        [
            figure("killed", 11),
            figure("injured", 43),
            figure("injured", 25, country="KG"),
            figure("injured", 5, place="refuge"),
        ],
    )
    assert event_area(event, COUNTRIES) == "Zhambyl Region"
    assert by_area(event, "killed", COUNTRIES) == {"Zhambyl Region": Total(11, 11, 11)}
    assert by_area(event, "injured", COUNTRIES) == {"Zhambyl Region": Total(43, 43, 43)}


def test_a_total_its_parts_overfill_says_so_beside_the_number() -> None:
    from generator.report.tables import _whole_cell

    event = incident(
        NATIONWIDE,
        [
            figure("killed", 10),
            figure("killed", 8, role="civilians"),
            figure("killed", 5, role="security-forces"),
        ],
    )
    (by_role,) = breakdowns(event.figures, "killed")
    assert (by_role.added, by_role.is_overfull, by_role.remainder) == (13, True, None)
    assert _whole_cell(event, "killed").lines == ("10", "(roles: 13)")


def ranged(name: str, best: int, low: int, high: int, **split: str) -> dict[str, Any]:
    """An invented figure whose two claims give its low and high."""
    claims = [
        {"value": value, "stated_by": "Example ministry", "source": SOURCE} for value in (low, high)
    ]
    return {
        "figure": name,
        **split,
        "claims": claims,
        "estimate": {"best": best, "low": low, "high": high, "rule": "most-conservative"},
    }


MANGYSTAU = [
    {"id": "aktau", "country": "KZ", "region": "Mangystau Region", "settlement": "Aktau"},
    {"id": "shetpe", "country": "KZ", "region": "Mangystau Region", "settlement": "Shetpe"},
]


def test_an_event_whose_shares_fall_in_one_area_has_its_whole_range_there() -> None:
    # What the parts leave (up to 49 more) added to the parts' own highs would make 114.
    event = incident(
        MANGYSTAU,
        [
            ranged("killed", 17, 15, 64),
            ranged("killed", 16, 14, 64, place="aktau"),
            figure("killed", 1, place="shetpe"),
        ],
    )
    assert by_area(event, "killed", COUNTRIES) == {"Mangystau Region": Total(17, 15, 64)}


def test_no_area_has_more_than_the_whole_though_the_shares_ranges_need_not_add_up() -> None:
    # The country-wide place's part (up to 28) and what the parts leave (up to 18) both count
    # nationwide: 46 there, in a total of at most 30.
    event = incident(
        NATIONWIDE,
        [
            ranged("killed", 20, 18, 30),
            ranged("killed", 10, 8, 28, place="kz"),
            figure("killed", 4, place="almaty"),
        ],
    )
    assert by_area(event, "killed", COUNTRIES) == {
        "Nationwide (Kazakhstan)": Total(16, 8, 30),
        "Almaty": Total(4, 4, 4),
    }


def test_an_event_spreads_as_far_as_its_widest_scene() -> None:
    """A country-wide event drawn at its first town still says it covered the country."""
    assert widest_extent(incident(NATIONWIDE, []).places) == "country"
    assert widest_extent(incident(NATIONWIDE[1:], []).places) == "settlement"
    fled = {"id": "abroad", "country": "KG", "extent": "country", "scene": False}
    assert widest_extent(incident([*NATIONWIDE[1:], fled], []).places) == "settlement"
    assert widest_extent(incident([{"id": "kz", "country": "KZ"}], []).places) is None
