"""The golden Markdown tree: `make golden` builds tests/fixtures/content/ into tests/golden/docs/.

The site tests compare a fresh build with this tree and show a unified diff; review the diff of
tests/golden/ before accepting a change. Binary assets (Leaflet, images) are left out.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from generator.build.check import load_checked
from generator.build.pipeline import generate_files
from generator.core.outputs import content_bytes
from generator.core.settings import ROOT, Settings
from tests.conftest import make_settings, today_for

TESTS = Path(__file__).resolve().parent
FIXTURE_CONTENT = TESTS / "fixtures" / "content"
GOLDEN_DOCS = TESTS / "golden" / "docs"
REPO_URL = "https://example.org/incident-record"
"""A placeholder repository address for tests, so that "edit this record" links appear."""
GOLDEN_SUFFIXES = (".md", ".json")


def prepare_root(root: Path, content: Path = FIXTURE_CONTENT) -> Settings:
    """Lay out a repository under ``root``: the content, the site's pages and mkdocs.yml."""
    shutil.copytree(content, root / "content")
    if not (root / "content" / "pages").exists():
        shutil.copytree(ROOT / "content" / "pages", root / "content" / "pages")
    copy_mkdocs_yml(root)
    return make_settings(root, today=today_for(content))


def copy_mkdocs_yml(root: Path) -> None:
    """Copy mkdocs.yml into ``root`` (its plugin comes from the installed package)."""
    shutil.copyfile(ROOT / "mkdocs.yml", root / "mkdocs.yml")


def site_environment() -> dict[str, str]:
    """The environment a test build runs in: a repository address and no published address."""
    environment = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL")}
    environment["REPO_URL"] = REPO_URL
    return environment


def golden_files(settings: Settings) -> dict[str, str]:
    """The site's generated pages and map points, keyed by path.

    Copies (hand-written pages, assets), other stages' files (report, data) and the map's
    country outline (Natural Earth from node_modules/, not from the content) are left out.
    """
    dataset, _ = load_checked(settings)
    files = generate_files(dataset, settings)
    pages = settings.content_dir / "pages"
    copied = {p.relative_to(pages).as_posix() for p in pages.rglob("*") if p.is_file()}
    return {
        path: content_bytes(content).decode("utf-8")
        for path, content in sorted(files.items())
        if path.endswith(GOLDEN_SUFFIXES)
        and path not in copied
        and not path.startswith(("report/", "data/", "assets/"))
        and path != "map/outline.json"
    }


def build_golden() -> dict[str, str]:
    """Build the fixture corpus in a temporary repository; return the golden files."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(site_environment())
    try:
        with tempfile.TemporaryDirectory() as folder:
            return golden_files(prepare_root(Path(folder)))
    finally:
        os.environ.clear()
        os.environ.update(saved)


def main() -> int:
    """Rewrite tests/golden/docs/ from the fixture corpus."""
    files = build_golden()
    shutil.rmtree(GOLDEN_DOCS, ignore_errors=True)
    for path, text in files.items():
        target = GOLDEN_DOCS / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
    print(f"wrote {len(files)} files into {GOLDEN_DOCS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
