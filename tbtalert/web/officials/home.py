"""``/officials/``: what waits for the official today."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from tbtalert.review import queue_counts
from tbtalert.status import collect_status
from tbtalert.web.deps import SessionDep, SettingsDep
from tbtalert.web.officials.pages import page
from tbtalert.web.officials.session import OfficialDep

router = APIRouter()


@router.get("/")
def home(
    request: Request, user: OfficialDep, session: SessionDep, settings: SettingsDep
) -> Response:
    """Counts that need a person: the review queue, failing sources, failed mail."""
    report = collect_status(request.app.state.engine, settings)
    failing = [s for s in report.sources if s.last_status == "failed"]
    return page(
        request,
        "home.html",
        user=user,
        counts=queue_counts(session),
        failing=failing,
        report=report,
    )
