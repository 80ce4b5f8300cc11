"""Stage 3 across records: the pages that list records, and every incident page filled.

Indexes by year, type, place and actor, the sources, the timeline, the map and the home page
are rendered from the ``render.Corpus``; incident pages come rendered with slots (by the
workers that checked them) and are filled as they are written (no file writes here).
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Collection, Iterable, Iterator, Mapping, MutableMapping, Sequence
from typing import cast

import jinja2

from generator.core.history import History
from generator.core.outputs import Content, packed
from generator.core.settings import Settings
from generator.core.site_info import read_site_info
from generator.model import Dataset, Summary
from generator.site import views
from generator.site.assets import site_assets
from generator.site.map_outline import outline_file
from generator.site.map_points import map_markers
from generator.site.map_tiles import ENTRIES, LISTED, SHARED, map_files
from generator.site.render import Corpus, SlotTable, make_corpus, render_incident
from generator.text import filters
from generator.text.jinja import template_env


def render_pages(
    dataset: Dataset,
    settings: Settings,
    history: History,
    rendered: Mapping[str, str] | None = None,
    corpus: Corpus | None = None,
    listings: Mapping[str, Content] | None = None,
    kept: Collection[str] = (),
) -> ChainMap[str, Content]:
    """Every generated page and site asset except the home page, keyed by path in build/docs/.

    ``rendered`` holds incident pages already rendered with slots (by id), for example by the
    workers that checked the records; the others are rendered here. ``corpus`` is the
    dataset's ``make_corpus``, when already made; ``listings`` its ``render_listings``, when
    already made (or kept). Incident pages are filled as they are read (``IncidentPages``);
    the rest are made at once. The incident pages at the paths in ``kept`` are left out: the
    build keeps them as written.
    """
    corpus = corpus or make_corpus(dataset, settings, history)
    env = corpus.env
    files: dict[str, Content] = {}
    files.update(render_listings(corpus) if listings is None else listings)
    files.update(outline_file(settings))
    files.update(site_assets(settings))
    ready = rendered or {}
    ids = [s.id for s in corpus.summaries if f"incidents/{s.id}.md" not in kept]
    # Only records that came without a page are read here: a build's all came with one.
    unmade = {key for key in ids if key not in ready}
    missing = (
        {i.id: render_incident(env, corpus.page, i) for i in dataset.incidents if i.id in unmade}
        if unmade
        else {}
    )
    incident_pages = IncidentPages(corpus.slots, ready, missing, ids)
    # A ChainMap writes only to its first map, so the read-only pages can be its second.
    return ChainMap(files, cast("MutableMapping[str, Content]", incident_pages))


def render_listings(corpus: Corpus) -> dict[str, Content]:
    """The pages and files that list records: indexes, sources, the timeline and the map.

    Each is kept compressed (``outputs.Packed``) as soon as it is rendered: together they
    grow with the corpus, and are all made before the first is written.
    """
    env = corpus.env
    files: dict[str, Content] = {}
    files.update(render_indexes(env, corpus))
    files.update(render_sources(env, corpus))
    files["timeline.md"] = packed(
        env.get_template("timeline.md.j2").render(
            years=views.group_by_year(corpus.published), others=_unlisted(corpus.summaries)
        )
    )
    files.update(render_map(env, corpus))
    return files


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


def render_indexes(env: jinja2.Environment, corpus: Corpus) -> dict[str, Content]:
    """Index pages by year, type, place and actor: a list page and one page per group."""
    published = corpus.published
    files: dict[str, Content] = {}
    groups = {
        "years": views.group_by_year(published),
        "types": views.group_by_type(published, corpus.dataset),
    }
    for folder, found in groups.items():
        files[f"{folder}/index.md"] = packed(
            env.get_template(f"{folder}.md.j2").render(groups=found)
        )
        for group in found:
            title = f"Incidents in {group.label}" if folder == "years" else group.label
            files[f"{folder}/{group.key}.md"] = _render_group(
                env, group, title, ("index.md", f"all {folder}"), "../../"
            )
    places = views.group_by_place(published, filters.country_names(corpus.dataset.vocabulary))
    files["places/index.md"] = packed(env.get_template("places.md.j2").render(regions=places))
    for region in places:
        page = env.get_template("region.md.j2").render(region=region)
        files[f"places/{region.key}.md"] = packed(page)
    actors = views.group_by_actor(published)
    files["actors/index.md"] = packed(
        env.get_template("actors.md.j2").render(actors=actors, kinds=views.ACTOR_KINDS)
    )
    for kind, found in actors.items():
        back = (f"../index.md#{kind}", f"all {views.ACTOR_KINDS[kind].lower()}")
        for group in found:
            files[f"actors/{kind}/{group.key}.md"] = _render_group(
                env, group, group.label, back, "../../../"
            )
    return files


def _render_group(
    env: jinja2.Environment, group: views.Group, title: str, back: tuple[str, str], root: str
) -> Content:
    """One group's page: a heading, a link back to its index and the incident table.

    ``root`` leads from the built page (a folder: years/2008/) to the site's root.
    """
    return packed(
        env.get_template("group.md.j2").render(
            group=group, title=title, back=back[0], back_label=back[1], root=root
        )
    )


def render_sources(env: jinja2.Environment, corpus: Corpus) -> dict[str, Content]:
    """The sources index (publishers) and one page per publisher with back-links."""
    citing = {
        publisher.key: len(
            {i.id for source in publisher.sources for i in corpus.cited_by.get(source.id, ())}
        )
        for publisher in corpus.publishers
    }
    files: dict[str, Content] = {
        "sources/index.md": packed(
            env.get_template("sources.md.j2").render(publishers=corpus.publishers, citing=citing)
        )
    }
    template = env.get_template("publisher.md.j2")
    for publisher in corpus.publishers:
        page = template.render(publisher=publisher, cited_by=corpus.cited_by)
        files[f"sources/{publisher.key}.md"] = packed(page)
    return files


def render_map(env: jinja2.Environment, corpus: Corpus) -> dict[str, Content]:
    """The map page (with the list of incidents it shows) and its data files (``map_tiles``)."""
    countries = filters.country_names(corpus.dataset.vocabulary)
    markers = map_markers(corpus.published, countries)
    ids = {entry["id"] for marker in markers for entry in marker["incidents"]}
    mapped = [i for i in corpus.published if i.id in ids]
    unmapped = [i for i in corpus.published if i.id not in ids]
    shared = [marker for marker in markers if marker["count"] > 1]
    # A table of every incident would make the page grow with the corpus: the place pages
    # list them all.
    page = env.get_template("map.md.j2").render(
        mapped=mapped if len(mapped) <= LISTED else [],
        mapped_count=len(mapped),
        unmapped=unmapped if len(unmapped) <= LISTED else [],
        unmapped_count=len(unmapped),
        shared=shared[:SHARED],
        shared_count=len(shared),
        entries=ENTRIES,
    )
    tiles = {path: packed(text) for path, text in map_files(markers).items()}
    return {"map/index.md": packed(page), **tiles}


def render_home(
    dataset: Dataset, settings: Settings, paths: Iterable[str], summaries: Sequence[Summary]
) -> dict[str, str | bytes]:
    """The home page; it links the report and data files only when they are generated.

    It reads the records' ``summaries``, not the records.
    """
    env = template_env(settings.templates_dir, filters.country_names(dataset.vocabulary))
    published = views.chronological(s for s in summaries if s.status == "published")
    years = views.count_by_year(published)
    present = sorted(paths)
    report = [p for p in present if p in ("report.md", "report/index.md")]
    data = [p for p in present if p.startswith("data/") and not p.endswith(".md")]
    data_page = "data/index.md" if "data/index.md" in present else None
    # The sources the published records cite: those a draft alone cites are not counted yet.
    cited_ids = sorted({i for s in published for i in s.source_ids})
    cited = [dataset.sources[i] for i in cited_ids if i in dataset.sources]
    page = env.get_template("home.md.j2").render(
        site=read_site_info(settings),
        published=published,
        latest=list(reversed(published))[:10],
        years=years,
        sources=len(cited),
        publishers=len({filters.slugify(source.publisher) for source in cited}),
        killed=filters.format_number(filters.sum_totals(published)),
        killed_from=sum(1 for i in published if i.total("killed") is not None),
        gap=_describe_gap(years),
        unlisted=len(summaries) - len(published),
        report=report[0] if report else None,
        data_page=data_page,
        data_files=data if data_page is None else [],
    )
    return {"index.md": page}


def _describe_gap(years: list[views.YearCount]) -> str:
    """'8 of the 13 years have none': how many years of the covered span have no incident."""
    empty = sum(1 for year in years if not year.count)
    if not empty:
        return ""
    verb = "has" if empty == 1 else "have"
    return f"{empty} of the {len(years)} years from {years[0].year} to {years[-1].year} {verb} none"


def _unlisted(summaries: Iterable[Summary]) -> list[Summary]:
    """Draft and withdrawn records: they have pages but are left out of counts."""
    return list(views.chronological(s for s in summaries if s.status != "published"))
