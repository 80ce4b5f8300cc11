"""Reading the site map's data files back as tests need them: every node and every marker."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def map_nodes(map_dir: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each data file the overview leads to, as (path under ``map_dir``, node), overview first."""
    waiting = ["overview.json"]
    while waiting:
        name = waiting.pop(0)
        node = json.loads((map_dir / name).read_text(encoding="utf-8"))
        yield name, node
        waiting += [
            f"tiles/{z}/{x}/{y}.json" for z, x, y in (c["tile"] for c in node.get("cells", []))
        ]


def map_markers_in(map_dir: Path) -> list[dict[str, Any]]:
    """Every marker in the map's files, in the order the files are reached."""
    return [marker for _, node in map_nodes(map_dir) for marker in node.get("markers", [])]
