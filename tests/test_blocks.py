"""The generator's HTML blocks skip Python-Markdown and come back whole, in place, and cleaned."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import markdown
import pytest
from mkdocs.structure.toc import get_toc

from generator.site.block_pages import check_block_links, merged_toc
from generator.site.blocks import block_ids, restore_blocks, stash_blocks
from generator.site.mkdocs_plugin import SitePlugin

PAGE = """# T

Text *one*.

<table>
<tbody>
<tr><td id="c1">a *not emphasis*</td></tr>
</tbody>
</table>

- item

<ol>
<li id="src-x" class="source-entry">Source</li>
</ol>

Listed:

<div class="count-last"><table>
<tbody>
<tr><td><a href="x/">**x**</a></td></tr>
</tbody>
</table></div>
"""
"""An invented page: a heading, Markdown text, a table block, a list, a source list and a
listing's table in its container."""


def test_stash_blocks_sets_aside_each_whole_block_for_a_marker() -> None:
    stashed, blocks = stash_blocks(PAGE)
    assert list(blocks.values()) == [
        '<table>\n<tbody>\n<tr><td id="c1">a *not emphasis*</td></tr>\n</tbody>\n</table>',
        '<ol>\n<li id="src-x" class="source-entry">Source</li>\n</ol>',
        '<div class="count-last"><table>\n<tbody>\n<tr><td><a href="x/">**x**</a></td></tr>\n'
        "</tbody>\n</table></div>",
    ]
    first, second, third = blocks
    assert stashed == (
        f"# T\n\nText *one*.\n\n{first}\n\n- item\n\n{second}\n\nListed:\n\n{third}\n"
    )
    assert block_ids(blocks) == {"c1", "src-x"}


def test_blocks_come_back_as_python_markdown_would_have_passed_them() -> None:
    stashed, blocks = stash_blocks(PAGE)
    converted = restore_blocks(markdown.markdown(stashed), blocks)
    # The same elements in the same order; only blank lines between them differ.
    assert converted.split() == markdown.markdown(PAGE).split()


def test_markers_differ_between_pages_so_record_text_cannot_name_one() -> None:
    one = stash_blocks(PAGE)[1]
    other = stash_blocks(PAGE.replace("Source", "Another"))[1]
    assert not set(one) & set(other)


def test_blocks_with_markdown_inside_or_in_code_stay_in_the_page() -> None:
    kept = (
        '<div class="infobox" markdown>\n\n| a |\n|---|\n\n</div>\n',
        "```html\n\n<table>\n<tr><td>x</td></tr>\n</table>\n\n```\n",
        "<table>\n<tr><td>no end</td></tr>\n",
        '<p markdown="1">*x*</p>\n',
    )
    for page in kept:
        assert stash_blocks(page) == (page, {})


def test_plugin_puts_blocks_back_and_cleans_them_with_the_page() -> None:
    plugin = SitePlugin()
    page = SimpleNamespace(file=SimpleNamespace(src_uri="x.md"), meta={}, present_anchor_ids={"t"})
    hostile = '<table>\n<tr><td onclick="alert(1)">a<script>alert(1)</script></td></tr>\n</table>'
    source = f"Text.\n\n{hostile}\n"
    stashed = plugin.on_page_markdown(source, page=page, config={}, files=None)
    assert "<table>" not in stashed
    html = plugin.on_page_content(markdown.markdown(stashed), page=page, config={}, files=None)
    assert html == "<p>Text.</p>\n<table>\n<tbody><tr><td>a</td></tr>\n</tbody></table>"
    assert page.present_anchor_ids == {"t"}


GENERATED = """# T

<p>Lead with <a href="#later">a link</a>.</p>

<h2 id="first">First &amp; “only”</h2>

<table>
<tr><td>a</td></tr>
</table>

Markdown *between*.

<h3 id="later">Later</h3>

<div class="admonition warning">
<p class="admonition-title">Sources disagree</p>
<p>Reports differ.</p>
</div>

<blockquote>
<p>Words.</p>
</blockquote>
"""
"""An invented page as the generator writes one: its blocks, with one Markdown paragraph."""


def site_markdown() -> markdown.Markdown:
    """Python-Markdown as mkdocs.yml configures it."""
    return markdown.Markdown(
        extensions=["tables", "admonition", "attr_list", "md_in_html", "toc"],
        extension_configs={"toc": {"permalink": True}},
    )


def test_stash_blocks_gives_blocks_in_a_row_one_marker() -> None:
    stashed, blocks = stash_blocks(GENERATED)
    first, second = blocks
    assert stashed == f"# T\n\n{first}\n\nMarkdown *between*.\n\n{second}\n"
    assert blocks[first].startswith("<p>Lead with")
    assert blocks[first].endswith("<tr><td>a</td></tr>\n</table>")
    assert blocks[second].startswith('<h3 id="later">Later</h3>\n<div class="admonition warning">')
    assert blocks[second].endswith("<p>Words.</p>\n</blockquote>")


def test_heading_blocks_come_back_as_python_markdown_writes_headings() -> None:
    stashed, blocks = stash_blocks(GENERATED)
    converted = restore_blocks(site_markdown().convert(stashed), blocks, "&para;")
    written = site_markdown().convert(
        "# T\n\n## First &amp; “only” { #first }\n\n### Later { #later }\n"
    )
    for heading in written.splitlines()[1:]:
        assert heading in converted
    assert '<h2 id="first">First &amp; “only”<a class="headerlink" href="#first"' in converted
    assert restore_blocks(f"<p>{next(iter(blocks))}</p>", blocks).count("headerlink") == 0


def test_page_table_of_contents_lists_block_headings_among_the_markdown_ones() -> None:
    stashed, blocks = stash_blocks(GENERATED.replace("Markdown *between*.", "## Middle"))
    md = site_markdown()
    converted = md.convert(stashed)
    toc = merged_toc(converted, blocks, get_toc(md.toc_tokens))  # type: ignore[attr-defined]
    [title] = toc
    assert (title.title, title.id, title.level) == ("T", "t", 1)
    assert [(link.title, link.id, link.level) for link in title.children] == [
        ("First &amp; “only”", "first", 2),
        ("Middle", "middle", 2),
    ]
    assert [(link.title, link.id) for link in title.children[1].children] == [("Later", "later")]


def test_page_table_of_contents_is_the_markdown_one_without_block_headings() -> None:
    stashed, blocks = stash_blocks(PAGE)
    md = site_markdown()
    toc = get_toc(md.toc_tokens) if md.convert(stashed) else None  # type: ignore[attr-defined]
    assert merged_toc(md.convert(stashed), blocks, toc) is toc


def test_block_links_are_checked_as_mkdocs_checks_markdown_links(
    caplog: pytest.LogCaptureFixture,
) -> None:
    here, there = _File("incidents/a.md"), _File("incidents/b.md")
    links_to_anchors: dict[object, dict[str, str]] = {}
    page = SimpleNamespace(url="incidents/a/", file=here, links_to_anchors=links_to_anchors)
    blocks = {
        "m": '<p><a href="#here">1</a> <a class="citation" href="../b/#there">2</a></p>',
        "n": '<p><a href="../../missing/">3</a> <a href="https://example.org/x#y">4</a></p>',
    }
    urls = {"incidents/a": here, "incidents/b": there}
    with caplog.at_level(logging.WARNING):
        check_block_links(page, blocks, urls, logging.WARNING)
    assert links_to_anchors == {here: {"here": "#here"}, there: {"there": "../b/#there"}}
    assert [record.getMessage() for record in caplog.records] == [
        "Doc file 'incidents/a.md' contains a link '../../missing/' in an HTML block, "
        "but no page or file of the site is at that address."
    ]


class _File:
    """A stand-in for an MkDocs file: hashable, with its source path."""

    def __init__(self, src_uri: str) -> None:
        self.src_uri = src_uri


def test_block_heading_is_named_in_the_table_of_contents_as_markdown_names_it() -> None:
    md = site_markdown()
    md.convert("## It&#x27;s &quot;A&quot; &amp; B { #x }\n")
    [written] = md.toc_tokens  # type: ignore[attr-defined]
    stashed, blocks = stash_blocks('<h2 id="x">It&#x27;s &quot;A&quot; &amp; B</h2>\n')
    [link] = merged_toc(site_markdown().convert(stashed), blocks, get_toc([]))
    assert (link.title, link.id, link.level) == (written["name"], "x", 2)
