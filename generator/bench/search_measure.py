"""First-search bytes measured two ways: in a real browser, and on an index of the pages' text.

Where the full site is built, ``browser_search_files`` serves ``build/site/`` from a local
``http.server`` thread, opens it in headless Chromium (Debian's, driven by Playwright as the
browser tests do), types the query into the search box and records every ``pagefind/`` file
the page fetched, and the box's own script and style. Where it is not (MkDocs would take an
hour at 100,000), ``index_page_text`` gives Pagefind the generated incident pages laid out and
marked as the site lays them out and marks them (only the parts readers search for; drafts and
withdrawn records left out), and it writes a bundle, on which
``search_bytes.first_search_files`` computes what the same search loads.
"""

from __future__ import annotations

import contextlib
import functools
import html
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr

import yaml
from markdown.extensions.toc import slugify

from generator.bench.search_bytes import LOADED_BY_PAGE
from generator.build.search_index import OPTIONS, PAGEFIND
from generator.site.blocks import stash_blocks
from generator.site.search import (
    CONTENT,
    CONTENT_END,
    mark_for_search,
    search_attributes,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
SEARCH_BOX = "header .site-search input.site-search__input"
RESULT = ".site-search .site-search__result a.site-search__link"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Keep the benchmark's output clean."""


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served on 127.0.0.1 from a thread, as its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def browser_search_files(site: Path, query: str, timeout: float = 60) -> dict[str, int]:
    """Bytes of every search file the home page fetched, through a typed first search.

    That is every ``pagefind/`` file and the search box's own (``search_bytes.LOADED_BY_PAGE``).
    """
    if not CHROMIUM.is_file():
        raise RuntimeError(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    fetched: list[str] = []
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.on("request", lambda sent: fetched.append(urlsplit(sent.url).path))
            page = context.new_page()
            page.goto(url, wait_until="networkidle", timeout=timeout * 1000)
            box = page.locator(SEARCH_BOX)
            box.click()
            box.press_sequentially(query, delay=50)
            page.locator(RESULT).first.wait_for(timeout=timeout * 1000)
            page.wait_for_load_state("networkidle", timeout=timeout * 1000)
        finally:
            browser.close()
    paths = [path[1:] for path in fetched]
    loaded = dict.fromkeys(p for p in paths if p.startswith("pagefind/") or p in LOADED_BY_PAGE)
    # As the server sends them: the bundle's files are already compressed where it matters.
    return {path.removeprefix("pagefind/"): (site / path).stat().st_size for path in loaded}


def index_page_text(docs: Path, out: Path) -> int:
    """Index ``docs``/incidents/*.md with Pagefind into ``out``; pages written for it.

    The pages are written as HTML beside ``out`` and indexed as one folder by the binary that
    ``pagefind[bin]`` installed, with the site's options (``build.search_index``). Its
    Python API was tried first: it reads one answer per tenth of a second (hours for one call
    a page), and when its service dies (out of memory) it waits for ever instead of failing.
    """
    pages = sorted((docs / "incidents").glob("*.md"))
    folder = out.with_name(f"{out.name}-pages")
    shutil.rmtree(folder, ignore_errors=True)
    written = 0
    try:
        for path in pages:
            text = page_html(path.read_text(encoding="utf-8"))
            if text is None:
                continue
            page = folder / "incidents" / path.stem / "index.html"
            page.parent.mkdir(parents=True)
            page.write_text(text, encoding="utf-8")
            written += 1
        command = [*PAGEFIND, "--site", str(folder), "--output-path", str(out)]
        done = subprocess.run(
            [*command, *OPTIONS, "--quiet"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if done.returncode != 0:
        first = next((line for line in done.stderr.splitlines() if line.strip()), "no output")
        raise RuntimeError(f"pagefind failed (exit {done.returncode}): {first.strip()}")
    return written


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{\s*#([\w-]+)\s*\})?\s*$")
_ITEM = re.compile(r"^(?:[-*]|\d+\.)\s")
_ANCHOR = re.compile(r"^\s*\{\s*#([\w-]+)[^{}]*\}\s*$")
_LINK = re.compile(r"\]\([^)]*\)")
_ATTRIBUTES = re.compile(r"(?<!\\)\{:?\s*[#.][^{}]*\}")
_CITATION = re.compile(r'<a class="citation"[^>]*>[^<]*</a>')
_TAG = re.compile(r"<[^>]*>")
_ESCAPE = re.compile(r"\\(.)")
_MARKS = re.compile(r"[|*`\[\]]|^!!!\s*\w+|^\s*(?:-|\d+\.|>)\s")


def page_html(markdown: str) -> str | None:
    """A generated page's HTML for Pagefind, marked as the site marks it; None if not indexed.

    None is for a page whose front matter leaves it out of the index, as the site does.
    The generator's HTML blocks (infobox, tables, source list) are kept as they are, as the
    site keeps them (``site.blocks``); of the Markdown, headings keep their ids (MkDocs' own
    slug where the Markdown gives none), list items take in their indented lines and are
    listed together, an admonition takes in its indented lines, and an attribute list's id
    goes to the element before it. The content is then marked by the site's own rule
    (``site.search``), so the index holds what the site's would.
    """
    meta, body = _front_matter(markdown)
    if search_attributes(meta) is None:
        return None
    stashed, blocks = stash_blocks(body)
    elements: list[list[str]] = []
    """Tag, id and text (HTML for a block) of each element, in order."""
    for line in stashed.splitlines():
        heading, anchor = _HEADING.match(line), _ANCHOR.match(line)
        if line in blocks:
            elements.append(["block", "", blocks[line]])
        elif heading:
            text = _plain(heading[2])
            elements.append([f"h{len(heading[1])}", heading[3] or slugify(text, "-"), text])
        elif anchor and elements and not elements[-1][1]:
            elements[-1][1] = anchor[1]
        elif line.startswith("    ") and elements and elements[-1][0] in ("li", "div"):
            elements[-1][2] = f"{elements[-1][2]} {_plain(line)}".strip()
        elif (text := _plain(line)).strip(" -:"):
            tag = "div" if line.startswith("!!!") else "li" if _ITEM.match(line) else "p"
            elements.append([tag, "", text])
    title = next((text for tag, _, text in elements if tag == "h1"), "")
    content = "".join(_element(tag, ident, text) for tag, ident, text in elements)
    content = content.replace("</ul>\n<ul>", "")  # consecutive items are one list
    page = (
        f'<html lang="en"><head><title>{html.escape(title)}</title></head><body>'
        f"{CONTENT}{content}{CONTENT_END}</body></html>"
    )
    return mark_for_search(page, meta)


def _front_matter(markdown: str) -> tuple[dict[str, Any], str]:
    """A page's front matter and the rest of its Markdown."""
    if not markdown.startswith("---\n"):
        return {}, markdown
    head, found, rest = markdown[4:].partition("\n---\n")
    if not found:
        return {}, markdown
    meta = yaml.safe_load(head)
    return (meta if isinstance(meta, dict) else {}), rest


def _element(tag: str, ident: str, text: str) -> str:
    """One element of a page's content as HTML; a list item in a list of its own."""
    if tag == "block":
        return text + "\n"
    attributes = f" id={quoteattr(ident)}" if ident else ""
    if tag == "div":
        attributes += ' class="admonition"'
    inner = html.escape(text)
    if tag == "li":
        return f"<ul><li{attributes}>{inner}</li></ul>\n"
    return f"<{tag}{attributes}>{inner}</{tag}>\n"


def _plain(text: str) -> str:
    """A line of Markdown as the text it shows: no tags, marks or escapes, entities read."""
    # Citation numbers are not indexed (``build.search_index.NOT_INDEXED``).
    text = _ATTRIBUTES.sub("", _LINK.sub("]", _TAG.sub(" ", _CITATION.sub("", text))))
    return html.unescape(" ".join(_MARKS.sub(" ", _ESCAPE.sub(r"\1", text)).split()))
