"""The one Jinja2 environment: every template filter is registered here (``template_env``).

Site, report and the workers all take it from ``template_env``, so a build compiles each
template once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import jinja2

from generator.model import Summary, country_name
from generator.text import figures, filters, source_names
from generator.text.markdown import front_title, html_text, md_escape, md_url


def template_env(
    templates_dir: Path, countries: Mapping[str, str] = filters.NO_NAMES, stamp: str = ""
) -> jinja2.Environment:
    """The one Jinja2 environment: strict undefined, autoescape for HTML templates only.

    ``countries`` (code -> name, from the vocabulary) lets places name their country. The
    same folder, names and templates give the same environment, so its compiled templates are
    reused. It never looks at a template's file again once compiled: ``stamp``
    (``templates_stamp``, taken now when not given) tells one state of the templates from
    another, so that a changed template gives a new environment.
    """
    stamp = stamp or templates_stamp(templates_dir)
    return _cached_env(templates_dir, frozenset(countries.items()), stamp)


def templates_stamp(templates_dir: Path) -> str:
    """A digest of the name and bytes of every file under ``templates_dir``."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(path for path in templates_dir.rglob("*") if path.is_file()):
        data = path.read_bytes()
        name = path.relative_to(templates_dir).as_posix().encode()
        digest.update(b"%d:%s%d:" % (len(name), name, len(data)) + data)
    return digest.hexdigest()


# A long-lived process (the live preview) may see the vocabulary or the templates change; a
# few environments are kept so that switching back does not compile the templates again.
@lru_cache(maxsize=4)
def _cached_env(
    templates_dir: Path, country_items: frozenset[tuple[str, str]], stamp: str
) -> jinja2.Environment:
    countries = dict(country_items)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        # Checking every template's file on each use costs a tenth of an incident page's
        # rendering; the stamp in the cache's key stands for those checks.
        auto_reload=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
    )
    env.filters.update(
        md=md_escape,
        html=html_text,
        md_url=md_url,
        front_title=front_title,
        moment=filters.format_moment,
        as_of=filters.format_as_of,
        when=filters.format_when,
        number=filters.format_number,
        place=partial(filters.describe_place, countries=countries),
        short_place=partial(filters.short_place, countries=countries),
        place_text=partial(filters.place_text, countries=countries),
        places_summary=partial(filters.places_summary, countries=countries),
        paragraphs=filters.paragraphs,
        figure_value=figures.figure_value,
        claimed_values=figures.claimed_values,
        parts_added_up=figures.parts_added_up,
        total=filters.total_text,
        source_gaps=source_names.missing_parts,
        source_labels=source_names.source_labels,
        by_as_of=figures.by_as_of,
        numbered_claims=figures.numbered_claims,
        rule=filters.RULE_LABELS.get,
        attribution=filters.ATTRIBUTION_LABELS.get,
        publisher_type=filters.PUBLISHER_TYPE_LABELS.get,
        words=lambda value: str(value).replace("-", " "),
        language=filters.language_name,
        party_name=figures.party_name,
        claim_words=figures.claim_words,
        groupby_first=filters.groupby_first,
        party_kind=figures.party_kind,
        party_roles=figures.party_roles,
        extent=filters.EXTENT_WORDS.get,
        country=partial(country_name, names=countries),
    )
    env.globals["incident_rows"] = IndexRows(env)
    env.globals["citation_links"] = citation_links
    return env


def citation_links(
    ids: Iterable[object], numbers: Mapping[Any, object], by_number: bool = False
) -> str:
    """Numbered citations, each a link to its entry in the page's source list (``cite``).

    A page calls this for every cited item, so it is Python rather than a macro. Each id is
    linked once, as Jinja's ``unique`` filter keeps them (text compared ignoring case); with
    ``by_number``, in the order of their numbers ('[1][3][4]', as a summary row cites).
    """
    if by_number:
        ids = sorted(ids, key=lambda source_id: _number(numbers.get(source_id)))
    seen: set[object] = set()
    links = []
    for source_id in ids:
        key = source_id.lower() if isinstance(source_id, str) else source_id
        if key in seen:
            continue
        seen.add(key)
        if source_id not in numbers:
            raise jinja2.UndefinedError(f"no citation number for {source_id!r}")
        number = str(numbers[source_id])
        links.append(f'<a class="citation" href="#src-{source_id!s}">[{number}]</a>')
    return "".join(links)


def _number(value: object) -> int:
    return value if isinstance(value, int) else 0


class IndexRows:
    """The rows of an index's incident table (``partials/table.md.j2``), each made once.

    A record is listed by about eight indexes (its year, type, place, actors, the map), so
    its row is rendered once, with a placeholder for the path to the site's root.
    """

    ROOT = "\x00root\x00"

    def __init__(self, env: jinja2.Environment) -> None:
        self._env = env
        self._rows: dict[str, tuple[Summary, str]] = {}

    def __call__(self, incidents: Iterable[Summary], root: str) -> str:
        """The rows of ``incidents``, linking pages from a page ``root`` ('../') below the top."""
        rows = []
        for incident in incidents:
            made = self._rows.get(incident.id)
            if made is None or made[0] is not incident:
                module: Any = self._env.get_template("partials/table.md.j2").module
                made = (incident, module.incident_row(incident, self.ROOT))
                self._rows[incident.id] = made
            rows.append(made[1])
        return "".join(rows).replace(self.ROOT, root)
