"""Stage 3: render model objects to Markdown strings with Jinja2 (no file writes).

Templates come from the one environment (``text.jinja.template_env``). Record text reaches
Markdown only through ``text.markdown.md_escape``, so it is always literal text; grouping and
sorting live in ``views``. This module renders one incident page (with slots for what other
records add) and computes what every page shares (``Corpus``); ``index_pages`` renders the
pages that list records.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2

from generator.core.history import History
from generator.core.settings import Settings
from generator.core.site_info import SiteInfo, read_site_info
from generator.model import Dataset, Incident, Summary, summarize
from generator.site import incident_view, source_views, views
from generator.text import figures as figure_words
from generator.text import filters
from generator.text.jinja import template_env, templates_stamp

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
    templates_stamp: str
    """``text.jinja.templates_stamp`` of the templates, taken once for every page."""


@dataclass(frozen=True)
class SlotTable:
    """What fills the slots of incident pages: related incidents, and who cites each source.

    A build keeps it (``build.store``), so that the live preview can show an edited
    record's page before the cross-record pages are made again.
    """

    related: dict[str, str]
    """Incident id -> its filled related-incidents section (only records that have one)."""
    counts: dict[str, int]
    """Source id -> how many records cite it."""
    cites: dict[str, list[str]]
    """Incident id -> the sources it cites, to correct the counts when one record changes."""
    publisher_of: dict[str, str]
    related_keys: dict[str, str] = field(default_factory=dict)
    """Incident id -> a digest of what its related-incidents section shows (``related_key``),
    so that the next build renders only the sections that changed."""

    def fill(self, page: str) -> str:
        """The page with its slots filled."""

        def fill(match: re.Match[str]) -> str:
            kind, key, newline = match.groups()
            if kind == "related":
                return self.related.get(key, "")
            count = self.counts.get(key, 0)
            noun = "record" if count == 1 else "records"
            # Inside the page's HTML source list, so the link is the built page's address.
            target = f"../../sources/{self.publisher_of[key]}/#src-{key}"
            return f'<a href="{target}">Cited by {count} {noun}</a>{newline}'

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


def stored_slots(value: object) -> SlotTable | None:
    """A slot table a build stored, when it is one this code makes; else None.

    A table pickled by older code unpickles without the fields added since (unpickling
    applies no dataclass defaults), so it is not used: the build makes every section anew.
    """
    if not isinstance(value, SlotTable):
        return None
    return value if all(hasattr(value, f.name) for f in fields(SlotTable)) else None


@dataclass(frozen=True)
class Corpus:
    """What every page may need, computed once per build so pages stay independent of size.

    The pages that list records read the records' summaries (``published``, ``cited_by``),
    worked out when first read; they never read the records themselves.
    """

    dataset: Dataset
    summaries: tuple[Summary, ...]
    """Every valid record's summary, in id order."""
    page: PageContext
    publishers: list[source_views.Publisher]
    env: jinja2.Environment
    slots: SlotTable

    @cached_property
    def published(self) -> tuple[Summary, ...]:
        """The published records' summaries in time order."""
        return views.chronological(s for s in self.summaries if s.status == "published")

    @cached_property
    def cited_by(self) -> dict[str, tuple[Summary, ...]]:
        """Source id -> the summaries of the records that cite it, in time order."""
        return source_views.cited_by(self.summaries)


def make_page_context(
    dataset: Dataset,
    settings: Settings,
    history: History,
    publishers: list[source_views.Publisher] | None = None,
) -> PageContext:
    """Everything an incident page needs except the other incidents.

    ``publishers`` are the dataset's sources grouped by publisher, when already known.
    """
    if publishers is None:
        publishers = source_views.group_sources(dataset)
    try:
        content = settings.content_dir.resolve().relative_to(settings.root.resolve()).as_posix()
    except ValueError:
        content = "content"
    sources_only = Dataset(incidents=(), sources=dataset.sources, vocabulary=dataset.vocabulary)
    return PageContext(
        dataset=sources_only,
        templates_dir=settings.templates_dir,
        site=read_site_info(settings),
        publisher_of=source_views.publisher_keys(publishers),
        history=history,
        records_path=f"{content}/incidents",
        templates_stamp=templates_stamp(settings.templates_dir),
    )


def make_corpus(
    dataset: Dataset,
    settings: Settings,
    history: History,
    last: SlotTable | None = None,
    context: str = "",
    summaries: Iterable[Summary] | None = None,
) -> Corpus:
    """Precompute the cross-record views (back-links, related, publishers) once.

    The slots of incident pages (related incidents, citation counts) are worked out from the
    records' ``summaries`` (``model.Summary``; made from the dataset's records when not
    given). A related-incidents section whose ``related_key`` (made with ``context``, a
    digest of the code, templates and vocabulary that render it) is as in the ``last``
    build's slot table is taken from it instead of rendered again.
    """
    publishers = source_views.group_sources(dataset)
    page = make_page_context(dataset, settings, history, publishers)
    countries = filters.country_names(dataset.vocabulary)
    env = template_env(settings.templates_dir, countries, page.templates_stamp)
    if summaries is None:
        summaries = [summarize(incident) for incident in dataset.incidents]
    summaries = tuple(summaries)
    cites = {summary.id: list(summary.source_ids) for summary in summaries}
    related = views.related_links(summaries)
    template = env.get_template("partials/related.md.j2")
    shown: dict[str, bytes] = {}
    keys = {key: related_key(context, links, shown) for key, links in related.items() if links}
    last_keys = last.related_keys if last is not None and context else {}
    sections = {
        key: last.related[key]
        if last is not None and last_keys.get(key) == digest and key in last.related
        else template.render(related=related[key])
        for key, digest in keys.items()
    }
    slots = SlotTable(
        related=sections,
        counts=dict(Counter(source for sources in cites.values() for source in sources)),
        cites=cites,
        publisher_of=page.publisher_of,
        related_keys=keys if context else {},
    )
    return Corpus(dataset, summaries, page, publishers, env, slots)


def related_key(
    context: str, links: tuple[views.RelatedLink, ...], shown: dict[str, bytes] | None = None
) -> str:
    """A digest of what a related-incidents section shows, made with ``context``.

    It reads each link's relation, note and side, and the other record's id, title and dates;
    ``context`` stands for the rest (code, templates, vocabulary): with another, every key
    differs. ``shown`` keeps what was read of each other record, for the next section.
    """
    shown = {} if shown is None else shown
    digest = hashlib.blake2b(context.encode(), digest_size=16)
    for link in links:
        other = link.incident
        seen = shown.get(other.id)
        if seen is None:
            when = other.when  # the page shows when it began (and ended)
            dates = (when.start, when.end, when.precision)
            seen = shown[other.id] = f"{other.id!r}\0{other.title!r}\0{dates!r}".encode()
        digest.update(f"\0{link.relation!r}\0{link.note!r}\0{link.stated_here}\0".encode())
        digest.update(seen)
    return digest.hexdigest()


def render_record(context: PageContext, incident: Incident) -> str:
    """One incident page with its slots, in a process that may not have an environment yet."""
    countries = filters.country_names(context.dataset.vocabulary)
    env = template_env(context.templates_dir, countries, context.templates_stamp)
    return render_incident(env, context, incident)


def render_incident(env: jinja2.Environment, context: PageContext, incident: Incident) -> str:
    """One incident page, with slots for what other records add; an error names the record."""
    dataset = context.dataset
    countries = filters.country_names(dataset.vocabulary)
    updated = context.history.get(f"{context.records_path}/{incident.id}.yaml")
    figures = incident_view.sorted_figures(
        incident, tuple(t.id for t in dataset.vocabulary.figures)
    )
    values: dict[str, Any] = {
        "incident": incident,
        "vocabulary": dataset.vocabulary,
        "numbers": incident_view.citation_numbers(incident),
        "figures": figures,
        "figure_labels": {
            f.identity: figure_words.figure_title(f, incident, dataset.vocabulary, countries)
            for f in figures
        },
        "infobox": incident_view.infobox_figures(incident, figures, dataset),
        "figure_anchors": {f.identity: figure_words.figure_anchor(f) for f in figures},
        "claim_anchor": figure_words.claim_anchor,
        "breakdown_notes": incident_view.breakdown_notes(incident, figures, dataset),
        "split_anchor": incident_view.split_anchor,
        "disputes": incident_view.disputes(incident, figures, dataset.vocabulary, countries),
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
