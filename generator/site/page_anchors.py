"""What MkDocs' check of anchors needs of pages converted in another process (``page_fork``).

MkDocs checks every link to an anchor once all pages are converted, from each page's anchors
and the anchors its links name. The second process sends them for its pages, in source paths;
the parent gives them to its own page objects.
"""

from __future__ import annotations

from typing import Any

Anchors = dict[str, tuple[list[str] | None, dict[str, dict[str, str]]]]
"""By a page's source path: the anchors on it (None if it was not converted) and, by the source
path of the page they are on, the anchors its links name, each with the link as written."""


def anchors_of(converted: list[Any]) -> Anchors:
    """What MkDocs' check of anchors needs of the converted pages, in source paths."""
    found: Anchors = {}
    for file in converted:
        page = file.page
        present = page.present_anchor_ids
        links = page.links_to_anchors or {}
        found[file.src_uri] = (
            None if present is None else sorted(present),
            {target.src_uri: dict(named) for target, named in links.items()},
        )
    return found


def take_anchors(anchors: Anchors, files: Any) -> None:
    """Give the parent's pages the anchors the child found on them (``anchors_of``)."""
    for src_uri, (present, links) in anchors.items():
        page = files.get_file_from_path(src_uri).page
        page.present_anchor_ids = None if present is None else set(present)
        targets = ((files.get_file_from_path(target), named) for target, named in links.items())
        page.links_to_anchors = {target: named for target, named in targets if target is not None}
