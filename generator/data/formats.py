"""The open-data file formats: CSV cells and rows, strict JSON, and JSON and GeoJSON in pieces."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from generator.data.tables import Cell, Table, moment
from generator.model import Coordinates, Figure, Incident, Place, Source, Vocabulary, widest_extent
from generator.text.filters import short_place

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
"""What a spreadsheet would run as a formula at the start of a cell."""


def neutralise(text: str) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def format_cell(cell: Cell) -> str:
    """A cell as CSV text: empty for missing, true/false, numbers without a trailing '.0'."""
    if type(cell) is str:  # most cells: tested first, as ``neutralise`` does
        return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return neutralise(cell)


Value = str | int | float | bool | None
"""A cell as the CSV files and the SQLite database both take it: dates as ISO 8601 text."""
Row = tuple[Value, ...]


def table_rows(table: Table[Any], items: Iterable[Any]) -> tuple[Row, ...]:
    """The rows of ``items``, read once: the CSV text and the database are both made of them."""
    date = dt.date
    return tuple(
        tuple([cell.isoformat() if isinstance(cell, date) else cell for cell in row])
        for row in table.rows(items)
    )


def csv_header(table: Table[Any]) -> str:
    """A CSV file's header row (RFC 4180, CRLF line ends)."""
    return csv_lines([table.header])


def csv_rows(table: Table[Any], items: Iterable[Any], header: bool = False) -> str:
    """CSV rows of ``items`` (RFC 4180, UTF-8), optionally after the header row."""
    return (csv_header(table) if header else "") + csv_lines(table_rows(table, items))


def csv_lines(rows: Iterable[Iterable[Cell]]) -> str:
    """CSV text of rows already read (RFC 4180, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([format_cell(cell) for cell in row])
    return out.getvalue()


def strict_json(value: Any, indent: int | None = None) -> str:
    """Strict JSON: no NaN or Infinity, UTF-8 text kept as is.

    Without ``indent`` the text is compact (no space after ``,`` or ``:``): the data files
    hold every record, and the spaces were 7% of incidents.json.
    """
    separators = None if indent else (",", ":")
    text = json.dumps(
        value, ensure_ascii=False, allow_nan=False, indent=indent, separators=separators
    )
    return text + "\n" if indent else text


def without_empty(value: Any) -> Any:
    """A dumped record without its null, empty-list and empty-object members, at any depth.

    The schemas give every such field a default (``[]``, ``{}`` or ``null``) and require
    none of them, so the record reads back to the same model (a test holds this).
    """
    if isinstance(value, dict):
        kept: dict[Any, Any] = {}
        for key, member in value.items():
            if isinstance(member, dict | list):  # only these recurse: a call per scalar costs
                member = without_empty(member)
            if member is not None and member != [] and member != {}:
                kept[key] = member
        return kept
    if isinstance(value, list):
        return [without_empty(item) if isinstance(item, dict | list) else item for item in value]
    return value


def record_json(record: Incident | Source) -> str:
    """A record or source as incidents.json holds it: compact, empty and default members left out.

    A member equal to its schema's default (a claim's ``"qualifier":"exact"`` and
    ``"uncertain":false``) reads back the same; a party's figure keeps its role, since a
    role left out is derived from the party (``Incident._derive_figure_roles``).
    """
    dumped = record.model_dump(mode="json", exclude_defaults=True)
    if isinstance(record, Incident):
        parts = dumped.get("figures", [])
        for position, figure in enumerate(record.figures):
            if figure.party is not None and "role" not in parts[position]:
                kept = {**parts[position], "role": figure.role}
                parts[position] = {name: kept[name] for name in Figure.model_fields if name in kept}
    return strict_json(without_empty(dumped))


def json_member(key: str, value: str) -> str:
    """An object's member (``"key":value``) of a value already JSON text."""
    return f"{strict_json(key)}:{value}"


def json_object(members: Iterable[str | bytes]) -> Iterator[str | bytes]:
    """A JSON object with one member (``"key":value``) per line, built lazily.

    A member may be bytes already encoded (one copied from a file as written).
    """
    yield "{"
    separator = "\n"
    for member in members:
        yield separator
        yield member
        separator = ",\n"
    yield "\n}" if separator == ",\n" else "}"


def json_head(sources: Mapping[str, Source], count: int, meta: dict[str, Any]) -> str:
    """incidents.json up to its records' object: the ``dataset`` header, which holds the counts."""
    header = {
        **meta,
        "schema": {
            "incident": "schema/incident.schema.json",
            "source": "schema/source.schema.json",
        },
        "incident_count": count,
        "source_count": len(sources),
    }
    return '{\n"dataset":' + strict_json(header) + ',\n"incidents":'


def json_tail(sources: Mapping[str, Source], vocabulary: Vocabulary) -> Iterator[str | bytes]:
    """incidents.json after its records' object: the sources by id, then the vocabulary."""
    entries = (json_member(sid, record_json(sources[sid])) for sid in sorted(sources))
    yield ',\n"sources":'
    yield from json_object(entries)
    yield from (',\n"vocabulary":', strict_json(vocabulary.model_dump(mode="json")), "\n}\n")


def render_json(
    sources: Mapping[str, Source],
    vocabulary: Vocabulary,
    members: Iterable[str | bytes],
    count: int,
    meta: dict[str, Any],
) -> Iterator[str | bytes]:
    """incidents.json in pieces: records and sources by id, in model field order, one a line.

    The records' object lies between the line ``"incidents":{`` and the line ``},``; what
    follows depends on the sources and vocabulary alone (``json_tail``).
    """
    yield json_head(sources, count, meta)
    yield from json_object(members)
    yield from json_tail(sources, vocabulary)


def render_geojson(features: Iterable[str], meta: Mapping[str, Any]) -> Iterator[str]:
    """incidents.geojson (RFC 7946), in pieces: one Point per incident that has coordinates.

    The collection names the dataset and its licence (``meta``, as incidents.json's
    ``dataset``) in a member of its own, which GeoJSON readers that do not know it ignore.
    """
    yield '{"type":"FeatureCollection","dataset":' + strict_json(meta) + ',"features":['
    separator = "\n"
    for feature in features:
        yield from (separator, feature)
        separator = ",\n"
    yield "\n]}\n"


def geojson_feature(
    incident: Incident, place: Place, point: Coordinates, url_for: Callable[[str], str]
) -> dict[str, Any]:
    """An incident's GeoJSON Feature: a Point at ``place`` with what the map and tables show."""
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
            "scene_count": sum(1 for place in incident.places if place.scene),
            "extent": widest_extent(incident.places),
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
