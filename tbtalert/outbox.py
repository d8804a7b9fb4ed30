"""The outbox: which deliveries are due, and each delivery row's state.

A Delivery row is unique per (subscriber, notification, kind). Its states::

    queued ──claim──▶ sending ──SMTP 250──▶ sent
      ▲                 │ 4xx / lost connection, attempts left this run: retried
      └──── deferred ◀──┤ 4xx after the run's last attempt (next run retries)
                        ├──▶ failed   (5xx; for a refused recipient the subscriber is bounced)
    queued ───────────────▶ skipped   (the subscriber is no longer active)

A claim writes the message's Message-ID and the run's ``host:pid:run`` on
every row of the message and commits before the message is handed to SMTP.
Rows left in ``sending`` by a run that is over (its process died, or it
stopped on an error) are taken over by the next run and sent again as the
same message (same rows, same Message-ID). A deferred item queued more than
``smtp_give_up_hours`` ago fails at its next attempt instead of staying queued.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import String, and_, bindparam, cast, exists, literal, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from tbtalert.config import Settings
from tbtalert.models import (
    Delivery,
    Notification,
    Subscriber,
    SubscriberSector,
    Tag,
    UTCDateTime,
)

_ACTIVE_RUNS: set[str] = set()  # sending runs going on in this process


@contextmanager
def sending_run() -> Iterator[str]:
    """A token for one sending run, known in this process as active while the run lasts.

    Rows the run claims carry it (see :func:`sender_identity`); once the run
    is over, however it ended, the next run takes them over.
    """
    token = uuid.uuid4().hex
    _ACTIVE_RUNS.add(token)
    try:
        yield token
    finally:
        _ACTIVE_RUNS.discard(token)


def sender_identity(run: str) -> str:
    """``host:pid:run`` of a sending run, written on the rows it claims."""
    return f"{socket.gethostname()}:{os.getpid()}:{run}"


@dataclass
class Job:
    """One message to send: a subscriber, a kind, and the delivery rows it covers."""

    subscriber_id: int
    kind: str  # alert | reminder | heartbeat
    frequency: str
    delivery_ids: list[int] = field(default_factory=list)
    notification_ids: list[int] = field(default_factory=list)
    message_id: str = ""
    recovered: bool = False


def _not_delivered(kind: str) -> ColumnElement[bool]:
    done = aliased(Delivery)
    return ~exists().where(
        col(done.subscriber_id) == Subscriber.id,
        col(done.notification_id) == Notification.id,
        col(done.kind) == kind,
    )


def eligible_pairs(session: Session, frequency: str) -> list[tuple[int, int]]:
    """(subscriber, notification) pairs due for an alert and not yet queued.

    The rule: the subscriber is active with this frequency; the notification
    is announced, was first seen after the subscriber subscribed, and has an
    active tag in one of the subscriber's sectors, with its member among the
    subscriber's markets and its area among the areas (empty lists: all). A
    follow-up of a notification the subscriber was sent is also due.
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
        .where(*common)
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


def insert_deliveries(session: Session, rows: list[dict[str, object]]) -> None:
    """Insert delivery rows, ignoring those that already exist (another sender got there)."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = insert(Delivery).on_conflict_do_nothing(
        index_elements=["subscriber_id", "notification_id", "kind"]
    )
    conn = session.connection()  # Core, not the ORM's bulk path: a fraction of the cost
    for start in range(0, len(rows), 5000):
        conn.execute(stmt, rows[start : start + 5000])


def queued_rows(
    pairs: list[tuple[int, int]], kind: str, frequency: str, now: datetime
) -> list[dict[str, Any]]:
    """New delivery rows, queued, for (subscriber id, notification id) pairs."""
    return [
        {
            "subscriber_id": sid,
            "notification_id": nid,
            "kind": kind,
            "frequency": frequency,
            "status": "queued",
            "attempts": 0,
            "last_error": "",
            "message_id": "",
            "claimed_by": "",
            "queued_at": now,
        }
        for sid, nid in pairs
    ]


def queue_alerts(session: Session, frequency: str, now: datetime) -> int:
    """Queue a delivery for every eligible pair; return how many were queued."""
    pairs = eligible_pairs(session, frequency)
    insert_deliveries(session, queued_rows(pairs, "alert", frequency, now))
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
    insert_deliveries(session, queued_rows(pairs, "reminder", "reminder", now))
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


def pending_jobs(session: Session, kind: str, frequency: str) -> list[Job]:
    """Queued rows grouped into messages: one per row for immediate, else one per subscriber."""
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
    jobs: dict[tuple[int, int], Job] = {}
    for did, sid, nid in rows:
        assert did is not None
        key = (sid, did if kind == "alert" and frequency == "immediate" else 0)
        job = jobs.setdefault(key, Job(sid, kind, frequency))
        job.delivery_ids.append(did)
        job.notification_ids.append(nid)
    return list(jobs.values())


def owner_is_gone(owner: str, claimed_at: datetime | None, now: datetime, timeout: int) -> bool:
    """Whether the run that claimed a row is over: this process's run ended, its process
    died, or (another host) it has held the row longer than ``timeout`` seconds."""
    host, _, rest = owner.partition(":")
    pid, _, run = rest.partition(":")
    if host == socket.gethostname() and pid.isdigit():
        if int(pid) == os.getpid():
            return run not in _ACTIVE_RUNS
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
    return claimed_at is None or claimed_at < now - timedelta(seconds=timeout)


def recover_jobs(session: Session, settings: Settings, now: datetime, run: str) -> list[Job]:
    """Take over messages left in ``sending`` by a run that is over; same rows, same Message-ID.

    Each message is taken with a compare-and-set on its owner, so when two
    senders look at once, one of them gets it.
    """
    rows = session.exec(
        select(Delivery).where(Delivery.status == "sending").order_by(col(Delivery.id))
    ).all()
    messages: dict[str, list[Delivery]] = {}
    for row in rows:
        messages.setdefault(row.message_id, []).append(row)
    me = sender_identity(run)
    jobs = []
    for message_id, group in messages.items():
        owner, claimed_at = group[0].claimed_by, group[0].claimed_at
        if not owner_is_gone(owner, claimed_at, now, settings.smtp_claim_timeout):
            continue
        ids = [row.id for row in group if row.id is not None]
        taken = session.execute(
            update(Delivery)
            .where(
                col(Delivery.id).in_(ids),
                col(Delivery.status) == "sending",
                col(Delivery.claimed_by) == owner,
            )
            .values(claimed_by=me, claimed_at=now)
            .execution_options(synchronize_session=False)
        )
        if taken.rowcount != len(ids):  # type: ignore[attr-defined]
            # Another sender took (part of) it first: give back what this one took.
            session.execute(
                update(Delivery)
                .where(col(Delivery.id).in_(ids), col(Delivery.claimed_by) == me)
                .values(claimed_by=owner, claimed_at=claimed_at)
                .execution_options(synchronize_session=False)
            )
            continue
        first = group[0]
        job = Job(first.subscriber_id, first.kind, first.frequency, message_id=message_id)
        job.recovered = True
        job.delivery_ids = ids
        job.notification_ids = [row.notification_id for row in group]
        jobs.append(job)
    return jobs


def per_row(job: Job) -> bool:
    """Whether a job is one message per delivery row (immediate alerts) or per subscriber."""
    return job.kind == "alert" and job.frequency == "immediate"


def message_id_for(job: Job, run: str, domain: str) -> str:
    """The Message-ID a fresh job gets in run ``run``: the claim writes the same in SQL."""
    key = f"d{job.delivery_ids[0]}" if per_row(job) else f"s{job.subscriber_id}"
    return f"<{run}.{key}@{domain}>"


def claim(conn: Connection, jobs: Iterable[Job], now: datetime, run: str, domain: str) -> list[Job]:
    """Mark each job's rows ``sending`` with its Message-ID; return the jobs fully claimed.

    Two UPDATEs for the whole chunk (the Message-ID is computed in SQL from
    the run token and the row); when they changed fewer rows than asked, one
    SELECT finds which. A job some of whose rows another sender claimed first
    is left out (and its own claim undone), so two senders never send the
    same row. The caller commits.
    """
    me = sender_identity(run)
    jobs = list(jobs)
    fresh = [j for j in jobs if not j.recovered and j.delivery_ids]
    for job in fresh:
        job.message_id = message_id_for(job, run, domain)
    changed = 0
    for rowwise, key in ((True, Delivery.id), (False, Delivery.subscriber_id)):
        ids = [d for j in fresh if per_row(j) == rowwise for d in j.delivery_ids]
        if not ids:
            continue
        prefix = f"<{run}.{'d' if rowwise else 's'}"
        mid = literal(prefix) + cast(key, String) + literal(f"@{domain}>")
        changed += conn.execute(
            update(Delivery)
            .where(col(Delivery.id).in_(ids), col(Delivery.status) == "queued")
            .values(status="sending", message_id=mid, claimed_by=me, claimed_at=now)
        ).rowcount
    ids = [d for j in fresh for d in j.delivery_ids]
    if changed == len(ids):  # every row was still queued: all of it is this run's
        return jobs
    mine: dict[int, str] = {}
    for part in range(0, len(ids), 5000):
        rows = conn.execute(
            select(Delivery.id, Delivery.message_id).where(
                col(Delivery.id).in_(ids[part : part + 5000]),
                Delivery.claimed_by == me,
                Delivery.status == "sending",
            )
        )
        mine.update((did, mid) for did, mid in rows)
    claimed = [j for j in jobs if j.recovered or not j.delivery_ids]
    for job in fresh:
        if all(mine.get(d) == job.message_id for d in job.delivery_ids):
            claimed.append(job)
        else:
            conn.execute(
                update(Delivery)
                .where(
                    col(Delivery.id).in_(job.delivery_ids),
                    col(Delivery.message_id) == job.message_id,
                )
                .values(status="queued", message_id="", claimed_by="", claimed_at=None)
            )
    return claimed


@dataclass
class Outcome:
    """How sending one job ended."""

    job: Job
    status: str  # sent | deferred | failed | bounced | skipped
    tries: int = 1
    error: str = ""
    given_up: int = 0  # of a deferred job's rows, those failed for waiting too long


# Marking messages sent is most of the recorder's work: one prepared statement.
_MARK_SENT = (
    update(Delivery)
    .where(col(Delivery.id).in_(bindparam("ids", expanding=True)))
    .values(
        status="sent",
        sent_at=bindparam("now", type_=UTCDateTime),
        claimed_by="",
        attempts=col(Delivery.attempts) + bindparam("tries"),
    )
)


def record(conn: Connection, outcomes: list[Outcome], now: datetime, give_up_hours: int) -> None:
    """Write the outcomes of sent jobs in one transaction (the caller commits).

    A deferred item queued more than ``give_up_hours`` ago fails instead of
    waiting for another run (``Outcome.given_up`` counts them), keeping the
    server's last answer: like a mail server's queue lifetime.
    """
    cutoff = now - timedelta(hours=give_up_hours)
    sent_by_tries: dict[int, list[int]] = defaultdict(list)
    for out in outcomes:
        sid = out.job.subscriber_id
        if out.job.kind == "heartbeat":
            if out.status == "sent":
                conn.execute(
                    update(Subscriber)
                    .where(col(Subscriber.id) == sid)
                    .values(last_heartbeat_at=now)
                )
            continue
        if out.status == "sent":
            sent_by_tries[out.tries].extend(out.job.delivery_ids)
            continue
        values: dict[str, object] = {
            "last_error": out.error[:2000],
            "attempts": col(Delivery.attempts) + out.tries,
            "claimed_by": "",
            "claimed_at": None,
        }
        rows = col(Delivery.id).in_(out.job.delivery_ids)
        if out.status == "deferred":
            why = f"gave up after {give_up_hours} hours of temporary failures; last: {out.error}"
            out.given_up = conn.execute(
                update(Delivery)
                .where(rows, col(Delivery.queued_at) < cutoff)
                .values({**values, "status": "failed", "last_error": why[:2000]})
            ).rowcount
            values |= {"status": "queued", "message_id": ""}
        else:
            values["status"] = "skipped" if out.status == "skipped" else "failed"
        conn.execute(
            update(Delivery).where(rows, col(Delivery.status) == "sending").values(**values)
        )
        if out.status == "bounced":
            conn.execute(
                update(Subscriber)
                .where(col(Subscriber.id) == sid)
                .values(status="bounced", status_reason=out.error[:1000], updated_at=now)
            )
    for tries, ids in sent_by_tries.items():
        conn.execute(_MARK_SENT, {"ids": ids, "now": now, "tries": tries})
