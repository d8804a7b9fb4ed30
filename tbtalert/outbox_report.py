"""What the outbox holds, for officials: queued, deferred, failed with reasons, bounced addresses.

Read-only; the rows and their states are those of :mod:`tbtalert.mail.claims`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from tbtalert.models import Delivery, Notification, Subscriber


@dataclass
class DeliveryLine:
    """One delivery that needs a look: to whom, what, how often tried, the last error."""

    email: str
    symbol: str
    notification_id: int
    kind: str
    attempts: int
    error: str
    status: str


@dataclass
class OutboxReport:
    """Counts by state, and the deliveries and addresses behind the bad ones."""

    counts: dict[str, int]
    deferred: list[DeliveryLine] = field(default_factory=list)
    failed: list[DeliveryLine] = field(default_factory=list)
    bounced: list[Subscriber] = field(default_factory=list)


def _lines(session: Session, *where: object, limit: int) -> list[DeliveryLine]:
    rows = session.exec(
        select(Delivery, Subscriber.email, Notification.symbol)
        .join(Subscriber, col(Subscriber.id) == Delivery.subscriber_id)
        .join(Notification, col(Notification.id) == Delivery.notification_id)
        .where(*where)  # type: ignore[arg-type]
        .order_by(col(Delivery.queued_at).desc())
        .limit(limit)
    ).all()
    return [
        DeliveryLine(email, symbol, d.notification_id, d.kind, d.attempts, d.last_error, d.status)
        for d, email, symbol in rows
    ]


def outbox_report(session: Session, limit: int = 50) -> OutboxReport:
    """The outbox now: queued (never tried), deferred (tried, will retry), sending, failed, sent."""
    state = case(
        (
            (col(Delivery.status) == "queued") & (col(Delivery.attempts) > 0),
            "deferred",
        ),
        else_=col(Delivery.status),
    )
    counts = {"queued": 0, "deferred": 0, "sending": 0, "failed": 0, "sent": 0}
    for name, n in session.exec(select(state, func.count()).group_by(state)).all():
        counts[str(name)] = int(n)
    deferred = (col(Delivery.status) == "queued", col(Delivery.attempts) > 0)
    bounced = session.exec(
        select(Subscriber)
        .where(Subscriber.status == "bounced")
        .order_by(col(Subscriber.updated_at).desc())
        .limit(limit)
    ).all()
    return OutboxReport(
        counts,
        deferred=_lines(session, *deferred, limit=limit),
        failed=_lines(session, col(Delivery.status) == "failed", limit=limit),
        bounced=list(bounced),
    )
