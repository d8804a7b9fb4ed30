"""The queue: which deliveries are due, queueing them, and grouping queued rows into messages.

A delivery is one item (a notification) for one subscriber, of one kind
(:data:`~tbtalert.models.DeliveryKind`): one :class:`~tbtalert.models.Delivery` row, unique
per (subscriber, notification, kind), so queueing twice queues once. Queued
rows become :class:`Job` s, one per message: one per row for immediate
alerts, one per subscriber otherwise (a digest, a reminder). A heartbeat is
a message with no rows. What happens to a row once queued is drawn in
:mod:`tbtalert.mail.claims`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import (
    JSON,
    Insert,
    Integer,
    String,
    and_,
    bindparam,
    exists,
    func,
    literal,
    true,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from tbtalert.config import Settings
from tbtalert.models import (
    Delivery,
    DeliveryFrequency,
    DeliveryKind,
    Frequency,
    Notification,
    Subscriber,
    SubscriberSector,
    Tag,
    UTCDateTime,
)

PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}  # digest frequencies
JobKind = Literal[DeliveryKind, "heartbeat", "bulletin"]  # heartbeat: no rows; bulletin: its own


@dataclass
class Job:
    """One message to send: a subscriber, a kind, and the delivery rows it covers."""

    subscriber_id: int
    kind: JobKind  # bulletin: rows of its own (tbtalert.bulletin.mailing)
    frequency: DeliveryFrequency
    delivery_ids: list[int] = field(default_factory=list)
    notification_ids: list[int] = field(default_factory=list)
    message_id: str = ""
    recovered: bool = False


def per_row(job: Job) -> bool:
    """Whether a job is one message per delivery row (immediate alerts) or per subscriber."""
    return job.kind == "alert" and job.frequency == "immediate"


def into_jobs(
    rows: Iterable[tuple[int | None, int, int]], kind: DeliveryKind, frequency: DeliveryFrequency
) -> list[Job]:
    """(delivery id or None, subscriber id, notification id) rows grouped into messages.

    Rows keep their order inside a message; messages come in the order of
    their first row.
    """
    jobs: dict[tuple[int, int], Job] = {}
    for did, sid, nid in rows:
        job = Job(sid, kind, frequency)
        job = jobs.setdefault((sid, nid if per_row(job) else 0), job)
        if did is not None:
            job.delivery_ids.append(did)
        job.notification_ids.append(nid)
    return list(jobs.values())


def _not_delivered(kind: DeliveryKind) -> ColumnElement[bool]:
    done = aliased(Delivery)
    return ~exists().where(
        col(done.subscriber_id) == Subscriber.id,
        col(done.notification_id) == Notification.id,
        col(done.kind) == kind,
    )


def eligible_pairs(session: Session, frequency: Frequency) -> list[tuple[int, int]]:
    """(subscriber, notification) pairs due for an alert and not yet queued.

    The rule: the subscriber is active with this frequency; the notification
    is announced, was first seen after the subscriber subscribed, and has an
    active tag in one of the subscriber's sectors, with its member among the
    subscriber's markets and its area among the areas (empty lists: all). A
    follow-up of a notification the subscriber was sent is also due while the
    base or the follow-up still has an active tag in one of the subscriber's
    sectors: once officials reject those sectors (a decision on a base reaches
    its follow-ups), later follow-ups stop.
    """
    common = (
        Subscriber.status == "active",
        Subscriber.frequency == frequency,
        Notification.announce == True,  # noqa: E712
        Notification.first_seen_at >= Subscriber.subscribed_at,
        _not_delivered("alert"),
    )
    tagged = (
        select(Subscriber.id, Notification.id, Notification.member, Notification.area)
        .join(SubscriberSector, col(SubscriberSector.subscriber_id) == Subscriber.id)
        .join(
            Tag,
            and_(col(Tag.sector_id) == SubscriberSector.sector_id, col(Tag.status) == "active"),
        )
        .join(Notification, col(Notification.id) == Tag.notification_id)
        .where(*common)
        .distinct()
    )
    base_sent = (
        select(Subscriber.id, Notification.id)
        .select_from(Notification)
        .join(
            Delivery,
            and_(
                col(Delivery.notification_id) == Notification.base_id,
                col(Delivery.kind) == "alert",
                col(Delivery.status) == "sent",
            ),
        )
        .join(Subscriber, col(Subscriber.id) == Delivery.subscriber_id)
        .where(
            *common,
            _active_tag_of_followed(Notification.id)
            | _active_tag_of_followed(Notification.base_id),
        )
    )
    filters = {
        sid: (set(markets), set(areas))
        for sid, markets, areas in session.exec(
            select(Subscriber.id, Subscriber.markets, Subscriber.areas).where(
                Subscriber.status == "active", Subscriber.frequency == frequency
            )
        ).all()
    }
    pairs: set[tuple[int, int]] = set()
    for sid, nid, member, area in session.exec(tagged).all():
        markets, areas = filters.get(sid, (set(), set()))
        if (not markets or member in markets) and (not areas or area in areas):
            pairs.add((sid, nid))  # type: ignore[arg-type]
    pairs.update((sid, nid) for sid, nid in session.exec(base_sent).all())  # type: ignore[misc]
    return sorted(pairs)


def _active_tag_of_followed(notification_id: Any) -> ColumnElement[bool]:
    """Whether that notification has an active tag in one of the subscriber's sectors."""
    return exists(
        select(Tag.id)
        .join(SubscriberSector, col(SubscriberSector.sector_id) == Tag.sector_id)
        .where(
            col(Tag.notification_id) == notification_id,
            col(Tag.status) == "active",
            col(SubscriberSector.subscriber_id) == Subscriber.id,
        )
    )


def _queued(sid: ColumnElement[Any], nid: ColumnElement[Any]) -> list[ColumnElement[Any]]:
    """The values of a new queued row, in the order of ``_QUEUED_COLUMNS``."""
    kind, frequency = bindparam("kind", type_=String), bindparam("frequency", type_=String)
    status, empty = literal("queued"), literal("")
    now = bindparam("now", type_=UTCDateTime)
    return [sid, nid, kind, frequency, status, literal(0), empty, empty, empty, now]


_QUEUED_COLUMNS = ["subscriber_id", "notification_id", "kind", "frequency", "status"]
_QUEUED_COLUMNS += ["attempts", "last_error", "message_id", "claimed_by", "queued_at"]
_UNIQUE = ["subscriber_id", "notification_id", "kind"]


@cache
def _insert_queued(dialect: str) -> Insert:
    """One INSERT of queued rows for a whole list of pairs, passed as arrays.

    Rows that already exist are left as they are (another run queued them).
    """
    if dialect == "postgresql":
        ints = ARRAY(Integer)
        given = func.unnest(bindparam("sids", type_=ints), bindparam("nids", type_=ints))
        pg_pair = given.table_valued("sid", "nid").render_derived()
        pg_rows = pg_pair.select().with_only_columns(*_queued(pg_pair.c.sid, pg_pair.c.nid))
        pg_stmt = pg_insert(Delivery).from_select(_QUEUED_COLUMNS, pg_rows)
        return pg_stmt.on_conflict_do_nothing(index_elements=_UNIQUE)
    pair = func.json_each(bindparam("pairs", type_=JSON)).table_valued("value")
    sid, nid = func.json_extract(pair.c.value, "$[0]"), func.json_extract(pair.c.value, "$[1]")
    # A WHERE clause keeps SQLite from reading ON CONFLICT as a join's ON.
    rows = pair.select().with_only_columns(*_queued(sid, nid)).where(true())
    stmt = sqlite_insert(Delivery).from_select(_QUEUED_COLUMNS, rows)
    return stmt.on_conflict_do_nothing(index_elements=_UNIQUE)


def insert_queued(
    session: Session,
    pairs: list[tuple[int, int]],
    kind: DeliveryKind,
    frequency: DeliveryFrequency,
    now: datetime,
) -> None:
    """Queue a delivery of ``kind`` for each (subscriber id, notification id) pair, in one statement."""
    if not pairs:
        return
    dialect = session.get_bind().dialect.name
    params: dict[str, Any] = {"kind": kind, "frequency": frequency, "now": now}
    if dialect == "postgresql":
        params |= {"sids": [s for s, _ in pairs], "nids": [n for _, n in pairs]}
    else:
        params["pairs"] = pairs
    session.connection().execute(_insert_queued(dialect), params)


def queue_alerts(session: Session, frequency: Frequency, now: datetime) -> int:
    """Queue a delivery for every eligible pair; return how many were queued."""
    pairs = eligible_pairs(session, frequency)
    insert_queued(session, pairs, "alert", frequency, now)
    return len(pairs)


def reminder_pairs(session: Session, settings: Settings, now: datetime) -> list[tuple[int, int]]:
    """Pairs due for a deadline reminder and not yet reminded.

    The subscriber was sent the notification before the reminder window
    opened (``reminder_days`` before the final date for comments), and the
    comment period is still open today.
    """
    if settings.reminder_days <= 0:
        return []
    today = now.astimezone(ZoneInfo(settings.timezone)).date()
    window_end = today + timedelta(days=settings.reminder_days)
    rows = session.exec(
        select(
            col(Subscriber.id),
            col(Notification.id),
            col(Notification.comment_deadline),
            col(Delivery.sent_at),
        )
        .select_from(Delivery)
        .join(Subscriber, col(Subscriber.id) == Delivery.subscriber_id)
        .join(Notification, col(Notification.id) == Delivery.notification_id)
        .where(
            Delivery.kind == "alert",
            Delivery.status == "sent",
            Subscriber.status == "active",
            col(Notification.comment_deadline).is_not(None),
            col(Notification.comment_deadline) >= today,
            col(Notification.comment_deadline) <= window_end,
            _not_delivered("reminder"),
        )
    ).all()
    zone = ZoneInfo(settings.timezone)
    due = []
    for sid, nid, deadline, sent_at in rows:
        assert deadline is not None and sent_at is not None
        opens = deadline - timedelta(days=settings.reminder_days)
        if sent_at.astimezone(zone).date() < opens:
            due.append((sid, nid))
    return sorted(due)  # type: ignore[arg-type]


def queue_reminders(session: Session, settings: Settings, now: datetime) -> int:
    """Queue the due reminders (kind ``reminder``); return how many."""
    pairs = reminder_pairs(session, settings, now)
    insert_queued(session, pairs, "reminder", "reminder", now)
    return len(pairs)


def skip_inactive(session: Session) -> int:
    """Queued rows of subscribers no longer active become ``skipped``; return how many."""
    inactive = select(Subscriber.id).where(Subscriber.status != "active")
    result = session.execute(
        update(Delivery)
        .where(col(Delivery.status) == "queued", col(Delivery.subscriber_id).in_(inactive))
        .values(status="skipped", last_error="subscriber is not active")
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def pending_rows(
    session: Session, kind: DeliveryKind, frequency: DeliveryFrequency
) -> list[tuple[int, int, int]]:
    """(delivery id, subscriber id, notification id) of queued rows of active subscribers."""
    rows = session.exec(
        select(Delivery.id, Delivery.subscriber_id, Delivery.notification_id)
        .join(Subscriber, col(Subscriber.id) == Delivery.subscriber_id)
        .where(
            Delivery.status == "queued",
            Delivery.kind == kind,
            Delivery.frequency == frequency,
            Subscriber.status == "active",
        )
        .order_by(col(Delivery.subscriber_id), col(Delivery.id))
    ).all()
    return [(did, sid, nid) for did, sid, nid in rows if did is not None]


def pending_jobs(session: Session, kind: DeliveryKind, frequency: DeliveryFrequency) -> list[Job]:
    """Queued rows grouped into messages: one per row for immediate, else one per subscriber."""
    return into_jobs(pending_rows(session, kind, frequency), kind, frequency)


def heartbeat_jobs(
    session: Session, frequency: Frequency, now: datetime, busy: set[int]
) -> list[Job]:
    """Digest subscribers who asked for a heartbeat and were sent nothing in this period."""
    since = now - PERIODS[frequency] + timedelta(hours=1)
    got_mail = select(Delivery.subscriber_id).where(
        Delivery.status == "sent", col(Delivery.sent_at) >= since
    )
    rows = session.exec(
        select(Subscriber.id).where(
            Subscriber.status == "active",
            Subscriber.frequency == frequency,
            Subscriber.heartbeat == True,  # noqa: E712
            Subscriber.subscribed_at < since,
            col(Subscriber.id).not_in(got_mail),
            (col(Subscriber.last_heartbeat_at).is_(None))
            | (col(Subscriber.last_heartbeat_at) < since),
        )
    ).all()
    return [Job(sid, "heartbeat", frequency) for sid in rows if sid is not None and sid not in busy]
