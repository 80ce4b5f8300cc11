"""A small reader of built HTML pages for the site tests (standard library only), and its tests."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Link:
    """An <a> element: where it points, its classes and text, and the ids it sits inside."""

    href: str
    classes: tuple[str, ...]
    inside: tuple[str, ...]
    section: str | None = None
    """The id of the h2/h3 section the link is in."""
    text: str = ""


@dataclass
class Page:
    """What the tests read from one built page."""

    path: str
    """Site-relative URL path of the page, such as 'incidents/<id>/'."""
    title: str = ""
    h1: str = ""
    ids: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    """Element id -> (tag, classes)."""
    links: list[Link] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)
    stylesheets: list[str] = field(default_factory=list)
    sections: dict[str, str] = field(default_factory=dict)
    """Text under each h2/h3 with an id, up to the next heading."""
    text: str = ""

    def resolve(self, href: str) -> str:
        """A relative href as a site-relative path ('incidents/<id>/'), anchors dropped."""
        target = href.split("#", 1)[0]
        if not target:
            return self.path
        joined = posixpath.normpath(posixpath.join(self.path, target))
        return "" if joined == "." else joined.rstrip("/") + "/"

    def links_to(self) -> set[str]:
        """Every site-relative page this page links to."""
        return {self.resolve(link.href) for link in self.links if "://" not in link.href}


class _Reader(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[tuple[str, str, tuple[str, ...]]] = []
        self.open_link: Link | None = None
        self.section: str | None = None
        self.parts: list[str] = []
        self.section_parts: dict[str, list[str]] = {}
        self.capture: str | None = None
        self.captured: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        classes = tuple(values.get("class", "").split())
        element_id = values.get("id", "")
        if element_id:
            self.page.ids[element_id] = (tag, classes)
        if tag in ("h1", "h2", "h3", "h4"):
            self.section = element_id or None
            if self.section:
                self.section_parts[self.section] = []
        if tag == "a":
            inside = tuple(i for _, i, _ in self.stack if i)
            self.open_link = Link(values.get("href", ""), classes, inside, self.section)
            self.page.links.append(self.open_link)
        if tag == "script":
            if "src" in values:
                self.page.scripts.append(values["src"])
            else:
                self.capture, self.captured = "script", []
        if tag == "link" and "stylesheet" in values.get("rel", ""):
            self.page.stylesheets.append(values.get("href", ""))
        if tag == "title" or (tag == "h1" and not self.page.h1):
            self.capture, self.captured = tag, []
        if tag not in VOID:
            self.stack.append((tag, element_id, classes))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.open_link = None
        if tag == self.capture:
            text = "".join(self.captured)
            if tag == "title":
                self.page.title = " ".join(text.split())
            elif tag == "h1":
                self.page.h1 = " ".join(text.replace("¶", "").split())
            else:
                self.page.inline_scripts.append(text)
            self.capture = None
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        if self.open_link is not None:
            self.open_link.text += data
        if self.capture:
            self.captured.append(data)
        if self.section:
            self.section_parts[self.section].append(data)


def read_page(site: Path, path: str) -> Page:
    """Parse the built page at a site-relative path ('' for home, 'incidents/<id>/')."""
    page = Page(path)
    reader = _Reader(page)
    reader.feed((site / path / "index.html").read_text(encoding="utf-8"))
    reader.close()
    page.text = " ".join(" ".join(reader.parts).split())
    page.sections = {k: " ".join(" ".join(v).split()) for k, v in reader.section_parts.items()}
    return page


def all_pages(site: Path) -> list[str]:
    """Site-relative paths of every built page."""
    return sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
    )


def test_read_page_collects_ids_links_and_sections(tmp_path: Path) -> None:
    (tmp_path / "incidents" / "x").mkdir(parents=True)
    (tmp_path / "incidents" / "x" / "index.html").write_text(
        "<html><head><title>A &lt;b&gt; - Site</title><script src='../../a.js'></script>"
        "<link rel='stylesheet' href='../../s.css'></head><body>"
        "<h1 id='a'>A &lt;b&gt;<a class='headerlink' href='#a'>&para;</a></h1>"
        "<h2 id='sources'>Sources</h2><ol><li id='src-s' class='source-entry'>"
        "<a href='https://example.org/s'>S</a><br></li></ol>"
        "<p><a class='citation' href='#src-s'>[1]</a> <a href='../../years/2019/'>2019</a></p>"
        "</body></html>",
        encoding="utf-8",
    )
    page = read_page(tmp_path, "incidents/x/")
    assert page.title == "A <b> - Site"
    assert page.h1 == "A <b>"
    assert page.ids["src-s"] == ("li", ("source-entry",))
    assert page.scripts == ["../../a.js"]
    assert page.stylesheets == ["../../s.css"]
    assert [link.inside for link in page.links if link.href.startswith("https")] == [("src-s",)]
    assert page.links_to() == {"incidents/x/", "years/2019/"}
    assert page.sections["sources"] == "Sources S [1] 2019"
    assert {link.section for link in page.links} == {"a", "sources"}
    assert all_pages(tmp_path) == ["incidents/x/"]
