"""The theme's navigation and tabs rendered once for the pages outside the navigation.

A small invented MkDocs project is built twice, with the theme's own partials and with the
project's overrides (``site.chrome``): every page's navigation and tabs come out the same.
The theme's own build is compacted as the project's plugin compacts every page.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.site.chrome import ChromeCache
from generator.site.compact import compact_html

PAGES = {
    "index.md": "# Home\n",
    "places/index.md": "# Places\n",
    "places/abai.md": "# Abai (invented)\n",
    "incidents/one.md": "# One (invented)\n",
    "incidents/two.md": "# Two (invented)\n",
}
"""An invented site: two pages in the navigation, three outside it, one beside a nav page."""
PARTS = {
    "tabs": re.compile(r'<nav class="md-tabs".*?</nav>', re.DOTALL),
    "nav": re.compile(r'<nav class="md-nav md-nav--primary.*?</ul>\s*</nav>', re.DOTALL),
}


def _site(root: Path, plugins: list[str]) -> dict[str, dict[str, str]]:
    """The invented site built into ``root``: each page's tabs and navigation, by page.

    The pages are compacted as the project's plugin does, so that only the chrome differs.
    """
    for name, text in PAGES.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Invented\ntheme:\n  name: material\n  features: [navigation.tabs]\n"
        f"plugins: [{', '.join(plugins)}]\n"
        "nav:\n  - Home: index.md\n  - Places: places/index.md\n"
        "not_in_nav: |\n  /incidents/\n  /places/abai.md\n",
        encoding="utf-8",
    )
    build(load_config(str(config), site_dir=str(root / "site")))
    found = {}
    for page in sorted((root / "site").rglob("index.html")):
        html = compact_html(page.read_text(encoding="utf-8"))
        found[str(page.relative_to(root / "site"))] = {
            name: "".join(pattern.findall(html)) for name, pattern in PARTS.items()
        }
    return found


def test_chrome_overrides_render_the_same_navigation_and_tabs(tmp_path: Path) -> None:
    theme = _site(tmp_path / "theme", [])
    overridden = _site(tmp_path / "overridden", ["incident-record"])
    assert set(theme) == {
        "index.html",
        "places/index.html",
        "places/abai/index.html",
        "incidents/one/index.html",
        "incidents/two/index.html",
    }
    assert all(parts["tabs"] and parts["nav"] for parts in theme.values())
    assert overridden == theme


def _page(src_uri: str, url: str) -> SimpleNamespace:
    """A stand-in for an MkDocs page: its source path and address."""
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=url)


@pytest.mark.parametrize(
    ("first", "second", "renders"),
    [
        # Outside the navigation, linking alike: rendered once.
        (_page("incidents/a.md", "incidents/a/"), _page("incidents/b.md", "incidents/b/"), 1),
        # Beside a page of the navigation, the link to it is shorter: rendered again.
        (_page("incidents/a.md", "incidents/a/"), _page("places/x.md", "places/x/"), 2),
        # In the navigation, an item is active: rendered every time.
        (_page("places/index.md", "places/"), _page("places/index.md", "places/"), 2),
    ],
)
def test_chrome_cache_reuses_only_what_renders_alike(
    first: SimpleNamespace, second: SimpleNamespace, renders: int
) -> None:
    cache = ChromeCache([_page("index.md", ""), _page("places/index.md", "places/")])
    calls: list[str] = []

    def caller() -> str:
        calls.append("rendered")
        return f"<nav>{len(calls)}</nav>"

    outputs = [cache.render("nav", page, "../..", caller) for page in (first, second)]
    assert len(calls) == renders
    assert outputs == ["<nav>1</nav>", f"<nav>{renders}</nav>"]
