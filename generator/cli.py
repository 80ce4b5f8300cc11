"""The command line: one thin command per stage; problems are printed, then one summary line.

Commands import their stage inside the command, so that ``--help`` and ``check`` stay quick:
the build and the report pull in MkDocs, matplotlib and WeasyPrint, which take seconds to load.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from generator import __version__
from generator.content.load import display_path
from generator.core.errors import ContentError, shown_lines, summarize, write_problem
from generator.core.settings import Settings

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100, "terminal_width": 100}


def _settings(**options: Any) -> Any:
    root = click.get_current_context().find_root().params.get("root")
    given = {key: value for key, value in options.items() if value is not None}
    return Settings.for_root(root, **given) if root else Settings(**given)


def _command_name() -> str:
    """The running command's words below the program: 'check', 'new source'."""
    words = []
    context: click.Context | None = click.get_current_context()
    while context is not None and context.parent is not None:
        words.append(context.info_name or "")
        context = context.parent
    return " ".join(reversed(words)) or "check"


def _run(action: Callable[[], object]) -> None:
    """Run a command; problems and refused writes are printed and exit 1, never a traceback."""
    try:
        try:
            result = action()
        except OSError as error:  # a full disk or read-only folder (builds name it themselves)
            path = display_path(Path(error.filename or "."), Path.cwd())
            problem = write_problem(error, path)
            if problem is None:
                raise
            raise ContentError([problem]) from error
    except ContentError as error:
        for line in shown_lines(error.problems):
            click.echo(line)
        click.echo(summarize(error.problems, _command_name()), err=True)
        sys.exit(1)
    if isinstance(result, str) and result:
        click.echo(result)


strict_option = click.option("-s", "--strict", is_flag=True, help="Treat warnings as errors.")
quiet_option = click.option("-q", "--quiet", is_flag=True, help="No progress output.")


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="generator")
@click.option(
    "-C",
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Repository to work on (holds content/ and mkdocs.yml) [the current checkout].",
)
def cli(root: Path | None) -> None:
    """Check incident records and publish them as a site, a report and open data."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@strict_option
def check(paths: tuple[Path, ...], strict: bool) -> None:
    """Validate content/ and list every problem (only those in PATHS, if given)."""
    from generator.build.check import check_paths

    _run(lambda: check_paths(_settings(strict=strict), paths))


@cli.command()
@strict_option
@quiet_option
def build(strict: bool, quiet: bool) -> None:
    """Check content, then write the site's Markdown and data into build/docs/."""
    from generator.build.pipeline import build_docs

    _run(lambda: build_docs(_settings(strict=strict, quiet=quiet)))


@cli.command()
@strict_option
@quiet_option
def site(strict: bool, quiet: bool) -> None:
    """Build, then run mkdocs build --strict into build/site/ (kept intact on failure)."""
    from generator.build.pipeline import build_site

    _run(lambda: build_site(_settings(strict=strict, quiet=quiet)))


@cli.command()
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1.")
def serve(port: int) -> None:
    """Live preview that regenerates when a record, source or template changes."""
    from generator.tools.serve import serve_site

    _run(lambda: serve_site(_settings(), port))


@cli.command()
@click.option("--type", "kind", metavar="TYPE", help="Only incidents of this incident type.")
@click.option("--since", metavar="DATE", help="Only incidents starting on or after DATE.")
@click.option("--until", metavar="DATE", help="Only incidents starting on or before DATE.")
@click.option("--region", metavar="REGION", help="Only incidents in this region.")
@click.option("--ids", metavar="ID,ID", help="Only these incident ids, comma-separated.")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder [build/report].")
def report(
    kind: str | None,
    since: str | None,
    until: str | None,
    region: str | None,
    ids: str | None,
    out: Path | None,
) -> None:
    """Build the comparative report as report.html and report.pdf.

    Exits 1, writing nothing, when no published incident matches the options.
    """
    from generator.build.report_files import NothingSelected, build_report
    from generator.report.document import Selection
    from generator.tools import options

    for name, value in (("--since", since), ("--until", until)):
        _refuse(name, options.bad_date(value))
    vocabulary = options.vocabulary_of(_settings())
    if vocabulary is not None:
        _refuse("--type", options.unknown_type(vocabulary, [kind] if kind else []))
        _refuse("--region", options.unknown_region(vocabulary, region))
    selection = Selection.from_options(kind=kind, since=since, until=until, region=region, ids=ids)
    try:
        _run(lambda: build_report(_settings(), selection, out))
    except NothingSelected as error:
        click.echo(f"report failed: {error}", err=True)
        sys.exit(1)


def _refuse(option: str, message: str | None) -> None:
    """A value that names nothing is a usage error (exit 2), as click's own are."""
    if message is not None:
        raise click.BadParameter(message, param_hint=f"'{option}'")


@cli.command()
@click.argument("base")
@click.argument("head", required=False)
def diff(base: str, head: str | None) -> None:
    """Semantic diff of the dataset between git revisions, as Markdown for a pull request.

    HEAD defaults to the working tree.
    """
    from generator.tools.diff import diff_revisions

    _run(lambda: diff_revisions(_settings(), base, head))


@cli.group(invoke_without_command=True, subcommand_metavar="[source]")
@click.option("--date", "date", metavar="YYYY-MM-DD", help="Start date.")
@click.option("--place", help="Settlement where it happened.")
@click.option("--title", help="Short descriptive title.")
@click.option("--type", "kinds", multiple=True, metavar="TYPE", help="Incident type (repeatable).")
@click.pass_context
def new(
    ctx: click.Context,
    date: str | None,
    place: str | None,
    title: str | None,
    kinds: tuple[str, ...],
) -> None:
    """Write a valid file to fill in: an incident draft, or a source; never overwrites a file.

    \b
    An incident draft:  new --date YYYY-MM-DD --place PLACE --title TITLE [--type TYPE]...
    A source:           new source --url URL [--title ...] [--published ...]
    """
    if ctx.invoked_subcommand is not None:
        if date or place or title or kinds:
            raise click.UsageError("--date, --place, --title and --type are for an incident")
        return
    from generator.tools import options

    vocabulary = options.vocabulary_of(_settings()) if kinds else None
    if vocabulary is not None:
        _refuse("--type", options.unknown_type(vocabulary, kinds))
    if date is None or place is None or title is None:
        missing = [
            n for n, v in (("--date", date), ("--place", place), ("--title", title)) if v is None
        ]
        raise click.UsageError(f"Missing option '{missing[0]}'.")
    from generator.tools.scaffold import new_record

    start, where, heading = date, place, title
    _run(lambda: new_record(_settings(), start, where, heading, kinds))


@new.command("source")
@click.option("--url", required=True, help="Address of the report.")
@click.option("--title", help="Headline as published, in the report's language.")
@click.option("--published", metavar="DATE", help="YYYY-MM-DD as the report gives it, or YYYY.")
@click.option("--publisher", help="Outlet [guessed from the address].")
@click.option("--type", "kind", metavar="TYPE", help="Publisher type [guessed from the address].")
@click.option("--language", metavar="CODE", help="ISO 639-1 code [guessed from the address].")
def new_source(
    url: str,
    title: str | None,
    published: str | None,
    publisher: str | None,
    kind: str | None,
    language: str | None,
) -> None:
    """Write a source file for a report's address, named <publisher>-<date>-<words>.yaml.

    The publisher, its type and the language are guessed from the address where
    content/vocabulary.yaml's publishers: knows its domain; a date in the address names the file.
    """
    from generator.tools.scaffold_source import SourceOptions, new_source

    options = SourceOptions(url, title, published, publisher, kind, language)
    _run(lambda: new_source(_settings(), options))


@cli.command()
@click.option("--timeout", default=10.0, show_default=True, help="Seconds per request.")
@click.option("--concurrency", default=4, show_default=True, help="Requests at once.")
@click.option(
    "--archive-api",
    default="https://archive.org",
    show_default=True,
    metavar="URL",
    help="Wayback-style availability API (/wayback/available) asked for a copy of each source "
    "without an archive_url; the copy found is printed, never written. '' asks nothing.",
)
def links(timeout: float, concurrency: int, archive_api: str) -> None:
    """Check every source URL on the network (opt-in): dead, moved, unarchived.

    A source without an archive_url is told of an archived copy where one exists. Exits 1 when
    a link is dead, 3 when no host answered at all (no network).
    """
    from generator.tools.links import EXIT_NO_NETWORK, NoNetwork, check_links

    try:
        _run(
            lambda: check_links(
                _settings(),
                timeout=timeout,
                concurrency=concurrency,
                archive_api=archive_api or None,
            )
        )
    except NoNetwork as error:
        click.echo(f"links failed: {error}", err=True)
        sys.exit(EXIT_NO_NETWORK)


@cli.command()
def schema() -> None:
    """Regenerate content/schema/*.json from the record models."""
    from generator.tools.schema import write_schemas

    _run(lambda: write_schemas(_settings()))
