"""``/officials/review``: the queue of what needs a person, one click per decision."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from tbtalert.review import queue_counts, review_queue
from tbtalert.web.deps import SessionDep
from tbtalert.web.officials.notifications import sectors
from tbtalert.web.officials.pages import page
from tbtalert.web.officials.session import OfficialDep

router = APIRouter()
PER_PAGE = 20


@router.get("/review")
def queue(
    request: Request,
    user: OfficialDep,
    session: SessionDep,
    kind: Annotated[str, Query(pattern="^(|untagged|weak)$")] = "",
    page_number: Annotated[int, Query(alias="page", ge=1)] = 1,
) -> Response:
    """Untagged notifications and weak tags, newest first; keys j/k, c, r, a."""
    items, total = review_queue(
        session, kind=kind, limit=PER_PAGE, offset=(page_number - 1) * PER_PAGE
    )
    return page(
        request,
        "review.html",
        user=user,
        items=items,
        total=total,
        kind=kind,
        counts=queue_counts(session),
        current=page_number,
        pages=(total + PER_PAGE - 1) // PER_PAGE,
        sectors=sectors(session),
    )
