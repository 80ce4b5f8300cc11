"""Stage 3: render model objects to Markdown strings with Jinja2 (no file writes).

Filters are registered here and only here (``make_env``). Record text reaches Markdown only
through ``md_escape``, so it is always literal text; grouping and sorting live in ``pages``.
This module renders one incident page (with slots for what other records add) and computes
what every page shares (``Corpus``); ``listings`` renders the pages that list records.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from generator.core.history import History
from generator.core.settings import Settings
from generator.model import Dataset, Incident
from generator.site import views
from generator.site.assets import SiteInfo, read_site_info
from generator.text import filters, source_names

MARKDOWN_SPECIALS = "\\`*_{}[]()#+-.!"
"""Characters that core Python-Markdown gives a meaning and lets a backslash make literal."""
EXTENSION_SPECIALS: dict[str, str] = {
    "tables": "|",
    "admonition": "!",
    "attr_list": "{}",
    "md_in_html": "<>",
    "toc": "[]",
}
"""What each extension enabled in mkdocs.yml adds: a test keeps this and mkdocs.yml in step."""
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#x27;"}
"""Characters that start HTML or entities: written as entities so no tag or entity survives."""
_BACKSLASHED = frozenset(MARKDOWN_SPECIALS + "".join(EXTENSION_SPECIALS.values())) - set(_ENTITIES)
"""Escaped with a backslash; characters of ``_ENTITIES`` are written as entities instead."""
_URL_UNSAFE = re.compile(r"[^A-Za-z0-9\-._~:/?#@!$&+,;=%]")


_ESCAPES = str.maketrans({**{c: "\\" + c for c in _BACKSLASHED}, **_ENTITIES})
"""One translation table: ``str.translate`` escapes a page's text in C, not char by char."""


def md_escape(text: object) -> str:
    """Record text as literal Markdown: no markup, no HTML, no table breaks, one line."""
    return " ".join(str(text).split()).translate(_ESCAPES)


def front_title(text: object) -> str:
    """A page title for front matter: HTML-escaped (themes print it raw), then YAML-quoted."""
    return json.dumps(html.escape(" ".join(str(text).split()), quote=True), ensure_ascii=False)


def md_url(url: object) -> str:
    """A URL safe inside a Markdown link destination and a table cell (percent-encoded)."""
    return _URL_UNSAFE.sub(lambda m: quote(m.group(0), safe=""), str(url))


def make_env(
    templates_dir: Path, countries: Mapping[str, str] = filters.NO_NAMES
) -> jinja2.Environment:
    """The one Jinja2 environment: strict undefined, autoescape for HTML templates only.

    ``countries`` (code -> name, from the vocabulary) lets places name their country.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
    )
    env.filters.update(
        md=md_escape,
        md_url=md_url,
        front_title=front_title,
        moment=filters.format_moment,
        as_of=filters.format_as_of,
        when=filters.format_when,
        number=filters.format_number,
        place=partial(filters.describe_place, countries=countries),
        short_place=partial(filters.short_place, countries=countries),
        places_summary=partial(filters.places_summary, countries=countries),
        paragraphs=filters.paragraphs,
        figure_value=filters.figure_value,
        claimed_values=filters.claimed_values,
        total=filters.total_text,
        source_gaps=source_names.missing_parts,
        source_labels=source_names.source_labels,
        by_as_of=filters.by_as_of,
        rule=filters.RULE_LABELS.get,
        attribution=filters.ATTRIBUTION_LABELS.get,
        words=lambda value: str(value).replace("-", " "),
    )
    env.globals["incident_rows"] = IndexRows(env)
    return env


class IndexRows:
    """The rows of an index's incident table (``partials/table.md.j2``), each made once.

    A record is listed by about eight indexes (its year, type, place, actors, the map), so
    its row is rendered once, with a placeholder for the path to the site's root.
    """

    ROOT = "\x00root\x00"

    def __init__(self, env: jinja2.Environment) -> None:
        self._env = env
        self._rows: dict[str, tuple[Incident, str]] = {}

    def __call__(self, incidents: Iterable[Incident], root: str) -> str:
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


SLOT = re.compile("\x00(cited|related):([^\x00]*)\x00(\n?)")
"""A place in an incident page that depends on other records, filled once all are known.

Record text cannot hold the NUL that delimits it (the model rejects control characters).
"""


@dataclass(frozen=True)
class PageContext:
    """What one incident page needs besides its record: sources, vocabulary, site, history.

    It holds no other incident, so pages can be rendered in the worker that checks the record;
    what depends on other records is left in slots (``SLOT``) that ``SlotTable.fill`` fills.
    """

    dataset: Dataset
    """The sources and vocabulary; its incidents are not read."""
    templates_dir: Path
    site: SiteInfo
    publisher_of: dict[str, str]
    history: History
    records_path: str
    """Where incident files live, relative to the repository root: 'content/incidents'."""


@dataclass(frozen=True)
class SlotTable:
    """What fills the slots of incident pages: related incidents, and who cites each source.

    A build keeps it (``build.PREVIEW_STATE``), so that the live preview can show an edited
    record's page before the cross-record pages are made again.
    """

    related: dict[str, str]
    """Incident id -> its filled related-incidents section (only records that have one)."""
    counts: dict[str, int]
    """Source id -> how many records cite it."""
    cites: dict[str, list[str]]
    """Incident id -> the sources it cites, to correct the counts when one record changes."""
    publisher_of: dict[str, str]

    def fill(self, page: str) -> str:
        """The page with its slots filled."""

        def fill(match: re.Match[str]) -> str:
            kind, key, newline = match.groups()
            if kind == "related":
                return self.related.get(key, "")
            count = self.counts.get(key, 0)
            noun = "record" if count == 1 else "records"
            target = f"../sources/{self.publisher_of[key]}.md#src-{key}"
            return f"[Cited by {count} {noun}]({target}){newline}"

        return SLOT.sub(fill, page)

    def with_record(self, incident: Incident) -> SlotTable:
        """The table as it would be if ``incident`` replaced its earlier version."""
        counts = dict(self.counts)
        for source_id in self.cites.get(incident.id, ()):
            counts[source_id] -= 1
        for source_id in incident.source_ids:
            counts[source_id] = counts.get(source_id, 0) + 1
        cites = {**self.cites, incident.id: list(incident.source_ids)}
        return SlotTable(self.related, counts, cites, self.publisher_of)


@dataclass(frozen=True)
class Corpus:
    """What every page may need, computed once per build so pages stay independent of size."""

    dataset: Dataset
    page: PageContext
    published: tuple[Incident, ...]
    related: dict[str, tuple[views.RelatedLink, ...]]
    cited_by: dict[str, tuple[Incident, ...]]
    publishers: list[views.Publisher]
    env: jinja2.Environment
    slots: SlotTable


def make_page_context(
    dataset: Dataset,
    settings: Settings,
    history: History,
    publishers: list[views.Publisher] | None = None,
) -> PageContext:
    """Everything an incident page needs except the other incidents.

    ``publishers`` are the dataset's sources grouped by publisher, when already known.
    """
    if publishers is None:
        publishers = views.group_sources(dataset)
    try:
        content = settings.content_dir.resolve().relative_to(settings.root.resolve()).as_posix()
    except ValueError:
        content = "content"
    sources_only = Dataset(incidents=(), sources=dataset.sources, vocabulary=dataset.vocabulary)
    return PageContext(
        dataset=sources_only,
        templates_dir=settings.templates_dir,
        site=read_site_info(settings),
        publisher_of=views.publisher_keys(publishers),
        history=history,
        records_path=f"{content}/incidents",
    )


def make_corpus(dataset: Dataset, settings: Settings, history: History) -> Corpus:
    """Precompute the cross-record views (back-links, related, publishers) once."""
    env = make_env(settings.templates_dir, filters.country_names(dataset.vocabulary))
    publishers = views.group_sources(dataset)
    page = make_page_context(dataset, settings, history, publishers)
    related = views.related_links(dataset)
    cited_by = views.cited_by(dataset)
    template = env.get_template("partials/related.md.j2")
    slots = SlotTable(
        related={key: template.render(related=links) for key, links in related.items() if links},
        counts={key: len(incidents) for key, incidents in cited_by.items()},
        cites={incident.id: list(incident.source_ids) for incident in dataset.incidents},
        publisher_of=page.publisher_of,
    )
    return Corpus(
        dataset=dataset,
        page=page,
        published=views.chronological(dataset.published),
        related=related,
        cited_by=cited_by,
        publishers=publishers,
        env=env,
        slots=slots,
    )


_worker_envs: dict[tuple[Path, frozenset[tuple[str, str]]], jinja2.Environment] = {}
"""Environments by templates folder and country names: a long-lived process (the live
preview) may see the vocabulary change."""


def render_record(context: PageContext, incident: Incident) -> str:
    """One incident page with its slots, in a process that may not have an environment yet."""
    countries = filters.country_names(context.dataset.vocabulary)
    key = (context.templates_dir, frozenset(countries.items()))
    env = _worker_envs.get(key)
    if env is None:
        env = _worker_envs[key] = make_env(context.templates_dir, countries)
    return render_incident(env, context, incident)


def render_incident(env: jinja2.Environment, context: PageContext, incident: Incident) -> str:
    """One incident page, with slots for what other records add; an error names the record."""
    dataset = context.dataset
    updated = context.history.get(f"{context.records_path}/{incident.id}.yaml")
    figures = views.sorted_figures(incident, tuple(t.id for t in dataset.vocabulary.figures))
    values: dict[str, Any] = {
        "incident": incident,
        "vocabulary": dataset.vocabulary,
        "numbers": views.citation_numbers(incident),
        "figures": figures,
        "figure_labels": {f.key: filters.figure_label(f, dataset) for f in figures},
        "infobox": views.infobox_figures(incident, figures, dataset),
        "figure_anchors": {f.key: filters.figure_anchor(f) for f in figures},
        "disputes": views.disputes(incident, dataset),
        "sources": [dataset.sources[s] for s in incident.source_ids],
        "slot": lambda kind, key: f"\x00{kind}:{key}\x00",
        "updated": updated.updated.date() if updated and updated.updated else None,
        "edit_url": context.site.edit_url(f"incidents/{incident.id}.yaml"),
        "site": context.site,
        "page_url": context.site.page_url(f"incidents/{incident.id}/"),
    }
    try:
        return env.get_template("incident.md.j2").render(values)
    except jinja2.TemplateError as error:
        raise RuntimeError(f"error rendering incident '{incident.id}': {error}") from error
