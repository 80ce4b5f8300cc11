"""The scale benchmark: synthetic corpora, whole-process timings and BENCHMARKS.md.

``python -m generator.bench --sizes 1000,10000,100000`` (``make bench``) synthesises a corpus
per size under ``build/bench/`` (kept for reuse), then measures the targets of issue 18, timing
each step as a separate process: a cold build, the floor (PyYAML's C loader over every incident
file in two processes, plus writing as many bytes and files as the build wrote), what the map
page loads, a Pagefind index of the pages' text and what a first search loads from it; up to
10,000 the full site (generate, MkDocs, Pagefind), its bytes per incident and a first search in
headless Chromium, then the live preview (``serve``) showing an edit; then a no-change rerun and
a one-record edit. Zensical is measured only with ``--zensical``. Each step has a timeout and
a memory cap; a step that does not finish is recorded as such.

Timing lives in ``process``, corpora and saved results in ``corpus``, the options in
``command``, the profile in ``profile``, the reader's downloads in ``downloads``, the targets
in ``targets``, Zensical in ``zensical`` and the page in ``report``; this module runs the steps.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.bench.corpus import corpus_for, edit_record
from generator.bench.downloads import browser_search_facts, computed_search_facts, map_facts
from generator.bench.process import (
    BENCH_DIR,
    MB,
    SEED,
    SITE_LIMIT,
    SITE_RUNS,
    Options,
    Run,
    SizeResult,
    changed_files,
    free_port,
    kill_session,
    last_line,
    median_run,
    run_timed,
    snapshot,
    times_of,
    tree_size,
    wait_for,
)
from generator.bench.report import git_revision, synth_words
from generator.bench.zensical import ensure_zensical, zensical_config
from generator.build.last_build import stored_ns


class SizeBench:
    """The steps for one corpus size; they share its repository, logs and results."""

    def __init__(
        self,
        size: int,
        options: Options,
        smaller: list[SizeResult],
        on_step: Callable[[SizeResult], None],
    ) -> None:
        """Synthesise (or reuse) the corpus for ``size``; ``on_step`` sees every result."""
        self.root, synth_seconds = corpus_for(size, SEED)
        self.options = options
        self.smaller = smaller
        self.on_step = on_step
        self.result = SizeResult(size, synth_seconds)
        self.generator = [sys.executable, "-m", "generator", "-C", str(self.root)]
        self.docs = self.root / "build" / "docs"

    def timed(self, label: str, command: Sequence[str]) -> Run:
        """Run and record one step."""
        log = BENCH_DIR / "logs" / str(self.result.size) / f"{label.replace(' ', '-')}.log"
        options = self.options
        run = run_timed(label, command, self.root, options.timeout, options.memory, log)
        self.result.runs[label] = run
        self.on_step(self.result)
        return run

    def measure(self) -> SizeResult:
        """Every step, skipping those that need a build that did not finish."""
        size = self.result.size
        print(f"[{size}] corpus ready: {synth_words(self.result)}", flush=True)
        self.result.facts["load average at start"] = _load()
        self.result.facts["code"] = git_revision()
        cold = self.measure_cold()
        floor = self.measure_floor(cold)
        if cold.finished:
            self.result.facts.update(map_facts(self.docs))
            self.measure_search_text()
        # The site and preview targets are set at 10,000, the warm-build ones at 100,000.
        if cold.finished and size <= SITE_LIMIT:
            self.measure_site()
            if self.options.zensical:
                self.measure_zensical()
            self.measure_serve()
        if cold.finished:
            self.measure_rerun()
            self.measure_edit()
        if size in self.options.profile_sizes:
            self.result.facts["profile"] = self.profile_cold()
        self.result.facts["load average at end"] = _load()
        for run in self.result.runs.values():
            if floor.wall and floor.finished and run.wall and run.finished and run is not floor:
                run.floor = run.wall / floor.wall
        return self.result

    def measure_cold(self) -> Run:
        """``build`` with no build/ folder, its input files read once beforehand.

        The floor that follows finds them in the page cache; so must the build, or the two
        differ by the disk, not by the work (small random reads here run at about 2 MB/s).
        """
        shutil.rmtree(self.root / "build", ignore_errors=True)
        for path in sorted((self.root / "content").rglob("*.yaml")):
            path.read_bytes()
        cold = self.timed("cold build", [*self.generator, "build"])
        if cold.finished:
            cold.output, cold.pages = tree_size(self.docs)
        _report(self.result.size, cold)
        return cold

    def measure_floor(self, cold: Run) -> Run:
        """Parse every file with the C loader in two processes and write the build's bytes."""
        out_bytes, out_files = _floor_output(cold, self.result.size, self.smaller)
        out = self.root / "build" / "floor"
        command = [sys.executable, "-m", "generator.bench", "--floor", str(self.root)]
        command += ["--floor-bytes", str(out_bytes), "--floor-files", str(out_files)]
        floor = self.timed("floor", command)
        shutil.rmtree(out, ignore_errors=True)
        floor.output, floor.pages = out_bytes, out_files
        if not cold.finished:
            floor.note = (
                "output bytes scaled from a smaller corpus" if out_files else "parse only"
            ) + (f"; {floor.note}" if floor.note else "")
        _report(self.result.size, floor)
        return floor

    def measure_rerun(self) -> None:
        """The same build again: it should write no file.

        An untimed build comes first. The live preview may have been stopped while the build
        of the restored record was still waiting behind the build of the edit, whose stamp
        then names the edited content.
        """
        settle = subprocess.run([*self.generator, "build"], cwd=self.root, capture_output=True)
        if settle.returncode != 0:
            print(f"[{self.result.size}] build before the rerun failed", flush=True)
        before = snapshot(self.docs)
        run = self.timed("no-change rerun", [*self.generator, "build"])
        written = changed_files(before, snapshot(self.docs))
        self.result.facts["rerun written"] = str(len(written))
        if written:
            run.note = f"wrote {len(written)} files: {', '.join(written[:5])}"
        _report(self.result.size, run)

    def measure_edit(self) -> None:
        """Change one incident's summary, build, and list the files that changed."""
        before = snapshot(self.docs)
        path, record, original = edit_record(self.root, "benchmarkedit")
        try:
            run = self.timed("one-record edit", [*self.generator, "build"])
        finally:
            path.write_bytes(original)
        written = changed_files(before, snapshot(self.docs))
        own = f"incidents/{record}.md"
        self.result.facts["edit written"] = str(len(written))
        self.result.facts["edit files"] = ", ".join(written[:25])
        self.result.facts["edit own page"] = "yes" if own in written else "no"
        if run.finished:
            run.note = f"{len(written)} files changed"
        _report(self.result.size, run)

    def measure_site(self) -> None:
        """``site`` from nothing, ``SITE_RUNS`` times, keeping the median (MkDocs, Pagefind)."""
        runs: list[Run] = []
        while len(runs) < SITE_RUNS and all(r.finished for r in runs):
            shutil.rmtree(self.root / "build", ignore_errors=True)
            runs.append(self.timed("full site", [*self.generator, "site"]))
        run = self.result.runs[runs[0].label] = median_run(runs)
        site = self.root / "build" / "site"
        if run.finished:  # every build makes the same site: the last one's is measured
            run.output, run.pages = tree_size(site)[0], sum(1 for _ in site.rglob("*.html"))
            # The whole Pagefind bundle on disk; a reader's search loads only a few of its chunks.
            index = site / "pagefind"
            if (index / "pagefind-entry.json").is_file():
                run.note = "includes the Pagefind index"
                self.result.facts["search index bytes"] = str(tree_size(index)[0])
                self.result.facts.update(browser_search_facts(site, self.options.timeout))
                self.result.facts.update(computed_search_facts(index, "site"))
            else:
                run.note = "wrote NO search index"
            self.result.facts["site bytes per incident"] = str(run.output // self.result.size)
            run.note += "; " + times_of(runs)
        _report(self.result.size, run)

    def measure_search_text(self) -> None:
        """A Pagefind index of the generated incident pages' text, and a first search on it."""
        out = BENCH_DIR / "search" / str(self.result.size)
        shutil.rmtree(out, ignore_errors=True)
        command = [sys.executable, "-m", "generator.bench", "--search-index", str(self.docs)]
        run = self.timed("page-text search index", [*command, "--search-out", str(out)])
        if run.finished and (out / "pagefind-entry.json").is_file():
            run.output, run.pages = tree_size(out)
            self.result.facts.update(computed_search_facts(out, "page-text"))
        _report(self.result.size, run)

    def measure_serve(self) -> None:
        """The live preview itself: ``serve``, edit a record, poll the page until it shows it."""
        path = sorted((self.root / "content" / "incidents").glob("*.yaml"))[self.result.size // 3]
        log = BENCH_DIR / "logs" / str(self.result.size) / "serve.log"
        port = free_port()
        url = f"http://127.0.0.1:{port}/incidents/{path.stem}/"
        run = Run("live preview (serve)", log=log.as_posix())
        self.result.runs[run.label] = run
        with open(log, "w", encoding="utf-8") as out:
            server = subprocess.Popen(
                [*self.generator, "serve", "--port", str(port)],
                cwd=self.root,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        original = path.read_bytes()
        try:
            if wait_for(url, "", self.options.timeout, server) is None:
                run.note = f"did not serve the page in {self.options.timeout:.0f} s"
                return
            path.write_text(
                original.decode("utf-8").replace("an invented", "an invented (serveedit)", 1),
                encoding="utf-8",
            )
            run.wall = wait_for(url, "serveedit", self.options.timeout, server)
            run.note = "page shows the edit" if run.wall is not None else "edit never shown"
            path.write_bytes(original)
            restored = time.time_ns()
            # Let the preview regenerate the restored record, and its full build finish, so
            # that build/docs matches the content before the next step.
            wait_for(url, "", self.options.timeout, server, absent="serveedit")
            deadline = time.monotonic() + self.options.timeout
            while stored_ns(self.root / "build") < restored and time.monotonic() < deadline:
                time.sleep(0.2)
        finally:
            path.write_bytes(original)
            kill_session(server.pid)
            server.wait()
            _report(self.result.size, run)

    def measure_zensical(self) -> None:
        """Zensical building the same generated Markdown (build/docs from the full site run)."""
        zensical = ensure_zensical()
        if isinstance(zensical, str):
            self.result.runs["zensical"] = Run("zensical", note=f"failed: {zensical}")
            return
        config, site = zensical_config(self.root)
        run = self.timed("zensical", [str(zensical), "build", "--clean", "-f", config.name])
        if run.finished and site.is_dir():
            run.output = tree_size(site)[0]
            run.pages = sum(1 for _ in site.rglob("*.html"))
        _report(self.result.size, run)

    def profile_cold(self) -> str:
        """A pyinstrument profile of a cold build, cut off at the timeout, as Markdown."""
        if importlib.util.find_spec("pyinstrument") is None:
            return "No profile: pyinstrument is not installed (`pip install -e '.[dev]'`).\n"
        shutil.rmtree(self.root / "build", ignore_errors=True)
        out = BENCH_DIR / "logs" / str(self.result.size) / "profile.md"
        out.unlink(missing_ok=True)
        command = [sys.executable, "-m", "generator.bench", "--profile-child", str(self.root)]
        command += ["--profile-out", str(out), "--profile-seconds", str(self.options.timeout)]
        run = self.timed("profile", command)
        del self.result.runs["profile"]
        if out.is_file():
            return out.read_text(encoding="utf-8")
        return f"No profile: {run.note or last_line(Path(run.log).read_text(encoding='utf-8'))}"


def _load() -> str:
    """The 1, 5 and 15 minute load averages: other work on the machine skews timings."""
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def _report(size: int, run: Run) -> None:
    wall = f"{run.wall:.1f} s" if run.wall is not None else "-"
    print(f"[{size}] {run.label}: {wall}, peak {run.rss / MB:.0f} MB {run.note}", flush=True)


def _floor_output(cold: Run, size: int, smaller: list[SizeResult]) -> tuple[int, int]:
    """What the build wrote; scaled from the largest smaller corpus if this build failed."""
    if cold.finished:
        return cold.output, cold.pages
    for earlier in reversed(smaller):
        known = earlier.runs.get("cold build")
        if known and known.finished:
            return known.output * size // earlier.size, known.pages * size // earlier.size
    return 0, 0
