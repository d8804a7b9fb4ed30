"""Finding stored notifications: text, sector, member, area, open for comments, dates, untagged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, exists, func, not_, or_
from sqlmodel import Session, col, select

from tbtalert.models import Notification, Tag

PER_PAGE = 25


@dataclass
class Filters:
    """What an official searches for; empty values filter nothing."""

    text: str = ""
    sector: str = ""
    member: str = ""
    area: str = ""
    open_only: bool = False
    since: date | None = None
    until: date | None = None
    untagged: bool = False
    page: int = 1


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _clauses(filters: Filters, today: date) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if filters.text.strip():
        pattern = _like(filters.text.strip())
        fields = (Notification.symbol, Notification.title, Notification.products)
        text_fields = (*fields, Notification.description, Notification.member_name)
        clauses.append(or_(*(col(f).ilike(pattern, escape="\\") for f in text_fields)))
    if filters.sector:
        clauses.append(
            exists().where(
                and_(
                    col(Tag.notification_id) == Notification.id,
                    col(Tag.sector_id) == filters.sector,
                    col(Tag.status) == "active",
                )
            )
        )
    if filters.untagged:
        active = and_(col(Tag.notification_id) == Notification.id, col(Tag.status) == "active")
        clauses.append(not_(exists().where(active)))
    if filters.member:
        clauses.append(col(Notification.member) == filters.member.strip().upper())
    if filters.area:
        clauses.append(col(Notification.area) == filters.area)
    if filters.open_only:
        clauses.append(col(Notification.comment_deadline) >= today)
    if filters.since:
        clauses.append(col(Notification.distribution_date) >= filters.since)
    if filters.until:
        clauses.append(col(Notification.distribution_date) <= filters.until)
    return clauses


def find_notifications(
    session: Session, filters: Filters, *, today: date, per_page: int = PER_PAGE
) -> tuple[list[Notification], int]:
    """One page of the notifications that match, newest first, and how many match in all."""
    where = and_(True, *_clauses(filters, today))
    total = int(session.exec(select(func.count()).select_from(Notification).where(where)).one())
    rows = session.exec(
        select(Notification)
        .where(where)
        .order_by(
            col(Notification.distribution_date).desc().nulls_last(),
            col(Notification.id).desc(),
        )
        .limit(per_page)
        .offset((max(filters.page, 1) - 1) * per_page)
    ).all()
    return list(rows), total


def tags_of(session: Session, notification_ids: list[int | None]) -> dict[int, list[Tag]]:
    """The tags of these notifications, by notification, sectors in order."""
    found: dict[int, list[Tag]] = {i: [] for i in notification_ids if i is not None}
    query = select(Tag).where(col(Tag.notification_id).in_(list(found)))
    for tag in session.exec(query.order_by(col(Tag.sector_id))).all():
        found[tag.notification_id].append(tag)
    return found


def members(session: Session) -> list[tuple[str, str]]:
    """The members that notified anything stored: (code, name), by code."""
    rows = session.exec(
        select(Notification.member, func.max(Notification.member_name))
        .group_by(col(Notification.member))
        .order_by(col(Notification.member))
    ).all()
    return [(code, name or code) for code, name in rows]
