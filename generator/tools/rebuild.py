"""The live preview's builds: an edited record's page at once, then a full build apart.

``Rebuilder`` is handed the files that changed (by ``serve``'s watcher). When only existing
incident files changed it writes their pages first (``preview.QuickPages``); then a full
``build`` runs in a separate process, one at a time, and its problems go on the page banner.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from generator.build.pipeline import write_preview
from generator.content.load import display_path
from generator.core.errors import is_failure, shown_lines
from generator.core.settings import Settings
from generator.tools.banner import ProblemBoard, problem_lines
from generator.tools.preview import QuickPages

BUILD_OUTPUT = ".preview-build-output"
"""Under build/: what the preview's full build printed, until the preview has read it."""


class Rebuilder:
    """Runs full builds in a separate process, one at a time, with quick pages before them.

    The build runs apart so that it never holds up the MkDocs server in this process, and at
    a lower priority so that MkDocs rebuilding the edited page comes first.
    """

    def __init__(
        self,
        settings: Settings,
        on_written: Callable[[bool], None] = lambda full: None,
        on_problems: Callable[[], None] = lambda: None,
    ) -> None:
        self.settings = settings
        self.on_written = on_written
        """Called when build/docs/ changed: with True after a full build, else False."""
        self.on_problems = on_problems
        """Called when the problems on the board changed."""
        self.board = ProblemBoard()
        """The problems of the last check, shown on every page while there are any."""
        self.process: subprocess.Popen[bytes] | None = None
        self.output = settings.out_dir / BUILD_OUTPUT
        """Where the running build's standard output (its problem lines) goes."""
        self.wanted = False
        self.quick: QuickPages | None = None

    def build_now(self) -> int:
        """Run a full build and wait for it; return its exit status."""
        self.process = self._start()
        status = self.process.wait()
        self._finished(status)
        self.process = None
        return status

    def changed(self, paths: set[Path]) -> None:
        """Show edited records at once, then start a full build when none is running."""
        if paths:
            self.wanted = True
            self._quick_pages(paths)
        if self.process is not None and self.process.poll() is not None:
            if self.process.returncode == 0:
                self.on_written(True)
            self._finished(self.process.returncode)
            self.process = None
            self.quick = self._read_state()  # what the build just made, ready for the next edit
        elif self.quick is None and self.process is None:
            self.quick = self._read_state()
        if self.wanted and self.process is None:
            self.wanted = False
            self.process = self._start()

    def stop(self) -> None:
        """Stop a running build."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait()

    def _read_state(self) -> QuickPages | None:
        return QuickPages.after_build(self.settings)

    def _quick_pages(self, paths: set[Path]) -> None:
        records = self.quick.records(paths) if self.quick is not None else None
        if self.quick is None or records is None:
            self.quick = None  # other inputs changed: wait for the build's new state
            return
        # The terminal hears of problems from the full build, which lists them all; the
        # pages show them now.
        pages, problems = self.quick.pages(records)
        shown = {display_path(path, self.settings.root) for path in records}
        failed = is_failure(problems, self.settings.strict)
        if self.board.replace(shown, shown_lines(sorted(problems)) if failed else ()):
            self.on_problems()
        if pages:
            write_preview(self.settings, pages)
            self.on_written(False)
            print(f"previewed {', '.join(sorted(pages))}", file=sys.stderr)

    def _start(self) -> subprocess.Popen[bytes]:
        """A full build in a separate process; it prints its own problems and summary."""
        command = [sys.executable, "-m", "generator", "--root", str(self.settings.root)]
        nice = shutil.which("nice")
        if nice:  # the preview's own page rebuild comes first
            command = [nice, "-n", "10", *command]
        strict = ["--strict"] if self.settings.strict else []
        # Its output is kept for the banner and printed when it ends: a file, not a pipe, so
        # that a long list of problems never fills a pipe nobody reads yet.
        self.output.parent.mkdir(parents=True, exist_ok=True)
        with self.output.open("wb") as output:
            return subprocess.Popen([*command, "build", "--quiet", *strict], stdout=output)

    def _finished(self, status: int) -> None:
        """Print what the build printed, and put its problems on the board (none when good)."""
        output = self.output.read_bytes() if self.output.is_file() else b""
        self.output.unlink(missing_ok=True)
        sys.stdout.write(output.decode("utf-8", "replace"))
        sys.stdout.flush()
        if self.board.show(problem_lines(output, status)):
            self.on_problems()
