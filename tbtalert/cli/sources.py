"""Commands for sources: ``fetch``, ``import``, ``sources list|test``, ``export notifications``."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from tbtalert.cli.app import app, get_state
from tbtalert.errors import ConfigError
from tbtalert.export import FORMATS, export_notifications
from tbtalert.ingest import (
    IMPORT_FORMATS,
    RunSummary,
    fetch_sources,
    mark_interrupted_runs,
    read_import,
    store_import,
    try_source,
)
from tbtalert.status import format_when, source_statuses

sources_app = typer.Typer(help="The configured sources: their health, and a trial fetch.")
export_app = typer.Typer(help="Open data: stored notifications as JSON lines, CSV or Atom.")
app.add_typer(sources_app, name="sources")
app.add_typer(export_app, name="export")


def _print_summaries(summaries: list[RunSummary]) -> None:
    for summary in summaries:
        typer.echo(summary.line(), err=summary.status == "failed")


@app.command()
def fetch(
    ctx: typer.Context,
    source: Annotated[
        str | None, typer.Option("--source", "-s", help="Fetch only this source.")
    ] = None,
) -> None:
    """Pull every enabled source once (one line per source; exit 1 if any failed)."""
    state = get_state(ctx)
    summaries = fetch_sources(state.engine(), state.settings(), source)
    _print_summaries(summaries)
    if any(s.status == "failed" for s in summaries):
        raise typer.Exit(1)


@app.command("import")
def import_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="An ePing export (.xlsx/.csv), JSON page or feed.")],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help=f"One of {', '.join(IMPORT_FORMATS)} (default: by name)."
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", help="Store without mailing (like a quiet first run).")
    ] = False,
    encoding: Annotated[
        str | None,
        typer.Option(help="The CSV file's encoding when it is not UTF-8 (e.g. cp1258)."),
    ] = None,
    skip_bad_rows: Annotated[
        bool,
        typer.Option(
            "--skip-bad-rows", help="Store the good rows and name the others (default: none)."
        ),
    ] = False,
) -> None:
    """Load a file downloaded from ePing (all or nothing, unless --skip-bad-rows)."""
    state = get_state(ctx)
    # the file is read and checked before the database is opened: a bad file touches nothing
    found = read_import(
        path,
        fmt,
        max_bytes=state.settings().import_max_bytes,
        encoding=encoding,
        skip_bad_rows=skip_bad_rows,
    )
    summary = store_import(state.engine(), found, announce=not quiet)
    typer.echo(summary.line())


@sources_app.command("list")
def list_sources(ctx: typer.Context) -> None:
    """Each configured source with its last run and how many notifications it stored."""
    state = get_state(ctx)
    settings = state.settings()
    zone = ZoneInfo(settings.timezone)
    mark_interrupted_runs(state.engine())
    for s in source_statuses(state.engine(), settings):
        enabled = "" if s.enabled else " (disabled)"
        typer.echo(f"{s.name} [{s.kind}]{enabled} {s.url}")
        if s.last_status == "never run":
            typer.echo("    never run")
            continue
        good = format_when(s.last_ok, zone) if s.last_ok else "never"
        typer.echo(
            f"    last run {format_when(s.last_started, zone)}: {s.last_status}, "
            f"{s.fetched} fetched, {s.new} new, {s.updated} updated; "
            f"last good run {good}; {s.stored} stored"
        )
        if s.last_status == "failed" and s.error:
            typer.echo(f"    error: {s.error}")
        if s.next_run is not None:
            typer.echo(f"    next run {format_when(s.next_run, zone)}")


@sources_app.command("test")
def test_source_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The source to try.")],
    show: Annotated[int, typer.Option(help="How many records to show.")] = 5,
) -> None:
    """Fetch and parse one source now, storing nothing: shows what it would bring."""
    state = get_state(ctx)
    count, records = try_source(state.settings(), name, keep=show)
    typer.echo(f"{name}: ok, {count} records parsed (nothing stored)")
    for record in records[:show]:
        when = record.distribution_date.isoformat() if record.distribution_date else "no date"
        typer.echo(f"    {record.symbol}  {when}  {record.title[:80]}")


@export_app.command("notifications")
def export_command(
    ctx: typer.Context,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=f"One of {', '.join(FORMATS)}.")
    ] = "jsonl",
    sector: Annotated[
        str | None, typer.Option("--sector", help="Only notifications tagged with this sector id.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only those distributed on or after YYYY-MM-DD.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")
    ] = None,
) -> None:
    """Write every stored notification with its sectors and follow-ups."""
    state = get_state(ctx)
    try:
        since_date = date.fromisoformat(since) if since else None
    except ValueError:
        raise ConfigError(f"--since {since!r} is not a date", hint="use YYYY-MM-DD") from None
    engine = state.engine()
    if output is None:
        count = export_notifications(engine, sys.stdout, fmt, sector=sector, since=since_date)
    else:
        with output.open("w", encoding="utf-8", newline="") as fh:
            count = export_notifications(engine, fh, fmt, sector=sector, since=since_date)
    typer.echo(f"exported {count} notifications", err=True)
