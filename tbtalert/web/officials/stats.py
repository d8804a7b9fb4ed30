"""``/officials/stats``: per week and per sector, with charts drawn as inline SVG."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from tbtalert.models import utcnow
from tbtalert.statistics import ORIGINS, collect_statistics
from tbtalert.web.deps import SessionDep
from tbtalert.web.officials.pages import page
from tbtalert.web.officials.session import OfficialDep

router = APIRouter()


@router.get("/stats")
def statistics(request: Request, user: OfficialDep, session: SessionDep) -> Response:
    """The last twelve weeks, and each sector now."""
    stats = collect_statistics(session, today=utcnow().date())
    return page(request, "stats.html", user=user, stats=stats, origins=ORIGINS)
