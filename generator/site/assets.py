"""What the site needs besides pages: its static files.

Leaflet and leaflet.markercluster are copied from ``node_modules/`` (installed by ``make
install``) into ``build/docs/assets/leaflet/`` and ``build/docs/assets/markercluster/`` at build
time, with their licences, never kept in the repository; the site's own stylesheet and map
script come from ``templates/assets/``. The theme's palette script is taken from the installed
Material into ``assets/palette.js``, which every page loads instead of carrying it inline
(``templates/overrides/partials/javascripts/palette.html``).
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


PALETTE_PARTIAL = "partials/javascripts/palette.html"
"""Material's partial whose inline script becomes ``assets/palette.js``."""
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
    files["assets/palette.js"] = theme_palette_script()
    assets = settings.templates_dir / "assets"
    for path in sorted(assets.rglob("*")):
        if path.is_file():
            files[f"assets/{path.relative_to(assets).as_posix()}"] = path.read_bytes()
    return files


def theme_palette_script() -> str:
    """The installed theme's palette script (its partial's inline code), as a file's text."""
    partial = package_files("material.templates").joinpath(PALETTE_PARTIAL)
    found = _SCRIPT.search(partial.read_text(encoding="utf-8"))
    if found is None or "{{" in found.group(1) or "{%" in found.group(1):
        # Another version of the theme: its script may read the page it is in.
        raise ContentError(
            [
                Problem(
                    f"material/templates/{PALETTE_PARTIAL}",
                    0,
                    0,
                    "",
                    "is not one inline script without template code: install the theme "
                    "version that constraints.txt names (`make install`)",
                )
            ]
        )
    return found.group(1) + "\n"
