"""``python -m generator.bench``: the benchmark's options, its worker steps, and the run.

The hidden options run one worker step in its own process (the floor, the page-text search
index, the profile) so that the benchmark can time and cap it like any other step.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.bench import benchmark
from generator.bench.benchmark import SizeBench
from generator.bench.corpus import load_result, save_result
from generator.bench.process import BENCH_DIR, GB, Options, SizeResult, run_floor
from generator.bench.profile import profile_child
from generator.bench.report import render_report
from generator.bench.search_measure import index_page_text
from generator.core.settings import ROOT


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The benchmark's options (and the hidden ones of its worker processes)."""
    parser = argparse.ArgumentParser(
        prog="python -m generator.bench", description=benchmark.__doc__
    )
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="Corpus sizes, comma-separated."
    )
    parser.add_argument("--quick", action="store_true", help="Only 1,000 incidents.")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md", help="Report file.")
    parser.add_argument("--timeout", type=float, default=1800, help="Seconds per step.")
    parser.add_argument("--memory-gb", type=float, default=12, help="Address-space cap per step.")
    parser.add_argument(
        "--profile",
        default="10000",
        help="Sizes whose cold build is profiled ('' for none; one at 100,000 takes 15 min).",
    )
    parser.add_argument(
        "--zensical",
        action="store_true",
        help="Also build the site with Zensical (up to 10,000; installed into build/bench/).",
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="Write the report from the last saved results of each size, measuring nothing.",
    )
    hidden = argparse.SUPPRESS
    parser.add_argument("--floor", type=Path, help=hidden)
    parser.add_argument("--floor-bytes", type=int, default=0, help=hidden)
    parser.add_argument("--floor-files", type=int, default=0, help=hidden)
    parser.add_argument("--profile-child", type=Path, help=hidden)
    parser.add_argument("--profile-out", type=Path, help=hidden)
    parser.add_argument("--profile-seconds", type=float, default=1800, help=hidden)
    parser.add_argument("--search-index", type=Path, help=hidden)
    parser.add_argument("--search-out", type=Path, help=hidden)
    return parser.parse_args(argv)


def _sizes(text: str) -> list[int]:
    return sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark (or one of its worker steps) and write the report."""
    args = parse_args(argv)
    if args.floor is not None:
        run_floor(args.floor, args.floor_bytes, args.floor_files, args.floor / "build" / "floor")
        return 0
    if args.search_index is not None and args.search_out is not None:
        try:
            print(f"indexed {index_page_text(args.search_index, args.search_out)} pages")
        except (RuntimeError, OSError) as error:
            # One line, which the benchmark shows as the step's note.
            print(f"page-text search index failed: {error}")
            return 1
        return 0
    if args.profile_child is not None:
        profile_child(args.profile_child, args.profile_out, args.profile_seconds)
        return 0
    sizes = [1000] if args.quick else _sizes(args.sizes)
    profile = {1000} if args.quick else set(_sizes(args.profile))
    options = Options(args.timeout, int(args.memory_gb * GB), frozenset(profile), args.zensical)
    results: list[SizeResult] = []

    def write_report(current: SizeResult) -> None:
        # Written after every step, so an interrupted run still leaves what it measured.
        save_result(current)
        shown = results if any(r is current for r in results) else [*results, current]
        args.out.write_text(render_report(shown, options), encoding="utf-8")

    if args.report_only:
        saved = [size for size in sizes if (BENCH_DIR / f"results-{size}.json").is_file()]
        for size in sorted(set(sizes) - set(saved)):
            print(f"no saved results for {size:,} incidents: left out")
        results = [load_result(size) for size in saved]
        args.out.write_text(render_report(results, options), encoding="utf-8")
        print(f"wrote {args.out} from the results saved under {BENCH_DIR}")
        return 0
    for size in sizes:
        results.append(SizeBench(size, options, results, write_report).measure())
        write_report(results[-1])
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
