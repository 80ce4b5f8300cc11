"""The SQLite database's views and the example queries the data page shows (and tests run).

The database's tables name an incident by its integer ``incident_key`` and a party by its
incident and id (``stored``); each view gives the text ids, ``incident_id`` and ``party_key``,
as the CSV files do.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class View:
    """A view of the database: its name, what it shows, and its ``SELECT``."""

    name: str
    description: str
    sql: str
    computed: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """The type and meaning of each column the ``SELECT`` computes."""
    meaning: Mapping[str, str] = field(default_factory=dict)
    """What a column taken from a table means here, where its table's words would mislead;
    every other column taken from a table reads as that table's column."""


def selected(view: View) -> list[tuple[str, tuple[str, str] | None]]:
    """The view's columns in order, each with the table and column it is taken from.

    A column is taken unchanged from a table as ``alias.column``, renamed or not; one the
    view computes has None. The views are this module's own SQL: a select list of
    ``alias.column [AS name]`` and expressions ``AS name``, from tables named ``FROM table
    AS alias`` and ``JOIN table AS alias``.
    """
    aliases = dict((a, t) for t, a in re.findall(r"(?:FROM|JOIN) (\w+) AS (\w+)", view.sql))
    listed = view.sql[len("SELECT ") : view.sql.index("\nFROM ")]
    found: list[tuple[str, tuple[str, str] | None]] = []
    for item in _top_level(listed):
        expression, renamed, name = item.rpartition(" AS ")
        if not renamed:
            expression, name = item, ""
        taken = re.fullmatch(r"(\w+)\.(\w+)", expression)
        if taken is None:
            found.append((name, None))
        else:
            alias, column = taken.groups()
            found.append((name or column, (aliases[alias], column)))
    return found


def _top_level(listed: str) -> list[str]:
    """The items of a select list, split at the commas outside parentheses."""
    items, depth, start = [], 0, 0
    for index, char in enumerate(listed):
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            items.append(listed[start:index].strip())
            start = index + 1
    return [*items, listed[start:].strip()]


_SHOWN_NAME = (
    "The name the site shows for {party}: its name, else its description's first sentence."
)
_INCIDENT_TITLE = "The incident's title."
_FIGURE_KEY = (
    "The figure's key within its incident; what it counts is in this row's figure, role, "
    "party, by, place and country columns."
)
_VIEW_PARTY_KEY = "{party} as `<incident id>/<party id>`, as parties_with_kinds gives `party_key`."
_AREA = (
    "Where the shares are counted: a region, a country, '<country> (region not recorded)', "
    "'Several regions', 'Several countries' or 'Nationwide (<country>)' (area_totals)."
)
_RANGE = (
    "The sum of their shares' {end} ends: not a range of the area's total, as ranges of "
    "several incidents do not add up."
)

VIEWS = (
    View(
        "incident_figures",
        "Every figure with its incident's title, status and date, and the names and kinds of "
        "the party counted and of the party that caused it.",
        """SELECT i.id AS incident_id, i.title, i.status, i.start_date,
  f.figure_key, f.figure, f.role,
  f.party, COALESCE(p.name, p.described_as) AS party_name, p.kind AS party_kind,
  f.by, COALESCE(b.name, b.described_as) AS by_name, b.kind AS by_kind,
  f.place, f.place_name, f.country, f.is_part,
  f.best, f.low, f.high, f.rule, f.claim_count, f.disputed
FROM figures AS f
JOIN incidents AS i ON i.incident_key = f.incident_key
LEFT JOIN parties AS p ON p.incident_key = f.incident_key AND p.party = f.party
LEFT JOIN parties AS b ON b.incident_key = f.incident_key AND b.party = f.by""",
        computed={
            "party_name": ("string", _SHOWN_NAME.format(party="the party counted")),
            "by_name": ("string", _SHOWN_NAME.format(party="the party that caused it")),
        },
        meaning={
            "title": _INCIDENT_TITLE,
            "party_kind": "The kind of the party counted (party_kinds).",
            "by_kind": "The kind of the party that caused it (party_kinds).",
        },
    ),
    View(
        "parties_with_kinds",
        "Every party with the name the site shows (its name, else the first sentence of its "
        "description) and its kind's label, ACLED actor type and UCDP side (party_kinds).",
        """SELECT i.id AS incident_id, p.party, i.id || '/' || p.party AS party_key, p.kind,
  k.label AS kind_label, k.acled_actor_type, k.state, p.roles, p.name,
  COALESCE(p.name, p.described_as) AS display_name, p.description, p.agency,
  p.nationalities, p.response_role, p.attribution, p.attributed_by, p.label_count, p.source_count
FROM parties AS p
JOIN incidents AS i ON i.incident_key = p.incident_key
JOIN party_kinds AS k ON k.kind = p.kind""",
        computed={
            "party_key": ("string", "`<incident id>/<party id>`, as figures.csv names a party."),
            "display_name": ("string", _SHOWN_NAME.format(party="the party")),
        },
        meaning={"kind": "Party kind id; its label, ACLED actor type and UCDP side follow."},
    ),
    View(
        "figure_claims",
        "Every claim with what its figure counts (figure, role, party, by, place, country, "
        "from figures): the claims table joined to figures, one row per claim.",
        """SELECT i.id AS incident_id, c.figure_key, f.figure, f.role,
  f.party, f.party_key, f.by, f.by_key, f.place, f.place_name, f.country,
  c.claim, c.value, c.min, c.max, c.qualifier, c.text, c.currency, c.display,
  c.stated_by, c.as_of, c.source_id, c.locator, c.quote, c.uncertain, c.worked_out, c.part,
  c.note
FROM claims AS c
JOIN incidents AS i ON i.incident_key = c.incident_key
JOIN figures AS f ON f.incident_key = c.incident_key AND f.figure_key = c.figure_key""",
        meaning={
            "figure_key": _FIGURE_KEY,
            "party_key": _VIEW_PARTY_KEY.format(party="The party counted"),
            "by_key": _VIEW_PARTY_KEY.format(party="The party that caused it"),
        },
    ),
    View(
        "claims_with_sources",
        "Every claim with its incident's title, what its figure counts (figure, role, party, "
        "by, place, country: a claim of a part is not one of the whole), and its source's "
        "publisher, headline, publication date and address.",
        """SELECT i.id AS incident_id, i.title, i.status, c.figure_key, f.figure, f.role,
  f.party, f.by, f.place_name, f.country, c.claim, c.value, c.min, c.max, c.qualifier,
  c.display, c.stated_by, c.as_of, c.source_id,
  s.publisher, s.title AS headline, s.title_en AS headline_en, s.published, s.url, s.archive_url,
  c.locator, c.quote, c.uncertain, c.worked_out, c.part
FROM claims AS c
JOIN incidents AS i ON i.incident_key = c.incident_key
JOIN figures AS f ON f.incident_key = c.incident_key AND f.figure_key = c.figure_key
LEFT JOIN sources AS s ON s.id = c.source_id""",
        meaning={"title": _INCIDENT_TITLE, "figure_key": _FIGURE_KEY},
    ),
    View(
        "killed_by_region",
        "People killed in published incidents by area, every person counted once "
        "(area_totals): the incidents with a share in the area (a recorded 0 included; an "
        "incident spread over several areas counts in each) and the sums of their shares.",
        """SELECT a.area, COUNT(*) AS incident_count,
  SUM(a.best) AS killed_best, SUM(a.low) AS killed_low, SUM(a.high) AS killed_high
FROM area_totals AS a
JOIN incidents AS i ON i.incident_key = a.incident_key
WHERE a.figure = 'killed' AND i.status = 'published'
GROUP BY a.area""",
        computed={
            "incident_count": ("integer", "Published incidents with a share of killed here."),
            "killed_best": ("number", "The sum of their shares' best estimates."),
            "killed_low": ("number", _RANGE.format(end="low")),
            "killed_high": ("number", _RANGE.format(end="high")),
        },
        meaning={"area": _AREA},
    ),
)
"""The views, in the order they are made and described."""


@dataclass(frozen=True)
class Example:
    """A query the data page shows: what it answers and its SQL (one statement)."""

    title: str
    sql: str


def examples(incident_id: str | None) -> tuple[Example, ...]:
    """The data page's queries; the claims of ``incident_id`` when there is one to show.

    The id is an incident id (a date and a slug, checked on load), quoted as an SQL literal.
    """
    found = [
        Example(
            "The ten deadliest published incidents:",
            """SELECT id, title, start_date, killed_best, killed_low, killed_high
FROM incidents
WHERE status = 'published' AND killed_best IS NOT NULL
ORDER BY killed_best DESC, id
LIMIT 10;""",
        ),
        Example(
            "People killed by region, each person counted once (a join of incidents and "
            "places would count an incident's whole toll under each of its regions):",
            """SELECT area, incident_count, killed_best, killed_low, killed_high
FROM killed_by_region
ORDER BY killed_best DESC, area;""",
        ),
        Example(
            "Published incidents by type, with the type's label from terms (an incident of "
            "several types counts under each):",
            """SELECT t.id, t.label, COUNT(*) AS incidents
FROM incidents AS i
JOIN terms AS t ON t.vocabulary = 'incident_types'
  AND instr(';' || i.types || ';', ';' || t.id || ';') > 0
WHERE i.status = 'published'
GROUP BY t.id, t.label
ORDER BY incidents DESC, t.label;""",
        ),
        Example(
            "The target types stated for each published incident, each type once, by its "
            "label (a row of targets is one source's statement):",
            """SELECT i.id, group_concat(DISTINCT k.label) AS target_types
FROM targets AS t
JOIN incidents AS i ON i.incident_key = t.incident_key
JOIN terms AS k ON k.vocabulary = 'target_types' AND k.id = t.type
WHERE i.status = 'published'
GROUP BY i.id
ORDER BY i.id;""",
        ),
        Example(
            "Publishers by the number of claims that cite them:",
            """SELECT s.publisher, COUNT(DISTINCT c.source_id) AS sources,
  COUNT(DISTINCT c.incident_key) AS incidents, COUNT(*) AS claims
FROM claims AS c
LEFT JOIN sources AS s ON s.id = c.source_id
GROUP BY s.publisher
ORDER BY claims DESC, s.publisher;""",
        ),
    ]
    if incident_id is not None:
        literal = "'" + incident_id.replace("'", "''") + "'"
        found.insert(
            1,
            Example(
                "Every claim of one incident, with who stated it and the source:",
                f"""SELECT figure_key, claim, display, stated_by, as_of, publisher, headline, url
FROM claims_with_sources
WHERE incident_id = {literal}
ORDER BY figure_key, claim;""",
            ),
        )
    return tuple(found)
