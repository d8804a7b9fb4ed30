"""Officials' decisions reach addenda, corrigenda and revisions, and outlive re-tagging.

SQLite and PostgreSQL. The case from the field: a rejected wood_furniture
on G/TBT/N/EU/9101 was still mailed for its /Add.1, whose own text names
wood and so was tagged again by the matcher.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from tbtalert.config import Settings
from tbtalert.db import session_scope
from tbtalert.decisions import add_official_tag, history, reject_tag
from tbtalert.ingest import upsert_records
from tbtalert.mail.queue import queue_alerts
from tbtalert.models import (
    Delivery,
    Notification,
    NotificationRecord,
    Subscriber,
    SubscriberSector,
    Tag,
    utcnow,
)
from tbtalert.tags import match_notifications

BASE = "G/TBT/N/EU/9101"
TITLE = "Deforestation-free supply chains: coffee, rubber, wood (HS 4403)"


def record(symbol: str, title: str, **fields: Any) -> NotificationRecord:
    return NotificationRecord(symbol=symbol, area="TBT", member="EU", title=title, **fields)


def store(engine: Engine, *records: NotificationRecord) -> None:
    with session_scope(engine) as session:
        upsert_records(session, records, announce=True)


def active(engine: Engine, symbol: str) -> dict[str, str]:
    """Sector → origin of the notification's active tags."""
    with Session(engine) as session:
        rows = session.exec(
            select(Tag.sector_id, Tag.origin)
            .join(Notification, Notification.id == Tag.notification_id)  # type: ignore[arg-type]
            .where(Notification.symbol == symbol, Tag.status == "active")
        ).all()
    return dict(rows)


def nid(engine: Engine, symbol: str) -> int:
    with Session(engine) as session:
        found = session.exec(select(Notification.id).where(Notification.symbol == symbol)).one()
    assert found is not None
    return found


def test_a_rejection_reaches_addenda_corrigenda_and_revisions_and_stays(
    engine: Engine, settings: Settings
) -> None:
    store(
        engine,
        record(BASE, TITLE, hs_codes=["090111", "400121", "4403"]),
        record(f"{BASE}/Add.1", "Addendum: wood products (HS 4403) added to the annex"),
        record(f"{BASE}/Corr.1", "Corrigendum: wooden furniture, HS 9403 in Annex I"),
    )
    match_notifications(engine, settings)
    assert "wood_furniture" in active(engine, f"{BASE}/Add.1")  # its own evidence
    with session_scope(engine) as session:
        done = reject_tag(
            session,
            nid(engine, BASE),
            "wood_furniture",
            by="Nguyễn Thị Lan",
            reason="không áp dụng",
        )
    assert done.follow_ups == [f"{BASE}/Add.1", f"{BASE}/Corr.1"]
    for symbol in (BASE, f"{BASE}/Add.1", f"{BASE}/Corr.1"):
        assert "wood_furniture" not in active(engine, symbol), symbol
    match_notifications(engine, settings, rematch_all=True)  # every re-tag keeps it
    for symbol in (BASE, f"{BASE}/Add.1", f"{BASE}/Corr.1"):
        assert "wood_furniture" not in active(engine, symbol), symbol
        assert "rubber" in active(engine, BASE)
    # a revision and its addendum that arrive later take the decision when matched
    store(
        engine,
        record(f"{BASE}/Rev.1", "Revision: timber and wood (HS 4403), rubber"),
        record(f"{BASE}/Rev.1/Add.1", "Wooden furniture parts (HS 9403)"),
    )
    match_notifications(engine, settings)
    for symbol in (f"{BASE}/Rev.1", f"{BASE}/Rev.1/Add.1"):
        assert "wood_furniture" not in active(engine, symbol), symbol
    with Session(engine) as session:
        [event] = history(session, nid(engine, f"{BASE}/Add.1"))
    assert (event.status, event.decided_by, event.via) == ("rejected", "Nguyễn Thị Lan", BASE)


def test_an_added_sector_reaches_follow_ups_and_a_follow_up_can_decide_for_itself(
    engine: Engine, settings: Settings
) -> None:
    store(
        engine,
        record(BASE, TITLE, hs_codes=["090111"]),
        record(f"{BASE}/Add.1", "Addendum: dates of application"),
        record(f"{BASE}/Corr.1", "Corrigendum: cassava chips (HS 0714)"),
    )
    match_notifications(engine, settings)
    with session_scope(engine) as session:
        reject_tag(session, nid(engine, f"{BASE}/Corr.1"), "cassava", by="An", reason="typo")
        add_official_tag(session, nid(engine, BASE), "cassava", by="Lan", reason="tapioca too")
    assert active(engine, BASE)["cassava"] == "official"
    assert active(engine, f"{BASE}/Add.1")["cassava"] == "official"
    assert "cassava" not in active(engine, f"{BASE}/Corr.1")  # its own decision stands
    match_notifications(engine, settings, rematch_all=True)
    assert "cassava" in active(engine, f"{BASE}/Add.1")
    assert "cassava" not in active(engine, f"{BASE}/Corr.1")


def test_alerts_still_queued_follow_the_decision(engine: Engine, settings: Settings) -> None:
    with session_scope(engine) as session:
        sub = Subscriber(email="go@noithat.example.com", frequency="daily")
        session.add(sub)
        session.flush()
        assert sub.id is not None
        session.add(SubscriberSector(subscriber_id=sub.id, sector_id="wood_furniture"))
    store(
        engine,
        record(BASE, TITLE, hs_codes=["4403"]),
        record(f"{BASE}/Add.1", "Addendum: wood products (HS 4403)"),
    )
    match_notifications(engine, settings)
    with session_scope(engine) as session:
        assert queue_alerts(session, "daily", utcnow()) == 2
    with session_scope(engine) as session:
        done = reject_tag(session, nid(engine, BASE), "wood_furniture", by="Lan")
    assert done.dropped == 2
    with Session(engine) as session:
        assert session.exec(select(Delivery)).all() == []
    with session_scope(engine) as session:
        assert queue_alerts(session, "daily", utcnow()) == 0


def test_the_tags_command_takes_the_same_route(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    store(
        engine,
        record(BASE, TITLE, hs_codes=["4403"]),
        record(f"{BASE}/Add.1", "Addendum: wood products (HS 4403)"),
    )
    match_notifications(engine, settings)
    done = subprocess.run(
        [sys.executable, "-m", "tbtalert", "tags", "reject", BASE, "wood_furniture", "--by", "Lan"],
        capture_output=True,
        text=True,
        env={**os.environ, "TBTALERT_DATABASE_URL": settings.database_url},
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{BASE}: wood_furniture rejected by Lan (and {BASE}/Add.1)\n"
    assert "wood_furniture" not in active(engine, f"{BASE}/Add.1")
