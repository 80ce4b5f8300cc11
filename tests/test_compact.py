"""Finished pages lose the theme's indentation, never white space that a reader sees."""

from __future__ import annotations

from generator.site.compact import compact_html
from generator.site.mkdocs_plugin import on_post_page, on_post_template


def test_compact_html_writes_each_indented_break_as_one_newline() -> None:
    page = "<ul>\n    <li>\n      \n      <a href='x'>A</a>\n    </li>\n  </ul>\n"
    assert compact_html(page) == "<ul>\n<li>\n<a href='x'>A</a>\n</li>\n</ul>\n"


def test_compact_html_leaves_spaces_within_a_line() -> None:
    assert compact_html("<p>a  b\tc</p>") == "<p>a  b\tc</p>"


def test_compact_html_keeps_preformatted_code_and_scripts_as_they_are() -> None:
    kept = (
        "<pre><code>SELECT *\n    FROM incidents\n\n  WHERE 1</code></pre>",
        "<textarea>\n  a\n</textarea>",
        "<code>x\n   y</code>",
        "<script>\n  var a = `\n    b`;\n</script>",
        "<PRE class='q'>\n  a\n</PRE >",
    )
    for element in kept:
        assert compact_html(f"<div>\n  {element}\n  </div>") == f"<div>\n{element}\n</div>"


def test_plugin_compacts_every_finished_page() -> None:
    config = {"extra": {}}
    page = "<html>\n  <body>\n    <p>T</p>\n  </body>\n</html>"
    compact = "<html>\n<body>\n<p>T</p>\n</body>\n</html>"
    assert on_post_page(page, None, config) == compact
    assert on_post_template(page, "404.html", config) == compact


def test_compact_html_compacts_inside_and_around_the_content_element_alike() -> None:
    loose = "<div>\n  <article class='c'>\n<p>a</p>\n  <p>b</p>\n\n</article >\n  </div>"
    expected = "<div>\n<article class='c'>\n<p>a</p>\n<p>b</p>\n</article >\n</div>"
    assert compact_html(loose) == expected
    compact_inside = "<div>\n  <article>\n<p>a  b</p>\n<p>c</p>\n</article>\n  </div>"
    expected = "<div>\n<article>\n<p>a  b</p>\n<p>c</p>\n</article>\n</div>"
    assert compact_html(compact_inside) == expected
