"""``/officials/notifications``: search, a notification's whole record, decisions on its tags."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response
from sqlmodel import Session, col, select

from tbtalert.decisions import decide, follow_ups, history, mark_reviewed
from tbtalert.errors import TagError
from tbtalert.finder import PER_PAGE, Filters, find_notifications, members, tags_of
from tbtalert.models import AREAS, Notification, Sector, User, utcnow
from tbtalert.web.deps import SessionDep
from tbtalert.web.officials.pages import get_or_404, local_target, page, redirect, translator
from tbtalert.web.officials.session import OfficialDep, language

router = APIRouter()


def sectors(session: Session) -> list[Sector]:
    """Every sector, in the taxonomy's order."""
    return list(session.exec(select(Sector).order_by(col(Sector.position))).all())


def official_name(user: User) -> str:
    """The name stored with an official's decisions."""
    return user.name or user.email


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@router.get("/notifications")
def search(
    request: Request,
    user: OfficialDep,
    session: SessionDep,
    q: str = "",
    sector: str = "",
    member: str = "",
    area: Annotated[str, Query(pattern="^(|TBT|SPS|NAT)$")] = "",
    open: str = "",
    since: str = "",
    until: str = "",
    untagged: str = "",
    page_number: Annotated[int, Query(alias="page", ge=1)] = 1,
) -> Response:
    """Search and filter, newest first, 25 a page."""
    filters = Filters(
        q, sector, member, area, bool(open), _day(since), _day(until), bool(untagged), page_number
    )
    rows, total = find_notifications(session, filters, today=utcnow().date())
    return page(
        request,
        "notifications.html",
        user=user,
        filters=filters,
        rows=rows,
        total=total,
        pages=(total + PER_PAGE - 1) // PER_PAGE,
        tags=tags_of(session, [n.id for n in rows]),
        sectors=sectors(session),
        members=members(session),
        areas=AREAS,
    )


@router.get("/notifications/{notification_id}")
def detail(
    request: Request, notification_id: int, user: OfficialDep, session: SessionDep
) -> Response:
    """Every stored field, links, the follow-up chain, each tag with its reason and history."""
    notification = get_or_404(session, Notification, notification_id)
    base = session.get(Notification, notification.base_id) if notification.base_id else None
    chain = [base or notification, *follow_ups(session, base or notification)]
    return page(
        request,
        "notification.html",
        user=user,
        n=notification,
        chain=chain,
        tags=tags_of(session, [notification.id])[notification_id],
        events=history(session, notification_id),
        sectors=sectors(session),
        names={s.id: s for s in sectors(session)},
    )


@router.post("/notifications/{notification_id}/decide")
def decide_tag(
    request: Request,
    notification_id: int,
    user: OfficialDep,
    session: SessionDep,
    sector: Annotated[str, Form()] = "",
    status: Annotated[str, Form(pattern="^(active|rejected)$")] = "active",
    note: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    """Confirm, add or reject one sector; it reaches the follow-ups and is kept on re-tags."""
    tr = translator(language(request))
    try:
        done = decide(session, notification_id, sector, status, by=official_name(user), reason=note)
    except TagError as err:
        session.rollback()
        return redirect(
            request,
            local_target(next, f"/officials/notifications/{notification_id}"),
            flash=err.message,
        )
    session.commit()
    verb = tr("đã gắn", "added") if status == "active" else tr("đã bỏ", "rejected")
    reached = (
        tr(
            f"; áp dụng cho {len(done.follow_ups)} văn bản tiếp theo",
            f"; applied to {len(done.follow_ups)} follow-up(s)",
        )
        + f" ({', '.join(done.follow_ups)})"
        if done.follow_ups
        else ""
    )
    flash = f"{done.symbol}: {sector} {verb}{reached}."
    return redirect(
        request, local_target(next, f"/officials/notifications/{notification_id}"), flash=flash
    )


@router.post("/notifications/{notification_id}/reviewed")
def reviewed(
    request: Request,
    notification_id: int,
    user: OfficialDep,
    session: SessionDep,
    next: Annotated[str, Form()] = "",
) -> Response:
    """An untagged notification stays untagged: take it off the review queue."""
    notification = get_or_404(session, Notification, notification_id)
    assert notification.id is not None
    mark_reviewed(session, notification.id, by=official_name(user))
    session.commit()
    tr = translator(language(request))
    flash = f"{notification.symbol}: " + tr("không thuộc ngành nào.", "no sector fits.")
    return redirect(request, local_target(next, "/officials/review"), flash=flash)
