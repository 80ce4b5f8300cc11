"""Zensical, measured only with ``--zensical``: installed in its own venv, given the site's config.

It builds the same generated Markdown as MkDocs into ``build/site-zensical``, for comparison.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from generator.bench.process import BENCH_DIR, ZENSICAL, last_line


def ensure_zensical() -> Path | str:
    """The zensical command in its own venv under build/bench/, or why it could not install."""
    venv = BENCH_DIR / "zensical-venv"
    command = venv / "bin" / "zensical"
    if command.is_file():
        return command
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", ZENSICAL],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, encoding="utf-8")
        if done.returncode != 0:
            shutil.rmtree(venv, ignore_errors=True)
            return f"could not install {ZENSICAL}: {last_line(done.stderr + done.stdout)}"
    return command


def zensical_config(root: Path) -> tuple[Path, Path]:
    """A copy of ``root``'s mkdocs.yml that builds into build/site-zensical; it and that folder."""
    config = root / "mkdocs.zensical.yml"
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(
        text.replace("site_dir: build/site", "site_dir: build/site-zensical"), encoding="utf-8"
    )
    return config, root / "build" / "site-zensical"
