"""The site's Markdown: escaping of record text, the golden tree, configuration and live preview."""

from __future__ import annotations

import difflib
import html
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import markdown
import material
import pytest
import yaml
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from generator.build.check import load_checked
from generator.build.pipeline import build_docs, generate_files
from generator.core.errors import ContentError
from generator.core.outputs import Packed, content_bytes
from generator.core.precheck import FORBIDDEN_IN_TEXT
from generator.core.settings import ROOT, Settings
from generator.core.site_info import load_mkdocs_config, read_site_info
from generator.data.export import PER_RECORD, data_tables
from generator.model import Dataset
from generator.site import assets
from generator.text.markdown import front_title, md_escape, md_url
from tests.golden import GOLDEN_DOCS, REPO_URL, build_golden, prepare_root, site_environment

ESCAPE_AWARE = {"tables", "admonition", "attr_list", "md_in_html", "toc"}
"""The Markdown extensions md_escape was written for; a new one needs a review of md_escape."""


def read_mkdocs_yml() -> dict[str, Any]:
    """mkdocs.yml as the generator reads it (!ENV tags resolved)."""
    return load_mkdocs_config(ROOT / "mkdocs.yml")


def site_extensions() -> list[str | dict[str, object]]:
    """The markdown_extensions list of mkdocs.yml."""
    extensions = read_mkdocs_yml()["markdown_extensions"]
    assert isinstance(extensions, list)
    return extensions


def to_html(text: str) -> str:
    """Markdown to HTML with exactly the extensions the site enables."""
    names: list[str] = []
    configs: dict[str, object] = {}
    for item in site_extensions():
        if isinstance(item, dict):
            ((name, config),) = item.items()
            names.append(name)
            configs[name] = config
        else:
            names.append(item)
    return markdown.markdown(text, extensions=names, extension_configs=configs)


def plain(fragment: str) -> str:
    """Text of an HTML fragment: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


# Text a record may hold: any printable character, no control characters (the model refuses).
record_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs")),
    min_size=1,
    max_size=80,
).filter(lambda text: text.strip() != "" and not FORBIDDEN_IN_TEXT.search(text))


# --- Escaping ------------------------------------------------------------------------------


def test_md_escape_is_written_for_the_site_extensions() -> None:
    names = {item if isinstance(item, str) else next(iter(item)) for item in site_extensions()}
    assert names <= ESCAPE_AWARE, f"review md_escape for new extensions: {names - ESCAPE_AWARE}"


@hypothesis_settings(max_examples=300, deadline=None)
@given(record_text)
def test_md_escape_paragraph_shows_text_literally(text: str) -> None:
    rendered = to_html(md_escape(text))
    assert rendered.startswith("<p>")
    assert rendered.endswith("</p>")
    assert "<" not in rendered[3:-4]
    assert html.unescape(rendered[3:-4]) == " ".join(text.split())


@hypothesis_settings(max_examples=200, deadline=None)
@given(record_text, record_text)
def test_md_escape_table_cell_and_link_text_stay_whole(left: str, right: str) -> None:
    rendered = to_html(f"| A | B |\n|---|---|\n| {md_escape(left)} | [{md_escape(right)}](x.md) |")
    cells = re.findall(r"<td>(.*?)</td>", rendered, flags=re.S)
    assert len(cells) == 2
    assert plain(cells[0]) == " ".join(left.split())
    assert re.fullmatch(r'<a href="x.md">[^<]*</a>', cells[1])
    assert plain(cells[1]) == " ".join(right.split())


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "a | b | c",
        "*bold* _it_ **strong**",
        "[x](javascript:alert(1))",
        "`code` ``more``",
        "{{ config }} {% raw %}",
        "# heading",
        "1. list",
        "- item",
        "> quote",
        "!!! note",
        "text { #id .class onclick=alert(1) }",
        "&amp; &lt; &#60;",
        '<div markdown="1">*x*</div>',
        "<!-- comment -->",
        "\\*not bold\\*",
        "https://example.org/a_b_c",
        "3.5 km: 10% (about ~20) $5 @x ^y",
    ],
)
def test_md_escape_defuses_markup(hostile: str) -> None:
    rendered = to_html(f"## {md_escape(hostile)}\n\n{md_escape(hostile)}")
    heading = r'<h2 id="[^"]*">[^<]*<a class="headerlink" href="#[^"]*" title="Permanent link">'
    assert re.fullmatch(heading + r"&para;</a></h2>\n<p>[^<]*</p>", rendered), rendered
    assert plain(rendered.split("\n")[1]) == hostile


def test_md_url_encodes_what_would_end_a_link_or_cell() -> None:
    url = "https://example.org/a_(b)?c=|d|&e=<f> `g`"
    encoded = md_url(url)
    assert not set("()|<> `") & set(encoded)
    rendered = to_html(f"| L |\n|---|\n| [x]({encoded}) |")
    assert 'href="https://example.org/a_%28b%29?c=%7Cd%7C&amp;e=%3Cf%3E%20%60g%60"' in rendered


@pytest.mark.parametrize(
    "title", ["Plain", "</title><script>alert(1)</script>", 'a "b" \\ c: #d', "&lt;x&gt;"]
)
def test_front_title_is_escaped_html_in_quoted_yaml(title: str) -> None:
    loaded = yaml.safe_load(f"title: {front_title(title)}\n")
    assert loaded == {"title": html.escape(title, quote=True)}


# --- Golden tree and determinism -----------------------------------------------------------


def test_golden_tree_matches_fixture_build() -> None:
    built = build_golden()
    expected = {
        p.relative_to(GOLDEN_DOCS).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(GOLDEN_DOCS.rglob("*"))
        if p.is_file()
    }
    diff: list[str] = []
    for path in sorted(set(built) | set(expected)):
        diff += difflib.unified_diff(
            expected.get(path, "").splitlines(keepends=True),
            built.get(path, "").splitlines(keepends=True),
            f"golden/docs/{path}",
            f"built/{path}",
        )
    assert not diff, "generated Markdown differs; run `make golden` if intended:\n" + "".join(
        diff[:400]
    )


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Settings, Dataset]:
    """The fixture corpus in a temporary root, with a repository to link, and its records."""
    monkeypatch.setenv("REPO_URL", REPO_URL)
    settings = prepare_root(tmp_path)
    dataset, _ = load_checked(settings)
    return settings, dataset


def test_generate_files_is_deterministic(sample: tuple[Settings, Dataset]) -> None:
    settings, dataset = sample
    assert generate_files(dataset, settings) == generate_files(dataset, settings)


def test_the_pages_that_list_records_and_the_csv_files_are_held_compressed(
    sample: tuple[Settings, Dataset],
) -> None:
    """All are made before the first is written, and grow with the corpus: none is held as text."""
    settings, dataset = sample
    files = generate_files(dataset, settings)
    listing = ("years/", "types/", "places/", "actors/", "sources/", "map/", "timeline.md")
    held = {path for path in files if path.startswith(listing) and path != "map/outline.json"}
    tables = data_tables(read_site_info(settings))
    held |= {f"data/{table.path}" for table in tables if table.name in PER_RECORD}
    assert {"years/index.md", "timeline.md", "data/incidents.csv", "map/index.md"} <= held
    assert [path for path in sorted(held) if not isinstance(files[path], Packed)] == []


def test_a_build_keeps_lean_records_yet_writes_what_whole_records_make(
    sample: tuple[Settings, Dataset],
) -> None:
    """The build keeps records without the parts only their own pages show (records.lean)."""
    settings, dataset = sample
    assert any(i.timeline and i.statements and i.aftermath for i in dataset.incidents)
    build_docs(settings)
    expected = generate_files(dataset, settings)
    written = {
        p.relative_to(settings.docs_dir).as_posix(): p.read_bytes()
        for p in settings.docs_dir.rglob("*")
        if p.is_file()
    }
    assert sorted(written) == sorted(expected)
    for path, content in expected.items():
        assert written[path] == content_bytes(content), path


# --- Configuration -------------------------------------------------------------------------


def test_mkdocs_yml_fails_on_broken_links_and_keeps_incidents_out_of_nav() -> None:
    config = read_mkdocs_yml()
    validation = config["validation"]
    assert isinstance(validation, dict)
    assert validation["links"] == {
        "not_found": "warn",
        "anchors": "warn",
        "absolute_links": "warn",
        "unrecognized_links": "warn",
    }
    assert validation["nav"]["omitted_files"] == "warn"
    assert "incidents/" not in str(config["nav"])
    assert "/incidents/" in str(config["not_in_nav"]).split()
    assert config["theme"]["font"] is False
    assert "repo_url: !ENV REPO_URL" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_edit_link_appears_only_with_a_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REPO_URL", raising=False)
    settings = prepare_root(tmp_path)
    dataset, _ = load_checked(settings)
    page = generate_files(dataset, settings)["incidents/2020-07-15-sampleville-shoot-out.md"]
    assert isinstance(page, str)
    assert "Edit this record" not in page
    monkeypatch.setenv("REPO_URL", "https://example.org/other/")
    page = generate_files(dataset, settings)["incidents/2020-07-15-sampleville-shoot-out.md"]
    assert isinstance(page, str)
    assert (
        '<a href="https://example.org/other/edit/main/content/incidents/'
        '2020-07-15-sampleville-shoot-out.yaml">Edit this record</a>'
    ) in page


def test_missing_leaflet_says_to_run_make_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = prepare_root(tmp_path)
    monkeypatch.setattr(assets, "ROOT", tmp_path)
    with pytest.raises(ContentError) as raised:
        assets.site_assets(settings)
    assert "run `make install`" in str(raised.value.problems[0])


def test_site_assets_carry_the_installed_themes_palette_and_scope_scripts(tmp_path: Path) -> None:
    theme = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    inline = {
        name: re.search(r"<script>(.*)</script>", (theme / name).read_text("utf-8"), re.DOTALL)
        for name in ("palette.html", "base.html")
    }
    files = assets.site_assets(prepare_root(tmp_path))
    palette, scope = (match.group(1) if match else "" for match in inline.values())
    assert files["assets/palette.js"] == palette + "\n"
    assert files["assets/palette.js"].startswith('var palette=__md_get("__palette");')
    # The page's base, the one value that differs by page, is read from the script element.
    assert files["assets/scope.js"] == (
        scope.replace(assets.SCOPE_VALUE, "document.currentScript.dataset.scope") + "\n"
    )
    assert files["assets/scope.js"].startswith(
        "__md_scope=new URL(document.currentScript.dataset.scope,location),"
    )


@pytest.mark.parametrize(
    ("script", "page_value"),
    [
        # Template code the override does not know how to pass.
        ("<script>var x={{ base_url }};</script>\n", None),
        ("<script>var x={{ base_url }};</script>\n", assets.SCOPE_VALUE),
        # No inline script at all.
        ("<link rel=preload>\n", None),
    ],
)
def test_theme_script_from_another_theme_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str, page_value: str | None
) -> None:
    # An invented theme whose script partial the site cannot load from a file.
    partial = tmp_path / "material" / "templates" / "partials" / "javascripts" / "x.html"
    partial.parent.mkdir(parents=True)
    partial.write_text(script, encoding="utf-8")
    monkeypatch.setattr(assets, "package_files", lambda _name: tmp_path / "material/templates")
    with pytest.raises(ContentError) as raised:
        assets.theme_script("partials/javascripts/x.html", page_value)
    assert [str(problem) for problem in raised.value.problems] == [
        "material/templates/partials/javascripts/x.html: error: is not one inline script "
        "without template code: install the theme version that constraints.txt names "
        "(`make install`)"
    ]


# --- Live preview --------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - localhost only
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, wanted: str, process: subprocess.Popen[bytes], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the preview server stopped"
        page = _fetch(url)
        if page is not None and wanted in page:
            return True
        time.sleep(0.5)
    return False


@pytest.mark.slow
def test_serve_regenerates_when_a_record_changes(tmp_path: Path) -> None:
    prepare_root(tmp_path)
    port = _free_port()
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(tmp_path), "serve", "--port", str(port)],
        cwd=ROOT,
        env=site_environment(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/incidents/2020-07-15-sampleville-shoot-out/"
    try:
        assert _wait_for(url, "Shoot-out in Sampleville", process, 90)
        record = tmp_path / "content" / "incidents" / "2020-07-15-sampleville-shoot-out.yaml"
        text = record.read_text(encoding="utf-8")
        record.write_text(
            text.replace("Shoot-out in Sampleville", "Gunfight in Sampleville"), encoding="utf-8"
        )
        assert _wait_for(url, "Gunfight in Sampleville", process, 90)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_build_docs_copies_leaflet_and_removes_pages_of_deleted_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPO_URL", REPO_URL)
    settings = prepare_root(tmp_path)
    build_docs(settings)
    docs = settings.docs_dir
    leaflet = ROOT / "node_modules" / "leaflet" / "dist" / "leaflet.js"
    assert (docs / "assets" / "leaflet" / "leaflet.js").read_bytes() == leaflet.read_bytes()
    assert (docs / "incidents" / "2022-05-05-sampleville-arson.md").is_file()
    (settings.content_dir / "incidents" / "2022-05-05-sampleville-arson.yaml").unlink()
    build_docs(settings)
    assert not (docs / "incidents" / "2022-05-05-sampleville-arson.md").exists()
    shutil.rmtree(docs)
