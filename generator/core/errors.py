"""Problems found in content, in one house format, and the error that carries them."""

from __future__ import annotations

import difflib
import errno
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import Literal

Level = Literal["error", "warning"]

SHOWN_PER_FILE = 50
"""Problems printed for one file; the rest are counted, so a broken file cannot flood a terminal."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at a place in a file: ``path:line:col: level: field: message``."""

    path: str
    """File path relative to the repository root."""
    line: int
    """1-based line of the offending node (0 when the file has none)."""
    column: int
    """1-based column of the offending node."""
    field: str
    """Field path with dots and [i], e.g. ``figures[0].claims[1].source``."""
    message: str
    """What is wrong and, where the fix is not obvious, how to fix it."""
    level: Level = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {self.level}: {field}{self.message}"


@dataclass(frozen=True)
class Finding:
    """A rule's verdict before it is placed in a file: a field path, a message, a level."""

    loc: tuple[str | int, ...]
    """Field path as a tuple: ``("figures", 0, "claims")``."""
    message: str
    level: Level = "error"
    key: bool = False
    """Point at the key rather than its value (unknown keys)."""


class ContentError(Exception):
    """Content has problems; the command prints them and exits 1."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(summarize(problems))
        self.problems = sorted(problems)


def summarize(problems: list[Problem], command: str = "check") -> str:
    """One line: 'check failed: 3 errors, 1 warning in 2 files'."""
    levels = Counter(problem.level for problem in problems)
    files = len({p.path for p in problems if p.path.lower().endswith((".yaml", ".yml"))})
    parts = [_plural(levels["error"], "error"), _plural(levels["warning"], "warning")]
    where = f" in {_plural(files, 'file')}" if files else ""
    return f"{command} failed: {', '.join(parts)}{where}"


def shown_lines(problems: Iterable[Problem], per_file: int = SHOWN_PER_FILE) -> Iterator[str]:
    """Each problem as a line, at most ``per_file`` for one file and then how many more."""
    for path, group in groupby(problems, key=lambda problem: problem.path):
        hidden = 0
        for index, problem in enumerate(group):
            if index < per_file:
                yield str(problem)
            else:
                hidden += 1
        if hidden:
            yield f"{path}: ... and {_plural(hidden, 'more problem')} in this file"


def is_failure(problems: list[Problem], strict: bool) -> bool:
    """Errors always fail; warnings fail under --strict."""
    return any(p.level == "error" or strict for p in problems)


CLOSE_ENOUGH = 0.6
"""How alike (difflib's ratio) a misspelt name and a known one must be to be suggested."""


def close_match(value: str, known: Iterable[str]) -> str | None:
    """The known name a misspelt ``value`` most likely meant, or None when none is close.

    Case is ignored, and so are the words both names share: 'Atlantis Region' is not close
    to 'Almaty Region' for their common 'Region', while 'Almatty' is close to 'Almaty'.
    """
    target = value.casefold()
    words = set(target.split())
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(target)  # difflib keeps what it learnt of the second sequence
    best: tuple[float, str] | None = None
    bounded: list[tuple[float, str, str]] = []
    for name in sorted(set(known)):
        folded = name.casefold()
        shared = words & set(folded.split())
        if shared:
            score = _likeness(target, folded, shared)
            if score >= CLOSE_ENOUGH and (best is None or score > best[0]):
                best = (score, name)
            continue
        matcher.set_seq1(folded)
        if matcher.real_quick_ratio() >= CLOSE_ENOUGH:
            bound = matcher.quick_ratio()
            if bound >= CLOSE_ENOUGH:
                bounded.append((bound, name, folded))
    # quick_ratio is an upper bound of ratio: the full ratio, which is dear, is worked out
    # from the highest bound down, and only while a bound could still beat the best found.
    for bound, name, folded in sorted(bounded, key=lambda item: -item[0]):
        if best is not None and bound <= best[0]:
            break
        matcher.set_seq1(folded)
        score = matcher.ratio()
        if score >= CLOSE_ENOUGH and (best is None or score > best[0]):
            best = (score, name)
    return best[1] if best is not None else None


def _likeness(value: str, name: str, shared: set[str]) -> float:
    """How alike two names are once the words they share are left out."""
    left = " ".join(word for word in value.split() if word not in shared)
    right = " ".join(word for word in name.split() if word not in shared)
    if not left and not right:
        return 1.0
    return difflib.SequenceMatcher(None, left, right, autojunk=False).ratio()


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """The hint "; did you mean 'x'?" for the close known name, or '' when none is close."""
    found = close_match(value, known)
    return f"; did you mean '{found}'?" if found is not None else ""


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


WRITE_ERRORS = {
    errno.ENOSPC: "no space left on the device; free some and build again",
    errno.EDQUOT: "disk quota exceeded; free some space and build again",
    errno.EFBIG: "file too large for the file system",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EIO: "input/output error: the device failed to write; check the disk and build again",
}
"""Failed writes that are the machine's, not the code's: reported as problems, not raised."""


def write_problem(error: OSError, path: str) -> Problem | None:
    """The problem a write refused by the machine makes (``path`` as shown), else None."""
    reason = WRITE_ERRORS.get(error.errno or 0)
    return Problem(path, 0, 0, "", f"cannot write: {reason}") if reason else None
