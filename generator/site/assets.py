"""What the site needs besides pages: its static files.

Leaflet is copied from ``node_modules/`` (installed by ``make install``) into
``build/docs/assets/leaflet/`` at build time, never kept in the repository; the site's own
stylesheet and map script come from ``templates/assets/``.
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


def site_assets(settings: Settings) -> dict[str, str | bytes]:
    """Leaflet from node_modules/ and the site's CSS and JS, keyed by path in build/docs/."""
    files: dict[str, str | bytes] = {}
    own = settings.root / "node_modules"
    leaflet = (own if own.is_dir() else ROOT / "node_modules") / "leaflet"
    missing = [name for name in LEAFLET_FILES if not (leaflet / "dist" / name).is_file()]
    if missing:
        raise ContentError(
            [
                Problem(
                    "node_modules/leaflet/dist",
                    0,
                    0,
                    "",
                    f"is missing {missing[0]}: run `make install` to install the npm packages",
                )
            ]
        )
    for name in LEAFLET_FILES:
        files[f"assets/leaflet/{name}"] = (leaflet / "dist" / name).read_bytes()
    files["assets/leaflet/LICENSE"] = (leaflet / "LICENSE").read_bytes()
    assets = settings.templates_dir / "assets"
    for path in sorted(assets.rglob("*")):
        if path.is_file():
            files[f"assets/{path.relative_to(assets).as_posix()}"] = path.read_bytes()
    return files
