"""What the site needs besides pages: its static files.

Leaflet and leaflet.markercluster are copied from ``node_modules/`` (installed by ``make
install``) into ``build/docs/assets/leaflet/`` and ``build/docs/assets/markercluster/`` at build
time, with their licences, never kept in the repository; the site's own stylesheet and map
script come from ``templates/assets/``.
"""

from __future__ import annotations

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
    assets = settings.templates_dir / "assets"
    for path in sorted(assets.rglob("*")):
        if path.is_file():
            files[f"assets/{path.relative_to(assets).as_posix()}"] = path.read_bytes()
    return files
