"""Run options and paths, frozen; the only module that reads the clock."""

from __future__ import annotations

import datetime as dt
import importlib.resources
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parents[1]
"""The installed ``generator`` package (its code is part of a build's fingerprint)."""
ROOT = PACKAGE_DIR.parent
"""The repository root of a checkout: paths follow the layout."""
TEMPLATES = Path(str(importlib.resources.files("generator.templates")))
"""The Jinja2 templates and the site's own assets, as installed with the package."""


def build_date() -> dt.date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


def clock_ns() -> int:
    """The time now in nanoseconds, to tell whether a file was modified moments ago."""
    return time.time_ns()


@dataclass(frozen=True)
class Settings:
    """Where content, templates and output live, and how strict a run is."""

    root: Path = ROOT
    """Repository root; problem paths are shown relative to it."""
    content_dir: Path = ROOT / "content"
    """Holds ``incidents/``, ``sources/``, ``pages/`` and ``vocabulary.yaml``."""
    templates_dir: Path = TEMPLATES
    """Jinja2 templates, one per page type."""
    out_dir: Path = ROOT / "build"
    """Everything generated: ``docs/``, ``site/``, ``report/``."""
    mkdocs_yml: Path = ROOT / "mkdocs.yml"
    """Site configuration (site name, repository and edit links)."""
    today: dt.date = field(default_factory=build_date)
    """Dates after this are 'in the future'; the build date shown on pages."""
    strict: bool = False
    """Warnings fail the run too."""
    quiet: bool = False
    """No progress output."""
    workers: int | None = None
    """Processes that check incident files; None: one per core once there are many files."""

    @classmethod
    def for_root(cls, root: Path, **options: Any) -> Settings:
        """Settings for a repository laid out under ``root`` (templates stay the package's)."""
        root = root.resolve()
        return cls(
            root=root,
            content_dir=root / "content",
            out_dir=root / "build",
            mkdocs_yml=root / "mkdocs.yml",
            **options,
        )

    @property
    def docs_dir(self) -> Path:
        """Generated Markdown for MkDocs."""
        return self.out_dir / "docs"

    @property
    def npm_dir(self) -> Path:
        """The npm packages (Leaflet, the world atlas): the repository's, else this checkout's."""
        own = self.root / "node_modules"
        return own if own.is_dir() else ROOT / "node_modules"

    @property
    def site_dir(self) -> Path:
        """The built site."""
        return self.out_dir / "site"

    @property
    def report_dir(self) -> Path:
        """The standalone report (HTML and PDF)."""
        return self.out_dir / "report"
