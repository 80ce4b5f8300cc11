"""Reruns: a build with no changed input writes nothing; any changed input rebuilds."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from generator.bench.synth import synthesize
from generator.build import fingerprint
from generator.build.cache import ChunkCache
from generator.build.fingerprint import GONE, RACY_NS, FileDigests, files_under
from generator.build.pipeline import build_docs
from generator.build.record_outputs import Made
from generator.build.store import STORE, open_store
from generator.build.workers import check_files
from generator.content.load import find_files
from generator.content.shared import check_shared
from generator.content.validate import Checked, check_content, check_in_order, incident_context
from generator.core.errors import ContentError
from generator.core.history import read_history
from generator.core.settings import ROOT, Settings
from generator.model import Dataset, Incident, LazyRecords
from generator.site.render import make_corpus
from tests.conftest import FIXTURES, make_settings
from tests.golden import FIXTURE_CONTENT, prepare_root


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def fresh(tmp_path: Path) -> Settings:
    shutil.copytree(FIXTURES / "check" / "content", tmp_path / "content")
    return make_settings(tmp_path)


def test_rerun_with_no_change_writes_nothing(tmp_path: Path) -> None:
    settings = fresh(tmp_path)
    assert "written" in build_docs(settings)
    before = snapshot(settings.out_dir)
    assert build_docs(settings) == "build/docs is up to date: no input changed"
    assert snapshot(settings.out_dir) == before


def test_a_new_theme_version_is_a_changed_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The theme's own scripts are copied into build/docs: a theme upgrade rebuilds them."""
    settings = fresh(tmp_path)
    build_docs(settings)
    real = fingerprint.version_of
    monkeypatch.setattr(
        fingerprint, "version_of", lambda name: "99.0" if name == "mkdocs-material" else real(name)
    )
    assert build_docs(settings) != "build/docs is up to date: no input changed"


def test_rerun_after_an_edit_rebuilds_only_what_changed(tmp_path: Path) -> None:
    settings = fresh(tmp_path)
    build_docs(settings)
    before = snapshot(settings.docs_dir)
    record = settings.content_dir / "incidents" / "2020-01-01-example-shoot-out.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("exchanged fire", "exchanged gunfire"), encoding="utf-8")
    summary = build_docs(settings)
    after = snapshot(settings.docs_dir)
    changed = sorted(path for path in after if after[path] != before.get(path))
    assert "incidents/2020-01-01-example-shoot-out.md" in changed
    assert f"({len(changed)} written, 0 removed)" in summary
    assert len(changed) < len(after) / 2


def edit_title(record: Path) -> None:
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r"(?m)^title: (.*)$", r"title: \1 (edited)", text), encoding="utf-8")


@pytest.mark.slow
def test_cached_build_gives_the_same_files_as_a_cold_one(tmp_path: Path) -> None:
    synthesize(tmp_path / "a", 250, seed=5)
    settings = make_settings(tmp_path / "a")
    build_docs(settings)
    cold = snapshot(settings.docs_dir)
    assert len(chunk_names(settings)) == 3  # 250 records in chunks of 100
    record = sorted((settings.content_dir / "incidents").glob("*.yaml"))[120]
    edit_title(record)
    build_docs(settings)
    warm = {path: data for path, (_, data) in snapshot(settings.docs_dir).items()}
    shutil.rmtree(settings.out_dir)
    build_docs(settings)
    assert warm == {path: data for path, (_, data) in snapshot(settings.docs_dir).items()}
    assert warm[f"incidents/{record.stem}.md"] != cold[f"incidents/{record.stem}.md"][1]


def chunk_names(settings: Settings) -> set[str]:
    with closing(sqlite3.connect(settings.out_dir / STORE)) as db:
        return {name for (name,) in db.execute("SELECT name FROM chunks")}


def summary_rows(settings: Settings) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(settings.out_dir / STORE)) as db:
        return db.execute(
            "SELECT id, title, date, country, region, killed, injured FROM incidents ORDER BY id"
        ).fetchall()


@pytest.mark.slow
def test_an_edit_checks_only_its_chunk_again(tmp_path: Path) -> None:
    synthesize(tmp_path, 250, seed=5)
    settings = make_settings(tmp_path)
    build_docs(settings)
    before = chunk_names(settings)
    rows = dict((row[0], row) for row in summary_rows(settings))
    record = sorted((settings.content_dir / "incidents").glob("*.yaml"))[120]
    edit_title(record)
    build_docs(settings)
    after = chunk_names(settings)
    assert len(before - after) == 1  # the edited chunk was replaced, the others reused
    assert len(after) == 3
    edited = dict((row[0], row) for row in summary_rows(settings))
    assert edited.keys() == rows.keys()
    assert edited[record.stem][1] == f"{rows[record.stem][1]} (edited)"
    assert {k: v for k, v in edited.items() if k != record.stem} == {
        k: v for k, v in rows.items() if k != record.stem
    }


def made_by(made: list[str]) -> Callable[[Dataset], Callable[[Incident], Made]]:
    """A stand-in for each record's page and data (its id), noting each record it is made of."""

    def make(incident: Incident) -> Made:
        made.append(incident.id)
        return incident.id.encode(), {}

    return lambda _: make


def checked_with_store(settings: Settings, made: list[str]) -> tuple[list[Checked], list[Incident]]:
    """Every incident file checked through a chunk cache in the build's store, as a build
    does, and the records its chunks hold; ``made`` lists each record checked (not taken
    from a stored chunk)."""
    store, _ = open_store(settings.out_dir)
    paths = find_files(settings.content_dir / "incidents")
    cache = ChunkCache(store, "shared inputs", lambda path: "", FileDigests().digest)
    context = incident_context(settings, check_shared(settings), paths, made_by(made))
    try:
        with store.transaction():
            checked = list(check_files(paths, context, 1, cache))
            records = [record for name, _ in cache.held for record in cache.records(name)]
            cache.commit()
    finally:
        store.close()
    return checked, records


def test_an_edit_checks_only_its_file_again_and_takes_the_rest_of_its_chunk(
    tmp_path: Path,
) -> None:
    synthesize(tmp_path, 150, seed=5)
    settings = make_settings(tmp_path)
    made: list[str] = []
    _, first = checked_with_store(settings, made)
    assert len(made) == 150
    record = sorted((settings.content_dir / "incidents").glob("*.yaml"))[120]
    edit_title(record)
    made.clear()

    again, records = checked_with_store(settings, made)

    assert made == [record.stem]  # its 49 chunk mates were taken from the stored chunk
    paths = find_files(settings.content_dir / "incidents")
    context = incident_context(settings, check_shared(settings), paths, made_by([]))
    expected = list(check_in_order(paths, context))
    # What a build yields holds no record and nothing made: the records stay in the chunks
    # until read, and what each made waits in the store.
    assert all(c.incident is None and c.made is None for c in again)
    assert [(c.problems, c.summary) for c in again] == [(c.problems, c.summary) for c in expected]
    assert records == [c.incident for c in expected]
    assert records[120] != first[120]


def test_a_failed_build_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    settings = fresh(tmp_path)
    build_docs(settings)
    before = snapshot(settings.out_dir)
    shutil.copy(FIXTURES / "invalid/2020-01-07-dates.yaml", settings.content_dir / "incidents")
    with pytest.raises(ContentError):
        build_docs(settings)
    assert snapshot(settings.out_dir) == before


def test_the_store_holds_a_summary_row_per_record(tmp_path: Path) -> None:
    settings = fresh(tmp_path)
    build_docs(settings)
    assert summary_rows(settings) == [
        (
            "2020-01-01-example-shoot-out",
            "Example shoot-out",
            "2020-01-01",
            "KZ",
            "Almaty",
            2.0,
            None,
        )
    ]
    with closing(sqlite3.connect(settings.out_dir / STORE)) as db:
        assert db.execute("SELECT incident, source FROM citations ORDER BY source").fetchall() == [
            ("2020-01-01-example-shoot-out", source)
            for source in sorted(p.stem for p in (settings.content_dir / "sources").glob("*.yaml"))
        ]
        files = db.execute("SELECT path, role FROM files WHERE path LIKE '%example-shoot-out%'")
        assert sorted(files) == [
            (
                str(settings.docs_dir.resolve() / "incidents/2020-01-01-example-shoot-out.md"),
                "output",
            ),
            (str(settings.content_dir / "incidents/2020-01-01-example-shoot-out.yaml"), "input"),
        ]


def test_a_file_whose_size_and_mtime_match_is_not_read_again(tmp_path: Path) -> None:
    record = tmp_path / "record.yaml"
    record.write_text("title: A\n", encoding="utf-8")
    stat = record.stat()
    stored = FileDigests({str(record): (stat.st_size, stat.st_mtime_ns, "stored digest")})
    assert stored.digest(record) == "stored digest"

    record.write_text("title: AB\n", encoding="utf-8")  # another size: read again
    assert stored.digest(record) == FileDigests().digest(record) != "stored digest"


def test_many_digests_at_once_read_only_the_changed_files(tmp_path: Path) -> None:
    records = [tmp_path / f"record-{n}.yaml" for n in range(5)]
    for n, record in enumerate(records):
        record.write_text(f"title: {n}\n", encoding="utf-8")
    kept = records[0].stat()
    stored = FileDigests({str(records[0]): (kept.st_size, kept.st_mtime_ns, "stored digest")})
    fresh = FileDigests()
    expected = ["stored digest"] + [fresh.digest(record) for record in records[1:]]
    assert stored.digest_all(records) == expected
    assert len(set(expected)) == 5


@pytest.mark.parametrize("slow_disk", [False, True])
def test_many_digests_are_the_same_read_one_by_one_or_several_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, slow_disk: bool
) -> None:
    """Files read quickly are read one after another; from a slow disk, several at once."""
    records = [tmp_path / f"record-{n}.yaml" for n in range(40)]
    for n, record in enumerate(records):
        record.write_text(f"title: {n}\n", encoding="utf-8")
    monkeypatch.setattr(fingerprint, "PROBE", 3)
    monkeypatch.setattr(fingerprint, "CACHED_READ_NS", 0 if slow_disk else 10**12)
    pools: list[int] = []
    original = fingerprint.ThreadPoolExecutor

    def pool(workers: int) -> ThreadPoolExecutor:
        pools.append(workers)
        return original(workers)

    monkeypatch.setattr(fingerprint, "ThreadPoolExecutor", pool)
    expected = [FileDigests().digest(record) for record in records]
    assert FileDigests().digest_all(records) == expected
    assert pools == ([fingerprint.READERS] if slow_disk else [])


def test_a_file_read_moments_after_it_changed_is_read_again_next_time(tmp_path: Path) -> None:
    """Its next change could fall in the same timestamp tick and leave size and mtime alone."""
    record = tmp_path / "record.yaml"
    record.write_text("title: A\n", encoding="utf-8")
    digests = FileDigests()
    digests.digest(record)
    assert str(record) in digests.current
    assert digests.kept() == {}


def test_a_file_gone_between_listing_and_reading_does_not_stop_the_digests(
    tmp_path: Path,
) -> None:
    kept, gone = tmp_path / "kept.yaml", tmp_path / "gone.yaml"
    kept.write_text("title: A\n", encoding="utf-8")
    assert FileDigests().digest_all([kept, gone]) == [FileDigests().digest(kept), GONE]


def test_digests_stored_moments_after_a_change_are_not_trusted(tmp_path: Path) -> None:
    record = tmp_path / "record.yaml"
    record.write_text("title: A\n", encoding="utf-8")
    edited = record.stat().st_mtime_ns - 2 * RACY_NS
    os.utime(record, ns=(edited, edited))
    digests = FileDigests()
    digests.digest(record)
    # Within a timestamp tick, an edit of the same size could keep the same mtime.
    assert FileDigests.stored_at(digests.kept(), edited + RACY_NS // 2).stored == {}
    later = FileDigests.stored_at(digests.kept(), edited + RACY_NS + 1)
    assert list(later.stored) == [str(record)]


# Every kind of change brings each affected output up to date: the incremental build's
# build/docs/ equals a cold build's of the same content, byte for byte.

EDITED = "2020-07-15-sampleville-shoot-out"
REMOVED = "2021-01-02-exampleton-explosion"


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit_record(settings: Settings) -> None:
    record = settings.content_dir / "incidents" / f"{EDITED}.yaml"
    replace_in(record, "title: Shoot-out in Sampleville\n", "title: Shoot-out in Sampleville B\n")


def remove_record(settings: Settings) -> None:
    (settings.content_dir / "incidents" / f"{REMOVED}.yaml").unlink()


def edit_source(settings: Settings) -> None:
    source = settings.content_dir / "sources" / "example-radio-2020-shoot-out.yaml"
    replace_in(source, "Named by the Example Herald", "Named by the (invented) Example Herald")


def edit_template(settings: Settings) -> None:
    with (settings.templates_dir / "incident.md.j2").open("a", encoding="utf-8") as template:
        template.write("\nA line added to the incident template.\n")


def edit_vocabulary(settings: Settings) -> None:
    replace_in(settings.content_dir / "vocabulary.yaml", "label: Shoot-out\n", "label: Gunfight\n")


def edit_summary(settings: Settings) -> None:
    record = settings.content_dir / "incidents" / f"{EDITED}.yaml"
    replace_in(record, "exchanged fire in a courtyard.", "exchanged fire in a small courtyard.")


def edit_figure(settings: Settings) -> None:
    record = settings.content_dir / "incidents" / f"{EDITED}.yaml"
    radio = "      - value: {}\n        stated_by: Example Radio\n"
    replace_in(record, radio.format(2), radio.format(3))


def edit_draft(settings: Settings) -> None:
    record = settings.content_dir / "incidents" / f"{DRAFT}.yaml"
    replace_in(record, "set on fire at night.", "set on fire late at night.")


DRAFT = "2022-05-05-sampleville-arson"
REPORT = {"report/index.md", "report/charts/timeline.svg"}
KEPT = {
    "an edited summary": "report, listings, database, home",
    "an edited draft": "report, listings, database, feed, home",
    "a removed record": "report",
}
"""The outputs each change leaves kept, not made again, because nothing they read changed (no
listing, report, database or home page shows a summary; a draft is neither reported nor
exported, so not in the feed; the removed record is withdrawn, outside the report's
selection, but exported and listed); every other change makes them all. The feed shows the
fixture's every exported record, so an edit to one makes it again."""

CHANGES: dict[str, tuple[Callable[[Settings], None], set[str], set[str]]] = {
    # change: (what to do, outputs that must change, outputs that must not)
    "an edited record": (
        edit_record,
        {
            f"incidents/{EDITED}.md",
            "incidents/2019-03-04-exampleton-bank-siege.md",  # lists it as related
            "types/shoot-out.md",
            "years/2020.md",
            "places/almaty.md",
            "timeline.md",
            "map/overview.json",
            "data/incidents.csv",
            "data/incidents.json",
            "data/incidents.sqlite",
        },
        {"incidents/2022-05-05-sampleville-arson.md", "years/2019.md"},
    ),
    "a removed record": (
        remove_record,
        {
            f"incidents/{REMOVED}.md",
            "sources/example-gazette.md",
            "timeline.md",
            "data/incidents.csv",
            "data/incidents.json",
            "data/places.csv",
        },
        {f"incidents/{EDITED}.md", "types/shoot-out.md"},
    ),
    "a changed source": (
        edit_source,
        {f"incidents/{EDITED}.md", "sources/example-radio.md", "data/sources.csv"},
        {"incidents/2019-03-04-exampleton-bank-siege.md", "timeline.md"},
    ),
    "a changed template": (
        edit_template,
        {f"incidents/{p.stem}.md" for p in (FIXTURE_CONTENT / "incidents").glob("*.yaml")},
        {"timeline.md", "data/incidents.csv"},
    ),
    "an edited summary": (
        edit_summary,
        {f"incidents/{EDITED}.md", "data/incidents.json"},
        {*REPORT, "years/2020.md"},
    ),
    "an edited figure": (
        edit_figure,
        {f"incidents/{EDITED}.md", "report/index.md", "data/figures.csv", "data/incidents.sqlite"},
        {"years/2019.md"},
    ),
    "an edited draft": (
        edit_draft,
        {f"incidents/{DRAFT}.md"},
        {*REPORT, "data/incidents.json", f"incidents/{EDITED}.md"},
    ),
    "a changed vocabulary entry": (
        edit_vocabulary,
        {f"incidents/{EDITED}.md", "types/shoot-out.md", "types/index.md", "data/incidents.json"},
        {"years/2020.md", "incidents/2019-03-04-exampleton-bank-siege.md"},
    ),
}


def prepared(
    root: Path, content: Path = FIXTURE_CONTENT, templates: Path = ROOT / "templates"
) -> Settings:
    """The fixture repository under ``root`` with a templates folder of its own."""
    settings = replace(prepare_root(root, content), templates_dir=root / "templates")
    shutil.copytree(templates, settings.templates_dir)
    return settings


def files_of(folder: Path) -> dict[str, bytes]:
    return {path: data for path, (_, data) in snapshot(folder).items()}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_an_incremental_build_equals_a_cold_one_after(tmp_path: Path, change: str) -> None:
    make_change, expected, kept = CHANGES[change]
    warm = prepared(tmp_path / "warm")
    build_docs(warm)
    before = files_of(warm.docs_dir)

    make_change(warm)
    summary = build_docs(warm)
    assert "up to date" not in summary
    suffix = f"; kept as it was: {KEPT[change]}" if change in KEPT else "removed)"
    assert summary.endswith(suffix)
    after = files_of(warm.docs_dir)

    cold = prepared(tmp_path / "cold", warm.content_dir, warm.templates_dir)
    build_docs(cold)
    assert after == files_of(cold.docs_dir)
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    assert expected <= changed
    assert not kept & changed
    assert (f"incidents/{REMOVED}.md" in after) is (change != "a removed record")
    assert build_docs(warm) == "build/docs is up to date: no input changed"


@pytest.mark.parametrize(
    ("damaged", "kept"),
    [
        ("report/index.md", "listings, database, home"),
        ("data/incidents.sqlite", "report, listings, home"),
        ("timeline.md", "report, database, home"),
        ("index.md", "report, listings, database"),
        # Kept by their own keys (a page, a file made of every record's part), not groups.
        ("incidents/2019-03-04-exampleton-bank-siege.md", "report, listings, database, home"),
        ("data/figures.csv", "report, listings, database, home"),
        ("data/incidents.geojson", "report, listings, database, home"),
    ],
)
def test_a_kept_output_changed_since_written_is_made_again(
    tmp_path: Path, damaged: str, kept: str
) -> None:
    settings = prepared(tmp_path)
    build_docs(settings)
    cold = files_of(settings.docs_dir)
    output = settings.docs_dir / damaged
    output.write_bytes(output.read_bytes() + b"Bytes added by hand.\n")
    edit_summary(settings)  # the output's key is unchanged, but it is not as written

    summary = build_docs(settings)

    # The damaged output among the four written; the others are kept.
    assert summary.endswith(f"(4 written, 0 removed); kept as it was: {kept}")
    after = files_of(settings.docs_dir)
    assert after[damaged] == cold[damaged]
    assert {path for path in after if after[path] != cold.get(path)} == {
        f"incidents/{EDITED}.md",
        "data/incidents.json",
        "data/incidents.atom",
    }


def test_the_printed_reports_key_changes_with_the_systems_fonts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.build import output_keys

    fonts = tmp_path / "fonts"
    font = fonts / "truetype" / "Invented-Regular.ttf"  # an invented font file
    font.parent.mkdir(parents=True)
    font.write_bytes(b"first version")
    monkeypatch.setattr(output_keys, "TEXT_STACK", (str(fonts),))
    monkeypatch.setattr(output_keys, "LIBRARY_DIRS", ())
    settings = make_settings(tmp_path)

    def key(printable: bool) -> str:
        return output_keys.report_key(settings, printable, "1", [], str, [("an-id", "part")])

    printed, markdown = key(True), key(False)
    font.write_bytes(b"second, longer version")

    assert key(True) != printed
    assert key(False) == markdown
    assert key(True) == key(True)


def page_keys(settings: Settings) -> dict[str, str]:
    """The key the store keeps for each incident page, by page path."""
    with closing(sqlite3.connect(settings.out_dir / STORE)) as db:
        rows = db.execute("SELECT paths, key FROM outputs WHERE name LIKE 'page:%'")
        return dict(rows.fetchall())


def test_an_edited_title_changes_the_keys_of_its_page_and_of_the_pages_that_list_it(
    tmp_path: Path,
) -> None:
    settings = prepared(tmp_path)
    build_docs(settings)
    before = page_keys(settings)
    assert len(before) == len(list((FIXTURE_CONTENT / "incidents").glob("*.yaml")))

    edit_record(settings)  # its title shows in the related incidents of the bank siege
    summary = build_docs(settings)

    after = page_keys(settings)
    assert sorted(path for path in after if after[path] != before[path]) == [
        "incidents/2019-03-04-exampleton-bank-siege.md",
        f"incidents/{EDITED}.md",
    ]
    assert "Shoot-out in Sampleville B" in (
        settings.docs_dir / "incidents" / "2019-03-04-exampleton-bank-siege.md"
    ).read_text(encoding="utf-8")
    assert "kept as it was" not in summary


def test_an_edited_summary_leaves_the_data_files_its_record_does_not_change(
    tmp_path: Path,
) -> None:
    settings = prepared(tmp_path)
    build_docs(settings)
    before = snapshot(settings.docs_dir)

    edit_summary(settings)
    build_docs(settings)

    after = snapshot(settings.docs_dir)
    # Written again only when its bytes change: incidents.json holds the summary, the CSV
    # files and the GeoJSON do not.
    assert after["data/incidents.json"] != before["data/incidents.json"]
    for name in ("figures.csv", "area_totals.csv", "incidents.geojson", "datapackage.json"):
        assert after[f"data/{name}"] == before[f"data/{name}"]
    keys = page_keys(settings)
    with closing(sqlite3.connect(settings.out_dir / STORE)) as db:
        kept = dict(db.execute("SELECT paths, key FROM outputs WHERE name LIKE 'parts:%'"))
    assert {"data/incidents.json", "data/incidents.geojson", "data/figures.csv"} <= set(kept)
    assert not set(kept) & set(keys)


def made_digests(settings: Settings) -> dict[tuple[str, str], bytes]:
    """The digest the store keeps of each record's page ('') and data parts, by (id, name)."""
    with closing(sqlite3.connect(settings.out_dir / STORE)) as db:
        rows = db.execute("SELECT incident, name, digest FROM made")
        return {(incident, name): digest for incident, name, digest in rows}


def test_an_edited_summary_changes_only_its_pages_and_json_members_digests(
    tmp_path: Path,
) -> None:
    settings = prepared(tmp_path)
    build_docs(settings)
    before = made_digests(settings)
    records = {path.stem for path in (FIXTURE_CONTENT / "incidents").glob("*.yaml")}
    assert {incident for incident, name in before if name == ""} == records

    edit_summary(settings)
    build_docs(settings)

    after = made_digests(settings)
    assert set(after) == set(before)
    assert sorted(key for key in after if after[key] != before[key]) == [
        (EDITED, ""),
        (EDITED, "incidents.json"),
    ]


def test_a_related_section_is_rendered_again_only_when_its_key_changes(tmp_path: Path) -> None:
    settings = prepared(tmp_path)
    dataset, problems = check_content(settings)
    assert not [problem for problem in problems if problem.level == "error"]
    history = read_history(settings.root)
    slots = make_corpus(dataset, settings, history, None, "context").slots
    assert set(slots.related_keys) == set(slots.related) != set()
    # A stand-in text that no template renders shows which sections were taken as they were.
    last = replace(slots, related=dict.fromkeys(slots.related, "kept as it was\n"))

    same = make_corpus(dataset, settings, history, last, "context").slots
    other = make_corpus(dataset, settings, history, last, "another context").slots

    assert same.related == last.related
    assert other.related == slots.related
    assert other.related_keys != slots.related_keys


def test_checked_sources_are_kept_with_their_problems(tmp_path: Path) -> None:
    settings = prepared(tmp_path)
    build_docs(settings)
    with closing(sqlite3.connect(settings.out_dir / STORE)) as db:
        assert db.execute("SELECT count(*) FROM meta WHERE key = 'sources'").fetchone() == (1,)
    edit_summary(settings)

    # The sources are as checked last time, so they are not read again, yet their warnings
    # still fail a strict build.
    with pytest.raises(ContentError) as failed:
        build_docs(replace(settings, strict=True))

    shown = [f"{problem.path}: {problem.message}" for problem in failed.value.problems]
    assert shown == [f"{problem.path}: {problem.message}" for problem in check_content(settings)[1]]
    assert any(path.startswith("content/sources/") for path in shown)


@pytest.mark.parametrize(
    "relative",
    [
        "content/sources/example-daily-2019-03-04-wire-copy.yaml",
        f"content/incidents/{EDITED}.yaml",
    ],
)
def test_a_file_replaced_by_a_link_outside_is_refused_though_its_bytes_match(
    tmp_path: Path, relative: str
) -> None:
    settings = prepared(tmp_path / "repository")
    build_docs(settings)
    linked = settings.root / relative
    outside = tmp_path / "outside.yaml"
    shutil.copyfile(linked, outside)
    linked.unlink()
    linked.symlink_to(outside)

    # Checked sources and stored chunks are kept by where each file leads, not by its bytes.
    with pytest.raises(ContentError) as failed:
        build_docs(settings)

    errors = [problem for problem in failed.value.problems if problem.level == "error"]
    assert [(problem.path, problem.message) for problem in errors] == [
        (relative, "is a link to a file outside the repository; copy the file in instead")
    ]


def test_the_inputs_listed_are_the_files_rglob_finds(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    for name in ("a/one.py", "a/b/two.py", "a/b/three.yaml", "a/.hidden.py", "outside/four.py"):
        (tmp_path / name).write_text("invented", encoding="utf-8")
    (tmp_path / "a" / "link.py").symlink_to(tmp_path / "outside" / "four.py")
    (tmp_path / "a" / "folder").symlink_to(tmp_path / "outside")  # not entered, as by rglob
    folder = tmp_path / "a"
    for suffix in ("", ".py"):
        found = sorted(str(path) for path in folder.rglob(f"*{suffix}") if path.is_file())
        assert sorted(files_under(folder, suffix)) == found
    assert sorted(files_under(folder, ".py")) == [
        str(folder / name) for name in (".hidden.py", "b/two.py", "link.py", "one.py")
    ]
    assert files_under(tmp_path / "missing") == []


def test_an_edit_reads_no_other_record_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What depends on several records comes from their summaries: an edit that changes no
    listing, report or database reads the records only for the feed's entries, and one that
    changes them all reads only the few the report shows whole."""
    settings = prepared(tmp_path)
    build_docs(settings)
    read: list[str] = []
    every = LazyRecords.__iter__

    def counted(records: LazyRecords) -> Iterator[Incident]:
        read.append("every record")
        return every(records)

    monkeypatch.setattr(LazyRecords, "__iter__", counted)
    edit_summary(settings)
    assert build_docs(settings).endswith("kept as it was: report, listings, database, home")
    assert read == []
    edit_figure(settings)  # the listings and the report show it, from summaries and rows
    assert "kept as it was: listings" not in build_docs(settings)
    assert read == []
