"""Build state under build/: a damaged or foreign store is rebuilt, never trusted, and a
damaged file in build/docs/ is repaired by the next build, which otherwise writes nothing."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import state_schema
from generator.build.last_build import read_slots
from generator.build.pipeline import build_docs
from generator.build.seal import seal, unseal
from generator.build.state_schema import SCHEMA_VERSION, connect, stamp_closed
from generator.build.store import STORE, open_store
from generator.core import write as write_module
from generator.core.settings import ROOT, Settings
from generator.site.index_pages import IncidentPages
from generator.tools.preview import QuickPages
from tests.conftest import FIXTURES, make_settings, snapshot

TEXT = b"in Example Town"
"""Text of the invented record in tests/fixtures/check, as its checked chunk holds it."""
REBUILT = "build/state.sqlite: warning: damaged ("
"""How the one line that says the store was rebuilt starts."""


def built(tmp_path: Path) -> Settings:
    shutil.copytree(FIXTURES / "check" / "content", tmp_path / "content")
    settings = make_settings(tmp_path)
    build_docs(settings)
    return settings


def cold_docs(tmp_path: Path) -> dict[str, bytes]:
    """build/docs/ of a cold build of the same content, in a folder of its own."""
    settings = built(tmp_path / "cold")
    return snapshot(settings.docs_dir)


def flip(position: int) -> Callable[[bytes], bytes]:
    def damage(data: bytes) -> bytes:
        at = position % len(data)
        return data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]

    return damage


def overwrite_middle(data: bytes) -> bytes:
    """64 random bytes over the start of the middle page (its header): a page in use, not
    slack space that no reader would notice."""
    page = int.from_bytes(data[16:18], "big")
    middle = (len(data) // page // 2) * page
    return data[:middle] + random.Random(7).randbytes(64) + data[middle + 64 :]


def execute(sql: str) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        with sqlite3.connect(path) as db:
            db.execute("PRAGMA foreign_keys = OFF")
            db.execute(sql)
        db.close()

    return damage


def rewrite(change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        path.write_bytes(change(path.read_bytes()))

    return damage


def flip_text_in_chunk(path: Path) -> None:
    """One bit of a record's text inside its chunk's sealed records: 'in Example Town' -> 'hn'."""
    with sqlite3.connect(path) as db:
        [(name, sealed)] = db.execute("SELECT name, records FROM chunks").fetchall()
        assert sealed.count(TEXT) == 1
        db.execute(
            "UPDATE chunks SET records = ? WHERE name = ?", (flip(sealed.index(TEXT))(sealed), name)
        )
    db.close()


DAMAGES: dict[str, Callable[[Path], None]] = {
    # what a disk or a killed copy can do to the file
    "emptied": rewrite(lambda data: b""),
    "truncated to half": rewrite(lambda data: data[: len(data) // 2]),
    "last page cut": rewrite(lambda data: data[:-4096]),
    "bytes overwritten in the middle": rewrite(overwrite_middle),
    "first byte flipped": rewrite(flip(0)),
    "random bytes": rewrite(lambda data: random.Random(7).randbytes(len(data))),
    "a text file": rewrite(lambda data: b"build state\n"),
    # a store some other program or version wrote
    "another schema version": execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}"),
    "a table missing": execute("DROP TABLE relations"),
    "a foreign table": execute("CREATE TABLE extra (x)"),
    "a column missing": execute("ALTER TABLE incidents DROP COLUMN injured"),
    "an index missing": execute("DROP INDEX made_incident"),
    "a row whose chunk is gone": execute(
        "INSERT INTO incidents (id, chunk, path, digest, title, "
        "date, country, status, report) VALUES ('x', 'gone', 'p', 'd', 't', "
        "'2020-01-01', 'KZ', 'published', 'r')"
    ),
    "no seal key": execute("DELETE FROM meta WHERE key = 'seal-key'"),
    "a bit flipped in a chunk's record text": flip_text_in_chunk,
    "a chunk whose seal is broken": execute(
        "UPDATE chunks SET sealed = CAST(X'00' || sealed AS BLOB)"
    ),
    "a chunk whose records' seal is broken": execute(
        "UPDATE chunks SET records = CAST(records || X'00' AS BLOB)"
    ),
    "a chunk whose facts' seal is broken": execute(
        "UPDATE chunks SET facts = CAST(facts || X'00' AS BLOB)"
    ),
    "a page that no longer matches its digest": execute(
        "UPDATE made SET packed = CAST(X'00' || packed AS BLOB) WHERE name = ''"
    ),
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_store_is_rebuilt_and_said_so_in_one_line(
    tmp_path: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = built(tmp_path / "warm")
    store = settings.out_dir / STORE
    DAMAGES[damage](store)
    shutil.rmtree(settings.docs_dir)  # so that the build reads the store's chunks
    capsys.readouterr()

    assert "written" in build_docs(settings)

    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(REBUILT)
    assert lines[0].endswith("); deleted, building cold")
    assert snapshot(settings.docs_dir) == cold_docs(tmp_path)
    _, why = open_store(settings.out_dir)  # the new store passes every check
    assert why is None
    assert read_slots(settings.out_dir) is not None
    assert QuickPages.after_build(settings) is not None
    assert build_docs(settings) == "build/docs is up to date: no input changed"


@pytest.mark.parametrize(
    "damage", ["bytes overwritten in the middle", "a row whose chunk is gone", "no seal key"]
)
def test_a_damaged_store_is_rebuilt_though_its_modification_time_is_put_back(
    tmp_path: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = built(tmp_path)
    store = settings.out_dir / STORE
    before = store.stat()
    DAMAGES[damage](store)
    os.utime(store, ns=(before.st_atime_ns, before.st_mtime_ns))
    capsys.readouterr()

    build_docs(settings)

    assert capsys.readouterr().err.startswith(REBUILT)


@pytest.mark.parametrize(
    "damage", ["bytes overwritten in the middle", "last page cut", "truncated to half"]
)
def test_damage_the_stamp_did_not_see_is_found_as_the_build_reads_the_store(
    tmp_path: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Damage below the file system (a failing disk) changes no time: the stamp still matches,
    the open-time checks are skipped, and SQLite finds the damaged pages as they are read."""
    settings = built(tmp_path / "warm")
    store = settings.out_dir / STORE
    DAMAGES[damage](store)
    stamp_closed(store)  # as if the bytes had changed under the file system
    shutil.rmtree(settings.docs_dir)  # so that the build reads the store's chunks
    capsys.readouterr()

    assert "written" in build_docs(settings)

    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(REBUILT)
    assert snapshot(settings.docs_dir) == cold_docs(tmp_path)
    assert build_docs(settings) == "build/docs is up to date: no input changed"


def test_a_store_as_the_last_build_closed_it_is_not_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = built(tmp_path)
    store = settings.out_dir / STORE
    statements: list[str] = []

    def traced(path: Path, read_only: bool = False) -> sqlite3.Connection:
        db = connect(path, read_only)
        db.set_trace_callback(statements.append)
        return db

    monkeypatch.setattr(state_schema, "connect", traced)
    open_store(settings.out_dir)[0].close()
    assert "PRAGMA quick_check" not in statements
    assert "PRAGMA foreign_key_check" not in statements

    os.utime(store)  # touched by some other program: read whole again
    open_store(settings.out_dir)[0].close()
    assert "PRAGMA quick_check" in statements
    assert "PRAGMA foreign_key_check" in statements
    statements.clear()

    open_store(settings.out_dir)[0].close()  # the stamp of that close
    assert "PRAGMA quick_check" not in statements


def test_a_store_that_is_not_sqlite_is_named_in_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = built(tmp_path)
    (settings.out_dir / STORE).write_text("build state\n", encoding="utf-8")
    capsys.readouterr()
    build_docs(settings)
    assert capsys.readouterr().err == (
        "build/state.sqlite: warning: damaged (file is not a database); deleted, building cold\n"
    )


def test_a_sound_store_says_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = built(tmp_path)
    shutil.rmtree(settings.docs_dir)
    capsys.readouterr()
    build_docs(settings)
    assert capsys.readouterr().err == ""


def test_a_damaged_slot_table_gives_the_preview_nothing_to_fill_pages_with(
    tmp_path: Path,
) -> None:
    settings = built(tmp_path)
    assert QuickPages.after_build(settings) is not None
    with sqlite3.connect(settings.out_dir / STORE) as db:
        [(sealed,)] = db.execute("SELECT value FROM meta WHERE key = 'slots'").fetchall()
        db.execute("UPDATE meta SET value = ? WHERE key = 'slots'", (flip(-1)(sealed),))
    db.close()
    assert read_slots(settings.out_dir) is None
    assert QuickPages.after_build(settings) is None


def test_the_preview_reads_nothing_from_a_store_that_is_not_sqlite(tmp_path: Path) -> None:
    settings = built(tmp_path)
    (settings.out_dir / STORE).write_bytes(b"build state\n")
    assert QuickPages.after_build(settings) is None


def test_a_sealed_value_needs_this_stores_key_and_its_own_name() -> None:
    key, other = os.urandom(32), os.urandom(32)
    sealed = seal(key, "a", b"checked")

    assert unseal(key, "a", sealed) == b"checked"
    assert unseal(key, "b", sealed) is None  # renamed
    assert unseal(other, "a", sealed) is None  # foreign
    assert unseal(key, "a", b"checked") is None  # unsealed
    assert unseal(key, "a", flip(-1)(sealed)) is None


def test_state_files_of_earlier_builds_are_removed(tmp_path: Path) -> None:
    settings = built(tmp_path)
    old = [".digests.pickle", ".slots.pickle", ".docs-fingerprint", ".state-key"]
    for name in old:
        (settings.out_dir / name).write_bytes(b"old")
    (settings.out_dir / "cache" / ".pending").mkdir(parents=True)
    build_docs(settings)
    assert sorted(p.name for p in settings.out_dir.iterdir()) == [
        ".docs-lock",
        ".lock",
        "docs",
        STORE,
        f"{STORE}-closed",
    ]


@pytest.mark.parametrize("damage", ["changed", "cut", "removed", "added"])
def test_a_damaged_output_is_repaired_without_an_input_change(tmp_path: Path, damage: str) -> None:
    settings = built(tmp_path)
    cold = snapshot(settings.docs_dir)
    page = settings.docs_dir / "incidents" / "2020-01-01-example-shoot-out.md"
    if damage == "changed":
        page.write_bytes(page.read_bytes().replace(b"in Example", b"kn Example"))
    elif damage == "cut":
        page.write_bytes(page.read_bytes()[:100])
    elif damage == "removed":
        page.unlink()
    else:
        (settings.docs_dir / "incidents" / "planted.md").write_text("# Planted\n", "utf-8")

    summary = build_docs(settings)

    assert snapshot(settings.docs_dir) == cold
    written = "(0 written, 1 removed)" if damage == "added" else "(1 written, 0 removed)"
    # No input changed, so the listings, the report, the database, the feed and the home
    # page (as written) are kept.
    assert summary.endswith(f"{written}; kept as it was: report, listings, database, feed, home")
    assert build_docs(settings) == "build/docs is up to date: no input changed"


def test_a_rerun_with_nothing_damaged_writes_nothing(tmp_path: Path) -> None:
    settings = built(tmp_path)
    before = {
        path: (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(settings.out_dir.rglob("*"))
        if path.is_file()
    }
    assert build_docs(settings) == "build/docs is up to date: no input changed"
    after = {
        path: (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(settings.out_dir.rglob("*"))
        if path.is_file()
    }
    assert after == before


def test_a_slot_table_stored_by_older_code_is_not_used(tmp_path: Path) -> None:
    from generator.site.render import SlotTable

    settings = built(tmp_path)
    stored = read_slots(settings.out_dir)
    assert isinstance(stored, SlotTable)
    # As older code pickled it: without the fields added since (unpickling sets no defaults).
    older = object.__new__(SlotTable)
    for name in ("related", "counts", "cites", "publisher_of"):
        object.__setattr__(older, name, getattr(stored, name))
    store, _ = open_store(settings.out_dir)
    with store.transaction():
        store.put_slots(older)
    store.close()
    assert not hasattr(read_slots(settings.out_dir), "related_keys")
    record = next((settings.content_dir / "incidents").glob("*.yaml"))
    record.write_text(record.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    assert QuickPages.after_build(settings) is None
    assert build_docs(settings).startswith("generated ")  # no traceback: sections made anew
    assert hasattr(read_slots(settings.out_dir), "related_keys")


def test_recorded_files_are_replaced_by_writing_only_the_rows_that_differ(tmp_path: Path) -> None:
    store, _ = open_store(tmp_path / "build")
    outputs = tmp_path / "build" / "docs"
    first = {"/in/a.yaml": (1, 10, "a1"), "/in/b.yaml": (2, 20, "b1"), "/in/c.yaml": (3, 30, "c")}
    second = {
        "/in/a.yaml": (1, 10, "a1"),
        "/in/b.yaml": (5, 50, "b2"),
        f"{outputs}/x.md": (4, 4, "x"),
    }
    with store.transaction():
        store.put_files(first, outputs, 100)  # not read first: every row is written
    with store.transaction():
        assert store.files() == (first, 100)
        store.put_files(second, outputs, 200)
    with store.transaction():
        assert store.files() == (second, 200)
        roles = dict(store.db.execute("SELECT path, role FROM files"))
    store.close()
    assert roles == {"/in/a.yaml": "input", "/in/b.yaml": "input", f"{outputs}/x.md": "output"}


def test_a_site_address_taken_from_the_environment_is_an_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    shutil.copytree(FIXTURES / "check" / "content", tmp_path / "content")
    shutil.copyfile(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")  # site_url: !ENV SITE_URL
    settings = make_settings(tmp_path)
    build_docs(settings)
    monkeypatch.setenv("SITE_URL", "https://example.org/invented/")

    assert "up to date" not in build_docs(settings)

    feed = (settings.docs_dir / "data" / "incidents.atom").read_text(encoding="utf-8")
    assert "https://example.org/invented/data/incidents.atom" in feed
    assert build_docs(settings) == "build/docs is up to date: no input changed"


def test_a_build_fills_each_incident_page_just_before_writing_it(
    real_content: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 100,000 records the filled pages take gigabytes: they are never all held at once."""
    log: list[str] = []
    fill = IncidentPages.__getitem__
    write = write_module._write

    def filled(pages: IncidentPages, path: str) -> str:
        log.append(f"filled {path}")
        return fill(pages, path)

    def written(folder: Path, relative: str, *args: object, **options: object) -> bool:
        log.append(f"wrote {relative}")
        return write(folder, relative, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(IncidentPages, "__getitem__", filled)
    monkeypatch.setattr(write_module, "_write", written)
    build_docs(real_content)
    pages = [entry for entry in log if entry.startswith("filled ")]
    assert len(pages) == len(list((real_content.content_dir / "incidents").glob("*.yaml")))
    for entry in pages:
        assert log[log.index(entry) + 1] == entry.replace("filled", "wrote", 1)
