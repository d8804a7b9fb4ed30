"""Officials' decisions on tags: made on one notification, reaching its follow-ups, kept for good.

A decision puts a sector on a notification (``active``) or takes it off
(``rejected``). It is stored as the notification's tag with origin
``official`` and rule ``official``, which re-matching never rewrites, and
logged as a :class:`TagEvent` (the tag's history).

It reaches every follow-up of that notification: for a decision on
G/TBT/N/EU/9101, its addenda, corrigenda and revisions (G/TBT/N/EU/9101/Add.1,
.../Rev.1/Corr.1); for a decision on a revision, that revision's own
follow-ups. There it is stored as an official tag with rule
``official:<symbol decided on>``, so re-matching keeps it as well, unless an
official decided on the follow-up itself. A follow-up that arrives after the
decision takes it when it is matched (:func:`apply_ancestor_decisions`).

Mail not yet sent follows the decision: alerts still queued for a
subscriber who no longer follows any of the notification's active sectors
are dropped (what is eligible is computed again at each sending run).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, delete, exists, or_, update
from sqlmodel import Session, col, select

from tbtalert.errors import SymbolError, TagError
from tbtalert.models import Delivery, Notification, Sector, SubscriberSector, Tag, TagEvent, utcnow
from tbtalert.symbols import parse_symbol

DIRECT = "official"
REVIEWED = "reviewed"  # a TagEvent status: an official saw an untagged notification and left it so


@dataclass
class Decision:
    """What one decision changed: the notification, the follow-ups it reached, mail dropped."""

    symbol: str
    sector_id: str
    status: str
    follow_ups: list[str]
    dropped: int


def ancestors(symbol: str) -> list[str]:
    """The symbols a follow-up descends from, nearest first (none for a base or national item)."""
    try:
        parsed = parse_symbol(symbol)
    except SymbolError:
        return []
    found = []
    parent = parsed.parent
    while parent is not None:
        found.append(parent)
        parent = parse_symbol(parent).parent
    return found


def follow_ups(session: Session, notification: Notification) -> list[Notification]:
    """The addenda, corrigenda and revisions under a notification (any depth)."""
    below = col(Notification.symbol).startswith(notification.symbol + "/", autoescape=True)
    query = select(Notification).where(
        or_(col(Notification.base_id) == notification.id, below),
        col(Notification.id) != notification.id,
    )
    return list(session.exec(query.order_by(col(Notification.symbol))).all())


def decide(
    session: Session, notification_id: int, sector_id: str, status: str, *, by: str, reason: str
) -> Decision:
    """Record an official's decision on one notification and pass it to its follow-ups."""
    if status not in ("active", "rejected"):
        raise TagError(f"unknown decision {status!r}", hint="a tag is 'active' or 'rejected'")
    if not by.strip():
        raise TagError("an official's decision needs the official's name (--by)")
    notification = session.get(Notification, notification_id)
    if notification is None:
        raise TagError(f"no notification with id {notification_id}")
    if session.get(Sector, sector_id) is None:
        raise TagError(f"unknown sector {sector_id!r}", hint="see 'tbtalert sectors list'")
    verb = "added" if status == "active" else "rejected"
    reason = reason.strip() or f"{verb} by {by.strip()}"
    _write(session, notification, sector_id, status, by.strip(), reason, via=None)
    reached = []
    for follow_up in follow_ups(session, notification):
        if _write(session, follow_up, sector_id, status, by.strip(), reason, via=notification):
            reached.append(follow_up.symbol)
    # Follow-ups that inherit their base's tags take them again at the next match.
    session.exec(
        update(Notification)
        .where(col(Notification.base_id) == notification_id)
        .values(matched_at=None)
    )
    session.flush()
    touched = [notification.id, *(n.id for n in follow_ups(session, notification))]
    dropped = drop_unfollowed(session, [i for i in touched if i is not None])
    return Decision(notification.symbol, sector_id, status, reached, dropped)


def add_official_tag(
    session: Session, notification_id: int, sector_id: str, *, by: str, reason: str = ""
) -> Decision:
    """Put a sector on a notification and its follow-ups; re-matching keeps it."""
    return decide(session, notification_id, sector_id, "active", by=by, reason=reason)


def reject_tag(
    session: Session, notification_id: int, sector_id: str, *, by: str, reason: str = ""
) -> Decision:
    """Take a sector off a notification and its follow-ups; re-matching keeps it off."""
    return decide(session, notification_id, sector_id, "rejected", by=by, reason=reason)


def _write(
    session: Session,
    notification: Notification,
    sector_id: str,
    status: str,
    by: str,
    reason: str,
    via: Notification | None,
) -> bool:
    """Store the decision on one notification; False when its own decision stands instead."""
    assert notification.id is not None
    tag = session.exec(
        select(Tag).where(Tag.notification_id == notification.id, Tag.sector_id == sector_id)
    ).first()
    if via is not None and tag is not None and tag.origin == "official" and tag.rule == DIRECT:
        return False
    tag = tag or Tag(notification_id=notification.id, sector_id=sector_id)
    tag.origin, tag.status, tag.decided_by, tag.decided_at = "official", status, by, utcnow()
    tag.confidence = "high"
    tag.rule = DIRECT if via is None else f"{DIRECT}:{via.symbol}"
    tag.reason = reason if via is None else f"{reason} (decided on {via.symbol})"
    session.add(tag)
    session.add(
        TagEvent(
            notification_id=notification.id,
            sector_id=sector_id,
            status=status,
            decided_by=by,
            reason=reason,
            via=via.symbol if via is not None else "",
        )
    )
    return True


def apply_ancestor_decisions(
    session: Session, notifications: Iterable[Notification], tags: dict[int, dict[str, Tag]]
) -> None:
    """Give follow-ups the decisions made on what they follow up (nearest one wins).

    ``tags`` holds the notifications' current tags by id and sector and is
    kept up to date. One query for the whole batch.
    """
    lines = {n.id: ancestors(n.symbol) for n in notifications if n.id is not None}
    wanted = {symbol for chain in lines.values() for symbol in chain}
    if not wanted:
        return
    decided: dict[str, dict[str, Tag]] = {}
    rows = session.exec(
        select(Notification.symbol, Tag)
        .join(Tag, col(Tag.notification_id) == Notification.id)
        .where(col(Notification.symbol).in_(wanted), Tag.rule == DIRECT)
    ).all()
    for symbol, tag in rows:
        decided.setdefault(symbol, {})[tag.sector_id] = tag
    for notification_id, chain in lines.items():
        assert notification_id is not None
        for symbol in reversed(chain):  # the nearest ancestor is applied last and wins
            for source in decided.get(symbol, {}).values():
                _inherit(session, notification_id, symbol, source, tags[notification_id])


def _inherit(
    session: Session, notification_id: int, symbol: str, source: Tag, mine: dict[str, Tag]
) -> None:
    tag = mine.get(source.sector_id)
    if tag is not None and tag.origin == "official" and tag.rule == DIRECT:
        return
    tag = tag or Tag(notification_id=notification_id, sector_id=source.sector_id)
    tag.origin, tag.status, tag.rule = "official", source.status, f"{DIRECT}:{symbol}"
    tag.confidence = "high"
    tag.reason = f"{source.reason} (decided on {symbol})"
    tag.decided_by, tag.decided_at = source.decided_by, source.decided_at
    mine[source.sector_id] = tag
    session.add(tag)


def drop_unfollowed(session: Session, notification_ids: list[int]) -> int:
    """Drop alerts still queued for subscribers who follow none of the item's active sectors."""
    dropped = 0
    for notification_id in notification_ids:
        follows = exists().where(
            and_(
                col(SubscriberSector.subscriber_id) == Delivery.subscriber_id,
                col(Tag.sector_id) == SubscriberSector.sector_id,
                col(Tag.notification_id) == notification_id,
                col(Tag.status) == "active",
            )
        )
        result = session.exec(
            delete(Delivery).where(
                col(Delivery.notification_id) == notification_id,
                col(Delivery.kind) == "alert",
                col(Delivery.status) == "queued",
                ~follows,
            )
        )
        dropped += int(result.rowcount or 0)
    return dropped


def mark_reviewed(session: Session, notification_id: int, *, by: str) -> None:
    """Take an untagged notification off the review queue: an official saw no sector fits."""
    session.add(
        TagEvent(
            notification_id=notification_id,
            sector_id="",
            status=REVIEWED,
            decided_by=by,
            reason="no sector fits",
        )
    )


def history(session: Session, notification_id: int) -> list[TagEvent]:
    """Every decision recorded on a notification, oldest first."""
    query = select(TagEvent).where(TagEvent.notification_id == notification_id)
    return list(session.exec(query.order_by(col(TagEvent.at), col(TagEvent.id))).all())
