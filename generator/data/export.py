"""Stage 5: open data files (JSON, CSV, SQLite, GeoJSON, Atom, Data Package) from the model.

Every file is built row by row from the published and withdrawn incidents (drafts are never
exported), sorted by id, so that the same content gives byte-identical files. Each table's
rows are read once: its CSV file and its table in the SQLite database are made of them.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any

from generator.core.history import History
from generator.core.outputs import Chunks, Content, Packed
from generator.core.settings import Settings
from generator.core.site_info import SiteInfo, read_site_info
from generator.data.area_table import area_rows, areas_table
from generator.data.claim_table import ClaimRow, claims_table
from generator.data.data_page import render_data_page
from generator.data.database import (
    DATASETTE_PATH,
    SQLITE_PATH,
    database_blocks,
    datasette_metadata,
)
from generator.data.descriptor import describe_package
from generator.data.feed import FEED_PATH, chosen_entries, render_feed
from generator.data.formats import (
    Row,
    csv_header,
    csv_lines,
    geojson_feature,
    json_member,
    record_json,
    render_geojson,
    render_json,
    strict_json,
    table_rows,
)
from generator.data.incident_table import incidents_table, located_place
from generator.data.kind_table import kind_rows, kinds_table
from generator.data.place_table import place_rows, places_table
from generator.data.record_tables import (
    fate_rows,
    fates_table,
    label_rows,
    measure_rows,
    measures_table,
    parties_table,
    party_names_table,
    party_rows,
)
from generator.data.schema import render_schemas
from generator.data.source_table import SourceRow, sources_table
from generator.data.statement_tables import (
    motive_rows,
    motives_table,
    related_rows,
    related_table,
    responsibility_rows,
    responsibility_table,
)
from generator.data.tables import (
    LICENSE,
    FigureRow,
    Table,
    figures_table,
)
from generator.data.target_tables import (
    tactic_rows,
    tactics_table,
    target_rows,
    targets_table,
    weapon_rows,
    weapons_table,
)
from generator.data.term_table import term_rows, terms_table
from generator.model import Dataset, Incident, Summary, pick, summarize
from generator.text.filters import country_names

DATA_DIR = "data"
ROWS_PART = "rows"
"""The key of a record's part that holds its rows of each table, by table name."""


def exported(summaries: Iterable[Summary]) -> list[Summary]:
    """The published and withdrawn records' summaries in id order; drafts stay private."""
    return sorted((s for s in summaries if s.status != "draft"), key=lambda s: s.id)


ROWS: dict[str, Callable[[Incident], Iterable[Any]]] = {
    "incidents": lambda incident: (incident,),
    "figures": lambda incident: _figure_rows([incident]),
    "claims": lambda incident: _claim_rows([incident]),
    "parties": party_rows,
    "party_names": label_rows,
    "places": place_rows,
    "measures": measure_rows,
    "fates": fate_rows,
    "targets": target_rows,
    "weapons": weapon_rows,
    "tactics": tactic_rows,
    "motives": motive_rows,
    "responsibility": responsibility_rows,
    "related": related_rows,
}
"""The CSV tables each exported record adds rows to, and how its rows are made."""
PER_RECORD = (*ROWS, "area_totals")
"""The tables made of each record's own rows: ``ROWS``, and its shares of areas, which need
the vocabulary's country names."""


def data_tables(site: SiteInfo) -> tuple[Table[Any], ...]:
    """The CSV tables: those made of each record's part (``PER_RECORD``), and three made once.

    The party kinds and the terms come from the vocabulary; the sources are made from every
    exported record at once.
    """
    counted = incidents_table(site.incident_url, lambda incident: len(incident.source_ids))
    return (
        counted,
        figures_table(),
        claims_table(),
        parties_table(),
        kinds_table(),
        terms_table(),
        party_names_table(),
        places_table(),
        measures_table(),
        fates_table(),
        targets_table(),
        weapons_table(),
        tactics_table(),
        motives_table(),
        responsibility_table(),
        related_table(),
        areas_table(),
        sources_table(),
    )


def record_parts(
    incident: Incident,
    tables: tuple[Table[Any], ...],
    site: SiteInfo,
    countries: Mapping[str, str],
) -> dict[str, Any]:
    """What one record adds to each data file: CSV rows, a JSON member, a GeoJSON feature.

    Its rows of each table are kept too (``ROWS_PART``), for the database: the CSV text is
    made of the same rows. ``countries`` names the vocabulary's countries (for its areas).
    """
    place = located_place(incident)
    feature = ""
    if place is not None and place.coordinates is not None:
        feature = strict_json(
            geojson_feature(incident, place, place.coordinates, site.incident_url)
        )
    rows = {t.name: table_rows(t, ROWS[t.name](incident)) for t in tables if t.name in ROWS}
    areas = next(t for t in tables if t.name == "area_totals")
    rows[areas.name] = table_rows(areas, area_rows([incident], countries))
    parts: dict[str, Any] = {t.path: csv_lines(rows[t.name]) for t in tables if t.name in rows}
    parts[ROWS_PART] = rows
    parts["incidents.json"] = json_member(incident.id, record_json(incident))
    parts["incidents.geojson"] = feature
    return parts


def export_files(
    dataset: Dataset,
    settings: Settings,
    history: History,
    made: Mapping[str, Mapping[str, Any]] | None = None,
    known: Mapping[str, Content] | None = None,
    summaries: Sequence[Summary] | None = None,
) -> dict[str, Content]:
    """Every data file, keyed by its path under build/docs/ (``data/...``).

    ``made`` holds ``record_parts`` already made by id (for example by the workers that
    checked the records); the others are made here. ``known`` holds the content of CSV files
    made of every record's part (``PER_RECORD``) that is already known, by path in data/:
    those parts are then not read. With the records' ``summaries`` (in id order), a record
    is read only when its parts are not made or the feed shows it.
    """
    site = read_site_info(settings)
    if summaries is None:
        summaries = [summarize(incident) for incident in dataset.incidents]
    listed = exported(summaries)
    tables = data_tables(site)
    ready = made or {}
    countries = country_names(dataset.vocabulary)
    unmade = pick(dataset.incidents, {s.id for s in listed if s.id not in ready})
    parts = [ready.get(s.id) or record_parts(unmade[s.id], tables, site, countries) for s in listed]
    known = known or {}
    # Kept compressed until written: at 100,000 records these files take hundreds of MB.
    texts: dict[str, Content] = {
        t.path: known.get(t.path)
        or Packed(itertools.chain([csv_header(t)], (p[t.path] for p in parts)))
        for t in tables
        if t.name in PER_RECORD
    }
    items: dict[str, Iterable[Any]] = {
        "party_kinds": kind_rows(),
        "terms": term_rows(dataset.vocabulary),
        "sources": _source_rows(dataset, (s.source_ids for s in listed)),
    }
    whole: dict[str, tuple[Row, ...]] = {}
    for table in tables:
        if table.name in items:
            whole[table.name] = table_rows(table, items[table.name])
            texts[table.path] = csv_header(table) + csv_lines(whole[table.name])
    meta = package_meta(site, settings)
    files: dict[str, Content] = {f"{DATA_DIR}/{path}": text for path, text in texts.items()}
    files[f"{DATA_DIR}/datapackage.json"] = strict_json(
        describe_package(tables, texts, meta), indent=2
    )
    # The largest files are made as they are written, from the packed parts; they hold
    # nothing of the dataset but its sources and vocabulary, so that the records can go.
    source_records, vocabulary = dataset.sources, dataset.vocabulary
    files[f"{DATA_DIR}/incidents.json"] = Chunks(
        lambda: render_json(
            source_records, vocabulary, (p["incidents.json"] for p in parts), len(parts), meta
        )
    )
    files[f"{DATA_DIR}/incidents.geojson"] = Chunks(
        lambda: render_geojson((f for p in parts if (f := p["incidents.geojson"])), meta)
    )
    # Made as it is written, and only then are its records read.
    chosen = chosen_entries(listed, settings, history)
    records = partial(pick, dataset.incidents)
    files[f"{DATA_DIR}/{FEED_PATH}"] = Chunks(
        lambda: [render_feed(chosen, records, settings, site.name, site.url)]
    )
    for name, text in render_schemas().items():
        files[f"{DATA_DIR}/schema/{name}"] = text
    described = _database_meta(meta)

    def batches() -> Iterator[Mapping[str, Iterable[Row]]]:
        return itertools.chain((p[ROWS_PART] for p in parts), (whole,))

    files[f"{DATA_DIR}/{SQLITE_PATH}"] = Chunks(
        lambda: database_blocks(tables, batches(), described)
    )
    files[f"{DATA_DIR}/{DATASETTE_PATH}"] = strict_json(
        datasette_metadata(tables, described), indent=2
    )
    files[f"{DATA_DIR}/index.md"] = render_data_page(
        site, tables, len(listed), settings.today, _example_id(listed)
    )
    return files


def _database_meta(meta: Mapping[str, Any]) -> dict[str, str]:
    """The package's description as the database's ``_dataset`` rows."""
    found = {key: value for key, value in meta.items() if isinstance(value, str)}
    found.update(license=LICENSE["name"], license_title=LICENSE["title"])
    found["license_url"] = LICENSE["path"]
    return found


def _example_id(summaries: Iterable[Summary]) -> str | None:
    """The incident whose claims the data page's example lists: the first published with any."""
    return next((s.id for s in summaries if s.status == "published" and s.claimed), None)


def package_meta(site: SiteInfo, settings: Settings) -> dict[str, Any]:
    """The data package's description: the datapackage.json and incidents.json headers."""
    meta: dict[str, Any] = {
        "name": "incident-record",
        "title": site.name,
        "description": "Sourced records of security incidents: every figure is a list of "
        "claims (who said it, when, in which source) beside a curated estimate.",
        "licenses": [LICENSE],
        "created": f"{settings.today.isoformat()}T00:00:00Z",
    }
    if site.url:
        meta["homepage"] = site.url
    return meta


def _figure_rows(incidents: Iterable[Incident]) -> Iterator[FigureRow]:
    for incident in incidents:
        for figure in incident.figures:
            yield FigureRow(incident, figure)


def _claim_rows(incidents: Iterable[Incident]) -> Iterator[ClaimRow]:
    for incident in incidents:
        for figure in incident.figures:
            for number, claim in enumerate(figure.claims, start=1):
                yield ClaimRow(incident, figure, number, claim)


def _source_rows(dataset: Dataset, citations: Iterable[tuple[str, ...]]) -> Iterator[SourceRow]:
    cited = Counter(source for sources in citations for source in sources)
    for source_id in sorted(dataset.sources):
        yield SourceRow(dataset.sources[source_id], cited[source_id])
