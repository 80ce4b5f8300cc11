"""The theme's navigation and tabs as the project's overrides write them, and where a page
outside the navigation links to it (what its frame is keyed by, ``site.frame``).

A small invented MkDocs project is built twice, with the theme's own partials and with the
project's overrides (``site.chrome``): every page's navigation, tabs and table of contents come
out the same, but for the logo, which is an inline SVG in one and a span painted by a
stylesheet in the other (``site.icons``), and for what the overrides leave out to save bytes:
the span that cuts a long title short and the white space between tags. The theme's own build
is compacted as the project's plugin compacts every page.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import material
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.site.chrome import NavPlaces
from generator.site.compact import compact_html

THEME = Path(material.__file__).parent / "templates"
"""The installed theme's templates, where its icons are."""
PAGES = {
    "index.md": "# Home\n",
    "places/index.md": "# Places\n\n## Towns\n\n### Abai\n",
    "places/abai.md": "# Abai (invented)\n",
    "incidents/one.md": "# One (invented)\n\n## Figures\n\n### Killed\n\n## Sources\n",
    "incidents/two.md": "# Two (invented)\n",
}
"""An invented site: two pages in the navigation, three outside it, one beside a nav page."""
ICON = re.compile(r'<svg .*?</svg>|<span class="record-icon [^"]*"></span>', re.DOTALL)
"""An icon, as the theme writes it and as the overrides do."""
PARTS = {
    "tabs": re.compile(r'<nav class="md-tabs".*?</nav>', re.DOTALL),
    "nav": re.compile(r'<nav class="md-nav md-nav--primary.*?</ul>\s*</nav>', re.DOTALL),
    "toc": re.compile(r'<nav class="md-nav md-nav--secondary.*?</nav>\s*</div>', re.DOTALL),
}
ELLIPSIS = re.compile(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', re.DOTALL)
"""The theme's span that cuts a long title short; the overrides write the title alone."""
AROUND_TAGS = re.compile(r"\s*(<[^>]*>)\s*")
"""A tag with the white space around it, which the overrides leave out."""
CLASS_END = re.compile(r'\s+"')
"""White space before an attribute's closing quote (the theme's ``md-toggle `` class)."""


def _build(root: Path, plugins: list[str]) -> Path:
    """The invented site built into ``root``, with a palette toggle; the site's folder."""
    for name, text in PAGES.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Invented\ntheme:\n  name: material\n"
        "  features: [navigation.tabs, navigation.top]\n"
        "  palette:\n"
        "    - {scheme: default, toggle: {icon: material/weather-night, name: Dark}}\n"
        "    - {scheme: slate, toggle: {icon: material/weather-sunny, name: Light}}\n"
        f"plugins: [{', '.join(plugins)}]\n"
        "nav:\n  - Home: index.md\n  - Places: places/index.md\n"
        "not_in_nav: |\n  /incidents/\n  /places/abai.md\n",
        encoding="utf-8",
    )
    build(load_config(str(config), site_dir=str(root / "site")))
    return root / "site"


def _chrome(root: Path, plugins: list[str]) -> dict[str, dict[str, str]]:
    """The invented site's tabs and navigation, by page, with each icon written ``ICON``.

    The pages are compacted as the project's plugin does, so that only the chrome differs.
    """
    site = _build(root, plugins)
    found = {}
    for page in sorted(site.rglob("index.html")):
        html = ICON.sub("ICON", compact_html(page.read_text(encoding="utf-8")))
        found[str(page.relative_to(site))] = {
            name: _bare("".join(pattern.findall(html))) for name, pattern in PARTS.items()
        }
    return found


def _bare(html: str) -> str:
    """``html`` without the ellipsis spans and the white space that the overrides leave out."""
    return CLASS_END.sub('"', AROUND_TAGS.sub(r"\1", ELLIPSIS.sub(r"\1", html)))


def test_chrome_overrides_render_the_same_navigation_and_tabs(tmp_path: Path) -> None:
    theme = _chrome(tmp_path / "theme", [])
    overridden = _chrome(tmp_path / "overridden", ["incident-record"])
    assert set(theme) == {
        "index.html",
        "places/index.html",
        "places/abai/index.html",
        "incidents/one/index.html",
        "incidents/two/index.html",
    }
    assert all(parts["tabs"] and parts["nav"] and parts["toc"] for parts in theme.values())
    assert overridden == theme
    toc = overridden["incidents/one/index.html"]["toc"]
    assert '<a href="#killed" class="md-nav__link">Killed</a>' in toc


def test_chrome_outside_the_navigation_is_smaller_than_the_themes(tmp_path: Path) -> None:
    theme = _build(tmp_path / "theme", [])
    overridden = _build(tmp_path / "overridden", ["incident-record"])
    for name in ("nav", "toc"):
        mine, its = (
            "".join(PARTS[name].findall(compact_html(site.joinpath(page).read_text("utf-8"))))
            for site in (overridden, theme)
            for page in ["incidents/one/index.html"]
        )
        assert "md-ellipsis" in its
        assert "md-ellipsis" not in mine
        assert len(mine) < 0.85 * len(its), name


def _page(src_uri: str, url: str) -> SimpleNamespace:
    """A stand-in for an MkDocs page: its source path and address."""
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=url)


@pytest.mark.parametrize(
    ("first", "second", "alike"),
    [
        # Outside the navigation at the same depth: the same links, so one frame.
        (_page("incidents/a.md", "incidents/a/"), _page("incidents/b.md", "incidents/b/"), True),
        # Beside a page of the navigation, the link to it is shorter: a frame of its own.
        (_page("incidents/a.md", "incidents/a/"), _page("places/x.md", "places/x/"), False),
    ],
)
def test_nav_places_tell_pages_apart_by_how_they_link_to_the_navigation(
    first: SimpleNamespace, second: SimpleNamespace, alike: bool
) -> None:
    places = NavPlaces([_page("index.md", ""), _page("places/index.md", "places/")])
    assert places.nav_sources == {"index.md", "places/index.md"}
    assert (places.links(first) == places.links(second)) is alike


def test_chrome_icons_are_spans_painted_by_one_stylesheet(tmp_path: Path) -> None:
    site = _build(tmp_path, ["incident-record"])
    page = (site / "incidents" / "one" / "index.html").read_text(encoding="utf-8")
    css = (site / "assets" / "icons.css").read_text(encoding="utf-8")
    spans = re.findall(r'<span class="record-icon (record-icon--[a-z-]+)"></span>', page)
    assert spans == [
        "record-icon--material-library",
        "record-icon--material-weather-night",
        "record-icon--material-weather-sunny",
        "record-icon--material-library",
        "record-icon--material-arrow-up",
    ]
    # Only the drawer's menu icon is still inline, in the theme's header.
    assert page.count("<svg ") == 1
    assert '<link rel="stylesheet" href="../../assets/icons.css">' in page
    svg = THEME / ".icons" / "material" / "weather-night.svg"
    night = quote(svg.read_text(encoding="utf-8").strip())
    assert (
        f'.record-icon--material-weather-night{{--record-icon:url("data:image/svg+xml,{night}")}}'
        in css
    )
    # And the search box's, which search.js builds in the header.
    assert sorted(re.findall(r"^\.(record-icon--[a-z-]+)\{", css, re.MULTILINE)) == sorted(
        {*spans, "record-icon--material-magnify"}
    )


def test_nav_places_tell_pages_apart_by_their_links_to_the_navigations_link_items() -> None:
    from mkdocs.structure.nav import Link, Section

    from generator.site.chrome import link_urls

    # A relative link item is written relative to each page.
    items = [Link("Home", "index.md"), Section("More", [Link("Feed", "data/feed.xml")])]
    assert link_urls(items) == ["index.md", "data/feed.xml"]
    pages = (_page("incidents/a.md", "incidents/a/"), _page("sources/b.md", "sources/b/"))
    places = NavPlaces([], link_urls(items))
    assert (
        places.links(pages[0])
        == places.links(pages[1])
        == (
            "../../index.md",
            "../../data/feed.xml",
        )
    ), "same depth, same links: the feed link reads alike from both"
    places = NavPlaces([], ["incidents/list/"])
    assert places.links(pages[0]) == ("../list/",)
    assert places.links(pages[1]) == ("../../incidents/list/",)
