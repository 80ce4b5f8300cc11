"""The live preview's first answer to an edit: the edited records' own pages (no file writes).

A full build of a large record takes a while, mostly for the pages and data that list every
record. The preview does not wait for it to show the record being edited: ``QuickPages``
checks each changed file alone, against the vocabulary, sources and incident ids it read
once, renders its page and fills the page's slots from the last build's ``SlotTable``
(corrected for the sources the record now cites). The full build follows and brings
everything else, related incidents listed by other records included, up to date.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.build.last_build import read_slots
from generator.build.record_outputs import record_maker, unpack
from generator.content.load import find_files
from generator.content.shared import check_shared
from generator.content.validate import Context, check_incident_file, incident_context
from generator.core.errors import Problem, is_failure
from generator.core.history import read_history
from generator.core.settings import Settings
from generator.site.render import SlotTable, stored_slots


class QuickPages:
    """Pages of single edited records, made against the content as it was when created."""

    def __init__(self, settings: Settings, slots: SlotTable) -> None:
        self.settings = settings
        self.slots = slots
        paths = find_files(settings.content_dir / "incidents")
        self.known = {path.name for path in paths}
        maker = record_maker(settings, read_history(settings.root))
        self.context: Context = incident_context(settings, check_shared(settings), paths, maker)

    @classmethod
    def after_build(cls, settings: Settings) -> QuickPages | None:
        """Quick pages against the last build's state, or None when there is none to read."""
        slots = stored_slots(read_slots(settings.out_dir))
        return cls(settings, slots) if slots is not None else None

    def records(self, paths: Iterable[Path]) -> list[Path] | None:
        """The changed incident files, or None when anything else changed.

        A spare file that came and went (an editor's save through a temporary file) is left
        out; a record added, removed or renamed since the last build is something else.
        """
        folder = self.settings.content_dir / "incidents"
        found = []
        for path in paths:
            known = path.parent == folder and path.name in self.known
            if not known and not path.exists():
                continue
            if not known or not path.is_file():
                return None
            found.append(path)
        return found

    def pages(self, paths: Iterable[Path]) -> tuple[dict[str, str], list[Problem]]:
        """The pages of the records at ``paths`` that check cleanly, and every problem found."""
        pages: dict[str, str] = {}
        problems: list[Problem] = []
        for path in sorted(paths):
            checked = check_incident_file(path, self.context)
            problems += checked.problems
            failed = is_failure(checked.problems, self.settings.strict)
            if checked.incident is None or checked.made is None or failed:
                continue
            self.slots = self.slots.with_record(checked.incident)
            page = unpack(checked.made[0])
            pages[f"incidents/{checked.incident.id}.md"] = self.slots.fill(page)
        return pages, problems
