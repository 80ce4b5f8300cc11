"""The build as a story (``build``): check everything, make every output, then write.

1. Read and validate vocabulary, sources and incidents, and stop with every problem if any is
   an error (or a warning under --strict). The process that checks a record also makes its
   page and its rows of the data files (``load_rendered``: worker processes and a cache of
   checked chunks, the one step that the scale machinery replaces); what depends on other
   records is filled later, from the records' summaries.
2. Make the cross-record pages (indexes, report) and assemble the data files, in memory;
   what each record made waits in the store until written (``stored_made``), and the
   records themselves stay in their stored chunks until an output reads them
   (``model.LazyRecords``). An output whose inputs, read from the store's rows, are as at
   the last build (the listings, the home page, the report, the database, each incident
   page, each data file made of every record's part) is kept as written instead
   (``output_cache``), so that an edit reads few records whole; incidents.json, when few
   records were checked again, is made from its last build's file (``json_splice``).
3. Write them into ``build/docs/`` (only files whose bytes changed), copy the hand-written
   pages from ``content/pages/`` and remove generated files whose records are gone.
4. For the site: ``mkdocs build --strict`` into a temporary folder, Pagefind's search index
   into the same folder, then swap it into ``build/site/``, so a failed build leaves the
   previous site as it was (``publish``). MkDocs starts as soon as build/docs/ is written,
   while the report's PDF is still printing in a process of its own (``publish.Publishing``).

The build's memory between builds is one SQLite store (``store``: the digests of inputs and
outputs, checked chunks, the preview's slot table, the fingerprint), written in one transaction
kept only when the build succeeds; a damaged store is deleted and the build runs cold.

A rerun whose inputs and build/docs/ are as the last build left them writes nothing. A file
in build/docs/ changed since (a damaged disk, a hand edit) sends it through the full build,
which rewrites that file. A full disk or a read-only build/ is a located error, never a
traceback, and leaves the previous site in place (``guards``, with the locks on build/).
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Mapping, MutableMapping
from functools import partial
from pathlib import Path

from generator.build.cache import chunk_cache, source_cache
from generator.build.fingerprint import FileDigests, input_fingerprint
from generator.build.guards import build_lock, docs_lock, no_cycle_collection, writing
from generator.build.json_splice import splice_json
from generator.build.kept_files import keep_whole_files, kept_record_files
from generator.build.output_cache import OutputCache, output_cache
from generator.build.publish import Publishing, recover
from generator.build.record_outputs import Made, Unpacked, lean, record_maker
from generator.build.state_schema import StoreDamaged, is_damage
from generator.build.store import STORE, Store, open_store, remove_store
from generator.build.stored_made import StoredMade, pages_of, parts_of
from generator.build.workers import file_checker
from generator.content.load import display_path, outside_root
from generator.content.validate import check_and_make
from generator.core.errors import ContentError, is_failure
from generator.core.history import History, read_history
from generator.core.outputs import Content
from generator.core.progress import announce
from generator.core.settings import ROOT, Settings, clock_ns
from generator.core.site_info import read_site_info
from generator.core.write import remove_stale, write_tree
from generator.data.export import export_files
from generator.model import Dataset, LazyRecords, Summary
from generator.report.document import report_pages
from generator.site.index_pages import render_home, render_listings, render_pages
from generator.site.render import Corpus, make_corpus, stored_slots

ROOT_PAGES = ROOT / "content" / "pages"
"""The project's own site pages, for a content tree without them."""


def load_rendered(
    settings: Settings, history: History, store: Store, digests: FileDigests | None = None
) -> tuple[Dataset, list[Summary], StoredMade, str]:
    """``load_checked``, rendering each record's page and data in the process that checks it.

    Checked records are kept by chunk in ``store``, named by the ``digests`` of their files,
    and read back only when needed; what each record made is kept there too
    (``StoredMade``). Also
    returns each valid record's summary and the digest of what every record's outputs read
    besides the records (``cache.context_digest``).
    """
    records = display_path(settings.content_dir / "incidents", settings.root)

    def dates(path: Path) -> str:
        return repr(history.get(f"{records}/{path.name}"))

    site_settings = repr(read_site_info(settings))
    contents = (digests or FileDigests()).digest
    cache = chunk_cache(settings, store, site_settings, dates, contents)
    maker = record_maker(settings, history)
    check_files = file_checker(settings.workers, cache)
    sources = source_cache(store, cache.digest)
    dataset, problems, summaries = check_and_make(settings, maker, lean, check_files, sources)
    if is_failure(problems, settings.strict):
        raise ContentError(problems)
    cache.commit()
    made = StoredMade(store, frozenset(cache.fresh))
    # The records stay in the store's chunks until an output that reads them is made.
    stored = LazyRecords(cache.held, cache.records, cache.facts)
    return dataset.model_copy(update={"incidents": stored}), summaries, made, cache.digest


def generate_files(
    dataset: Dataset,
    settings: Settings,
    printable: bool = False,
    made: Mapping[str, Made] | None = None,
    history: History | None = None,
    corpus: Corpus | None = None,
    outputs: OutputCache | None = None,
    print_pdf: Callable[[str], bytes] | None = None,
) -> MutableMapping[str, Content]:
    """Every generated file of build/docs/, keyed by relative path.

    The report's PDF and standalone HTML are printed only when ``printable`` (for the site):
    printing is the slowest step and the Markdown preview does not need it. ``made`` holds
    pages and data parts already made by id (see ``load_rendered``); ``corpus`` is the
    dataset's ``render.make_corpus``, when already made. With ``outputs``, a group of
    cross-record outputs whose inputs did not change is kept as written, not made again:
    its files are then missing from the mapping and listed in ``outputs.kept``. ``print_pdf``
    prints the report (``publish.Publishing``, which prints it beside MkDocs).
    """
    if history is None:
        history = read_history(settings.root)
    made = made or {}
    rendered = Unpacked(pages_of(made))
    corpus = corpus or make_corpus(dataset, settings, history)
    # The report first: its PDF prints in a process of its own while the rest is made.
    report = partial(report_pages, dataset, settings, printable, print_pdf)
    reported = outputs.outputs("report", report) if outputs else report()
    listings = outputs.outputs("listings", partial(render_listings, corpus)) if outputs else None
    pages = outputs.pages(corpus.slots, made) if outputs else set()
    files = render_pages(dataset, settings, history, rendered, corpus, listings, pages)
    files.update(reported)
    summaries = corpus.summaries
    known, kept = kept_record_files(summaries, settings, made, outputs)
    data = export_files(dataset, settings, history, _unpacked_parts(made), known, summaries)
    for path in kept:
        del data[path]  # made as it is written: not made at all
    if outputs is not None:
        keep_whole_files(data, outputs, summaries, settings, history)
        splice_json(data, made, dataset.sources, summaries, settings, outputs)
    files.update(data)
    site_pages = settings.content_dir / "pages"
    if not site_pages.is_dir():
        # Site pages (methodology) are linked from every record page: a content tree
        # without its own, such as a test corpus, uses the project's.
        site_pages = ROOT_PAGES
    # ``check`` refuses a link that leads outside the repository; none is ever copied.
    root = settings.root if site_pages != ROOT_PAGES else ROOT
    for page in sorted(site_pages.rglob("*")):
        if page.is_file() and not outside_root(page, root):
            files[page.relative_to(site_pages).as_posix()] = page.read_bytes()
    # The home page links the report and data files, so it is rendered once they are known.
    # It shows what the listings show, so it is kept when they are and its links are too.
    paths = set(files) | (outputs.kept if outputs else set())
    home = partial(render_home, dataset, settings, paths, corpus.summaries)
    if outputs is None:
        files.update(home())
        return files
    outputs.key_with("home", "listings", repr(sorted(paths)))
    files.update(outputs.outputs("home", home))
    return files


def _unpacked_parts(made: Mapping[str, Made]) -> dict[str, Unpacked]:
    """Each record's data parts by id, each unpacked when it is read."""
    return {key: Unpacked(parts) for key, parts in parts_of(made).items()}


def build(settings: Settings, site: bool = False) -> str:
    """Check everything, make every output in memory, then write; return a summary.

    With ``site``, the report is printed too (PDF and standalone HTML) and MkDocs builds the
    site from the written tree. Checking a record also makes its page and data rows, in the
    process that checks it (``load_rendered``): that is where workers and the store come in.
    A damaged store is deleted, said in one line, and the build runs cold.
    """
    with writing(settings), build_lock(settings):
        recover(settings.site_dir)
        publishing = Publishing(settings) if site else None
        try:
            store, damage = open_store(settings.out_dir)
            try:
                if damage is not None:
                    _say_rebuilt(settings, damage)
                try:
                    summary = _make_docs(settings, store, publishing)
                except (StoreDamaged, sqlite3.DatabaseError) as error:
                    if not is_damage(error):
                        raise
                    store.close()
                    remove_store(settings.out_dir)
                    store, _ = open_store(settings.out_dir)
                    _say_rebuilt(settings, str(error))
                    summary = _make_docs(settings, store, publishing)
            finally:
                store.close()
            if publishing is None:
                return summary
            # 4. The site: MkDocs builds into a staging folder that then replaces build/site/.
            publishing.finish()
        finally:
            if publishing is not None:
                publishing.close()
    return f"{summary}\nbuilt the site into {display_path(settings.site_dir, settings.root)}"


def _make_docs(settings: Settings, store: Store, publishing: Publishing | None) -> str:
    """Steps 1 to 3 in one transaction of the store, kept only when they succeed.

    For the site (``publishing``), MkDocs starts on the written tree while the report's PDF
    is printed, and the PDF is written when it is.
    """
    site = publishing is not None
    docs = display_path(settings.docs_dir, settings.root)
    with store.transaction():
        # Nothing to do when no input changed and build/docs/ is as the last build left it.
        digests = FileDigests.stored_at(*store.files())
        fingerprint = input_fingerprint(settings, site, digests)
        if (
            store.fingerprint() == fingerprint
            and settings.docs_dir.is_dir()
            and digests.left_as_written(settings.docs_dir)
        ):
            return f"{docs} is up to date: no input changed"
        history = read_history(settings.root)
        with no_cycle_collection():
            # 1. Check everything (stops with every problem, or makes each record's part).
            dataset, summaries, made, context = load_rendered(settings, history, store, digests)
            # 2. Make every output in memory: the pages that list records, the report and
            # the data files; incident pages are filled as they are written.
            announce(len(dataset.incidents), settings.quiet, "making the indexes, report and data")
            last = stored_slots(store.slots())
            corpus = make_corpus(dataset, settings, history, last, context, summaries)
            outputs = output_cache(settings, store, digests, site, made, history, context)
            printer = publishing.print_pdf if publishing else None
            files = generate_files(dataset, settings, site, made, history, corpus, outputs, printer)
            slots = corpus.slots
            # Pages need no record once made: let the records go before writing.
            del dataset, corpus, made, summaries
        # 3. Write build/docs/, then what the next run and the live preview read.
        later = publishing.later if publishing else frozenset()
        with docs_lock(settings):
            # The incident pages are filled as each is written, never all held at once.
            changed = write_tree(settings.docs_dir, files, settings.quiet, digests, later)
            removed = remove_stale(settings.docs_dir, set(files) | outputs.kept)
        if publishing is not None:
            printed = publishing.start()
            with docs_lock(settings):
                changed += write_tree(settings.docs_dir, printed, settings.quiet, digests)
        store.put_slots(slots)
        store.put_files(digests.kept(), settings.docs_dir, clock_ns())
        store.set_meta("fingerprint", fingerprint)
    kept = f"; kept as it was: {', '.join(outputs.reused)}" if outputs.reused else ""
    return (
        f"generated {len(files) + len(outputs.kept)} files into "
        f"{docs} ({changed} written, {removed} removed){kept}"
    )


def _say_rebuilt(settings: Settings, damage: str) -> None:
    """One line on stderr: the store was damaged, so this build runs cold."""
    where = display_path(settings.out_dir / STORE, settings.root)
    print(f"{where}: warning: damaged ({damage}); deleted, building cold", file=sys.stderr)


def build_docs(settings: Settings) -> str:
    """Check, then write the generated Markdown and data; return a one-line summary."""
    return build(settings)


def build_site(settings: Settings) -> str:
    """Generate build/docs/, then build the site with MkDocs and swap it into build/site/."""
    return build(settings, site=True)


def write_preview(settings: Settings, pages: dict[str, str]) -> int:
    """Write edited records' pages ahead of the full build (``preview``); return how many.

    It does not wait for a running build: that build may still write an older page, but the
    page then differs from what the store records as written, so the build that follows
    rewrites it (``FileDigests.left_as_written``). The store is left alone: a running build
    holds it.
    """
    with docs_lock(settings):
        return write_tree(settings.docs_dir, dict(pages))
