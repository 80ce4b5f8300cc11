"""End to end: generate and `mkdocs build --strict` the real content and the fixture corpus.

The built HTML is read back and checked against the model: a page per incident, citations
that land on the page's source list, source entries that link their reports, and indexes
that list every published incident they should (and no withdrawn or draft one).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest

from generator.build.check import load_checked
from generator.build.pipeline import build_site
from generator.core.errors import ContentError
from generator.core.map_shapes import EXTENT, KAZAKHSTAN
from generator.core.settings import ROOT, Settings
from generator.model import Dataset, Incident
from generator.site.views import place_labels
from generator.text.figures import figure_anchor, numbered_claims
from generator.text.filters import country_names, slugify
from tests.golden import FIXTURE_CONTENT, REPO_URL, prepare_root
from tests.map_data import map_markers_in
from tests.test_site_html import Page, all_pages, read_page

pytestmark = pytest.mark.slow

HOSTILE_ID = "2019-03-04-exampleton-bank-siege"


@dataclass(frozen=True)
class Built:
    """A built site and the dataset it was built from."""

    settings: Settings
    dataset: Dataset

    @property
    def site(self) -> Path:
        """The built site folder."""
        return self.settings.site_dir

    def page(self, path: str) -> Page:
        """A parsed page by its site-relative path."""
        return read_page(self.site, path)

    @property
    def published(self) -> tuple[Incident, ...]:
        """Incidents the indexes must list."""
        return self.dataset.published

    @property
    def unlisted(self) -> set[str]:
        """Paths of draft and withdrawn incidents, which no index may list."""
        return {f"incidents/{i.id}/" for i in self.dataset.incidents if i.status != "published"}


def build(root: Path, content: Path) -> Built:
    """Lay out a repository under ``root`` and build its site."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPO_URL", REPO_URL)
        patch.delenv("SITE_URL", raising=False)
        settings = prepare_root(root, content)
        build_site(settings)
        dataset, _ = load_checked(settings)
    return Built(settings, dataset)


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The fixture corpus, built once."""
    return build(tmp_path_factory.mktemp("fixture"), FIXTURE_CONTENT)


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A copy of the real content, built once."""
    return build(tmp_path_factory.mktemp("real"), ROOT / "content")


@pytest.fixture(params=["fixture_site", "real_site"])
def built(request: pytest.FixtureRequest) -> Built:
    """Each built site in turn."""
    site = request.getfixturevalue(request.param)
    assert isinstance(site, Built)
    return site


def incident_path(incident: Incident) -> str:
    """Site-relative path of an incident's page."""
    return f"incidents/{incident.id}/"


def pages_under(built: Built, folder: str) -> Iterator[Page]:
    """Every built page under a folder, parsed."""
    for path in all_pages(built.site):
        if path.startswith(folder):
            yield built.page(path)


# --- Incident pages ------------------------------------------------------------------------


def test_site_has_a_page_per_incident(built: Built) -> None:
    for incident in built.dataset.incidents:
        page = built.page(incident_path(incident))
        assert page.h1 == " ".join(incident.title.split())
        assert "figures" in page.ids or not incident.figures
        for figure in incident.figures:
            assert figure_anchor(figure) in page.ids


def test_site_report_and_open_data_are_tabs_and_linked_from_every_incident(
    fixture_site: Built,
) -> None:
    for incident in fixture_site.dataset.incidents:
        page = fixture_site.page(incident_path(incident))
        tabs = {
            page.resolve(link.href): link.text.strip()
            for link in page.links
            if "md-tabs__link" in link.classes
        }
        assert tabs["report/"] == "Report"
        assert tabs["data/"] == "Open data"
        lines = {link.text: page.resolve(link.href) for link in page.links if not link.classes}
        assert lines["comparative report"] == "report/", incident.id
        assert lines["open data"] == "data/", incident.id


def test_site_citations_land_on_source_entries(built: Built) -> None:
    for incident in built.dataset.incidents:
        page = built.page(incident_path(incident))
        citations = [link for link in page.links if "citation" in link.classes]
        assert citations, incident.id
        for link in citations:
            assert link.href.startswith("#src-"), link.href
            assert page.ids.get(link.href[1:]) == ("li", ("source-entry",)), link.href
        cited = {link.href[len("#src-") :] for link in citations}
        assert cited == set(incident.source_ids)


def test_site_figure_claims_are_each_cited(built: Built) -> None:
    for incident in built.dataset.incidents:
        page = built.page(incident_path(incident))
        for figure in incident.figures:
            anchor = figure_anchor(figure)
            cited = [
                link.href
                for link in page.links
                if "citation" in link.classes and link.section == anchor
            ]
            # By date; the whole's claims first, then each part's (numbered_claims).
            ordered = [claim for _, claim in numbered_claims(figure)]
            assert cited == [f"#src-{claim.source}" for claim in ordered], anchor


def test_site_disputed_figures_say_so_and_name_who_said_each(built: Built) -> None:
    for incident in built.dataset.incidents:
        page = built.page(incident_path(incident))
        for figure in incident.figures:
            section = page.sections[figure_anchor(figure)]
            assert ("Sources disagree" in section) == figure.is_disputed, incident.id
            for claim in figure.claims:
                assert " ".join(claim.stated_by.split()) in section
                assert claim.display in section


def test_site_aktobe_2016_shows_the_disagreeing_death_tolls(real_site: Built) -> None:
    aktobe = next(i for i in real_site.published if i.id.startswith("2016-06-05-aktobe"))
    page = real_site.page(incident_path(aktobe))
    killed = [f for f in aktobe.figures if f.figure == "killed" and f.is_disputed]
    assert killed, "the Aktobe 2016 record no longer has disputed death tolls"
    assert "Sources disagree" in page.sections.get("figures", "") + page.text
    for figure in killed:
        section = page.sections[f"figure-killed-{figure.role}"]
        assert "Sources disagree" in section
        for claim in figure.claims:
            assert f"{claim.display}" in section
            assert " ".join(claim.stated_by.split()) in section


def test_site_source_entries_link_their_reports(built: Built) -> None:
    for incident in built.dataset.incidents:
        page = built.page(incident_path(incident))
        for source_id in incident.source_ids:
            source = built.dataset.sources[source_id]
            inside = {
                unquote(link.href) for link in page.links if f"src-{source_id}" in link.inside
            }
            if source.url:
                assert unquote(source.url) in inside, source_id
            if source.archive_url:
                assert unquote(source.archive_url) in inside, source_id


# --- Indexes -------------------------------------------------------------------------------


def test_site_indexes_list_every_published_incident(built: Built) -> None:
    for incident in built.published:
        target = incident_path(incident)
        assert target in built.page(f"years/{incident.year}/").links_to()
        for kind in incident.types:
            assert target in built.page(f"types/{kind}/").links_to()
        assert target in built.page("timeline/").links_to()


def test_site_place_pages_list_every_incident_at_each_place(built: Built) -> None:
    regions = {page.h1: page for page in pages_under(built, "places/") if page.path != "places/"}
    countries = country_names(built.dataset.vocabulary)
    assert not [name for name in regions if re.match(r"[A-Z]{2},", name)], "no bare codes"
    for incident in built.published:
        for place in incident.places:
            region, _ = place_labels(place, countries)
            assert incident_path(incident) in regions[region].links_to(), (incident.id, region)


def test_site_actor_pages_list_every_incident_naming_the_actor(built: Built) -> None:
    actors = {slugify(page.h1): page for page in pages_under(built, "actors/") if page.h1}
    for incident in built.published:
        # Named state forces and named groups that attacked; not people, crowds or the harmed.
        names = [p.name for p in incident.parties if p.name and p.actor_page is not None]
        names += [claim.claimant for claim in incident.responsibility_claims]
        names += [official.name for official in incident.officials]
        for name in names:
            assert incident_path(incident) in actors[slugify(name)].links_to(), name


def test_site_source_pages_link_back_to_citing_incidents(built: Built) -> None:
    publishers = list(pages_under(built, "sources/"))
    for source_id in built.dataset.sources:
        page = next(p for p in publishers if f"src-{source_id}" in p.ids)
        for incident in built.dataset.incidents:
            if source_id in incident.source_ids:
                assert incident_path(incident) in page.links_to()


def test_site_indexes_leave_out_draft_and_withdrawn_records(built: Built) -> None:
    for folder in ("years/", "types/", "places/", "actors/", "map/"):
        for page in pages_under(built, folder):
            assert not page.links_to() & built.unlisted, page.path


def test_site_map_points_match_incidents_with_coordinates(built: Built) -> None:
    markers = map_markers_in(built.site / "map")
    expected = sorted(
        {
            (incident.id, place.coordinates.lat, place.coordinates.lon)
            for incident in built.published
            for place in incident.places
            if place.coordinates and place.scope not in ("country", "regions")
        }
    )
    found = [(e["id"], m["lat"], m["lon"]) for m in markers for e in m["incidents"]]
    assert sorted(found) == expected
    assert len({(m["lat"], m["lon"]) for m in markers}) == len(markers), "one marker per point"
    assert all(m["count"] == len(m["incidents"]) and m["more"] == 0 for m in markers)
    listed = built.page("map/").links_to()
    assert {incident_path(i) for i in built.published} <= listed


def test_site_map_outline_holds_kazakhstan_in_the_map_window(fixture_site: Built) -> None:
    path = fixture_site.site / "map" / "outline.json"
    assert path.stat().st_size < 100_000, "rounded and clipped to the window"
    outline = json.loads(path.read_text(encoding="utf-8"))
    assert outline["type"] == "FeatureCollection"
    by_id = {feature["properties"]["id"]: feature for feature in outline["features"]}
    assert {KAZAKHSTAN, "643", "156", "860"} <= set(by_id), "Kazakhstan, Russia, China, Uzbekistan"
    home = by_id[KAZAKHSTAN]
    assert home["properties"]["home"] is True
    assert [f["properties"]["id"] for f in outline["features"] if f["properties"]["home"]] == [
        KAZAKHSTAN
    ]
    assert home["geometry"]["type"] == "MultiPolygon"
    points = [point for polygon in home["geometry"]["coordinates"] for point in polygon[0]]
    lons, lats = [lon for lon, _ in points], [lat for _, lat in points]
    # Kazakhstan reaches from the Caspian (about 46.5 E) to the Altai (about 87.3 E) and from
    # about 40.6 N to 55.4 N; its outline is a detailed shape, not a box.
    assert 46 < min(lons) < 47.5
    assert 87 < max(lons) < 87.5
    assert 40.5 < min(lats) < 41
    assert 55 < max(lats) < 55.5
    assert len(points) > 500
    west, east, south, north = EXTENT
    everything = [
        point
        for feature in outline["features"]
        for polygon in feature["geometry"]["coordinates"]
        for point in polygon[0]
    ]
    assert all(west <= lon <= east and south <= lat <= north for lon, lat in everything)
    assert all(round(value, 2) == value for point in everything for value in point)
    page = (fixture_site.site / "map" / "index.html").read_text(encoding="utf-8")
    assert 'data-outline="outline.json"' in page


# --- Safety and assets ---------------------------------------------------------------------


def test_site_loads_scripts_and_styles_only_from_itself(built: Built) -> None:
    for path in all_pages(built.site):
        page = built.page(path)
        for address in page.scripts + page.stylesheets:
            assert "//" not in address, (path, address)
            assert not address.startswith("/"), (path, address)
            assert (built.site / path / address.split("?")[0]).resolve().is_file(), address
    assert (built.site / "assets" / "leaflet" / "leaflet.js").is_file()


MAP_FILES = [
    "assets/leaflet/leaflet.css",
    "assets/markercluster/MarkerCluster.css",
    "assets/markercluster/MarkerCluster.Default.css",
    "assets/leaflet/leaflet.js",
    "assets/markercluster/leaflet.markercluster.js",
    "assets/map.js",
]


def test_site_loads_leaflet_and_the_map_script_on_the_map_page_only(built: Built) -> None:
    def map_files(page: Page) -> list[str]:
        addresses = page.stylesheets + page.scripts
        found = [page.resolve(address.split("?")[0]).rstrip("/") for address in addresses]
        return [
            address
            for address in found
            if "leaflet" in address or "cluster" in address or address.endswith("map.js")
        ]

    assert map_files(built.page("map/")) == MAP_FILES
    for path in all_pages(built.site):
        if path != "map/":
            assert map_files(built.page(path)) == [], path


def test_site_shows_hostile_record_text_literally(fixture_site: Built) -> None:
    incident = next(i for i in fixture_site.dataset.incidents if i.id == HOSTILE_ID)
    page = fixture_site.page(incident_path(incident))
    assert page.h1 == incident.title
    assert page.title == f"{incident.title} - Kazakhstan Incident Record"
    assert all("alert" not in script for script in page.inline_scripts)
    assert not any(link.href.startswith("javascript") for link in page.links)
    statement = incident.statements[0].text
    assert f"“{statement}”" in page.text
    assert "Money | a car | and `free passage`" in page.text
    for index in ("years/2019/", "types/hostage-taking/", "timeline/", ""):
        listing = fixture_site.page(index)
        assert incident.title in listing.text
        assert not any(link.href.startswith("javascript") for link in listing.links)


def test_site_related_incidents_link_both_ways(fixture_site: Built) -> None:
    siege = fixture_site.page(f"incidents/{HOSTILE_ID}/")
    shoot_out = fixture_site.page("incidents/2020-07-15-sampleville-shoot-out/")
    withdrawn = fixture_site.page("incidents/2021-01-02-exampleton-explosion/")
    assert "incidents/2020-07-15-sampleville-shoot-out/" in siege.links_to()
    assert f"incidents/{HOSTILE_ID}/" in shoot_out.links_to()
    assert "Preceded by" in shoot_out.sections["related"]
    assert f"incidents/{HOSTILE_ID}/" in withdrawn.links_to()
    assert "incidents/2021-01-02-exampleton-explosion/" in siege.links_to()


def test_site_withdrawn_record_says_why_and_how_to_edit(fixture_site: Built) -> None:
    page = fixture_site.page("incidents/2021-01-02-exampleton-explosion/")
    assert "Withdrawn record" in page.text
    assert "A gas leak, not an attack" in page.text
    edit = f"{REPO_URL}/edit/main/content/incidents/2021-01-02-exampleton-explosion.yaml"
    assert edit in {link.href for link in page.links}
    assert "Cite this record" in page.text


def test_site_build_fails_on_a_broken_anchor(tmp_path: Path) -> None:
    settings = prepare_root(tmp_path)
    broken = "See [the record](incidents/2020-07-15-sampleville-shoot-out.md#no-such-part).\n"
    (settings.content_dir / "pages" / "methodology.md").write_text(
        "# Methodology\n\n" + broken, encoding="utf-8"
    )
    with pytest.raises(ContentError) as raised:
        build_site(settings)
    assert "no-such-part" in str(raised.value.problems[0])
    shutil.rmtree(tmp_path / "build", ignore_errors=True)


def test_site_build_fails_on_a_broken_link_in_an_html_block(tmp_path: Path) -> None:
    settings = prepare_root(tmp_path)
    broken = (
        '<p>See <a href="../incidents/2020-07-15-sampleville-shoot-out/#no-such-part">the'
        ' record</a> and <a href="../no-such-page/">nothing</a>.</p>\n'
    )
    (settings.content_dir / "pages" / "methodology.md").write_text(
        "# Methodology\n\n" + broken, encoding="utf-8"
    )
    with pytest.raises(ContentError) as raised:
        build_site(settings)
    message = str(raised.value.problems[0])
    assert "contains a link '../no-such-page/' in an HTML block, but no page" in message
    assert "does not contain an anchor '#no-such-part'" in message
    shutil.rmtree(tmp_path / "build", ignore_errors=True)


def test_site_leaves_out_the_theme_files_no_reader_loads(fixture_site: Built) -> None:
    """No source maps, and no files of the theme's own search (the site searches with
    Pagefind); the theme's bundle that every page loads is still there."""
    names = sorted(
        p.relative_to(fixture_site.site).as_posix() for p in fixture_site.site.rglob("*")
    )
    assert [n for n in names if n.endswith(".map") or "/lunr/" in n or "/workers/" in n] == []
    assert [n for n in names if n.startswith("assets/javascripts/bundle.")] != []
