"""A deterministic synthetic corpus for the scale benchmark: valid records of realistic size.

``synthesize(root, count, seed)`` lays out a repository under ``root`` (vocabulary, pages and
mkdocs.yml copied from this checkout; synthetic sources and incidents written from string
templates) that passes ``python -m generator -C root check --strict``. Every value comes from
``random.Random(seed)`` and the incident number, so the same arguments give the same bytes.
All text says it is synthetic and every URL is on example.org.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.bench.synth_text import CLAIM, INCIDENT, SOURCE
from generator.core.settings import ROOT

SETTLEMENTS = (
    ("Astana", "Astana", 51.17, 71.45),
    ("Almaty", "Almaty", 43.24, 76.89),
    ("Shymkent", "Shymkent", 42.32, 69.59),
    ("Semey", "Abai Region", 50.41, 80.23),
    ("Kokshetau", "Akmola Region", 53.28, 69.39),
    ("Aktobe", "Aktobe Region", 50.28, 57.17),
    ("Konaev", "Almaty Region", 43.87, 77.07),
    ("Atyrau", "Atyrau Region", 47.11, 51.92),
    ("Oskemen", "East Kazakhstan Region", 49.95, 82.61),
    ("Taldykorgan", "Jetisu Region", 45.02, 78.37),
    ("Karaganda", "Karaganda Region", 49.80, 73.10),
    ("Kostanay", "Kostanay Region", 53.21, 63.63),
    ("Kyzylorda", "Kyzylorda Region", 44.85, 65.51),
    ("Aktau", "Mangystau Region", 43.65, 51.16),
    ("Petropavl", "North Kazakhstan Region", 54.87, 69.15),
    ("Pavlodar", "Pavlodar Region", 52.29, 76.97),
    ("Turkistan", "Turkistan Region", 43.30, 68.25),
    ("Zhezkazgan", "Ulytau Region", 47.78, 67.71),
    ("Oral", "West Kazakhstan Region", 51.23, 51.37),
    ("Taraz", "Zhambyl Region", 42.90, 71.37),
    ("Ekibastuz", "Pavlodar Region", 51.72, 75.32),
    ("Temirtau", "Karaganda Region", 50.05, 72.96),
    ("Zhanaozen", "Mangystau Region", 43.34, 52.86),
    ("Rudny", "Kostanay Region", 52.97, 63.12),
    ("Balkhash", "Karaganda Region", 46.85, 74.98),
    ("Kulsary", "Atyrau Region", 46.95, 54.02),
    ("Stepnogorsk", "Akmola Region", 52.35, 71.89),
    ("Kentau", "Turkistan Region", 43.52, 68.51),
    ("Ridder", "East Kazakhstan Region", 50.34, 83.51),
    ("Zharkent", "Jetisu Region", 44.16, 80.00),
    ("Aksu", "Pavlodar Region", 52.04, 76.93),
    ("Satpayev", "Ulytau Region", 47.90, 67.53),
    ("Shchuchinsk", "Akmola Region", 52.93, 70.19),
    ("Kandyagash", "Aktobe Region", 49.47, 57.42),
    ("Aral", "Kyzylorda Region", 46.80, 61.67),
    ("Saryagash", "Turkistan Region", 41.45, 69.17),
    ("Esik", "Almaty Region", 43.36, 77.45),
    ("Ayagoz", "Abai Region", 47.96, 80.44),
    ("Shu", "Zhambyl Region", 43.60, 73.76),
    ("Aksay", "West Kazakhstan Region", 51.17, 52.99),
)
"""Settlements in Kazakhstan: name, region from the vocabulary, approximate lat and lon."""

FIRST_DAY = dt.date(1992, 1, 1)
DAYS = 12419
"""1992-01-01 to 2025-12-31: every synthetic incident starts in this span."""
DAY_STEP = 7919
"""A prime, so incident n's day ``n * DAY_STEP % DAYS`` repeats only every DAYS incidents."""

TYPES = ("armed-assault", "shoot-out", "bombing", "counter-terrorist-operation", "manhunt")
TACTICS = ("cordon", "evacuation", "return-fire", "raid", "checkpoints", "lockdown", "assault")
PUBLISHER_TYPES = ("official", "state-media", "independent", "international", "wire", "ngo")
ROLES = ("civilians", "security-forces", "perpetrators")
QUALIFIERS = ("exact", "about", "at-least")
RULES = ("consensus", "latest-official", "most-conservative")
RELATIONS = ("preceded-by", "linked", "same-perpetrators")
LANGUAGES = ("en", "ru", "kk")
PUBLISHERS = 40


@dataclass(frozen=True)
class Plan:
    """The sizes every record needs to know: how many incidents and sources there are."""

    count: int
    sources: int
    start_day: dt.date = FIRST_DAY


def synthesize(root: Path, count: int, seed: int) -> None:
    """Write a valid synthetic repository of ``count`` incidents into ``root``."""
    if count > DAYS * len(SETTLEMENTS):
        raise ValueError(f"at most {DAYS * len(SETTLEMENTS)} synthetic incidents fit")
    rng = random.Random(seed)
    plan = Plan(count=count, sources=max(1, -(-count // 3)))
    copy_project_files(root)
    write_sources(root / "content" / "sources", plan, rng)
    write_incidents(root / "content" / "incidents", plan, rng)


def copy_project_files(root: Path) -> None:
    """The vocabulary, the hand-written pages and mkdocs.yml, as in this checkout."""
    content = root / "content"
    (content / "sources").mkdir(parents=True, exist_ok=True)
    (content / "incidents").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "content" / "vocabulary.yaml", content / "vocabulary.yaml")
    shutil.copytree(ROOT / "content" / "pages", content / "pages", dirs_exist_ok=True)
    shutil.copyfile(ROOT / "mkdocs.yml", root / "mkdocs.yml")


def source_id(n: int) -> str:
    """The id of synthetic source ``n``."""
    return f"synth-src-{n:06d}"


def incident_id(n: int) -> str:
    """The id of synthetic incident ``n``: its start date, then its number."""
    return f"{incident_day(n).isoformat()}-synthetic-incident-{n:06d}"


def incident_day(n: int) -> dt.date:
    """Start date of incident ``n``, spread over the span without a pattern by year."""
    return FIRST_DAY + dt.timedelta(days=n * DAY_STEP % DAYS)


def incident_settlement(n: int) -> tuple[str, str, float, float]:
    """Settlement of incident ``n``; never the same date and settlement twice."""
    return SETTLEMENTS[(n % DAYS * 7 + n // DAYS) % len(SETTLEMENTS)]


def write_sources(folder: Path, plan: Plan, rng: random.Random) -> None:
    """One file per synthetic source; each is cited by about three incidents."""
    for n in range(plan.sources):
        day = last_citing_day(n, plan) + dt.timedelta(days=rng.randrange(31))
        text = SOURCE.format(
            n=n,
            publisher=rng.randrange(PUBLISHERS),
            publisher_type=rng.choice(PUBLISHER_TYPES),
            published=day.isoformat(),
            language=rng.choice(LANGUAGES),
            reliability=rng.choice(("high", "medium", "medium", "low")),
        )
        (folder / f"{source_id(n)}.yaml").write_text(text, encoding="utf-8")


def write_incidents(folder: Path, plan: Plan, rng: random.Random) -> None:
    """One file per synthetic incident."""
    for n in range(plan.count):
        (folder / f"{incident_id(n)}.yaml").write_text(render_incident(n, plan, rng), "utf-8")


NEAR = 40
"""Incident n cites source n // 3 and three others at most this many sources away."""


def last_citing_day(source: int, plan: Plan) -> dt.date:
    """The latest start of the incidents that may cite ``source``: it is published after."""
    first, last = max(0, (source - NEAR) * 3), min(plan.count, (source + NEAR + 1) * 3)
    offsets = (n * DAY_STEP % DAYS for n in range(first, last))  # incident_day's, unrolled
    return FIRST_DAY + dt.timedelta(days=max(offsets, default=0))


def cited_sources(n: int, plan: Plan, rng: random.Random) -> list[str]:
    """Four sources near incident ``n``'s own: source n // 3 is always among them."""
    own = n // 3
    low, high = max(0, own - NEAR), min(plan.sources, own + NEAR + 1)
    chosen = [own] + [rng.randrange(low, high) for _ in range(3)]
    return [source_id(s) for s in chosen]


def render_incident(n: int, plan: Plan, rng: random.Random) -> str:
    """The YAML text of synthetic incident ``n``."""
    settlement, region, lat, lon = incident_settlement(n)
    day = incident_day(n)
    start = dt.datetime.combine(day, dt.time(rng.randrange(6, 18), rng.randrange(60)))
    hours = rng.randrange(2, 7)
    sources = cited_sources(n, plan, rng)
    kinds = sorted(set(rng.sample(TYPES, rng.randrange(1, 3))))
    return INCIDENT.format(
        n=n,
        settlement=settlement,
        region=region,
        lat=round(lat + rng.uniform(-0.02, 0.02), 4),
        lon=round(lon + rng.uniform(-0.02, 0.02), 4),
        street=rng.randrange(1, 200),
        landmark=f"synthetic landmark {rng.randrange(1000):03d}",
        kind_words=" and ".join(kind.replace("-", " ") for kind in kinds),
        kinds=", ".join(kinds),
        hours=hours,
        start=_moment(start),
        later=_moment(start + dt.timedelta(hours=hours)),
        day=day.isoformat(),
        s0=sources[0],
        s1=sources[1],
        s2=sources[2],
        s3=sources[3],
        group=rng.randrange(max(10, plan.count // 50)),
        official=rng.randrange(max(20, plan.count // 10)),
        unit=rng.randrange(30),
        perpetrators=rng.randrange(2, 9),
        figures=render_figures(day, sources, rng),
        tactics=render_tactics(sources, rng),
        related=render_related(n, rng),
    )


def render_figures(day: dt.date, sources: list[str], rng: random.Random) -> str:
    """Killed in total and for one role, and injured: 2-5 claims each, estimates with rules."""
    role = rng.choice(ROLES)
    part = rng.randrange(0, 6)
    blocks = [
        _figure("killed", "total", part + rng.randrange(0, 6), day, sources, rng),
        _figure("killed", role, part, day, sources, rng),
        _figure("injured", "total", rng.randrange(0, 30), day, sources, rng),
    ]
    return "".join(blocks).rstrip("\n")


def _figure(
    name: str, role: str, value: int, day: dt.date, sources: list[str], rng: random.Random
) -> str:
    """One figure: the first claim states the value, the others may say a little more."""
    extra = rng.choice((1, 1, 2, 2, 3, 4))
    values = [value] + [value + rng.randrange(0, 3) for _ in range(extra)]
    claims = "".join(
        CLAIM.format(
            value=number,
            qualifier=_qualifier(rng.choice(QUALIFIERS) if index else "exact"),
            publisher=rng.randrange(PUBLISHERS),
            source=sources[index % len(sources)],
            as_of="" if index else f"        as_of: {day.isoformat()}\n",
        )
        for index, number in enumerate(values)
    )
    role_line = "" if role == "total" else f"    role: {role}\n"
    rule = rng.choice(RULES)
    # A latest official figure says which one it is, and a consensus over claims that differ
    # why it stands, as the content's rules ask.
    why = ", rationale: Synthetic rationale." if rule != "most-conservative" else ""
    estimate = f"{{best: {value}, low: {value}, high: {max(values)}, rule: {rule}{why}}}"
    note = "" if role == "total" else "    note: Synthetic note; only one role is counted.\n"
    return f"  - figure: {name}\n{role_line}    claims:\n{claims}    estimate: {estimate}\n{note}"


def _qualifier(qualifier: str) -> str:
    """The qualifier line, left out when it is the default 'exact'."""
    return "" if qualifier == "exact" else f"        qualifier: {qualifier}\n"


def render_tactics(sources: list[str], rng: random.Random) -> str:
    """Two or three response tactics from the vocabulary."""
    chosen = rng.sample(TACTICS, rng.randrange(2, 4))
    return "\n".join(
        f"    - tactic: {tactic}\n      sources: [{sources[i % len(sources)]}]"
        for i, tactic in enumerate(chosen)
    )


def render_related(n: int, rng: random.Random) -> str:
    """Links to one or two earlier synthetic incidents (none for the first)."""
    if n == 0:
        return ""
    targets = sorted({rng.randrange(max(0, n - 50), n) for _ in range(rng.randrange(1, 3))})
    items = "".join(
        f"  - id: {incident_id(t)}\n    relation: {rng.choice(RELATIONS)}\n" for t in targets
    )
    return f"related:\n{items}"


def _moment(moment: dt.datetime) -> str:
    """A date-time in Kazakhstan's UTC+06:00 offset, to the minute."""
    return moment.strftime("%Y-%m-%dT%H:%M") + "+06:00"
