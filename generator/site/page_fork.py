"""MkDocs' pages converted and put into the theme on two cores: a forked process does half.

MkDocs converts every page (reads it, runs Python-Markdown and the plugin's sanitizer), then
puts each page into the theme's template and writes it, one at a time; for a site of incident
pages, converting is most of its time. When the site's build asks for it (``PAGE_WORKERS`` in
the environment), the plugin converts the navigation's pages at ``on_nav`` (the theme renders
their titles into every page) and forks. The child converts every other page outside the
navigation (``second_process_pages``), sends back what MkDocs' check of anchors needs of them
(the anchors each page has, and those its links name), then puts them into the theme and
writes them, with MkDocs' own ``_populate_page`` and ``_build_page``. The parent converts and
builds the rest: it leaves the child's pages out of its conversion, takes in their anchors at
``on_env`` (so that ``--strict`` checks every link to an anchor, whichever process converted
either page), and gives the child's pages an empty template, so that MkDocs writes nothing for
them. The child's warnings and errors are sent back and logged by the parent at
``on_post_build`` (or at ``on_env``, if its conversion failed), so ``--strict`` counts them as
before; only their place among the parent's lines differs. When the parent fails, the child is
stopped and its warnings go unsaid: the build's error is what is shown. The child ends with the
parent however the parent ends (on Linux, ``end_with_parent``): the site's build that stops
MkDocs stops both, and waits for neither.

``_populate_page`` and ``_build_page`` are MkDocs' private functions, so the fork is used only
with the MkDocs versions it was checked against (``CHECKED``), without other plugins (which may
gather pages as they are converted or built), and where ``os.fork`` exists; otherwise every
page is built as before.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import pickle
import queue
import signal
import threading
from collections.abc import Callable, Iterable
from typing import IO, Any, NoReturn

from generator.site.page_anchors import anchors_of, take_anchors

PAGE_WORKERS = "INCIDENT_RECORD_PAGE_WORKERS"
"""The environment variable by which the site's build asks for pages built on two cores."""
CHECKED = ("1.6.",)
"""The MkDocs versions (prefixes) whose private ``_populate_page`` and ``_build_page`` are used."""
ELSEWHERE = "incident-record-built-elsewhere.html"
"""The empty template the parent renders for the pages the child builds."""
SKIPPED = "Page skipped: '{}'. Generated empty output."
"""What MkDocs logs for a page whose output is empty: left out for the child's pages."""
PR_SET_PDEATHSIG = 1
"""Linux's ``prctl`` option: the signal a process gets when its parent ends."""

Records = list[tuple[str, int, str]]
"""Log records as logger name, level and message."""
Message = tuple[str, Any]
"""What the child sends: ``("anchors", page_anchors.Anchors)`` once it has converted its pages, then
``("records", Records)`` as it ends."""


def can_fork(version: str, plugins: Iterable[str], asked: str | None) -> bool:
    """Whether pages may be built in a second process: asked, checked MkDocs, no other plugin."""
    return (
        asked == "2"
        and hasattr(os, "fork")
        and version.startswith(CHECKED)
        and set(plugins) <= {"incident-record"}
    )


def second_process_pages(files: Any, nav: Any) -> list[Any]:
    """The files whose pages the second process converts and builds, in MkDocs' order.

    Every other page outside the navigation: the navigation's own are converted before the
    fork, and the pages outside it (incidents, listings) are alike enough to share out so.
    """
    from mkdocs.structure.files import InclusionLevel

    in_nav = {page.file.src_uri for page in nav.pages}
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    return [file for file in doc_files if file.src_uri not in in_nav][1::2]


class _Kept(logging.Handler):
    """The child's warnings and errors, kept to be sent to the parent."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: Records = []

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
    """The child process converting and building half the pages, from ``on_nav`` to the end.

    ``start`` forks at ``on_nav``; ``gather`` takes in the child's anchors at ``on_env``;
    ``finish`` waits for it at ``on_post_build``; ``stop`` ends it when the build fails.
    """

    def __init__(self) -> None:
        self._child: int | None = None
        self._messages: queue.Queue[Message | None] = queue.Queue()
        self._unread: list[Message | None] = []
        self._theirs: list[Any] = []
        self._populate: Callable[..., None] | None = None
        self._filter: _NotSkipped | None = None

    @property
    def running(self) -> bool:
        """Whether a child was started and not yet waited for."""
        return self._child is not None

    def start(self, config: Any, files: Any, nav: Any, make_env: Callable[[], Any]) -> None:
        """Convert the navigation's pages, fork, and leave the child's pages out of MkDocs' loop.

        ``make_env`` gives the child the theme's environment as ``on_env`` prepares it.
        """
        from mkdocs.commands import build as mkdocs_build

        populate = mkdocs_build._populate_page
        for page in nav.pages:
            populate(page, config, files)
        theirs = second_process_pages(files, nav)
        read, write = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: never returns into MkDocs
            os.close(read)
            _child(parent, os.fdopen(write, "wb"), theirs, config, files, nav, make_env)
        os.close(write)
        self._child = pid
        self._theirs = theirs
        reader = threading.Thread(target=_read, args=(os.fdopen(read, "rb"), self._messages))
        reader.daemon = True
        reader.start()
        done = {page.file.src_uri for page in nav.pages} | {file.src_uri for file in theirs}

        def populate_ours(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
            if page.file.src_uri not in done:
                populate(page, config, files, dirty)

        self._populate = populate
        mkdocs_build._populate_page = populate_ours

    def gather(self, env: Any, files: Any) -> None:
        """Take in the child's anchors; give its pages the empty template (at ``on_env``)."""
        import jinja2

        self._restore_populate()
        message = self._next()
        if message is None or message[0] != "anchors":
            self._unread.append(message)  # the child failed to convert its pages
            self.finish()
            return
        take_anchors(message[1], files)
        for file in self._theirs:
            file.page.meta = {**file.page.meta, "template": ELSEWHERE}
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({ELSEWHERE: ""}), env.loader])
        self._filter = _NotSkipped({file.src_uri for file in self._theirs})
        logging.getLogger("mkdocs.commands.build").addFilter(self._filter)

    def finish(self) -> None:
        """Wait for the child; log its warnings and errors here; fail if it failed."""
        if self._child is None:
            return
        from mkdocs.exceptions import PluginError

        pid = self._child
        self._child = None
        records: Records = []
        while (message := self._next()) is not None:
            if message[0] == "records":
                records = message[1]
        _, status = os.waitpid(pid, 0)
        self._remove_filter()
        for name, level, text in records:
            logging.getLogger(name).log(level, text)
        if os.waitstatus_to_exitcode(status) != 0:
            raise PluginError("building pages in a second process failed (see above)")

    def stop(self) -> None:
        """End the child if the build failed before ``finish``."""
        self._restore_populate()
        if self._child is not None:
            pid = self._child
            self._child = None
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        self._remove_filter()

    def _remove_filter(self) -> None:
        """MkDocs' "Page skipped" lines are no longer left out."""
        if self._filter is not None:
            logging.getLogger("mkdocs.commands.build").removeFilter(self._filter)
            self._filter = None

    def _next(self) -> Message | None:
        """The child's next message; None once it has closed its end of the pipe."""
        return self._unread.pop() if self._unread else self._messages.get()

    def _restore_populate(self) -> None:
        """MkDocs' own conversion back in its place."""
        if self._populate is not None:
            from mkdocs.commands import build as mkdocs_build

            mkdocs_build._populate_page = self._populate
            self._populate = None


def _child(
    parent: int,
    out: IO[bytes],
    theirs: list[Any],
    config: Any,
    files: Any,
    nav: Any,
    make_env: Callable[[], Any],
) -> NoReturn:
    """Convert, send the anchors, build and write the child's pages; send its log; exit."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.structure.files import InclusionLevel

    code = 1
    kept = _Kept()
    try:
        end_with_parent(parent)
        for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
            logger.handlers = [kept] if logger.name == "mkdocs" else []
        for file in theirs:
            mkdocs_build._populate_page(file.page, config, files)
        _send(out, ("anchors", anchors_of(theirs)))
        env = make_env()
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        for file in theirs:
            mkdocs_build._build_page(file.page, config, doc_files, nav, env)
        code = 0
    except BaseException:  # MkDocs logged it; the parent reports it
        code = 1
    finally:
        try:
            _send(out, ("records", kept.records))
            out.close()
        finally:
            os._exit(code)


def end_with_parent(parent: int) -> None:
    """Have the system end the child when the parent ends, however it ends (Linux only).

    Killed, the parent could otherwise leave the child writing pages into a site folder
    that nothing will use.
    """
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it ended before that was asked
        os._exit(1)


def _send(out: IO[bytes], message: Message) -> None:
    out.write(pickle.dumps(message, pickle.HIGHEST_PROTOCOL))
    out.flush()


def _read(stream: IO[bytes], messages: queue.Queue[Message | None]) -> None:
    """Every message the child sends, in order, then None (the child has closed its end).

    Read in a thread of the parent, so that the child never waits to send.
    """
    with stream:
        while True:
            try:
                messages.put(pickle.load(stream))
            except (EOFError, pickle.UnpicklingError):
                break
    messages.put(None)
