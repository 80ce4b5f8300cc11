"""The rules on parties, splits, countries, money and measures, each with its located message.

The records are invented (the small corpus in tests/fixtures/check, edited per test).
"""

from __future__ import annotations

from pathlib import Path

from generator.core.settings import Settings
from generator.model import Party, derived_role
from tests.test_validate import corpus, problems_of

SHOWN = "content/incidents/2020-01-01-example-shoot-out.yaml"
VOCABULARY = """
target_types:
  - {id: police, label: Police}
measure_kinds:
  - {id: curfew, label: Curfew}
"""
FIGURE_TERMS = """  - id: damage
    label: Damage
    unit: money
"""


def record(tmp_path: Path, before_figures: str = "", figures: str = "", tail: str = "") -> Settings:
    """The corpus with text added before the figures, as extra figures, and at the end."""
    settings = corpus(tmp_path)
    vocabulary = settings.content_dir / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8").replace("figures:\n", "figures:\n" + FIGURE_TERMS)
    vocabulary.write_text(text + VOCABULARY, encoding="utf-8")
    path = settings.content_dir / "incidents" / "2020-01-01-example-shoot-out.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "    sources: [example-gazette-2020-01-02-report]\ntypes:",
        "    id: almaty\n    sources: [example-gazette-2020-01-02-report]\ntypes:",
    )
    text = text.replace("figures:\n", before_figures + "figures:\n" + figures, 1)
    path.write_text(text + tail, encoding="utf-8")
    return settings


PARTIES = """parties:
  - id: gunmen
    kind: armed-group
    roles: [attacker]
    sources: [example-gazette-2020-01-02-report]
  - id: police
    kind: police
    roles: [responder]
    attribution: suspected
    sources: [example-gazette-2020-01-02-report]
  - id: gunmen
    kind: individual
    roles: [target, target]
    sources: [example-gazette-2020-01-02-report]
"""


def test_parties_are_defined_once_and_their_fields_fit_their_roles(tmp_path: Path) -> None:
    figures = """  - figure: injured
    party: gunmn
    by: army
    place: astana
    claims:
      - {value: 1, stated_by: Police, source: example-gazette-2020-01-02-report}
"""
    tail = """fates:
  - {party: strikers, words: detained, stated_by: Police, source: example-gazette-2020-01-02-report}
"""
    assert problems_of(record(tmp_path, PARTIES, figures, tail)) == [
        f"{SHOWN}:25:18: error: parties[1].attribution: applies only to a party with the role "
        "'attacker'",
        f"{SHOWN}:27:9: error: parties[2].id: is used twice in parties (got 'gunmen')",
        f"{SHOWN}:29:12: error: parties[2].roles: lists a role twice",
        f"{SHOWN}:33:12: error: figures[0].party: must be the id of one of the record's parties: "
        "gunmen, police (got 'gunmn'); did you mean 'gunmen'?",
        f"{SHOWN}:34:9: error: figures[0].by: must be the id of one of the record's parties: "
        "gunmen, police (got 'army')",
        f"{SHOWN}:35:12: error: figures[0].place: must be the id of one of the record's places: "
        "almaty (got 'astana')",
        f"{SHOWN}:62:13: error: fates[0].party: must be the id of one of the record's parties: "
        "gunmen, police (got 'strikers')",
    ]


def test_a_partys_nationalities_are_real_country_codes_listed_once(tmp_path: Path) -> None:
    parties = """parties:
  - id: workers
    kind: civilians
    roles: [target]
    nationalities: [TR, QQ, TR, tr]
    sources: [example-gazette-2020-01-02-report]
"""
    assert problems_of(record(tmp_path, parties)) == [
        f"{SHOWN}:21:33: error: parties[0].nationalities[3]: must be an ISO 3166-1 alpha-2 "
        "country code in capitals, like 'KZ' (got 'tr')",
    ]
    parties = parties.replace(", tr]", "]")
    assert problems_of(record(tmp_path / "again", parties)) == [
        f"{SHOWN}:21:20: error: parties[0].nationalities: lists a country twice",
        f"{SHOWN}:21:25: error: parties[0].nationalities[1]: must be an ISO 3166-1 alpha-2 "
        "country code (got 'QQ')",
    ]


def test_parts_by_place_may_not_add_up_to_more_than_their_total(tmp_path: Path) -> None:
    figures = """  - figure: killed
    place: almaty
    claims:
      - {value: 4, stated_by: Police, source: example-gazette-2020-01-02-report}
    estimate: {best: 4, low: 4, high: 4, rule: single-source}
"""
    assert problems_of(record(tmp_path, "", figures)) == [
        f"{SHOWN}:22:30: error: figures[0].estimate.low: makes the parts of 'killed' by place "
        "add up to at least 4, more than its total of at most 3",
    ]


def test_money_names_its_currency_and_countries_are_real(tmp_path: Path) -> None:
    figures = """  - figure: damage
    claims:
      - {value: 5000000, stated_by: Akimat, source: example-gazette-2020-01-02-report}
      - {value: 9, currency: XYZ, stated_by: Akimat, source: example-gazette-2020-01-02-report}
    estimate: {best: 9, low: 9, high: 5000000, rule: editor-judgement, rationale: Invented.}
  - figure: injured
    country: QQ
    claims:
      - {value: 1, currency: KZT, stated_by: Police, source: example-gazette-2020-01-02-report}
    estimate: {best: 1, low: 1, high: 1, rule: single-source, currency: USD}
"""
    assert problems_of(record(tmp_path, "", figures)) == [
        f"{SHOWN}:20:9: error: figures[0].claims[0]: must give the currency of the amount "
        "(ISO 4217: KZT, USD)",
        f"{SHOWN}:21:30: error: figures[0].claims[1].currency: must be an ISO 4217 currency "
        "code (got 'XYZ')",
        f"{SHOWN}:22:15: error: figures[0].estimate: must give the currency of the amount "
        "(ISO 4217: KZT, USD)",
        f"{SHOWN}:24:14: error: figures[1].country: must be an ISO 3166-1 alpha-2 country code "
        "(got 'QQ')",
        f"{SHOWN}:26:30: error: figures[1].claims[0].currency: applies only to amounts of money "
        "(got 'KZT')",
        f"{SHOWN}:27:73: error: figures[1].estimate.currency: applies only to amounts of money "
        "(got 'USD')",
    ]


def test_a_damage_estimate_in_a_currency_no_claim_uses_warns(tmp_path: Path) -> None:
    figures = """  - figure: damage
    claims:
      - {value: 9, currency: KZT, stated_by: Akimat, source: example-gazette-2020-01-02-report}
    estimate: {best: 9, low: 9, high: 9, rule: single-source, currency: USD}
"""
    assert problems_of(record(tmp_path, "", figures)) == [
        f"{SHOWN}:21:73: warning: figures[0].estimate.currency: is none of the currencies its "
        "claims are stated in (KZT); a converted amount needs its rule's rationale to say how "
        "(got 'USD')",
    ]


def test_measures_come_from_the_vocabulary_and_end_after_they_start(tmp_path: Path) -> None:
    tail = """measures:
  - kind: curfew
    area: Almaty
    places: [almaty, astana]
    start: 2020-01-02
    end: 2020-01-01
    sources: [example-gazette-2020-01-02-report]
  - kind: lockdown
    area: Almaty
    start: 2020-01-02
    decreed_end: 2019-12-31
    sources: [example-gazette-2020-01-02-report]
targets:
  - {type: banks, stated_by: Police, source: example-gazette-2020-01-02-report}
"""
    assert problems_of(record(tmp_path, "", "", tail)) == [
        f"{SHOWN}:44:22: error: measures[0].places[1]: must be the id of one of the record's "
        "places: almaty (got 'astana')",
        f"{SHOWN}:46:10: error: measures[0].end: must not be before start 2020-01-02 "
        "(got '2020-01-01')",
        f"{SHOWN}:48:11: error: measures[1].kind: must be a measure kind from "
        "content/vocabulary.yaml: curfew (got 'lockdown')",
        f"{SHOWN}:51:18: error: measures[1].decreed_end: must not be before start 2020-01-02 "
        "(got '2019-12-31')",
        f"{SHOWN}:54:12: error: targets[0].type: must be a target type from "
        "content/vocabulary.yaml: police (got 'banks')",
    ]


def test_a_partys_figures_count_in_the_role_its_kind_and_roles_give() -> None:
    """Foreign troops sent in to respond count as security forces, not as civilians."""
    base = {"id": "p", "name": "P", "sources": ["s"]}
    cases = {
        ("state-forces", ("responder",)): "security-forces",
        ("foreign-forces", ("responder",)): "security-forces",
        ("foreign-forces", ("attacker",)): "perpetrators",
        ("armed-group", ("attacker",)): "perpetrators",
        ("civilians", ("target",)): "civilians",
        ("prisoners", ("attacker",)): "perpetrators",
        ("prisoners", ("attacker", "target")): "civilians",
        ("unknown", ("target",)): "unknown",
    }
    found = {
        (kind, roles): derived_role(Party.model_validate(base | {"kind": kind, "roles": roles}))
        for kind, roles in cases
    }
    assert found == cases
