"""The site's search index: Pagefind run over a freshly built site, before it is swapped in.

Pagefind (the ``pagefind[bin]`` dependency, a binary installed by ``make install``; nothing is
downloaded when it runs) reads the search documents that MkDocs wrote into ``build/search/``
(a page's title and marked content, at the page's path: ``site.search``), or the built pages
themselves for the live preview, and writes ``pagefind/`` into the site: the index
split into small chunks, of which a query loads only the few it needs, and Pagefind's script
(``pagefind.js``, with its worker and WASM), which the site's own search box
(``templates/assets/search.js``) imports when a reader starts to search. Pagefind also writes
its own search boxes (``pagefind-ui.*`` and others); the site loads none of them. What it
indexes is decided by the MkDocs plugin (``site.search``): only the main content of pages
whose front matter does not exclude them, and of an incident page only the parts readers search
for, weighted up.

Its output is the same bytes for the same site: file names are digests of their contents, and
its gzip streams carry no time.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.core.errors import ContentError, Problem, shown_lines

PAGEFIND = (sys.executable, "-m", "pagefind")
"""The command that runs Pagefind: the binary that ``pagefind[bin]`` installed."""
BUNDLE = "pagefind"
"""The site's folder that Pagefind writes; search.js finds it beside its own folder, assets/."""
ENTRY = "pagefind-entry.json"
"""The file of the bundle that every search reads first."""
NOT_INDEXED = (".headerlink", ".citation")
"""Elements inside indexed content that are not words of the page: heading permalinks (¶) and
citation numbers ([1])."""
OPTIONS = (
    *(argument for selector in NOT_INDEXED for argument in ("--exclude-selectors", selector)),
    "--force-language",
    "en",
)
"""How Pagefind reads every page, for the site and for the benchmark's index of page text."""


def index_site(site: Path, where: str, documents: Path | None = None) -> None:
    """Write the search index into ``site``/pagefind/, or raise a located error.

    Pagefind reads the pages under ``documents`` (the search documents) or, without, the
    site's own. ``where`` names the file the error is reported against (mkdocs.yml, the
    site's settings).
    """
    command = [
        *PAGEFIND,
        "--site",
        str(documents or site),
        "--output-path",
        str(site / BUNDLE),
        *OPTIONS,
        "--quiet",
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", errors="replace"
    )
    missing = not (site / BUNDLE / ENTRY).is_file()
    if result.returncode != 0 or missing:
        output = ((result.stderr or "") + (result.stdout or "")).strip()
        if "No module named pagefind" in output:
            output = "pagefind is not installed: run `make install`"
        tail = "\n".join(output.splitlines()[-30:]) or "it wrote no index"
        raise ContentError([Problem(where, 0, 0, "", "pagefind failed:\n" + tail)])


def index_if_missing(site: Path, where: str) -> list[str]:
    """Index ``site`` unless it has an index (the live preview's); the problems, as lines."""
    if (site / BUNDLE / ENTRY).is_file():
        return []
    try:
        index_site(site, where)
    except ContentError as error:
        return list(shown_lines(error.problems))
    return []
