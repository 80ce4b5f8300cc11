"""Record text through templates, Markdown and the HTML sanitizer: always the same visible text.

The Markdown here is converted with exactly the extensions and settings of mkdocs.yml, and the
HTML is cleaned with the same function the site's hook calls.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import jinja2
import markdown
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from generator.core.precheck import FORBIDDEN_IN_TEXT
from generator.core.settings import ROOT
from generator.core.site_info import load_mkdocs_config
from generator.site.blocks import restore_blocks, stash_blocks
from generator.site.sanitize import sanitize_html
from generator.text.jinja import template_env
from generator.text.markdown import EXTENSION_SPECIALS, MARKDOWN_SPECIALS, md_escape

record_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=120
).filter(lambda text: text.strip() != "" and not FORBIDDEN_IN_TEXT.search(text))
"""Any text the model accepts: printable characters, no control characters."""

PAYLOADS = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "![x](javascript:alert(1))",
        "[d](data:text/html,<script>alert(1)</script>)",
        '{: onclick="alert(1)" }',
        "a | b\n| c |",
        "{{ 7 * 7 }} {% raw %}",
        "<!-- c -->",
        "<style>p{}</style>",
        '<iframe src="https://example.org/"></iframe>',
        "<svg onload=alert(1)>",
        "`tick` *star* _under_ [bracket",
        "# hash",
        "!!! note",
        "&amp; &lt; &#60;",
    ]
)
hostile_text = st.lists(st.one_of(PAYLOADS, record_text), min_size=1, max_size=4).map(" ".join)
"""Record text built from the issue's payloads and arbitrary characters."""

TEMPLATE = """\
## {{ text|md }}

{{ text|md }}

| Column | Link |
|---|---|
| {{ text|md }} | [{{ text|md }}](page.md) |
"""
"""Record text in the places the site's templates put it: heading, paragraph, cell, link."""


def site_markdown() -> markdown.Markdown:
    """A Markdown converter with the extensions and settings that mkdocs.yml enables."""
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for item in load_mkdocs_config(ROOT / "mkdocs.yml")["markdown_extensions"]:
        if isinstance(item, dict):
            ((name, config),) = item.items()
            configs[name] = config
        else:
            name = item
        names.append(name)
    return markdown.Markdown(extensions=names, extension_configs=configs)


def site_extension_names() -> set[str]:
    """Names of the Markdown extensions that mkdocs.yml enables."""
    extensions = load_mkdocs_config(ROOT / "mkdocs.yml")["markdown_extensions"]
    return {item if isinstance(item, str) else next(iter(item)) for item in extensions}


class VisibleText(HTMLParser):
    """Text a reader sees per block (heading, paragraph, cell), permalink signs left out."""

    BLOCKS = ("h2", "p", "td", "a")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.open: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.in_permalink = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "a" and "headerlink" in (attributes.get("class") or ""):
            self.in_permalink = True
        elif tag in self.BLOCKS:
            self.blocks.append((tag, ""))
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.in_permalink:
            self.in_permalink = False
        elif self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and not self.in_permalink:
            tag, text = self.blocks[-1]
            self.blocks[-1] = (tag, text + data)


def read_visible(html: str) -> VisibleText:
    """Parse HTML into its visible blocks and its elements."""
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser


HTML_TEMPLATE = """\
Text.

<table>
<tbody>
<tr><td>{{ text|html }}</td><td><a href="../page/">{{ text|html }}</a></td></tr>
</tbody>
</table>
"""
"""Record text where the site's HTML blocks put it: a table cell and a link."""


def render_page(text: str, template: str = TEMPLATE) -> str:
    """Record text rendered like a page: template, Markdown, sanitizer."""
    # Loaded by a .md.j2 name, so that autoescaping is decided as for the site's templates;
    # an overlay, since the site's environment is shared and must keep its own loader.
    probe = jinja2.DictLoader({"probe.md.j2": template})
    loader = jinja2.ChoiceLoader([probe, jinja2.FileSystemLoader(ROOT / "templates")])
    env = template_env(ROOT / "templates").overlay(loader=loader)
    page = env.get_template("probe.md.j2").render(text=text)
    return sanitize_html(site_markdown().convert(page))


# --- The escaper and mkdocs.yml --------------------------------------------------------------


def test_escape_table_names_exactly_the_extensions_of_mkdocs_yml() -> None:
    assert set(EXTENSION_SPECIALS) == site_extension_names(), (
        "mkdocs.yml and generator/text/markdown.py EXTENSION_SPECIALS disagree: review md_escape"
    )


def test_md_escape_escapes_every_character_the_site_markdown_treats_as_special() -> None:
    special = set(site_markdown().ESCAPED_CHARS) | set(MARKDOWN_SPECIALS)
    special |= set("".join(EXTENSION_SPECIALS.values())) | {"&", "<", ">"}
    for char in sorted(special):
        assert md_escape(char) != char, f"md_escape leaves {char!r} as it is"


# --- Property: the same visible text --------------------------------------------------------


@hypothesis_settings(max_examples=200, deadline=None)
@given(hostile_text)
def test_record_text_survives_template_markdown_and_sanitizer_as_the_same_text(text: str) -> None:
    parsed = read_visible(render_page(text))
    expected = " ".join(text.split())
    assert [tag for tag, _ in parsed.blocks] == ["h2", "p", "td", "td", "a"]
    assert [" ".join(seen.split()) for tag, seen in parsed.blocks if tag != "td"] == [expected] * 3
    assert " ".join(parsed.blocks[2][1].split()) == expected
    allowed = {"h2", "a", "p", "table", "thead", "tbody", "tr", "th", "td"}
    assert {tag for tag, _ in parsed.tags} <= allowed
    assert not [name for _, attrs in parsed.tags for name in attrs if name.startswith("on")]


@hypothesis_settings(max_examples=200, deadline=None)
@given(hostile_text)
def test_record_text_in_an_html_block_is_the_same_text_with_or_without_setting_it_aside(
    text: str,
) -> None:
    expected = " ".join(text.split())
    probe = jinja2.DictLoader({"probe.md.j2": HTML_TEMPLATE})
    env = template_env(ROOT / "templates").overlay(loader=probe)
    page = env.get_template("probe.md.j2").render(text=text)
    stashed, blocks = stash_blocks(page)
    assert len(blocks) == 1
    passed_through = sanitize_html(site_markdown().convert(page))
    set_aside = sanitize_html(restore_blocks(site_markdown().convert(stashed), blocks))
    for html in (passed_through, set_aside):
        parsed = read_visible(html)
        assert [tag for tag, _ in parsed.blocks] == ["p", "td", "td", "a"]
        assert [" ".join(seen.split()) for _, seen in parsed.blocks] == [
            "Text.",
            expected,
            "",
            expected,
        ]
        assert {tag for tag, _ in parsed.tags} <= {"p", "table", "tbody", "tr", "td", "a"}
        assert [attrs for tag, attrs in parsed.tags if tag == "a"] == [{"href": "../page/"}]


# --- The sanitizer ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hostile", "kept"),
    [
        ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
        ("<img src=x onerror=alert(1)>", '<img src="x">'),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="java\tscript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href=" JAVASCRIPT:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="vbscript:msgbox(1)">x</a>', "<a>x</a>"),
        ('<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>', "<a>x</a>"),
        ('<img src="javascript:alert(1)" alt="i">', '<img alt="i">'),
        ('<img src="https://example.org/track.png" alt="i">', '<img alt="i">'),
        ('<IMG SRC="https://example.org/track.png" ALT="i">', '<img alt="i">'),
        ('<img\nsrc="//example.org/track.png">', "<img>"),
        ('<image src="https://example.org/track.png" alt="i">', '<img alt="i">'),
        ('<p>t<IMAGE SRC="//example.org/track.png"></p>', "<p>t<img></p>"),
        ('<p onclick="alert(1)" class="note">t</p>', '<p class="note">t</p>'),
        ("<svg onload=alert(1)><circle/></svg>t", "t"),
        ('<iframe src="https://example.org/"></iframe>t', "t"),
        ("<style>body{display:none}</style>t", "t"),
        ("<!-- comment -->t", "t"),
        ('<object data="x.swf"></object><embed src="x.swf">t', "t"),
        ('<details open ontoggle="alert(1)"><summary>s</summary></details>', ""),
        ('<form action="https://example.org/"><input name="q"></form>t', "t"),
        ('<script src="https://example.org/x.js"></script>t', "t"),
        ('<script src="../assets/x.js">alert(1)</script>t', "t"),
        ('<link rel="stylesheet" href="https://example.org/x.css">t', "t"),
        ('<span data-asset="0"></span>', "<span></span>"),
        ('<span data-md-component="x">t</span>', "<span>t</span>"),
        ('<div data-points="javascript:alert(1)"></div>', "<div></div>"),
        ('<div data-outline="https://example.org/x.json"></div>', "<div></div>"),
        ('<div tabindex="-1"></div><span tabindex="0">t</span>', "<div></div><span>t</span>"),
        ('<DIV TabIndex="-1" DATA-POINTS="https://example.org/x.json"></DIV>', "<div></div>"),
        ('<td style="background: url(javascript:alert(1))">1</td>', "1"),
    ],
)  # fmt: skip
def test_sanitize_html_drops_dangerous_markup(hostile: str, kept: str) -> None:
    cleaned = sanitize_html(hostile)
    if hostile.startswith("<details"):
        assert "ontoggle" not in cleaned
        return
    assert cleaned == kept


def test_sanitize_html_keeps_what_the_theme_and_templates_need() -> None:
    page = (
        '<h2 id="figures">Figures<a class="headerlink" href="#figures" title="Permanent link">'
        "&para;</a></h2>\n"
        '<pre><code class="language-yaml">a: &lt;b&gt;</code></pre>\n'
        '<div class="admonition warning">\n<p class="admonition-title">Withdrawn</p>\n</div>\n'
        '<table>\n<thead>\n<tr>\n<th style="text-align: right;">N</th>\n</tr>\n</thead>\n'
        '<tbody>\n<tr>\n<td style="text-align: right;" colspan="2">1</td>\n</tr>\n</tbody>\n'
        "</table>\n"
        '<p><a class="citation" href="#src-a" title="Example">[1]</a> '
        '<a href="../incidents/x/">x</a> <a href="https://example.org/a?b=1&amp;c=2">y</a>'
        ' <span class="year-bar" style="width: 40%" aria-hidden="true"></span></p>\n'
        '<ol><li class="source-entry" id="src-a">A</li></ol>\n'
        '<img alt="Chart" src="charts/map.svg">\n'
        '<div id="incident-map" class="incident-map" data-points="overview.json"'
        ' data-outline="outline.json" role="region" aria-label="Map of incidents"></div>\n'
        '<div class="report-table" role="region" aria-label="Summary" tabindex="0"></div>\n'
    )
    cleaned = sanitize_html(page)
    for kept in (
        '<h2 id="figures">',
        '<a class="headerlink" href="#figures" title="Permanent link">¶</a>',
        '<code class="language-yaml">a: &lt;b&gt;</code>',
        '<div class="admonition warning">',
        '<p class="admonition-title">',
        '<th style="text-align:right">',
        '<td style="text-align:right" colspan="2">',
        '<a class="citation" href="#src-a" title="Example">',
        '<a href="../incidents/x/">',
        '<a href="https://example.org/a?b=1&amp;c=2">',
        '<span class="year-bar" style="width:40%" aria-hidden="true">',
        '<li class="source-entry" id="src-a">',
        '<img alt="Chart" src="charts/map.svg">',
        '<div id="incident-map" class="incident-map" data-points="overview.json"'
        ' data-outline="outline.json" role="region" aria-label="Map of incidents">',
        '<div class="report-table" role="region" aria-label="Summary" tabindex="0">',
    ):
        assert kept in cleaned, kept
    assert sanitize_html(cleaned) == cleaned


def test_sanitize_html_output_is_deterministic() -> None:
    page = '<p>x</p><script src="../assets/map.js"></script><p onclick="y">z</p>'
    assert sanitize_html(page) == sanitize_html(page)
    assert not re.search(r"data-asset|[0-9a-f]{32}", sanitize_html(page))
