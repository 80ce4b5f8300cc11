"""MkDocs hooks (``hooks:`` in mkdocs.yml): every page's content HTML passes the sanitizer.

MkDocs loads this file by path, so it imports the package absolutely.
"""

from __future__ import annotations

from typing import Any

from generator.sanitize import sanitize_html


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """The page's HTML with everything outside the sanitizer's allowlist removed."""
    return sanitize_html(html)
