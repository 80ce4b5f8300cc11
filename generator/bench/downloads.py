"""What readers download, as benchmark facts: the map page's first load and a first search.

Each function returns facts (name -> text) for a size's results, and says in them which method
gave each number; a measurement that cannot be made says why instead of stopping the run.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from generator.bench.search_bytes import QUERY, BundleError, first_search_files, kind_totals
from generator.bench.search_measure import browser_search_files

MAP_MODULES = ("generator.site.map_points", "generator.site.map_tiles")
"""Where the map page's own account of its first load, ``map_first_load``, may live."""
COMPUTED = {"site": "site index, computed", "page-text": "page-text index, computed"}
"""The computed first-search facts' names, by the index they were computed on."""


def find_map_first_load() -> Callable[[Path], dict[str, int]] | None:
    """The site's ``map_first_load(docs_dir)`` if a module provides it, else None."""
    for name in MAP_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        function = getattr(module, "map_first_load", None)
        if callable(function):
            found: Callable[[Path], dict[str, int]] = function
            return found
    return None


def map_facts(docs: Path) -> dict[str, str]:
    """Bytes the map page loads before any zoom or pan, and how they were counted."""
    function = find_map_first_load()
    if function is not None:
        files = function(docs)
        method = f"map_first_load() of {function.__module__}"
    else:
        files = {
            path.relative_to(docs).as_posix(): path.stat().st_size
            for path in sorted((docs / "map").glob("*.json"))
        }
        method = "every build/docs/map/*.json (no map_first_load() to ask)"
    shown = ", ".join(f"{name} {size:,} B" for name, size in sorted(files.items()))
    return {
        "map first load bytes": str(sum(files.values())),
        "map first load files": shown or "none",
        "map first load method": method,
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
