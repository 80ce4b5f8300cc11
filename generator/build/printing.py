"""Child processes the site's build runs beside its own work: the report's printer and MkDocs.

Printing the report's PDF (WeasyPrint) and ``mkdocs build`` each keep one core busy for as long
as the rest of the build after the records are checked, so the site's build runs them at once:
``Printing`` prints the report's HTML in a process of its own (``python -m
generator.build.printing``: the HTML on its input, the pickled PDF or problems on its output),
and ``Running`` waits for any such process in a thread, so that neither blocks on a full pipe.
The printer can be started before its HTML is made: it loads WeasyPrint meanwhile.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

from generator.core.errors import ContentError, Problem
from generator.core.settings import PACKAGE_DIR

PRINTER = (sys.executable, "-m", "generator.build.printing")
"""The command that prints the report's HTML (``main``)."""
PRINTED_BY = "templates/report.html.j2"
"""The file a printing failure is reported against, as ``html_to_pdf`` reports its own."""


class Running:
    """A child process whose output is read in a thread while the build goes on."""

    def __init__(
        self,
        command: Sequence[str],
        given: bytes | None = b"",
        cwd: Path | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        """Start ``command``; with ``given`` None, its input is given later (``give``)."""
        self._process = subprocess.Popen(
            command,
            cwd=cwd,
            env=None if env is None else dict(env),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._output = (b"", b"")
        self._thread: threading.Thread | None = None
        if given is not None:
            self.give(given)

    def give(self, given: bytes) -> None:
        """Hand the process its whole input, and read what it writes in a thread."""
        self._thread = threading.Thread(target=self._talk, args=(given,), daemon=True)
        try:
            self._thread.start()
        except BaseException:  # interrupted as it starts: the process must not run on
            self._process.kill()
            self._process.wait()
            raise

    def _talk(self, given: bytes) -> None:
        try:
            self._output = self._process.communicate(given)
        except OSError:
            # Its input closed early: it ended without reading (a crash), which wait() reports.
            self._process.wait()

    def wait(self) -> tuple[int, bytes, bytes]:
        """Its exit code, output and error output, once it has ended."""
        if self._thread is None:
            self.give(b"")
        assert self._thread is not None
        self._thread.join()
        return self._process.returncode, *self._output

    def stop(self) -> None:
        """End it if it still runs (a build that failed elsewhere), and wait for it."""
        if self._process.poll() is None:
            self._process.kill()
        if self._thread is None:
            self._process.communicate()  # its pipes closed, its exit collected
        else:
            self._thread.join()


class Printing:
    """The report's PDF, printed from its HTML in a process of its own.

    The process starts at once and loads WeasyPrint (about a second) while the build goes
    on; ``print`` gives it the HTML.
    """

    def __init__(self) -> None:
        # Started beside the package it runs, so that ``-m`` finds this code, whatever the
        # working folder holds.
        self._running = Running(PRINTER, None, cwd=PACKAGE_DIR.parent)
        self.given = False
        """Whether it has its HTML (``print``)."""

    def print(self, html: str) -> None:
        """Print ``html``; ``pdf`` waits for it."""
        self._running.give(html.encode("utf-8"))
        self.given = True

    def pdf(self) -> bytes:
        """The printed PDF, once printed, or a located error if printing failed."""
        code, output, errors = self._running.wait()
        if code == 0:
            try:
                kind, value = pickle.loads(output)
            except Exception:  # noqa: BLE001  (ended well, yet said nothing readable)
                raise ContentError([_failed("the printer's output could not be read")]) from None
            if kind == "pdf":
                return bytes(value)
            raise ContentError(list(value))
        text = errors.decode("utf-8", "replace").strip()
        tail = "\n".join(text.splitlines()[-30:]) or f"the printer exited with code {code}"
        raise ContentError([_failed(tail)])

    def stop(self) -> None:
        """Stop printing (the build failed elsewhere)."""
        self._running.stop()


def _failed(why: str) -> Problem:
    """The located error of a failed printing."""
    return Problem(PRINTED_BY, 0, 0, "", "printing the report failed:\n" + why)


def main() -> None:
    """Print the HTML read from the input; write the pickled PDF or problems to the output."""
    from generator.report.document import html_to_pdf, load_printer

    load_printer()  # while the build that started this process makes the HTML
    html = sys.stdin.buffer.read().decode("utf-8")
    try:
        printed: tuple[str, object] = ("pdf", html_to_pdf(html))
    except ContentError as error:
        printed = ("problems", error.problems)
    sys.stdout.buffer.write(pickle.dumps(printed, pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    main()
