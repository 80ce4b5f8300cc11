"""Stage 6: the comparative report (site page, standalone HTML, PDF) from the model."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import Dataset
from .settings import Settings


@dataclass(frozen=True)
class Selection:
    """Which incidents a report covers."""

    kind: str | None = None
    since: str | None = None
    until: str | None = None
    region: str | None = None
    ids: tuple[str, ...] = ()

    @classmethod
    def from_options(cls, **options: str | None) -> Selection:
        """Build a selection from command-line options."""
        ids = tuple(i for i in (options.pop("ids") or "").split(",") if i)
        return cls(ids=ids, **options)


def report_pages(dataset: Dataset, settings: Settings) -> dict[str, str | bytes]:
    """The report page inside the site, keyed by path under build/docs/."""
    return {}


def build_report(settings: Settings, selection: Selection, out: Path | None) -> str:
    """Write report.html and report.pdf; return a one-line summary."""
    raise NotImplementedError("the report is not built yet")
