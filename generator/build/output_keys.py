"""What each cached group of cross-record outputs reads, as a key (``output_cache``).

A group's key is a digest of every input it reads: the shared files (code, templates,
vocabulary, sources, site settings), the build's options, and the part of each record it
reads, taken from the store's summary rows rather than from the records. Two builds with the
same key make the same bytes, so the second keeps the first's files.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from generator import __version__
from generator.build.fingerprint import version_of
from generator.core.settings import Settings

REPORT_PACKAGES = (
    "jinja2",
    "markdown",
    "pydantic",
    "weasyprint",
    "fonttools",
    "pydyf",
    "matplotlib",
    "numpy",
)
"""Installed packages whose version changes the report's bytes."""
TEXT_STACK = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/etc/fonts",
)
"""Folders whose files change how the PDF's text is laid out: fonts and fontconfig's settings."""
TEXT_LIBRARIES = (
    "pango-1.0",
    "pangoft2-1.0",
    "harfbuzz",
    "harfbuzz-subset",
    "fontconfig",
    "freetype",
)
"""Shared libraries of the system that WeasyPrint lays text out with (``libNAME.so.*``)."""
LIBRARY_DIRS = ("/usr/lib", "/usr/lib/*-linux-gnu", "/usr/local/lib", "/lib", "/lib/*-linux-gnu")


def report_key(
    settings: Settings,
    printable: bool,
    version: str,
    shared: Iterable[Path],
    contents: Callable[[Path], str],
    rows: Iterable[tuple[str, str]],
) -> str:
    """The report's key: its inputs and each published record's ``report_part``.

    ``version`` is the data version the report prints (``document.read_version``), ``shared``
    the files every output may read (``cache.shared_inputs``), ``contents`` a file's digest
    and ``rows`` each published record's id and part (``model.report_part``), in id order.
    """
    packages = "|".join(version_of(name) for name in REPORT_PACKAGES)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    head = f"report|{__version__}|{settings.today}|{printable}|{version}|{epoch}|{packages}"
    if printable:
        head += f"|{text_stack()}"
    atlas = settings.npm_dir / "world-atlas" / "countries-50m.json"
    files = [*shared, atlas] if atlas.is_file() else [*shared]
    digest = _started(head, files, contents)
    for incident_id, part in rows:
        digest.update(f"\0{incident_id}\0{part}".encode())
    return digest.hexdigest()


def rows_key(
    group: str,
    settings: Settings,
    site: str,
    shared: Iterable[Path],
    contents: Callable[[Path], str],
    rows: Iterable[tuple[str | bytes, ...]],
) -> str:
    """The key of a ``group`` of outputs made from every record's row: the database, listings.

    ``site`` is the site settings as text (``site_info.read_site_info``); ``rows`` give, in id
    order, what the group reads of each record: its id, ``report_part`` (all the build keeps
    of it but its summary, which neither the database nor a listing shows), its git dates as
    text, its status for the listings, and for the database a digest of its rows of the data
    tables as the process that checked it packed them (bytes).
    """
    digest = _started(f"{group}|{__version__}|{settings.today}|{site}", shared, contents)
    for row in rows:
        # A row's repr marks where each cell ends, as each cell's own digest did.
        digest.update(repr(row).encode())
    return digest.hexdigest()


def _started(head: str, files: Iterable[Path], contents: Callable[[Path], str]) -> hashlib.blake2b:
    """A key's digest begun with its ``head`` (what it is, options) and its input files."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(head.encode())
    for path in files:
        digest.update(f"\0{path}\0{contents(path)}".encode())
    return digest


def text_stack() -> str:
    """The system's fonts and text libraries as a short digest of their names, sizes and times.

    The printed report's bytes depend on them, yet no Python package version names them: a
    font or Pango updated by the system makes the next build print the report again.
    """
    found: set[str] = set()
    for folder in TEXT_STACK:
        root = Path(folder).expanduser()
        if root.is_dir():
            found.update(str(path) for path in root.rglob("*"))
    for pattern in LIBRARY_DIRS:
        for libraries in Path("/").glob(pattern.lstrip("/")):
            for name in TEXT_LIBRARIES:
                found.update(str(path) for path in libraries.glob(f"lib{name}.so.*"))
    digest = hashlib.blake2b(digest_size=16)
    for name in sorted(found):
        try:
            info = os.stat(name)
        except OSError:  # a dangling link: nothing is loaded from it
            continue
        digest.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()
