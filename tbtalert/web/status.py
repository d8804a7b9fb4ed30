"""Health check (``/healthz``, JSON) and the public status page (``/`` and ``/status``).

Both are public, so both show names and states only: each source's name,
kind, schedule and how its last run ended, never its URL (which may hold
credentials or a key), an error text (which names URLs, paths and hosts),
the leader's host and process, or why the database failed. Officials read
those details in their workspace and with ``tbtalert status``.

``/healthz`` reads the database in threads of its own (at most
``HEALTH_THREADS`` at once), so it answers even while every worker thread
of the pages waits for a lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import anyio.to_thread
from anyio import CapacityLimiter
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from tbtalert.status import (
    StatusReport,
    collect_status,
    format_every,
    format_when,
    leader_alive,
)
from tbtalert.web.deps import EngineDep, SettingsDep, TemplatesDep

router = APIRouter()

ROLE_LABELS = {
    "leader": "đang chạy lịch / leader",
    "standby": "dự phòng / standby",
    "starting": "đang khởi động / starting",
    "stopped": "đã dừng / stopped",
    "off": "chỉ web / web only",
}
DIGEST_LABELS = {"daily": "Hằng ngày / daily", "weekly": "Hằng tuần / weekly"}
HEALTH_THREADS = 4


def role_of(request: Request) -> str:
    """This process's scheduler role: leader, standby, or off (``tbtalert serve``)."""
    coordinator = getattr(request.app.state, "coordinator", None)
    return str(coordinator.role) if coordinator is not None else "off"


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class PublicSource:
    """What the public page shows of a source: its name, schedule and state."""

    name: str
    kind: str
    enabled: bool
    interval_minutes: float
    last_status: str
    last_started: datetime | None
    last_finished: datetime | None
    last_ok: datetime | None
    next_run: datetime | None
    fetched: int
    new: int
    updated: int


def public_sources(report: StatusReport) -> list[PublicSource]:
    """The report's sources without URL or error text (templates cannot show what they lack)."""
    return [
        PublicSource(
            s.name,
            s.kind,
            s.enabled,
            s.interval_minutes,
            s.last_status,
            s.last_started,
            s.last_finished,
            s.last_ok,
            s.next_run,
            s.fetched,
            s.new,
            s.updated,
        )
        for s in report.sources
    ]


def health_document(report: StatusReport, role: str, leader_ok: bool) -> dict[str, Any]:
    """The JSON ``/healthz`` answers: states and times, no URL, host or error text."""
    ok = report.database == "ok"
    return {
        "status": "ok" if ok else "error",
        "database": "ok" if ok else "unreachable",
        "scheduler": {
            "role": role,
            "leader_renewed_at": _iso(report.lease.renewed_at) if report.lease else None,
            "leader_alive": leader_ok,
        },
        "last_runs": [
            {
                "source": s.name,
                "status": s.last_status,
                "finished_at": _iso(s.last_finished),
                "next_run": _iso(s.next_run),
            }
            for s in report.sources
        ],
        "outbox": {"queued": report.backlog, "failed": report.failed},
        "last_digest": {d.frequency: _iso(d.last_sent) for d in report.digests},
    }


def _health_limiter(request: Request) -> CapacityLimiter:
    limiter = getattr(request.app.state, "health_limiter", None)
    if limiter is None:
        limiter = request.app.state.health_limiter = CapacityLimiter(HEALTH_THREADS)
    assert isinstance(limiter, CapacityLimiter)
    return limiter


@router.get("/healthz")
async def healthz(request: Request, settings: SettingsDep) -> JSONResponse:
    """200 when the database answers, 503 when it does not; the body says what runs."""
    engine = request.app.state.health_engine
    report = await anyio.to_thread.run_sync(
        collect_status, engine, settings, limiter=_health_limiter(request)
    )
    body = health_document(report, role_of(request), leader_alive(report, settings))
    return JSONResponse(body, status_code=200 if report.database == "ok" else 503)


@router.get("/", response_class=HTMLResponse)
@router.get("/status", response_class=HTMLResponse)
def status_page(
    request: Request, settings: SettingsDep, engine: EngineDep, templates: TemplatesDep
) -> HTMLResponse:
    """The status page: sources and their state, next runs, outbox backlog, last digests."""
    report = collect_status(engine, settings)
    zone = ZoneInfo(settings.timezone)
    page = templates.get_template("web/status.html").render(
        database_ok=report.database == "ok",
        sources=public_sources(report),
        leader_renewed_at=report.lease.renewed_at if report.lease else None,
        leader_running=bool(report.lease and report.lease.holder),
        queued=report.queued,
        backlog=report.backlog,
        failed=report.failed,
        digests=report.digests,
        checked_at=report.checked_at,
        role=role_of(request),
        leader_ok=leader_alive(report, settings),
        when=lambda value: format_when(value, zone, report.checked_at),
        every=format_every,
        role_labels=ROLE_LABELS,
        digest_labels=DIGEST_LABELS,
    )
    return HTMLResponse(page, status_code=200 if report.database == "ok" else 503)
