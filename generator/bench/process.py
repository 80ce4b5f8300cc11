"""Timed processes for the benchmark: wall, CPU and peak memory of a process tree.

Each step runs in its own session with an address-space cap and a timeout that kills the whole
session; CPU time comes from ``wait4`` and peak memory from sampling ``/proc``. Also the floor
(what parsing and writing cost at the least) and the file snapshots that show what a build wrote.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.settings import ROOT

BENCH_DIR = ROOT / "build" / "bench"
SEED = 6
SITE_LIMIT = 10_000
"""Largest size at which the full site and Zensical are built."""
SITE_RUNS = 3
"""Times the full site is built from nothing; its time is the median. The same build on the
same tree took from 69 to 82 s at 10,000 on one machine, one run after another."""
ZENSICAL = "zensical==0.0.73"
GB = 1024**3
MB = 1024**2


@dataclass
class Run:
    """One timed process: wall and CPU seconds, peak RSS of its process tree, how it ended."""

    label: str
    wall: float | None = None
    """None when it did not run or did not finish."""
    cpu: float = 0.0
    rss: int = 0
    note: str = ""
    pages: int = 0
    output: int = 0
    """Bytes written (build/docs, or the site)."""
    floor: float | None = None
    log: str = ""

    @property
    def finished(self) -> bool:
        """The process ran to the end and succeeded."""
        return self.wall is not None and not self.note.startswith(("failed", "did not", "out of"))


@dataclass
class SizeResult:
    """Everything measured for one corpus size."""

    size: int
    synth_seconds: float | None
    """None when the corpus was reused from an earlier run."""
    runs: dict[str, Run] = field(default_factory=dict)
    facts: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Options:
    """How the benchmark runs: step timeout, memory cap per process, sizes to profile."""

    timeout: float
    memory: int
    profile_sizes: frozenset[int]
    zensical: bool = False
    """Also build the site with Zensical (the issue no longer asks for it)."""


def run_timed(
    label: str, command: Sequence[str], cwd: Path, timeout: float, memory: int, log: Path
) -> Run:
    """Run a command in its own session, capped in memory; measure it with wait4 and /proc."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w", encoding="utf-8") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=lambda: _cap_memory(memory),
        )
        sampler = TreeSampler(process.pid)
        sampler.start()
        timer = threading.Timer(timeout, kill_session, (process.pid,))
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        timer.cancel()
        sampler.stop()
        process.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace")
    run = Run(
        label,
        wall,
        usage.ru_utime + usage.ru_stime,
        max(sampler.peak, usage.ru_maxrss * 1024),
        log=log.as_posix(),
    )
    if wall >= timeout:
        run.wall, run.note = None, f"did not finish in {timeout:.0f} s"
    elif "MemoryError" in text or process.returncode == -signal.SIGKILL:
        run.wall, run.note = None, f"out of memory (cap {memory / GB:.0f} GB)"
    elif process.returncode != 0:
        run.note = f"failed (exit {process.returncode}): {last_line(text)}"
    return run


def median_run(runs: Sequence[Run]) -> Run:
    """The run of median wall time, or the last if one did not finish."""
    if not all(run.finished for run in runs):
        return runs[-1]
    return sorted(runs, key=lambda run: run.wall or 0.0)[len(runs) // 2]


def times_of(runs: Sequence[Run]) -> str:
    """What a step's note says of its repeated runs: which time is shown, and every time."""
    times = ", ".join(f"{run.wall:.1f}" for run in runs if run.wall is not None)
    return f"median of {len(runs)} builds ({times} s)" if len(runs) > 1 else "one build"


def _cap_memory(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def kill_session(pid: int) -> None:
    """Kill every process of the session that ``pid`` leads."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def last_line(text: str) -> str:
    """The last non-blank line of some output, cut to 200 characters."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else "no output"


class TreeSampler(threading.Thread):
    """Sums the resident memory of every process in a session, ten times a second."""

    def __init__(self, session: int) -> None:
        """Sample the session led by ``session`` until ``stop``."""
        super().__init__(daemon=True)
        self.session = session
        self.peak = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        """Keep the largest sum seen."""
        page = os.sysconf("SC_PAGE_SIZE")
        while not self._stop_event.wait(0.1):
            self.peak = max(self.peak, page * sum(_session_pages(self.session)))

    def stop(self) -> None:
        """Stop sampling and wait for the thread."""
        self._stop_event.set()
        self.join()


def _session_pages(session: int) -> list[int]:
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="utf-8") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[3]) == session:
            found.append(int(fields[21]))
    return found


# --- The floor ------------------------------------------------------------------------------


def parse_floor(paths: list[str]) -> int:
    """Compose each file with the C loader and drop the nodes; return how many were parsed."""
    import yaml

    for path in paths:
        with open(path, "rb") as handle:
            yaml.compose(handle, Loader=yaml.CSafeLoader)
    return len(paths)


def run_floor(root: Path, total_bytes: int, files: int, out: Path) -> None:
    """Parse every incident file in two processes, then write ``total_bytes`` in ``files``."""
    from multiprocessing import Pool

    paths = sorted(str(p) for p in (root / "content" / "incidents").glob("*.yaml"))
    chunks = [paths[i : i + 200] for i in range(0, len(paths), 200)]
    with Pool(2) as pool:
        parsed = sum(pool.imap_unordered(parse_floor, chunks))
    shutil.rmtree(out, ignore_errors=True)
    per_file = total_bytes // max(files, 1)
    block = b"x" * per_file
    for index in range(files):
        folder = out / f"{index // 1000:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{index}.md").write_bytes(block)
    print(f"parsed {parsed} files, wrote {files} files of {per_file} bytes")


def tree_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files under a folder."""
    total = count = 0
    for path in folder.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            count += 1
    return total, count


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Modification time and size of every file under a folder."""
    return {
        path.relative_to(folder).as_posix(): (path.stat().st_mtime_ns, path.stat().st_size)
        for path in folder.rglob("*")
        if path.is_file()
    }


def changed_files(
    before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]
) -> list[str]:
    """Files written, added or removed between two snapshots."""
    return sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for(
    url: str, text: str, timeout: float, server: subprocess.Popen[bytes], absent: str = ""
) -> float | None:
    """Seconds until the page at ``url`` holds ``text`` (and not ``absent``); None on timeout."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                page = response.read().decode("utf-8", errors="replace")
            if text in page and not (absent and absent in page):
                return time.perf_counter() - started
        except (OSError, ValueError):
            pass
        time.sleep(0.1)
    return None
