"""The one Jinja environment: shared by every stage, so each template is compiled once."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.core.settings import TEMPLATES
from generator.text.jinja import template_env, templates_stamp


def _templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.md.j2").write_text("{{ kind | words }}: {{ note | md }}\n", encoding="utf-8")
    (folder / "page.html.j2").write_text("<p>{{ note }}</p>\n", encoding="utf-8")
    return folder


def test_template_env_is_one_environment_per_folder_and_names(tmp_path: Path) -> None:
    folder = _templates(tmp_path)
    env = template_env(folder, {"KZ": "Kazakhstan"})
    assert template_env(folder, {"KZ": "Kazakhstan"}) is env
    assert template_env(folder, {"KZ": "Qazaqstan"}) is not env
    assert template_env(folder) is not env


def test_a_changed_template_gives_a_new_environment(tmp_path: Path) -> None:
    # The environment never looks at a compiled template's file again (a long-lived process,
    # the live preview, asks for it anew after a build): the templates' stamp tells.
    folder = _templates(tmp_path)
    env = template_env(folder)
    assert env.get_template("page.html.j2").render(note="n") == "<p>n</p>\n"
    (folder / "page.html.j2").write_text("<div>{{ note }}</div>\n", encoding="utf-8")
    assert env.get_template("page.html.j2").render(note="n") == "<p>n</p>\n"
    again = template_env(folder)
    assert again is not env
    assert again.get_template("page.html.j2").render(note="n") == "<div>n</div>\n"
    assert template_env(folder, stamp=templates_stamp(folder)) is again


def test_template_env_compiles_a_template_once(tmp_path: Path) -> None:
    folder = _templates(tmp_path)
    first = template_env(folder).get_template("page.md.j2")
    assert template_env(folder).get_template("page.md.j2") is first


def test_template_env_escapes_markdown_and_html(tmp_path: Path) -> None:
    env = template_env(_templates(tmp_path))
    values = {"kind": "armed-assault", "note": "<b>*bold*</b>"}
    assert env.get_template("page.md.j2").render(values) == (
        "armed assault: &lt;b&gt;\\*bold\\*&lt;/b&gt;\n"
    )
    assert env.get_template("page.html.j2").render(values) == ("<p>&lt;b&gt;*bold*&lt;/b&gt;</p>\n")


def _cite(ids: list[str], numbers: dict[str, int], by_number: bool = False) -> str:
    cite = template_env(TEMPLATES).get_template("partials/cite.md.j2").module.cite  # type: ignore[attr-defined]
    return str(cite(ids, numbers, by_number=by_number))


def test_cite_links_each_source_once_in_order_of_citation() -> None:
    numbers = {"b-src": 2, "a-src": 1, "A-SRC": 3}
    assert _cite(["b-src", "a-src", "b-src", "A-SRC"], numbers) == (
        '<a class="citation" href="#src-b-src">[2]</a><a class="citation" href="#src-a-src">[1]</a>'
    )
    assert _cite([], numbers) == ""


def test_cite_by_number_orders_the_links_by_their_numbers() -> None:
    numbers = {"c-src": 10, "b-src": 2, "a-src": 1}
    assert _cite(["c-src", "b-src", "a-src", "b-src"], numbers, by_number=True) == (
        '<a class="citation" href="#src-a-src">[1]</a><a class="citation" href="#src-b-src">[2]</a>'
        '<a class="citation" href="#src-c-src">[10]</a>'
    )


def test_cite_fails_on_a_source_without_a_number() -> None:
    with pytest.raises(jinja2.UndefinedError, match="no citation number for 'c-src'"):
        _cite(["c-src"], {"a-src": 1})
