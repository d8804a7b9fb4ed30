"""Rows for mail tests: notifications with tags and subscribers, inserted directly.

Mail tests do not depend on the matcher's rules: they write the Tag rows a
matcher would have written, with a reason.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine

from tbtalert.db import session_scope
from tbtalert.models import Notification, Subscriber, SubscriberSector, Tag

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 08:00 in Ha Noi, a Monday


def add_notification(
    engine: Engine,
    symbol: str,
    *,
    member: str = "USA",
    sectors: dict[str, str] | None = None,
    seen: datetime = T0,
    **fields: Any,
) -> int:
    """Store a notification and its active tags ({sector: reason}; None: coffee); return its id."""
    area = symbol.split("/")[1] if symbol.startswith("G/") else "NAT"
    values: dict[str, Any] = {
        "symbol": symbol,
        "base_symbol": symbol,
        "area": area,
        "member": member,
        "title": f"Title of {symbol}",
        "products": "Coffee, roasted",
        "distribution_date": date(2026, 2, 27),
        "comment_deadline": date(2026, 4, 28),
        "notification_url": f"https://eping.wto.org/en/Search?viewData={symbol}",
        "document_urls": [f"https://members.wto.org/crnattachments/2026/TBT/{member}/x.pdf"],
        "first_seen_at": seen,
        "matched_at": seen,
    }
    values.update(fields)
    with session_scope(engine) as session:
        note = Notification(**values)
        session.add(note)
        session.flush()
        assert note.id is not None
        tags = {"coffee": "HS 090111 under 0901"} if sectors is None else sectors
        for sector, reason in tags.items():
            session.add(Tag(notification_id=note.id, sector_id=sector, reason=reason))
        return note.id


def add_subscriber(
    engine: Engine,
    email: str,
    *,
    sectors: tuple[str, ...] = ("coffee",),
    since: datetime = T0 - timedelta(days=30),
    **fields: Any,
) -> int:
    """Store an active subscriber following ``sectors``; return its id."""
    values: dict[str, Any] = {"email": email, "name": email.split("@")[0], "subscribed_at": since}
    values.update(fields)
    with session_scope(engine) as session:
        sub = Subscriber(**values)
        session.add(sub)
        session.flush()
        assert sub.id is not None
        for sector in sectors:
            session.add(SubscriberSector(subscriber_id=sub.id, sector_id=sector))
        return sub.id
