"""Safety rules that hold for the whole code base."""

from __future__ import annotations

import re

from generator.core.settings import ROOT

# Built from parts so that this file does not match itself.
UNSAFE = re.compile(
    "|".join(
        [
            r"yaml\.load\(",
            "unsafe" + "_load",
            "Full" + "Loader",
            r"Loader\s*=\s*yaml\.Loader",
            r"yaml\.Unsafe",
        ]
    )
)
LOADER_MODULE = ROOT / "generator" / "content" / "tags.py"
"""The module that defines the one YAML loader the content is read with (``content.load``)."""
SITE_SETTINGS_MODULE = ROOT / "generator" / "core" / "site_info.py"


def test_safety_yaml_is_parsed_only_safely_and_only_in_the_loader() -> None:
    offenders = []
    for path in sorted(ROOT.glob("**/*.py")):
        if any(part in {".venv", "node_modules", "build"} for part in path.parts):
            continue
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            if UNSAFE.search(line) and path not in {LOADER_MODULE, SITE_SETTINGS_MODULE}:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_safety_loader_uses_only_safe_loaders() -> None:
    text = LOADER_MODULE.read_text(encoding="utf-8")
    assert 'getattr(yaml, "CSafeLoader", yaml.SafeLoader)' in text
    assert text.count("yaml" + ".load(") == 0
    assert not re.search("unsafe" + "_load|Full" + "Loader|yaml\\.Loader\\b", text)
    # The one yaml.load reads mkdocs.yml with MkDocs' loader built on the safe loader.
    site_text = SITE_SETTINGS_MODULE.read_text(encoding="utf-8")
    assert site_text.count("yaml" + ".load(") == 1
    assert "get_yaml_loader(loader=yaml.SafeLoader)" in site_text
    assert not re.search("unsafe" + "_load|Full" + "Loader|yaml\\.Loader\\b", site_text)
