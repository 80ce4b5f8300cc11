"""Broken-fixture tests: a deliberately broken record per rule family, and its exact problems."""

from __future__ import annotations

import dataclasses
import platform
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build.workers import file_checker
from generator.content.figure_rules import check_claims, check_figure_keys, check_role_split
from generator.content.validate import check_content
from generator.core.settings import Settings
from generator.model import Figure
from tests.conftest import FIXTURES, make_settings
from tests.invented_events import _figure, local

INVALID = FIXTURES / "invalid"


def corpus(tmp_path: Path, *extra: Path) -> Settings:
    """The small valid corpus in tests/fixtures/check plus the given files."""
    shutil.copytree(FIXTURES / "check" / "content", tmp_path / "content")
    for path in extra:
        target = "sources" if path.parent.name == "sources" else "incidents"
        shutil.copy(path, tmp_path / "content" / target / path.name)
    return make_settings(tmp_path)


def problems_of(settings: Settings) -> list[str]:
    return [str(problem) for problem in check_content(settings)[1]]


def test_validate_accepts_the_valid_corpus(tmp_path: Path) -> None:
    dataset, problems = check_content(corpus(tmp_path))
    assert problems == []
    assert [incident.id for incident in dataset.incidents] == ["2020-01-01-example-shoot-out"]
    assert sorted(dataset.sources) == [
        "example-gazette-2020-01-02-report",
        "example-wire-2020-01-03-update",
    ]


CASES = {
    # Structure: required and unknown keys, types, enums, patterns.
    "2020-01-05-structure.yaml": [
        "2:1: error: summary: is required",
        "3:9: error: status: must be one of 'draft', 'published' or 'withdrawn' (got "
        "'publishd'); did you mean 'published'?",
        "5:1: error: summery: unknown key; did you mean 'summary'?",
        "10:14: error: places[0].country: must be an ISO 3166-1 alpha-2 country code in "
        "capitals, like 'KZ' (got 'kz')",
        "11:17: error: places[0].settlement: must be text (got a list)",
        "12:8: error: types: must be a list (got 'shoot-out')",
        "15:11: error: figures[0].role: must be one of 'total', 'victims', 'perpetrators', "
        "'security-forces', 'civilians', 'hostages' or 'unknown' (got 'soldiers')",
        "17:16: error: figures[0].claims[0].value: must be a number, not quoted text: remove "
        "the quotes (got '2')",
    ],
    # YAML 1.1 reads these as other types: never silently changed.
    "2020-01-06-yaml-surprises.yaml": [
        "2:8: error: title: must be text (got '1.10')",
        "4:10: error: created: must be a real calendar date (got '2024-02-30')",
        "10:14: error: places[0].country: YAML 1.1 reads this as a boolean; put it in quotes "
        "if it is text, or write true or false (got 'NO')",
        "11:17: error: places[0].settlement: YAML 1.1 reads this as a boolean; put it in "
        "quotes if it is text, or write true or false (got 'yes')",
        "12:14: error: places[0].address: YAML 1.1 reads this as a number; put it in quotes "
        "if it is text, or write a plain decimal number (got '12:30')",
        "17:16: error: figures[0].claims[0].value: YAML 1.1 reads this as a number; put it in "
        "quotes if it is text, or write a plain decimal number (got '010')",
        "20:16: error: figures[0].claims[1].value: YAML 1.1 reads this as a number; put it in "
        "quotes if it is text, or write a finite decimal number (got '.nan')",
    ],
    # Dates: order, precision, the future.
    "2020-01-07-dates.yaml": [
        "8:8: error: when.end: must not be before start (got '2020-01-06')",
        "9:14: error: when.precision: 'minute' needs a start with a time and UTC offset "
        "(got '2020-01-07')",
        "11:5: warning: places[0]: should name the report it comes from in sources (rule 3 of "
        "content/README.md: every claim cites a source)",
        "15:11: error: timeline[0].time: must not be in the future "
        "(got '2031-01-01T10:00:00+06:00')",
    ],
    # References: sources, related incidents, vocabularies, the id.
    "2020-01-08-references.yaml": [
        "2:1: error: withdrawn_reason: is required when status is 'withdrawn'",
        "7:10: error: when.start: must match the date in the id '2020-01-08-references' "
        "(got '2020-01-09'); rename the file or fix the date",
        # No region is close: all of the country's are listed, none suggested.
        "11:13: error: places[0].region: must be a region from content/vocabulary.yaml: "
        "Abai Region, Akmola Region, Aktobe Region, Almaty, Almaty Region, Astana, Atyrau Region, "
        "East Kazakhstan Region, Jetisu Region, Karaganda Region, Kostanay Region, "
        "Kyzylorda Region, Mangystau Region, North Kazakhstan Region, Pavlodar Region, Shymkent, "
        "Turkistan Region, Ulytau Region, West Kazakhstan Region, Zhambyl Region "
        "(got 'Atlantis Region')",
        "13:15: error: places[0].sources[0]: cites a source that does not exist: "
        "no content/sources/no-such-source.yaml",
        "14:20: error: types[1]: must be an incident type from content/vocabulary.yaml: "
        "armed-assault, armed-robbery, arson, assassination, bombing, "
        "counter-terrorist-operation, explosion, hostage-taking, manhunt, mass-shooting, "
        "police-killing, shoot-out, shooting-spree, suicide-bombing, unrest "
        "(got 'alien-abduction')",
        "16:9: error: related[0].id: must not be the incident itself",
        "18:9: error: related[1].id: names an incident that does not exist "
        "(got '2019-12-31-missing-incident')",
    ],
    # Figures: claims and estimates that do not add up.
    "2020-01-09-figures.yaml": [
        "10:5: warning: places[0]: should name the report it comes from in sources (rule 3 of "
        "content/README.md: every claim cites a source)",
        "16:16: error: figures[0].claims[0].value: must not be given together with min or max",
        # The invented gazette is dated a week before this invented record.
        "20:17: warning: figures[0].claims[0].source: cites a report published on 2020-01-02, "
        "before the incident began (2020-01-09) (and 5 more citations of it here): check the "
        "source's published date or the source cited (got 'example-gazette-2020-01-02-report')",
        "21:9: error: figures[0].claims[1].max: is required: a range needs both min and max",
        "25:14: error: figures[0].claims[2].max: must not be less than min (got 7)",
        "28:16: error: figures[0].claims[3].value: must be a whole number of people (got 2.5)",
        "31:15: error: figures[0].estimate.rationale: is required when rule is 'editor-judgement'",
        "31:22: error: figures[0].estimate.best: best 20 is above high 10: an estimate needs "
        "low <= best <= high",
        "31:22: error: figures[0].estimate.best: lies outside the claimed values 2.5-7; "
        "give a rationale or correct it",
        "31:40: error: figures[0].estimate.high: is smaller than the sum of the role "
        "estimates' lows (12)",
        "39:13: error: figures[2].figure: must be a figure from content/vocabulary.yaml: "
        "at-large, detained, duration, evacuated, hostages, hostages-harmed, "
        "hostages-released, injured, killed, perpetrators (got 'body-count')",
        "41:9: error: figures[2].claims[0]: must give a value, a min/max range, or the words "
        "as text",
    ],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_validate_reports_every_problem_of_a_broken_record(tmp_path: Path, name: str) -> None:
    settings = corpus(tmp_path, INVALID / name)
    expected = [f"content/incidents/{name}:{line}" for line in CASES[name]]
    assert problems_of(settings) == expected


def test_validate_rejects_dangerous_and_malformed_urls(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    sources = settings.content_dir / "sources"
    for scheme, url in [
        ("js", "javascript:alert(1)"),
        ("data", "data:text/html,<b>x</b>"),
        ("file", "file:///etc/passwd"),
        ("ftp", "ftp://example.org/x"),
    ]:
        text = f"publisher: P\npublisher_type: wire\nlanguage: en\nurl: '{url}'\n"
        (sources / f"bad-{scheme}.yaml").write_text(text, encoding="utf-8")
    assert problems_of(settings) == [
        f"content/sources/bad-{scheme}.yaml:4:6: error: url: must be an absolute http:// or "
        f"https:// URL (got '{url}')"
        for scheme, url in [
            ("data", "data:text/html,<b>x</b>"),
            ("file", "file:///etc/passwd"),
            ("ftp", "ftp://example.org/x"),
            ("js", "javascript:alert(1)"),
        ]
    ]


def test_validate_flags_duplicate_urls_and_unused_sources(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    original = settings.content_dir / "sources" / "example-wire-2020-01-03-update.yaml"
    shutil.copy(original, original.with_name("example-wire-copy.yaml"))
    assert problems_of(settings) == [
        "content/sources/example-wire-copy.yaml:1:1: warning: is not cited by any incident",
        "content/sources/example-wire-copy.yaml:4:6: error: url: is already the URL of source "
        "'example-wire-2020-01-03-update'",
    ]


def test_validate_warns_about_likely_duplicate_incidents(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    original = settings.content_dir / "incidents" / "2020-01-01-example-shoot-out.yaml"
    shutil.copy(original, original.with_name("2020-01-01-example-shoot-out-again.yaml"))
    assert problems_of(settings) == [
        "content/incidents/2020-01-01-example-shoot-out.yaml:7:10: warning: when.start: may "
        "duplicate '2020-01-01-example-shoot-out-again' (same date and settlement); if they "
        "are distinct, name it under related",
    ]
    again = original.with_name("2020-01-01-example-shoot-out-again.yaml")
    text = again.read_text(encoding="utf-8")
    related = "related:\n  - {id: 2020-01-01-example-shoot-out, relation: linked}\n"
    again.write_text(text + related, encoding="utf-8")
    assert problems_of(settings) == []


@pytest.mark.parametrize(
    "stem",
    [
        "../x",
        "Upper-Case-2020",
        "2020-01-01-Upper",
        "2020-01-01-caf\u00e9",
        "2020-01-01-" + "x" * 60,
        "con",
        "2020-01-01-trailing-",
        "2020-01-01",
    ],
)
def test_validate_rejects_bad_file_names(tmp_path: Path, stem: str) -> None:
    from generator.content.rules import check_file_id

    assert list(check_file_id(stem, source=False))


def test_validate_requires_a_type_unless_draft(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    record = settings.content_dir / "incidents" / "2020-01-01-example-shoot-out.yaml"
    text = record.read_text(encoding="utf-8").replace("types: [shoot-out]\n", "")
    record.write_text(text, encoding="utf-8")
    assert problems_of(settings) == [
        "content/incidents/2020-01-01-example-shoot-out.yaml:2:1: error: types: must list at "
        "least one incident type unless status is 'draft'"
    ]
    record.write_text(text.replace("status: published", "status: draft"), encoding="utf-8")
    assert problems_of(settings) == []


def test_validate_checks_country_codes_and_coordinates(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    vocabulary = settings.content_dir / "vocabulary.yaml"
    countries = "countries:\n  - {code: KZ, name: Kazakhstan, bbox: [46.47, 40.56, 87.36, 55.44]}\n"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8") + countries, encoding="utf-8")
    record = settings.content_dir / "incidents" / "2020-01-01-example-shoot-out.yaml"
    text = record.read_text(encoding="utf-8").replace(
        "    sources: [example-gazette-2020-01-02-report]\ntypes: [shoot-out]",
        "    coordinates: {lat: 76.9, lon: 43.2, precision: settlement}\n"
        "    sources: [example-gazette-2020-01-02-report]\n"
        "  - country: KG\n"
        "    settlement: Bishkek\n"
        "  - country: QQ\n"
        "types: [shoot-aut]",
    )
    record.write_text(text, encoding="utf-8")
    shown = "content/incidents/2020-01-01-example-shoot-out.yaml"
    assert problems_of(settings) == [
        f"{shown}:14:18: error: places[0].coordinates: lies outside Kazakhstan (got lat 76.9, "
        "lon 43.2); lat and lon look swapped",
        f"{shown}:16:5: warning: places[1]: should name the report it comes from in sources "
        "(rule 3 of content/README.md: every claim cites a source)",
        f"{shown}:18:5: warning: places[2]: should name the report it comes from in sources "
        "(rule 3 of content/README.md: every claim cites a source)",
        f"{shown}:18:14: error: places[2].country: must be an ISO 3166-1 alpha-2 country code "
        "(got 'QQ')",
        f"{shown}:19:9: error: types[0]: must be an incident type from content/vocabulary.yaml: "
        "15 known values (got 'shoot-aut'); did you mean 'shoot-out'?",
    ]


SHOOT_OUT = "content/incidents/2020-01-01-example-shoot-out.yaml"
HIGH = "high: 3\n      rule: most-conservative"
"""The first figure's estimate (best 2, low 2, high 3) over claims of 2 and 2-3."""


@pytest.mark.parametrize(
    ("new", "at_least", "expected"),
    [
        (
            HIGH.replace("3", "8"),
            False,
            [
                f"{SHOOT_OUT}:32:13: error: figures[0].estimate.high: lies outside the claimed "
                "values 2-3; give a rationale or correct it"
            ],
        ),
        # 'At least 2' leaves room above it for the high.
        (HIGH.replace("3", "8"), True, []),
        (
            HIGH.replace("most-conservative", "single-source"),
            False,
            [
                f"{SHOOT_OUT}:33:13: error: figures[0].estimate.rule: must not be "
                "'single-source' when 2 sources give a number; choose the rule that settles "
                "between them"
            ],
        ),
        (
            HIGH.replace("most-conservative", "latest-official"),
            False,
            [
                f"{SHOOT_OUT}:30:7: warning: figures[0].estimate.rationale: should say which "
                "official figure the estimate follows (rule 'latest-official')"
            ],
        ),
    ],
)
def test_an_estimate_stays_within_its_claims_and_its_rule_fits_them(
    tmp_path: Path, new: str, at_least: bool, expected: list[str]
) -> None:
    settings = corpus(tmp_path)
    record = settings.root / SHOOT_OUT
    text = record.read_text(encoding="utf-8")
    assert HIGH in text
    if at_least:
        text = text.replace("- value: 2\n", "- value: 2\n        qualifier: at-least\n", 1)
    record.write_text(text.replace(HIGH, new, 1), encoding="utf-8")
    assert problems_of(settings) == expected


def test_a_consensus_over_claims_that_disagree_says_why(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    record = settings.root / SHOOT_OUT
    text = record.read_text(encoding="utf-8").replace(
        HIGH, HIGH.replace("most-conservative", "consensus")
    )
    text = text.replace("      - min: 2\n        max: 3\n", "      - value: 3\n", 1)
    record.write_text(text, encoding="utf-8")
    assert problems_of(settings) == [
        f"{SHOOT_OUT}:29:7: warning: figures[0].estimate.rationale: should say why a consensus "
        "stands over claims that disagree (rule 'consensus')"
    ]


def test_a_published_place_names_its_source(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    record = settings.root / SHOOT_OUT
    text = record.read_text(encoding="utf-8").replace(
        "    settlement: Almaty\n    sources: [example-gazette-2020-01-02-report]\n",
        "    settlement: Almaty\n",
    )
    record.write_text(text, encoding="utf-8")
    assert problems_of(settings) == [
        f"{SHOOT_OUT}:11:5: warning: places[0]: should name the report it comes from in "
        "sources (rule 3 of content/README.md: every claim cites a source)"
    ]
    record.write_text(text.replace("status: published", "status: draft"), encoding="utf-8")
    assert problems_of(settings) == []


def test_a_source_language_is_a_real_language_code(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    source = settings.content_dir / "sources" / "example-wire-2020-01-03-update.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("language: en", "language: xx"), encoding="utf-8")
    assert problems_of(settings) == [
        "content/sources/example-wire-2020-01-03-update.yaml:6:11: error: language: must be an "
        "ISO 639-1 language code, like 'en', 'ru' or 'kk' (got 'xx')"
    ]


def test_validate_rejects_statements_dated_before_the_incident(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    record = settings.content_dir / "incidents" / "2020-01-01-example-shoot-out.yaml"
    text = record.read_text(encoding="utf-8").replace("as_of: 2020-01-02", "as_of: 2019-12-02")
    record.write_text(text, encoding="utf-8")
    assert problems_of(settings) == [
        "content/incidents/2020-01-01-example-shoot-out.yaml:22:16: error: "
        "figures[0].claims[0].as_of: must not be before the incident starts on 2020-01-01 "
        "(got '2019-12-02')"
    ]


def test_validate_names_an_unknown_key_that_looks_like_a_union_branch(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    record = settings.content_dir / "incidents" / "2020-01-01-example-shoot-out.yaml"
    text = record.read_text(encoding="utf-8").replace("\ntitle:", "\nt[itle:")
    record.write_text(text.replace("\nsummary:", "\nint: 1\nsummary:"), encoding="utf-8")
    path = "content/incidents/2020-01-01-example-shoot-out.yaml"
    problems = problems_of(settings)
    assert problems[:2] == [
        f"{path}:2:1: error: t[itle: unknown key; did you mean 'title'?",
        f"{path}:2:1: error: title: is required",
    ]
    assert problems[2].startswith(f"{path}:5:1: error: int: unknown key; known keys: title, ")
    assert len(problems) == 3


def test_validate_does_not_blame_citations_of_a_broken_source(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    source = settings.content_dir / "sources" / "example-wire-2020-01-03-update.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("url:", "ulr:"), encoding="utf-8")
    assert problems_of(settings) == [
        "content/sources/example-wire-2020-01-03-update.yaml:4:1: error: ulr: unknown key; "
        "did you mean 'url'?"
    ]


def test_validate_makes_no_uncited_guesses_when_a_record_is_unreadable(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    record = settings.content_dir / "incidents" / "2020-01-01-example-shoot-out.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "\tbroken: [\n", encoding="utf-8")
    problems = problems_of(settings)
    assert len(problems) == 1
    assert problems[0].startswith("content/incidents/2020-01-01-example-shoot-out.yaml:")
    assert "YAML syntax error" in problems[0]


def test_validate_warns_about_two_spellings_of_one_publisher(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    source = settings.content_dir / "sources" / "example-wire-2020-01-03-update.yaml"
    text = source.read_text(encoding="utf-8").replace("Example Wire", "Gazette (Example)")
    source.write_text(text, encoding="utf-8")
    assert problems_of(settings) == [
        "content/sources/example-wire-2020-01-03-update.yaml:2:12: warning: publisher: is spelt "
        "'Example Gazette' in another source; use one spelling (got 'Gazette (Example)')"
    ]


def test_validate_in_worker_processes_gives_the_same_result(tmp_path: Path) -> None:
    settings = corpus(tmp_path, *sorted(INVALID.glob("*.yaml")))
    incidents = settings.content_dir / "incidents"
    original = incidents / "2020-01-01-example-shoot-out.yaml"
    for number in range(250):  # enough for several chunks per worker
        copy = incidents / f"2020-01-01-example-shoot-out-{number:03d}.yaml"
        copy.write_bytes(original.read_bytes())
    one = check_content(dataclasses.replace(settings, workers=1))
    two = check_content(dataclasses.replace(settings, workers=2))
    assert two == one
    assert len(two[0].incidents) > 250
    assert two[1]  # the broken fixtures are reported the same way


def test_checked_records_share_their_field_name_sets(real_content: Settings) -> None:
    dataset, _ = check_content(real_content, file_checker(real_content.workers))
    first = dataset.incidents[0]
    sets = {id(place.__pydantic_fields_set__) for i in dataset.incidents for place in i.places}
    kinds = {frozenset(place.model_fields_set) for i in dataset.incidents for place in i.places}
    assert len(sets) == len(kinds)  # one object per distinct set of field names
    copy = first.model_copy(update={"title": "Changed"})
    assert copy.title == "Changed"
    assert first.title != "Changed"
    assert "title" in first.model_fields_set


@pytest.mark.parametrize(
    ("unit", "fine"), [("vehicles", False), ("buildings", False), ("hours", True)]
)
def test_counted_units_are_whole_numbers(unit: str, fine: bool) -> None:
    """Buildings and vehicles are counted one by one, like people; hours may be fractions."""
    figure = Figure.model_validate(_figure("vehicles-damaged", 2.5))
    found = [f.message for f in check_claims(figure, ("figures", 0), unit)]
    assert found == ([] if fine else [f"must be a whole number of {unit} (got 2.5)"])


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("еще несколько ранены", True),
        ("several more wounded (еще несколько ранены)", False),
        ("dozens", False),
        ("100+", False),
    ],
)
def test_a_claims_words_in_another_script_alone_are_warned_about(text: str, warned: bool) -> None:
    """Words with no number stand for it wherever the figure is: in English, the original beside.

    Beside a number they are the report's wording, shown as such (``ранено 14``): no warning.
    """
    figure = Figure.model_validate(
        {"figure": "injured", "claims": [{"text": text, "stated_by": "I", "source": "s"}]}
    )
    found = [(f.loc, f.message, f.level) for f in check_claims(figure, ("figures", 0), "people")]
    worded = Figure.model_validate(
        {
            "figure": "injured",
            "claims": [{"value": 14, "text": text, "stated_by": "I", "source": "s"}],
        }
    )
    assert list(check_claims(worded, ("figures", 0), "people")) == []
    assert found == (
        [
            (
                ("figures", 0, "claims", 0, "text"),
                "has no English: give the words in English with the original in brackets, as "
                f"'several people (несколько человек)' (got '{text}')",
                "warning",
            )
        ]
        if warned
        else []
    )


TRIM = """
from generator.build.workers import trim_heap

def resident():
    with open("/proc/self/status", encoding="utf-8") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))

held = [bytes(1000) for _ in range(100_000)]
pin = bytes(1000)
del held
freed = resident()
trim_heap()
print(freed - resident())
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's malloc_trim, /proc")
def test_memory_freed_before_the_workers_fork_goes_back_to_the_system() -> None:
    """100 MB freed stays resident until trimmed; a forked worker would map it again."""
    done = subprocess.run(
        [sys.executable, "-c", TRIM], capture_output=True, encoding="utf-8", check=True, timeout=60
    )
    assert int(done.stdout) > 50_000  # kB


def test_a_total_whose_low_is_below_its_parts_is_warned_about() -> None:
    """INVENTED: five perpetrators killed make a total of at least five, whatever 'at least
    two' allows; a high below the parts is an error, a low below them a warning."""
    total = _figure("killed", 5)
    total["estimate"] = total["estimate"] | {"low": 2, "rule": "editor-judgement"}
    found = list(
        check_role_split(local(figures=[total, _figure("killed", 5, role="perpetrators")]))
    )
    assert [(f.loc, f.level, f.message) for f in found] == [
        (
            ("figures", 0, "estimate", "low"),
            "warning",
            "is smaller than the sum of the role estimates' lows (5): the whole cannot be fewer "
            "than its parts",
        )
    ]


def test_two_figures_whose_keys_read_alike_are_an_error() -> None:
    """INVENTED: party 'x-in-kz' and party 'x' counted in country KZ would share a page anchor
    and a data key; the same figure twice is reported once, by the rule on repeats."""
    apart = _figure("killed", 1, party="x-in-kz", role="civilians")
    alike = _figure("killed", 1, party="x", country="KZ", role="civilians")
    found = list(check_figure_keys(local(figures=[apart, alike, dict(apart)])))
    assert [(f.loc, f.message) for f in found] == [
        (
            ("figures", 1),
            "has the key 'killed-civilians-party-x-in-kz' of figures[0], a different figure: "
            "rename a party or place id so that their page anchors and data rows differ",
        )
    ]
