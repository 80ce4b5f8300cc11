"""The targets of the scale work (issue 18's table), each met or missed by how much.

Each target is set at one corpus size. When a run did not measure that size (``--quick``,
``--sizes``), the row shows the nearest size that has the measurement, and says so. Memory is
counted in binary gigabytes (GiB, as peak RSS always was here); downloads and site bytes in
decimal kilobytes and megabytes, as the issue counts them (53,015 bytes is its "53 KB").
"""

from __future__ import annotations

from collections.abc import Callable

from generator.bench.process import GB, Run, SizeResult

SITE_SIZE = 10_000
"""The size at which the site targets are set."""
LARGE_SIZE = 100_000
"""The size at which the build targets are set."""
KB, MB = 1000, 1000**2
SEARCH_METHODS = (
    ("first search bytes (browser)", "browser"),
    ("first search bytes (site index, computed)", "computed on the site's index"),
    ("first search bytes (page-text index, computed)", "computed on an index of the pages' text"),
)
"""The first-search measurements, by fact, in the order a verdict prefers them."""
BUILDS = ("cold build", "no-change rerun", "one-record edit")
"""The builds whose peak memory counts."""


def evaluate_targets(results: list[SizeResult]) -> list[str]:
    """One Markdown row per target: measured value and met, or missed by how much."""
    return [
        "| Target | Measured | Verdict |",
        "|---|---|---|",
        _full_site(results),
        _cold(results),
        _memory(results),
        _edit(results),
        _first_search(results),
        _site_bytes(results),
        _map_load(results),
        _rerun(results),
        _preview(results),
    ]


def pick(results: list[SizeResult], size: int, has: Callable[[SizeResult], bool]) -> SizeResult:
    """The result at ``size`` if it has the measurement, else the nearest size below or above.

    Raises LookupError when no result has it.
    """
    found = [r for r in results if has(r)]
    if not found:
        raise LookupError(size)
    exact = [r for r in found if r.size == size]
    below = [r for r in found if r.size < size]
    if exact:
        return exact[0]
    return max(below, key=lambda r: r.size) if below else min(found, key=lambda r: r.size)


def at(result: SizeResult | None, size: int) -> str:
    """Where a target was measured: 'at 10,000', or 'at 1,000; set at 10,000'."""
    if result is None:
        return f"at {size:,}"
    if result.size == size:
        return f"at {size:,}"
    return f"at {result.size:,}; set at {size:,}"


def verdict(value: float, limit: float) -> str:
    """'met', or 'missed by 1.5×' (how many times the limit the value is)."""
    return "met" if value <= limit else f"missed by {value / limit:.1f}×"


def _row(
    target: str,
    size: int,
    results: list[SizeResult],
    has: Callable[[SizeResult], bool],
    measure: Callable[[SizeResult], tuple[str, str]],
) -> str:
    try:
        result = pick(results, size, has)
    except LookupError:
        return f"| {target} ({at(None, size)}) | not measured in this run | not measured |"
    measured, judged = measure(result)
    return f"| {target} ({at(result, size)}) | {measured} | {judged} |"


def _finished(label: str) -> Callable[[SizeResult], bool]:
    return lambda result: label in result.runs


def _wall_row(target: str, size: int, label: str, limit: float, results: list[SizeResult]) -> str:
    def measure(result: SizeResult) -> tuple[str, str]:
        run = result.runs[label]
        if run.wall is None or not run.finished:
            return (run.note or "did not finish"), "missed: did not finish"
        return f"{run.wall:.1f} s", verdict(run.wall, limit)

    return _row(target, size, results, _finished(label), measure)


def _full_site(results: list[SizeResult]) -> str:
    target = "Full site (generate, `mkdocs build --strict`, search index) ≤ 60 s"
    return _wall_row(target, SITE_SIZE, "full site", 60.0, results)


def _edit(results: list[SizeResult]) -> str:
    return _wall_row("One-record edit ≤ 10 s", LARGE_SIZE, "one-record edit", 10.0, results)


def _preview(results: list[SizeResult]) -> str:
    target = "Edit to live preview (`serve`) ≤ 3 s"
    return _wall_row(target, SITE_SIZE, "live preview (serve)", 3.0, results)


def _cold(results: list[SizeResult]) -> str:
    def measure(result: SizeResult) -> tuple[str, str]:
        cold, floor = result.runs["cold build"], result.runs.get("floor")
        if floor is None or not floor.wall or not floor.finished:
            return "no floor measured", "missed: no floor to compare"
        if not cold.finished or cold.wall is None:
            return f"{cold.note}; floor {floor.wall:.1f} s", "missed: did not finish"
        ratio = cold.wall / floor.wall
        shown = f"{cold.wall:.1f} s vs floor {floor.wall:.1f} s = {ratio:.2f}×"
        return shown, verdict(ratio, 2.0)

    target = "Cold build ≤ 2× the floor measured in the same run"
    return _row(target, LARGE_SIZE, results, _finished("cold build"), measure)


def _memory(results: list[SizeResult]) -> str:
    def measure(result: SizeResult) -> tuple[str, str]:
        runs: list[Run] = [result.runs[label] for label in BUILDS if label in result.runs]
        peak = max(runs, key=lambda run: run.rss)
        shown = f"{peak.rss / GB:.2f} GB ({peak.label})"
        if peak.wall is None:
            return shown, f"missed: {peak.note}"
        return shown, verdict(peak.rss / GB, 1.5)

    target = "Peak memory of a build ≤ 1.5 GB"
    return _row(target, LARGE_SIZE, results, _finished("cold build"), measure)


def _rerun(results: list[SizeResult]) -> str:
    def measure(result: SizeResult) -> tuple[str, str]:
        rerun, cold = result.runs["no-change rerun"], result.runs.get("cold build")
        if rerun.wall is None or cold is None or not cold.wall:
            return rerun.note or "did not finish", "missed: no finished rerun and cold build"
        share = rerun.wall / cold.wall
        written = result.facts.get("rerun written", "?")
        shown = f"{rerun.wall:.1f} s ({share:.1%} of cold), {written} files written"
        if share <= 0.10 and written == "0":
            return shown, "met"
        return shown, f"missed: {share:.1%} of cold, {written} files written"

    target = "No-change rerun writes nothing and takes ≤ 10% of cold"
    return _row(target, LARGE_SIZE, results, _finished("no-change rerun"), measure)


def _fact_row(target: str, size: int, fact: str, limit: int, results: list[SizeResult]) -> str:
    def measure(result: SizeResult) -> tuple[str, str]:
        value = int(result.facts[fact])
        return f"{value:,} bytes", verdict(value, limit)

    return _row(target, size, results, lambda r: r.facts.get(fact, "").isdigit(), measure)


def _site_bytes(results: list[SizeResult]) -> str:
    target = "Site bytes per incident ≤ 30 KB"
    return _fact_row(target, SITE_SIZE, "site bytes per incident", 30 * KB, results)


def _map_load(results: list[SizeResult]) -> str:
    target = "What the map page loads ≤ 2 MB"
    return _fact_row(target, LARGE_SIZE, "map first load bytes", 2 * MB, results)


def _first_search(results: list[SizeResult]) -> str:
    def numbers(result: SizeResult) -> list[tuple[int, str]]:
        return [
            (int(result.facts[fact]), how)
            for fact, how in SEARCH_METHODS
            if result.facts.get(fact, "").isdigit()
        ]

    def measure(result: SizeResult) -> tuple[str, str]:
        shown = numbers(result)
        value, how = shown[0]
        listed = "; ".join(f"{number:,} bytes ({method})" for number, method in shown)
        # Where no browser ran, the size at which the methods were compared is named.
        compared = [r for r in results if numbers(r)[:1] and numbers(r)[0][1] == "browser"]
        if how != "browser" and compared:
            check = max(compared, key=lambda r: r.size)
            same = "; ".join(f"{number:,} bytes ({method})" for number, method in numbers(check))
            listed += f"; methods compared at {check.size:,}: {same}"
        return listed, f"{verdict(value, MB)} ({how})"

    target = "Bytes a reader downloads for a first search ≤ 1 MB"
    return _row(target, LARGE_SIZE, results, lambda result: bool(numbers(result)), measure)
