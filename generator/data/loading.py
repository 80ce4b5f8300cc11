"""The data page's section on loading the files: pandas, R and jq, from the site's address."""

from __future__ import annotations

import json

from generator.core.site_info import SiteInfo


def loading_section(site: SiteInfo) -> list[str]:
    """How to load the files in pandas and in R, from the site's address when it has one."""
    # The address goes into code: quoted, a quote in it cannot end the string.
    folder = quoted(f"{site.url}data/" if site.url else "")
    where = "the folder or the address of these files, ending in '/'"
    return [
        "",
        "## Loading the files",
        "",
        "In Python with [pandas](https://pandas.pydata.org/): read empty cells, and only "
        "empty cells, as missing (`keep_default_na=False`), so that a name such as `NA` stays "
        "text; and read the key columns as text, so that a column no row fills still joins.",
        "",
        "```python",
        "import pandas as pd",
        "",
        f"DATA = {folder}  # {where}",
        'keys = ["incident_id", "party", "party_key", "by", "by_key", "place", "country"]',
        'text = dict.fromkeys(keys, "string")',
        'kept = {"keep_default_na": False, "na_values": [""], "dtype": text}',
        'incidents = pd.read_csv(DATA + "incidents.csv", parse_dates=["start_date"], **kept)',
        'figures = pd.read_csv(DATA + "figures.csv", **kept)',
        'claims = pd.read_csv(DATA + "claims.csv", **kept)',
        'parties = pd.read_csv(DATA + "parties.csv", **kept)',
        'kinds = pd.read_csv(DATA + "party_kinds.csv", **kept)',
        'places = pd.read_csv(DATA + "places.csv", **kept)',
        'sources = pd.read_csv(DATA + "sources.csv", **kept)',
        'terms = pd.read_csv(DATA + "terms.csv", **kept)',
        'published = incidents[incidents["status"] == "published"]',
        "```",
        "",
        "Each party with its kind and the name the site shows; the counts of each party; "
        "each claim with what its figure counts, and with its source:",
        "",
        "```python",
        'parties = parties.merge(kinds, on="kind", suffixes=("", "_kind"))',
        'parties["display_name"] = parties["name"].fillna(parties["described_as"])',
        'counted = figures.merge(parties, on=["incident_id", "party", "party_key"])',
        'figure = ["incident_id", "figure_key"]',
        'claims = claims.merge(figures, on=figure, suffixes=("", "_figure"))',
        'cited = claims.merge(sources, left_on="source_id", right_on="id", suffixes=("", "_src"))',
        "```",
        "",
        "Labels from terms.csv, by vocabulary: each figure's, and each incident's types, one "
        "row per type:",
        "",
        "```python",
        'labels = {v: rows.set_index("id")["label"] for v, rows in terms.groupby("vocabulary")}',
        'figures["figure_label"] = figures["figure"].map(labels["figures"])',
        'typed = published.assign(type=published["types"].str.split(";")).explode("type")',
        'typed["type_label"] = typed["type"].map(labels["incident_types"])',
        "```",
        "",
        "The full records, one row per incident with its `id`, from `incidents.json`:",
        "",
        "```python",
        'document = pd.read_json(DATA + "incidents.json", typ="series", dtype=False)',
        'records = pd.DataFrame.from_dict(document["incidents"], orient="index")',
        'records = records.rename_axis("id").reset_index()',
        "```",
        "",
        "In R (base R, and the [jsonlite](https://cran.r-project.org/package=jsonlite) package "
        "for the records):",
        "",
        "```r",
        f"DATA <- {folder}  # {where}",
        "read <- function(name) {",
        '  table <- read.csv(paste0(DATA, name), na.strings = "", fileEncoding = "UTF-8")',
        "  # Columns of true and false become logical (read.csv leaves them text).",
        "  flags <- vapply(table, function(x) is.character(x) &&",
        '    all(x %in% c("true", "false", NA)), logical(1))',
        '  table[flags] <- lapply(table[flags], function(x) x == "true")',
        "  table",
        "}",
        'incidents <- read("incidents.csv")',
        'figures <- read("figures.csv")',
        'parties <- merge(read("parties.csv"), read("party_kinds.csv"), by = "kind")',
        "parties$display_name <- ifelse(is.na(parties$name), parties$described_as, parties$name)",
        'places <- read("places.csv")',
        'counted <- merge(figures, parties, by = c("incident_id", "party", "party_key"))',
        'claims <- merge(read("claims.csv"), figures, by = c("incident_id", "figure_key"),',
        '  suffixes = c("", "_figure"))',
        'terms <- read("terms.csv")',
        "# Labels of one vocabulary's ids (an id may be in two vocabularies).",
        "labels <- function(vocabulary, ids) {",
        "  own <- terms[terms$vocabulary == vocabulary, ]",
        "  own$label[match(ids, own$id)]",
        "}",
        'figures$figure_label <- labels("figures", figures$figure)',
        'document <- jsonlite::fromJSON(paste0(DATA, "incidents.json"), simplifyVector = FALSE)',
        "records <- document$incidents  # one list per incident, named by its id",
        "```",
        "",
        "With [jq](https://jqlang.org/), the records as JSON Lines (one record a line, its "
        "`id` first), for tools that read one record at a time:",
        "",
        "```sh",
        f"jq -c {_JSON_LINES} incidents.json > incidents.jsonl",
        "```",
    ]


_JSON_LINES = "'.incidents | to_entries[] | {id: .key} + .value'"
"""The jq program that turns incidents.json's records into JSON Lines."""


def quoted(text: str) -> str:
    """A string literal that Python and R both read as ``text`` (JSON's escapes are theirs)."""
    return json.dumps(text)
