"""A populated database for the open-data tests, and what each filter should return.

``populate`` writes notifications whose fields vary by their index (member,
area, sectors, deadlines, dates, words), plus everything open data must never
show: subscribers, an official's decision, error texts, addresses in notified
text, ``javascript:`` and ``data:`` links. Each spec keeps what was written, so
a test computes the expected answer of a filter in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine

from tbtalert.db import session_scope
from tbtalert.models import (
    Delivery,
    Notification,
    Source,
    SourceRun,
    Subscriber,
    SubscriberSector,
    Tag,
)

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
MEMBERS = ("EU", "USA", "CHN", "JPN")
NATIONAL = "VNM:https://tcvn.example.gov.vn/tcvn?id=5&x=1#moi"
OFFICIAL = "Nguyễn Thị Lan"
PRIVATE = (
    "lan@sokhcn.example.gov.vn",
    "an@caphe.example.com",
    "Công ty Cà phê Bí Mật",
    "Trần Văn Bí Mật",
    OFFICIAL,
    "Traceback",
    "db-password-hunter2",
    "550 5.1.1 mailbox unknown",
)


@dataclass
class Spec:
    """One stored notification as the test wrote it."""

    symbol: str
    member: str
    area: str
    sectors: list[str]
    title: str
    distribution_date: date | None
    comment_deadline: date | None
    entry_into_force: date | None
    updated_at: datetime
    id: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def specs(today: date, n: int = 24) -> list[Spec]:
    """``n`` WTO notifications around ``today``, then an addendum and a national update."""
    out = []
    for i in range(n):
        member = MEMBERS[i % 4]
        area = "SPS" if i % 3 == 0 else "TBT"
        sectors = [s for s, hit in (("coffee", i % 2 == 0), ("rubber", i % 3 == 0)) if hit]
        out.append(
            Spec(
                symbol=f"G/{area}/N/{member}/{100 + i}",
                member=member,
                area=area,
                sectors=sectors,
                title=f"Regulation {i} on {'roasted coffee' if i % 2 == 0 else 'tyres'}",
                distribution_date=date(2026, 1, 1) + timedelta(days=i),
                comment_deadline=None if i % 5 == 4 else today + timedelta(days=i - 8),
                entry_into_force=today + timedelta(days=30 + i) if i % 4 == 1 else None,
                updated_at=T0 + timedelta(hours=i),
            )
        )
    base = out[0]
    out.append(
        Spec(
            symbol=f"{base.symbol}/Add.1",
            member=base.member,
            area=base.area,
            sectors=["coffee"],
            title='=HYPERLINK("http://evil.example","Addendum") adopted',
            distribution_date=date(2026, 2, 1),
            comment_deadline=today + timedelta(days=40),
            entry_into_force=None,
            updated_at=T0 + timedelta(days=2),
            extra={"base_symbol": base.symbol, "doc_type": "addendum"},
        )
    )
    out.append(
        Spec(
            symbol=NATIONAL,
            member="VNM",
            area="NAT",
            sectors=["coffee"],
            title="TCVN 4193:2026 Cà phê nhân",
            distribution_date=None,
            comment_deadline=None,
            entry_into_force=today + timedelta(days=3),
            updated_at=T0 + timedelta(days=3),
            extra={"doc_type": "national"},
        )
    )
    return out


def _notification(spec: Spec, base_ids: dict[str, int]) -> Notification:
    extra = dict(spec.extra)
    base_symbol = extra.pop("base_symbol", spec.symbol)
    return Notification(
        symbol=spec.symbol,
        base_symbol=base_symbol,
        base_id=base_ids.get(base_symbol) if base_symbol != spec.symbol else None,
        area=spec.area,
        member=spec.member,
        title=spec.title,
        products="+cà phê rang; -tyres" if spec.symbol.endswith("/101") else "Coffee",
        description="Comments to enquiry@mhlw.example.go.jp before the deadline.",
        hs_codes=["090121"],
        distribution_date=spec.distribution_date,
        comment_deadline=spec.comment_deadline,
        entry_into_force=spec.entry_into_force,
        notification_url="javascript:alert(1)"
        if spec.symbol.endswith("/102")
        else f"https://eping.wto.org/en/Search?viewData={spec.symbol}",
        document_urls=["data:text/html,<script>x</script>", "https://docs.example.org/x.pdf"],
        first_seen_at=T0,
        updated_at=spec.updated_at,
        matched_at=T0,
        **extra,
    )


def populate(engine: Engine, today: date) -> list[Spec]:
    """Write the notifications of :func:`specs` and the private rows; return the specs with ids."""
    written = specs(today)
    base_ids: dict[str, int] = {}
    with session_scope(engine) as session:
        for spec in written:
            row = _notification(spec, base_ids)
            session.add(row)
            session.flush()
            assert row.id is not None
            spec.id = base_ids[spec.symbol] = row.id
            for sector in spec.sectors:
                origin = "inherited" if spec.symbol.endswith("/Add.1") else "auto"
                session.add(
                    Tag(
                        notification_id=row.id,
                        sector_id=sector,
                        origin=origin,
                        reason=f"inherited from {written[0].symbol}: added by {OFFICIAL}"
                        if origin == "inherited"
                        else "'coffee' in title, see lan@sokhcn.example.gov.vn",
                    )
                )
        # an official's decisions: one active tag, one rejected
        session.add(
            Tag(
                notification_id=written[0].id,
                sector_id="processed_food",
                origin="official",
                reason=f"added by {OFFICIAL} (lan@sokhcn.example.gov.vn)",
                decided_by=OFFICIAL,
                decided_at=T0,
            )
        )
        written[0].sectors.append("processed_food")
        session.add(
            Tag(
                notification_id=written[1].id,
                sector_id="seafood",
                origin="official",
                status="rejected",
                reason=f"rejected by {OFFICIAL}",
                decided_by=OFFICIAL,
            )
        )
        _private_rows(session, written[0].id)
    return written


def _private_rows(session: Any, notification_id: int) -> None:
    sub = Subscriber(
        email="an@caphe.example.com",
        name="Trần Văn Bí Mật",
        company="Công ty Cà phê Bí Mật",
        markets=["EU", "JPN"],
        subscribed_at=T0 - timedelta(days=30),
    )
    session.add(sub)
    session.flush()
    session.add(SubscriberSector(subscriber_id=sub.id, sector_id="coffee"))
    session.add(
        Delivery(
            subscriber_id=sub.id,
            notification_id=notification_id,
            status="failed",
            last_error="550 5.1.1 mailbox unknown <an@caphe.example.com>",
        )
    )
    source = Source(name="eping", kind="eping", url="https://eping.wto.org/api")
    session.add(source)
    session.flush()
    session.add(
        SourceRun(
            source_id=source.id,
            status="failed",
            error="Traceback: postgresql://tbt:db-password-hunter2@10.0.0.5/tbt refused",
        )
    )
