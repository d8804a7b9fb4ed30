"""Statistics for officials: per week and per sector, read from the database.

Weeks start on Monday and are counted by a notification's distribution
date (its first-seen date when it has none) and by a mail's sending time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from tbtalert.models import Delivery, Notification, Sector, Subscriber, SubscriberSector, Tag

ORIGINS = ("auto", "inherited", "official")


def week_of(day: date) -> date:
    """The Monday of the week ``day`` is in."""
    return day - timedelta(days=day.weekday())


@dataclass
class Week:
    """One week's counts."""

    start: date
    notifications: int = 0
    tags: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ORIGINS, 0))
    mails: int = 0


@dataclass
class SectorRow:
    """One sector's counts over the same weeks, and now."""

    id: str
    name_vi: str
    name_en: str
    tagged: int = 0
    subscribers: int = 0
    open_deadlines: int = 0


@dataclass
class Statistics:
    """Everything the statistics page shows."""

    weeks: list[Week]
    sectors: list[SectorRow]

    @property
    def most_tags(self) -> int:
        """The largest number of tags in one week (at least 1: the charts' scale)."""
        return max([sum(w.tags.values()) for w in self.weeks] + [1])


def _day(distributed: date | None, seen: datetime) -> date:
    return distributed or seen.date()


def collect_statistics(session: Session, *, today: date, weeks: int = 12) -> Statistics:
    """Counts for the last ``weeks`` weeks up to ``today``, and per sector."""
    first = week_of(today) - timedelta(weeks=weeks - 1)
    table = {first + timedelta(weeks=i): Week(first + timedelta(weeks=i)) for i in range(weeks)}
    recent = (col(Notification.distribution_date) >= first) | (
        col(Notification.distribution_date).is_(None)
        & (col(Notification.first_seen_at) >= datetime.combine(first, time.min, tzinfo=UTC))
    )
    rows = session.exec(
        select(
            col(Notification.id), col(Notification.distribution_date), Notification.first_seen_at
        ).where(recent)
    ).all()
    when = {nid: week_of(_day(d, s)) for nid, d, s in rows}
    for start in when.values():
        if start in table:
            table[start].notifications += 1
    tagged: Counter[str] = Counter()
    tags = session.exec(
        select(Tag.notification_id, Tag.origin, Tag.sector_id).where(
            col(Tag.notification_id).in_(list(when)), Tag.status == "active"
        )
    ).all()
    for nid, origin, sector_id in tags:
        start = when[nid]
        if start in table:
            table[start].tags[origin if origin in ORIGINS else "auto"] += 1
            tagged[sector_id] += 1
    sent_since = datetime.combine(first, time.min, tzinfo=UTC)
    for sent_at in session.exec(
        select(Delivery.sent_at).where(
            Delivery.status == "sent", col(Delivery.sent_at) >= sent_since
        )
    ).all():
        if sent_at is not None and week_of(sent_at.date()) in table:
            table[week_of(sent_at.date())].mails += 1
    return Statistics(list(table.values()), _sectors(session, today, tagged))


def _sectors(session: Session, today: date, tagged: Counter[str]) -> list[SectorRow]:
    followers = dict(
        session.exec(
            select(SubscriberSector.sector_id, func.count())
            .join(Subscriber, col(Subscriber.id) == SubscriberSector.subscriber_id)
            .where(Subscriber.status == "active")
            .group_by(col(SubscriberSector.sector_id))
        ).all()
    )
    open_now = dict(
        session.exec(
            select(Tag.sector_id, func.count())
            .join(Notification, col(Notification.id) == Tag.notification_id)
            .where(Tag.status == "active", col(Notification.comment_deadline) >= today)
            .group_by(col(Tag.sector_id))
        ).all()
    )
    return [
        SectorRow(
            s.id,
            s.name_vi,
            s.name_en,
            tagged=tagged.get(s.id, 0),
            subscribers=int(followers.get(s.id, 0)),
            open_deadlines=int(open_now.get(s.id, 0)),
        )
        for s in session.exec(select(Sector).order_by(col(Sector.position))).all()
    ]
