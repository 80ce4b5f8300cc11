"""A fingerprint of everything a build reads, so that a rerun with no change does nothing.

The fingerprint hashes the bytes of every content file, template and generator module, the
site configuration, the pinned front-end packages, the git commit (pages show dates from git
history), the build date and the build options. A build that finds the fingerprint of its
last success unchanged, with its output still in place, writes nothing.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from . import __version__
from .settings import ROOT, Settings


def input_fingerprint(settings: Settings, printable: bool) -> str:
    """The hex digest of every input of a docs build."""
    digest = hashlib.blake2b(digest_size=20)
    options = f"{__version__}|{settings.today}|{settings.strict}|{printable}|{_git_head(settings)}"
    digest.update(options.encode("utf-8"))
    inputs = [*settings.content_dir.rglob("*"), *settings.templates_dir.rglob("*")]
    for path in [*sorted(inputs), *sorted((ROOT / "generator").rglob("*.py"))]:
        if path.is_file():
            _add_file(digest, path)
    for path in (settings.mkdocs_yml, ROOT / "package-lock.json"):
        if path.is_file():
            _add_file(digest, path)
    return digest.hexdigest()


def _add_file(digest: hashlib.blake2b, path: Path) -> None:
    digest.update(str(path).encode("utf-8") + b"\0")
    digest.update(path.read_bytes())
    digest.update(b"\0")


def _git_head(settings: Settings) -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(settings.root), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "no git"
    return result.stdout.strip()
