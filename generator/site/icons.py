"""The theme's icons as one stylesheet instead of an inline SVG on every page.

Material writes each icon of its header (the logo, the palette toggles) and of its back-to-top
button into every page as SVG markup: about 2 KB a page, the same on each. The overrides in
``templates/overrides`` write an empty ``span`` with a class per icon instead, and this
stylesheet, made at build time from the SVG files of the installed theme, paints each icon
with the text colour through a CSS mask, at the size the theme gives the SVG there.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

ICONS_CSS = "assets/icons.css"
"""The stylesheet's path in the site; the plugin adds it to ``extra_css``."""

SIZES = """\
.record-icon{display:block;width:1.2rem;height:1.2rem;background-color:currentcolor;\
-webkit-mask:var(--record-icon) center/contain no-repeat;\
mask:var(--record-icon) center/contain no-repeat}
.md-nav__title .md-nav__button.md-logo .record-icon{width:2.4rem;height:2.4rem}
.md-top .record-icon{display:inline-block;vertical-align:-.5em}
"""
"""The sizes Material gives the SVG in the header, the drawer and the back-to-top button."""


SEARCH_ICON = "material/magnify"
"""The icon of the search box that ``templates/assets/search.js`` puts in the header."""


def icon_names(config: Any) -> list[str]:
    """The theme icons the site shows: the palette toggles', the logo, back-to-top, search."""
    icon = config["theme"]["icon"] or {}
    names = [
        option["toggle"]["icon"]
        for option in config["theme"]["palette"] or []
        if isinstance(option, dict) and option.get("toggle")
    ]
    names += [icon.get("logo") or "material/library", icon.get("top") or "material/arrow-up"]
    return sorted({*names, SEARCH_ICON})


def icon_class(name: str) -> str:
    """The class of the ``span`` that shows the icon ``name`` (``material/weather-night``)."""
    return "record-icon--" + name.replace("/", "-")


def icons_css(names: Iterable[str], theme_dirs: Iterable[str]) -> str:
    """The stylesheet: the sizes, then each icon's SVG as a data address in its class."""
    rules = [SIZES]
    for name in names:
        svg = _icon_svg(name, theme_dirs)
        rules.append(
            f'.{icon_class(name)}{{--record-icon:url("data:image/svg+xml,{quote(svg)}")}}\n'
        )
    return "".join(rules)


def _icon_svg(name: str, theme_dirs: Iterable[str]) -> str:
    """The SVG of a theme icon, from the first theme folder that has it."""
    for folder in theme_dirs:
        path = Path(folder) / ".icons" / f"{name}.svg"
        if path.is_file():
            return path.read_text(encoding="utf-8").strip()
    raise FileNotFoundError(f"theme icon {name!r} not found in {list(theme_dirs)}")
