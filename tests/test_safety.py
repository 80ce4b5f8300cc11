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
LOADER_MODULE = ROOT / "generator" / "content" / "load.py"


def test_safety_yaml_is_parsed_only_safely_and_only_in_the_loader() -> None:
    offenders = []
    for path in sorted(ROOT.glob("**/*.py")):
        if any(part in {".venv", "node_modules", "build"} for part in path.parts):
            continue
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            if UNSAFE.search(line) and path != LOADER_MODULE:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_safety_loader_uses_only_safe_loaders() -> None:
    text = LOADER_MODULE.read_text(encoding="utf-8")
    assert "yaml.CSafeLoader" in text
    # The one yaml.load reads mkdocs.yml with MkDocs' loader built on the safe loader.
    assert text.count("yaml" + ".load(") == 1
    assert "get_yaml_loader(loader=yaml.SafeLoader)" in text
    assert not re.search("unsafe" + "_load|Full" + "Loader|yaml\\.Loader\\b", text)
