"""Health check (``/healthz``, JSON) and the status page (``/`` and ``/status``)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from tbtalert.status import (
    StatusReport,
    collect_status,
    format_every,
    format_when,
    leader_alive,
)
from tbtalert.web.deps import SettingsDep, TemplatesDep

router = APIRouter()

ROLE_LABELS = {
    "leader": "đang chạy lịch / leader",
    "standby": "dự phòng / standby",
    "starting": "đang khởi động / starting",
    "stopped": "đã dừng / stopped",
    "off": "chỉ web / web only",
}
DIGEST_LABELS = {"daily": "Hằng ngày / daily", "weekly": "Hằng tuần / weekly"}


def role_of(request: Request) -> str:
    """This process's scheduler role: leader, standby, or off (``tbtalert serve``)."""
    coordinator = getattr(request.app.state, "coordinator", None)
    return str(coordinator.role) if coordinator is not None else "off"


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def health_document(report: StatusReport, role: str, leader_ok: bool) -> dict[str, Any]:
    """The JSON ``/healthz`` answers."""
    ok = report.database == "ok"
    return {
        "status": "ok" if ok else "error",
        "database": report.database,
        "scheduler": {
            "role": role,
            "leader": report.lease.holder if report.lease else None,
            "leader_renewed_at": _iso(report.lease.renewed_at) if report.lease else None,
            "leader_alive": leader_ok,
        },
        "last_runs": [
            {
                "source": s.name,
                "status": s.last_status,
                "finished_at": _iso(s.last_finished),
                "error": s.error,
                "next_run": _iso(s.next_run),
            }
            for s in report.sources
        ],
        "outbox": {"queued": report.backlog, "failed": report.failed},
        "last_digest": {d.frequency: _iso(d.last_sent) for d in report.digests},
    }


@router.get("/healthz")
def healthz(request: Request, settings: SettingsDep) -> JSONResponse:
    """200 when the database answers, 503 when it does not; the body says what runs."""
    report = collect_status(request.app.state.engine, settings)
    body = health_document(report, role_of(request), leader_alive(report, settings))
    return JSONResponse(body, status_code=200 if report.database == "ok" else 503)


@router.get("/", response_class=HTMLResponse)
@router.get("/status", response_class=HTMLResponse)
def status_page(request: Request, settings: SettingsDep, templates: TemplatesDep) -> HTMLResponse:
    """The status page: sources, next runs, outbox backlog, last digests."""
    report = collect_status(request.app.state.engine, settings)
    zone = ZoneInfo(settings.timezone)
    page = templates.get_template("web/status.html").render(
        report=report,
        role=role_of(request),
        leader_ok=leader_alive(report, settings),
        when=lambda value: format_when(value, zone, report.checked_at),
        every=format_every,
        role_labels=ROLE_LABELS,
        digest_labels=DIGEST_LABELS,
    )
    return HTMLResponse(page, status_code=200 if report.database == "ok" else 503)
