"""Hostile record text that the checker must refuse with a located error (invented inputs)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.content.validate import check_content
from generator.core.settings import Settings
from tests.conftest import FIXTURES, make_settings

GAZETTE = "content/sources/example-gazette-2020-01-02-report.yaml"
SHOOT_OUT = "content/incidents/2020-01-01-example-shoot-out.yaml"


def corpus(tmp_path: Path) -> Settings:
    """A copy of the small valid corpus in tests/fixtures/check."""
    shutil.copytree(FIXTURES / "check" / "content", tmp_path / "content")
    return make_settings(tmp_path)


def edit(settings: Settings, path: str, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new`` in a file of the corpus."""
    file = settings.root / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")


def errors_of(settings: Settings) -> list[str]:
    return [str(problem) for problem in check_content(settings)[1] if problem.level == "error"]


@pytest.mark.parametrize(
    ("escape", "got", "kind"),
    [
        ("\\x85", "<U+0085>", "control characters"),
        ("\\x9b", "<U+009B>", "control characters"),
        ("\\u009d", "<U+009D>", "control characters"),
        ("\\uFFFE", "<U+FFFE>", "non-characters"),
        ("\\uFFFF", "<U+FFFF>", "non-characters"),
        ("\\U0001FFFE", "<U+1FFFE>", "non-characters"),
    ],
)
def test_a_title_with_a_c1_control_or_a_non_character_is_refused_where_it_stands(
    tmp_path: Path, escape: str, got: str, kind: str
) -> None:
    # Such a title broke the page's front matter, and MkDocs rendered it as Markdown.
    settings = corpus(tmp_path)
    edit(settings, GAZETTE, "title: Gunmen", f'title: "Gunmen{escape} [x](https://a.example)"\n#')
    assert errors_of(settings) == [
        f"{GAZETTE}:2:8: error: title: must not contain {kind} "
        f"(got 'Gunmen{got} [x](https://a.example)')"
    ]


def test_a_url_with_a_c1_control_is_refused(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    edit(
        settings, GAZETTE, "url: https://example.org/gazette", 'url: "https://example.org/\\x85"\n#'
    )
    assert errors_of(settings) == [
        f"{GAZETTE}:5:6: error: url: must not contain control characters "
        "(got 'https://example.org/<U+0085>')"
    ]


def test_links_that_lead_outside_the_repository_are_refused(tmp_path: Path) -> None:
    # Such a source file was published in every output; such a page was copied into the site.
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.yaml"
    secret.write_text("title: Not to be published\n", encoding="utf-8")
    settings = corpus(tmp_path / "repo")
    content = settings.content_dir
    (content / "sources" / "linked-source.yaml").symlink_to(secret)
    (content / "incidents" / "2020-01-02-linked.yaml").symlink_to(secret)
    (content / "pages").mkdir()
    (content / "pages" / "about.md").write_text("# About\n", encoding="utf-8")
    (content / "pages" / "secret.md").symlink_to(secret)
    (content / "pages" / "folder").symlink_to(outside, target_is_directory=True)
    (content / "pages" / "inside.md").symlink_to(content / "pages" / "about.md")
    message = "is a link to a file outside the repository; copy the file in instead"
    assert errors_of(settings) == [
        f"content/incidents/2020-01-02-linked.yaml: error: {message}",
        f"content/pages/folder: error: {message}",
        f"content/pages/secret.md: error: {message}",
        f"content/sources/linked-source.yaml: error: {message}",
    ]


WIRE = "content/sources/example-wire-2020-01-03-update.yaml"


def test_a_publisher_named_index_would_replace_the_list_of_publishers(tmp_path: Path) -> None:
    # "Index" replaced sources/index.md, and every other publisher disappeared from it.
    settings = corpus(tmp_path)
    edit(settings, WIRE, "publisher: Example Wire", "publisher: ' Index!'")
    assert errors_of(settings) == [
        f"{WIRE}:2:12: error: publisher: would take the path of the list of every publisher, "
        "sources/index.md, and replace it; rename it (got ' Index!')"
    ]


def test_two_publishers_that_would_share_a_page_are_named_both(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    edit(settings, GAZETTE, "publisher: Example Gazette", "publisher: C++ News")
    edit(settings, WIRE, "publisher: Example Wire", "publisher: C News")
    assert errors_of(settings) == [
        f"{WIRE}:2:12: error: publisher: would share the page sources/c-news.md with publisher "
        f"'C++ News' of {GAZETTE}; spell them apart (got 'C News')"
    ]


def test_spellings_of_one_publisher_share_its_page(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    edit(settings, GAZETTE, "publisher: Example Gazette", "publisher: Example-Gazette")
    edit(settings, WIRE, "publisher: Example Wire", "publisher: example gazette")
    assert errors_of(settings) == []


def test_a_region_named_index_would_replace_the_list_of_places(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    edit(settings, SHOOT_OUT, "region: Almaty", "region: INDEX")
    assert errors_of(settings) == [
        f"{SHOOT_OUT}:12:13: error: places[0].region: must be a region from "
        "content/vocabulary.yaml: "
        "Abai Region, Akmola Region, Aktobe Region, Almaty, Almaty Region, Astana, Atyrau Region, "
        "East Kazakhstan Region, Jetisu Region, Karaganda Region, Kostanay Region, "
        "Kyzylorda Region, Mangystau Region, North Kazakhstan Region, Pavlodar Region, Shymkent, "
        "Turkistan Region, Ulytau Region, West Kazakhstan Region, Zhambyl Region (got 'INDEX')",
        f"{SHOOT_OUT}:12:13: error: places[0].region: would take the path of the list of every "
        "place, places/index.md, and replace it; rename it (got 'INDEX')",
    ]


def test_an_incident_type_named_index_would_replace_the_list_of_types(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    edit(settings, "content/vocabulary.yaml", "  - id: armed-robbery", "  - id: index")
    assert errors_of(settings) == [
        "content/vocabulary.yaml:9:9: error: incident_types[1].id: would take the path of the "
        "list of every type, types/index.md, and replace it; rename it (got 'index')"
    ]


def test_a_broken_start_does_not_hide_a_range_error_in_a_claim(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    edit(settings, SHOOT_OUT, "start: 2020-01-01T14:30+06:00", "start: 2020-01-01T14:30")
    edit(settings, SHOOT_OUT, "min: 2\n        max: 3", "min: 3\n        max: 2")
    assert errors_of(settings) == [
        f"{SHOOT_OUT}:7:10: error: when.start: must be a date (YYYY-MM-DD) or a date-time with "
        "UTC offset (YYYY-MM-DDTHH:MM+06:00) (got '2020-01-01T14:30')",
        f"{SHOOT_OUT}:25:14: error: figures[0].claims[1].max: must not be less than min (got 2)",
    ]


def test_a_schema_error_does_not_hide_unknown_terms_or_ids_used_twice(tmp_path: Path) -> None:
    """A date written the wrong way and a misspelt party kind make the record invalid; the
    unknown type, the unknown tactic and the party id used twice are listed in the same run."""
    settings = corpus(tmp_path)
    cited = "example-gazette-2020-01-02-report"
    edit(settings, SHOOT_OUT, "as_of: 2020-01-02\n", "as_of: 02.01.2020\n")
    edit(settings, SHOOT_OUT, "types: [shoot-out]", "types: [shoot-out, firing-on-crowd]")
    edit(
        settings,
        SHOOT_OUT,
        "figures:\n",
        "parties:\n"
        f"  - {{id: police, kind: police, roles: [attacker], sources: [{cited}]}}\n"
        f"  - {{id: police, kind: civillians, roles: [target], sources: [{cited}]}}\n"
        "response:\n"
        "  tactics:\n"
        f"    - {{tactic: live-fire, sources: [{cited}]}}\n"
        "figures:\n",
    )
    assert errors_of(settings) == [
        f"{SHOOT_OUT}:15:20: error: types[1]: must be an incident type from "
        "content/vocabulary.yaml: armed-assault, armed-robbery, arson, assassination, bombing, "
        "counter-terrorist-operation, explosion, hostage-taking, manhunt, mass-shooting, "
        "police-killing, shoot-out, shooting-spree, suicide-bombing, unrest "
        "(got 'firing-on-crowd')",
        f"{SHOOT_OUT}:18:10: error: parties[1].id: is used twice in parties (got 'police')",
        f"{SHOOT_OUT}:18:24: error: parties[1].kind: must be one of 'police', 'military', "
        "'national-guard', 'special-forces', 'security-service', 'state-forces', 'state-body', "
        "'armed-group', 'individual', 'rioters', 'protesters', 'communal-group', 'civilians', "
        "'foreign-forces', 'prisoners' or 'unknown' (got 'civillians'); did you mean "
        "'civilians'?",
        f"{SHOOT_OUT}:21:16: error: response.tactics[0].tactic: must be a tactic from "
        "content/vocabulary.yaml: 14 known values (got 'live-fire'); did you mean 'return-fire'?",
        f"{SHOOT_OUT}:28:16: error: figures[0].claims[0].as_of: must be a date (YYYY-MM-DD) or "
        "a date-time with UTC offset (YYYY-MM-DDTHH:MM+06:00) (got '02.01.2020')",
    ]


def test_coordinates_outside_the_country_say_swapped_only_when_swapping_puts_them_inside(
    tmp_path: Path,
) -> None:
    settings = corpus(tmp_path)
    kz = "countries:\n  - {code: KZ, name: Kazakhstan, bbox: [46.47, 40.56, 87.36, 55.44]}\n"
    vocabulary = settings.content_dir / "vocabulary.yaml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8") + kz, encoding="utf-8")
    place = "    settlement: Almaty\n"
    point = "    coordinates: {lat: 42.32, lon: 169.59, precision: settlement}\n"
    edit(settings, SHOOT_OUT, place, place + point)
    assert errors_of(settings) == [
        f"{SHOOT_OUT}:14:18: error: places[0].coordinates: lies outside Kazakhstan "
        "(got lat 42.32, lon 169.59)"
    ]


def test_a_broken_figure_does_not_hide_an_unknown_region(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    edit(settings, SHOOT_OUT, "region: Almaty", "region: Almatty")
    edit(settings, SHOOT_OUT, "rule: most-conservative", "rule: latest")
    assert errors_of(settings) == [
        f"{SHOOT_OUT}:12:13: error: places[0].region: must be a region from "
        "content/vocabulary.yaml: 20 known values (got 'Almatty'); did you mean 'Almaty'?",
        f"{SHOOT_OUT}:33:13: error: figures[0].estimate.rule: must be one of 'single-source', "
        "'consensus', 'latest-official', 'most-conservative' or 'editor-judgement' (got 'latest')",
    ]


def test_a_misspelt_key_in_one_claim_does_not_hide_a_range_error_in_the_next(
    tmp_path: Path,
) -> None:
    settings = corpus(tmp_path)
    edit(settings, SHOOT_OUT, "as_of: 2020-01-02", "as_off: 2020-01-02")
    edit(settings, SHOOT_OUT, "min: 2\n        max: 3", "min: 3\n        max: 2")
    edit(settings, SHOOT_OUT, "end: 2020-01-01T16:00+06:00", "end: 2020-01-01T12:00+06:00")
    assert errors_of(settings) == [
        f"{SHOOT_OUT}:8:8: error: when.end: must not be before start "
        "(got '2020-01-01T12:00:00+06:00')",
        f"{SHOOT_OUT}:22:9: error: figures[0].claims[0].as_off: unknown key; did you mean 'as_of'?",
        f"{SHOOT_OUT}:25:14: error: figures[0].claims[1].max: must not be less than min (got 2)",
    ]


@pytest.mark.parametrize("text", ["~\n", "&0\n", "null\n"])
def test_a_record_that_holds_nothing_is_an_error_not_a_silent_omission(
    tmp_path: Path, text: str
) -> None:
    # Found by fuzzing: such a record was left out of the dataset without a word.
    settings = corpus(tmp_path)
    (settings.root / SHOOT_OUT).write_text(text, encoding="utf-8")
    dataset, problems = check_content(settings)
    assert [str(problem) for problem in problems] == [
        f"{SHOOT_OUT}:1:1: error: file must hold a mapping of keys (got null)"
    ]
    assert dataset.incidents == ()


def officials(*names: str) -> str:
    """An invented officials block naming ``names``."""
    return "officials:\n" + "".join(
        f"  - name: {name}\n    position: Mayor\n    role: Spoke\n"
        "    sources: [example-gazette-2020-01-02-report]\n"
        for name in names
    )


def test_two_actors_of_different_names_that_would_share_a_page_are_named_both(
    tmp_path: Path,
) -> None:
    settings = corpus(tmp_path)
    record = settings.root / SHOOT_OUT
    text = record.read_text(encoding="utf-8")
    record.write_text(text + officials("C++ Smith", "C-Smith"), encoding="utf-8")
    second = settings.content_dir / "incidents" / "2020-01-01-second-shoot-out.yaml"
    second.write_text(text + officials("c smith", "C Smith"), encoding="utf-8")
    assert errors_of(settings) == [
        f"{SHOOT_OUT}:45:11: error: officials[1].name: would share the page "
        f"actors/officials/c-smith.md with official 'C++ Smith' of {SHOOT_OUT}; spell them "
        "apart (got 'C-Smith')",
        "content/incidents/2020-01-01-second-shoot-out.yaml:41:11: error: officials[0].name: "
        "would share the page actors/officials/c-smith.md with official 'C++ Smith' of "
        f"{SHOOT_OUT}; spell them apart (got 'c smith')",
        "content/incidents/2020-01-01-second-shoot-out.yaml:45:11: error: officials[1].name: "
        "would share the page actors/officials/c-smith.md with official 'C++ Smith' of "
        f"{SHOOT_OUT}; spell them apart (got 'C Smith')",
    ]


def test_a_draft_names_no_page(tmp_path: Path) -> None:
    settings = corpus(tmp_path)
    record = settings.root / SHOOT_OUT
    text = record.read_text(encoding="utf-8")
    record.write_text(text + officials("C++ Smith"), encoding="utf-8")
    second = settings.content_dir / "incidents" / "2020-01-01-second-shoot-out.yaml"
    draft = text.replace("status: published", "status: draft")
    second.write_text(draft + officials("C Smith"), encoding="utf-8")
    assert errors_of(settings) == []


def test_a_refused_number_is_one_problem_not_two(tmp_path: Path) -> None:
    # A 40-digit count used to add "must give a value..." for the claim it left empty.
    settings = corpus(tmp_path)
    edit(settings, SHOOT_OUT, "      - value: 2\n", "      - value: " + "9" * 40 + "\n")
    assert errors_of(settings) == [
        f"{SHOOT_OUT}:{line}:16: error: figures[{index}].claims[0].value: has more than 30 "
        f"digits; put it in quotes if it is text (got '{'9' * 20}...')"
        for index, line in ((0, 20), (1, 36))
    ]
