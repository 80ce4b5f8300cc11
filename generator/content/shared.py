"""The files every incident is checked against: the vocabulary and every source, checked.

``check_shared`` reads and validates ``vocabulary.yaml`` and each source file (with the rules
across sources: one URL per source, one spelling per publisher), and refuses site pages that
are links leading outside the repository. ``validate`` then checks the incident files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.content import rules, source_checks
from generator.content.cross_rules import check_duplicate_url, check_publisher_spelling
from generator.content.load import RawRecord, display_path, find_files, load_file
from generator.content.messages import to_model, to_problem
from generator.content.page_paths import PageNames, check_vocabulary_pages
from generator.core.errors import Problem
from generator.core.precheck import links_outside
from generator.core.settings import Settings
from generator.model import Source, Vocabulary


@dataclass(frozen=True)
class Shared:
    """What every incident file is checked against: vocabulary and sources, with problems."""

    vocabulary: Vocabulary
    sources: dict[str, Source]
    source_files: dict[str, Path]
    problems: list[Problem]


SourceFiles = tuple[dict[str, Source], dict[str, Path], list[Problem]]
"""Every valid source by id, every source file by id, and their problems."""


def check_shared(
    settings: Settings, source_files_of: Callable[[Settings], SourceFiles] | None = None
) -> Shared:
    """Read and validate the vocabulary and every source file.

    ``source_files_of`` checks the source files (``check_source_files``, or the build's cache).
    """
    content = settings.content_dir
    vocabulary, problems = load_vocabulary(content / "vocabulary.yaml", settings.root)
    problems += linked_pages(settings)
    sources, source_files, found = (source_files_of or check_source_files)(settings)
    return Shared(vocabulary, sources, source_files, problems + found)


def check_source_files(settings: Settings) -> SourceFiles:
    """Read and validate every source file, and the rules across them (URLs, publishers)."""
    content = settings.content_dir
    problems: list[Problem] = []
    sources: dict[str, Source] = {}
    urls: dict[str, str] = {}
    publishers: dict[frozenset[str], str] = {}
    source_files = {path.stem: path for path in find_files(content / "sources")}
    publisher_pages = PageNames("sources", "publisher")
    for path in source_files.values():
        raw = load_file(path, settings.root)
        source, found = validate_source(raw)
        problems += found
        if source is None:
            continue
        sources[source.id] = source
        problems += [to_problem(raw, f) for f in check_duplicate_url(source, urls)]
        problems += [to_problem(raw, f) for f in check_publisher_spelling(source, publishers)]
        pages = publisher_pages.check(("publisher",), source.publisher, raw.path)
        problems += [to_problem(raw, f) for f in pages]
    return sources, source_files, problems


def validate_source(raw: RawRecord) -> tuple[Source | None, list[Problem]]:
    """A source file as a ``Source``, or its problems."""
    problems = list(raw.problems)
    problems += [to_problem(raw, f) for f in rules.check_file_id(raw.stem, source=True)]
    source, schema_problems = to_model(raw, Source, id=raw.stem)
    problems += schema_problems
    if source is not None:
        problems += [to_problem(raw, f) for f in rules.check_source(source)]
        problems += [to_problem(raw, f) for f in source_checks.check_headline(source)]
        problems += [to_problem(raw, f) for f in source_checks.check_language(source)]
    return source, problems


def linked_pages(settings: Settings) -> list[Problem]:
    """Site pages that are links leading outside the repository: refused, never published."""
    message = "is a link to a file outside the repository; copy the file in instead"
    return [
        Problem(display_path(path, settings.root), 0, 0, "", message)
        for path in links_outside(settings.content_dir / "pages", settings.root)
    ]


def load_vocabulary(path: Path, root: Path) -> tuple[Vocabulary, list[Problem]]:
    """The controlled vocabularies; an empty one (and a problem) when the file is broken."""
    raw = load_file(path, root)
    vocabulary, problems = to_model(raw, Vocabulary)
    if vocabulary is not None:
        problems += [to_problem(raw, f) for f in check_vocabulary_pages(vocabulary)]
    empty = Vocabulary(incident_types=(), tactics=(), figures=(), regions=())
    return vocabulary or empty, raw.problems + problems
