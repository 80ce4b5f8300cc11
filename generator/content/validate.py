"""Stage 2: turn raw records into models, reporting every problem with its location.

Structural rules (types, required and unknown keys, enums) come from the models in ``model`` and
are worded by ``messages``; semantic rules are the small ``check_*`` functions in ``rules``,
``party_rules`` and ``raw_rules`` (these on the data as loaded, so that a schema error does not
hide them), each stating its rule in its docstring. The vocabulary and sources are checked first
(``shared``); incident files are checked one by one here, or by the checker a caller passes (the
build's ``build.workers``: worker processes and a cache); cross-record rules then run on small
summaries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from generator.content import party_rules, raw_rules, rules, source_checks
from generator.content.cross_rules import check_likely_duplicates
from generator.content.load import (
    RawRecord,
    display_path,
    find_files,
    load_file,
    locate,
    misnamed_files,
)
from generator.content.messages import to_model, to_problem
from generator.content.page_paths import check_shared_pages, named
from generator.content.partial import parts, without_knock_ons
from generator.content.shared import Shared, SourceFiles, check_shared
from generator.core.errors import SHOWN_PER_FILE, Finding, Problem, did_you_mean, is_failure
from generator.core.progress import progress
from generator.core.settings import Settings
from generator.model import (
    Dataset,
    Incident,
    Summary,
    Vocabulary,
    citations,
    cited_ids,
    summarize,
)


def validate_incident(
    raw: RawRecord, vocabulary: Vocabulary, today: Any
) -> tuple[Incident | None, list[Problem]]:
    """An incident file as an ``Incident``, or its problems."""
    problems = list(raw.problems)
    id_findings = list(rules.check_file_id(raw.stem, source=False))
    problems += [to_problem(raw, f) for f in id_findings]
    if id_findings:
        return None, problems
    incident, schema_problems = to_model(raw, Incident, id=raw.stem)
    problems += schema_problems
    findings: Iterable[Finding] = raw_rules.check_raw(raw.data, vocabulary)
    if incident is not None:
        findings = chain(
            findings,
            rules.check_incident(incident, vocabulary, today),
            party_rules.check_parties_and_splits(incident, vocabulary),
        )
    elif schema_problems:
        findings = chain(findings, parts(raw.data, vocabulary))
    problems += [to_problem(raw, f) for f in without_knock_ons(raw, findings)]
    return incident, problems


@dataclass(frozen=True)
class Context:
    """What checking one incident file needs to know about the rest of the content."""

    root: Path
    vocabulary: Vocabulary
    today: dt.date
    source_ids: frozenset[str]
    """Every source file's id, valid or not: citing a broken source is not a second problem."""
    incident_ids: frozenset[str]
    make: Callable[[Incident], Any] | None = None
    """Work done on each valid record in the process that checked it (its page, say)."""
    keep: Callable[[Incident], Incident] | None = None
    """What the build's process keeps of a record once ``make`` has made something of it."""
    published: dict[str, dt.date] = field(default_factory=dict)
    """Each dated source's day of publication, by id."""
    valid_sources: frozenset[str] = frozenset()
    """The ids of the valid sources: a record is made only when it cites none other."""


@dataclass(frozen=True)
class Checked:
    """The outcome of checking one incident file."""

    incident: Incident | None
    problems: list[Problem]
    cited: frozenset[str]
    parsed: bool
    """The file held a mapping, so its citations are known."""
    summary: Summary | None
    made: Any = None
    """What ``Context.make`` made of the record."""


def check_incident_file(path: Path, context: Context) -> Checked:
    """Load and validate one incident file, and check what it cites and relates to."""
    raw = load_file(path, context.root)
    incident, problems = validate_incident(raw, context.vocabulary, context.today)
    if incident is not None:
        early = source_checks.check_reported_before_it_happened(
            incident, context.published, context.today
        )
        problems += [to_problem(raw, finding) for finding in early]
    cited = frozenset(cited_ids(raw.data))
    references = _check_references(raw, cited, context.source_ids, context.incident_ids)
    problems += [to_problem(raw, finding) for finding in references]
    made = None
    # A source whose file is broken is not a second problem here, but it cannot be shown:
    # the record is made only when every source it cites is valid (the build stops anyway).
    valid = cited <= context.valid_sources
    if (
        incident is not None
        and context.make is not None
        and valid
        and not is_failure(problems, False)
    ):
        made = context.make(incident)
        incident = context.keep(incident) if context.keep else incident
    summary = None
    if incident is not None:  # of the record as kept: its digest is of what the build keeps
        start = locate(raw.node, ("when", "start"))
        summary = summarize(incident, raw.path, start, named(incident))
    return Checked(incident, problems, cited, isinstance(raw.data, dict), summary, made)


FileChecker = Callable[[list[Path], Context], Iterable[Checked]]
"""Checks incident files in order: ``check_in_order``, or the build's workers and cache."""


def check_in_order(paths: list[Path], context: Context) -> Iterator[Checked]:
    """Check every incident file in this process, in order."""
    for path in paths:
        yield check_incident_file(path, context)


def check_content(
    settings: Settings, check_files: FileChecker = check_in_order
) -> tuple[Dataset, list[Problem]]:
    """Read and validate vocabulary, sources and incidents; return the dataset and problems."""
    dataset, problems, _ = check_and_make(settings, check_files=check_files)
    return dataset, problems


def check_and_make(
    settings: Settings,
    make: Callable[[Dataset], Callable[[Incident], Any]] | None = None,
    keep: Callable[[Incident], Incident] | None = None,
    check_files: FileChecker = check_in_order,
    source_files_of: Callable[[Settings], SourceFiles] | None = None,
) -> tuple[Dataset, list[Problem], list[Summary]]:
    """``check_content``, also making something of each valid incident as it is checked.

    ``make`` receives the dataset of sources and vocabulary (no incidents yet) and returns
    the function to apply to each incident; what it makes goes with what checking the record
    gave (``Checked.made``), and the dataset holds what ``keep`` keeps of those records. Also
    returns the summary of each valid record, in file order. ``check_files`` checks the incident
    files (the build's checks them in worker processes and keeps a cache), ``source_files_of``
    the source files (``check_source_files``, or the build's cache).
    """
    shared = check_shared(settings, source_files_of)
    problems = list(shared.problems)
    vocabulary, sources, source_files = shared.vocabulary, shared.sources, shared.source_files
    paths = find_files(settings.content_dir / "incidents")
    unread = {folder: misnamed_files(settings.content_dir / folder) for folder in FOLDERS}
    problems += [_unread(path, settings.root) for paths_of in unread.values() for path in paths_of]
    context = incident_context(settings, shared, paths, make, keep)
    cited: set[str] = set()
    # A record left unread cites sources too: none is called uncited then.
    all_parsed = not unread["incidents"]
    incidents: list[Incident] = []
    summaries: list[Summary] = []
    citing: dict[str, list[str]] = defaultdict(list)
    checked_files = check_files(paths, context)
    for checked in progress(checked_files, len(paths), settings.quiet, "checking"):
        problems += checked.problems
        cited |= checked.cited
        all_parsed = all_parsed and checked.parsed
        if checked.summary is not None:
            summaries.append(checked.summary)
            if checked.incident is not None:  # else a build's store holds it (``LazyRecords``)
                incidents.append(checked.incident)
            for source_id in checked.cited:
                citing[source_id].append(checked.summary.path)

    problems += check_likely_duplicates(summaries)
    problems += source_checks.check_source_dates(
        sources, source_files, citing, settings.root, settings.today
    )
    problems += check_shared_pages(summaries, settings.root)
    if all_parsed:  # an unreadable record's citations are unknown: no "uncited" guesses
        problems += [
            Problem(
                display_path(source_files[sid], settings.root),
                1,
                1,
                "",
                "is not cited by any incident",
                "warning",
            )
            for sid in sorted(set(sources) - cited)
        ]
    dataset = Dataset(incidents=tuple(incidents), sources=sources, vocabulary=vocabulary)
    return dataset, sorted(problems), summaries


def incident_context(
    settings: Settings,
    shared: Shared,
    paths: list[Path],
    make: Callable[[Dataset], Callable[[Incident], Any]] | None = None,
    keep: Callable[[Incident], Incident] | None = None,
) -> Context:
    """The context for checking the incident files at ``paths`` (see ``check_and_make``)."""
    dataset = Dataset(incidents=(), sources=shared.sources, vocabulary=shared.vocabulary)
    return Context(
        settings.root,
        shared.vocabulary,
        settings.today,
        frozenset(shared.source_files),
        frozenset(path.stem for path in paths),
        make and make(dataset),
        keep,
        {
            sid: source_checks.day(source.published)
            for sid, source in shared.sources.items()
            if source.published is not None
        },
        frozenset(shared.sources),
    )


def _check_references(
    raw: RawRecord, cited: frozenset[str], sources: frozenset[str], ids: frozenset[str]
) -> Iterator[Finding]:
    """Every cited source and every related incident exists."""
    # Field paths are worked out only for a record that cites an unknown source.
    unknown = 0
    for loc, source_id in citations(raw.data) if not cited <= sources else ():
        if source_id not in sources:
            # Past the problems a file shows, no suggestion: each compares with every name.
            unknown += 1
            hint = did_you_mean(source_id, sources) if unknown <= SHOWN_PER_FILE else ""
            missing = f"no content/sources/{source_id}.yaml{hint}"
            yield Finding(loc, f"cites a source that does not exist: {missing}")
    related = raw.data.get("related") if isinstance(raw.data, dict) else None
    for index, item in enumerate(related if isinstance(related, list) else []):
        target = item.get("id") if isinstance(item, dict) else None
        if isinstance(target, str) and target not in ids and target != raw.stem:
            unknown += 1
            hint = did_you_mean(target, ids) if unknown <= SHOWN_PER_FILE else ""
            yield Finding(
                ("related", index, "id"),
                f"names an incident that does not exist (got '{target}'){hint}",
            )


FOLDERS = ("incidents", "sources")
"""The content folders of records and sources, each file a ``.yaml`` one."""


def _unread(path: Path, root: Path) -> Problem:
    """Records and sources are ``.yaml`` files: any other YAML name would go unread."""
    message = (
        "is not read: record and source files end in .yaml; rename it to "
        f"'{Path(path.stem).name}.yaml'"
    )
    return Problem(display_path(path, root), 0, 0, "", message)
