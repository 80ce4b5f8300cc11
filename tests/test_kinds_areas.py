"""The invented nationwide unrest in the built site and report: counted once, drawn at each place.

The records are the INVENTED ones in ``tests/fixtures/kinds/``. For the map, this test adds
invented coordinates to the unrest's three cities and one more invented record (a clash in
Almaty, at the unrest's Almaty coordinates) in a temporary copy; nothing here is real.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.report.compare import compare
from generator.report.document import Selection, render_report
from generator.report.text import fates_text, perpetrators_text
from tests.conftest import FIXTURES
from tests.map_data import map_markers_in
from tests.test_report import _Cells
from tests.test_site_build import Built, build

pytestmark = pytest.mark.slow

KINDS = FIXTURES / "kinds" / "content"
UNREST = "2018-03-02-example-nationwide-unrest"
CLASH = "2018-03-20-example-almaty-clash"
STRIKE = "2017-09-11-example-strike-shooting"
COMMUNAL = "2015-05-09-example-communal-clashes"
COORDINATES = {
    "almaty": "{lat: 43.24, lon: 76.89, precision: settlement}",
    "astana": "{lat: 51.17, lon: 71.43, precision: settlement}",
    "aktobe": "{lat: 50.28, lon: 57.17, precision: settlement}",
}
CLASH_RECORD = f"""# Invented test data: this clash does not exist.
title: Invented clash in Almaty after the unrest
status: published
created: 2026-11-20
summary: Invented for tests.
when:
  start: 2018-03-20
  precision: day
places:
  - country: KZ
    region: Almaty
    settlement: Almaty
    coordinates: {COORDINATES["almaty"]}
    sources: [example-herald-2018-03-12-ten-days]
types: [riot]
figures:
  - figure: killed
    claims:
      - value: 2
        stated_by: Example Herald
        source: example-herald-2018-03-12-ten-days
    estimate: {{best: 2, low: 2, high: 2, rule: single-source}}
"""


def _with_coordinates(folder: Path) -> Path:
    """A copy of the invented records with coordinates for the unrest's cities, and a clash."""
    shutil.copytree(KINDS, folder)
    path = folder / "incidents" / f"{UNREST}.yaml"
    text = path.read_text(encoding="utf-8")
    for place, where in COORDINATES.items():
        text = text.replace(f"  - id: {place}\n", f"  - id: {place}\n    coordinates: {where}\n")
    path.write_text(text, encoding="utf-8")
    (folder / "incidents" / f"{CLASH}.yaml").write_text(CLASH_RECORD, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The invented records, with coordinates and the clash, built into a site once."""
    content = _with_coordinates(tmp_path_factory.mktemp("kinds-content") / "content")
    return build(tmp_path_factory.mktemp("kinds-areas"), content)


@pytest.fixture(scope="module")
def report_html(site: Built) -> str:
    """The report of the four records, as HTML."""
    return render_report(site.dataset, site.settings, Selection()).html


def _table(report: str, heading: str) -> dict[str, list[str]]:
    parser = _Cells(heading)
    parser.feed(report[report.index(f'<h3 id="{heading.lower().replace(" ", "-")}"') :])
    header, *rows = parser.rows
    return {"": header[1:], **{row[0]: row[1:] for row in rows}}


def test_region_table_counts_the_nationwide_event_once(report_html: str) -> None:
    rows = _table(report_html, "By region")
    assert rows[""] == [
        "Incidents",
        "Killed (all)",
        "Killed (security forces)",
        "Killed (civilians)",
        "Injured",
    ]
    # 238 (225–238) killed, 40 of them in Almaty: the other 198 once, nationwide. Its killed by
    # role cannot be placed (some may be among Almaty's 40), so no row counts them.
    assert rows["Nationwide (Kazakhstan)"] == ["1", "198 (185–198)", "—", "—", "4,500"]
    assert rows["Almaty"] == ["1 (+ parts of 1 more)", "42", "—", "—", "—"]
    assert rows["Mangystau Region"][:2] == ["1", "12 (12–15)"]
    assert rows["Zhambyl Region"][:2] == ["parts of 1", "7"]
    # The communal clashes: 7 of 8 killed by village, the rest once; 12 injured abroad.
    assert rows["Several countries"] == ["1", "1", "—", "—", "48"]
    assert rows["Kyrgyzstan"] == ["parts of 1", "—", "—", "—", "12"]
    killed = [int(cells[1].split()[0]) for name, cells in rows.items() if name and cells[1] != "—"]
    assert sum(killed) == 238 + 2 + 12 + 8, "every person once"
    assert not any(cells[1].startswith("238") for name, cells in rows.items() if name)
    assert "never in each region the event touched" in report_html


def test_chart_shows_the_total_with_its_parts_and_the_unclassified_rest(site: Built) -> None:
    found = compare(site.published, site.dataset.vocabulary, site.dataset.sources)
    bars = [(b.role, b.span) for b in found.bars if b.incident.endswith("Nationwide (Kazakhstan)")]
    assert [(role, span.best, span.low, span.high) for role, span in bars] == [
        ("security-forces", 19, 19, 19),
        ("civilians", 150, 150, 150),
        ("unclassified", 69, 56, 69),
        ("total", 238, 225, 238),
    ]


def test_chart_caption_says_the_choice_for_a_much_larger_event(report_html: str) -> None:
    assert "drawn in a separate panel above, on its own scale" in report_html
    assert re.search(r'src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]{1000,}"', report_html)


def test_map_points_show_every_place_of_the_event_and_the_shared_marker(site: Built) -> None:
    markers = map_markers_in(site.site / "map")
    unrest = [m for m in markers if UNREST in {e["id"] for e in m["incidents"]}]
    assert [(m["lat"], m["lon"]) for m in unrest] == [
        (43.24, 76.89),
        (51.17, 71.43),
        (50.28, 57.17),
    ]
    almaty = unrest[0]
    assert (almaty["count"], almaty["label"]) == (2, "2 incidents here")
    assert [e["id"] for e in almaty["incidents"]] == [UNREST, CLASH]
    elsewhere = almaty["incidents"][0]["elsewhere"]
    assert elsewhere == [
        "Kazakhstan: the whole country (not drawn as a point)",
        "Astana, Kazakhstan",
        "Aktobe, Aktobe Region, Kazakhstan",
        "Kazakhstan: several regions (not drawn as a point)",
    ]
    page = (site.settings.out_dir / "docs" / "map" / "index.md").read_text(encoding="utf-8")
    assert "- Almaty: 2 incidents here" in page


def test_fates_read_as_the_attackers_fates_only(site: Built) -> None:
    by_id = {incident.id: incident for incident in site.published}
    # Police fired on the strikers; the strikers' detention is not the perpetrators' fate.
    assert fates_text(by_id[STRIKE]) == (
        "unclear: 'five officers charged with exceeding their authority' (Example Court Herald)"
    )
    # The nationwide 9,900 detained may be anyone: only the rioters' fate is said.
    assert fates_text(by_id[UNREST]) == (
        "detained: 'detained in sweeps across the country' (Example Ministry of Internal Affairs)"
    )
    assert perpetrators_text(by_id[COMMUNAL]) == (
        "Residents of Example Village One; Residents of Example Village Two"
    )
