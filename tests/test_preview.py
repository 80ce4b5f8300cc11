"""The live preview's quick pages: an edited record's page, made before the full build; and
its server, which answers a request for a path no file can have with a 4xx."""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from watchdog.events import DirModifiedEvent, FileModifiedEvent, FileMovedEvent

from generator.build.last_build import stored_ns
from generator.build.pipeline import build_docs, write_preview
from generator.build.store import STORE
from generator.core.settings import Settings
from generator.tools.livereload import preview_server
from generator.tools.preview import QuickPages
from generator.tools.rebuild import Rebuilder
from generator.tools.serve import Changes, _preview_dir, prune_preview
from tests.conftest import make_settings

RECORD = "2011-07-08-temir-district-final-siege"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def quick_pages(settings: Settings) -> QuickPages:
    build_docs(settings)
    quick = QuickPages.after_build(settings)
    assert quick is not None
    return quick


def test_a_quick_page_is_the_page_the_full_build_writes(real_content: Settings) -> None:
    quick = quick_pages(real_content)
    record = real_content.content_dir / "incidents" / f"{RECORD}.yaml"
    edit(record, "title: ", "title: Edited, ")

    pages, problems = quick.pages([record])

    assert problems == []
    assert list(pages) == [f"incidents/{RECORD}.md"]
    assert "Edited, Final siege" in pages[f"incidents/{RECORD}.md"]
    assert "\x00" not in pages[f"incidents/{RECORD}.md"]  # every slot is filled
    store = (real_content.out_dir / STORE).read_bytes()
    assert write_preview(real_content, pages) == 1
    assert (real_content.out_dir / STORE).read_bytes() == store  # a build may hold it
    before = (real_content.docs_dir / f"incidents/{RECORD}.md").read_bytes()
    build_docs(real_content)
    assert (real_content.docs_dir / f"incidents/{RECORD}.md").read_bytes() == before


def test_a_record_that_fails_its_check_gets_no_quick_page(real_content: Settings) -> None:
    quick = quick_pages(real_content)
    record = real_content.content_dir / "incidents" / f"{RECORD}.yaml"
    edit(record, "title: ", "titel: ")

    pages, problems = quick.pages([record])

    assert pages == {}
    assert [(p.path, p.field) for p in problems] == [
        (f"content/incidents/{RECORD}.yaml", "title"),
        (f"content/incidents/{RECORD}.yaml", "titel"),
    ]


def test_only_known_incident_files_get_quick_pages(real_content: Settings) -> None:
    quick = quick_pages(real_content)
    content = real_content.content_dir
    known = content / "incidents" / f"{RECORD}.yaml"

    new = content / "incidents" / "2030-01-01-new-record.yaml"
    spare = content / "incidents" / "sedAb12Cd"  # written, then renamed over the record

    assert quick.records([known, spare]) == [known]
    new.write_text("title: New\n", encoding="utf-8")
    assert quick.records([known, new]) is None
    assert quick.records([known, content / "vocabulary.yaml"]) is None
    known.unlink()
    assert quick.records([known]) is None


def test_there_are_no_quick_pages_before_a_first_build(real_content: Settings) -> None:
    assert QuickPages.after_build(real_content) is None


@pytest.mark.slow
def test_serve_writes_an_edited_page_then_runs_the_full_build(real_content: Settings) -> None:
    rebuilder = Rebuilder(real_content)
    rebuilder.build_now()
    first = stored_ns(real_content.out_dir)
    rebuilder.changed(set())
    record = real_content.content_dir / "incidents" / f"{RECORD}.yaml"
    edit(record, "title: ", "title: Edited, ")

    rebuilder.changed({record})

    page = real_content.docs_dir / f"incidents/{RECORD}.md"
    assert "Edited, Final siege" in page.read_text(encoding="utf-8")
    assert rebuilder.process is not None  # the full build follows
    assert rebuilder.process.wait() == 0
    assert stored_ns(real_content.out_dir) > first


def test_the_watcher_notes_changed_files_but_not_editors_spare_files(tmp_path: Path) -> None:
    changes = Changes()
    record = tmp_path / "record.yaml"
    for path in (record, tmp_path / ".record.yaml.swp", tmp_path / "record.yaml~"):
        changes.on_any_event(FileModifiedEvent(str(path)))
    changes.on_any_event(FileMovedEvent(str(tmp_path / "4913"), str(tmp_path / "new.yaml")))
    changes.on_any_event(DirModifiedEvent(str(tmp_path)))

    assert changes.take() == {record, tmp_path / "new.yaml"}
    assert changes.take() == set()


def test_pages_whose_markdown_is_gone_leave_the_preview(tmp_path: Path) -> None:
    docs, site = tmp_path / "docs", tmp_path / "site"
    kept = ["index.md", "incidents/kept.md", "timeline.md", "data/incidents.json"]
    for name in kept:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("x", encoding="utf-8")
    built = [
        "index.html",
        "incidents/kept/index.html",
        "incidents/gone/index.html",
        "timeline/index.html",
        "data/incidents.json",
        "data/incidents.csv",
        "pagefind/pagefind-entry.json",
        "assets/javascripts/bundle.js",
        "404.html",
    ]
    for name in built:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("x", encoding="utf-8")

    assert prune_preview(site, docs) == 2

    left = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert left == sorted(set(built) - {"incidents/gone/index.html", "data/incidents.csv"})
    assert not (site / "incidents" / "gone").exists()


@pytest.fixture
def preview_url(tmp_path: Path) -> Iterator[str]:
    """A preview server on a free local port, serving an invented one-page site."""
    (tmp_path / "index.html").write_text("<html><body>Home</body></html>", encoding="utf-8")
    server = preview_server(lambda: None, 0, tmp_path, "/")
    server.server_bind()
    server.server_activate()
    server.serve_thread.start()  # as ``serve`` does, without its rebuild loop
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.serve_thread.join()


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_the_preview_server_answers_a_nul_in_the_path_with_400(
    preview_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    assert status_of(f"{preview_url}/%00") == 400
    assert status_of(f"{preview_url}/index.html%00.md") == 400
    assert status_of(f"{preview_url}/index.html") == 200
    assert status_of(f"{preview_url}/missing.html") == 404
    assert [record for record in caplog.records if record.levelname == "ERROR"] == []


def test_a_damaged_preview_stamp_starts_the_preview_afresh(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    settings.mkdocs_yml.write_text("site_name: Invented\n", encoding="utf-8")
    preview = settings.out_dir / "preview"
    preview.mkdir(parents=True)
    (preview / ".mkdocs-yml").write_bytes(b"\xff\xfe not text")
    (preview / "stale.html").write_text("old", encoding="utf-8")

    assert _preview_dir(settings) == preview

    assert sorted(path.name for path in preview.iterdir()) == [".mkdocs-yml"]
    assert (preview / ".mkdocs-yml").read_text(encoding="utf-8") == (
        hashlib.blake2b(b"site_name: Invented\n", digest_size=16).hexdigest()
    )
