"""Matching stored notifications: officials' decisions survive, follow-ups inherit (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from tbtalert.config import Settings
from tbtalert.db import session_scope
from tbtalert.decisions import add_official_tag, reject_tag
from tbtalert.errors import TagError
from tbtalert.ingest import upsert_records
from tbtalert.models import Notification, NotificationRecord, Tag
from tbtalert.sectors import import_sectors, stored_sectors
from tbtalert.tags import match_notifications


def store(engine: Engine, *records: NotificationRecord) -> None:
    with session_scope(engine) as session:
        upsert_records(session, records, announce=True)


def record(symbol: str, title: str, **fields: Any) -> NotificationRecord:
    area = symbol.split("/")[1] if symbol.startswith("G/") else "NAT"
    return NotificationRecord(symbol=symbol, area=area, member="USA", title=title, **fields)


def tags(engine: Engine, symbol: str) -> dict[str, Tag]:
    with session_scope(engine) as session:
        notification = session.exec(select(Notification).where(Notification.symbol == symbol)).one()
        rows = session.exec(select(Tag).where(Tag.notification_id == notification.id)).all()
        return {t.sector_id: t for t in rows}


def notification_id(engine: Engine, symbol: str) -> int:
    with session_scope(engine) as session:
        found = session.exec(select(Notification.id).where(Notification.symbol == symbol)).one()
        assert found is not None
        return found


def test_match_tags_new_notifications_once(engine: Engine, settings: Settings) -> None:
    store(
        engine,
        record("G/TBT/N/USA/1", "Roasted coffee", hs_codes=["0901.21"]),
        record("G/TBT/N/USA/2", "Toy safety"),
        record("G/TBT/N/USA/3", "Conformity assessment procedures"),
    )
    assert match_notifications(engine, settings) == type(match_notifications(engine, settings))(
        3, 2
    )
    first = tags(engine, "G/TBT/N/USA/1")["coffee"]
    assert (first.origin, first.status, first.reason, first.rule) == (
        "auto", "active", "HS 090121 under 0901", "hs:0901",
    )  # fmt: skip
    assert set(tags(engine, "G/TBT/N/USA/2")) == {"toys_consumer"}
    assert tags(engine, "G/TBT/N/USA/3") == {}
    again = match_notifications(engine, settings)
    assert (again.notifications, again.tags) == (0, 0)


def test_changed_notification_is_retagged(engine: Engine, settings: Settings) -> None:
    store(engine, record("G/TBT/N/USA/10", "Roasted coffee"))
    match_notifications(engine, settings)
    store(engine, record("G/TBT/N/USA/10", "Black pepper"))  # ingest resets matched_at
    summary = match_notifications(engine, settings)
    assert summary.notifications == 1
    assert set(tags(engine, "G/TBT/N/USA/10")) == {"pepper_spices"}


def test_official_decisions_survive_rematching_and_taxonomy_change(
    engine: Engine, settings: Settings
) -> None:
    store(engine, record("G/TBT/N/USA/20", "Coffee tables and coffee", hs_codes=["9403.60"]))
    match_notifications(engine, settings)
    assert set(tags(engine, "G/TBT/N/USA/20")) == {"wood_furniture", "coffee"}
    nid = notification_id(engine, "G/TBT/N/USA/20")
    with session_scope(engine) as session:
        reject_tag(session, nid, "coffee", by="Nguyễn Văn An", reason="furniture only")
        add_official_tag(session, nid, "packaging", by="Trần Thị Bình")
    match_notifications(engine, settings, rematch_all=True)
    after = tags(engine, "G/TBT/N/USA/20")
    assert (after["coffee"].origin, after["coffee"].status) == ("official", "rejected")
    assert after["coffee"].decided_by == "Nguyễn Văn An" and after["coffee"].decided_at is not None
    assert after["coffee"].reason == "furniture only"
    assert (after["packaging"].origin, after["packaging"].status) == ("official", "active")
    assert after["packaging"].reason == "added by Trần Thị Bình"
    assert after["wood_furniture"].origin == "auto"

    # a taxonomy change re-queues everything; the decisions still stand
    with session_scope(engine) as session:
        sectors = stored_sectors(session)
        for spec in sectors:
            if spec["id"] == "packaging":
                spec["keywords"]["en"].append("wardrobe")
        summary = import_sectors(session, sectors)
    assert summary.requeued >= 1
    match_notifications(engine, settings)
    final = tags(engine, "G/TBT/N/USA/20")
    assert final["coffee"].status == "rejected" and final["packaging"].origin == "official"


def test_official_can_accept_an_automatic_tag_so_it_stays(
    engine: Engine, settings: Settings
) -> None:
    store(engine, record("G/TBT/N/USA/30", "Rubber gloves"))
    match_notifications(engine, settings)
    nid = notification_id(engine, "G/TBT/N/USA/30")
    with session_scope(engine) as session:
        add_official_tag(session, nid, "rubber", by="An", reason="confirmed")
    store(engine, record("G/TBT/N/USA/30", "Administrative notice"))  # no evidence any more
    match_notifications(engine, settings)
    assert tags(engine, "G/TBT/N/USA/30")["rubber"].origin == "official"


def test_decisions_need_a_known_sector_notification_and_name(engine: Engine) -> None:
    store(engine, record("G/TBT/N/USA/40", "Tea"))
    nid = notification_id(engine, "G/TBT/N/USA/40")
    with session_scope(engine) as session, pytest.raises(TagError, match="unknown sector 'cocoa'"):
        add_official_tag(session, nid, "cocoa", by="An")
    with session_scope(engine) as session, pytest.raises(TagError, match="no notification"):
        reject_tag(session, nid + 1000, "coffee", by="An")
    with session_scope(engine) as session, pytest.raises(TagError, match="name"):
        reject_tag(session, nid, "coffee", by="  ")


def test_follow_ups_inherit_their_base_tags(engine: Engine, settings: Settings) -> None:
    store(
        engine,
        # the addendum arrives before its base: ingest links it when the base comes
        record("G/TBT/N/USA/50/Add.1", "Comment period extended to 30 June"),
        record("G/TBT/N/USA/50", "Natural rubber latex gloves", hs_codes=["4015.11"]),
        record("G/TBT/N/USA/50/Rev.1", "Pneumatic tyres for cars", hs_codes=["4011.10"]),
    )
    match_notifications(engine, settings)
    inherited = tags(engine, "G/TBT/N/USA/50/Add.1")
    assert set(inherited) == {"rubber"}
    assert inherited["rubber"].origin == "inherited"
    assert inherited["rubber"].reason == "inherited from G/TBT/N/USA/50: HS 401511 under 40"
    assert tags(engine, "G/TBT/N/USA/50/Rev.1")["rubber"].origin == "auto"  # evidence of its own

    # an official's decision on the base reaches the follow-ups at the next match
    with session_scope(engine) as session:
        add_official_tag(
            session, notification_id(engine, "G/TBT/N/USA/50"), "pharma_medical", by="An"
        )
    match_notifications(engine, settings)
    assert set(tags(engine, "G/TBT/N/USA/50/Add.1")) == {"rubber", "pharma_medical"}


def test_removed_sector_that_subscribers_follow_is_refused(engine: Engine) -> None:
    from tbtalert.errors import TaxonomyError
    from tbtalert.models import Subscriber, SubscriberSector

    with session_scope(engine) as session:
        subscriber = Subscriber(email="a@example.com")
        session.add(subscriber)
        session.flush()
        assert subscriber.id is not None
        session.add(SubscriberSector(subscriber_id=subscriber.id, sector_id="coffee"))
    with session_scope(engine) as session:
        sectors = [s for s in stored_sectors(session) if s["id"] not in ("coffee", "toys_consumer")]
        with pytest.raises(
            TaxonomyError, match="'coffee' is missing from the file but subscribers"
        ):
            import_sectors(session, sectors)
    with session_scope(engine) as session:
        sectors = [s for s in stored_sectors(session) if s["id"] != "toys_consumer"]
        summary = import_sectors(session, sectors)
        assert summary.removed == ["toys_consumer"]
