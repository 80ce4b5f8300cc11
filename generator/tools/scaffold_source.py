"""Scaffolding a source: a valid file for one report, named by content/README.md's rule.

``python -m generator new source --url URL`` fills in what the address tells: the publisher,
its type and the language where the vocabulary's ``publishers:`` knows the domain (a
language code leading the path, such as ``/ru/``, also counts), and a date in the path for the
file name only. Everything else is left as commented lines to fill in from a copy of the report.
The file is validated before it is written, and an existing file is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import get_args
from urllib.parse import urlsplit

from generator.content.load import RawRecord, display_path, find_files, load_file, parse_bytes
from generator.content.shared import load_vocabulary, validate_source
from generator.core.errors import ContentError, Problem, did_you_mean, is_failure
from generator.core.settings import Settings
from generator.core.write import write_file
from generator.model import MAX_ID_LENGTH, PublisherType, parse_day
from generator.text.filters import slug_words

_STOP_WORDS = {"a", "an", "and", "at", "in", "near", "of", "on", "the", "to", "www", "html", "php"}
_PATH_LANGUAGES = {"eng": "en", "rus": "ru", "kaz": "kk", "ukr": "uk"}
_LANGUAGES = {"en", "ru", "kk", "uk", "de", "fr", "ar", "es", "it", "pt", "pl", "tr", "uz", "ky"}
"""Codes that a path may start with (``/ru/...``, ``/en_GB/...``) to name its language."""
_DATE_IN_PATH = r"(?<![0-9])((?:19|20)[0-9]{2})[/-]([0-9]{1,2})[/-]([0-9]{1,2})(?![0-9])"


@dataclass(frozen=True)
class SourceOptions:
    """What the curator gave on the command line; None where left to the guess."""

    url: str
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    kind: str | None = None
    language: str | None = None


def new_source(settings: Settings, options: SourceOptions) -> str:
    """Write a new source file for a report's address and return what was written."""
    vocabulary, problems = load_vocabulary(settings.content_dir / "vocabulary.yaml", settings.root)
    if problems:
        raise ContentError(problems)
    url = options.url.strip()
    host = urlsplit(url).hostname or ""
    if not re.match(r"^https?://", url) or not host:
        raise ContentError([_problem("--url", f"must be an http or https address (got '{url}')")])
    known = vocabulary.publisher_at(host)
    publisher = options.publisher or (known.name if known else None)
    kind = options.kind or (known.type if known else None)
    language = options.language or (known.language if known else None) or _path_language(url)
    day, year = _date(options.published, url)
    publisher, kind, language, year = _check_given(host, publisher, kind, language, year)
    sources = settings.content_dir / "sources"
    existing = _existing(sources, settings.root)
    taken = [stem for stem, _, address in existing if address == url]
    if taken:
        message = f"is already the address of source '{taken[0]}'; edit that file"
        raise ContentError([_problem("--url", message)])
    source_id = make_source_id(_publisher_slug(publisher, existing), year, options.title, url)
    path = sources / f"{source_id}.yaml"
    shown = display_path(path, settings.root)
    if path.exists():
        raise ContentError([_problem("", f"{shown} already exists; edit it, or give --title")])
    text = render_source(options, publisher, kind, language, url, day, year)
    raw = parse_bytes(text.encode("utf-8"), RawRecord(path=shown, stem=source_id))
    _, found = validate_source(raw)
    if is_failure(found, strict=False):
        raise ContentError(found)
    write_file(path.parent, path.name, text.encode("utf-8"))
    given = {"publisher": options.publisher, "type": options.kind, "language": options.language}
    guessed = [name for name, value in given.items() if value is None]
    note = f" ({', '.join(guessed)} guessed from the address)" if guessed else ""
    return (
        f"wrote {shown}: {publisher}, {kind}, language {language}{note}\n"
        f"fill it in from a copy of the report, then run: python -m generator check {shown}"
    )


def make_source_id(publisher: str, year: str, title: str | None, url: str) -> str:
    """``<publisher>-<yyyy-mm-dd or yyyy>-<short-words>``, at most 64 characters."""
    words = [w for w in slug_words(title or _last_segment(url)) if w not in _STOP_WORDS]
    words = [w for w in words if not w.isdigit()] or words
    if not words:
        raise ContentError([_problem("--title", "is needed: the address has no words to name it")])
    source_id = f"{publisher}-{year}"
    for word in words[:6]:
        if len(source_id) + 1 + len(word) > MAX_ID_LENGTH:
            break
        source_id += f"-{word}"
    return source_id


def render_source(
    options: SourceOptions,
    publisher: str,
    kind: str,
    language: str,
    url: str,
    day: dt.date | None,
    year: str,
) -> str:
    """The source file's YAML text: what is known, then commented lines to fill in."""
    lines = [
        "# yaml-language-server: $schema=../schema/source.schema.json",
        "# A new source: fill it in from a copy of the report, writing only what it says.",
        f"title: {_quoted(options.title)}"
        if options.title
        else "# title: The headline as published, in the report's language",
    ]
    if language != "en":
        lines.append("# title_en: An English rendering of the headline (your translation)")
    lines += [
        "# copy_found: true  # true once a copy was read; false if none was found",
        f"publisher: {_quoted(publisher)}",
        f"publisher_type: {kind}",
        f"url: {_quoted(url)}",
        "# archive_url: A copy in a web archive (python -m generator links suggests one)",
    ]
    if options.published and day is not None:
        lines.append(f"published: {day.isoformat()}")
    elif day is not None:
        lines.append(f"# published: {day.isoformat()}  # the address has this date: check it")
    else:
        lines.append(f"# published: {year}-MM-DD  # the date the report gives")
    lines += [
        f"language: {language}",
        "# author: The byline, where given",
        "# accessed: YYYY-MM-DD  # when you read it",
        "# reliability: medium  # high, medium or low: your reading of the report",
        "# notes: What a reader should know about this source",
    ]
    return "\n".join(lines) + "\n"


def _check_given(
    host: str, publisher: str | None, kind: str | None, language: str | None, year: str | None
) -> tuple[str, str, str, str]:
    """Every field the address could not give was given, and --type is a publisher type."""
    unknown = f"content/vocabulary.yaml's publishers: has no domain of {host}"
    problems = []
    if publisher is None:
        problems.append(_problem("--publisher", f"is needed: {unknown}"))
    kinds = get_args(PublisherType)
    if kind is None:
        problems.append(_problem("--type", f"is needed: {unknown}; one of {', '.join(kinds)}"))
    elif kind not in kinds:
        message = f"must be one of {', '.join(kinds)} (got '{kind}'){did_you_mean(kind, kinds)}"
        problems.append(_problem("--type", message))
    if language is None:
        problems.append(_problem("--language", "is needed: an ISO 639-1 code such as en or ru"))
    if year is None:
        message = "is needed: give YYYY-MM-DD or YYYY for the file name (the address has no date)"
        problems.append(_problem("--published", message))
    if problems or publisher is None or kind is None or language is None or year is None:
        raise ContentError(problems)
    return publisher, kind, language, year


def _date(published: str | None, url: str) -> tuple[dt.date | None, str | None]:
    """The publication day (when known) and the date part of the file name."""
    if published is not None:
        text = published.strip()
        if re.fullmatch(r"(19|20)[0-9]{2}", text):
            return None, text
        day = parse_day(text)
        if day is not None:
            return day, day.isoformat()
        message = f"must be a real date YYYY-MM-DD, or a year YYYY (got '{published}')"
        raise ContentError([_problem("--published", message)])
    path = urlsplit(url).path
    found = re.search(_DATE_IN_PATH, path)
    if found:
        try:
            day = dt.date(*(int(part) for part in found.groups()))
        except ValueError:
            pass
        else:
            return day, day.isoformat()
    year = re.search(r"(?<![0-9])((?:19|20)[0-9]{2})(?=[/-])", path)
    return None, year.group(1) if year else None


def _path_language(url: str) -> str | None:
    first = urlsplit(url).path.strip("/").split("/")[0].lower()
    code = _PATH_LANGUAGES.get(first, re.split(r"[_-]", first)[0])
    return code if code in _LANGUAGES else None


def _last_segment(url: str) -> str:
    segments = [s for s in urlsplit(url).path.split("/") if s and s.lower() != "amp"]
    named = [s for s in segments if re.search(r"[A-Za-z]{3}", s)]
    last = named[-1] if named else ""
    return re.sub(r"(_a[0-9]+|\.[a-z]{2,5})$", "", last)


def _existing(sources_dir: Path, root: Path) -> list[tuple[str, str, str]]:
    """Each source file's id, publisher and address (empty where a file does not say)."""
    found = []
    for path in find_files(sources_dir):
        data = load_file(path, root).data
        if isinstance(data, dict):
            publisher, url = data.get("publisher"), data.get("url")
            found.append((path.stem, str(publisher or ""), str(url or "")))
    return found


def _publisher_slug(publisher: str, existing: list[tuple[str, str, str]]) -> str:
    """The name part existing sources of this publisher use, else its words (without 'the')."""
    prefixes = []
    for stem, name, _ in existing:
        found = re.match(r"^(.*?)-(?:19|20)[0-9]{2}(?:-|$)", stem)
        if name == publisher and found:
            prefixes.append(found.group(1))
    if prefixes:
        return max(set(prefixes), key=lambda prefix: (prefixes.count(prefix), prefix))
    words = [w for w in slug_words(re.sub(r"\(.*?\)", "", publisher)) if w not in _STOP_WORDS]
    return "-".join(words[:3]) or "source"


def _quoted(text: str | None) -> str:
    # A JSON string is a valid YAML double-quoted scalar: no YAML 1.1 surprises.
    return json.dumps(" ".join((text or "").split()), ensure_ascii=False)


def _problem(option: str, message: str) -> Problem:
    return Problem("new", 0, 0, option, message)
