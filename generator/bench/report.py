"""BENCHMARKS.md: the machine, one table per corpus size, the targets met or missed, profiles."""

from __future__ import annotations

import os
import sys

from generator.bench.process import (
    BENCH_DIR,
    GB,
    MB,
    SEED,
    SITE_LIMIT,
    ZENSICAL,
    Options,
    Run,
    SizeResult,
)
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
        f"- Zensical: {ZENSICAL if zensical.is_file() else 'not installed'}",
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
    "zensical",
    "preview build",
    "preview mkdocs --dirty",
    "edit to preview",
    "live preview (serve)",
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


def evaluate_targets(results: list[SizeResult]) -> list[str]:
    """Each target of the scale work: measured value and met, or missed by how much."""
    by_size = {r.size: r for r in results}
    rows = ["| Target | Measured | Verdict |", "|---|---|---|"]
    largest = max(by_size) if by_size else 0
    big = by_size.get(100_000) or by_size.get(largest)
    if big is not None:
        at = f"at {big.size:,}"
        cold, floor = big.runs.get("cold build"), big.runs.get("floor")
        rows.append(_ratio_row(f"Cold build ≤ 2× floor ({at})", cold, floor, 2.0))
        rows.append(_limit_row(f"Peak RSS ≤ 1.5 GB ({at})", cold, 1.5 * GB, "rss"))
        rows.append(_rerun_row(big, at))
        rows.append(
            _limit_row(
                f"One-record edit ≤ 10 s ({at})", big.runs.get("one-record edit"), 10.0, "wall"
            )
        )
    mid = by_size.get(SITE_LIMIT)
    small = by_size.get(1000)
    if mid is not None:
        for label, how in (
            ("edit to preview", "build + --dirty"),
            ("live preview (serve)", "serve"),
        ):
            target = f"Edit to preview ≤ 3 s (at 10,000, {how})"
            rows.append(_limit_row(target, mid.runs.get(label), 3.0, "wall"))
        rows.append(
            _limit_row("Full site ≤ 60 s (at 10,000)", mid.runs.get("full site"), 60.0, "wall")
        )
        if small is not None:
            for fact, what in (
                ("site bytes per incident", "Site bytes"),
                ("search bytes per incident", "Search index bytes"),
            ):
                rows.append(
                    _linear_row(f"{what} per incident at 10,000 ≤ 1.2× at 1,000", small, mid, fact)
                )
    return rows


def _ratio_row(target: str, run: Run | None, floor: Run | None, limit: float) -> str:
    if run is None or floor is None or not floor.wall or not floor.finished:
        return f"| {target} | not measured | missed: no floor or build to compare |"
    if not run.finished or run.wall is None:
        return f"| {target} | {run.note}; floor {floor.wall:.1f} s | missed: did not finish |"
    ratio = run.wall / floor.wall
    verdict = "met" if ratio <= limit else f"missed by {ratio / limit:.1f}×"
    return f"| {target} | {run.wall:.1f} s vs floor {floor.wall:.1f} s = {ratio:.2f}× | {verdict} |"


def _limit_row(target: str, run: Run | None, limit: float, what: str) -> str:
    if run is None or (what == "wall" and run.wall is None):
        why = run.note if run is not None and run.note else "not measured"
        return f"| {target} | {why} | missed: did not finish |"
    value = float(run.wall or 0.0) if what == "wall" else run.rss / GB
    unit = "s" if what == "wall" else "GB"
    shown_limit = limit if what == "wall" else limit / GB
    verdict = "met" if value <= shown_limit else f"missed by {value / shown_limit:.1f}×"
    if what == "rss" and run.wall is None:
        verdict = f"missed: {run.note} (peak seen {value:.2f} GB)"
    return f"| {target} | {value:.2f} {unit} | {verdict} |"


def _rerun_row(result: SizeResult, at: str) -> str:
    target = f"No-change rerun writes nothing and takes ≤ 10% of cold ({at})"
    rerun, cold = result.runs.get("no-change rerun"), result.runs.get("cold build")
    if rerun is None or rerun.wall is None or cold is None or not cold.wall:
        return f"| {target} | not measured in this run | missed: no finished rerun |"
    share = rerun.wall / cold.wall
    written = result.facts.get("rerun written", "?")
    ok = share <= 0.10 and written == "0"
    verdict = "met" if ok else f"missed: {share:.0%} of cold, {written} files written"
    return f"| {target} | {rerun.wall:.1f} s ({share:.0%}), {written} files written | {verdict} |"


def _linear_row(target: str, small: SizeResult, mid: SizeResult, fact: str) -> str:
    low, high = small.facts.get(fact), mid.facts.get(fact)
    if not low or not high or int(low) == 0:
        return f"| {target} | not measured | missed: a site build did not finish |"
    ratio = int(high) / int(low)
    verdict = "met" if ratio <= 1.2 else f"missed by {ratio / 1.2:.2f}×"
    return f"| {target} | {low} → {high} bytes ({ratio:.2f}×) | {verdict} |"


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
        *evaluate_targets(results),
    ]
    if ANALYSIS.is_file():
        lines += ["", ANALYSIS.read_text(encoding="utf-8").rstrip()]
    for result in results:
        lines += ["", f"## {result.size:,} incidents", ""]
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
