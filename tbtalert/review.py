"""The review queue: what needs an official's eye, newest first.

Two kinds of item, for notifications that may be mailed (not a quiet first
run's backlog):

- **untagged**: matched, but no active sector, and no official has marked it
  "no sector fits";
- **weak**: an automatic (or inherited) active tag of ``low`` confidence:
  words found only in the description, or one generic word (see
  :mod:`tbtalert.tags`).

Notifications with a weak tag come first, then the untagged; newest first
within each. A tag an official confirmed or added is never weak.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, case, exists, func, not_, or_
from sqlmodel import Session, col, select

from tbtalert.decisions import REVIEWED
from tbtalert.models import Notification, Tag, TagEvent


def weak_evidence() -> ColumnElement[bool]:
    """An automatic active tag resting on weak evidence (see the module docstring)."""
    return and_(
        col(Tag.status) == "active", col(Tag.origin) != "official", col(Tag.confidence) == "low"
    )


def _untagged() -> ColumnElement[bool]:
    active = exists().where(
        and_(col(Tag.notification_id) == Notification.id, col(Tag.status) == "active")
    )
    reviewed = exists().where(
        and_(col(TagEvent.notification_id) == Notification.id, col(TagEvent.status) == REVIEWED)
    )
    return and_(col(Notification.matched_at).is_not(None), not_(active), not_(reviewed))


def _weak() -> ColumnElement[bool]:
    return exists().where(and_(col(Tag.notification_id) == Notification.id, weak_evidence()))


@dataclass
class ReviewItem:
    """One notification in the queue, why it is there, and its tags."""

    notification: Notification
    kind: str  # untagged | weak
    tags: list[Tag] = field(default_factory=list)
    weak: set[str] = field(default_factory=set)  # sector ids of its weak tags


def _needs_review(kind: str) -> ColumnElement[bool]:
    if kind == "untagged":
        clause = _untagged()
    elif kind == "weak":
        clause = _weak()
    else:
        clause = or_(_untagged(), _weak())
    return and_(col(Notification.announce).is_(True), clause)


def queue_counts(session: Session) -> dict[str, int]:
    """How many notifications wait in the queue, by kind."""
    counts = {}
    for kind in ("untagged", "weak"):
        query = select(func.count()).select_from(Notification).where(_needs_review(kind))
        counts[kind] = int(session.exec(query).one())
    return counts


def review_queue(
    session: Session, *, kind: str = "", limit: int = 25, offset: int = 0
) -> tuple[list[ReviewItem], int]:
    """One page of the queue (newest first) and its total length."""
    where = _needs_review(kind)
    total = int(session.exec(select(func.count()).select_from(Notification).where(where)).one())
    rows = session.exec(
        select(Notification)
        .where(where)
        .order_by(
            case((_weak(), 0), else_=1),
            col(Notification.first_seen_at).desc(),
            col(Notification.id).desc(),
        )
        .limit(limit)
        .offset(offset)
    ).all()
    ids = [n.id for n in rows]
    tags: dict[int | None, list[Tag]] = {i: [] for i in ids}
    weak: dict[int | None, set[str]] = {i: set() for i in ids}
    for tag in session.exec(
        select(Tag).where(col(Tag.notification_id).in_(ids)).order_by(col(Tag.sector_id))
    ).all():
        tags[tag.notification_id].append(tag)
    for nid, sector_id in session.exec(
        select(Tag.notification_id, Tag.sector_id).where(
            col(Tag.notification_id).in_(ids), weak_evidence()
        )
    ).all():
        weak[nid].add(sector_id)
    items = [
        ReviewItem(n, "weak" if weak[n.id] else "untagged", tags[n.id], weak[n.id]) for n in rows
    ]
    return items, total
