"""A fingerprint of everything a build reads, so that a rerun with no change does nothing.

The fingerprint hashes the bytes of every content file, template and generator module, the
site configuration, the pinned front-end packages, the git commit (pages show dates from git
history), the build date and the build options. A build that finds the fingerprint of its
last success unchanged, with its output still in place, writes nothing.

Files are not read again when unchanged: ``FileDigests`` keeps each file's digest with its
size and modification time, and reads a file only when either differs, so a rerun over
100,000 records costs a ``stat`` per file.
"""

from __future__ import annotations

import hashlib
import pickle
import subprocess
from pathlib import Path

from . import __version__
from .cache import read_state
from .settings import ROOT, Settings

RACY_NS = 2_000_000_000
"""A file changed this close to when its digest was stored could change again unseen
within the same timestamp tick, so its digest is not trusted (as git does for its index)."""


class FileDigests:
    """Digests of file contents, reusing those stored for files whose size and mtime match."""

    def __init__(self, stored: dict[str, tuple[int, int, str]] | None = None) -> None:
        self.stored = stored or {}
        self.current: dict[str, tuple[int, int, str]] = {}

    @classmethod
    def read(cls, path: Path) -> FileDigests:
        """The digests stored at ``path``, trusting only files older than the store itself."""
        stored = read_state(path)
        if not isinstance(stored, dict):
            return cls()
        written = path.stat().st_mtime_ns
        return cls({k: v for k, v in stored.items() if v[1] < written - RACY_NS})

    def digest(self, path: Path) -> str:
        """The hex digest of the file's bytes."""
        stat = path.stat()
        key = str(path)
        # Seen earlier in this run (the fingerprint, then a cache name), or at the last build.
        known = self.current.get(key) or self.stored.get(key)
        if known is not None and known[:2] == (stat.st_size, stat.st_mtime_ns):
            digest = known[2]
        else:
            digest = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
        self.current[key] = (stat.st_size, stat.st_mtime_ns, digest)
        return digest

    def dumps(self) -> bytes:
        """The digests seen in this run, to be stored for the next one."""
        return pickle.dumps(self.current, pickle.HIGHEST_PROTOCOL)


def input_fingerprint(settings: Settings, printable: bool, digests: FileDigests) -> str:
    """The hex digest of every input of a docs build."""
    digest = hashlib.blake2b(digest_size=20)
    options = f"{__version__}|{settings.today}|{settings.strict}|{printable}|{_git_head(settings)}"
    digest.update(options.encode("utf-8"))
    inputs = [*settings.content_dir.rglob("*"), *settings.templates_dir.rglob("*")]
    inputs = [*sorted(inputs), *sorted((ROOT / "generator").rglob("*.py"))]
    for path in [*inputs, settings.mkdocs_yml, ROOT / "package-lock.json"]:
        if path.is_file():
            digest.update(f"{path}\0{digests.digest(path)}\0".encode())
    return digest.hexdigest()


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
