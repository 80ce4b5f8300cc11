"""Stage 3: render model objects to Markdown strings with Jinja2 (no file writes).

Filters are registered here and only here (``make_env``). Record text reaches Markdown only
through ``md_escape``, so it is always literal text; grouping and sorting live in ``pages``.
"""

from __future__ import annotations

import html
import json
import re
from collections import ChainMap
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

import jinja2

from . import pages, words
from .assets import SiteInfo, read_site_info, site_assets
from .history import History
from .model import Dataset, Incident
from .settings import Settings

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
    templates_dir: Path, countries: Mapping[str, str] = words.NO_NAMES
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
        moment=words.format_moment,
        as_of=words.format_as_of,
        when=words.format_when,
        number=words.format_number,
        place=partial(words.describe_place, countries=countries),
        short_place=partial(words.short_place, countries=countries),
        places_summary=partial(words.places_summary, countries=countries),
        paragraphs=words.paragraphs,
        figure_value=words.figure_value,
        claimed_values=words.claimed_values,
        total=words.total_text,
        source_gaps=words.source_gaps,
        source_heading=words.source_heading,
        by_as_of=words.by_as_of,
        rule=words.RULE_LABELS.get,
        attribution=words.ATTRIBUTION_LABELS.get,
        words=lambda value: str(value).replace("-", " "),
    )
    return env


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
    related: dict[str, tuple[pages.RelatedLink, ...]]
    cited_by: dict[str, tuple[Incident, ...]]
    publishers: list[pages.Publisher]
    env: jinja2.Environment
    slots: SlotTable


def make_page_context(
    dataset: Dataset,
    settings: Settings,
    history: History,
    publishers: list[pages.Publisher] | None = None,
) -> PageContext:
    """Everything an incident page needs except the other incidents.

    ``publishers`` are the dataset's sources grouped by publisher, when already known.
    """
    if publishers is None:
        publishers = pages.group_sources(dataset)
    try:
        content = settings.content_dir.resolve().relative_to(settings.root.resolve()).as_posix()
    except ValueError:
        content = "content"
    sources_only = Dataset(incidents=(), sources=dataset.sources, vocabulary=dataset.vocabulary)
    return PageContext(
        dataset=sources_only,
        templates_dir=settings.templates_dir,
        site=read_site_info(settings),
        publisher_of=pages.publisher_keys(publishers),
        history=history,
        records_path=f"{content}/incidents",
    )


def make_corpus(dataset: Dataset, settings: Settings, history: History) -> Corpus:
    """Precompute the cross-record views (back-links, related, publishers) once."""
    env = make_env(settings.templates_dir, words.country_names(dataset.vocabulary))
    publishers = pages.group_sources(dataset)
    page = make_page_context(dataset, settings, history, publishers)
    related = pages.related_links(dataset)
    cited_by = pages.cited_by(dataset)
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
        published=pages.chronological(dataset.published),
        related=related,
        cited_by=cited_by,
        publishers=publishers,
        env=env,
        slots=slots,
    )


def render_pages(
    dataset: Dataset,
    settings: Settings,
    history: History,
    rendered: Mapping[str, str] | None = None,
    corpus: Corpus | None = None,
) -> ChainMap[str, str | bytes]:
    """Every generated page and site asset except the home page, keyed by path in build/docs/.

    ``rendered`` holds incident pages already rendered with slots (by id), for example by the
    workers that checked the records; the others are rendered here. ``corpus`` is the
    dataset's ``make_corpus``, when already made. Incident pages are filled as they are read
    (``IncidentPages``); the rest are made at once.
    """
    corpus = corpus or make_corpus(dataset, settings, history)
    env = corpus.env
    files: dict[str, str | bytes] = {}
    files.update(render_indexes(env, corpus))
    files.update(render_sources(env, corpus))
    files["timeline.md"] = env.get_template("timeline.md.j2").render(
        years=pages.group_by_year(corpus.published), others=_unlisted(dataset)
    )
    files.update(render_map(env, corpus))
    files.update(site_assets(settings))
    ready = rendered or {}
    missing = {
        i.id: render_incident(env, corpus.page, i) for i in dataset.incidents if i.id not in ready
    }
    ids = [incident.id for incident in dataset.incidents]
    incident_pages = IncidentPages(corpus.slots, ready, missing, ids)
    # A ChainMap writes only to its first map, so the read-only pages can be its second.
    return ChainMap(files, cast("MutableMapping[str, str | bytes]", incident_pages))


class IncidentPages(Mapping[str, str]):
    """Incident pages by path in build/docs/, each filled only when read.

    A build writes each page as it is filled, so that 100,000 of them are never held at once;
    the pages keep no record, so the dataset can go before they are written.
    """

    def __init__(
        self,
        slots: SlotTable,
        rendered: Mapping[str, str],
        others: dict[str, str],
        ids: list[str],
    ) -> None:
        self._slots = slots
        self._rendered = rendered
        self._others = others
        """Pages rendered here, of records that came without one."""
        self._ids = {f"incidents/{incident_id}.md": incident_id for incident_id in ids}

    def __getitem__(self, path: str) -> str:
        incident_id = self._ids[path]
        page = self._others.get(incident_id)
        return self._slots.fill(self._rendered[incident_id] if page is None else page)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


_worker_envs: dict[Path, jinja2.Environment] = {}


def render_record(context: PageContext, incident: Incident) -> str:
    """One incident page with its slots, in a process that may not have an environment yet."""
    env = _worker_envs.get(context.templates_dir)
    if env is None:
        countries = words.country_names(context.dataset.vocabulary)
        env = _worker_envs[context.templates_dir] = make_env(context.templates_dir, countries)
    return render_incident(env, context, incident)


def render_incident(env: jinja2.Environment, context: PageContext, incident: Incident) -> str:
    """One incident page, with slots for what other records add; an error names the record."""
    dataset = context.dataset
    updated = context.history.get(f"{context.records_path}/{incident.id}.yaml")
    figures = pages.sorted_figures(incident, tuple(t.id for t in dataset.vocabulary.figures))
    values: dict[str, Any] = {
        "incident": incident,
        "vocabulary": dataset.vocabulary,
        "numbers": pages.citation_numbers(incident),
        "figures": figures,
        "figure_labels": {f.key: words.figure_label(f, dataset) for f in figures},
        "infobox": pages.infobox_figures(incident, figures, dataset),
        "figure_anchors": {f.key: words.figure_anchor(f) for f in figures},
        "disputes": pages.disputes(incident, dataset),
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


def render_indexes(env: jinja2.Environment, corpus: Corpus) -> dict[str, str]:
    """Index pages by year, type, place and actor: a list page and one page per group."""
    published = corpus.published
    files: dict[str, str] = {}
    groups = {
        "years": pages.group_by_year(published),
        "types": pages.group_by_type(published, corpus.dataset),
    }
    for folder, found in groups.items():
        files[f"{folder}/index.md"] = env.get_template(f"{folder}.md.j2").render(groups=found)
        for group in found:
            title = f"Incidents in {group.label}" if folder == "years" else group.label
            files[f"{folder}/{group.key}.md"] = _render_group(
                env, group, title, ("index.md", f"all {folder}"), "../"
            )
    places = pages.group_by_place(published, words.country_names(corpus.dataset.vocabulary))
    files["places/index.md"] = env.get_template("places.md.j2").render(regions=places)
    for region in places:
        files[f"places/{region.key}.md"] = env.get_template("region.md.j2").render(region=region)
    actors = pages.group_by_actor(published)
    files["actors/index.md"] = env.get_template("actors.md.j2").render(
        actors=actors, kinds=pages.ACTOR_KINDS
    )
    for kind, found in actors.items():
        back = (f"../index.md#{kind}", f"all {pages.ACTOR_KINDS[kind].lower()}")
        for group in found:
            files[f"actors/{kind}/{group.key}.md"] = _render_group(
                env, group, group.label, back, "../../"
            )
    return files


def _render_group(
    env: jinja2.Environment, group: pages.Group, title: str, back: tuple[str, str], root: str
) -> str:
    """One group's page: a heading, a link back to its index and the incident table."""
    return env.get_template("group.md.j2").render(
        group=group, title=title, back=back[0], back_label=back[1], root=root
    )


def render_sources(env: jinja2.Environment, corpus: Corpus) -> dict[str, str]:
    """The sources index (publishers) and one page per publisher with back-links."""
    citing = {
        publisher.key: len(
            {i.id for source in publisher.sources for i in corpus.cited_by.get(source.id, ())}
        )
        for publisher in corpus.publishers
    }
    files = {
        "sources/index.md": env.get_template("sources.md.j2").render(
            publishers=corpus.publishers, citing=citing
        )
    }
    template = env.get_template("publisher.md.j2")
    for publisher in corpus.publishers:
        files[f"sources/{publisher.key}.md"] = template.render(
            publisher=publisher, cited_by=corpus.cited_by
        )
    return files


def render_map(env: jinja2.Environment, corpus: Corpus) -> dict[str, str]:
    """The map page (with the list of incidents it shows) and its points as JSON."""
    countries = words.country_names(corpus.dataset.vocabulary)
    points = [
        {
            "id": incident.id,
            "title": incident.title,
            "date": words.format_when(incident.when),
            "place": words.describe_place(place, countries),
            "lat": place.coordinates.lat,
            "lon": place.coordinates.lon,
            "precision": place.coordinates.precision,
            "url": f"../incidents/{incident.id}/",
        }
        for incident in corpus.published
        for place in incident.places
        if place.coordinates is not None
    ]
    mapped = {point["id"] for point in points}
    page = env.get_template("map.md.j2").render(
        mapped=[i for i in corpus.published if i.id in mapped],
        unmapped=[i for i in corpus.published if i.id not in mapped],
    )
    data = json.dumps(points, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return {"map/index.md": page, "map/points.json": data}


def render_home(
    dataset: Dataset, settings: Settings, paths: Iterable[str]
) -> dict[str, str | bytes]:
    """The home page; it links the report and data files only when they are generated."""
    env = make_env(settings.templates_dir, words.country_names(dataset.vocabulary))
    published = pages.chronological(dataset.published)
    years = pages.count_by_year(published)
    present = sorted(paths)
    report = [p for p in present if p in ("report.md", "report/index.md")]
    data = [p for p in present if p.startswith("data/") and not p.endswith(".md")]
    data_page = "data/index.md" if "data/index.md" in present else None
    page = env.get_template("home.md.j2").render(
        site=read_site_info(settings),
        published=published,
        latest=list(reversed(published))[:10],
        years=years,
        sources=len(dataset.sources),
        publishers=len({words.slugify(s.publisher) for s in dataset.sources.values()}),
        killed=words.format_number(words.sum_totals(published)),
        killed_from=sum(1 for i in published if i.total("killed") is not None),
        gap=_describe_gap(years),
        unlisted=len(dataset.incidents) - len(published),
        report=report[0] if report else None,
        data_page=data_page,
        data_files=data if data_page is None else [],
    )
    return {"index.md": page}


def _describe_gap(years: list[pages.YearCount]) -> str:
    """'8 of the 13 years have none': how many years of the covered span have no incident."""
    empty = sum(1 for year in years if not year.count)
    if not empty:
        return ""
    verb = "has" if empty == 1 else "have"
    return f"{empty} of the {len(years)} years from {years[0].year} to {years[-1].year} {verb} none"


def _unlisted(dataset: Dataset) -> list[Incident]:
    """Draft and withdrawn records: they have pages but are left out of counts."""
    return list(pages.chronological(i for i in dataset.incidents if i.status != "published"))
