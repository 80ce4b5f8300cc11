"""MkDocs' pages put into their theme on two cores: a forked process builds every other page.

MkDocs converts every page's Markdown, then puts each page into the theme's template and writes
it, one at a time. When the site's build asks for it (``PAGE_WORKERS`` in the environment), the
plugin forks at ``on_env``, once every page is converted: the child puts every other page into
its template and writes it, with MkDocs' own ``_build_page``; the parent gives those pages an
empty template (so that MkDocs writes nothing for them) and builds the rest. The child's
warnings and errors are sent back and logged by the parent at ``on_post_build``, so
``--strict`` counts them as before; only their place among the parent's lines differs.

``_build_page`` is MkDocs' private function, so the fork is used only with the MkDocs versions
it was checked against (``CHECKED``), without other plugins (which may gather pages as they
are built), and where ``os.fork`` exists; otherwise every page is built as before.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Iterable
from typing import Any

PAGE_WORKERS = "INCIDENT_RECORD_PAGE_WORKERS"
"""The environment variable by which the site's build asks for pages built on two cores."""
CHECKED = ("1.6.",)
"""The MkDocs versions (prefixes) whose private ``_build_page`` the child calls."""
ELSEWHERE = "incident-record-built-elsewhere.html"
"""The empty template the parent renders for the pages the child builds."""
SKIPPED = "Page skipped: '{}'. Generated empty output."
"""What MkDocs logs for a page whose output is empty: left out for the child's pages."""


def can_fork(version: str, plugins: Iterable[str], asked: str | None) -> bool:
    """Whether pages may be built in a second process: asked, checked MkDocs, no other plugin."""
    return (
        asked == "2"
        and hasattr(os, "fork")
        and version.startswith(CHECKED)
        and set(plugins) <= {"incident-record"}
    )


class _Kept(logging.Handler):
    """The child's warnings and errors, kept to be sent to the parent."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class _NotSkipped(logging.Filter):
    """Leaves out MkDocs' "Page skipped" line for the pages the child builds."""

    def __init__(self, names: set[str]) -> None:
        super().__init__()
        self._lines = {SKIPPED.format(name) for name in names}

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() not in self._lines


class PageFork:
    """The child process building every other page, from ``on_env`` to ``on_post_build``."""

    def __init__(self) -> None:
        self._child: tuple[int, int] | None = None
        self._filter: _NotSkipped | None = None

    def start(self, env: Any, config: Any, files: Any, nav: Any) -> None:
        """Fork; the child builds every other page and ends, the parent skips those pages."""
        import jinja2
        from mkdocs.commands import build as mkdocs_build
        from mkdocs.structure.files import InclusionLevel

        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        theirs = [file for file in doc_files[1::2] if file.page is not None]
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into MkDocs
            os.close(read)
            code = 1
            kept = _Kept()
            try:
                for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
                    logger.handlers = [kept] if logger.name == "mkdocs" else []
                for file in theirs:
                    mkdocs_build._build_page(file.page, config, doc_files, nav, env)
                code = 0
            except BaseException:  # MkDocs logged it; the parent reports it
                code = 1
            finally:
                with os.fdopen(write, "wb") as out:
                    out.write(pickle.dumps(kept.records, pickle.HIGHEST_PROTOCOL))
                os._exit(code)
        os.close(write)
        self._child = (pid, read)
        for file in theirs:
            file.page.meta = {**file.page.meta, "template": ELSEWHERE}
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({ELSEWHERE: ""}), env.loader])
        self._filter = _NotSkipped({file.src_uri for file in theirs})
        logging.getLogger("mkdocs.commands.build").addFilter(self._filter)

    def finish(self) -> None:
        """Wait for the child; log its warnings and errors here; fail if it failed."""
        if self._child is None:
            return
        from mkdocs.exceptions import PluginError

        pid, read = self._child
        self._child = None
        with os.fdopen(read, "rb") as got:
            sent = got.read()
        _, status = os.waitpid(pid, 0)
        if self._filter is not None:
            logging.getLogger("mkdocs.commands.build").removeFilter(self._filter)
        records: list[tuple[str, int, str]] = pickle.loads(sent) if sent else []
        for name, level, message in records:
            logging.getLogger(name).log(level, message)
        if os.waitstatus_to_exitcode(status) != 0:
            raise PluginError("building pages in a second process failed (see above)")

    def stop(self) -> None:
        """End the child if the build failed before ``finish``."""
        if self._child is not None:
            pid, read = self._child
            self._child = None
            os.close(read)
            os.kill(pid, 9)
            os.waitpid(pid, 0)
