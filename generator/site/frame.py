"""The theme's page around a page's own parts, rendered once for the pages outside the navigation.

Material's ``main.html`` took 0.7 ms a page, a fifth of ``mkdocs build`` for an incident page.
On a page outside the navigation (an incident, a publisher, a listing) it differs from one page
to the next only by the page's own parts: its title, canonical address, table of contents,
the anchor its "Skip to content" link goes to and its content; and by where the page is, which
the relative addresses of the navigation and the site's base tell (``chrome.NavPlaces``).
So a stand-in page whose parts are markers is rendered once for each place and shape, cut at
the markers into a frame, and each page is the frame's pieces joined with its own parts.

A page gets the frame only if the theme could show nothing else of it: outside the navigation,
no front matter but its title and search settings (a ``hide`` or a ``template`` would change
the markup), no edit link, a first heading of level 1, and no other plugin in the build. The
stand-in is rendered with two sets of markers of other cases and lengths; frames that differ
(a filter escaped, cut or measured a part), a marker left over, or the page's own address in
the frame give no frame: those pages get the theme's full rendering, as any other does.
"""

from __future__ import annotations

import copy
import posixpath
from collections.abc import Callable, Iterable
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, Environment, pass_context
from jinja2.runtime import Context
from mkdocs.structure.toc import AnchorLink, TableOfContents

from generator.site.chrome import NavPlaces

TEMPLATE = "incident-record-frame.html"
"""The template a framed page names in its front matter: its page is the frame, filled."""
TOC_ITEMS = "partials/toc-items.html"
"""The macro that writes the items of a table of contents, shared with ``partials/toc.html``."""
PLAIN_META = frozenset({"title", "search"})
"""Front matter the theme's templates do not read on this site (``search`` is Pagefind's)."""

MARKS = ('incident-record-frame-{}&amp;"<i>&</i>', 'Frame-Part-{}-Of-Another-Length<b>"&lt;</b>')
"""Two sets of markers for a page's parts, of other cases and lengths: a filter that escapes,
strips, cuts or measures a part would make the two frames differ, and so show."""
PARTS = ("title", "canonical", "skip", "toc", "content")
"""The parts of a page that the frame leaves open; a frame names each by its index here."""
UNFILLED = ("heading", "entry")
"""Markers of what the theme must not show of a page (its first heading's text, the anchor of
its table of contents' entry): if a frame held either, it would hold one page's for all."""
Frame = list[str | int]
"""The frame's pieces: literal HTML, and the index in ``PARTS`` of each part between them."""
TocItems = Callable[[list[AnchorLink]], Any]
"""The macro of ``partials/toc-items.html`` that writes a table of contents' items."""


def can_frame(plugins: Iterable[str]) -> bool:
    """Whether pages may be framed: no plugin but the site's own.

    Another plugin may change a page after it is chosen, or give the theme values of each page
    (Material's authors and dates of a page's file) that a frame would hold for all.
    """
    return set(plugins) <= {"incident-record"}


def framed(page: Any, content: str, nav_sources: frozenset[str]) -> bool:
    """Whether the theme's page around ``page`` is the frame filled with ``page``'s own parts.

    The page is converted into ``content``: its front matter, edit link and table of contents
    are known.
    """
    meta = page.meta or {}
    toc = list(page.toc or ())
    return (
        page.file.src_uri not in nav_sources
        and set(meta) <= PLAIN_META
        and isinstance(meta.get("title"), str)
        and meta["title"] != ""
        and page.edit_url is None
        and not page.is_homepage
        and page.previous_page is None
        and page.next_page is None
        and len(toc) == 1
        and toc[0].level == 1
        and "\\" not in toc[0].url  # the theme's url filter would rewrite it, warning
        and "<h1" in content
    )


class FrameCache:
    """Frames by page shape and place, one per build; ``None`` where the stand-in failed."""

    def __init__(self, nav: NavPlaces) -> None:
        self._nav = nav
        self._frames: dict[tuple[Any, ...], Frame | None] = {}
        self._toc_items: TocItems | None = None
        """The macro of ``partials/toc-items.html``, taken from the environment once a build
        (asking for a template again would ask the file system whether it changed)."""

    def page(self, context: Context) -> str:
        """The whole page of ``context``: the frame filled, or the theme's own rendering."""
        page = context["page"]
        env = context.environment
        if self._toc_items is None:
            self._toc_items = _toc_items(env)
        toc_items = self._toc_items
        items = list(page.toc)[0].children
        # Pages in one folder link alike to anything outside their own folders.
        folder = posixpath.dirname(page.url.rstrip("/"))
        links = self._nav.links(page)
        key = (bool(items), page.canonical_url is None, folder, context["base_url"], *links)
        if key not in self._frames:
            self._frames[key] = _frame(env, context, page, toc_items)
        frame = self._frames[key]
        if frame is None:
            return env.get_template("main.html").render(context.get_all())
        parts = (
            page.meta["title"],
            page.canonical_url or "",
            list(page.toc)[0].url,
            str(toc_items(items)),
            page.content,
        )
        return "".join(piece if isinstance(piece, str) else parts[piece] for piece in frame)


def _frame(env: Environment, context: Context, page: Any, toc_items: TocItems) -> Frame | None:
    """``main.html`` rendered for a stand-in of ``page`` and cut at its parts' markers.

    It is rendered with each set of ``MARKS``; the two frames must be the same.
    """
    frames = [_marked(env, context, page, toc_items, mark) for mark in MARKS]
    return frames[0] if frames[0] is not None and frames[0] == frames[1] else None


def _marked(
    env: Environment, context: Context, page: Any, toc_items: TocItems, mark: str
) -> Frame | None:
    """``main.html`` for a stand-in of ``page`` whose parts are ``mark``s, cut at them."""
    marks = [mark.format(name) for name in PARTS]
    heading, entry = (mark.format(name) for name in UNFILLED)
    stand_in = copy.copy(page)
    stand_in.meta = {**page.meta, "title": marks[0]}
    stand_in.canonical_url = marks[1] if page.canonical_url is not None else None
    first = AnchorLink(heading, marks[2], 1)
    first.children = [AnchorLink(marks[3], entry, 2)] if list(page.toc)[0].children else []
    stand_in.toc = TableOfContents([first])
    stand_in.content = f"<h1>{marks[4]}</h1>"
    html = env.get_template("main.html").render({**context.get_all(), "page": stand_in})
    spans = {
        marks[0]: 0,
        marks[1]: 1,
        "#" + marks[2]: 2,
        str(toc_items(first.children)) or marks[3]: 3,
        stand_in.content: 4,
    }
    return _cut(html, spans, page.url, mark.split("{}")[0])


def _cut(html: str, spans: dict[str, int], url: str, prefix: str) -> Frame | None:
    """``html`` cut at each of ``spans`` (marked text -> part).

    None if the markers' ``prefix`` is left between them (a marker was changed, or an unfilled
    one shown), or the page's own address ``url``.
    """
    frame: Frame = []
    rest = html
    while True:
        found = [(rest.find(span), span) for span in spans if span in rest]
        if not found:
            break
        at, span = min(found)
        frame += [rest[:at], spans[span]]
        rest = rest[at + len(span) :]
    frame.append(rest)
    literal = "".join(piece for piece in frame if isinstance(piece, str))
    if prefix.casefold() in literal.casefold() or (url and url in literal):
        return None
    return frame


def _toc_items(env: Environment) -> TocItems:
    """The macro of ``partials/toc-items.html`` that writes a table of contents' items."""
    return env.get_template(TOC_ITEMS).module.render  # type: ignore[attr-defined, no-any-return]


def install_frame(env: Environment, frames: FrameCache) -> None:
    """Give the theme's environment the frame's template (``TEMPLATE``), after its loader set."""

    @pass_context
    def page(context: Context) -> str:
        return frames.page(context)

    env.globals["incident_record_frame"] = page
    loader = DictLoader({TEMPLATE: "{{ incident_record_frame() }}"})
    env.loader = ChoiceLoader([loader, env.loader]) if env.loader else loader
