"""Open data of a record's parts (parties, names, places, measures, fates), the records' one
JSON file, and the data page's loading snippets run with pandas, R and jq, on the fictional
corpus in fixtures/exports/."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import get_args

import frictionless
import jsonschema
import markdown
import pandas as pd
import pytest
import yaml

from generator.build.check import load_checked
from generator.core.settings import ROOT
from generator.core.write import write_tree
from generator.data.data_page import _shown
from generator.data.export import export_files
from generator.data.formats import json_member, record_json, without_empty
from generator.data.formats import strict_json as compact_json
from generator.data.schema import json_schema
from generator.model import PARTY_KINDS, Incident, Source, Vocabulary
from generator.model.fields import Attribution, PublisherType, Qualifier, Role, Rule
from generator.site.sanitize import sanitize_html
from tests.conftest import CONTENT_TODAY, FIXTURES, make_settings
from tests.test_export import CORPUS, DEPOT, MARKET, WITHDRAWN, read_csv, strict_json


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The data files of a temporary copy of the fictional corpus, written as a build does."""
    shutil.copytree(CORPUS, tmp_path / "content")
    settings = make_settings(tmp_path)
    dataset, _ = load_checked(settings)
    write_tree(settings.docs_dir, export_files(dataset, settings, {}))
    return settings.docs_dir / "data"


def test_parties_csv_has_one_row_per_party_with_its_kind(data_dir: Path) -> None:
    rows = read_csv(data_dir / "parties.csv")
    assert [(r["incident_id"], r["party"], r["party_key"]) for r in rows] == [
        (DEPOT, "gunmen", f"{DEPOT}/gunmen"),
        (DEPOT, "workers", f"{DEPOT}/workers"),
        (DEPOT, "police", f"{DEPOT}/police"),
    ]
    gunmen, workers, police = rows
    assert {key: gunmen[key] for key in list(gunmen)[3:]} == {
        "kind": "armed-group",
        "roles": "attacker",
        "name": "",
        "described_as": "Two gunmen",
        "description": "Two gunmen. Fictional.",
        "agency": "",
        "nationalities": "",
        "response_role": "",
        "attribution": "alleged-by-authorities",
        "attributed_by": "Example Ministry",
        "label_count": "2",
        "source_count": "1",
    }
    # A named party's name is not written again: the site shows it as it is.
    assert (workers["kind"], workers["name"], workers["described_as"]) == (
        "civilians",
        "Depot workers",
        "",
    )
    assert workers["nationalities"] == "KZ;UZ"
    assert (police["kind"], police["agency"], police["response_role"]) == (
        "police",
        "Example Ministry of Internal Affairs",
        "lead",
    )
    assert (police["label_count"], police["source_count"]) == ("0", "2")


def test_party_kinds_csv_has_each_kind_once_with_its_acled_and_ucdp_place(data_dir: Path) -> None:
    rows = {row["kind"]: row for row in read_csv(data_dir / "party_kinds.csv")}
    assert list(rows) == list(PARTY_KINDS)
    assert rows["armed-group"] == {
        "kind": "armed-group",
        "label": "Armed group",
        "acled_actor_type": "2 Rebel groups or 3 Political militias",
        "state": "false",
    }
    assert (rows["civilians"]["acled_actor_type"], rows["civilians"]["state"]) == (
        "7 Civilians",
        "false",
    )
    assert (rows["police"]["label"], rows["police"]["state"]) == ("Police", "true")
    assert (rows["unknown"]["acled_actor_type"], rows["unknown"]["state"]) == ("", "false")


def test_terms_csv_gives_every_vocabulary_term_its_label_once(data_dir: Path) -> None:
    rows = read_csv(data_dir / "terms.csv")
    vocabulary = Vocabulary.model_validate(
        yaml.safe_load((CORPUS / "vocabulary.yaml").read_text(encoding="utf-8"))
    )
    from_file = [
        (name, str(position), term.id, term.label)
        for name in (
            "incident_types",
            "figures",
            "measure_kinds",
            "tactics",
            "target_types",
            "weapon_types",
        )
        for position, term in enumerate(getattr(vocabulary, name), start=1)
    ]
    shown = [(row["vocabulary"], row["position"], row["id"], row["label"]) for row in rows]
    assert shown[: len(from_file)] == from_file
    # Then the record format's own lists: every value a record may hold, in the model's order.
    allowed = {
        "roles": Role,
        "rules": Rule,
        "qualifiers": Qualifier,
        "attributions": Attribution,
        "publisher_types": PublisherType,
    }
    rest = shown[len(from_file) :]
    assert [(name, term) for name, _, term, _ in rest] == [
        (name, value) for name, kind in allowed.items() for value in get_args(kind)
    ]
    found = {(row["vocabulary"], row["id"]): row for row in rows}
    assert found["roles", "victims"] == {
        "vocabulary": "roles",
        "position": "2",
        "id": "victims",
        "label": "victims",
        "description": "Everyone but the perpetrators, for tolls that do not split civilians "
        "from security forces.",
        "unit": "",
    }
    assert (
        found["rules", "latest-official"]["label"],
        found["qualifiers", "at-least"]["label"],
    ) == (
        "latest official figure",
        "at least",
    )
    assert found["publisher_types", "wire"]["label"] == "News agency"
    assert found["incident_types", "explosion"] == {
        "vocabulary": "incident_types",
        "position": "6",
        "id": "explosion",
        "label": "Explosion",
        "description": "A blast whose cause is accidental, unexplained or disputed.",
        "unit": "",
    }
    assert (found["figures", "duration"]["unit"], found["figures", "killed"]["unit"]) == (
        "hours",
        "people",
    )
    assert found["tactics", "cordon"]["description"] == ""


def test_targets_weapons_and_tactics_csv_keep_each_with_who_stated_it(
    data_dir: Path,
) -> None:
    assert read_csv(data_dir / "targets.csv") == [
        {
            "incident_id": DEPOT,
            "position": "1",
            "type": "business",
            "detail": "The depot and its workers (fictional)",
            "stated_by": "Example Gazette",
            "source_id": "example-gazette-2024-03-02-depot-siege",
            "note": "",
        }
    ]
    weapons = read_csv(data_dir / "weapons.csv")
    assert [(w["position"], w["type"], w["party"], w["party_key"]) for w in weapons] == [
        ("1", "firearms", "gunmen", f"{DEPOT}/gunmen"),
        ("2", "firearms", "", ""),
    ]
    # Record text that a spreadsheet would run is guarded, as in every CSV file.
    assert (weapons[1]["detail"], weapons[1]["source_id"]) == (
        "'=Hunting rifles",
        "example-wire-2024-03-03-depot-toll",
    )
    assert read_csv(data_dir / "tactics.csv") == [
        {
            "incident_id": DEPOT,
            "position": "1",
            "tactic": "negotiation",
            "sources": "example-gazette-2024-03-02-depot-siege;example-wire-2024-03-03-depot-toll",
            "note": "Fictional.",
        }
    ]


def test_party_names_csv_says_who_called_the_party_what(data_dir: Path) -> None:
    rows = read_csv(data_dir / "party_names.csv")
    assert rows == [
        {
            "incident_id": DEPOT,
            "party": "gunmen",
            "position": "1",
            "label": "terrorists",
            "applied_by": "Example Ministry",
            "as_of": "2024-03-03",
            "source_id": "example-ministry-2024-03-03-statement",
            "quote": "the terrorists were neutralised",
            "uncertain": "false",
            "note": "",
        },
        {
            "incident_id": DEPOT,
            "party": "gunmen",
            "position": "2",
            "label": "'=gang",
            "applied_by": "'-Unnamed witness",
            "as_of": "",
            "source_id": "example-wire-2024-03-03-depot-toll",
            "quote": "",
            "uncertain": "true",
            "note": "",
        },
    ]


def test_places_csv_keeps_every_place_of_every_incident(data_dir: Path) -> None:
    rows = read_csv(data_dir / "places.csv")
    keys = ("incident_id", "position", "place", "settlement", "region", "extent", "role")
    assert [tuple(r[key] for key in keys) for r in rows] == [
        (DEPOT, "1", "depot", "Exampleton", "Almaty Region", "settlement", ""),
        (DEPOT, "2", "second-site", "Sampleville", "Almaty Region", "settlement", "Second site"),
        (MARKET, "1", "", "Sampleville", "Shymkent", "settlement", ""),
        (WITHDRAWN, "1", "", "Exampleton", "", "settlement", ""),
    ]
    located = [(r["lat"], r["lon"], r["coordinate_precision"]) for r in rows]
    assert located == [
        ("43.5", "77.25", "settlement"),
        ("", "", ""),
        ("", "", ""),
        ("43.51", "77.2", "settlement"),
    ]
    assert [r["source_count"] for r in rows] == ["1", "0", "0", "0"]


def test_measures_and_fates_csv(data_dir: Path) -> None:
    assert read_csv(data_dir / "measures.csv") == [
        {
            "incident_id": DEPOT,
            "position": "1",
            "kind": "alert-level",
            "level": "yellow",
            "area": "Almaty Region",
            "places": "depot;second-site",
            "declared_by": "Example Ministry",
            "start": "2024-03-02",
            "end": "2024-03-09",
            "decreed_end": "2024-03-05",
            "sources": "example-ministry-2024-03-03-statement;"
            "example-gazette-2024-03-02-depot-siege",
            "note": "",
        }
    ]
    assert read_csv(data_dir / "fates.csv") == [
        {
            "incident_id": DEPOT,
            "position": "1",
            "party": "gunmen",
            "words": "'=neutralised",
            "category": "killed",
            "stated_by": "Example Ministry",
            "as_of": "2024-03-03",
            "source_id": "example-ministry-2024-03-03-statement",
        }
    ]


# --- incidents.json: the one copy of the full records ----------------------------------------


def test_records_are_published_once_as_compact_json(data_dir: Path) -> None:
    assert not (data_dir / "incidents.jsonl").exists()
    lines = (data_dir / "incidents.json").read_text(encoding="utf-8").splitlines()
    members = [line for line in lines if line.startswith(f'"{DEPOT[:4]}')]
    assert [member.split('":', 1)[0][1:] for member in members] == [DEPOT, MARKET, WITHDRAWN]
    for member in members:
        ((incident_id, record),) = strict_json("{" + member.removesuffix(",") + "}").items()
        # Written back compactly, the member is the same text: no space anywhere.
        assert member.removesuffix(",") == json_member(incident_id, compact_json(record))
    assert lines[0] == "{"
    assert lines[1].startswith('"dataset":{"name":"incident-record",')


def test_records_leave_out_empty_members_and_read_back_the_same(
    data_dir: Path, tmp_path: Path
) -> None:
    data = strict_json((data_dir / "incidents.json").read_text(encoding="utf-8"))
    dataset, _ = load_checked(make_settings(tmp_path))
    originals = {i.id: i for i in dataset.incidents}
    withdrawn = data["incidents"][WITHDRAWN]
    # The withdrawn record has no parties, figures or identifiers: none is written as empty.
    assert not {"parties", "figures", "identifiers", "names", "labels"} & set(withdrawn)
    assert withdrawn == without_empty(
        originals[WITHDRAWN].model_dump(mode="json", exclude_defaults=True)
    )
    texts = json.dumps(data["incidents"])
    assert "null" not in texts
    assert "[]" not in texts
    assert "{}" not in texts
    for incident_id, record in data["incidents"].items():
        assert Incident.model_validate({**record, "id": incident_id}) == originals[incident_id]


def test_record_json_leaves_out_defaults_but_keeps_the_role_of_a_partys_figure(
    tmp_path: Path,
) -> None:
    shutil.copytree(CORPUS, tmp_path / "content")
    dataset, _ = load_checked(make_settings(tmp_path))
    depot = next(i for i in dataset.incidents if i.id == DEPOT)
    dumped = depot.model_dump(mode="json")
    # Stated as a whole count, the workers' figure is not the role their kind implies.
    (counted,) = (f for f in dumped["figures"] if f["party"] == "workers")
    counted["role"] = "total"
    record = Incident.model_validate({**dumped, "id": DEPOT})
    text = record_json(record)
    assert '"qualifier":"exact"' not in text
    assert '"uncertain":false' not in text
    written = strict_json(text)
    (kept,) = (f for f in written["figures"] if f.get("party") == "workers")
    assert list(kept)[:3] == ["figure", "role", "party"]
    assert kept["role"] == "total"
    # A figure of no party writes its role only when it is not the default, 'total'.
    assert [f.get("role") for f in written["figures"] if "party" not in f] == [
        None if f["role"] == "total" else f["role"] for f in dumped["figures"] if not f["party"]
    ]
    assert "perpetrators" in [f.get("role") for f in written["figures"]]
    assert Incident.model_validate({**written, "id": DEPOT}) == record
    del kept["role"]  # left out, the role would be the party's, not the one recorded
    assert Incident.model_validate({**written, "id": DEPOT}) != record


def test_every_real_record_and_source_reads_back_the_same_from_its_json(tmp_path: Path) -> None:
    """Defaults left out of the real content's records and sources are read back as they were."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    dataset, _ = load_checked(make_settings(tmp_path, today=CONTENT_TODAY))
    left_out = 0
    for incident in dataset.incidents:
        written = strict_json(record_json(incident))
        assert Incident.model_validate({**written, "id": incident.id}) == incident, incident.id
        left_out += '"uncertain":false' in compact_json(incident.model_dump(mode="json"))
    assert left_out > 1  # the real records do hold members that are left out as defaults
    for source in dataset.sources.values():
        written = strict_json(record_json(source))
        assert Source.model_validate({**written, "id": source.id}) == source, source.id


def test_without_empty_leaves_out_only_empty_members() -> None:
    dumped = {"a": None, "b": [], "c": {"d": [], "e": None}, "f": 0, "g": False, "h": [{}, 1]}
    assert without_empty(dumped) == {"f": 0, "g": False, "h": [{}, 1]}
    assert without_empty(["", 0]) == ["", 0]


def test_record_json_is_compact_and_keeps_non_ascii_text(tmp_path: Path) -> None:
    shutil.copytree(CORPUS, tmp_path / "content")
    dataset, _ = load_checked(make_settings(tmp_path))
    source = next(iter(dataset.sources.values()))
    text = record_json(source)
    assert ", " not in text.replace(source.title, "")
    assert ": " not in text.replace(source.title, "")
    assert strict_json(text) == without_empty(source.model_dump(mode="json"))
    assert json_member("é", "{}") == '"é":{}'


def test_records_load_as_a_pandas_frame_with_their_ids(data_dir: Path) -> None:
    document = pd.read_json(data_dir / "incidents.json", typ="series", dtype=False)
    frame = pd.DataFrame.from_dict(document["incidents"], orient="index")
    frame = frame.rename_axis("id").reset_index()
    assert frame.shape[0] == 3
    assert frame["id"].tolist() == [DEPOT, MARKET, WITHDRAWN]
    assert frame["status"].tolist() == ["published", "published", "withdrawn"]
    assert [len(p) if isinstance(p, list) else 0 for p in frame["parties"]] == [3, 0, 0]


def test_data_page_jq_line_makes_json_lines_of_the_records(data_dir: Path) -> None:
    page = (data_dir / "index.md").read_text(encoding="utf-8")
    (line,) = (block for block in snippets(page, "sh") if block.startswith("jq "))
    run_text(["sh", "-c", line], data_dir)
    records = [
        strict_json(line)
        for line in (data_dir / "incidents.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    keyed = strict_json((data_dir / "incidents.json").read_text(encoding="utf-8"))["incidents"]
    assert [record["id"] for record in records] == [DEPOT, MARKET, WITHDRAWN]
    schema = json_schema(Incident, "incident")
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for record in records:
        incident_id = record.pop("id")
        assert record == keyed[incident_id]
        validator.validate(record)


# --- The data page's snippets --------------------------------------------------------------


def snippets(page: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", page, flags=re.MULTILINE | re.DOTALL)


def test_data_page_pandas_snippets_load_the_built_files(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = (data_dir / "index.md").read_text(encoding="utf-8")
    code = snippets(page, "python")
    assert len(code) == 5
    monkeypatch.chdir(data_dir)
    names: dict[str, object] = {}
    for block in code:
        exec(compile(block, "data/index.md", "exec"), names)  # noqa: S102 - the page's own code
    published = names["published"]
    assert isinstance(published, pd.DataFrame)
    assert published["id"].tolist() == [DEPOT, MARKET]
    assert str(published["start_date"].dtype).startswith("datetime64")
    counted = names["counted"]
    assert isinstance(counted, pd.DataFrame)
    assert counted[["figure_key", "party", "kind", "display_name"]].values.tolist() == [
        [
            "killed-civilians-party-workers-by-gunmen-place-depot",
            "workers",
            "civilians",
            "Depot workers",
        ]
    ]
    cited = names["cited"]
    assert isinstance(cited, pd.DataFrame)
    assert len(cited) == 8
    # Each claim carries its figure's columns, merged from figures.csv by its key.
    assert sorted(set(zip(cited["figure_key"], cited["figure"], cited["role"], strict=True))) == [
        ("duration-total", "duration", "total"),
        ("hostages-total", "hostages", "total"),
        ("injured-civilians", "injured", "civilians"),
        ("injured-total", "injured", "total"),
        ("killed-civilians-party-workers-by-gunmen-place-depot", "killed", "civilians"),
        ("killed-perpetrators", "killed", "perpetrators"),
        ("killed-total", "killed", "total"),
    ]
    parties = names["parties"]
    assert isinstance(parties, pd.DataFrame)
    assert sorted(
        zip(parties["party"], parties["label"], parties["display_name"], strict=True)
    ) == [
        ("gunmen", "Armed group", "Two gunmen"),
        ("police", "Police", "Exampleton police"),
        ("workers", "Civilians", "Depot workers"),
    ]
    assert set(cited["publisher"]) == {"Example Ministry", "Example Gazette", "'+Example Wire"}
    figures = names["figures"]
    assert isinstance(figures, pd.DataFrame)
    labelled = dict(zip(figures["figure"], figures["figure_label"], strict=True))
    assert labelled == {
        "killed": "Killed",
        "injured": "Injured",
        "hostages": "Hostages",
        "duration": "Duration (hours)",
    }
    typed = names["typed"]
    assert isinstance(typed, pd.DataFrame)
    assert typed[["id", "type", "type_label"]].values.tolist() == [
        [DEPOT, "hostage-taking", "Hostage-taking"],
        [DEPOT, "shoot-out", "Shoot-out"],
        [MARKET, "explosion", "Explosion"],
    ]
    records = names["records"]
    assert isinstance(records, pd.DataFrame)
    assert records["id"].tolist() == [DEPOT, MARKET, WITHDRAWN]
    assert names["deadliest"] == [(DEPOT, "Depot siege in Exampleton (fictional)", 3.0)]
    assert names["incident"] == DEPOT
    assert [claim[:2] for claim in names["claims"]] == [  # type: ignore[attr-defined]
        ("duration-total", 1),
        ("hostages-total", 1),
        ("injured-total", 1),
        ("killed-civilians-party-workers-by-gunmen-place-depot", 1),
        ("killed-perpetrators", 1),
        ("killed-total", 1),
        ("killed-total", 2),
    ]
    by_region = names["by_region"]
    assert isinstance(by_region, pd.DataFrame)
    assert by_region.values.tolist() == [["Almaty Region", 1, 3.0, 3.0, 5.0]]


def test_data_page_snippets_read_from_the_current_folder_without_an_address(data_dir: Path) -> None:
    page = (data_dir / "index.md").read_text(encoding="utf-8")
    assert 'DATA = ""  # the folder' in snippets(page, "python")[0]
    assert 'DATA <- ""  # the folder' in snippets(page, "r")[0]


def test_data_page_snippets_quote_the_site_address(tmp_path: Path) -> None:
    shutil.copytree(CORPUS, tmp_path / "content")
    settings = make_settings(tmp_path)
    settings.mkdocs_yml.write_text(
        "site_name: Example\nsite_url: 'https://example.org/a\"b/'\n", encoding="utf-8"
    )
    dataset, _ = load_checked(settings)
    page = str(export_files(dataset, settings, {})["data/index.md"])
    assert 'DATA = "https://example.org/a\\"b/data/"  #' in page
    assert 'DATA <- "https://example.org/a\\"b/data/"  #' in page
    built = settings.today.isoformat()
    assert (
        f'Cite the files as: Example, open data, built {built}, <https://example.org/a"b/data/>.'
        in page
    )


def test_data_page_cites_its_files_without_an_address_when_none_is_set(data_dir: Path) -> None:
    page = (data_dir / "index.md").read_text(encoding="utf-8")
    assert re.search(r"\nCite the files as: [^\n<]+, open data, built \d{4}-\d{2}-\d{2}\.\n", page)


def test_data_page_describes_the_new_tables_and_columns(data_dir: Path) -> None:
    page = (data_dir / "index.md").read_text(encoding="utf-8")
    for name in ("parties", "party_names", "places", "measures", "fates"):
        assert f"\n## {name}.csv\n" in page, name
    for name in ("source_count", "place_count", "violence", "gtd_ids", "party_key", "by_key"):
        assert f"| `{name}` |" in page, name
    assert "| `sources` | integer |" not in page
    assert 'pd.read_json(DATA + "incidents.json", typ="series", dtype=False)' in page
    # Each foreign key on a line of its own.
    assert (
        "Foreign keys:\n\n- `incident_id` names a row of `incidents` by `id`.\n"
        "- `party_key` names a row of `parties` by `party_key`.\n"
        "- `source_id` names a row of `sources` by `id`.\n"
    ) in page
    # A column that holds a controlled list says which values it may hold.
    assert (
        "| `qualifier` | string | TEXT | How the number is meant; empty for a claim without a "
        "number unless it is hedged (its label is in terms.csv, vocabulary `qualifiers`). One "
        "of `exact`, `about`, `at-least`, `at-most`. |"
    ) in page
    assert "| `title` | string | TEXT | Short descriptive title. |" in page


def test_data_page_shows_a_descriptions_angle_brackets_as_text(data_dir: Path) -> None:
    page = (data_dir / "index.md").read_text(encoding="utf-8")
    # Written bare, '<country>' is an unknown tag that the sanitizer drops: 'Nationwide ()'.
    assert "'Nationwide (&lt;country&gt;)'" in page
    assert "<country>" not in page
    html = markdown.markdown(page, extensions=["tables"])
    assert "'Nationwide (&lt;country&gt;)'" in sanitize_html(html)
    # In code, Markdown shows the brackets as they are written.
    assert (
        _shown("`<incident id>/<party id>` or <id>") == "`<incident id>/<party id>` or &lt;id&gt;"
    )


def test_schema_describes_the_fields_the_new_columns_come_from() -> None:
    definitions = json_schema(Incident, "incident")["$defs"]
    described = {
        "Party": ("kind", "roles", "description", "attributed_by", "called", "sources"),
        "Label": ("label", "applied_by", "as_of", "source", "quote"),
        "Place": ("district", "settlement", "address", "landmark", "coordinates", "extent"),
        "Measure": ("kind", "declared_by", "start", "sources"),
        "Fate": ("party", "category", "stated_by", "as_of", "source"),
        "Violence": ("category", "classified_by", "source", "rationale"),
        "Identifiers": ("gtd", "acled", "ucdp_ged", "wikidata"),
    }
    missing = [
        f"{model}.{name}"
        for model, names in described.items()
        for name in names
        if not definitions[model]["properties"][name].get("description")
    ]
    assert missing == []
    assert json.dumps(definitions["Violence"]["properties"]["category"]).count("UCDP") >= 1


def test_report_fixture_with_parties_and_fates_validates(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "report" / "content", tmp_path / "content")
    settings = make_settings(tmp_path)
    dataset, _ = load_checked(settings)
    write_tree(settings.docs_dir, export_files(dataset, settings, {}))
    data = settings.docs_dir / "data"
    report = frictionless.validate(str(data / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    exported = [i for i in sorted(dataset.incidents, key=lambda i: i.id) if i.status != "draft"]
    parties = [(r["incident_id"], r["party"]) for r in read_csv(data / "parties.csv")]
    assert parties == [(i.id, p.id) for i in exported for p in i.parties]
    fates = [(r["incident_id"], r["party"], r["words"]) for r in read_csv(data / "fates.csv")]
    assert fates == [(i.id, f.party, f.words) for i in exported for f in i.fates]
    assert (len(parties), len(fates)) == (7, 4)


def run_r(code: str, report: str, folder: Path) -> str:
    """What R prints for ``report`` after running the page's ``code`` in ``folder``."""
    output = run_text(["Rscript", "--vanilla", "-e", code + 'cat("---", "\\n")\n' + report], folder)
    return output.split("---", 1)[1].strip()


def run_text(command: list[str], folder: Path) -> str:
    """What ``command`` prints when run in ``folder``; it must succeed within two minutes."""
    done = subprocess.run(
        command,
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_data_page_r_snippet_labels_figures_from_terms(data_dir: Path) -> None:
    page = (data_dir / "index.md").read_text(encoding="utf-8")
    (code,) = snippets(page, "r")
    report = (
        'cat(sort(unique(paste(figures$figure, figures$figure_label, sep = "="))), sep = "\\n")'
    )
    assert run_r(code, report, data_dir).splitlines() == [
        "duration=Duration (hours)",
        "hostages=Hostages",
        "injured=Injured",
        "killed=Killed",
    ]


def test_data_page_r_snippet_loads_the_built_files(data_dir: Path) -> None:
    page = (data_dir / "index.md").read_text(encoding="utf-8")
    (code,) = snippets(page, "r")
    report = (
        'cat(nrow(incidents), nrow(figures), nrow(parties), nrow(places), nrow(counted), "\\n")\n'
        'cat(incidents$id, sep = "\\n")\n'
        'cat(names(records), sep = "\\n")\n'
        'cat(counted$figure_key, counted$display_name, sep = "\\n")\n'
        'cat(nrow(claims), sort(unique(paste(claims$figure, claims$role))), sep = "\\n")\n'
        'cat(sort(paste(parties$party, parties$label, parties$display_name)), sep = "\\n")\n'
        'cat(class(figures$disputed), class(parties$state), sum(figures$disputed), "\\n")\n'
    )
    *lines, flags = run_r(code, report, data_dir).splitlines()
    counts, *ids = lines
    # true and false are read as logical, and count as such.
    disputed = sum(row["disputed"] == "true" for row in read_csv(data_dir / "figures.csv"))
    assert flags.split() == ["logical", "logical", str(disputed)]
    figures, places = (len(read_csv(data_dir / name)) for name in ("figures.csv", "places.csv"))
    assert counts.split() == ["3", str(figures), "3", str(places), "1"]
    # Each claim merged with its figure's row, each party with its kind and shown name.
    assert ids[8:] == [
        "8",
        "duration total",
        "hostages total",
        "injured civilians",
        "injured total",
        "killed civilians",
        "killed perpetrators",
        "killed total",
        "gunmen Armed group Two gunmen",
        "police Police Exampleton police",
        "workers Civilians Depot workers",
    ]
    assert ids[:8] == [
        DEPOT,
        MARKET,
        WITHDRAWN,
        DEPOT,
        MARKET,
        WITHDRAWN,
        "killed-civilians-party-workers-by-gunmen-place-depot",
        "Depot workers",
    ]


def test_data_page_snippets_run_where_no_figure_names_a_party(tmp_path: Path) -> None:
    # Without a row that fills it, pandas and R would read the party column as numbers.
    shutil.copytree(FIXTURES / "report" / "content", tmp_path / "content")
    settings = make_settings(tmp_path)
    dataset, _ = load_checked(settings)
    assert not any(f.party for i in dataset.incidents for f in i.figures)
    write_tree(settings.docs_dir, export_files(dataset, settings, {}))
    data = settings.docs_dir / "data"
    page = (data / "index.md").read_text(encoding="utf-8")
    names: dict[str, object] = {"__name__": "snippets"}
    old = Path.cwd()
    try:
        os.chdir(data)
        for block in snippets(page, "python"):
            exec(compile(block, "data/index.md", "exec"), names)  # noqa: S102 - the page's code
    finally:
        os.chdir(old)
    counted = names["counted"]
    assert isinstance(counted, pd.DataFrame)
    assert counted.empty
    (code,) = snippets(page, "r")
    assert run_r(code, 'cat(nrow(counted), "\\n")', data).split() == ["0"]
