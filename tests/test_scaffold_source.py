"""`new source --url`: a valid source file named by the README's rule, guessed from the address.

Runs on a copy of tests/fixtures/check, whose vocabulary knows two invented publishers by
domain (example.org and wire.example.net are reserved names; the publishers are fictional).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.content.shared import load_vocabulary
from generator.content.validate import check_content
from generator.core.settings import ROOT
from tests.conftest import CONTENT_TODAY, FIXTURES, make_settings

URL = "https://example.org/gazette/2020/01/05/second-report"
WRITTEN = "content/sources/example-gazette-2020-01-05-second-report.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the small valid corpus (invented)."""
    shutil.copytree(FIXTURES / "check" / "content", tmp_path / "content")
    return tmp_path


def new_source(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), "new", "source", *args])
    return result.exit_code, result.stdout, result.stderr


def sources(root: Path) -> list[str]:
    return sorted(path.name for path in (root / "content" / "sources").iterdir())


def test_writes_a_source_named_by_the_rule_with_guesses_from_the_address(root: Path) -> None:
    code, out, _ = new_source(root, "--url", URL)
    assert code == 0
    assert out == (
        f"wrote {WRITTEN}: Example Gazette, independent, language en "
        "(publisher, type, language guessed from the address)\n"
        f"fill it in from a copy of the report, then run: python -m generator check {WRITTEN}\n"
    )
    text = (root / WRITTEN).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/source.schema.json\n")
    assert 'publisher: "Example Gazette"\npublisher_type: independent\n' in text
    assert f'url: "{URL}"\n' in text
    assert "# published: 2020-01-05  # the address has this date: check it\n" in text
    assert "\nlanguage: en\n" in text
    assert "title_en" not in text, "an English report needs no translation of its headline"
    dataset, problems = check_content(make_settings(root))
    source = dataset.sources["example-gazette-2020-01-05-second-report"]
    assert (source.title, source.published, source.url) == (None, None, URL)
    assert [(p.path, p.level, p.field) for p in problems] == [
        (WRITTEN, "warning", ""),  # not yet cited by a record
        (WRITTEN, "warning", "title"),
    ]


def test_given_options_win_and_a_non_english_source_gets_a_title_en_line(root: Path) -> None:
    url = "https://wire.example.net/ru/news/update-on-the-siege"
    args = ["--url", url, "--title", "Обновление: осада", "--published", "2020-01-04"]
    code, out, _ = new_source(root, *args, "--type", "international")
    written = "content/sources/example-wire-2020-01-04-obnovlenie-osada.yaml"
    assert code == 0, out
    assert out.startswith(
        f"wrote {written}: Example Wire, international, language ru "
        "(publisher, language guessed from the address)\n"
    )
    text = (root / written).read_text(encoding="utf-8")
    assert 'title: "Обновление: осада"\n# title_en: ' in text
    assert "\npublished: 2020-01-04\n" in text
    assert "\nlanguage: ru\n" in text


def test_an_unknown_address_lists_every_missing_option_and_writes_nothing(root: Path) -> None:
    before = sources(root)
    code, out, err = new_source(root, "--url", "https://news.example.com/story", "--type", "wre")
    assert code == 1
    assert out.splitlines() == [
        "new: error: --language: is needed: an ISO 639-1 code such as en or ru",
        "new: error: --published: is needed: give YYYY-MM-DD or YYYY for the file name "
        "(the address has no date)",
        "new: error: --publisher: is needed: content/vocabulary.yaml's publishers: has no "
        "domain of news.example.com",
        "new: error: --type: must be one of official, state-media, independent, international, "
        "wire, ngo, reference, dataset, blog (got 'wre'); did you mean 'wire'?",
    ]
    assert err == "new source failed: 4 errors, 0 warnings\n"
    assert sources(root) == before


def test_refuses_a_known_address_and_an_existing_file(root: Path) -> None:
    assert new_source(root, "--url", URL)[0] == 0
    written = (root / WRITTEN).read_text(encoding="utf-8")
    code, out, _ = new_source(root, "--url", URL)
    assert (code, out) == (
        1,
        "new: error: --url: is already the address of source "
        "'example-gazette-2020-01-05-second-report'; edit that file\n",
    )
    code, out, _ = new_source(root, "--url", f"{URL}?page=2")
    assert (code, out) == (1, f"new: error: {WRITTEN} already exists; edit it, or give --title\n")
    assert (root / WRITTEN).read_text(encoding="utf-8") == written


@pytest.mark.parametrize(
    ("url", "published", "expected"),
    [
        ("ftp://example.org/x", "2020", "new: error: --url: must be an http or https address"),
        (URL, "2020-02-30", "new: error: --published: must be a real date YYYY-MM-DD, or a year"),
        ("https://example.org/2020/", "2020", "new: error: --title: is needed: the address has"),
    ],
)
def test_refuses_bad_options(root: Path, url: str, published: str, expected: str) -> None:
    code, out, _ = new_source(root, "--url", url, "--published", published)
    assert code == 1
    assert out.startswith(expected)


def test_a_year_alone_names_the_file_and_leaves_published_to_fill_in(root: Path) -> None:
    code, out, _ = new_source(
        root, "--url", "https://example.org/gazette/a-story", "--published", "2019"
    )
    assert code == 0, out
    text = (root / "content/sources/example-gazette-2019-story.yaml").read_text(encoding="utf-8")
    assert "# published: 2019-MM-DD  # the date the report gives\n" in text


def test_the_incident_form_of_new_still_needs_its_options(root: Path) -> None:
    result = CliRunner().invoke(cli, ["-C", str(root), "new", "--date", "2024-01-01"])
    assert result.exit_code == 2
    assert "Error: Missing option '--place'." in result.stderr
    mixed = CliRunner().invoke(cli, ["-C", str(root), "new", "--date", "2024-01-01", "source"])
    assert mixed.exit_code == 2
    assert "--date, --place, --title and --type are for an incident" in mixed.stderr
    help_text = CliRunner().invoke(cli, ["new", "--help"]).stdout
    assert "new source --url URL" in help_text
    assert "new --date YYYY-MM-DD --place PLACE --title TITLE" in help_text


def test_the_real_vocabulary_names_publishers_as_the_source_files_spell_them() -> None:
    vocabulary, problems = load_vocabulary(ROOT / "content" / "vocabulary.yaml", ROOT)
    assert problems == []
    dataset, _ = check_content(make_settings(ROOT, today=CONTENT_TODAY))
    spelt = {(s.publisher, s.publisher_type) for s in dataset.sources.values()}
    for domain, publisher in vocabulary.publishers.items():
        assert (publisher.name, publisher.type) in spelt, domain
    kazinform = vocabulary.publisher_at("www.inform.kz")
    assert kazinform is not None
    assert (kazinform.name, kazinform.language) == ("Kazinform", None)
    english = vocabulary.publisher_at("en.inform.kz")
    assert english is not None
    assert english.language == "en"
    assert vocabulary.publisher_at("inform.kz.example.org") is None


def test_the_guide_shows_what_new_source_writes(tmp_path: Path) -> None:
    guide = (ROOT / "content" / "README.md").read_text(encoding="utf-8")
    example = re.compile(r'^```yaml title="(content/sources/[^"]+\.yaml)"\n(.*?)^```$', re.M | re.S)
    [(path, text)] = example.findall(guide)
    shutil.copytree(ROOT / "content", tmp_path / "content")
    vocabulary = tmp_path / "content" / "vocabulary.yaml"
    invented = "  example.org: {name: Example, type: state-media}\n"  # a reserved domain
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8") + invented, encoding="utf-8")
    code, out, _ = new_source(
        tmp_path, "--url", "https://example.org/ru/news/2016/06/06/some-report"
    )
    assert code == 0, out
    assert out.startswith(f"wrote {path}: ")
    assert (tmp_path / path).read_text(encoding="utf-8") == text
