"""The one Jinja environment: shared by every stage, so each template is compiled once."""

from __future__ import annotations

from pathlib import Path

from generator.text.jinja import template_env


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
