"""Opt-in network check of source URLs; never part of a build.

Every ``url`` and ``archive_url`` of every source is requested (HEAD, then GET when HEAD is
refused) by a few threads at once, with a timeout and a user agent that names the project.
Dead links are errors; permanent redirects, refusals and sources without an archive copy are
warnings. When no host answers at all, or nearly none of many, the fault is the machine's
network, not the links: that is said once (``NoNetwork``) and the command exits with
``EXIT_NO_NETWORK``. Hosts that
refuse automated requests are listed, each with its reason, in ``content/links-ignore.yaml``
and skipped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field

from generator.content.load import find_files, load_file, locate
from generator.content.messages import to_model
from generator.content.shared import validate_source
from generator.core.errors import ContentError, Problem, is_failure
from generator.core.settings import Settings
from generator.model import Record, Text
from generator.tools.archive import find_snapshots, suggestion
from generator.tools.fetching import Outcome, fetch, user_agent

IGNORE_FILE = "links-ignore.yaml"
"""Hosts to skip, under content/."""
NO_ARCHIVE = "has no archive_url; save a copy (https://web.archive.org/save) and add it"
UNANSWERED = "(the archive did not answer, so no copy was looked up)"
_REFUSED = {401, 403, 429}
EXIT_NO_NETWORK = 3
"""Exit status of ``links`` when no host answered: nothing could be checked."""


class NoNetwork(Exception):
    """Not one of several hosts answered: the network is down, not every link."""


class IgnoredHost(Record):
    """A host whose URLs are not requested, and why."""

    host: Annotated[str, Field(pattern=r"^[a-z0-9.-]+\.[a-z]{2,}$")]
    """Host name; its subdomains are skipped too."""
    reason: Text
    """Why the host cannot be checked automatically (what it answers, and since when)."""


class IgnoreList(Record):
    """The contents of content/links-ignore.yaml."""

    hosts: tuple[IgnoredHost, ...] = ()


@dataclass(frozen=True)
class Link:
    """One address in one source file, and where it is written."""

    path: str
    line: int
    column: int
    field: str
    url: str


def check_links(
    settings: Settings, timeout: float, concurrency: int, archive_api: str | None = None
) -> str:
    """Check every source URL and return the report.

    With ``archive_api`` (a Wayback-style availability API's base URL), a source without an
    archive_url is told of an archived copy where the API has one.
    """
    ignored, problems = read_ignore_list(settings)
    links, found = collect_links(settings)
    problems += found
    skipped = {link for link in links if _ignored_reason(link.url, ignored)}
    to_check = sorted({link.url for link in links if link not in skipped})
    agent = user_agent()
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        outcomes = dict(
            zip(to_check, pool.map(lambda url: fetch(url, timeout, agent), to_check), strict=True)
        )
    offline = unreachable(outcomes)
    if offline:
        raise NoNetwork(offline)
    if archive_api:
        problems = suggest_archives(problems, links, archive_api, timeout, concurrency)
    for link in links:
        if link not in skipped:
            problems += judge(link, outcomes[link.url])
    dead = sum(1 for p in problems if p.level == "error")
    summary = (
        f"checked {len(to_check)} links: {dead} dead, "
        f"{sum(1 for p in problems if p.level == 'warning')} warnings, "
        f"{len(skipped)} skipped on hosts listed in content/{IGNORE_FILE}"
    )
    if is_failure(problems, strict=False):
        raise ContentError(problems)
    return "\n".join([*(str(p) for p in sorted(problems)), summary])


NEARLY_ALL = 0.9
"""The share of hosts that, failing together without an HTTP answer, means the network."""
MANY_HOSTS = 10
"""Below this many hosts, only all of them failing means the network."""


def unreachable(outcomes: dict[str, Outcome]) -> str | None:
    """Why the network looks down when no host, or nearly none of many, gave an HTTP answer.

    One host that does not answer is a dead link; all of them failing at once (no name
    resolves, no connection is made) says nothing about the links. A resolver that answers
    for a local name or two only is the same fault: of ten hosts or more, nine in ten
    failing together is taken for the network too.
    """
    hosts = {(urlsplit(url).hostname or "").lower() for url in outcomes}
    answered = {
        (urlsplit(url).hostname or "").lower()
        for url, outcome in outcomes.items()
        if outcome.error is None
    }
    errors = Counter(outcome.error for outcome in outcomes.values() if outcome.error)
    failed = len(hosts) - len(answered)
    if len(hosts) < 2 or not errors:
        return None
    common = errors.most_common(1)[0][0]
    if not answered:
        return (
            f"no host answered: none of the {len(outcomes)} links on {len(hosts)} hosts could "
            f"be reached (most often: {common}); check the network connection and run links "
            "again"
        )
    if len(hosts) >= MANY_HOSTS and failed >= NEARLY_ALL * len(hosts):
        return (
            f"nearly no host answered: {failed} of {len(hosts)} hosts could not be reached "
            f"(most often: {common}), which says more about the network than the links; check "
            "the network connection and run links again"
        )
    return None


def read_ignore_list(settings: Settings) -> tuple[dict[str, str], list[Problem]]:
    """Ignored hosts and their reasons; a broken file is reported, not ignored."""
    path = settings.content_dir / IGNORE_FILE
    if not path.is_file():
        return {}, []
    raw = load_file(path, settings.root)
    listed, problems = to_model(raw, IgnoreList)
    hosts = {entry.host: entry.reason for entry in listed.hosts} if listed else {}
    return hosts, raw.problems + problems


def collect_links(settings: Settings) -> tuple[list[Link], list[Problem]]:
    """Every url and archive_url of the valid sources, with their locations."""
    links: list[Link] = []
    problems: list[Problem] = []
    for path in find_files(settings.content_dir / "sources"):
        raw = load_file(path, settings.root)
        source, found = validate_source(raw)
        problems += [p for p in found if p.level == "error"]
        if source is None:
            continue
        for field in ("url", "archive_url"):
            url = getattr(source, field)
            if url:
                line, column = locate(raw.node, (field,))
                links.append(Link(raw.path, line, column, field, url))
        if source.url and not source.archive_url:
            line, column = locate(raw.node, ("url",))
            problems.append(Problem(raw.path, line, column, "url", NO_ARCHIVE, "warning"))
    return links, problems


def suggest_archives(
    problems: list[Problem], links: list[Link], base: str, timeout: float, concurrency: int
) -> list[Problem]:
    """The problems, each missing archive copy's warning naming a copy the archive holds."""
    url_of = {link.path: link.url for link in links if link.field == "url"}
    lacking = [p.path for p in problems if p.message == NO_ARCHIVE and p.path in url_of]
    found, unanswered = find_snapshots(
        (url_of[path] for path in lacking), base, timeout, user_agent(), concurrency
    )
    messages = {
        **dict.fromkeys(unanswered, f"{NO_ARCHIVE} {UNANSWERED}"),
        **{url: suggestion(snapshot) for url, snapshot in found.items()},
    }
    return [
        replace(p, message=messages[url_of[p.path]])
        if p.message == NO_ARCHIVE and url_of.get(p.path) in messages
        else p
        for p in problems
    ]


def _ignored_reason(url: str, ignored: dict[str, str]) -> str | None:
    host = (urlsplit(url).hostname or "").lower()
    for listed, reason in ignored.items():
        if host == listed or host.endswith(f".{listed}"):
            return reason
    return None


def judge(link: Link, outcome: Outcome) -> Iterator[Problem]:
    """The problems one link's outcome shows."""
    where = (link.path, link.line, link.column, link.field)
    if outcome.error is not None:
        yield Problem(*where, f"is dead: {outcome.error} (got '{link.url}')")
    elif outcome.status in _REFUSED:
        message = (
            f"refuses automated requests (HTTP {outcome.status}); check it by hand, or list its "
            f"host in content/{IGNORE_FILE} with the reason (got '{link.url}')"
        )
        yield Problem(*where, message, "warning")
    elif outcome.status is not None and outcome.status >= 400:
        yield Problem(*where, f"is dead: HTTP {outcome.status} (got '{link.url}')")
    if outcome.moved_to:
        message = f"has moved permanently to '{outcome.moved_to}'; update it (got '{link.url}')"
        yield Problem(*where, message, "warning")
