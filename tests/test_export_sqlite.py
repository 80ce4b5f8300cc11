"""data/incidents.sqlite: the same rows as the CSV files, keys and indexes as the descriptor,
the data page's queries with their exact results, and the same bytes from the same content.

On the fictional corpus in fixtures/exports/, and an invented incident added to a copy of it.
"""

from __future__ import annotations

import csv
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.build.check import load_checked
from generator.build.pipeline import build_docs
from generator.core.errors import ContentError
from generator.core.settings import Settings
from generator.core.site_info import read_site_info
from generator.core.write import write_tree
from generator.data import database
from generator.data.export import data_tables, export_files
from generator.data.formats import format_cell
from generator.data.queries import VIEWS, View, selected
from generator.data.stored import LEFT_OUT, PARTY_KEYS, stored_columns, stored_name, view_columns
from generator.data.tables import Table
from tests.conftest import TODAY, make_settings
from tests.test_export import CORPUS, CSV_FILES, DEPOT, MARKET, WITHDRAWN, strict_json

GAZETTE = ("Example Gazette", "Gunmen hold depot workers (fictional fixture)")
GAZETTE_URL = "https://example.org/gazette/2024/03/02/depot-siege"
MINISTRY = ("Example Ministry", "@Ministry statement on the depot (fictional fixture)")
MINISTRY_URL = "https://example.org/ministry/statements/2024-03-03"

RAID = "2024-08-01-exampleton-two-region-raid"
RAID_TITLE = "Raid in two regions (invented); DROP TABLE incidents; --'"
RAID_RECORD = f"""\
# Invented for this test: no such event, source or figure exists.
title: "{RAID_TITLE}"
status: published
created: 2024-08-02
summary: An invented incident in two regions, with part of its toll given by place.
when:
  start: 2024-08-01
  precision: day
places:
  - id: north
    country: KZ
    region: Almaty Region
    settlement: Exampleton
  - id: south
    country: KZ
    region: Shymkent
    settlement: Sampleville
types: [explosion]
figures:
  - figure: killed
    claims:
      - value: 10
        stated_by: Example Gazette
        source: example-gazette-2024-05-10-market-blast
    estimate: {{best: 10, low: 10, high: 10, rule: single-source}}
  - figure: killed
    place: north
    claims:
      - value: 4
        stated_by: Example Gazette
        source: example-gazette-2024-05-10-market-blast
    estimate: {{best: 4, low: 4, high: 4, rule: single-source}}
"""


def write_data(root: Path, extra: dict[str, str] | None = None) -> Path:
    """The data files of a copy of the fictional corpus (and ``extra`` records), on disk."""
    shutil.copytree(CORPUS, root / "content")
    for name, text in (extra or {}).items():
        (root / "content" / "incidents" / name).write_text(text, encoding="utf-8")
    settings = make_settings(root)
    dataset, _ = load_checked(settings)
    write_tree(settings.docs_dir, export_files(dataset, settings, {}))
    return settings.docs_dir / "data"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_data(tmp_path_factory.mktemp("sqlite"))


@pytest.fixture(scope="module")
def defined(data_dir: Path) -> tuple[Table[Any], ...]:
    """The tables as the exporter defines them (the site's address is read as it reads it)."""
    return data_tables(read_site_info(make_settings(data_dir.parents[2])))


@pytest.fixture
def db(data_dir: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"file:{data_dir / 'incidents.sqlite'}?mode=ro", uri=True)
    yield connection
    connection.close()


def rows(db: sqlite3.Connection, sql: str, *parameters: object) -> list[tuple[Any, ...]]:
    return db.execute(sql, parameters).fetchall()


def as_in_csv(table: Table[Any]) -> str:
    """A ``SELECT`` of a stored table's rows as its CSV file has them: the incident's text id
    in place of its integer key, and incidents without their key."""
    incident = "(SELECT id FROM incidents AS i WHERE i.incident_key = t.incident_key)"
    found = {"incident_id": incident, "party_key": f"{incident} || '/' || t.party"}
    cells = [
        f'{found[name]} AS "{name}"'
        if (name == "incident_id" or (table.name, name) in LEFT_OUT)
        else f't."{name}"'
        for name in table.header
    ]
    return f'SELECT {", ".join(cells)} FROM "{table.name}" AS t'


# --- The data page's queries ---------------------------------------------------------------


def documented_queries(data_dir: Path) -> list[str]:
    page = (data_dir / "index.md").read_text(encoding="utf-8")
    return re.findall(r"^```sql\n(.*?)^```$", page, flags=re.MULTILINE | re.DOTALL)


def test_every_query_on_the_data_page_gives_its_exact_result(
    data_dir: Path, db: sqlite3.Connection
) -> None:
    deadliest, claims, by_region, by_type, targets, publishers = documented_queries(data_dir)
    assert rows(db, deadliest) == [
        (DEPOT, "Depot siege in Exampleton (fictional)", "2024-03-02", 3.0, 3.0, 5.0)
    ]
    assert f"WHERE incident_id = '{DEPOT}'" in claims
    assert rows(db, claims) == [
        ("duration-total", 1, "4.75", "Example Gazette", None, *GAZETTE, GAZETTE_URL),
        ("hostages-total", 1, "a dozen workers", "Example Gazette", None, *GAZETTE, GAZETTE_URL),
        ("injured-total", 1, "at least 6", "Example Gazette", None, *GAZETTE, GAZETTE_URL),
        (
            "killed-civilians-party-workers-by-gunmen-place-depot",
            1,
            "1",
            "Example Ministry",
            None,
            *MINISTRY,
            MINISTRY_URL,
        ),
        ("killed-perpetrators", 1, "2", "@ExampleMinistry", None, *MINISTRY, MINISTRY_URL),
        ("killed-total", 1, "3", "Example Ministry", "2024-03-03", *MINISTRY, MINISTRY_URL),
        (
            "killed-total",
            2,
            "about 4–5",
            "-Unnamed witness",
            None,
            "+Example Wire",
            '=HYPERLINK("https://example.org/x","Depot toll rises")',
            "https://example.org/wire/2024/03/03/depot-toll",
        ),
    ]
    assert rows(db, by_region) == [("Almaty Region", 1, 3.0, 3.0, 5.0)]
    # The withdrawn record's armed assault is not counted.
    assert rows(db, by_type) == [
        ("explosion", "Explosion", 1),
        ("hostage-taking", "Hostage-taking", 1),
        ("shoot-out", "Shoot-out", 1),
    ]
    assert rows(db, targets) == [(DEPOT, "Business")]
    assert rows(db, publishers) == [
        ("Example Gazette", 2, 2, 4),
        ("Example Ministry", 1, 1, 3),
        ("+Example Wire", 1, 1, 1),
    ]


def test_the_data_page_names_every_view_and_how_to_open_the_file(data_dir: Path) -> None:
    page = (data_dir / "index.md").read_text(encoding="utf-8")
    assert "[incidents.sqlite](incidents.sqlite)" in page
    assert "(#querying-incidentssqlite)" in page
    assert "## Querying incidents.sqlite" in page
    assert "sqlite3 -header -column incidents.sqlite\n" in page
    assert "datasette incidents.sqlite --metadata incidents.metadata.json\n" in page
    for view in VIEWS:
        assert f"| `{view.name}` | {view.description} |" in page


# --- The same rows as the CSV files ----------------------------------------------------------


def as_csv(value: object, kind: str) -> str:
    """A database value as its CSV cell reads."""
    if kind == "boolean" and value is not None:
        assert value in (0, 1)
        return format_cell(bool(value))
    return format_cell(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", CSV_FILES)
def test_every_csv_row_is_in_the_database_and_no_other(
    name: str, data_dir: Path, db: sqlite3.Connection, defined: tuple[Table[Any], ...]
) -> None:
    table = next(t for t in defined if t.name == name)
    with (data_dir / table.path).open(encoding="utf-8", newline="") as handle:
        header, *csv_rows = list(csv.reader(handle, strict=True))
    info = rows(db, f'PRAGMA table_info("{name}")')
    assert [(column[1], column[2]) for column in info] == [
        (column, sql_type) for column, _, sql_type, _ in stored_columns(table)
    ]
    # The same columns in the same order, but the incident's integer key for its text id.
    keyed = ["incident_key", *header] if name == "incidents" else header
    # parties have no party_key: the key is the incident and the party.
    assert [column[1] for column in info] == [
        stored_name(c) for c in keyed if (name, c) not in LEFT_OUT
    ]
    # A table keyed by several columns is stored in key order, not in the CSV's.
    stored = rows(db, as_in_csv(table))
    kinds = [c.type for c in table.columns]
    as_text = [[as_csv(v, k) for v, k in zip(row, kinds, strict=True)] for row in stored]
    assert sorted(as_text) == sorted(csv_rows)
    assert len(stored) == len(csv_rows) > 0


def test_text_is_stored_as_written_without_the_formula_guard(db: sqlite3.Connection) -> None:
    assert rows(db, "SELECT publisher FROM sources WHERE publisher LIKE '%Wire'") == [
        ("+Example Wire",)
    ]
    assert rows(
        db,
        "SELECT typeof(start_date), typeof(killed_best), typeof(source_count) "
        "FROM incidents WHERE id = ?",
        DEPOT,
    ) == [("text", "real", "integer")]
    assert rows(db, "SELECT id, status FROM incidents ORDER BY id") == [
        (DEPOT, "published"),
        (MARKET, "published"),
        (WITHDRAWN, "withdrawn"),
    ]


# --- Keys, indexes and descriptions ----------------------------------------------------------


UNINDEXED = [
    ("claims", ["source_id"]),
    ("parties", ["kind"]),
    ("party_names", ["source_id"]),
    ("fates", ["source_id"]),
    ("targets", ["source_id"]),
    ("weapons", ["source_id"]),
    ("motives", ["source_id"]),
    ("responsibility", ["source_id"]),
]
"""Foreign keys the database does not index: they name a row of a shared table (a source, a
party kind), and queries go from the row to it, by that table's primary key."""


def test_keys_are_those_of_the_descriptor_and_every_foreign_key_is_indexed(
    data_dir: Path, db: sqlite3.Connection
) -> None:
    package = strict_json((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    unindexed = {(name, tuple(fields)) for name, fields in UNINDEXED}
    assert rows(db, "PRAGMA foreign_key_check") == []
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    for resource in package["resources"]:
        name, schema = resource["name"], resource["schema"]
        info = rows(db, f'PRAGMA table_info("{name}")')
        key = [column[1] for column in sorted(info, key=lambda c: c[5]) if column[5]]
        stored = [stored_name(field) for field in schema["primaryKey"]]
        # incidents are keyed by their integer key; their text id stays unique.
        assert key == (["incident_key"] if name == "incidents" else stored)
        found = rows(db, f'PRAGMA foreign_key_list("{name}")')
        by_id: dict[int, list[tuple[Any, ...]]] = {}
        for entry in found:
            by_id.setdefault(entry[0], []).append(entry)
        declared = sorted(
            (entries[0][2], [e[3] for e in entries], [e[4] for e in entries])
            for entries in by_id.values()
        )
        expected = sorted(_stored_key(k) for k in schema.get("foreignKeys", []))
        assert declared == expected, name
        indexed = [
            [column[2] for column in rows(db, f'PRAGMA index_info("{index[1]}")')]
            for index in rows(db, f'PRAGMA index_list("{name}")')
        ]
        for _, fields, _ in expected:
            covered = fields in indexed or any(i[: len(fields)] == fields for i in indexed)
            assert covered == ((name, fields) not in UNINDEXED), (name, fields)
            unindexed.discard((name, tuple(fields)))
    assert unindexed == set()
    assert ["id"] in [
        [column[2] for column in rows(db, f'PRAGMA index_info("{index[1]}")')]
        for index in rows(db, 'PRAGMA index_list("incidents")')
        if index[2]
    ]


def _stored_key(key: dict[str, Any]) -> tuple[str, list[str], list[str]]:
    """A descriptor's foreign key as the database declares it: an incident by its integer key,
    a party by its incident and id."""
    resource, fields, reference = (
        key["reference"]["resource"],
        key["fields"],
        key["reference"]["fields"],
    )
    if (resource, reference) == ("parties", ["party_key"]):
        return resource, ["incident_key", PARTY_KEYS[fields[0]]], ["incident_key", "party"]
    if (resource, reference) == ("incidents", ["id"]):
        return resource, [stored_name(f) for f in fields], ["incident_key"]
    return resource, [stored_name(f) for f in fields], [stored_name(f) for f in reference]


def test_the_documented_lookups_use_a_key_without_the_source_index(db: sqlite3.Connection) -> None:
    """The claims of an incident are found by the primary key, their sources by the sources'."""
    plan = rows(
        db,
        "EXPLAIN QUERY PLAN SELECT * FROM claims_with_sources WHERE incident_id = ?",
        DEPOT,
    )
    steps = [str(step[-1]) for step in plan]
    assert any(s.startswith("SEARCH i USING INDEX sqlite_autoindex_incidents_1") for s in steps)
    assert any(s.startswith("SEARCH c USING PRIMARY KEY (incident_key=?)") for s in steps), steps
    assert any(s.startswith("SEARCH s USING INDEX sqlite_autoindex_sources_1") for s in steps)
    assert not any(s.startswith("SCAN") for s in steps), steps


def test_every_table_view_and_column_is_described_in_the_file(
    db: sqlite3.Connection, defined: tuple[Table[Any], ...]
) -> None:
    assert rows(db, 'SELECT name, kind, csv, description FROM "_tables"') == [
        *((t.name, "table", t.path, t.description) for t in defined),
        *((v.name, "view", None, v.description) for v in VIEWS),
    ]
    described = rows(db, 'SELECT table_name, name, type, sql_type, description FROM "_columns"')
    tables = [(t.name, *column) for t in defined for column in stored_columns(t)]
    assert described[: len(tables)] == tables
    views = described[len(tables) :]
    # Each view's columns, in order, with the SQL type SQLite declares for them (none for
    # a computed column).
    assert [(view, name, sql_type) for view, name, _, sql_type, _ in views] == [
        (v.name, column[1], column[2])
        for v in VIEWS
        for column in rows(db, f'PRAGMA table_info("{v.name}")')
    ]
    found = {(view, name): (kind, sql_type, about) for view, name, kind, sql_type, about in views}
    # A column taken from a table, renamed or not, reads as that table's column.
    assert found["claims_with_sources", "headline"] == found_in(tables, "sources", "title")
    assert found["figure_claims", "incident_id"] == found_in(tables, "incidents", "id")
    assert found["killed_by_region", "incident_count"] == (
        "integer",
        "",
        "Published incidents with a share of killed here.",
    )
    # Where the table's words would mislead, the view says what the column means there.
    assert found["incident_figures", "by_kind"] == (
        "string",
        "TEXT",
        "The kind of the party that caused it (party_kinds).",
    )
    assert found["claims_with_sources", "title"][2] == "The incident's title."
    assert dict(rows(db, 'SELECT key, value FROM "_dataset"')) == {
        "created": f"{TODAY.isoformat()}T00:00:00Z",
        "description": "Sourced records of security incidents: every figure is a list of "
        "claims (who said it, when, in which source) beside a curated estimate.",
        "license": "CC-BY-4.0",
        "license_title": "Creative Commons Attribution 4.0 International",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "name": "incident-record",
        "title": "Incident Record",
    }
    assert rows(db, "PRAGMA user_version") == [(3,)]


def found_in(columns: list[tuple[Any, ...]], table: str, name: str) -> tuple[str, str, str]:
    """A table's column's type, SQL type and description, from ``_columns`` rows."""
    return next(tuple(c[2:]) for c in columns if c[:2] == (table, name))


def test_a_view_column_neither_taken_from_a_table_nor_described_is_refused(
    defined: tuple[Table[Any], ...],
) -> None:
    sql = """SELECT i.id AS incident_id, COALESCE(i.title, i.id) AS shown, i.title
FROM incidents AS i"""
    assert selected(View("v", "A view.", sql)) == [
        ("incident_id", ("incidents", "id")),
        ("shown", None),
        ("title", ("incidents", "title")),
    ]
    with pytest.raises(ValueError, match="view v: column 'shown' is not described"):
        view_columns(View("v", "A view.", sql), defined)
    view = View("v", "A view.", sql, {"shown": ("string", "Shown.")}, {"title": "Its title."})
    assert [column[:3] for column in view_columns(view, defined)] == [
        ("incident_id", "string", "TEXT"),
        ("shown", "string", ""),
        ("title", "string", "TEXT"),
    ]
    assert view_columns(view, defined)[2][3] == "Its title."


def test_datasette_metadata_describes_every_table_view_and_column(
    data_dir: Path, db: sqlite3.Connection, defined: tuple[Table[Any], ...]
) -> None:
    metadata = strict_json((data_dir / "incidents.metadata.json").read_text(encoding="utf-8"))
    assert {key: metadata[key] for key in ("title", "license", "license_url")} == {
        "title": "Incident Record",
        "license": "CC-BY-4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert list(metadata["databases"]) == ["incidents"]
    described = metadata["databases"]["incidents"]["tables"]
    assert list(described) == [t.name for t in defined] + [v.name for v in VIEWS]
    labels = {"incidents": "title", "sources": "title", "party_kinds": "label"}
    for table in defined:
        assert described[table.name] == {
            "description": table.description,
            "columns": {name: about for name, _, _, about in stored_columns(table)},
            **({"label_column": labels[table.name]} if table.name in labels else {}),
        }
    for view in VIEWS:
        columns = 'SELECT name, description FROM "_columns" WHERE table_name = ? ORDER BY position'
        assert described[view.name] == {
            "description": view.description,
            "columns": dict(rows(db, columns, view.name)),
        }


# --- Counting once, untrusted text, the same bytes ------------------------------------------


def test_an_incident_in_two_regions_is_counted_once(tmp_path: Path) -> None:
    data = write_data(tmp_path, {f"{RAID}.yaml": RAID_RECORD})
    connection = sqlite3.connect(data / "incidents.sqlite")
    try:
        areas = (
            "SELECT i.id, a.figure, a.area, a.best, a.low, a.high FROM area_totals AS a "
            "JOIN incidents AS i USING (incident_key) WHERE i.id = ?"
        )
        assert rows(connection, areas, RAID) == [
            (RAID, "killed", "Almaty Region", 4.0, 4.0, 4.0),
            (RAID, "killed", "Several regions", 6.0, 6.0, 6.0),
        ]
        assert rows(connection, "SELECT * FROM killed_by_region ORDER BY area") == [
            ("Almaty Region", 2, 7.0, 7.0, 9.0),
            ("Several regions", 1, 6.0, 6.0, 6.0),
        ]
        assert rows(connection, "SELECT SUM(killed_best) FROM killed_by_region") == [(13.0,)]
        assert rows(connection, "SELECT title FROM incidents WHERE id = ?", RAID) == [(RAID_TITLE,)]
    finally:
        connection.close()


def test_the_same_content_gives_the_same_bytes(tmp_path: Path, data_dir: Path) -> None:
    again = write_data(tmp_path / "again")
    first = (data_dir / "incidents.sqlite").read_bytes()
    assert (again / "incidents.sqlite").read_bytes() == first
    assert first.startswith(b"SQLite format 3\x00")
    assert str(tmp_path).encode() not in first


def test_a_build_with_its_per_record_parts_makes_the_same_database(
    tmp_path: Path, data_dir: Path
) -> None:
    shutil.copytree(CORPUS, tmp_path / "content")
    settings: Settings = make_settings(tmp_path)
    build_docs(settings)
    built = (settings.docs_dir / "data" / "incidents.sqlite").read_bytes()
    assert built == (data_dir / "incidents.sqlite").read_bytes()


def test_a_full_disk_while_making_the_database_is_a_located_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(CORPUS, tmp_path / "content")
    settings = make_settings(tmp_path)

    def full(*_: object) -> None:
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = 13  # SQLITE_FULL
        raise error

    monkeypatch.setattr(database, "_make", full)
    with pytest.raises(ContentError) as raised:
        build_docs(settings)
    assert [str(p) for p in raised.value.problems] == [
        "build/docs/data/incidents.sqlite: error: cannot write: no space left on the device; "
        "free some and build again"
    ]
    assert not (settings.docs_dir / "data" / ".incidents.sqlite.tmp").exists()


def test_a_row_that_names_a_missing_row_stops_the_export(defined: tuple[Table[Any], ...]) -> None:
    places = next(t for t in defined if t.name == "places")
    invented = (RAID, 1, None, "KZ", *([None] * (len(places.columns) - 4)))
    with pytest.raises(database.DatabaseError) as raised:
        b"".join(database.database_blocks(defined, [{"places": [invented]}], {}))
    assert (
        str(raised.value)
        == "incidents.sqlite: rows refer to missing rows: places (1 row) -> incidents"
    )


def test_indexes_made_after_the_rows_give_the_bytes_of_indexes_declared_first(
    tmp_path: Path, data_dir: Path, defined: tuple[Table[Any], ...]
) -> None:
    """The exporter indexes once every row is in; a database indexed from the start, filled
    with the same rows in the same order and compacted the same way, has the same bytes."""
    made = data_dir / "incidents.sqlite"
    source = sqlite3.connect(f"file:{made}?mode=ro", uri=True)
    reference = sqlite3.connect(tmp_path / "work.sqlite", isolation_level=None)
    try:
        reference.execute(f"PRAGMA user_version = {database.SCHEMA_VERSION:d}")
        for statement in database._META:
            reference.execute(statement)
        for table in defined:
            reference.execute(database.create_table(table))
            for statement in database.create_indexes(table):
                reference.execute(statement)
        for view in VIEWS:
            reference.execute(f"CREATE VIEW {database.quoted(view.name)} AS\n{view.sql}")
        names = [t.name for t in defined] + ["_dataset", "_tables", "_columns"]
        for name in names:
            # Rowid order, or key order for a table without rowid.
            found = source.execute(f"SELECT * FROM {database.quoted(name)}")
            rows = found.fetchall()
            marks = ", ".join("?" for _ in found.description)
            reference.executemany(f"INSERT INTO {database.quoted(name)} VALUES ({marks})", rows)
        reference.execute("VACUUM INTO ?", (str(tmp_path / "reference.sqlite"),))
    finally:
        source.close()
        reference.close()
    assert (tmp_path / "reference.sqlite").read_bytes() == made.read_bytes()


def test_tables_keyed_by_several_columns_have_no_rowid_and_no_second_copy_of_the_key(
    db: sqlite3.Connection, defined: tuple[Table[Any], ...]
) -> None:
    without = {t.name for t in defined if len(t.primary_key) > 1}
    assert without == {
        "figures",
        "claims",
        "parties",
        "party_names",
        "places",
        "measures",
        "fates",
        "area_totals",
        "terms",
        "targets",
        "weapons",
        "tactics",
        "motives",
        "responsibility",
        "related",
    }
    for name in without:
        with pytest.raises(sqlite3.OperationalError, match="no such column: rowid"):
            db.execute(f'SELECT rowid FROM "{name}"')
    automatic = rows(db, "SELECT tbl_name FROM sqlite_schema WHERE name LIKE 'sqlite_autoindex%'")
    # Only the one-column keys and incidents' unique id keep an index beside their table.
    assert sorted(automatic) == [
        ("_columns",),
        ("_dataset",),
        ("_tables",),
        ("incidents",),
        ("party_kinds",),
        ("sources",),
    ]


def test_foreign_key_indexes_hold_only_rows_that_fill_the_key(db: sqlite3.Connection) -> None:
    query = "SELECT name, sql FROM sqlite_schema WHERE name = 'figures_incident_key_by'"
    assert dict(rows(db, query)) == {
        "figures_incident_key_by": 'CREATE INDEX "figures_incident_key_by" ON "figures" '
        '("incident_key", "by") WHERE "incident_key" IS NOT NULL AND "by" IS NOT NULL'
    }
    plan = rows(
        db,
        "EXPLAIN QUERY PLAN SELECT f.figure_key FROM parties p "
        "JOIN figures f ON f.incident_key = p.incident_key AND f.by = p.party "
        "WHERE p.incident_key = ? AND p.party = ?",
        1,
        "x",
    )
    # SQLite finds the figures by their incident (the primary key's lead), not by a scan.
    assert [str(step[-1]) for step in plan] == [
        "SEARCH p USING PRIMARY KEY (incident_key=? AND party=?)",
        "SEARCH f USING PRIMARY KEY (incident_key=?)",
    ]


# --- Views that join back what the tables write once -----------------------------------------

FIGURE_COLUMNS = (
    "figure",
    "role",
    "party",
    "party_key",
    "by",
    "by_key",
    "place",
    "place_name",
    "country",
)


def test_figure_claims_gives_every_claim_with_what_its_figure_counts(
    db: sqlite3.Connection, defined: tuple[Table[Any], ...]
) -> None:
    """The view holds every claim once, with its own cells and its figure's: the columns
    claims.csv repeated from figures.csv before schema version 2."""
    claims_table = next(t for t in defined if t.name == "claims")
    claims = {row[:3]: row for row in rows(db, as_in_csv(claims_table))}
    dimensions = ", ".join(f'f."{name}"' for name in FIGURE_COLUMNS)
    figures = {
        row[:2]: row[2:]
        for row in rows(
            db,
            f"SELECT i.id, f.figure_key, {dimensions} FROM figures AS f "
            "JOIN incidents AS i USING (incident_key)",
        )
    }
    found = db.execute("SELECT * FROM figure_claims")
    names = [column[0] for column in found.description]
    claim_columns = list(claims_table.header)
    assert names == [*claim_columns[:2], *FIGURE_COLUMNS, *claim_columns[2:]]
    viewed = found.fetchall()
    assert len(viewed) == len(claims) == 8
    split = len(FIGURE_COLUMNS) + 2
    for row in viewed:
        assert row[2:split] == figures[row[:2]]
        assert (*row[:2], *row[split:]) == claims[(*row[:2], row[split])]
    workers = rows(
        db,
        "SELECT party_key, by_key, place_name FROM figure_claims WHERE party = 'workers'",
    )
    assert workers == [(f"{DEPOT}/workers", f"{DEPOT}/gunmen", "Exampleton, Almaty Region")]


def test_parties_with_kinds_gives_each_party_its_kind_and_the_name_the_site_shows(
    db: sqlite3.Connection,
) -> None:
    assert rows(
        db,
        "SELECT party, kind, kind_label, acled_actor_type, state, name, display_name "
        "FROM parties_with_kinds ORDER BY party",
    ) == [
        (
            "gunmen",
            "armed-group",
            "Armed group",
            "2 Rebel groups or 3 Political militias",
            0,
            None,
            "Two gunmen",
        ),
        (
            "police",
            "police",
            "Police",
            "1 State forces",
            1,
            "Exampleton police",
            "Exampleton police",
        ),
        ("workers", "civilians", "Civilians", "7 Civilians", 0, "Depot workers", "Depot workers"),
    ]
    assert rows(
        db, "SELECT party, nationalities FROM parties_with_kinds WHERE nationalities != ''"
    ) == [("workers", "KZ;UZ")]
    assert rows(db, "SELECT COUNT(*) FROM parties_with_kinds") == rows(
        db, "SELECT COUNT(*) FROM parties"
    )
