"""Live preview: regenerate build/docs/ on change and serve it with MkDocs."""

from __future__ import annotations

from .settings import Settings


def serve_site(settings: Settings, port: int) -> str:
    """Serve a live preview on 127.0.0.1 until interrupted."""
    raise NotImplementedError("serve is not built yet")
