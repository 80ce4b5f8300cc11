"""The one writer: only inside its output folder, and only when the bytes change."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build.fingerprint import FileDigests
from generator.core import write as write_module
from generator.core.outputs import Packed, content_bytes, packed
from generator.core.write import Chunks, remove_stale, write_file, write_tree


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


class Counted(dict[str, str]):
    """Files whose every read is logged."""

    def __init__(self, files: dict[str, str], log: list[str]) -> None:
        super().__init__(files)
        self.log = log

    def __getitem__(self, path: str) -> str:
        self.log.append(f"made {path}")
        return super().__getitem__(path)


def test_write_tree_makes_each_file_just_before_writing_it_and_leaves_the_later_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log: list[str] = []
    files = Counted({"a.md": "one", "b.md": "two", "later.pdf": "three"}, log)
    real = write_module._write

    def logged(folder: Path, relative: str, *args: object, **options: object) -> bool:
        log.append(f"wrote {relative}")
        return real(folder, relative, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(write_module, "_write", logged)
    assert write_tree(tmp_path, files, leave={"later.pdf"}) == 2
    assert log == ["made a.md", "wrote a.md", "made b.md", "wrote b.md"]
    assert not (tmp_path / "later.pdf").exists()


@pytest.mark.parametrize(
    ("pieces", "written"),
    [
        (["one ", "two"], False),
        (["one ", "two", "!"], True),
        (["one ", "tw"], True),
        (["one ", "twø"], True),
        ([], True),
    ],
)
def test_text_made_in_pieces_is_written_only_when_it_differs(
    tmp_path: Path, pieces: list[str], written: bool
) -> None:
    write_tree(tmp_path, {"data.json": "one two"})
    before = (tmp_path / "data.json").stat().st_ino
    assert write_tree(tmp_path, {"data.json": Chunks(lambda: iter(pieces))}) == int(written)
    assert (tmp_path / "data.json").read_text(encoding="utf-8") == "".join(pieces)
    assert ((tmp_path / "data.json").stat().st_ino == before) is not written
    assert [p.name for p in tmp_path.iterdir()] == ["data.json"]


def test_text_made_in_pieces_is_written_where_no_file_was(tmp_path: Path) -> None:
    assert write_tree(tmp_path, {"new/data.json": Chunks(lambda: ["a", "b"])}) == 1
    assert (tmp_path / "new" / "data.json").read_text(encoding="utf-8") == "ab"
    assert str(Chunks(lambda: ["a", "b"])) == "ab"
    assert Chunks(lambda: ["a", "b"]) == Chunks(lambda: ["ab"])


def test_bytes_made_in_pieces_are_written_as_they_are(tmp_path: Path) -> None:
    binary = Chunks(lambda: [b"SQLite\x00", "é", b"\xff"])
    assert write_tree(tmp_path, {"data.bin": binary}) == 1
    assert (tmp_path / "data.bin").read_bytes() == b"SQLite\x00\xc3\xa9\xff"
    assert bytes(binary) == b"SQLite\x00\xc3\xa9\xff"
    assert write_tree(tmp_path, {"data.bin": binary}) == 0
    assert binary == Chunks(lambda: [b"SQLite\x00\xc3\xa9", b"\xff"])
    assert binary != Chunks(lambda: [b"SQLite\x00"])


def test_packed_text_is_held_compressed_and_written_as_the_text(tmp_path: Path) -> None:
    rows = [f"<tr><td>incident {n}</td><td>Almaty — killed</td></tr>\n" for n in range(2000)]
    text = "".join(rows)
    held = Packed(iter(rows))
    assert len(held._packed) * 10 < len(text.encode("utf-8"))
    assert str(held) == text
    assert held == packed(text)
    assert write_tree(tmp_path, {"a.md": held}) == 1
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == text
    before = (tmp_path / "a.md").stat().st_ino
    digests = FileDigests()
    assert write_tree(tmp_path, {"a.md": packed(text)}, digests=digests) == 0
    assert write_tree(tmp_path, {"a.md": packed(text + "more")}, digests=digests) == 1
    assert (tmp_path / "a.md").stat().st_ino != before
    assert content_bytes(packed("é")) == content_bytes("é") == b"\xc3\xa9"


def test_packed_text_is_unpacked_a_block_at_a_time() -> None:
    """A CSV file of every record is never whole in memory: reading it unpacks blocks."""
    text = "".join(f"{n},Almaty,killed,{n % 7}\r\n" for n in range(300_000))
    pieces = list(packed(text))
    assert len(pieces) > 2
    assert max(len(piece) for piece in pieces) <= Packed.BLOCK
    assert b"".join(pieces) == text.encode("utf-8")
    assert list(packed("")) == []


def test_a_file_as_the_last_build_left_it_is_compared_by_its_digest_unread(
    tmp_path: Path,
) -> None:
    """Its size and modification time match the stored ones, so its stored digest is trusted."""
    (tmp_path / "a.md").write_text("old!", encoding="utf-8")
    stat = (tmp_path / "a.md").stat()
    entry = (stat.st_size, stat.st_mtime_ns, FileDigests.of(b"new!"))
    trusting = FileDigests({str(tmp_path / "a.md"): entry})
    assert write_tree(tmp_path, {"a.md": "new!"}, digests=trusting) == 0
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "old!"

    digests = FileDigests()
    assert write_tree(tmp_path, {"a.md": "new!", "b.md": "b"}, digests=digests) == 2
    assert digests.current[str(tmp_path / "b.md")][2] == FileDigests.of(b"b")
    assert write_tree(tmp_path, {"a.md": "new!", "b.md": "b"}, digests=digests) == 0


def test_a_streamed_file_as_the_last_build_left_it_is_compared_by_its_digest_unread(
    tmp_path: Path,
) -> None:
    """The stored digest of a streamed output stands for its bytes: the old file is not read."""
    (tmp_path / "data.json").write_text("old!", encoding="utf-8")
    stat = (tmp_path / "data.json").stat()
    entry = (stat.st_size, stat.st_mtime_ns, FileDigests.of(b"new!"))
    trusting = FileDigests({str(tmp_path / "data.json"): entry})
    assert write_tree(tmp_path, {"data.json": Chunks(lambda: ["ne", "w!"])}, digests=trusting) == 0
    assert (tmp_path / "data.json").read_text(encoding="utf-8") == "old!"
    assert [p.name for p in tmp_path.iterdir()] == ["data.json"]

    stale = FileDigests({str(tmp_path / "data.json"): (*entry[:2], FileDigests.of(b"else"))})
    assert write_tree(tmp_path, {"data.json": Chunks(lambda: ["ne", "w!"])}, digests=stale) == 1
    assert (tmp_path / "data.json").read_text(encoding="utf-8") == "new!"
    assert stale.current[str(tmp_path / "data.json")][2] == FileDigests.of(b"new!")
    assert write_tree(tmp_path, {"data.json": Chunks(lambda: ["new!"])}, digests=stale) == 0


def test_a_file_whose_making_fails_leaves_the_old_one_and_no_temporary_file(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, {"data.json": "old"})

    def failing() -> Iterator[str]:
        yield "new"
        raise RuntimeError("a part could not be made")

    with pytest.raises(RuntimeError):
        write_tree(tmp_path, {"data.json": Chunks(failing)})
    assert [p.name for p in tmp_path.iterdir()] == ["data.json"]
    assert (tmp_path / "data.json").read_text(encoding="utf-8") == "old"
