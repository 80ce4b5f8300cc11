"""What the site needs besides pages: its static files.

Leaflet and leaflet.markercluster are copied from ``node_modules/`` (installed by ``make
install``) into ``build/docs/assets/leaflet/`` and ``build/docs/assets/markercluster/`` at build
time, with their licences, never kept in the repository; the site's own stylesheet and map
script come from ``templates/assets/``. The theme's palette and scope scripts are taken from the
installed Material into ``assets/palette.js`` and ``assets/scope.js``, which every page loads
instead of carrying them inline (``templates/overrides/partials/javascripts/``).
"""

from __future__ import annotations

import re
from importlib.resources import files as package_files

from generator.core.errors import ContentError, Problem
from generator.core.settings import ROOT, Settings

LEAFLET_FILES = (
    "leaflet.js",
    "leaflet.css",
    "images/layers.png",
    "images/layers-2x.png",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
)


SCOPE_VALUE = '"{{ config.extra.scope | d(base_url) }}"'
"""The one value of the theme's scope script that differs by page: the site's base."""
THEME_SCRIPTS = (
    ("assets/palette.js", "partials/javascripts/palette.html", None),
    ("assets/scope.js", "partials/javascripts/base.html", SCOPE_VALUE),
)
"""Site path, Material's partial whose inline script it holds, and the value read per page."""
_SCRIPT = re.compile(r"<script>(.*)</script>", re.DOTALL)
"""A partial's one inline script; the group holds its code."""

CLUSTER_FILES = ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css")

PACKAGES = (
    ("leaflet", "leaflet", LEAFLET_FILES, "LICENSE"),
    ("leaflet.markercluster", "markercluster", CLUSTER_FILES, "MIT-LICENCE.txt"),
)
"""npm package, folder under assets/, files from its dist/ and its licence file."""


def site_assets(settings: Settings) -> dict[str, str | bytes]:
    """Leaflet, its clusters and the site's own CSS and JS, keyed by path in build/docs/."""
    files: dict[str, str | bytes] = {}
    own = settings.root / "node_modules"
    modules = own if own.is_dir() else ROOT / "node_modules"
    for package, folder, names, licence in PACKAGES:
        wanted = {f"dist/{name}": name for name in names} | {licence: "LICENSE"}
        missing = [found for found in wanted if not (modules / package / found).is_file()]
        if missing:
            raise ContentError(
                [
                    Problem(
                        f"node_modules/{package}",
                        0,
                        0,
                        "",
                        f"is missing {missing[0]}: run `make install` to install the npm packages",
                    )
                ]
            )
        for found, name in wanted.items():
            files[f"assets/{folder}/{name}"] = (modules / package / found).read_bytes()
    for name, partial, page_value in THEME_SCRIPTS:
        files[name] = theme_script(partial, page_value)
    assets = settings.templates_dir / "assets"
    for path in sorted(assets.rglob("*")):
        if path.is_file():
            files[f"assets/{path.relative_to(assets).as_posix()}"] = path.read_bytes()
    return files


def theme_script(partial: str, page_value: str | None = None) -> str:
    """The installed theme's inline script in ``partial``, as a file's text.

    ``page_value``, the one template expression the script may hold, becomes a read of the
    script element's ``data-scope``, where the override that loads the file writes it.
    """
    found = _SCRIPT.search(package_files("material.templates").joinpath(partial).read_text("utf-8"))
    code = found.group(1) if found else "{%"
    if page_value is not None and code.count(page_value) == 1:
        code = code.replace(page_value, "document.currentScript.dataset.scope")
    if "{{" in code or "{%" in code:
        # Another version of the theme: its script may read the page otherwise.
        raise ContentError(
            [
                Problem(
                    f"material/templates/{partial}",
                    0,
                    0,
                    "",
                    "is not one inline script without template code: install the theme "
                    "version that constraints.txt names (`make install`)",
                )
            ]
        )
    return code + "\n"
