"""The one reader of mkdocs.yml: what site pages, data files and the report know of the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.errors import ContentError, Problem
from generator.core.site_info import SiteInfo, read_site_info
from tests.conftest import make_settings


def _site(tmp_path: Path, text: str) -> SiteInfo:
    settings = make_settings(tmp_path)
    settings.mkdocs_yml.write_text(text, encoding="utf-8")
    return read_site_info(settings)


def test_read_site_info_reads_every_setting(tmp_path: Path) -> None:
    text = (
        "site_name: ' Example Record '\n"
        "site_description: Fictional incidents.\n"
        "site_url: https://example.org/record\n"
        "repo_url: https://github.com/example/record\n"
        "extra:\n"
        "  record_edit_uri: edit/main/content/\n"
    )
    site = _site(tmp_path, text)
    assert site == SiteInfo(
        name="Example Record",
        description="Fictional incidents.",
        url="https://example.org/record/",
        edit_base="https://github.com/example/record/edit/main/content/",
    )
    assert site.page_url("incidents/a/") == "https://example.org/record/incidents/a/"
    assert site.incident_url("a") == "https://example.org/record/incidents/a/"
    assert site.edit_url("incidents/a.yaml") == (
        "https://github.com/example/record/edit/main/content/incidents/a.yaml"
    )


def test_read_site_info_without_mkdocs_yml_uses_one_default(tmp_path: Path) -> None:
    site = read_site_info(make_settings(tmp_path))
    assert site == SiteInfo(name="Incident Record", description=None, url="", edit_base=None)
    assert site.page_url("incidents/a/") is None
    assert site.incident_url("a") == "incidents/a/"
    assert site.edit_url("incidents/a.yaml") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("site_url: http://example.org", "http://example.org/"),
        ("site_url: 'javascript:alert(1)'", ""),
        ("site_url: ''", ""),
        ("site_url: 42", ""),
    ],
)
def test_read_site_info_keeps_only_http_addresses(tmp_path: Path, line: str, expected: str) -> None:
    assert _site(tmp_path, f"{line}\n").url == expected


def test_read_site_info_reads_an_empty_env_variable_as_mkdocs_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITE_URL", "")
    assert _site(tmp_path, "site_url: !ENV [SITE_URL, 'https://example.org/b/']\n").url == ""


def test_read_site_info_rereads_a_changed_file(tmp_path: Path) -> None:
    assert _site(tmp_path, "site_name: First\n").name == "First"
    assert _site(tmp_path, "site_name: Second one\n").name == "Second one"


def test_read_site_info_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITE_URL", "https://example.org/a")
    assert _site(tmp_path, "site_url: !ENV SITE_URL\n").url == "https://example.org/a/"
    monkeypatch.setenv("SITE_URL", "https://example.org/b")
    assert read_site_info(make_settings(tmp_path)).url == "https://example.org/b/"


def test_read_site_info_reports_broken_yaml(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        _site(tmp_path, "site_name: [\n")
    message = (
        "cannot be read as YAML: while parsing a flow node\n"
        "expected the node content, but found '<stream end>'\n"
        '  in "<unicode string>", line 2, column 1:\n'
        "    \n"
        "    ^"
    )
    assert caught.value.problems == [Problem("mkdocs.yml", 0, 0, "", message)]
