"""``tbtalert run``, ``serve``, ``cycle`` and ``status``: the main job and its reports."""

from __future__ import annotations

import logging
import os
import sys
from zoneinfo import ZoneInfo

import typer

from tbtalert.cli.app import app, get_state
from tbtalert.ingest import check_sources
from tbtalert.jobs import cycle as run_cycle
from tbtalert.status import StatusReport, collect_status, format_every, format_when, leader_alive


@app.command()
def run(ctx: typer.Context) -> None:
    """The main job: fetch, tag and mail on schedule, with the web UI. Stop with Ctrl+C."""
    state = get_state(ctx)
    settings = state.settings()
    from tbtalert.scheduler import plan_jobs  # APScheduler: only the main job needs it

    # Stop here, before anything runs, on a bad schedule or source setting.
    plan_jobs(settings)
    check_sources(settings)
    engine = state.engine()
    # APScheduler says "Running job"/"executed successfully" for every run; the
    # jobs' own one-line summaries say more, so keep only its warnings.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    # The web stack (FastAPI, uvicorn) is imported only by the commands that
    # serve pages, so every other command starts quickly.
    from tbtalert.service import run_service

    clean = run_service(engine, settings)
    engine.dispose()
    if not clean:
        # A job thread is still busy past the shutdown bound: leave without
        # waiting for it; its database work is rolled back and redone later.
        logging.shutdown()
        sys.stdout.flush()
        os._exit(0)


@app.command()
def serve(ctx: typer.Context) -> None:
    """Only the web UI (status page, subscription links), without the schedule."""
    from tbtalert.service import serve_web

    state = get_state(ctx)
    serve_web(state.engine(), state.settings())


@app.command()
def cycle(ctx: typer.Context) -> None:
    """Fetch every enabled source once, tag the news, send immediate mail (exit 1 if a source failed)."""
    state = get_state(ctx)
    report = run_cycle(state.engine(), state.settings())
    for run_ in report.runs:
        typer.echo(run_.line())
    typer.echo(f"matched: {report.match.notifications} notifications, {report.match.tags} tags")
    typer.echo(
        f"immediate mail: {report.send.queued} queued, {report.send.sent} sent, "
        f"{report.send.failed} failed"
    )
    if report.failed_sources:
        raise typer.Exit(1)


def status_lines(report: StatusReport, zone: ZoneInfo, leader_ok: bool, database: str) -> list[str]:
    """The text ``tbtalert status`` prints."""

    def when(value: object) -> str:
        return format_when(value, zone, report.checked_at)  # type: ignore[arg-type]

    lines = [f"database: {database} ({report.database})", f"times in {zone.key}"]
    lease = report.lease
    if lease is None or not lease.holder:
        lines.append("scheduler: not running")
    else:
        state = "alive" if leader_ok else "silent"
        lines.append(
            f"scheduler: {lease.holder} leads ({state}, last heartbeat {when(lease.renewed_at)})"
        )
    lines.append("sources:")
    for s in report.sources:
        enabled = "" if s.enabled else ", disabled"
        lines.append(f"  {s.name} ({s.kind}, {format_every(s.interval_minutes)}{enabled})")
        if s.last_status == "never run":
            lines.append("    last run: never")
        elif s.last_status == "failed":
            lines.append(f"    last run: {when(s.last_started)} failed: {s.error}")
            lines.append(f"    last success: {when(s.last_ok)}")
        else:
            lines.append(
                f"    last run: {when(s.last_finished)} {s.last_status}, {s.fetched} fetched, "
                f"{s.new} new, {s.updated} updated"
            )
        lines.append(f"    next run: {when(s.next_run)}")
    detail = ", ".join(f"{freq} {n}" for freq, n in sorted(report.queued.items()))
    lines.append(
        f"outbox: {report.backlog} queued{f' ({detail})' if detail else ''}, {report.failed} failed"
    )
    for d in report.digests:
        lines.append(
            f"{d.frequency} digest: last sent {when(d.last_sent)}, next {when(d.next_run)}"
        )
    return lines


@app.command()
def status(ctx: typer.Context) -> None:
    """Sources' last runs, next run times, outbox backlog, last digests."""
    state = get_state(ctx)
    settings = state.settings()
    engine = state.engine()
    report = collect_status(engine, settings)
    url = engine.url.render_as_string(hide_password=True)
    zone = ZoneInfo(settings.timezone)
    for line in status_lines(report, zone, leader_alive(report, settings), url):
        typer.echo(line)
