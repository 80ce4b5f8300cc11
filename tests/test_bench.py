"""The synthetic corpus is deterministic and valid; a no-change rebuild rewrites nothing."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.bench.process import Run, SizeResult, changed_files, snapshot
from generator.bench.profile import summarize_profile
from generator.bench.report import evaluate_targets
from generator.bench.synth import incident_day, incident_settlement, synthesize

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


def test_targets_report_misses_with_their_size() -> None:
    result = SizeResult(100_000, None)
    result.runs["floor"] = Run("floor", wall=30.0)
    result.runs["cold build"] = Run("cold build", wall=90.0, rss=2 * 1024**3)
    rows = "\n".join(evaluate_targets([result]))
    assert "3.00× | missed by 1.5×" in rows
    assert "2.00 GB | missed by 1.3×" in rows
    assert "not measured" in rows


def test_profile_summary_without_samples_says_so() -> None:
    assert summarize_profile(None, 10) == "No samples were recorded.\n"
