"""Stage 3: render model objects to Markdown strings with Jinja2 (no file I/O).

Filters are registered here and only here (``make_env``).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import jinja2

from .history import History
from .model import Dataset
from .settings import Settings

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:=&\"'$@^%])")


def md_escape(text: object) -> str:
    """Record text as literal Markdown: no markup, no HTML, no table breaks, one line."""
    flat = " ".join(str(text).split())
    return _MD_SPECIAL.sub(
        lambda m: (
            html.escape(m.group(1), quote=True) if m.group(1) in "<>&\"'" else "\\" + m.group(1)
        ),
        flat,
    )


def make_env(templates_dir: Path) -> jinja2.Environment:
    """The one Jinja2 environment: strict undefined, autoescape for HTML templates only."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
    )
    env.filters["md"] = md_escape
    return env


def render_pages(dataset: Dataset, settings: Settings, history: History) -> dict[str, str | bytes]:
    """Every generated page, keyed by its path under build/docs/."""
    pages: dict[str, str | bytes] = {
        f"incidents/{i.id}.md": f"# {md_escape(i.title)}\n" for i in dataset.incidents
    }
    pages["index.md"] = "# Incidents\n"
    return pages
