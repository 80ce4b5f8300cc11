"""BENCHMARKS.md: the machine, one table per corpus size, the targets met or missed, profiles."""

from __future__ import annotations

import os
import sys

from generator.bench.process import (
    BENCH_DIR,
    GB,
    MB,
    SEED,
    ZENSICAL,
    Options,
    SizeResult,
)
from generator.bench.search_bytes import FIRST_PAGE, QUERY
from generator.bench.targets import evaluate_targets
from generator.core.git import GitError, run_git
from generator.core.settings import ROOT


def describe_machine(results: list[SizeResult]) -> list[str]:
    """CPU, cores, memory, the versions that matter and the commits measured, one bullet each."""
    from importlib.metadata import version

    import yaml

    cpu = "unknown CPU"
    memory = 0
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        cpu = next((line.split(":", 1)[1].strip() for line in handle if "model name" in line), cpu)
    with open("/proc/meminfo", encoding="utf-8") as handle:
        memory = next((int(line.split()[1]) * 1024 for line in handle if "MemTotal" in line), 0)
    zensical = BENCH_DIR / "zensical-venv" / "bin" / "zensical"
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable)",
        f"- Memory: {memory / GB:.1f} GB",
        f"- Python {sys.version.split()[0]}; PyYAML {yaml.__version__} "
        f"(C loader: {'yes' if yaml.__with_libyaml__ else 'no'}); MkDocs {version('mkdocs')}; "
        f"Material {version('mkdocs-material')}; pydantic {version('pydantic')}",
        f"- Zensical (measured only with `--zensical`): "
        f"{ZENSICAL if zensical.is_file() else 'not installed'}",
        f"- Code: commit {', '.join(sorted({r.facts.get('code', 'unknown') for r in results}))}",
    ]


def git_revision() -> str:
    """The commit being measured, '-dirty' when a tracked file other than this report differs."""

    def git(*arguments: str) -> str:
        try:
            return run_git(ROOT, *arguments)
        except GitError:
            return ""

    head = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    changed = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!BENCHMARKS.md")
    return f"{head}-dirty" if changed.strip() else head


ANALYSIS = ROOT / "generator" / "bench" / "analysis.md"
"""Hand-written: why each target is met or missed and what was done; kept in the report."""

STEPS = (
    "floor",
    "cold build",
    "no-change rerun",
    "one-record edit",
    "full site",
    "page-text search index",
    "zensical",
    "live preview (serve)",
)


SEARCH_NOTE = (
    "First-search bytes: every `pagefind/` file a reader's first search loads (the search box's",
    "script and style, Pagefind's script, worker, entry, meta and WASM, the index chunks of the",
    f"query `{QUERY}`, a word of every synthetic record, as it is typed, and the fragments of the",
    f"first {FIRST_PAGE} results), as stored (Pagefind compresses its own files). *Browser*:",
    "headless Chromium types the query on the built site's home page and the files it fetched",
    "are counted. *Computed*: the same files worked out from the bundle (`generator/bench/",
    "search_bytes.py`), counting the largest fragments of the pages that hold the term, since",
    "the ranking runs in Pagefind's WASM; on the site's own index where the full site is built,",
    "and at every size on an index that Pagefind builds from the generated",
    "incident pages' text (`build/docs/incidents/`), which is how 100,000 is measured without",
    "an hour of MkDocs. Where the full site is built the three are shown side by side; that",
    "index holds only the incident pages, so its matches never include the larger source and",
    "data pages that the site's index also returns, and its fragments come out smaller.",
)


def render_table(result: SizeResult) -> list[str]:
    """One row per step: wall, CPU, peak RSS, pages/s, output MB, ratio to the floor, note."""
    lines = [
        "| Step | Wall s | CPU s | Peak RSS MB | Pages/s | Output MB | × floor | Note |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for label in STEPS:
        run = result.runs.get(label)
        if run is None:
            continue
        wall = f"{run.wall:.1f}" if run.wall is not None else "—"
        rate = f"{run.pages / run.wall:.0f}" if run.wall and run.pages and label != "floor" else ""
        output = f"{run.output / MB:.1f}" if run.output else ""
        ratio = f"{run.floor:.2f}" if run.floor is not None else ""
        note = run.note.replace("|", "/")
        cpu, rss = (f"{run.cpu:.1f}", f"{run.rss / MB:.0f}") if run.rss else ("", "")
        lines.append(f"| {label} | {wall} | {cpu} | {rss} | {rate} | {output} | {ratio} | {note} |")
    return lines


def render_report(results: list[SizeResult], options: Options) -> str:
    """BENCHMARKS.md: machine, one table per size, targets, facts and profiles."""
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m generator.bench`); rerun it to refresh this page.",
        "Synthetic corpora (`generator/bench/synth.py`, seed "
        f"{SEED}) live under `build/bench/`; logs of every step in `build/bench/logs/`.",
        f"Each step is a separate process with a {options.timeout:.0f} s timeout and a "
        f"{options.memory / GB:.0f} GB address-space cap; peak RSS is the largest sum over "
        "its process tree (sampled every 0.1 s, or the largest single process if higher).",
        "",
        "## Machine",
        "",
        *describe_machine(results),
        "",
        "## Targets",
        "",
        "The targets of issue 18, each at the size it is set at (or the nearest size measured,",
        "as the row says).",
        "",
        *evaluate_targets(results),
        "",
        *SEARCH_NOTE,
    ]
    if ANALYSIS.is_file():
        lines += ["", ANALYSIS.read_text(encoding="utf-8").rstrip()]
    for result in results:
        code = result.facts.get("code", "unknown")
        lines += ["", f"## {result.size:,} incidents (code {code})", ""]
        synth = synth_words(result)
        lines += [f"Corpus {synth}.", "", *render_table(result), ""]
        lines += [
            f"- {key}: {value}" for key, value in sorted(result.facts.items()) if key != "profile"
        ]
    profiled = [r for r in results if "profile" in r.facts]
    lines += ["", "## Profile", ""]
    if not profiled:
        lines.append("No size in this run was profiled (see `--profile`).")
    for result in profiled:
        lines += [f"### Cold build, {result.size:,} incidents", "", result.facts["profile"]]
    return "\n".join(lines).rstrip() + "\n"


def synth_words(result: SizeResult) -> str:
    seconds = result.synth_seconds
    return "reused from an earlier run" if seconds is None else f"synthesised in {seconds:.1f} s"
