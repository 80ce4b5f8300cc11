"""The site map's data files: a bounded overview, tiles split to a cap, every incident counted.

The records are INVENTED (tests/invented_events.py) or synthetic (generator/bench/synth.py,
written in memory here); the marker dicts of the crowded-tile test are invented too.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.bench.synth import Plan, incident_id, render_incident
from generator.core.errors import ContentError
from generator.core.settings import Settings
from generator.model import Incident
from generator.site import assets
from generator.site.map_points import map_markers
from generator.site.map_tiles import (
    BASE,
    CAP,
    DEEPEST,
    ENTRIES,
    map_files,
    map_first_load,
    tile_bounds,
    tile_of,
)
from tests.invented_events import local, nationwide
from tests.map_data import map_markers_in, map_nodes

COUNTRIES = {"KZ": "Kazakhstan"}


def synthetic_incidents(count: int, seed: int) -> list[Incident]:
    """Synthetic incidents as the benchmark writes them, read only as far as the map needs.

    The map reads a record's id, title, dates and places; everything from ``parties:`` on is
    left out, so that parsing 10,000 records takes seconds.
    """
    plan = Plan(count=count, sources=max(1, -(-count // 3)))
    rng = random.Random(seed)
    incidents = []
    for n in range(count):
        head = render_incident(n, plan, rng).split("\nparties:")[0]
        data = yaml.safe_load(head)
        incidents.append(Incident.model_validate({**data, "id": incident_id(n)}))
    return incidents


def write(files: dict[str, str], docs: Path) -> Path:
    """The files under ``docs``; returns its map/ folder."""
    for name, text in files.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    return docs / "map"


def test_tile_of_and_tile_bounds_agree_with_web_mercator() -> None:
    assert tile_of(43.24, 76.95, 7) == (7, 91, 46)
    assert tile_of(0.0, 0.0, 1) == (1, 1, 1)
    assert tile_bounds((1, 1, 1)) == [[-85.051129, 0.0], [0.0, 180.0]]
    (south, west), (north, east) = tile_bounds((7, 91, 46))
    assert south < 43.24 < north
    assert west < 76.95 < east


def test_a_small_map_is_one_overview_of_markers_each_listing_five_incidents(
    tmp_path: Path,
) -> None:
    events = [nationwide()] + [local(f"2030-03-0{n}-invented-{n}") for n in range(1, 8)]
    files = map_files(map_markers(events, COUNTRIES))
    assert list(files) == ["map/overview.json"]
    (almaty, zhanaozen) = map_markers_in(write(files, tmp_path))
    assert (almaty["count"], almaty["more"], almaty["label"]) == (8, 3, "8 incidents here")
    assert len(almaty["incidents"]) == ENTRIES
    assert almaty["incidents"][1]["url"] == "../incidents/2030-03-01-invented-1/"
    assert almaty["page"] == "../places/almaty/#s-almaty"
    assert (zhanaozen["count"], zhanaozen["more"]) == (1, 0)
    assert zhanaozen["page"] == "../places/mangystau-region/#s-zhanaozen"


def test_a_large_map_is_cut_into_tiles_that_count_every_incident_once(tmp_path: Path) -> None:
    incidents = synthetic_incidents(1000, seed=7)
    markers = map_markers(incidents, COUNTRIES)
    files = map_files(markers)
    assert files == map_files(markers), "the same markers give the same files"
    folder = write(files, tmp_path)
    nodes = dict(map_nodes(folder))
    assert set(nodes) == {name.removeprefix("map/") for name in files}, "no file unreached"
    overview = nodes["overview.json"]
    assert list(overview) == ["cells"]
    assert {cell["tile"][0] for cell in overview["cells"]} == {BASE}
    assert sum(cell["count"] for cell in overview["cells"]) == len(incidents)
    for name, node in nodes.items():
        assert len(node.get("markers", [])) <= CAP, name
        for cell in node.get("cells", []):
            z, x, y = cell["tile"]
            assert f"tiles/{z}/{x}/{y}.json" in nodes, name
            assert cell["open"] == z - 1
            (south, west), (north, east) = cell["bounds"]
            assert south <= cell["lat"] <= north
            assert west <= cell["lon"] <= east
    found = [e["id"] for m in map_markers_in(folder) for e in m["incidents"]]
    assert sorted(found) == sorted(incident.id for incident in incidents)


def test_a_tile_still_crowded_at_the_deepest_zoom_folds_what_is_over_the_cap(
    tmp_path: Path,
) -> None:
    def invented(n: int) -> dict[str, Any]:
        entry = {"id": f"invented-{n}", "title": f"Invented {n}"}
        return {"lat": 43.0 + n * 1e-7, "lon": 77.0, "place": "Invented", "page": "../places/",
                "label": f"Invented {n}", "incidents": [entry]}  # fmt: skip

    files = map_files([invented(n) for n in range(CAP + 50)])
    deepest = [name for name in files if name.startswith(f"map/tiles/{DEEPEST}/")]
    assert len(deepest) == 1
    nodes = dict(map_nodes(write(files, tmp_path)))
    markers = nodes[deepest[0].removeprefix("map/")]["markers"]
    assert len(markers) == CAP
    assert markers[-1] == {
        "count": 51,
        "incidents": [],
        "label": "51 more incidents nearby",
        "lat": pytest.approx(43.0 + 224 * 1e-7, abs=1e-4),
        "lon": 77.0,
        "more": 51,
        "page": "../places/",
        "place": "Several places nearby",
    }


def map_first_load_of(count: int, docs: Path) -> dict[str, int]:
    """The first load of a map of ``count`` synthetic incidents, its data written into ``docs``."""
    write(map_files(map_markers(synthetic_incidents(count, seed=11), COUNTRIES)), docs)
    return map_first_load(docs)


def test_map_first_load_is_the_same_size_for_1000_and_10000_incidents(tmp_path: Path) -> None:
    small = map_first_load_of(1000, tmp_path / "small")
    large = map_first_load_of(10000, tmp_path / "large")
    assert list(small) == list(large) == ["map/overview.json"]
    assert 0.5 < large["map/overview.json"] / small["map/overview.json"] < 2
    assert large["map/overview.json"] < 20_000


def test_map_first_load_counts_the_page_the_outline_and_the_overview(tmp_path: Path) -> None:
    files = {
        "map/index.md": "# Map\n",
        "map/outline.json": "{}\n",
        "map/overview.json": '{"markers":[]}\n',
        "map/tiles/7/1/2.json": '{"markers":[]}\n',
        "assets/markercluster/leaflet.markercluster.js": "//\n",
    }
    write(files, tmp_path)
    assert map_first_load(tmp_path) == {
        "map/index.md": 6,
        "map/outline.json": 3,
        "map/overview.json": 15,
    }


def test_site_assets_copy_markercluster_with_its_licence() -> None:
    files = assets.site_assets(Settings())
    modules = Settings().root / "node_modules" / "leaflet.markercluster"
    assert {name for name in files if name.startswith("assets/markercluster/")} == {
        "assets/markercluster/leaflet.markercluster.js",
        "assets/markercluster/MarkerCluster.css",
        "assets/markercluster/MarkerCluster.Default.css",
        "assets/markercluster/LICENSE",
    }
    assert files["assets/markercluster/LICENSE"] == (modules / "MIT-LICENCE.txt").read_bytes()


def test_missing_markercluster_is_named_with_make_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    leaflet = Settings().root / "node_modules" / "leaflet"
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "leaflet").symlink_to(leaflet)
    monkeypatch.setattr(assets, "ROOT", tmp_path)
    with pytest.raises(ContentError) as raised:
        assets.site_assets(Settings(root=tmp_path / "elsewhere"))
    (problem,) = raised.value.problems
    assert str(problem).startswith("node_modules/leaflet.markercluster")
    assert "is missing dist/leaflet.markercluster.js: run `make install`" in str(problem)
