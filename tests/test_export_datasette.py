"""data/incidents.sqlite in Datasette, as the data page says to browse it: every table and view
opens with its description, a record's text stays text, and the page's queries give in
Datasette what they give in sqlite3.

On the fictional corpus in fixtures/exports/ with an invented incident whose title holds SQL;
Datasette runs in this process (its ASGI client), with no server and no network.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from datasette.app import Datasette
from markupsafe import escape

from generator.data.queries import VIEWS, examples
from tests.test_export_sqlite import RAID, RAID_RECORD, RAID_TITLE, write_data

# Datasette opens its own stylesheet without naming an encoding; the tests run with such
# warnings as errors (make test), which are meant for this project's code.
pytestmark = pytest.mark.filterwarnings(
    r"ignore:'encoding' argument not specified:EncodingWarning:datasette\."
)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_data(tmp_path_factory.mktemp("datasette"), {f"{RAID}.yaml": RAID_RECORD})


def get(data_dir: Path, path: str) -> tuple[int, str]:
    """Status and body of a GET on Datasette serving the database with its metadata file."""
    metadata = json.loads((data_dir / "incidents.metadata.json").read_text(encoding="utf-8"))

    async def fetch() -> tuple[int, str]:
        app = Datasette([str(data_dir / "incidents.sqlite")], immutables=[], metadata=metadata)
        response = await app.client.get(path)
        return response.status_code, response.text

    return asyncio.run(fetch())


def get_json(data_dir: Path, path: str) -> Any:
    status, body = get(data_dir, path)
    assert status == 200, (path, body[:300])
    return json.loads(body)


def test_every_table_and_view_opens_with_its_description(data_dir: Path) -> None:
    metadata = json.loads((data_dir / "incidents.metadata.json").read_text(encoding="utf-8"))
    described = metadata["databases"]["incidents"]["tables"]
    listed = get_json(data_dir, "/incidents.json")
    names = {table["name"] for table in listed["tables"] + listed["views"]}
    assert names >= set(described)
    assert {view.name for view in VIEWS} == {view["name"] for view in listed["views"]}
    for name, about in described.items():
        status, page = get(data_dir, f"/incidents/{name}")
        assert status == 200, name
        assert str(escape(about["description"])) in page, name  # as Jinja escapes it
        rows = get_json(data_dir, f"/incidents/{name}.json?_size=1&_shape=objects")
        assert "rows" in rows, name


def test_a_records_text_is_shown_as_text(data_dir: Path) -> None:
    # Datasette's row page is by the table's key: an incident's is its integer key.
    connection = sqlite3.connect(f"file:{data_dir / 'incidents.sqlite'}?mode=ro", uri=True)
    try:
        query = "SELECT incident_key FROM incidents WHERE id = ?"
        ((key,),) = connection.execute(query, (RAID,)).fetchall()
    finally:
        connection.close()
    status, page = get(data_dir, f"/incidents/incidents/{key}")
    assert status == 200
    assert "DROP TABLE incidents; --&#39;" in page
    found = get_json(data_dir, f"/incidents/incidents/{key}.json?_shape=objects")
    assert found["rows"][0]["title"] == RAID_TITLE
    assert found["rows"][0]["id"] == RAID


def test_a_key_that_names_an_incident_a_source_or_a_kind_shows_its_title(data_dir: Path) -> None:
    connection = sqlite3.connect(f"file:{data_dir / 'incidents.sqlite'}?mode=ro", uri=True)
    try:
        query = "SELECT incident_key FROM incidents WHERE id = ?"
        ((key,),) = connection.execute(query, (RAID,)).fetchall()
        ((source, headline),) = connection.execute(
            "SELECT c.source_id, s.title FROM claims AS c JOIN sources AS s ON s.id = c.source_id"
            " WHERE c.incident_key = ? LIMIT 1",
            (key,),
        ).fetchall()
    finally:
        connection.close()
    query = urlencode({"incident_key": key, "_labels": "on", "_shape": "objects"})
    claim = get_json(data_dir, f"/incidents/claims.json?{query}")["rows"][0]
    assert claim["source_id"] == {"value": source, "label": headline}
    places = get_json(data_dir, f"/incidents/places.json?{query}")["rows"]
    assert [place["incident_key"] for place in places] == [{"value": key, "label": RAID_TITLE}] * 2
    labelled = urlencode({"_labels": "on", "_shape": "objects", "kind": "police"})
    parties = get_json(data_dir, f"/incidents/parties.json?{labelled}")["rows"]
    assert {party["kind"]["label"] for party in parties} == {"Police"}
    # On the table's page the title is text, escaped as any record text.
    status, page = get(data_dir, f"/incidents/places?incident_key={key}")
    assert status == 200
    assert "DROP TABLE incidents; --&#39;" in page
    assert "DROP TABLE incidents; --'" not in page


def test_the_data_pages_queries_give_in_datasette_what_they_give_in_sqlite(
    data_dir: Path,
) -> None:
    connection = sqlite3.connect(f"file:{data_dir / 'incidents.sqlite'}?mode=ro", uri=True)
    try:
        for example in examples(RAID):
            sql = example.sql.rstrip().rstrip(";")
            expected = [list(row) for row in connection.execute(sql)]
            assert expected, example.title
            found = get_json(
                data_dir, "/incidents.json?" + urlencode({"sql": sql, "_shape": "array"})
            )
            assert [list(row.values()) for row in found] == expected, example.title
    finally:
        connection.close()
