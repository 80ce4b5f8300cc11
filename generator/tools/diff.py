"""Semantic diff of the dataset between two git revisions, as Markdown for a pull request.

Each revision's ``content/`` is read with ``git archive`` into a temporary folder and checked
with the same ``validate.check_content`` as a build; the working tree is checked in place
(``snapshots``).
The two datasets are then compared record by record: incidents added, removed or withdrawn,
changed fields (old -> new, a long text word by word), figures whose claims or estimates
changed, sources added or removed, and validation problems that the change introduces. List
items, claims among them, are matched by what they are, not by position (``diff_items``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.core.errors import Problem
from generator.core.settings import Settings
from generator.model import Claim, Figure, Incident, Source
from generator.text.filters import short_place
from generator.text.markdown import md_escape
from generator.tools.diff_items import differences, is_long, pair_items, word_diff
from generator.tools.snapshots import Snapshot, read_revision, read_tree


def diff_revisions(settings: Settings, base: str, head: str | None) -> str:
    """The Markdown diff between ``base`` and ``head`` (the working tree when None)."""
    with tempfile.TemporaryDirectory(prefix="incident-diff-") as folder:
        old = read_revision(settings, base, Path(folder) / "base")
        new = read_revision(settings, head, Path(folder) / "head") if head else read_tree(settings)
        return render_diff(old, new, base, head or "working tree")


def render_diff(old: Snapshot, new: Snapshot, base: str, head: str) -> str:
    """The whole diff as Markdown, ready to paste into a pull request."""
    before = {i.id: i for i in old.dataset.incidents}
    after = {i.id: i for i in new.dataset.incidents}
    added = [after[i] for i in sorted(set(after) - set(before))]
    removed = [before[i] for i in sorted(set(before) - new.files)]
    unreadable = sorted(set(before) & (new.files - set(after)))
    common = sorted(set(before) & set(after))
    withdrawn = [after[i] for i in common if _is_withdrawal(before[i], after[i])]
    changed = [(before[i], after[i]) for i in common if _has_changes(before[i], after[i])]
    sources = _source_changes(old.dataset.sources, new.dataset.sources)
    introduced = _new_problems(old.problems, new.problems)

    lines = [f"## Dataset changes: {_code(base)} → {_code(head)}", ""]
    counts = [
        _count(len(added), "incident added", "incidents added"),
        _count(len(changed), "incident changed", "incidents changed"),
        _count(len(withdrawn), "withdrawn", "withdrawn"),
        _count(len(removed), "removed", "removed"),
        _count(len(sources[0]), "source added", "sources added"),
        _count(len(sources[1]), "source removed", "sources removed"),
        _count(len(sources[2]), "source changed", "sources changed"),
        _count(len(introduced), "new problem", "new problems"),
    ]
    lines += [", ".join(counts) + ".", ""]
    lines += _section("Incidents added", [_describe(i) for i in added])
    lines += _section(
        "Incidents withdrawn",
        [f"{_describe(i)}: {md_escape(i.withdrawn_reason or '')}" for i in withdrawn],
    )
    lines += _section("Incidents removed", [_describe(i) for i in removed])
    lines += _section(
        "Incidents not compared",
        [
            f"{_code(i)}: the new version does not validate (see the problems below)"
            for i in unreadable
        ],
    )
    if changed:
        lines += ["### Incidents changed", ""]
        for old_incident, new_incident in changed:
            lines += [f"#### {_describe(new_incident)}", ""]
            lines += list(_incident_changes(old_incident, new_incident)) + [""]
    lines += _section("Sources added", [_describe_source(s) for s in sources[0]])
    lines += _section("Sources removed", [_describe_source(s) for s in sources[1]])
    if sources[2]:
        lines += ["### Sources changed", ""]
        for old_source, new_source in sources[2]:
            lines += [f"- {_code(new_source.id)}"]
            lines += [f"  {line}" for line in _field_changes(old_source, new_source)]
        lines += [""]
    if introduced:
        lines += ["### Validation problems introduced", "", "```text"]
        lines += [str(problem) for problem in introduced] + ["```", ""]
    return "\n".join(lines).rstrip() + "\n"


def _is_withdrawal(old: Incident, new: Incident) -> bool:
    return old.status != "withdrawn" and new.status == "withdrawn"


def _has_changes(old: Incident, new: Incident) -> bool:
    """Changed beyond a withdrawal, which has its own section."""
    if _is_withdrawal(old, new):
        return old.model_copy(update={"status": new.status, "withdrawn_reason": None}) != (
            new.model_copy(update={"withdrawn_reason": None})
        )
    return old != new


def _source_changes(
    old: dict[str, Source], new: dict[str, Source]
) -> tuple[list[Source], list[Source], list[tuple[Source, Source]]]:
    added = [new[s] for s in sorted(set(new) - set(old))]
    removed = [old[s] for s in sorted(set(old) - set(new))]
    changed = [(old[s], new[s]) for s in sorted(set(old) & set(new)) if old[s] != new[s]]
    return added, removed, changed


def _new_problems(old: list[Problem], new: list[Problem]) -> list[Problem]:
    """Problems of the new content that the old one did not have (lines may move)."""
    known = {(p.path, p.field, p.message, p.level) for p in old}
    return [p for p in new if (p.path, p.field, p.message, p.level) not in known]


def _incident_changes(old: Incident, new: Incident) -> Iterator[str]:
    yield from _field_changes(old, new, exclude={"figures"})
    before = {f.identity: f for f in old.figures}
    after = {f.identity: f for f in new.figures}
    for key in [*before, *(k for k in after if k not in before)]:
        if key not in after:
            yield f"- figure {_figure_name(before[key])} removed"
            yield from (f"  - claim removed: {_claim(c)}" for c in before[key].claims)
        elif key not in before:
            yield f"- figure {_figure_name(after[key])} added: estimate {_estimate(after[key])}"
            yield from (f"  - claim: {_claim(c)}" for c in after[key].claims)
        elif before[key] != after[key]:
            yield from _figure_changes(before[key], after[key])


def _figure_changes(old: Figure, new: Figure) -> Iterator[str]:
    yield f"- figure {_figure_name(new)}:"
    if old.estimate != new.estimate:
        yield f"  - estimate: {_estimate(old)} → {_estimate(new)}"
    # A claim is the same claim when its source and who stated it are: only its fields change.
    before = [claim.model_dump(mode="json") for claim in old.claims]
    after = [claim.model_dump(mode="json") for claim in new.claims]
    pairs, removed, added = pair_items(before, after)
    yield from (f"  - claim removed: {_claim(old.claims[j])}" for j in removed)
    yield from (f"  - claim added: {_claim(new.claims[i])}" for i in added)
    for j, i in pairs:
        if before[j] != after[i]:
            fields = differences(before[j], after[i], "")
            changes = "; ".join(f"{path} {_change(was, now)}" for path, was, now in fields)
            who = f"{md_escape(new.claims[i].stated_by)}, source {_code(new.claims[i].source)}"
            yield f"  - claim changed: {who}: {changes}"
    if not removed and not added and [j for j, _ in pairs] != sorted(j for j, _ in pairs):
        yield "  - claims in another order"
    kept = [new.claims[i] for j, i in pairs if before[j] == after[i]]
    if kept and old.estimate != new.estimate:
        yield from (f"  - claim unchanged: {_claim(c)}" for c in kept)
    if old.note != new.note:
        yield f"  - note: {_change(old.note, new.note)}"


def _field_changes(old: Any, new: Any, exclude: set[str] | None = None) -> Iterator[str]:
    """One line per field whose value differs: ``field: old → new``, in model field order."""
    before = old.model_dump(mode="json", exclude=exclude)
    after = new.model_dump(mode="json", exclude=exclude)
    for path, was, now in differences(before, after, ""):
        yield f"- {_code(path)}: {_change(was, now)}"


def _change(was: Any, now: Any) -> str:
    """``old → new``; a long text as one text with its removed and added words marked."""
    if is_long(was, now):
        return f"“{md_escape(word_diff(was, now))}”"
    return f"{_value(was)} → {_value(now)}"


def _describe(incident: Incident) -> str:
    where = short_place(incident.primary_place)
    return (
        f"{_code(incident.id)} {md_escape(incident.title)} ({incident.status}, {md_escape(where)})"
    )


def _describe_source(source: Source) -> str:
    where = f" <{source.url}>" if source.url else ""
    publisher, title = md_escape(source.publisher), md_escape(source.display_title)
    return f"{_code(source.id)} {publisher}: {title}{where}"


def _figure_name(figure: Figure) -> str:
    narrowed = "".join(
        f", {key} {_code(value)}"
        for key, value in zip(("party", "by", "place", "country"), figure.split, strict=True)
        if value is not None
    )
    return f"{_code(figure.figure)} ({figure.role}{narrowed})"


def _estimate(figure: Figure) -> str:
    estimate = figure.estimate
    return f"{estimate.display} by {estimate.rule}" if estimate else "none"


def _claim(claim: Claim) -> str:
    when = f", as of {claim.as_of.isoformat()}" if claim.as_of else ""
    flag = " (uncertain)" if claim.uncertain else ""
    said = f"{md_escape(claim.display)}{flag}: {md_escape(claim.stated_by)}{when}"
    return f"{said}, source {_code(claim.source)}"


def _value(value: Any) -> str:
    if value is None or value == []:
        return "(none)"
    if isinstance(value, dict):
        shown = (f"{key}: {_value(item)}" for key, item in value.items() if item not in (None, []))
        return "{" + "; ".join(shown) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, str):
        return f"“{md_escape(value)}”"
    return md_escape(str(value).lower() if isinstance(value, bool) else str(value))


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}"


def _section(title: str, items: list[str]) -> list[str]:
    return [f"### {title}", "", *(f"- {item}" for item in items), ""] if items else []


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"
