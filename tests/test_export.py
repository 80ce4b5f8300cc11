"""Open data: every file is checked with an independent parser (json, csv, jsonschema,
frictionless, shapely, ElementTree), on the fictional corpus in fixtures/exports/."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import frictionless
import jsonschema
import pytest
from shapely.geometry import shape

from generator.build.check import load_checked
from generator.build.pipeline import build_site
from generator.core.history import FileDates, History
from generator.core.outputs import Content, content_bytes
from generator.core.settings import Settings
from generator.core.site_info import read_site_info
from generator.core.write import write_tree
from generator.data.export import export_files
from generator.data.formats import format_cell, neutralise
from generator.model import Incident, Source
from tests.conftest import FIXTURES, make_settings
from tests.golden import copy_mkdocs_yml

CORPUS = FIXTURES / "exports" / "content"
DEPOT = "2024-03-02-exampleton-depot-siege"
MARKET = "2024-05-10-sampleville-market-blast"
WITHDRAWN = "2024-06-01-exampleton-rumoured-attack"
DRAFT = "2024-07-01-sampleville-draft-report"
ATOM = "{http://www.w3.org/2005/Atom}"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
CSV_FILES = (
    "incidents",
    "figures",
    "claims",
    "parties",
    "party_kinds",
    "terms",
    "party_names",
    "places",
    "measures",
    "fates",
    "targets",
    "weapons",
    "tactics",
    "motives",
    "responsibility",
    "related",
    "area_totals",
    "sources",
)


@pytest.fixture
def corpus(tmp_path: Path) -> Settings:
    """A temporary copy of the fictional export corpus, without mkdocs.yml."""
    shutil.copytree(CORPUS, tmp_path / "content")
    return make_settings(tmp_path)


def export(settings: Settings, history: History | None = None) -> dict[str, Content]:
    dataset, _ = load_checked(settings)
    return export_files(dataset, settings, history or {})


@pytest.fixture
def data_dir(corpus: Settings) -> Path:
    """The data files written to disk, as a build writes them."""
    write_tree(corpus.docs_dir, export(corpus))
    return corpus.docs_dir / "data"


def strict_json(text: str) -> Any:
    def refuse(name: str) -> None:
        raise ValueError(f"non-standard JSON constant {name}")

    return json.loads(text, parse_constant=refuse)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, strict=True))


# --- incidents.json --------------------------------------------------------------------------


def test_json_is_strict_and_round_trips_to_the_models(data_dir: Path, corpus: Settings) -> None:
    data = strict_json((data_dir / "incidents.json").read_text(encoding="utf-8"))
    dataset, _ = load_checked(corpus)
    originals = {i.id: i for i in dataset.incidents}
    assert list(data["incidents"]) == [DEPOT, MARKET, WITHDRAWN]
    for incident_id, record in data["incidents"].items():
        assert Incident.model_validate({**record, "id": incident_id}) == originals[incident_id]
    for source_id, record in data["sources"].items():
        assert Source.model_validate({**record, "id": source_id}) == dataset.sources[source_id]
    assert data["dataset"]["incident_count"] == 3
    assert data["dataset"]["source_count"] == 4


def test_json_keeps_model_field_order(data_dir: Path) -> None:
    data = strict_json((data_dir / "incidents.json").read_text(encoding="utf-8"))
    record = data["incidents"][DEPOT]
    order = [name for name in Incident.model_fields if name in record]
    assert list(record) == order
    assert list(record["figures"][0]["claims"][1]) == [
        "min",
        "max",
        "qualifier",
        "stated_by",
        "source",
        "quote",
        "uncertain",
    ]


def test_json_gives_a_partys_nationalities_only_where_the_record_does(data_dir: Path) -> None:
    data = strict_json((data_dir / "incidents.json").read_text(encoding="utf-8"))
    parties = {party["id"]: party for party in data["incidents"][DEPOT]["parties"]}
    assert parties["workers"]["nationalities"] == ["KZ", "UZ"]
    assert "nationalities" not in parties["police"]


def test_json_records_follow_the_published_schema(data_dir: Path) -> None:
    data = strict_json((data_dir / "incidents.json").read_text(encoding="utf-8"))
    checker = jsonschema.FormatChecker()
    for name, key in (("incident", "incidents"), ("source", "sources")):
        schema = strict_json((data_dir / "schema" / f"{name}.schema.json").read_text("utf-8"))
        validator = jsonschema.Draft202012Validator(schema, format_checker=checker)
        for record in data[key].values():
            validator.validate(record)


def test_json_refuses_nan() -> None:
    from generator.data.formats import strict_json

    with pytest.raises(ValueError, match="JSON compliant"):
        strict_json({"best": float("nan")})


# --- CSV files -------------------------------------------------------------------------------


def test_incidents_csv_has_one_flat_row_per_incident(data_dir: Path) -> None:
    rows = {row["id"]: row for row in read_csv(data_dir / "incidents.csv")}
    assert list(rows) == [DEPOT, MARKET, WITHDRAWN]
    depot = rows[DEPOT]
    assert {key: depot[key] for key in ("start", "start_date", "end", "precision")} == {
        "start": "2024-03-02T14:15:00+06:00",
        "start_date": "2024-03-02",
        "end": "2024-03-02T19:00:00+06:00",
        "precision": "minute",
    }
    assert (depot["country"], depot["region"], depot["settlement"]) == (
        "KZ",
        "Almaty Region",
        "Exampleton",
    )
    assert (depot["lat"], depot["lon"], depot["coordinate_precision"]) == (
        "43.5",
        "77.25",
        "settlement",
    )
    assert depot["types"] == "hostage-taking;shoot-out"
    assert (depot["killed_best"], depot["killed_low"], depot["killed_high"]) == ("3", "3", "5")
    assert depot["killed_perpetrators_best"] == "2"
    assert depot["killed_civilians_best"] == ""
    assert (depot["injured_best"], depot["injured_high"]) == ("6", "9")
    assert depot["hostages_best"] == ""
    assert depot["source_count"] == "3"
    assert depot["place_count"] == "2"
    assert (depot["violence"], depot["violence_classified_by"]) == ("", "")
    assert (depot["gtd_ids"], depot["acled_ids"], depot["ucdp_ged_ids"]) == (
        "202403020001",
        "KAZ1234;KAZ1235",
        "",
    )
    assert depot["wikidata_id"] == "Q4115189"
    assert rows[MARKET]["wikidata_id"] == ""
    assert "sources" not in depot
    assert depot["url"] == f"incidents/{DEPOT}/"
    assert rows[MARKET]["injured_civilians_best"] == "1"
    assert rows[MARKET]["lat"] == ""
    assert rows[WITHDRAWN]["status"] == "withdrawn"


def test_incidents_csv_gives_the_violence_category_and_who_classified_it(
    corpus: Settings,
) -> None:
    # Not in the shared fixture: the site build would need the methodology page's
    # #classification section that incident pages with a category link to.
    record = corpus.content_dir / "incidents" / f"{DEPOT}.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(
        text.replace(
            "identifiers:",
            "violence:\n  category: one-sided\n  classified_by: Editors of this record\n"
            "identifiers:",
        ),
        encoding="utf-8",
    )
    rows = list(csv.DictReader(io.StringIO(str(export(corpus)["data/incidents.csv"]))))
    assert [(r["id"], r["violence"], r["violence_classified_by"]) for r in rows] == [
        (DEPOT, "one-sided", "Editors of this record"),
        (MARKET, "", ""),
        (WITHDRAWN, "", ""),
    ]


def test_claims_csv_has_one_row_per_claim(data_dir: Path) -> None:
    rows = read_csv(data_dir / "claims.csv")
    # A claim names its figure by its key only: what the figure counts is in figures.csv.
    assert list(rows[0])[:4] == ["incident_id", "figure_key", "claim", "value"]
    assert not {"figure", "role", "party", "party_key", "by", "by_key"} & set(rows[0])
    assert not {"place", "place_name", "country"} & set(rows[0])
    keys = [(r["incident_id"], r["figure_key"], r["claim"]) for r in rows]
    assert keys == [
        (DEPOT, "killed-total", "1"),
        (DEPOT, "killed-total", "2"),
        (DEPOT, "killed-perpetrators", "1"),
        (DEPOT, "injured-total", "1"),
        (DEPOT, "hostages-total", "1"),
        (DEPOT, "killed-civilians-party-workers-by-gunmen-place-depot", "1"),
        (DEPOT, "duration-total", "1"),
        (MARKET, "injured-civilians", "1"),
    ]
    figures = {(f["incident_id"], f["figure_key"]) for f in read_csv(data_dir / "figures.csv")}
    assert {(r["incident_id"], r["figure_key"]) for r in rows} <= figures
    ranged = rows[1]
    assert (ranged["value"], ranged["min"], ranged["max"], ranged["qualifier"]) == (
        "",
        "4",
        "5",
        "about",
    )
    assert ranged["display"] == "about 4–5"
    assert ranged["source_id"] == "example-wire-2024-03-03-depot-toll"
    assert ranged["uncertain"] == "true"
    assert rows[3]["display"] == "at least 6"
    # Words without a number are not an exact number, whatever the record's default.
    assert (rows[4]["value"], rows[4]["text"], rows[4]["qualifier"]) == ("", "a dozen workers", "")
    assert rows[6]["value"] == "4.75"


def test_figures_and_sources_csv(data_dir: Path) -> None:
    figures = read_csv(data_dir / "figures.csv")
    killed = figures[0]
    assert (killed["best"], killed["rule"], killed["claimed_low"], killed["claimed_high"]) == (
        "3",
        "latest-official",
        "3",
        "5",
    )
    assert killed["disputed"] == "true"
    assert killed["claim_count"] == "2"
    assert (killed["party"], killed["party_key"], killed["by_key"]) == ("", "", "")
    by_party = figures[4]
    assert {key: by_party[key] for key in ("figure_key", "party", "party_key", "by", "by_key")} == {
        "figure_key": "killed-civilians-party-workers-by-gunmen-place-depot",
        "party": "workers",
        "party_key": f"{DEPOT}/workers",
        "by": "gunmen",
        "by_key": f"{DEPOT}/gunmen",
    }
    assert (by_party["place"], by_party["place_name"]) == ("depot", "Exampleton, Almaty Region")
    # A figure of one party, cause or place is a part: summing it with the whole counts twice.
    assert (killed["is_part"], by_party["is_part"]) == ("false", "true")
    assert [f["best"] for f in figures if f["figure"] == "hostages"] == [""]
    sources = {row["id"]: row for row in read_csv(data_dir / "sources.csv")}
    assert sources["example-gazette-2024-03-02-depot-siege"]["incident_count"] == "1"
    assert sources["example-gazette-2024-03-02-depot-siege"]["published"] == (
        "2024-03-02T18:30:00+06:00"
    )


def test_motives_claims_of_responsibility_and_links_have_tables(data_dir: Path) -> None:
    """What the Global Terrorism Database has as 'motive' and 'claimed', each one account."""
    (motive,) = read_csv(data_dir / "motives.csv")
    assert {k: motive[k] for k in ("incident_id", "position", "stated_by", "as_of")} == {
        "incident_id": DEPOT,
        "position": "1",
        "stated_by": "Example Ministry",
        "as_of": "2024-03-03",
    }
    assert (motive["source_id"], motive["uncertain"]) == (
        "example-ministry-2024-03-03-statement",
        "false",
    )
    (claimed,) = read_csv(data_dir / "responsibility.csv")
    assert (claimed["claimant"], claimed["as_of"], claimed["uncertain"]) == (
        "Example Front",
        "",
        "true",
    )
    assert claimed["credibility_note"] == "Doubted by the ministry. Fictional."
    (link,) = read_csv(data_dir / "related.csv")
    assert (link["incident_id"], link["related_id"], link["relation"]) == (
        DEPOT,
        MARKET,
        "same-perpetrators",
    )


def test_csv_cells_are_neutralised_against_formulas(data_dir: Path) -> None:
    sources = {row["id"]: row for row in read_csv(data_dir / "sources.csv")}
    wire = sources["example-wire-2024-03-03-depot-toll"]
    assert wire["title"] == '\'=HYPERLINK("https://example.org/x","Depot toll rises")'
    assert wire["publisher"] == "'+Example Wire"
    assert wire["notes"].startswith("'-A fictional wire copy")
    assert sources["example-ministry-2024-03-03-statement"]["title"].startswith("'@Ministry")
    claims = read_csv(data_dir / "claims.csv")
    assert [c["stated_by"] for c in claims[1:3]] == ["'-Unnamed witness", "'@ExampleMinistry"]
    assert claims[1]["quote"] == "'=four or five dead"
    assert read_csv(data_dir / "party_names.csv")[1]["label"] == "'=gang"
    assert read_csv(data_dir / "fates.csv")[0]["words"] == "'=neutralised"
    for name in CSV_FILES:
        for row in read_csv(data_dir / f"{name}.csv"):
            assert not [cell for cell in row.values() if cell.startswith(FORMULA_STARTS)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+7 701", "'+7 701"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindent", "'\tindent"),
        ("\rreturn", "'\rreturn"),
        ("\nline", "'\nline"),
        ("\0nul", "'\0nul"),
        ("Astana", "Astana"),
        ("a=b", "a=b"),
    ],
)
def test_neutralise_prefixes_formula_starts(text: str, expected: str) -> None:
    assert neutralise(text) == expected


def test_numbers_are_written_as_numbers() -> None:
    assert [format_cell(v) for v in (7, 7.0, 4.75, -61.5, None, True, dt.date(2024, 1, 2))] == [
        "7",
        "7",
        "4.75",
        "-61.5",
        "",
        "true",
        "2024-01-02",
    ]


# --- Data Package ---------------------------------------------------------------------------


def test_datapackage_validates_with_frictionless(data_dir: Path) -> None:
    report = frictionless.validate(str(data_dir / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = strict_json((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in package["resources"]] == [f"{name}.csv" for name in CSV_FILES]
    schemas = {r["name"]: r["schema"] for r in package["resources"]}
    claims = schemas["claims"]
    assert claims["primaryKey"] == ["incident_id", "figure_key", "claim"]
    assert [
        (key["fields"], key["reference"]["resource"], key["reference"]["fields"])
        for key in claims["foreignKeys"]
    ] == [
        (["incident_id", "figure_key"], "figures", ["incident_id", "figure_key"]),
        (["source_id"], "sources", ["id"]),
    ]
    assert schemas["figures"]["foreignKeys"][1:] == [
        {"fields": ["party_key"], "reference": {"resource": "parties", "fields": ["party_key"]}},
        {"fields": ["by_key"], "reference": {"resource": "parties", "fields": ["party_key"]}},
    ]
    assert schemas["parties"]["primaryKey"] == ["incident_id", "party"]
    assert schemas["parties"]["foreignKeys"][1:] == [
        {"fields": ["kind"], "reference": {"resource": "party_kinds", "fields": ["kind"]}}
    ]
    assert schemas["party_kinds"]["primaryKey"] == ["kind"]
    party_key = next(f for f in schemas["parties"]["fields"] if f["name"] == "party_key")
    assert party_key["constraints"] == {"unique": True}
    party = {"resource": "parties", "fields": ["incident_id", "party"]}
    for name in ("party_names", "fates"):
        keys = schemas[name]["foreignKeys"]
        assert {"fields": ["incident_id", "party"], "reference": party} in keys, name
    incident = {"fields": ["incident_id"], "reference": {"resource": "incidents", "fields": ["id"]}}
    assert schemas["parties"]["foreignKeys"][0] == incident
    for name in ("places", "measures"):
        assert schemas[name]["foreignKeys"] == [incident], name


def test_datapackage_catches_a_dangling_source(data_dir: Path) -> None:
    claims = data_dir / "claims.csv"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("example-wire-2024-03-03-depot-toll", "nowhere"), "utf-8")
    report = frictionless.validate(str(data_dir / "datapackage.json"))
    types = {error[0] for error in report.flatten(["type"])}
    assert {"foreign-key", "hash-count"} <= types


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("figures", f"{DEPOT}/workers", f"{DEPOT}/nobody"),
        ("figures", f"{DEPOT}/gunmen", f"{DEPOT}/nobody"),
        ("fates", f"{DEPOT},1,gunmen", f"{DEPOT},1,nobody"),
        ("party_names", f"{DEPOT},gunmen,1", f"{DEPOT},nobody,1"),
    ],
)
def test_datapackage_catches_a_dangling_party(
    data_dir: Path, name: str, old: str, new: str
) -> None:
    table = data_dir / f"{name}.csv"
    text = table.read_text(encoding="utf-8")
    assert old in text
    table.write_text(text.replace(old, new), "utf-8")
    report = frictionless.validate(str(data_dir / "datapackage.json"))
    errors = report.flatten(["type", "fieldName", "note"])
    assert [e for e in errors if e[0] == "foreign-key"], errors


@pytest.mark.parametrize(
    ("name", "old", "new", "reference"),
    [
        ("claims", f"{DEPOT},killed-perpetrators,", f"{DEPOT},killed-nobody,", "figures"),
        ("party_kinds", "armed-group,", "armed-band,", "party_kinds"),
    ],
)
def test_datapackage_catches_a_claim_without_its_figure_and_a_party_of_no_kind(
    data_dir: Path, name: str, old: str, new: str, reference: str
) -> None:
    """A claim's figure and a party's kind are rows of their own tables, checked as keys."""
    table = data_dir / f"{name}.csv"
    text = table.read_text(encoding="utf-8")
    assert old in text
    table.write_text(text.replace(old, new, 1), "utf-8")
    report = frictionless.validate(str(data_dir / "datapackage.json"))
    errors = [e for e in report.flatten(["type", "note"]) if e[0] == "foreign-key"]
    assert len(errors) == 1, report.flatten(["type", "note"])
    assert f'lookup table "{reference}"' in errors[0][1]


# --- GeoJSON -------------------------------------------------------------------------------


def test_geojson_is_rfc7946(data_dir: Path) -> None:
    data = strict_json((data_dir / "incidents.geojson").read_text(encoding="utf-8"))
    assert set(data) == {"type", "dataset", "features"}
    assert data["type"] == "FeatureCollection"
    # A foreign member (RFC 7946, 6.1): the dataset and its licence, as incidents.json has them.
    whole = strict_json((data_dir / "incidents.json").read_text(encoding="utf-8"))
    assert set(data["dataset"]) == {"name", "title", "description", "licenses", "created"}
    assert data["dataset"] == {key: whole["dataset"][key] for key in data["dataset"]}
    assert data["dataset"]["licenses"][0]["name"] == "CC-BY-4.0"
    ids = []
    for feature in data["features"]:
        assert set(feature) == {"type", "id", "geometry", "properties"}
        assert feature["type"] == "Feature"
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180
        assert -90 <= lat <= 90
        assert shape(geometry).is_valid
        ids.append(feature["id"])
    assert ids == [DEPOT, WITHDRAWN]
    depot = data["features"][0]
    assert depot["geometry"]["coordinates"] == [77.25, 43.5]
    assert depot["properties"]["killed_best"] == 3
    # Drawn at one of its two scenes; its numbers count both, and neither is wider than a town.
    assert (depot["properties"]["scene_count"], depot["properties"]["extent"]) == (2, "settlement")
    assert data["features"][1]["properties"]["status"] == "withdrawn"


# --- Atom feed -----------------------------------------------------------------------------


def test_feed_is_atom_dated_from_git_history(corpus: Settings) -> None:
    added = dt.datetime(2024, 3, 6, 9, 0, tzinfo=dt.UTC)
    changed = dt.datetime(2024, 8, 1, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=6)))
    history = {f"content/incidents/{DEPOT}.yaml": FileDates(added, changed)}
    feed = ET.fromstring(str(export(corpus, history)["data/incidents.atom"]))
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author/{*}name"):
        assert (feed.findtext(f"{ATOM}{name}") or "").strip(), name
    assert feed.findtext(f"{ATOM}updated") == "2024-08-01T12:30:00+06:00"
    entries = feed.findall(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert titles == [
        "Depot siege in Exampleton (fictional)",
        "Withdrawn: Rumoured attack in Exampleton (fictional)",
        "Market blast in Sampleville (fictional)",
    ]
    depot = entries[0]
    assert depot.findtext(f"{ATOM}published") == "2024-03-06T09:00:00Z"
    assert depot.findtext(f"{ATOM}updated") == "2024-08-01T12:30:00+06:00"
    assert entries[2].findtext(f"{ATOM}updated") == "2024-05-12T00:00:00Z"
    ids = set()
    for entry in entries:
        entry_id = entry.findtext(f"{ATOM}id") or ""
        assert entry_id.startswith("urn:uuid:")
        ids.add(entry_id)
        for name in ("published", "updated"):
            dt.datetime.fromisoformat(entry.findtext(f"{ATOM}{name}") or "")
        link = entry.find(f"{ATOM}link")
        assert link is not None
        assert link.get("rel") == "alternate"
        assert (link.get("href") or "").startswith("../incidents/")
    assert len(ids) == 3
    assert "retracted" in (entries[1].findtext(f"{ATOM}summary") or "")


# --- Site address, data page, determinism --------------------------------------------------


def test_site_url_from_mkdocs_yml_makes_links_absolute(corpus: Settings) -> None:
    corpus.mkdocs_yml.write_text(
        "site_name: Example Record\nsite_url: https://example.org/record\n"
        "extra:\n  analytics: !ENV [ANALYTICS_ID, '']\n",
        encoding="utf-8",
    )
    files = export(corpus)
    rows = list(csv.DictReader(io.StringIO(str(files["data/incidents.csv"]))))
    assert rows[0]["url"] == f"https://example.org/record/incidents/{DEPOT}/"
    feed = ET.fromstring(str(files["data/incidents.atom"]))
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {
        "alternate": "https://example.org/record/",
        "self": "https://example.org/record/data/incidents.atom",
    }
    package = strict_json(str(files["data/datapackage.json"]))
    assert (package["title"], package["homepage"]) == (
        "Example Record",
        "https://example.org/record/",
    )


def test_data_page_links_every_file(corpus: Settings) -> None:
    files = export(corpus)
    page = str(files["data/index.md"])
    published = {p.removeprefix("data/") for p in files if p != "data/index.md"}
    linked = {p for p in published if f"]({p})" in page}
    assert linked == published
    assert "`killed_security_forces_best`" in page


def test_export_is_deterministic_and_skips_drafts(corpus: Settings) -> None:
    first, second = export(corpus), export(corpus)
    assert first == second
    assert not [path for path, content in first.items() if DRAFT.encode() in content_bytes(content)]
    assert "data/incidents.sqlite" in first


@pytest.mark.slow
def test_site_build_publishes_the_data_files(corpus: Settings) -> None:
    copy_mkdocs_yml(corpus.root)
    build_site(corpus)
    data = corpus.site_dir / "data"
    for name in (
        "incidents.json",
        "incidents.csv",
        "figures.csv",
        "claims.csv",
        "sources.csv",
        "parties.csv",
        "party_kinds.csv",
        "terms.csv",
        "party_names.csv",
        "places.csv",
        "measures.csv",
        "fates.csv",
        "targets.csv",
        "weapons.csv",
        "tactics.csv",
        "area_totals.csv",
        "incidents.sqlite",
        "incidents.geojson",
        "datapackage.json",
        "incidents.atom",
        "schema/incident.schema.json",
        "schema/source.schema.json",
        "index.html",
    ):
        assert (data / name).is_file(), name
    assert not (data / "incidents.jsonl").exists()
    assert frictionless.validate(str(data / "datapackage.json")).valid


@pytest.mark.parametrize(
    ("line", "environment", "expected"),
    [
        (
            "site_url: !ENV SITE_URL",
            {"SITE_URL": "https://example.org/a"},
            "https://example.org/a/",
        ),
        ("site_url: !ENV SITE_URL", {}, ""),
        ("site_url: !ENV [SITE_URL, 'https://example.org/b/']", {}, "https://example.org/b/"),
        ("site_url: 'javascript:alert(1)'", {}, ""),
    ],
)
def test_site_url_reads_env_tags_like_mkdocs(
    corpus: Settings,
    monkeypatch: pytest.MonkeyPatch,
    line: str,
    environment: dict[str, str],
    expected: str,
) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    corpus.mkdocs_yml.write_text(f"site_name: Example\n{line}\n", encoding="utf-8")
    assert read_site_info(corpus).url == expected


def test_sources_carry_title_en_and_copy_found_in_every_data_file(data_dir: Path) -> None:
    sources = {row["id"]: row for row in read_csv(data_dir / "sources.csv")}
    ministry = sources["example-ministry-2024-03-03-statement"]
    assert ministry["title_en"] == "Statement of the ministry on the depot (fictional fixture)"
    assert ministry["copy_found"] == "true"
    assert sources["example-gazette-2024-05-10-market-blast"]["copy_found"] == ""
    records = strict_json((data_dir / "incidents.json").read_text(encoding="utf-8"))
    in_json = records["sources"]["example-ministry-2024-03-03-statement"]
    assert (in_json["title_en"], in_json["copy_found"]) == (ministry["title_en"], True)
    package = strict_json((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f["type"] for f in package["resources"][-1]["schema"]["fields"]}
    assert (fields["title_en"], fields["copy_found"]) == ("string", "boolean")
    assert list(fields)[:4] == ["id", "title", "title_en", "copy_found"]
