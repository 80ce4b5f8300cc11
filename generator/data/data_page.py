"""The data page (data/index.md): what each file holds, its columns, how to load it, the licence."""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date
from typing import Any

from generator.core.site_info import SiteInfo
from generator.data.data_changes import changes_section
from generator.data.database import DATASETTE_PATH, SQLITE_PATH
from generator.data.feed import FEED_PATH
from generator.data.loading import loading_section, quoted
from generator.data.queries import VIEWS, examples
from generator.data.stored import SQL_TYPES
from generator.data.tables import LICENSE, Column, Table
from generator.text.markdown import md_escape


def render_data_page(
    site: SiteInfo,
    tables: Iterable[Table[Any]],
    count: int,
    built: date,
    example_id: str | None = None,
) -> str:
    """data/index.md: what each file holds, how to load and query it, its columns, the licence.

    ``built`` is the day the files were made, which their citation gives; ``example_id`` the
    incident whose claims an example query lists, if any.
    """
    lines = [
        # Its tables describe the files and their columns, which readers search for.
        "---",
        "search:",
        "  tables: true",
        "---",
        "",
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
        _citation(site, built),
        "",
        "| File | What it holds |",
        "| --- | --- |",
        "| [incidents.json](incidents.json) | The full records, sources and vocabulary, "
        "keyed by id, one record a line; each record follows "
        "[incident.schema.json](schema/incident.schema.json) and each source "
        "[source.schema.json](schema/source.schema.json). |",
    ]
    tables = tuple(tables)
    lines += [f"| [{t.path}]({t.path}) | {_shown(t.description)} |" for t in tables]
    lines += [
        f"| [{SQLITE_PATH}]({SQLITE_PATH}) | Every table above in one SQLite database, with "
        "its keys, indexes, views and column descriptions: "
        f"[query it with SQL](#querying-{SQLITE_PATH.replace('.', '')}). |",
        "| [incidents.geojson](incidents.geojson) | One point per incident with coordinates "
        "(RFC 7946, longitude first), with its title, date, best estimates and `url`, as in "
        "incidents.csv; its `dataset` member names the dataset and its licence, as in "
        "incidents.json. The point is the incident's first place with coordinates: where "
        "`scene_count` is more than 1 the estimates count every scene (area_totals.csv splits "
        "them), and `extent` is the widest scene as recorded (`country` for the whole country; "
        "a place named only by its region is `region`). |",
        "| [datapackage.json](datapackage.json) | Frictionless Data Package: the CSV files' "
        "column types and keys. |",
        f"| [{FEED_PATH}]({FEED_PATH}) | Atom feed of incidents added or changed. |",
        "",
        "The full records are published once, in incidents.json, as compact JSON, one record "
        "a line. A field with nothing in it (null, an empty list or object) or holding its "
        "default (a claim's `qualifier` `exact`, `uncertain` false) is left out, as the "
        "schemas allow: read a missing field as the default its schema gives. "
        "incidents.json stands alone, with the sources and vocabulary that its records name "
        "by id; pandas, R and jq read it as shown below, and one jq line makes JSON Lines of "
        "it, for tools that read one record at a time. For one row per incident, use incidents.csv "
        f"or {SQLITE_PATH}.",
        "",
        "Withdrawn records stay in the files with status `withdrawn`, so that links keep "
        "working; leave them out of any count. Drafts are in no data file (the site shows their "
        "pages, marked as drafts); sources.csv lists every source, and one that only drafts "
        "cite has an `incident_count` of 0.",
        "",
        "Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, "
        "a tab or a line break) start with an added `'`: remove a first `'` only when one of "
        "those characters follows it, as a text may itself start with `'` (a quoted title). "
        "Empty cells are missing values. Estimates are empty where none was made. Cells that "
        "hold a list (`types`, `roles`, the ids in other datasets) separate its items by `;`. "
        "Columns that count items of a record (its sources, places, claims) end in `_count`.",
        "",
        "`killed_best`, `injured_best` and their low and high columns hold each incident's "
        "total by the rule the site and the report use: the curated total, or, where none was "
        "made, the sum of the roles that do not overlap (`killed_derived` and "
        "`injured_derived` are then true). See [how totals are counted]"
        "(../methodology.md#totals).",
        "",
        "Every table of incidents' rows names its incident by `incident_id` (incidents.csv "
        "itself is keyed by `id`; party_kinds.csv, terms.csv and sources.csv are shared by "
        "every incident and name none). A party is named by `incident_id` and "
        "`party` together, or by `party_key` alone (`<incident id>/<party id>`), which is how "
        "`figures.csv` names the party counted (`party_key`) and the party that caused it "
        "(`by_key`).",
        "",
        "Each fact is written once, in the table it belongs to. A claim names its figure by "
        "`incident_id` and `figure_key`: what the figure counts (figure, role, party, place, "
        "country) is that row of figures.csv, so join the two on those columns (the database's "
        "view `figure_claims` does it for you). A party names its kind by `kind`: the kind's "
        "label, ACLED actor type and whether it is part of the state are in party_kinds.csv "
        "(view `parties_with_kinds`). The ids of the other vocabularies read as the labels "
        "in terms.csv: join on `vocabulary` and `id` together, as an id may be in two "
        "vocabularies (`manhunt` is an incident type and a tactic): `incident_types` for "
        "incidents.csv's `types` (a list: split it first), `figures` for the `figure` of "
        "figures.csv and area_totals.csv, `measure_kinds` for measures.csv's `kind`, "
        "`target_types` and `weapon_types` for the `type` of targets.csv and weapons.csv, "
        "`tactics` for tactics.csv's `tactic`; and the record format's own lists: `roles` "
        "and `rules` for figures.csv's `role` and `rule`, `qualifiers` for claims.csv's "
        "`qualifier`, `attributions` for parties.csv's `attribution`, `publisher_types` for "
        "sources.csv's `publisher_type`. A row of targets.csv, weapons.csv or "
        "tactics.csv is one source's statement, so an incident may have the same type in "
        "several rows: count distinct (`incident_id`, `type`) pairs (`tactic` in "
        "tactics.csv). An incident without rows there has none recorded, which does not mean "
        "there were none: many records state no target or weapon type. A party's "
        "`described_as` is filled only for a party without a name: the name the site shows "
        "is `name`, else `described_as`. The party columns stay in parties.csv and "
        "figures.csv, where a reader looks for them, and `party_key` stays beside "
        "`incident_id` and `party`, because a foreign key of two "
        "columns cannot name a party in a row that has none.",
        *loading_section(site),
        *_querying(example_id),
        *changes_section(),
    ]
    for table in tables:
        lines += ["", f"## {table.path}", "", _shown(table.description), ""]
        lines += [f"Primary key: {', '.join(f'`{c}`' for c in table.primary_key)}.", ""]
        if table.foreign_keys:
            lines += ["Foreign keys:" if len(table.foreign_keys) > 1 else "Foreign key:", ""]
        lines += [
            f"- {_names(k.fields)} names a row of `{k.resource}` by {_names(k.reference)}."
            for k in table.foreign_keys
        ]
        # In a container of its own class, so that a narrow screen shows each column as a
        # block (templates/assets/site.css) rather than four squeezed cells.
        lines += ["", '<div class="data-columns" markdown>', ""]
        lines += ["| Column | Type | SQL type | Meaning |", "| --- | --- | --- | --- |"]
        lines += [
            f"| `{c.name}` | {c.type} | {SQL_TYPES[c.type]} | {_meaning(c)} |"
            for c in table.columns
        ]
        lines += ["", "</div>"]
    return "\n".join(lines) + "\n"


def _meaning(column: Column[Any]) -> str:
    """A column's description, with the values it may hold when it is a controlled list."""
    if not column.enum:
        return _shown(column.description)
    return f"{_shown(column.description)} One of {_names(column.enum)}."


def _names(names: Iterable[str]) -> str:
    return ", ".join(f"`{name}`" for name in names)


def _querying(example_id: str | None) -> list[str]:
    """How to open the SQLite database, its views, and example queries that work on it."""
    lines = [
        "",
        f"## Querying {SQLITE_PATH}",
        "",
        f"`{SQLITE_PATH}` holds every CSV table above as a table of the same name and columns "
        "(integers and reals as numbers, `true`/`false` as 1/0, dates as ISO 8601 text, empty "
        "cells as NULL, and text without the `'` added before a formula), with shorter keys: "
        "a table names its incident by `incident_key`, an integer, where the CSV file has "
        "`incident_id`. `incidents.incident_key` is that integer (`incidents.id` is the text "
        "id), so join `incidents` on `incident_key` to get the id, as the views below do; each "
        "view gives `incident_id`. The integer is the database's alone, and may change from one "
        "release to the next: name an incident by its id. parties has no `party_key` column: "
        "a party is its `incident_key` and `party`, and figures' `party_key` and `by_key` refer "
        "to it as (`incident_key`, `party`) and (`incident_key`, `by`), weapons' `party_key` "
        "as (`incident_key`, `party`); the view "
        "`parties_with_kinds` gives `party_key`. The tables have the other primary and "
        "foreign keys listed under each table and an index on each foreign key (of the rows "
        "that fill it) but `source_id` and `kind`: those name a row of a shared table, which "
        "a query reaches by that table's key; to list one source's claims often, add "
        "`CREATE INDEX claims_source_id ON claims (source_id);` to a copy. `_tables` and "
        "`_columns` describe every table and view above and each of their columns; "
        "`_dataset` holds the title, "
        "licence and build date. Any SQLite from 3.8.2 (2013) on reads it. Download it, then "
        "open it with the "
        "[sqlite3 command-line shell](https://sqlite.org/cli.html):",
        "",
        "```sh",
        f"sqlite3 -header -column {SQLITE_PATH}",
        "```",
        "",
        "or browse it with [Datasette](https://datasette.io/), if installed, with the tables' "
        f"and columns' descriptions from [{DATASETTE_PATH}]({DATASETTE_PATH}), which also "
        "has Datasette show the title of the incident or source, or the label of the party "
        "kind, beside a key that refers to one (a claim refers to its figure and its source, "
        "not to its incident):",
        "",
        "```sh",
        f"datasette {SQLITE_PATH} --metadata {DATASETTE_PATH}",
        "```",
        "",
        "Views that join the tables for common questions:",
        "",
        "| View | What it shows |",
        "| --- | --- |",
        *(f"| `{view.name}` | {_shown(view.description)} |" for view in VIEWS),
        "",
        "`killed_by_region` counts each person once: an incident's killed go to the one area "
        "of the incident (its region, or 'Several regions', 'Nationwide (...)'), except the "
        "parts a source gave by place, which go to that place's region (`area_totals`). Join "
        "`incidents` with `places` instead and an incident's whole toll is counted under each "
        "of its regions.",
    ]
    for example in examples(example_id):
        lines += ["", example.title, "", "```sql", example.sql, "```"]
    lines += [
        "",
        "The same from Python, with the standard library's `sqlite3` (and pandas, to get a "
        "data frame); pass record values as parameters (`?`), never inside the SQL text:",
        "",
        "```python",
        "import sqlite3",
        "",
        "import pandas as pd",
        "",
        f'db = sqlite3.connect("file:{SQLITE_PATH}?mode=ro", uri=True)',
        "deadliest = db.execute(",
        "    \"SELECT id, title, killed_best FROM incidents WHERE status = 'published' \"",
        '    "AND killed_best IS NOT NULL ORDER BY killed_best DESC, id LIMIT 10"',
        ").fetchall()",
        f"incident = {quoted(example_id or '')}",
        "claims = db.execute(",
        '    "SELECT figure_key, claim, display, publisher, url FROM claims_with_sources "',
        '    "WHERE incident_id = ? ORDER BY figure_key, claim",',
        "    (incident,),",
        ").fetchall()",
        'by_region = pd.read_sql_query("SELECT * FROM killed_by_region", db)',
        "```",
    ]
    return lines


def _shown(description: str) -> str:
    """A description as the page shows it: its '<country>' is text, not a tag to drop.

    Descriptions are the project's own Markdown, so only HTML's special characters are
    escaped, and not in code (between backticks), which Markdown shows as it is written.
    """
    pieces = description.split("`")
    return "`".join(
        piece if index % 2 else html.escape(piece, quote=False)
        for index, piece in enumerate(pieces)
    )


def _citation(site: SiteInfo, built: date) -> str:
    """How to cite the files: the record's name, the files, the day they were built, where."""
    parts = [f"{md_escape(site.name)}, open data", f"built {built.isoformat()}"]
    if site.url:
        parts.append(f"<{site.url}data/>")
    return f"Cite the files as: {', '.join(parts)}."
