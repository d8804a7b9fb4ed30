"""Both database back ends keep the model honest: UTC times, JSON lists, uniqueness."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from tbtalert.config import Settings
from tbtalert.db import is_initialised, make_engine, session_scope
from tbtalert.errors import DatabaseError
from tbtalert.models import Delivery, Notification, Sector, Subscriber, Tag


def notification(symbol: str = "G/TBT/N/EU/1100") -> Notification:
    return Notification(
        symbol=symbol,
        base_symbol=symbol,
        area="TBT",
        member="EU",
        title="Maximum residue levels — café, thé",
        hs_codes=["090111", "0902"],
        distribution_date=date(2026, 10, 1),
        comment_deadline=date(2026, 11, 30),
    )


def test_tables_and_default_sectors(engine: Engine) -> None:
    assert is_initialised(engine)
    with Session(engine) as session:
        ids = session.exec(select(Sector.id)).all()
    assert "coffee" in ids and "tea" in ids and "packaging" in ids and len(ids) == 25


def test_round_trip_keeps_utc_json_and_unicode(engine: Engine) -> None:
    seen = datetime(2026, 11, 25, 20, 0, tzinfo=timezone(timedelta(hours=7)))
    with session_scope(engine) as session:
        row = notification()
        row.first_seen_at = seen
        session.add(row)
    with Session(engine) as session:
        stored = session.exec(select(Notification)).one()
    assert stored.first_seen_at == seen
    assert stored.first_seen_at.tzinfo is not None
    assert stored.first_seen_at.astimezone(UTC).hour == 13
    assert stored.hs_codes == ["090111", "0902"]
    assert stored.title == "Maximum residue levels — café, thé"
    assert stored.comment_deadline == date(2026, 11, 30)


def test_symbol_is_unique(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.add(notification())
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(notification())


def test_one_delivery_per_subscriber_notification_and_kind(engine: Engine) -> None:
    with session_scope(engine) as session:
        sub = Subscriber(email="an@caphe.example.com")
        note = notification()
        session.add_all([sub, note])
        session.flush()
        assert sub.id is not None and note.id is not None
        session.add(Tag(notification_id=note.id, sector_id="coffee", reason="HS 090111 under 0901"))
        session.add(Delivery(subscriber_id=sub.id, notification_id=note.id))
        session.add(Delivery(subscriber_id=sub.id, notification_id=note.id, kind="reminder"))
        ids = (sub.id, note.id)
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(Delivery(subscriber_id=ids[0], notification_id=ids[1]))


def test_bad_database_url_is_a_clear_error(settings: Settings) -> None:
    with pytest.raises(DatabaseError, match="not usable"):
        make_engine("nosuchdb://x")
    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:9/none")
    with pytest.raises(DatabaseError, match="cannot open database"):
        is_initialised(engine)
