"""Scaffolding: a new draft record, valid and ready to fill in.

A draft says only what the curator gave: the date, the place, the title and any types. Its
summary says it is not written yet, it cites no source and counts nothing; commented blocks
show where sources, parties, figures, fates and measures go, in the record's format. The draft
is validated before it is written, and an existing file is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import json

from generator.content.load import RawRecord, display_path, parse_bytes
from generator.content.shared import load_vocabulary
from generator.content.validate import validate_incident
from generator.core.errors import ContentError, Problem, did_you_mean, is_failure
from generator.core.settings import Settings
from generator.core.write import write_file
from generator.model import MAX_ID_LENGTH, Region, Vocabulary, parse_day
from generator.text.filters import slug_words

_STOP_WORDS = {"a", "an", "and", "at", "in", "near", "of", "on", "the", "to"}
_DRAFT = """\
# yaml-language-server: $schema=../schema/incident.schema.json
# A draft: fill it in from the reports, then set status: published.
# Every statement needs a source: add each report as content/sources/<source-id>.yaml
# and cite it where it is used. `python -m generator check` lists what is missing.
title: {title}
status: draft
created: {today}
summary: Draft; the summary is not yet written from the sources.
when:
  start: {date}
  precision: day  # minute, hour, day, week, month or year: how exact the start is
places:
  - country: {country}
{place}    # id: the-place  # for figures and measures that refer to this place
    # extent: settlement  # site, settlement, district, region, regions or country
    # sources: [source-id]
types: [{types}]  # incident types from content/vocabulary.yaml
# parties:  # every side: who attacked, who was attacked or harmed, who responded
#   - id: attackers  # your id: figures, fates and measures refer to the party by it
#     kind: unknown  # police, military, armed-group, rioters, protesters, civilians...
#     roles: [attacker]  # attacker, target or responder: one or more
#     description: Who they were, as the reports say.
#     # attribution: alleged-by-authorities  # confirmed, claimed, suspected or disputed
#     # attributed_by: Who attributed the attack to them
#     # called:  # what someone called them, each attributed
#     #   - {{label: terrorists, applied_by: Who said it, source: source-id}}
#     sources: [source-id]
#   - id: civilians
#     kind: civilians
#     roles: [target]
#     name: Civilians
#     sources: [source-id]
#   - id: police
#     kind: police
#     roles: [responder]
#     name: Police
#     # response_role: lead  # lead or support, where a report says
#     sources: [source-id]
# figures:
#   - figure: killed  # killed, injured, detained, arrested... (content/vocabulary.yaml)
#     role: total  # whose count; leave it out for a party's: the party decides
#     # party: civilians  # only the people of one party; by: attackers, those it harmed;
#     # place: the-place  # only those in one place; country: KG, those counted abroad
#     claims:
#       - value: 0
#         stated_by: Who gave the number
#         as_of: YYYY-MM-DD
#         source: source-id
#     estimate: {{best: 0, low: 0, high: 0, rule: single-source}}
# fates:  # what happened to a party, in the words reported
#   - party: attackers
#     words: detained
#     category: detained  # killed, injured, detained, surrendered, at-large or unclear
#     stated_by: Who said it
#     source: source-id
# measures:  # what the authorities declared because of the event
#   - kind: curfew  # alert-level, state-of-emergency, curfew, internet-shutdown...
#     area: Where it applied, as declared
#     declared_by: Who declared it
#     start: YYYY-MM-DD
#     # end: YYYY-MM-DD  # left out while in force or when its end is not reported
#     sources: [source-id]
"""


def new_record(
    settings: Settings, date: str, place: str, title: str, kinds: tuple[str, ...]
) -> str:
    """Write a draft record and return its path."""
    vocabulary, problems = load_vocabulary(settings.content_dir / "vocabulary.yaml", settings.root)
    if problems:
        raise ContentError(problems)
    start = _parse_date(date)
    _check_types(kinds, vocabulary)
    incident_id = make_id(start, place, title)
    path = settings.content_dir / "incidents" / f"{incident_id}.yaml"
    shown = display_path(path, settings.root)
    if path.exists():
        raise ContentError(
            [_problem("", f"{shown} already exists; edit it, or give another title")]
        )
    text = render_draft(start, place, title, kinds, vocabulary, settings.today)
    raw = parse_bytes(text.encode("utf-8"), RawRecord(path=shown, stem=incident_id))
    _, found = validate_incident(raw, vocabulary, settings.today)
    if is_failure(found, strict=False):
        raise ContentError(found)
    write_file(path.parent, path.name, text.encode("utf-8"))
    return (
        f"wrote {shown} (status: draft)\n"
        f"cite its sources and fill it in, then run: python -m generator check {shown}"
    )


def make_id(start: dt.date, place: str, title: str) -> str:
    """``YYYY-MM-DD-place-title-words``: ASCII, at most 64 characters, cut at a hyphen."""
    place_words = slug_words(place)
    title_words = [w for w in slug_words(title) if w not in _STOP_WORDS and w not in place_words]
    words = place_words + title_words
    if not words:
        raise ContentError([_problem("--title", "must contain letters or digits")])
    incident_id = start.isoformat()
    for word in words:
        if len(incident_id) + 1 + len(word) > MAX_ID_LENGTH:
            break
        incident_id += f"-{word}"
    return incident_id


def render_draft(
    start: dt.date,
    place: str,
    title: str,
    kinds: tuple[str, ...],
    vocabulary: Vocabulary,
    today: dt.date,
) -> str:
    """The draft's YAML text, with the schema line and commented blocks to fill in."""
    region = _region(place, vocabulary)
    lines = []
    if region is not None:
        lines.append(f"    region: {_quoted(region.name)}")
    if region is None or region.kind == "city":
        lines.append(f"    settlement: {_quoted(place.strip())}")
    return _DRAFT.format(
        title=_quoted(title.strip()),
        today=today.isoformat(),
        date=start.isoformat(),
        country=region.country if region else "KZ",
        place="".join(f"{line}\n" for line in lines),
        types=", ".join(kinds),
    )


def _region(place: str, vocabulary: Vocabulary) -> Region | None:
    """The vocabulary region that the place names (a city of republican significance, say)."""
    wanted = place.strip().casefold()
    for region in vocabulary.regions:
        if wanted in {name.casefold() for name in (region.name, *region.former_names)}:
            return region
    return None


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: no YAML 1.1 surprises.
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def _parse_date(date: str) -> dt.date:
    """The ``--date`` option as a day, or the problem with it."""
    day = parse_day(date)
    if day is None:
        message = f"must be a real date YYYY-MM-DD (got '{date}')"
        raise ContentError([_problem("--date", message)])
    return day


def _check_types(kinds: tuple[str, ...], vocabulary: Vocabulary) -> None:
    known = [term.id for term in vocabulary.incident_types]
    unknown = [kind for kind in kinds if kind not in known]
    if unknown:
        message = f"must name an incident type, repeatable: {', '.join(known)}"
        message += f" (got '{unknown[0]}'){did_you_mean(unknown[0], known)}"
        raise ContentError([_problem("--type", message)])


def _problem(option: str, message: str) -> Problem:
    return Problem("new", 0, 0, option, message)
