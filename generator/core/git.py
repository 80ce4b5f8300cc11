"""The one way the generator runs git, with one error rule: every failure is a ``GitError``.

Callers that can do without git (history dates, the data version, the build fingerprint)
catch it and fall back; ``diff``, which cannot, reports it as a problem.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """git is not installed, could not start, or the command failed; the message says which."""


def run_git(root: Path, *arguments: str) -> str:
    """The output of ``git -C root <arguments>``, decoded as UTF-8."""
    return run_git_bytes(root, *arguments).decode("utf-8", "replace")


def run_git_bytes(root: Path, *arguments: str) -> bytes:
    """The output of ``git -C root <arguments>`` as bytes (for ``git archive``)."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *arguments], capture_output=True, check=True
        )
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    except OSError as error:
        raise GitError(f"git could not start: {error.strerror}") from None
    except subprocess.CalledProcessError as error:
        message = error.stderr.decode("utf-8", "replace").strip()
        raise GitError(message or f"git {arguments[0]} failed") from None
    return result.stdout
