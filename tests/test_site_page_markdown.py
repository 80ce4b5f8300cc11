"""Pages converted by one Python-Markdown instance (``site.page_markdown``) come out as MkDocs'
own conversion makes them, page after page, with nothing carried from one page to the next."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.build.pipeline import build_docs
from generator.site.page_fork import CHECKED
from generator.site.page_markdown import PageConverter, can_reuse
from tests.golden import prepare_root


def _pages(root: Path) -> tuple[Any, Any, list[Any]]:
    """MkDocs' configuration, files and every page of the site at ``root``, read."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    config = load_config(str(root / "mkdocs.yml"))
    files = get_files(config)
    pages = []
    for file in files.documentation_pages():
        page = Page(None, file, config)
        page.read_source(config)
        pages.append(page)
    return config, files, pages


def _converted(page: Any) -> tuple[object, ...]:
    """What converting a page gives: its HTML, table of contents, title and anchors."""
    toc = [(item.title, item.id, item.level, len(item.children)) for item in _items(page.toc)]
    links = {file.src_uri: anchors for file, anchors in (page.links_to_anchors or {}).items()}
    return page.content, toc, page._title_from_render, page.present_anchor_ids, links


def _items(toc: Any) -> list[Any]:
    """Every entry of a table of contents, depth first."""
    found = []
    for item in toc:
        found += [item, *_items(item.children)]
    return found


def test_one_instance_converts_every_page_as_mkdocs_does(tmp_path: Path) -> None:
    settings = prepare_root(tmp_path)
    build_docs(settings)
    # A link reference defined on one page is unknown on the next: a reused instance that
    # was not reset would link it.
    first, *_, last = sorted(settings.docs_dir.rglob("*.md"))
    with first.open("a", encoding="utf-8") as page:
        page.write("\n[defined-before]: https://example.org/\n")
    with last.open("a", encoding="utf-8") as page:
        page.write("\n[a link][defined-before]\n")
    config, files, pages = _pages(tmp_path)
    assert len(pages) > 20
    expected = []
    for page in pages:
        page.render(config, files)  # MkDocs' own: a new instance for each page
        expected.append(_converted(page))
    converter = PageConverter(config)
    for page in pages:
        converter.take(page)
        page.render(config, files)
    assert [_converted(page) for page in pages] == expected
    assert (
        "[a link][defined-before]"
        in {page.file.abs_src_path: page for page in pages}[str(last)].content
    )


@pytest.mark.parametrize(
    ("version", "plugins", "expected"),
    [
        (f"{CHECKED[0]}1", ["incident-record"], True),
        ("1.6.1", [], True),
        ("1.7.0", ["incident-record"], False),
        ("2.0.0", ["incident-record"], False),
        # Another plugin may render pages its own way.
        ("1.6.1", ["incident-record", "search"], False),
    ],
)
def test_one_instance_only_with_a_checked_mkdocs_and_no_other_plugin(
    version: str, plugins: list[str], expected: bool
) -> None:
    assert can_reuse(version, plugins) is expected
