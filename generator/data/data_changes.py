"""The data page's history of the files: what each schema version changed, and what came since.

Readers who keep an earlier copy, or code written against one, look here first; an entry
names the file and column and says what to do where a query must change.
"""

from __future__ import annotations

from generator.data.database import SCHEMA_VERSION

ADDED = (
    "`decreed_end` in measures.csv (the end first decreed, where a report gives it; `end` is "
    "when the measure actually ended).",
    "`nationalities` in parties.csv and the view `parties_with_kinds` (ISO 3166-1 codes "
    "separated by ';', where the sources give them).",
    "The party kind `prisoners` in party_kinds.csv.",
    "terms.csv and the table `terms` (every vocabulary term's label); later, in terms.csv, "
    "the record format's roles, rules, qualifiers, attributions and publisher types.",
    "In `_columns`, the views' columns (select `_tables` of kind `table` for the tables alone).",
    "In incidents.geojson, a `dataset` member (its title and licence).",
    "targets.csv and weapons.csv (the target and weapon types each source states) and "
    "tactics.csv (the response's tactics).",
    "`worked_out` in claims.csv and `scene` in places.csv.",
    "`is_part` in figures.csv and the view `incident_figures`: sum only the figures that are "
    "not parts.",
    "`by`, `country` and `headline_en` in the view `claims_with_sources`.",
    "`part_of` in incidents.csv: the incidents a record is part of, whose figures count it.",
    "`killed_derived_from` and `injured_derived_from` in incidents.csv: what a total that was "
    "not curated adds up.",
    "`scene_count` and `extent` in incidents.geojson's properties: a point is one of the "
    "incident's scenes, and `extent` is the widest of them.",
    "On each incident page, an anchor of each claim's row: `#claim-<figure_key>-<claim>`.",
    "motives.csv, responsibility.csv and related.csv, and their tables in the database: the "
    "motives and claims of responsibility sources state, and the links between records.",
    "`part` in claims.csv and the views `figure_claims` and `claims_with_sources`: the part "
    "of the figure's whole a claim counts, where reports count parts that add up; "
    "`parts_low` and `parts_high` in figures.csv, the parts' numbers added up.",
)
"""Columns, tables and views added since the last schema version, oldest first."""
CHANGED = (
    "claims.csv's `qualifier` is empty for a claim without a number ('dozens') unless the "
    "record hedges it; it read `exact`, the record format's default.",
    "figures.csv's `disputed` compares claims of one part with each other, and a claim of "
    "the whole with the parts added up: claims of different parts do not disagree; an 'at "
    "most' claim no longer disagrees with a smaller number.",
)
"""What an existing column means differently since the last schema version."""


def changes_section() -> list[str]:
    """The page's section on what changed in the files' columns, as lines of Markdown."""
    return [
        "",
        "## Changes to the files",
        "",
        f"Schema version {SCHEMA_VERSION} (`PRAGMA user_version`): the database's tables name "
        "an incident by `incident_key` (`incidents.incident_key`, an integer) instead of "
        "`incident_id` (a query on a table's `incident_id` joins incidents instead; the views "
        "still give `incident_id`), and parties has no `party_key` (join figures to parties on "
        "`incident_key` and `party`, or `by`); the CSV files are unchanged. Schema version 2: "
        "claims.csv no longer repeats its figure's columns (`figure`, `role`, `party`, "
        "`party_key`, `by`, `by_key`, `place`, `place_name`, `country`): join figures.csv on "
        "`incident_id` and `figure_key`, or query the view `figure_claims`. parties.csv names "
        "its kind by `kind` only (`kind_label` is `label`, `acled_actor_type` and `state` are in "
        "party_kinds.csv), and `display_name` became `described_as`, filled only for a party "
        "without a name. The database has no index on `source_id`. incidents.json leaves "
        "out members that hold their schema's default, as it leaves out empty ones.",
        "",
        "Added since, without a new version:",
        "",
        *(f"- {entry}" for entry in ADDED),
        "",
        "Changed since, without a new version:",
        "",
        *(f"- {entry}" for entry in CHANGED),
    ]
