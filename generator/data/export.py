"""Stage 5: open data files (JSON, CSV, GeoJSON, Atom, Data Package) from the model.

Every file is built row by row from the published and withdrawn incidents (drafts are never
exported), sorted by id, so that the same content gives byte-identical files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from generator.core.history import History
from generator.core.outputs import Chunks, Content
from generator.core.settings import Settings
from generator.core.site_info import SiteInfo, read_site_info
from generator.data.descriptor import describe_package
from generator.data.feed import FEED_PATH, render_feed
from generator.data.formats import (
    csv_header,
    csv_rows,
    render_geojson,
    render_json,
    strict_json,
)
from generator.data.schema import render_schemas
from generator.data.tables import (
    LICENSE,
    ClaimRow,
    FigureRow,
    SourceRow,
    Table,
    claims_table,
    figures_table,
    incidents_table,
    located_place,
    moment,
    sources_table,
)
from generator.model import Coordinates, Dataset, Incident, Place
from generator.text.filters import short_place

DATA_DIR = "data"


def exported_incidents(dataset: Dataset) -> list[Incident]:
    """Published and withdrawn incidents in id order; drafts stay private."""
    return sorted((i for i in dataset.incidents if i.status != "draft"), key=lambda i: i.id)


RECORD_PARTS = ("incidents.csv", "figures.csv", "claims.csv", "incidents.json", "incidents.geojson")
"""The data files that each exported record adds a part to (rows, a member, a feature)."""


def data_tables(site: SiteInfo) -> tuple[Table[Any], ...]:
    """The CSV tables: incidents, figures and claims (rows per record), then sources."""
    counted = incidents_table(site.incident_url, lambda incident: len(incident.source_ids))
    return (counted, figures_table(), claims_table(), sources_table())


def record_parts(
    incident: Incident, tables: tuple[Table[Any], ...], site: SiteInfo
) -> dict[str, str]:
    """What one record adds to each data file of ``RECORD_PARTS``, as text."""
    incidents, figures, claims = tables[:3]
    place = located_place(incident)
    feature = ""
    if place is not None and place.coordinates is not None:
        feature = strict_json(_feature(incident, place, place.coordinates, site.incident_url))
    record = incident.model_dump(mode="json", exclude_none=True)
    return {
        incidents.path: csv_rows(incidents, [incident]),
        figures.path: csv_rows(figures, _figure_rows([incident])),
        claims.path: csv_rows(claims, _claim_rows([incident])),
        "incidents.json": f"{strict_json(incident.id)}: {strict_json(record)}",
        "incidents.geojson": feature,
    }


def export_files(
    dataset: Dataset,
    settings: Settings,
    history: History,
    made: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[str, Content]:
    """Every data file, keyed by its path under build/docs/ (``data/...``).

    ``made`` holds ``record_parts`` already made by id (for example by the workers that
    checked the records); the others are made here.
    """
    site = read_site_info(settings)
    incidents = exported_incidents(dataset)
    tables = data_tables(site)
    ready = made or {}
    parts = [ready.get(i.id) or record_parts(i, tables, site) for i in incidents]
    texts = {t.path: csv_header(t) + "".join(p[t.path] for p in parts) for t in tables[:3]}
    sources = tables[3]
    texts[sources.path] = csv_header(sources) + csv_rows(
        sources, _source_rows(dataset, (i.source_ids for i in incidents))
    )
    meta = _package_meta(site, settings)
    files: dict[str, Content] = {f"{DATA_DIR}/{path}": text for path, text in texts.items()}
    files[f"{DATA_DIR}/datapackage.json"] = strict_json(
        describe_package(tables, texts, meta), indent=2
    )
    # The two largest files are made as they are written, from the packed parts; they hold
    # nothing of the dataset but its sources and vocabulary, so that the records can go.
    source_records, vocabulary = dataset.sources, dataset.vocabulary
    files[f"{DATA_DIR}/incidents.json"] = Chunks(
        lambda: render_json(
            source_records, vocabulary, (p["incidents.json"] for p in parts), len(parts), meta
        )
    )
    files[f"{DATA_DIR}/incidents.geojson"] = Chunks(
        lambda: render_geojson(f for p in parts if (f := p["incidents.geojson"]))
    )
    files[f"{DATA_DIR}/{FEED_PATH}"] = render_feed(
        incidents, settings, history, site.name, site.url
    )
    for name, text in render_schemas().items():
        files[f"{DATA_DIR}/schema/{name}"] = text
    files[f"{DATA_DIR}/index.md"] = render_data_page(site, tables, len(incidents))
    return files


def _package_meta(site: SiteInfo, settings: Settings) -> dict[str, Any]:
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


def _feature(
    incident: Incident, place: Place, point: Coordinates, url_for: Callable[[str], str]
) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": incident.id,
        "geometry": {"type": "Point", "coordinates": [point.lon, point.lat]},
        "properties": {
            "id": incident.id,
            "title": incident.title,
            "status": incident.status,
            "start": moment(incident.when.start),
            "precision": incident.when.precision,
            "types": list(incident.types),
            "place": short_place(place),
            "coordinate_precision": point.precision,
            "killed_best": _total_best(incident, "killed"),
            "injured_best": _total_best(incident, "injured"),
            "hostages_best": incident.best("hostages"),
            "url": url_for(incident.id),
        },
    }


def _total_best(incident: Incident, name: str) -> float | None:
    """The best total by the record's one rule, as in incidents.csv."""
    total = incident.total(name)
    return total.best if total is not None else None


# --- The data page --------------------------------------------------------------------------


def render_data_page(site: SiteInfo, tables: Iterable[Table[Any]], count: int) -> str:
    """data/index.md: what each file holds, its columns, and the licence."""
    lines = [
        "# Open data",
        "",
        f"The whole record ({count} {'incident' if count == 1 else 'incidents'}) as files "
        "for analysis, rebuilt with the site. "
        "Every number is a claim that names its source, beside a curated best/low/high "
        "estimate and the rule that chose it.",
        "",
        f"Licence: [{LICENSE['title']}]({LICENSE['path']}): cite the record and the "
        "original sources.",
        "",
        "| File | What it holds |",
        "| --- | --- |",
        "| [incidents.json](incidents.json) | The full records, sources and vocabulary, "
        "keyed by id; each record follows [incident.schema.json](schema/incident.schema.json) "
        "and each source [source.schema.json](schema/source.schema.json). |",
    ]
    tables = tuple(tables)
    lines += [f"| [{t.path}]({t.path}) | {t.description} |" for t in tables]
    lines += [
        "| [incidents.geojson](incidents.geojson) | One point per incident with coordinates "
        "(RFC 7946, longitude first). |",
        "| [datapackage.json](datapackage.json) | Frictionless Data Package: the CSV files' "
        "column types and keys. |",
        f"| [{FEED_PATH}]({FEED_PATH}) | Atom feed of incidents added or changed. |",
        "",
        "Withdrawn records stay in the files with status `withdrawn`, so that links keep "
        "working; leave them out of any count. Drafts are never published.",
        "",
        "Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, "
        "a tab or a line break) start with an added `'`; remove it when you read the text. "
        "Empty cells are missing values. Estimates are empty where none was made.",
        "",
        "`killed_best`, `injured_best` and their low and high columns hold each incident's "
        "total by the rule the site and the report use: the curated total, or, where none was "
        "made, the sum of the roles that do not overlap (`killed_derived` and "
        "`injured_derived` are then true). See [how totals are counted]"
        "(../methodology.md#totals).",
    ]
    for table in tables:
        lines += ["", f"## {table.path}", "", table.description, ""]
        lines += [f"Primary key: {', '.join(f'`{c}`' for c in table.primary_key)}.", ""]
        lines += ["| Column | Type | Meaning |", "| --- | --- | --- |"]
        lines += [f"| `{c.name}` | {c.type} | {c.description} |" for c in table.columns]
    return "\n".join(lines) + "\n"
