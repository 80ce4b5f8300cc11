"""What the site needs besides pages: its settings from mkdocs.yml and its static files.

Leaflet is copied from ``node_modules/`` (installed by ``make install``) into
``build/docs/assets/leaflet/`` at build time, never kept in the repository; the site's own
stylesheet and map script come from ``templates/assets/``.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.load import load_mkdocs_config
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


@dataclass(frozen=True)
class SiteInfo:
    """Site-wide text and addresses, read from mkdocs.yml."""

    name: str
    description: str | None = None
    url: str | None = None
    """The published address (``site_url``), when there is one."""
    edit_base: str | None = None
    """``repo_url`` joined with ``extra.record_edit_uri`` (ends in '/'), if a repository is set."""

    def edit_url(self, relative: str) -> str | None:
        """Where to edit a content file (``incidents/<id>.yaml``), if a repository is set."""
        return f"{self.edit_base}{relative}" if self.edit_base else None

    def page_url(self, path: str) -> str | None:
        """The absolute address of a page path such as ``incidents/<id>/``, if published."""
        return f"{self.url.rstrip('/')}/{path}" if self.url else None


def read_site_info(settings: Settings) -> SiteInfo:
    """Site name, description, address and record edit base from mkdocs.yml (``!ENV`` resolved)."""
    path = settings.mkdocs_yml if settings.mkdocs_yml.is_file() else ROOT / "mkdocs.yml"
    if not path.is_file():
        return SiteInfo(name="Incident record")
    config = load_mkdocs_config(path)
    repo_url = _text(config.get("repo_url"))
    extra = config.get("extra")
    edit_uri = _text(extra.get("record_edit_uri")) if isinstance(extra, dict) else None
    return SiteInfo(
        name=_text(config.get("site_name")) or "Incident record",
        description=_text(config.get("site_description")),
        url=_text(config.get("site_url")),
        edit_base=_edit_base(repo_url, edit_uri),
    )


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _edit_base(repo_url: str | None, edit_uri: str | None) -> str | None:
    """``repo_url`` + the records' edit path, joined as MkDocs joins ``edit_uri``."""
    if not repo_url or not edit_uri:
        return None
    if edit_uri.startswith(("http://", "https://")):
        return edit_uri.rstrip("/") + "/"
    return f"{repo_url.rstrip('/')}/{edit_uri.strip('/')}/"


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
