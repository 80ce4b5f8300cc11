"""The generator's HTML blocks skip Python-Markdown and come back whole, in place, and cleaned."""

from __future__ import annotations

from types import SimpleNamespace

import markdown

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
"""
"""An invented page: a heading, Markdown text, a table block, a list and a source list."""


def test_stash_blocks_sets_aside_each_whole_block_for_a_marker() -> None:
    stashed, blocks = stash_blocks(PAGE)
    assert list(blocks.values()) == [
        '<table>\n<tbody>\n<tr><td id="c1">a *not emphasis*</td></tr>\n</tbody>\n</table>',
        '<ol>\n<li id="src-x" class="source-entry">Source</li>\n</ol>',
    ]
    first, second = blocks
    assert stashed == f"# T\n\nText *one*.\n\n{first}\n\n- item\n\n{second}\n"
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
