"""What the main job has done and will do: for ``tbtalert status``, ``/healthz`` and ``/status``.

Read from the database only (source runs, the outbox, the lease and the
scheduler's job table), so any process can report on the one that leads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy import Float, String, column, func, inspect, table
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from tbtalert.config import Settings
from tbtalert.errors import reason
from tbtalert.lease import LEADER_MARGIN, LeaseInfo, read_lease
from tbtalert.models import (
    SCHEDULER_JOBS,
    Delivery,
    DeliveryStatus,
    Notification,
    RunStatus,
    Source,
    SourceRun,
)
from tbtalert.owners import INTERRUPTED, owner_gone

DIGESTS = ("daily", "weekly")
# "sending": claimed by a sender that has not finished
WAITING: tuple[DeliveryStatus, ...] = ("queued", "sending")


@dataclass
class SourceStatus:
    """One configured source: its schedule and how its last fetch went."""

    name: str
    kind: str
    url: str
    enabled: bool
    interval_minutes: float
    last_started: datetime | None = None
    last_finished: datetime | None = None
    last_status: RunStatus | Literal["never run"] = "never run"
    fetched: int = 0
    new: int = 0
    updated: int = 0
    error: str = ""
    last_ok: datetime | None = None
    next_run: datetime | None = None
    stored: int = 0  # notifications this source brought


@dataclass
class DigestStatus:
    """The last digest mailed (any subscriber), and when the next one is due."""

    frequency: str
    last_sent: datetime | None = None
    next_run: datetime | None = None


@dataclass
class StatusReport:
    """Everything the status command and page show."""

    checked_at: datetime
    database: str = "ok"
    lease: LeaseInfo | None = None
    sources: list[SourceStatus] = field(default_factory=list)
    digests: list[DigestStatus] = field(default_factory=list)
    queued: dict[str, int] = field(default_factory=dict)  # frequency -> deliveries waiting
    failed: int = 0

    @property
    def backlog(self) -> int:
        return sum(self.queued.values())


def next_runs(engine: Engine) -> dict[str, datetime]:
    """Job id → next run time, from the scheduler's job table (empty before the first run)."""
    if not inspect(engine).has_table(SCHEDULER_JOBS.name):
        return {}
    jobs = table(SCHEDULER_JOBS.name, column("id", String), column("next_run_time", Float))
    with engine.connect() as conn:
        rows = conn.execute(jobs.select()).all()
    return {
        str(job_id): datetime.fromtimestamp(stamp, UTC)
        for job_id, stamp in rows
        if stamp is not None
    }


def _last_run(session: Session, name: str) -> tuple[SourceRun | None, datetime | None]:
    source = session.exec(select(Source).where(Source.name == name)).first()
    if source is None:
        return None, None
    runs = select(SourceRun).where(SourceRun.source_id == source.id)
    last = session.exec(runs.order_by(col(SourceRun.started_at).desc())).first()
    ok = session.exec(
        select(func.max(SourceRun.finished_at)).where(
            SourceRun.source_id == source.id, SourceRun.status != "failed"
        )
    ).one()
    return last, ok


def _sources(
    session: Session,
    settings: Settings,
    upcoming: dict[str, datetime],
    stored: dict[str, int] | None = None,
) -> list[SourceStatus]:
    stored = stored or {}
    out = []
    for src in settings.sources:
        item = SourceStatus(src.name, src.kind, src.url, src.enabled, src.interval_minutes)
        item.next_run = upcoming.get(f"fetch:{src.name}")
        item.stored = int(stored.get(src.name, 0))
        last, item.last_ok = _last_run(session, src.name)
        if last is not None:
            item.last_started, item.last_finished = last.started_at, last.finished_at
            item.last_status, item.error = last.status, last.error
            if last.status == "running" and owner_gone(last.owner, last.started_at):
                item.last_status, item.error = "failed", INTERRUPTED
            item.fetched, item.new, item.updated = last.fetched, last.new, last.updated
        out.append(item)
    return out


def source_statuses(engine: Engine, settings: Settings) -> list[SourceStatus]:
    """Each configured source: its last run, last success, next run and what it stored."""
    upcoming = next_runs(engine)
    with Session(engine) as session:
        stored = session.exec(
            select(Notification.source_name, func.count()).group_by(Notification.source_name)
        ).all()
        return _sources(session, settings, upcoming, {name: int(n) for name, n in stored})


def _digests(session: Session, upcoming: dict[str, datetime]) -> list[DigestStatus]:
    out = []
    for frequency in DIGESTS:
        item = DigestStatus(frequency, next_run=upcoming.get(frequency))
        sent = select(func.max(Delivery.sent_at)).where(
            Delivery.frequency == frequency, Delivery.status == "sent"
        )
        item.last_sent = session.exec(sent).one()
        out.append(item)
    return out


def collect_status(engine: Engine, settings: Settings) -> StatusReport:
    """Gather the status; a database that does not answer is reported, not raised."""
    report = StatusReport(checked_at=datetime.now(UTC))
    try:
        upcoming = next_runs(engine)
        report.lease = read_lease(engine)
        with Session(engine) as session:
            report.sources = _sources(session, settings, upcoming)
            report.digests = _digests(session, upcoming)
            counts = session.exec(
                select(Delivery.frequency, func.count())
                .where(col(Delivery.status).in_(WAITING))
                .group_by(Delivery.frequency)
            ).all()
            report.queued = {frequency: int(n) for frequency, n in counts}
            report.failed = session.exec(
                select(func.count()).select_from(Delivery).where(Delivery.status == "failed")
            ).one()
    except SQLAlchemyError as err:
        report.database = f"unreachable: {reason(err)}"
    return report


def leader_alive(report: StatusReport, settings: Settings) -> bool:
    """Whether the lease was renewed recently (by wall clock: for display only)."""
    lease = report.lease
    if lease is None or not lease.holder or lease.renewed_at is None:
        return False
    age = (report.checked_at - lease.renewed_at).total_seconds()
    return age < settings.lease_seconds * (1 + LEADER_MARGIN)


def format_when(value: datetime | None, zone: ZoneInfo, now: datetime | None = None) -> str:
    """``25/11/2026 07:00 (in 5 min)``: local time and how far it is from now; "—" for none."""
    if value is None:
        return "—"
    now = now or datetime.now(UTC)
    seconds = int((value - now).total_seconds())
    span = abs(seconds)
    if span < 60:
        distance = f"{span} s"
    elif span < 3600:
        distance = f"{span // 60} min"
    elif span < 86400 * 2:
        distance = f"{span // 3600} h {span % 3600 // 60} min"
    else:
        distance = f"{span // 86400} days"
    relative = f"in {distance}" if seconds > 0 else f"{distance} ago"
    return f"{value.astimezone(zone):%d/%m/%Y %H:%M} ({relative})"


def format_every(minutes: float) -> str:
    """``every 6 h``, ``every 30 min``, ``every 20 s``."""
    seconds = round(minutes * 60)
    if seconds % 3600 == 0:
        return f"every {seconds // 3600} h"
    if seconds % 60 == 0:
        return f"every {seconds // 60} min"
    return f"every {seconds} s"
