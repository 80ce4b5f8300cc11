"""The MkDocs hooks: the theme's repository link makes no request unless the owner asks."""

from __future__ import annotations

from typing import Any

import pytest

from generator.site.mkdocs_plugin import on_post_page, on_post_template

HEADER = (
    '<a href="https://github.com/example/incident-record" title="Go to repository"'
    ' class="md-source" data-md-component="source">'
)
PLAIN = '<a href="https://github.com/example/incident-record" title="Go to repository"'
PLAIN += ' class="md-source">'


@pytest.mark.parametrize("extra", [{}, {"repository_facts": False}, {"repository_facts": "yes"}])
def test_repository_link_is_plain_unless_facts_are_asked_for(extra: dict[str, Any]) -> None:
    config = {"extra": extra}
    assert on_post_page(HEADER + HEADER, None, config) == PLAIN + PLAIN
    assert on_post_template(HEADER, "404.html", config) == PLAIN


def test_repository_facts_stay_when_the_owner_asks_for_them() -> None:
    config = {"extra": {"repository_facts": True}}
    assert on_post_page(HEADER, None, config) == HEADER
    assert on_post_template(HEADER, "404.html", config) == HEADER
