"""The benchmark: its corpus is deterministic and valid, a no-change rebuild rewrites nothing,
the targets of issue 18 get exact verdicts, and a first search's bytes are worked out from a
Pagefind bundle built here from invented pages (no network)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.bench.command import main
from generator.bench.downloads import computed_search_facts, map_facts
from generator.bench.process import (
    Run,
    SizeResult,
    changed_files,
    median_run,
    snapshot,
    times_of,
)
from generator.bench.profile import summarize_profile
from generator.bench.search_bytes import (
    BundleError,
    decode_cbor,
    first_search_files,
    kind_totals,
    pages_matching,
    read_pagefind,
    request_indexes,
    typed_terms,
)
from generator.bench.search_measure import index_page_text, page_html
from generator.bench.synth import incident_day, incident_settlement, synthesize
from generator.bench.targets import evaluate_targets
from generator.core.settings import TEMPLATES

COUNT = 50


def digest_tree(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def generator_cli(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "-C", str(root), *arguments],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synthetic")
    synthesize(root, COUNT, seed=3)
    return root


def test_same_seed_gives_same_bytes(corpus: Path, tmp_path: Path) -> None:
    synthesize(tmp_path, COUNT, seed=3)
    assert digest_tree(tmp_path) == digest_tree(corpus)


def test_another_seed_gives_other_records(corpus: Path, tmp_path: Path) -> None:
    synthesize(tmp_path, COUNT, seed=4)
    ours, theirs = digest_tree(corpus), digest_tree(tmp_path)
    assert ours.keys() == theirs.keys()
    assert ours != theirs


def test_corpus_has_the_expected_shape(corpus: Path) -> None:
    incidents = sorted((corpus / "content" / "incidents").glob("*.yaml"))
    sources = sorted((corpus / "content" / "sources").glob("*.yaml"))
    assert len(incidents) == COUNT
    assert len(sources) == -(-COUNT // 3)
    assert (corpus / "mkdocs.yml").is_file()
    assert (corpus / "content" / "vocabulary.yaml").is_file()
    mean = sum(path.stat().st_size for path in incidents) / len(incidents)
    assert 3000 < mean < 5000
    record = yaml.safe_load(incidents[7].read_text(encoding="utf-8"))
    assert record["summary"].startswith("Synthetic incident 000")
    assert all(2 <= len(figure["claims"]) <= 5 for figure in record["figures"])
    assert record["related"]
    source = yaml.safe_load(sources[0].read_text(encoding="utf-8"))
    assert source["url"].startswith("https://example.org/")


def test_dates_and_settlements_never_repeat_together() -> None:
    pairs = [(incident_day(n), incident_settlement(n)[0]) for n in range(0, 200_000, 7)]
    assert len(set(pairs)) == len(pairs)


def test_corpus_passes_strict_check(corpus: Path) -> None:
    result = generator_cli(corpus, "check", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"checked {COUNT} incidents" in result.stdout


@pytest.mark.slow
def test_no_change_rebuild_rewrites_nothing(corpus: Path) -> None:
    first = generator_cli(corpus, "build")
    assert first.returncode == 0, first.stdout + first.stderr
    docs = corpus / "build" / "docs"
    before, contents = snapshot(docs), digest_tree(docs)
    assert len(before) > COUNT
    again = generator_cli(corpus, "build")
    assert again.returncode == 0, again.stdout + again.stderr
    assert changed_files(before, snapshot(docs)) == []
    assert digest_tree(docs) == contents


def test_changed_files_sees_writes_additions_and_removals() -> None:
    before = {"a.md": (1, 10), "b.md": (1, 10), "c.md": (1, 10)}
    after = {"a.md": (1, 10), "b.md": (2, 10), "d.md": (1, 3)}
    assert changed_files(before, after) == ["b.md", "c.md", "d.md"]


def test_a_step_run_several_times_shows_its_median_and_every_time() -> None:
    runs = [Run("full site", wall=72.5), Run("full site", wall=69.2), Run("full site", wall=78.4)]
    assert median_run(runs) is runs[0]
    assert times_of(runs) == "median of 3 builds (72.5, 69.2, 78.4 s)"
    assert times_of(runs[:1]) == "one build"
    # A run that did not finish is shown, not hidden behind the others' median.
    failed = Run("full site", wall=12.0, note="failed: exit code 1")
    assert median_run([*runs[:2], failed]) is failed


def test_profile_summary_without_samples_says_so() -> None:
    assert summarize_profile(None, 10) == "No samples were recorded.\n"


# --- Targets (issue 18's table) --------------------------------------------------------------


def sized(size: int, facts: dict[str, str], *runs: Run) -> SizeResult:
    result = SizeResult(size, None, {run.label: run for run in runs}, dict(facts))
    return result


def test_targets_report_each_met_or_missed_at_its_size() -> None:
    mid = sized(
        10_000,
        {
            "site bytes per incident": "31500",
            "first search bytes (browser)": "400000",
            "first search bytes (site index, computed)": "410000",
            "first search bytes (page-text index, computed)": "405000",
        },
        Run("full site", wall=90.0),
        Run("live preview (serve)", wall=1.5),
    )
    big = sized(
        100_000,
        {
            "rerun written": "0",
            "map first load bytes": "2500000",
            "first search bytes (page-text index, computed)": "1200000",
        },
        Run("floor", wall=30.0),
        Run("cold build", wall=90.0, rss=2 * 1024**3),
        Run("no-change rerun", wall=4.5, rss=1024**3),
        Run("one-record edit", wall=8.0, rss=3 * 1024**3),
    )
    assert evaluate_targets([mid, big]) == [
        "| Target | Measured | Verdict |",
        "|---|---|---|",
        "| Full site (generate, `mkdocs build --strict`, search index) ≤ 60 s (at 10,000) "
        "| 90.0 s | missed by 1.5× |",
        "| Cold build ≤ 2× the floor measured in the same run (at 100,000) "
        "| 90.0 s vs floor 30.0 s = 3.00× | missed by 1.5× |",
        "| Peak memory of a build ≤ 1.5 GB (at 100,000) | 3.00 GB (one-record edit) "
        "| missed by 2.0× |",
        "| One-record edit ≤ 10 s (at 100,000) | 8.0 s | met |",
        "| Bytes a reader downloads for a first search ≤ 1 MB (at 100,000) "
        "| 1,200,000 bytes (computed on an index of the pages' text); methods compared at "
        "10,000: 400,000 bytes (browser); 410,000 bytes (computed on the site's index); "
        "405,000 bytes (computed on an index of the pages' text) "
        "| missed by 1.2× (computed on an index of the pages' text) |",
        "| Site bytes per incident ≤ 30 KB (at 10,000) | 31,500 bytes | missed by 1.1× |",
        "| What the map page loads ≤ 2 MB (at 100,000) | 2,500,000 bytes | missed by 1.2× |",
        "| No-change rerun writes nothing and takes ≤ 10% of cold (at 100,000) "
        "| 4.5 s (5.0% of cold), 0 files written | met |",
        "| Edit to live preview (`serve`) ≤ 3 s (at 10,000) | 1.5 s | met |",
    ]


def test_targets_fall_back_to_the_nearest_size_and_say_so() -> None:
    small = sized(
        1000,
        {
            "first search bytes (browser)": "333276",
            "first search bytes (site index, computed)": "338812",
            "first search bytes (page-text index, computed)": "336304",
        },
        Run("cold build", wall=5.0, rss=100 * 1024**2),
        Run("no-change rerun", wall=1.0),
        Run("live preview (serve)", note="did not serve the page in 60 s"),
    )
    rows = evaluate_targets([small])
    assert rows[2] == (
        "| Full site (generate, `mkdocs build --strict`, search index) ≤ 60 s (at 10,000) "
        "| not measured in this run | not measured |"
    )
    assert rows[3] == (
        "| Cold build ≤ 2× the floor measured in the same run (at 1,000; set at 100,000) "
        "| no floor measured | missed: no floor to compare |"
    )
    assert rows[6] == (
        "| Bytes a reader downloads for a first search ≤ 1 MB (at 1,000; set at 100,000) "
        "| 333,276 bytes (browser); 338,812 bytes (computed on the site's index); "
        "336,304 bytes (computed on an index of the pages' text) | met (browser) |"
    )
    assert rows[9] == (
        "| No-change rerun writes nothing and takes ≤ 10% of cold (at 1,000; set at 100,000) "
        "| 1.0 s (20.0% of cold), ? files written | missed: 20.0% of cold, ? files written |"
    )
    assert rows[10] == (
        "| Edit to live preview (`serve`) ≤ 3 s (at 1,000; set at 10,000) "
        "| did not serve the page in 60 s | missed: did not finish |"
    )


# --- First-search bytes ----------------------------------------------------------------------


def test_typed_terms_are_each_prefix_then_each_word() -> None:
    assert typed_terms("Ab c") == ["a", "ab", "c"]
    assert typed_terms("syn") == ["s", "sy", "syn"]


def test_request_indexes_follows_pagefinds_rule() -> None:
    # Bounds as Pagefind wrote them for a synthetic site: words are stemmed.
    chunks = [["ref", "sai", "h1"], ["specif", "synthet", "h2"], ["t", "t", "h3"]]
    assert request_indexes(chunks, "s") == ["h1"]
    assert request_indexes(chunks, "synth") == ["h2"]
    # Past every bound ('synthetic' > 'synthet'): the bounds cut to the term's length decide.
    assert request_indexes(chunks, "synthetic") == ["h2"]
    assert request_indexes(chunks, "zebra") == []


def test_decode_cbor_reads_what_pagefind_writes() -> None:
    data = bytes.fromhex("83636162631903e8822042ff00")
    assert decode_cbor(data) == (["abc", 1000, [-1, b"\xff\x00"]], len(data))


def test_page_html_keeps_title_headings_and_text_escaped() -> None:
    markdown = (
        "---\ntitle: x\n---\n\n# Invented <b>incident</b>\n\n"
        "| Date | 1 May \\(2020\\) |\n|---|---|\n\n## Places { #places }\n\n"
        "- [Exampleton](../places/x.md){ .tag } & more:\n"
        "    continued\n    { #src-x .source-entry }\n- next\n\n> quoted\n"
    )
    assert page_html(markdown) == (
        '<html lang="en"><head><title>Invented incident</title></head><body>'
        '<article class="md-content__inner md-typeset" data-pagefind-body>'
        '<h1 id="invented-incident">Invented incident</h1>\n'
        "<p>Date 1 May (2020)</p>\n"
        '<h2 id="places">Places</h2>\n'
        '<ul><li id="src-x">Exampleton &amp; more: continued</li><li>next</li></ul>\n'
        "<p>quoted</p>\n</article></body></html>"
    )


def test_page_html_marks_a_record_page_as_the_site_does() -> None:
    markdown = (
        "---\ntitle: x\nsearch:\n  boost: 2\n---\n\n# Invented siege\n\n"
        "Compare it.\n\n"
        '<div class="infobox">\n<table>\n<tbody>\n<tr><td>Date</td><td>1 May</td></tr>\n'
        "</tbody>\n</table>\n</div>\n\n"
        "An invented \\*summary\\*.\n\n"
        '!!! warning "Sources disagree"\n    Reports disagree.\n\n'
        "## Other names { #names }\n\n- Phare (fr)\n"
    )
    weighted = 'data-pagefind-body data-pagefind-weight="2"'
    assert page_html(markdown) == (
        '<html lang="en"><head><title>Invented siege</title></head><body>'
        '<article class="md-content__inner md-typeset">'
        '<h1 id="invented-siege" data-pagefind-body data-pagefind-weight="10">Invented siege'
        "</h1>\n<p>Compare it.</p>\n"
        '<div class="infobox">\n<table>\n<tbody>\n'
        f"<tr><td>Date</td><td {weighted}>1 May</td></tr>\n</tbody>\n</table>\n</div>\n"
        f"<p {weighted}>An invented summary .</p>\n"
        '<div class="admonition">&quot;Sources disagree&quot; Reports disagree.</div>\n'
        '<h2 id="names">Other names</h2>\n'
        f"<ul {weighted}><li>Phare (fr)</li></ul>\n</article></body></html>"
    )
    excluded = markdown.replace("boost: 2", "exclude: true")
    assert page_html(excluded) is None


INVENTED_WORD = "zorblat"
"""A made-up word that only some of the invented pages hold."""


@pytest.fixture(scope="module")
def invented_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Pagefind bundle of 40 invented pages; pages 0-7 are long and lack the word."""
    folder = tmp_path_factory.mktemp("invented-pages")
    docs = folder / "docs" / "incidents"
    docs.mkdir(parents=True)
    for n in range(40):
        words = "filler text " * 400 if n < 8 else f"an invented {INVENTED_WORD} case {n}"
        extra = " more" * n
        docs.joinpath(f"invented-{n:02d}.md").write_text(
            f"# Invented page {n}\n\n{words}{extra}\n", encoding="utf-8"
        )
    out = folder / "bundle"
    assert index_page_text(folder / "docs", out) == 40
    return out


def test_first_search_counts_the_files_a_search_loads(invented_bundle: Path) -> None:
    files = first_search_files(invented_bundle, INVENTED_WORD)
    entry = json.loads((invented_bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    language = entry["languages"]["en"]
    meta = read_pagefind(invented_bundle / f"pagefind.{language['hash']}.pf_meta")
    chunks = {
        chunk for term in typed_terms(INVENTED_WORD) for chunk in request_indexes(meta[2], term)
    }
    fixed = [
        # The search box's own files, which every page loads; then Pagefind's, once it is used.
        "assets/search.js",
        "assets/search.css",
        "pagefind.js",
        "pagefind-worker.js",
        "pagefind-entry.json",
        f"pagefind.{language['hash']}.pf_meta",
        f"wasm.{language['wasm']}.pagefind",
    ]
    assert list(files)[:7] == fixed
    assert [name for name in files if name.startswith("index/")] == sorted(
        f"index/{chunk}.pf_index" for chunk in chunks
    )
    fragments = [name for name in files if name.startswith("fragment/")]
    assert len(fragments) == 5
    # The long pages without the word are never counted, though their fragments are largest.
    holding = {
        f"fragment/{meta[1][n][0]}.pf_fragment"
        for n in pages_matching(
            [read_pagefind(invented_bundle / name) for name in files if name.startswith("index/")],
            INVENTED_WORD,
        )
    }
    assert len(holding) == 32
    assert set(fragments) <= holding
    sizes = {name: (invented_bundle / name).stat().st_size for name in holding}
    assert sorted(sizes[name] for name in fragments) == sorted(sizes.values())[-5:]
    box = {name: (TEMPLATES / name).stat().st_size for name in fixed[:2]}
    assert files == box | {
        name: (invented_bundle / name).stat().st_size for name in files if name not in box
    }
    assert not [name for name in files if "pagefind-ui" in name or name.startswith("filter/")]


def test_kind_totals_count_the_search_box_apart_from_pagefinds_files() -> None:
    files = {
        "assets/search.js": 9000,
        "assets/search.css": 3000,
        "pagefind.js": 45555,
        "pagefind-entry.json": 175,
        "index/en_1.pf_index": 100,
        "fragment/en_2.pf_fragment": 20,
        "fragment/en_3.pf_fragment": 30,
    }
    assert kind_totals(files) == (
        "fragment 2 files 50 B; index 1 file 100 B; scripts, WASM and meta 2 files 45,730 B;"
        " search box 2 files 12,000 B"
    )


def test_first_search_of_a_broken_bundle_says_which_file(tmp_path: Path) -> None:
    (tmp_path / "pagefind-entry.json").write_text('{"languages": {}}', encoding="utf-8")
    with pytest.raises(BundleError, match="pagefind-entry.json names no language"):
        first_search_files(tmp_path)
    assert computed_search_facts(tmp_path, "site") == {
        "first search (site index, computed)": (
            f"not measured: {tmp_path}/pagefind-entry.json names no language"
        )
    }


def test_map_facts_count_what_the_map_page_loads_first(tmp_path: Path) -> None:
    (tmp_path / "map" / "tiles").mkdir(parents=True)
    (tmp_path / "map" / "overview.json").write_bytes(b"x" * 1500)
    (tmp_path / "map" / "outline.json").write_bytes(b"y" * 20)
    (tmp_path / "map" / "index.md").write_bytes(b"z" * 99)
    (tmp_path / "map" / "tiles" / "7-1-2.json").write_bytes(b"t" * 5000)
    assert map_facts(tmp_path) == {
        "map first load bytes": "1619",
        "map first load files": (
            "map/index.md 99 B, map/outline.json 20 B, map/overview.json 1,500 B"
        ),
    }


@pytest.mark.slow
def test_benchmark_smoke_run_writes_every_target(tmp_path: Path) -> None:
    out = tmp_path / "BENCHMARKS.md"
    assert main(["--sizes", "60", "--profile", "", "--timeout", "600", "--out", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    targets = report.split("## Targets", 1)[1].split("First-search bytes:", 1)[0]
    rows = [line for line in targets.splitlines() if line.startswith("| ")][1:]
    assert [row.split(" (at ")[0] for row in rows] == [
        "| Full site (generate, `mkdocs build --strict`, search index) ≤ 60 s",
        "| Cold build ≤ 2× the floor measured in the same run",
        "| Peak memory of a build ≤ 1.5 GB",
        "| One-record edit ≤ 10 s",
        "| Bytes a reader downloads for a first search ≤ 1 MB",
        "| Site bytes per incident ≤ 30 KB",
        "| What the map page loads ≤ 2 MB",
        "| No-change rerun writes nothing and takes ≤ 10% of cold",
        "| Edit to live preview (`serve`) ≤ 3 s",
    ]
    assert all("not measured" not in row for row in rows), rows
    assert "## 60 incidents (code " in report
    assert "(computed on an index of the pages' text)" in report


def test_page_text_index_step_fails_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs" / "incidents"
    docs.mkdir(parents=True)
    (docs / "invented.md").write_text("# Invented\n\ntext\n", encoding="utf-8")
    (tmp_path / "blocker").write_text("a file where a folder should be", encoding="utf-8")
    out = tmp_path / "blocker" / "out"
    assert main(["--search-index", str(tmp_path / "docs"), "--search-out", str(out)]) == 1
    assert capsys.readouterr().out == (
        "page-text search index failed: [Errno 20] Not a directory: "
        f"'{tmp_path}/blocker/out-pages/incidents/invented'\n"
    )


def test_the_corpus_checks_without_a_problem(corpus: Path) -> None:
    from generator.content.validate import check_content
    from tests.conftest import make_settings

    # A warning would be printed by every build the benchmark times (and each source is
    # published after every incident that may cite it, so none cites a report before it).
    assert [str(problem) for problem in check_content(make_settings(corpus))[1]] == []
