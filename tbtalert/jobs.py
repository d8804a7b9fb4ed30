"""The jobs of the main job: what the scheduler runs and ``tbtalert cycle`` runs once.

Each job is a plain function ``(engine, settings, ...)`` that does its work
through the ingest, matcher and mailer modules and logs ONE line, in
``key=value`` form, with its counts and duration, e.g.::

    job=fetch source=samples status=ok fetched=8 new=8 updated=0 matched=8 tags=11 queued=6 sent=6 failed=0 duration=0.84s

A failing source is reported in that line (``status=failed error="..."``)
and never raised; a mailer or database error is raised to the caller (the
scheduler logs it in one line and keeps the schedule going).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from tbtalert.config import Settings
from tbtalert.ingest import RunSummary, fetch_sources
from tbtalert.mail.runs import SendReport, send, send_reminders
from tbtalert.models import Delivery
from tbtalert.source_switches import is_switched_off
from tbtalert.tags import MatchSummary, match_notifications

log = logging.getLogger(__name__)


def _value(value: Any) -> str:
    text = f"{value:.2f}s" if isinstance(value, float) else str(value)
    return (
        text if text and not any(c in text for c in ' "=') else '"' + text.replace('"', "'") + '"'
    )


def log_line(**fields: Any) -> str:
    """Log one job summary as ``key=value`` pairs (quoted when needed); return the line."""
    line = " ".join(f"{key}={_value(value)}" for key, value in fields.items())
    log.info("%s", line)
    return line


def _send_counts(report: SendReport | None) -> dict[str, int]:
    if report is None:
        return {"queued": 0, "sent": 0, "deferred": 0, "failed": 0}
    return {
        "queued": report.queued,
        "sent": report.sent,
        "deferred": report.deferred,  # left queued for the next run (mail server unreachable...)
        "failed": report.failed,
    }


def queued_backlog(engine: Engine, frequency: str | None = None) -> int:
    """How many deliveries wait in the outbox, queued or left mid-send (one frequency, or all)."""
    waiting = col(Delivery.status).in_(("queued", "sending"))
    query = select(func.count()).select_from(Delivery).where(waiting)
    if frequency is not None:
        query = query.where(Delivery.frequency == frequency)
    with Session(engine) as session:
        return int(session.exec(query).one())


@dataclass
class FetchJobReport:
    """One source fetched, its news tagged and the immediate mail sent."""

    run: RunSummary
    match: MatchSummary
    send: SendReport | None
    duration: float


def fetch_job(
    engine: Engine, settings: Settings, source_name: str, *, force: bool = False
) -> FetchJobReport | None:
    """Fetch one source, tag what is untagged, then mail immediate subscribers if there is news.

    The immediate sender runs when this fetch brought new or updated
    notifications, when the matcher tagged anything, or when immediate mail
    waits in the outbox (left by a crash or an unreachable SMTP server).
    A source an official switched off is skipped (None) unless ``force``
    (an official's "run now").
    """
    if not force and is_switched_off(engine, source_name):
        log_line(job="fetch", source=source_name, status="switched-off")
        return None
    started = time.monotonic()
    (run,) = fetch_sources(engine, settings, only=source_name)
    match = match_notifications(engine, settings)
    news = run.new or run.updated or match.notifications
    report = (
        send(engine, settings, "immediate") if news or queued_backlog(engine, "immediate") else None
    )
    result = FetchJobReport(run, match, report, time.monotonic() - started)
    fields: dict[str, Any] = {
        "job": "fetch",
        "source": run.source,
        "status": run.status,
        "fetched": run.fetched,
        "new": run.new,
        "updated": run.updated,
        "matched": match.notifications,
        "tags": match.tags,
        **_send_counts(report),
        "duration": result.duration,
    }
    if run.error:
        fields["error"] = run.error
    log_line(**fields)
    return result


@dataclass
class CycleReport:
    """``tbtalert cycle``: every enabled source fetched, news tagged, immediate mail sent."""

    runs: list[RunSummary]
    match: MatchSummary
    send: SendReport
    duration: float = 0.0
    failed_sources: list[str] = field(default_factory=list)


def cycle(engine: Engine, settings: Settings) -> CycleReport:
    """Fetch every enabled source once, tag the news, send immediate mail."""
    started = time.monotonic()
    runs = fetch_sources(engine, settings)
    match = match_notifications(engine, settings)
    report = send(engine, settings, "immediate")
    failed = [run.source for run in runs if run.status == "failed"]
    result = CycleReport(runs, match, report, time.monotonic() - started, failed)
    log_line(
        job="cycle",
        sources=len(runs),
        failed_sources=",".join(failed) or "none",
        fetched=sum(r.fetched for r in runs),
        new=sum(r.new for r in runs),
        updated=sum(r.updated for r in runs),
        matched=match.notifications,
        tags=match.tags,
        **_send_counts(report),
        duration=result.duration,
    )
    return result


@dataclass
class DigestJobReport:
    """A digest run (daily or weekly), with the deadline reminders of the day."""

    digest: SendReport
    reminders: SendReport | None
    duration: float


def daily_job(engine: Engine, settings: Settings) -> DigestJobReport:
    """Send the daily digests, then the deadline reminders due today."""
    started = time.monotonic()
    digest = send(engine, settings, "daily")
    reminders = send_reminders(engine, settings)
    result = DigestJobReport(digest, reminders, time.monotonic() - started)
    log_line(
        job="daily",
        **_send_counts(digest),
        messages=digest.messages,
        reminders_sent=reminders.sent,
        reminders_failed=reminders.failed,
        duration=result.duration,
    )
    return result


def weekly_job(engine: Engine, settings: Settings) -> DigestJobReport:
    """Send the weekly digests.

    The weekly bulletin is not built yet. When ``tbtalert.bulletin`` exists,
    this job is where it is published, after the digests, with its result in
    the same log line.
    """
    started = time.monotonic()
    digest = send(engine, settings, "weekly")
    result = DigestJobReport(digest, None, time.monotonic() - started)
    log_line(
        job="weekly",
        **_send_counts(digest),
        messages=digest.messages,
        duration=result.duration,
    )
    return result


@dataclass
class SweepReport:
    """Notifications stored outside the fetch jobs, tagged, and their immediate mail sent."""

    match: MatchSummary
    send: SendReport | None
    duration: float


def sweep_job(engine: Engine, settings: Settings) -> SweepReport:
    """Tag what other processes stored and send immediate mail that waits; quiet when idle.

    ``tbtalert import`` (another process) stores notifications untagged, and
    immediate mail can wait in the outbox after an unreachable mail server.
    The fetch jobs handle both only when their own source runs, which may be
    a day away; this job, every ``sweep_minutes``, does it within minutes. It
    logs its line only when it did something.
    """
    started = time.monotonic()
    match = match_notifications(engine, settings)
    waiting = match.notifications or queued_backlog(engine, "immediate")
    report = send(engine, settings, "immediate") if waiting else None
    result = SweepReport(match, report, time.monotonic() - started)
    if waiting:
        log_line(
            job="sweep",
            matched=match.notifications,
            tags=match.tags,
            **_send_counts(report),
            duration=result.duration,
        )
    return result


def scheduled_jobs() -> dict[str, Any]:
    """The job functions the scheduler runs, by kind (see ``tbtalert.scheduler``)."""
    return {"fetch": fetch_job, "daily": daily_job, "weekly": weekly_job, "sweep": sweep_job}
