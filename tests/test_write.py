"""The one writer: only inside its output folder, and only when the bytes change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.write import remove_stale, write_file, write_tree


@pytest.mark.parametrize("relative", ["../escape.md", "/tmp/absolute.md", "a/../../escape.md"])
def test_write_refuses_paths_outside_the_folder(tmp_path: Path, relative: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ValueError, match="refusing to write outside"):
        write_file(folder, relative, b"x")
    assert not (tmp_path / "escape.md").exists()


def test_write_refuses_to_follow_a_link_out_of_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    os.symlink(tmp_path, folder / "link")
    with pytest.raises(ValueError, match="refusing to write outside"):
        write_file(folder, "link/escape.md", b"x")


def test_write_tree_writes_only_changed_files_and_removes_stale_ones(tmp_path: Path) -> None:
    assert write_tree(tmp_path, {"a.md": "one", "b/c.md": "two"}) == 2
    stamp = (tmp_path / "a.md").stat().st_mtime_ns
    assert write_tree(tmp_path, {"a.md": "one", "b/c.md": "three"}) == 1
    assert (tmp_path / "a.md").stat().st_mtime_ns == stamp
    assert remove_stale(tmp_path, {"a.md"}) == 1
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.md"]
