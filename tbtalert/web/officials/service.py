"""``/officials/service``: each source's health, switching and "run now", the outbox, the leader.

This is the detail the public status page does not show: error texts, the
leader's host name, addresses that bounced.
"""

from __future__ import annotations

import logging
import threading
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy.engine import Engine

from tbtalert.config import Settings
from tbtalert.jobs import fetch_job
from tbtalert.outbox_report import outbox_report
from tbtalert.scheduler import job_id
from tbtalert.source_switches import is_switched_off, switch, switches
from tbtalert.status import collect_status, format_every, leader_alive
from tbtalert.web.deps import SessionDep, SettingsDep
from tbtalert.web.officials.notifications import official_name
from tbtalert.web.officials.pages import page, redirect, translator
from tbtalert.web.officials.session import OfficialDep, language
from tbtalert.web.status import ROLE_LABELS, role_of

log = logging.getLogger(__name__)
router = APIRouter()


class ManualRuns:
    """Sources fetched now at an official's request, in threads of this process (one per source)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.running: set[str] = set()

    def start(self, engine: Engine, settings: Settings, name: str) -> bool:
        """Start fetching ``name``; False when it is already running here."""
        with self._lock:
            if name in self.running:
                return False
            self.running.add(name)
        threading.Thread(
            target=self._run,
            args=(engine, settings, name),
            name=f"tbtalert-run-{name}",
            daemon=True,
        ).start()
        return True

    def _run(self, engine: Engine, settings: Settings, name: str) -> None:
        try:
            fetch_job(engine, settings, name, force=True)
        except Exception:
            log.exception("job=fetch source=%s status=crashed (run now)", name)
        finally:
            with self._lock:
                self.running.discard(name)


def manual_runs(request: Request) -> ManualRuns:
    """This application's runs in progress."""
    runs = request.app.state.manual_runs
    assert isinstance(runs, ManualRuns)
    return runs


def _known(settings: Settings, name: str) -> None:
    if all(s.name != name for s in settings.sources):
        raise HTTPException(status_code=404, detail="no such source")


@router.get("/service")
def service(
    request: Request, user: OfficialDep, session: SessionDep, settings: SettingsDep
) -> Response:
    """Sources, the outbox and the scheduler's leader."""
    report = collect_status(request.app.state.engine, settings)
    return page(
        request,
        "service.html",
        user=user,
        report=report,
        switches=switches(session),
        running=manual_runs(request).running,
        outbox=outbox_report(session),
        role=role_of(request),
        role_labels=ROLE_LABELS,
        leader_ok=leader_alive(report, settings),
        every=format_every,
    )


@router.post("/service/sources/{name}/run")
def run_now(request: Request, name: str, user: OfficialDep, settings: SettingsDep) -> Response:
    """Fetch a source now: through the schedule when this process leads, else in a thread here."""
    _known(settings, name)
    engine = request.app.state.engine
    tr = translator(language(request))
    coordinator = getattr(request.app.state, "coordinator", None)
    via_schedule = (
        coordinator is not None
        and not is_switched_off(engine, name)
        and coordinator.run_now(job_id("fetch", (name,)))
    )
    if via_schedule or manual_runs(request).start(engine, settings, name):
        flash = tr(
            f"Đang lấy {name}; kết quả hiện ở đây khi xong.",
            f"Fetching {name}; the result shows here when done.",
        )
    else:
        flash = tr(f"{name} đang được lấy.", f"{name} is already being fetched.")
    log.info("source %s: run now asked by %s", name, user.email)
    return redirect(request, "/officials/service#sources", flash=flash)


@router.post("/service/sources/{name}/switch")
def switch_source(
    request: Request,
    name: str,
    user: OfficialDep,
    session: SessionDep,
    settings: SettingsDep,
    enabled: Annotated[str, Form(pattern="^(on|off)$")] = "off",
) -> Response:
    """Switch a source off or on again (administrators)."""
    _known(settings, name)
    if user.role != "admin":
        raise HTTPException(status_code=403, detail="administrators only")
    switch(session, name, enabled=enabled == "on", by=official_name(user))
    session.commit()
    tr = translator(language(request))
    flash = (
        tr(f"{name}: đã bật.", f"{name}: switched on.")
        if enabled == "on"
        else tr(f"{name}: đã tắt.", f"{name}: switched off.")
    )
    return redirect(request, "/officials/service#sources", flash=flash)
