"""The site's settings from mkdocs.yml (name, description, address, edit links), read once.

Site pages, data files and the report all take them from ``read_site_info``; the file is read
again only when it or the environment (``!ENV`` tags) changes, as in a long-lived process.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from generator.core.errors import ContentError, Problem
from generator.core.settings import Settings

DEFAULT_NAME = "Incident Record"
"""The site name when mkdocs.yml is missing or sets none."""
PLUGIN = "incident-record"
"""The project's MkDocs plugin, as mkdocs.yml names it (``site.mkdocs_plugin``)."""
LATER = "INCIDENT_RECORD_LATER"
"""The environment variable naming, one a line, the files of build/docs/ that the build puts
into the site itself once MkDocs is done (the report's PDF, printed meanwhile): the plugin
gives MkDocs an empty stand-in of each to link to, and MkDocs never reads the file."""


@dataclass(frozen=True)
class SiteInfo:
    """Site-wide text and addresses, read from mkdocs.yml."""

    name: str = DEFAULT_NAME
    """The site name: page titles, the dataset title, the feed author."""
    description: str | None = None
    """``site_description``, when there is one."""
    url: str = ""
    """The published address (``site_url``) ending in '/', or '' when it is not http(s)."""
    edit_base: str | None = None
    """``repo_url`` joined with ``extra.record_edit_uri`` (ends in '/'), if a repository is set."""

    def edit_url(self, relative: str) -> str | None:
        """Where to edit a content file (``incidents/<id>.yaml``), if a repository is set."""
        return f"{self.edit_base}{relative}" if self.edit_base else None

    def page_url(self, path: str) -> str | None:
        """The absolute address of a page path such as ``incidents/<id>/``, if published."""
        return f"{self.url}{path}" if self.url else None

    def incident_url(self, incident_id: str) -> str:
        """The incident's page: absolute when the site URL is known, else site-relative."""
        return f"{self.url}incidents/{incident_id}/"


def read_site_info(settings: Settings) -> SiteInfo:
    """Site name, description, address and record edit base from mkdocs.yml (``!ENV`` resolved)."""
    path = settings.mkdocs_yml
    try:
        stat = path.stat()
    except OSError:
        return SiteInfo()
    environment = frozenset(os.environ.items())
    return _read_site_info(path, stat.st_mtime_ns, stat.st_size, environment)


@lru_cache(maxsize=4)
def _read_site_info(
    path: Path, mtime_ns: int, size: int, environment: frozenset[tuple[str, str]]
) -> SiteInfo:
    config = load_mkdocs_config(path)
    repo_url = _text(config.get("repo_url"))
    extra = config.get("extra")
    edit_uri = _text(extra.get("record_edit_uri")) if isinstance(extra, dict) else None
    return SiteInfo(
        name=_text(config.get("site_name")) or DEFAULT_NAME,
        description=_text(config.get("site_description")),
        url=_site_url(config.get("site_url")),
        edit_base=_edit_base(repo_url, edit_uri),
    )


def uses_site_plugin(settings: Settings) -> bool:
    """Whether mkdocs.yml lists the project's plugin, which can take files in later (``LATER``)."""
    try:
        plugins = load_mkdocs_config(settings.mkdocs_yml).get("plugins")
    except ContentError:
        return False  # MkDocs reports the broken file itself
    if isinstance(plugins, dict):
        return PLUGIN in plugins
    if not isinstance(plugins, list):
        return False
    return any(item == PLUGIN or (isinstance(item, dict) and PLUGIN in item) for item in plugins)


def load_mkdocs_config(path: Path) -> dict[str, Any]:
    """The mkdocs.yml mapping, read with MkDocs' safe loader (which resolves ``!ENV`` tags).

    A missing or broken file is a problem, not a traceback.
    """
    from mkdocs.utils.yaml import get_yaml_loader

    loader = get_yaml_loader(loader=yaml.SafeLoader)
    # Python tags name MkDocs plugins' functions; the generator never needs them, so they are
    # read as None instead of being imported.
    loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as error:
        message = f"cannot be read as YAML: {error}"
        raise ContentError([Problem(path.name, 0, 0, "", message)]) from None
    return data if isinstance(data, dict) else {}


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _site_url(value: object) -> str:
    """An http(s) address ending in '/'; anything else (``javascript:``) is no address."""
    url = _text(value)
    if not url or not url.startswith(("https://", "http://")):
        return ""
    return url if url.endswith("/") else f"{url}/"


def _edit_base(repo_url: str | None, edit_uri: str | None) -> str | None:
    """``repo_url`` + the records' edit path, joined as MkDocs joins ``edit_uri``."""
    if not repo_url or not edit_uri:
        return None
    if edit_uri.startswith(("http://", "https://")):
        return edit_uri.rstrip("/") + "/"
    return f"{repo_url.rstrip('/')}/{edit_uri.strip('/')}/"
