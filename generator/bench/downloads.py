"""What readers download, as benchmark facts: the map page's first load and a first search.

Each function returns facts (name -> text) for a size's results, and says in them which method
gave each number; a measurement that cannot be made says why instead of stopping the run.
"""

from __future__ import annotations

from pathlib import Path

from generator.bench.search_bytes import QUERY, BundleError, first_search_files, kind_totals
from generator.bench.search_measure import browser_search_files
from generator.site.map_tiles import map_first_load

COMPUTED = {"site": "site index, computed", "page-text": "page-text index, computed"}
"""The computed first-search facts' names, by the index they were computed on."""


def map_facts(docs: Path) -> dict[str, str]:
    """Bytes the map page loads before any zoom or pan (``map_tiles.map_first_load``)."""
    files = map_first_load(docs)
    shown = ", ".join(f"{name} {size:,} B" for name, size in sorted(files.items()))
    return {
        "map first load bytes": str(sum(files.values())),
        "map first load files": shown or "none",
    }


def computed_search_facts(bundle: Path, index: str) -> dict[str, str]:
    """First-search bytes computed on a Pagefind bundle (``index``: 'site' or 'page-text')."""
    name = COMPUTED[index]
    try:
        files = first_search_files(bundle, QUERY)
    except BundleError as error:
        return {f"first search ({name})": f"not measured: {error}"}
    return {
        f"first search bytes ({name})": str(sum(files.values())),
        f"first search files ({name})": kind_totals(files),
    }


def browser_search_facts(site: Path, timeout: float) -> dict[str, str]:
    """First-search bytes as headless Chromium fetched them from the built site."""
    try:
        files = browser_search_files(site, QUERY, timeout)
    except Exception as error:
        # Whatever stops the browser (no Chromium, no Playwright, a timeout) is a fact of the
        # run, not a reason to lose the rest of it.
        first = (str(error).strip().splitlines() or [""])[0][:200]
        return {"first search (browser)": f"not measured: {type(error).__name__}: {first}"}
    return {
        "first search bytes (browser)": str(sum(files.values())),
        "first search files (browser)": kind_totals(files),
    }
