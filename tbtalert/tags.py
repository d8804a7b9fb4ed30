"""Tags of stored notifications: re-matching them, and officials' decisions.

The pure rules live in :mod:`tbtalert.matcher`; this module is the database
side. Automatic tags (origin ``auto``) are rewritten by each match; tags of a
follow-up without evidence of its own are ``inherited`` from its original;
officials' decisions (origin ``official``, :mod:`tbtalert.decisions`) are
never rewritten, and a follow-up takes the decisions made on what it follows up. Each tag keeps
its confidence (``high`` for codes, ``medium`` for product words in the title
or product list, ``low`` for the description or one generic word), which the
officials' review queue orders by.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from tbtalert.config import Settings
from tbtalert.db import session_scope
from tbtalert.decisions import apply_ancestor_decisions
from tbtalert.matcher import Matcher
from tbtalert.models import Notification, Tag, utcnow
from tbtalert.sectors import stored_sectors


@dataclass
class MatchSummary:
    """What one matching run did."""

    notifications: int
    tags: int


def match_notifications(
    engine: Engine, settings: Settings, *, rematch_all: bool = False
) -> MatchSummary:
    """Tag stored notifications not matched yet (or all): rewrite automatic and inherited tags.

    Officials' decisions stay as they are. Originals are matched before their
    follow-ups, so an addendum without evidence of its own inherits its base's
    active tags. Work is committed in batches.
    """
    with session_scope(engine) as session:
        matcher = Matcher.from_sectors(stored_sectors(session))
        query = select(Notification.id)
        if not rematch_all:
            query = query.where(col(Notification.matched_at).is_(None))
        order = (col(Notification.base_id).is_not(None), col(Notification.id))
        ids = [i for i in session.exec(query.order_by(*order)).all() if i is not None]
    summary = MatchSummary(0, 0)
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        with session_scope(engine) as session:
            rows = session.exec(select(Notification).where(col(Notification.id).in_(batch))).all()
            tags: dict[int, dict[str, Tag]] = {nid: {} for nid in batch}
            for tag in session.exec(select(Tag).where(col(Tag.notification_id).in_(batch))).all():
                tags[tag.notification_id][tag.sector_id] = tag
            place: dict[int | None, int] = {nid: k for k, nid in enumerate(batch)}
            for notification in sorted(rows, key=lambda n: place[n.id]):
                summary.tags += _retag(session, matcher, notification, tags)
                summary.notifications += 1
            apply_ancestor_decisions(session, rows, tags)
    return summary


BATCH = 500


def _retag(
    session: Session, matcher: Matcher, notification: Notification, tags: dict[int, dict[str, Tag]]
) -> int:
    """Rewrite one notification's automatic tags; return how many automatic ones it has.

    ``tags`` holds the batch's tags by notification and sector, kept up to
    date here, so a follow-up sees its base's new tags without a query.
    """
    assert notification.id is not None
    wanted = {
        m.sector_id: (m.reason, m.rule, "auto", m.confidence)
        for m in matcher.tag(notification_item(notification))
    }
    if not wanted and notification.base_id is not None:
        wanted = _inherited(session, notification.base_id, tags)
    existing = tags[notification.id]
    for sector_id, tag in list(existing.items()):
        if tag.origin != "official" and sector_id not in wanted:
            session.delete(tag)
            del existing[sector_id]
    written = 0
    for sector_id, (reason, rule, origin, confidence) in wanted.items():
        tag = existing.get(sector_id) or Tag(notification_id=notification.id, sector_id=sector_id)
        if tag.origin == "official":
            continue
        tag.reason, tag.rule, tag.origin, tag.status = reason, rule, origin, "active"
        tag.confidence = confidence
        existing[sector_id] = tag
        session.add(tag)
        written += 1
    notification.matched_at = utcnow()
    session.add(notification)
    return written


def _inherited(
    session: Session, base_id: int, tags: dict[int, dict[str, Tag]]
) -> dict[str, tuple[str, str, str, str]]:
    """The base notification's active tags, as a follow-up's inherited ones."""
    base = session.get(Notification, base_id)
    if base is None:
        return {}
    if base_id in tags:
        base_tags = list(tags[base_id].values())
    else:
        base_tags = list(session.exec(select(Tag).where(Tag.notification_id == base_id)).all())
    return {
        tag.sector_id: (
            f"inherited from {base.symbol}: {tag.reason}",
            "inherited",
            "inherited",
            tag.confidence,
        )
        for tag in base_tags
        if tag.status == "active"
    }


def notification_item(notification: Notification) -> dict[str, Any]:
    """The fields the matcher reads, from a stored notification."""
    return {
        "symbol": notification.symbol,
        "area": notification.area,
        "member": notification.member,
        "title": notification.title,
        "description": notification.description,
        "products": notification.products,
        "hs_codes": notification.hs_codes,
        "ics_codes": notification.ics_codes,
        "language": notification.language,
    }
