"""Self sign-up on the web: who gets a mail, within which limits, and what is never changed.

The rules, so that the form cannot be used to mail-bomb an address or to
change someone else's subscription:

- one client (IP address) may send ``signup_per_ip_per_hour`` sign-ups an
  hour; more are refused with :class:`SignupLimited`;
- one address gets at most one sign-up mail per ``signup_cooldown_minutes``
  and ``signup_per_address_per_day`` a day; beyond that the form answers the
  same, and nothing is sent;
- a new address is stored ``pending`` and gets the confirmation link;
  an address already pending gets the same link again (its data unchanged);
  any other known address (active, unsubscribed, managed by an official's
  file...) is never changed: it only gets a link to its own preferences;
- unconfirmed sign-ups are deleted after ``signup_pending_days``;
- a confirmation link made before the address's latest unsubscribe is refused.

The counters live in the database (:mod:`tbtalert.ratelimit`), so several
web workers share them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import exists
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, col, delete, select

from tbtalert.config import Settings
from tbtalert.db import session_scope
from tbtalert.errors import SignupLimited, TokenError
from tbtalert.models import Delivery, Language, Subscriber, SubscriberSector, utcnow
from tbtalert.ratelimit import hit, limit_key, purge_limits
from tbtalert.subscribers import SubscriberEntry, upsert_subscriber

log = logging.getLogger(__name__)

HOUR, DAY = 3600, 86400
PURGE_EVERY = HOUR  # at most one purge of old sign-ups and counters an hour, for all workers

Mail = Literal["confirm", "preferences", "none"]


@dataclass(frozen=True)
class SignupOutcome:
    """What a sign-up leads to: which mail (if any) goes to which subscriber row."""

    mail: Mail
    subscriber_id: int
    email: str
    name: str
    language: Language


def _key(settings: Settings, bucket: str, subject: str) -> str:
    return limit_key(settings.secret_key.get_secret_value(), bucket, subject)


def _may_mail(session: Session, settings: Settings, email: str) -> bool:
    """Whether the cooldown and the daily cap of this address allow one more mail."""
    conn = session.connection()
    cooldown = settings.signup_cooldown_minutes * 60
    if not hit(conn, _key(settings, "signup-cooldown", email), limit=1, period=cooldown):
        return False
    daily = settings.signup_per_address_per_day
    return hit(conn, _key(settings, "signup-address", email), limit=daily, period=DAY)


def sign_up(
    session: Session, settings: Settings, entry: SubscriberEntry, client: str
) -> SignupOutcome:
    """Record a sign-up from ``client`` (its IP address), commit, and say which mail to send.

    Raises SignupLimited when ``client`` sent too many sign-ups this hour.
    The request's own session is used, so that a sign-up holds one pooled
    connection, never two (many sign-ups waiting for a lock would otherwise
    take every connection and wait for each other).
    """
    try:
        outcome = _record(session, settings, entry, client)
    except BaseException:
        session.rollback()
        raise
    session.commit()
    _purge_now_and_then(session.get_bind(), settings)
    return outcome


def _record(
    session: Session, settings: Settings, entry: SubscriberEntry, client: str
) -> SignupOutcome:
    limit = settings.signup_per_ip_per_hour
    if not hit(session.connection(), _key(settings, "signup-ip", client), limit=limit, period=HOUR):
        raise SignupLimited(f"too many sign-ups from {client} in the last hour", retry_after=HOUR)
    row = session.exec(select(Subscriber).where(Subscriber.email == entry.email)).first()
    mail: Mail = "confirm"
    if row is None:
        upsert_subscriber(session, entry, "web")
        row = session.exec(select(Subscriber).where(Subscriber.email == entry.email)).one()
        row.status, row.status_reason = "pending", "signed up on the web"
        session.add(row)
        session.flush()
    elif row.status != "pending":
        mail = "preferences"
    if not _may_mail(session, settings, entry.email):
        mail = "none"
    assert row.id is not None
    return SignupOutcome(mail, row.id, row.email, row.name, row.language)


def confirm(session: Session, sub: Subscriber, issued_at: datetime) -> bool:
    """Activate a pending sign-up; False when the address is not pending any more.

    Raises TokenError for a link made before the address's latest unsubscribe.
    """
    if sub.unsubscribed_at is not None and issued_at < sub.unsubscribed_at.replace(microsecond=0):
        raise TokenError("this link was made before the address unsubscribed")
    if sub.status != "pending":
        return False
    now = utcnow()
    sub.status, sub.status_reason = "active", "confirmed on the web"
    sub.subscribed_at = sub.updated_at = now
    session.add(sub)
    return True


def purge_expired(engine: Engine, settings: Settings, now: datetime | None = None) -> int:
    """Delete unconfirmed web sign-ups older than ``signup_pending_days``, and old counters.

    Returns how many sign-ups were deleted.
    """
    cutoff = (now or utcnow()) - timedelta(days=settings.signup_pending_days)
    with session_scope(engine) as session:
        stale = select(Subscriber.id).where(
            Subscriber.status == "pending",
            Subscriber.origin == "web",
            col(Subscriber.updated_at) < cutoff,
            ~exists().where(col(Delivery.subscriber_id) == Subscriber.id),
        )
        session.exec(delete(SubscriberSector).where(col(SubscriberSector.subscriber_id).in_(stale)))
        deleted = session.exec(delete(Subscriber).where(col(Subscriber.id).in_(stale)))
        count = int(deleted.rowcount or 0)
    purge_limits(engine, older_than=2 * DAY)
    if count:
        log.info(
            "sign-up: %d unconfirmed sign-up(s) older than %d days deleted",
            count,
            settings.signup_pending_days,
        )
    return count


def _purge_now_and_then(engine: Engine | Connection, settings: Settings) -> None:
    engine = engine.engine
    with engine.begin() as conn:
        due = hit(conn, "purge:signups", limit=1, period=PURGE_EVERY)
    if due:
        purge_expired(engine, settings)
