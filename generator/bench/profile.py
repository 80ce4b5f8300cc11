"""The benchmark's profile: a cold build under pyinstrument, summarised as Markdown.

The child process stops the build with an alarm at the time limit, so a build too slow to finish
still shows where its time went.
"""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any

from generator.build.pipeline import build_docs
from generator.core.settings import ROOT, Settings


class _TimeUp(Exception):
    """The profiled build ran out of time."""


def profile_child(root: Path, out: Path, seconds: float) -> None:
    """Profile a cold ``build`` in this process alone, stop it after ``seconds``, summarise it."""
    from pyinstrument import Profiler

    def time_up(signum: int, frame: object) -> None:
        raise _TimeUp

    signal.signal(signal.SIGALRM, time_up)
    signal.alarm(max(1, int(seconds) - 5))
    profiler = Profiler(interval=0.005)
    ending = "."
    profiler.start()
    try:
        # One process: a profiler sees only its own process, and the records are checked and
        # rendered in worker processes otherwise.
        build_docs(Settings.for_root(root, workers=1))
    except _TimeUp:
        ending = ", then stopped at the time limit (the build did not finish)."
    except (Exception, SystemExit) as error:
        # The profile of a failing build still shows where its time went until then.
        ending = f", until the build failed: {type(error).__name__}: {str(error)[:200]}"
    finally:
        profiler.stop()
        signal.alarm(0)
    count = sum(1 for _ in (root / "content" / "incidents").glob("*.yaml"))
    frame = profiler.last_session.root_frame() if profiler.last_session else None
    out.write_text(summarize_profile(frame, count, ending), encoding="utf-8")


def summarize_profile(root: Any, count: int, ending: str = ".") -> str:
    """Markdown: generator functions by inclusive time, the largest item, library hot spots."""
    if root is None:
        return "No samples were recorded.\n"
    total = root.time or 1.0
    inclusive: dict[str, float] = {}
    self_time: dict[str, float] = {}
    _collect(root, inclusive, self_time, frozenset())
    lines = [
        f"Cold `build` of {count:,} incidents in one process under pyinstrument (5 ms sampling): "
        f"{root.time:.1f} s sampled{ending}",
        "",
        "| Generator function (with what it calls) | Seconds | Share |",
        "|---|---:|---:|",
    ]
    ranked = sorted(inclusive.items(), key=lambda item: -item[1])[:15]
    lines += [f"| `{name}` | {sec:.1f} | {sec / total:.0%} |" for name, sec in ranked]
    largest = _largest_item(root)
    if largest is not None:
        lines += [
            "",
            f"Largest item: `{_name(largest)}`, {largest.time:.1f} s "
            f"({largest.time / total:.0%} of the run).",
        ]
    lines += ["", "| Own time (any module) | Seconds | Share |", "|---|---:|---:|"]
    hot = sorted(self_time.items(), key=lambda item: -item[1])[:10]
    lines += [f"| `{name}` | {sec:.1f} | {sec / total:.0%} |" for name, sec in hot]
    return "\n".join(lines) + "\n"


def _name(frame: Any) -> str:
    path = str(frame.file_path or "")
    if path.startswith(str(ROOT)):
        path = path[len(str(ROOT)) + 1 :]
    return f"{path.rpartition('site-packages/')[2]}:{frame.function}"


def _is_generator(frame: Any) -> bool:
    path = str(frame.file_path or "")
    name = path.rpartition("/")[2]
    return (
        "/generator/" in path
        and "/generator/bench/" not in path
        and name not in ("cli.py", "__main__.py")
    )


def _collect(
    frame: Any, inclusive: dict[str, float], own: dict[str, float], above: frozenset[str]
) -> None:
    """Inclusive time of generator functions (outermost call only) and self time of all."""
    if frame.is_synthetic:
        return
    name = _name(frame)
    if _is_generator(frame) and name not in above:
        inclusive[name] = inclusive.get(name, 0.0) + frame.time
    own[name] = own.get(name, 0.0) + frame.total_self_time
    for child in frame.children:
        _collect(child, inclusive, own, above | {name})


def _largest_item(root: Any) -> Any:
    """Skip wrappers (one call holding 80% of the time), then take the largest call inside."""
    current = max(_generator_frames(root), key=lambda f: f.time, default=None)
    while current is not None:
        inner = max(_generator_frames(current), key=lambda f: f.time, default=None)
        if inner is None:
            return current
        if inner.time < current.time * 0.8:
            return inner
        current = inner
    return None


def _generator_frames(frame: Any) -> list[Any]:
    """The nearest generator-function frames below ``frame``."""
    found = []
    for child in frame.children:
        if child.is_synthetic:
            continue
        found += [child] if _is_generator(child) else _generator_frames(child)
    return found
