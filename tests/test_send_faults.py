"""Sending against an SMTP server that misbehaves: 451s, a 550 recipient, drops in DATA."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from support.mailfactory import T0, add_notification, add_subscriber
from support.sending import SYMBOL, received_pairs, seed_immediate
from support.smtpserver import LocalSMTPServer
from tbtalert.config import Settings
from tbtalert.db import make_engine
from tbtalert.errors import DatabaseError
from tbtalert.mail.claims import Outcome, record
from tbtalert.mail.queue import Job
from tbtalert.mail.runs import send
from tbtalert.models import Delivery, Subscriber

NOW = T0 + timedelta(hours=2)


@pytest.fixture
def mail_settings(smtp_settings: Settings) -> Settings:
    return smtp_settings.model_copy(update={"smtp_max_attempts": 4, "smtp_concurrency": 3})


def test_451_550_and_dropped_connections_still_deliver_each_item_once(
    engine: Engine, mail_settings: Settings, smtp_server: LocalSMTPServer
) -> None:
    expected = seed_immediate(engine, subscribers=6, items=4)
    add_subscriber(engine, "gone@coffee.example.com", frequency="immediate", language="en")
    handler = smtp_server.handler
    handler.reject = {"gone@coffee.example.com"}
    handler.fail_next_data = 5  # 451 for a while
    handler.drop_in_data = 3  # then the connection drops in DATA three times

    report = send(engine, mail_settings, "immediate", now=NOW)

    pairs = received_pairs(smtp_server)
    assert set(pairs) == expected
    assert max(pairs.values()) == 1, [p for p, n in pairs.items() if n > 1]
    assert handler.fail_next_data == 0 and handler.drop_in_data == 0  # the faults did happen
    assert (report.messages, report.sent, report.deferred) == (24, 24, 0)
    assert report.bounced == 1
    with Session(engine) as session:
        gone = session.exec(
            select(Subscriber).where(Subscriber.email == "gone@coffee.example.com")
        ).one()
        assert gone.status == "bounced" and "550" in gone.status_reason
        statuses = Counter(
            d.status
            for d in session.exec(select(Delivery).where(Delivery.subscriber_id == gone.id))
        )
        assert statuses["sent"] == 0 and statuses["failed"] >= 1
        assert statuses["failed"] + statuses["skipped"] == 4  # nothing left queued for it
        retried = session.exec(select(Delivery).where(Delivery.attempts > 1)).all()
        assert retried, "the 451s and drops must show as extra attempts"

    # Later runs: a new item reaches everyone but the bounced address, once.
    add_notification(engine, "G/TBT/N/USA/3999", seen=NOW)
    again = send(engine, mail_settings, "immediate", now=NOW + timedelta(minutes=10))
    assert again.messages == 6
    pairs = received_pairs(smtp_server)
    assert max(pairs.values()) == 1
    assert not [p for p in pairs if p[0] == "gone@coffee.example.com"]
    assert send(engine, mail_settings, "immediate", now=NOW + timedelta(minutes=20)).messages == 0


def test_a_long_outage_defers_and_the_next_run_delivers(
    engine: Engine, mail_settings: Settings, smtp_server: LocalSMTPServer
) -> None:
    expected = seed_immediate(engine, subscribers=2, items=3)
    smtp_server.handler.fail_next_data = 1000  # every attempt of this run gets 451
    report = send(engine, mail_settings, "immediate", now=NOW)
    assert (report.messages, report.deferred) == (0, 6)
    assert smtp_server.handler.received == []
    with Session(engine) as session:
        rows = session.exec(select(Delivery)).all()
        assert {r.status for r in rows} == {"queued"}
        assert {r.attempts for r in rows} == {mail_settings.smtp_max_attempts}
        assert all("451" in r.last_error for r in rows)
    smtp_server.handler.fail_next_data = 0  # the server recovers
    report = send(engine, mail_settings, "immediate", now=NOW + timedelta(minutes=5))
    assert report.messages == 6
    pairs = received_pairs(smtp_server)
    assert set(pairs) == expected and max(pairs.values()) == 1


def test_items_deferred_past_the_give_up_horizon_fail_and_newer_ones_go_out(
    engine: Engine, mail_settings: Settings, smtp_server: LocalSMTPServer
) -> None:
    seed_immediate(engine, subscribers=2, items=3)
    handler = smtp_server.handler
    handler.fail_next_data = 10_000  # the recipients' server says "try later" for days
    assert send(engine, mail_settings, "immediate", now=NOW).deferred == 6
    later = NOW + timedelta(hours=71)
    add_notification(engine, "G/TBT/N/USA/4000", seen=later)
    assert send(engine, mail_settings, "immediate", now=later).deferred == 8

    report = send(engine, mail_settings, "immediate", now=NOW + timedelta(hours=73))

    assert (report.failed, report.deferred, report.messages) == (6, 2, 0)
    with Session(engine) as session:
        failed = session.exec(select(Delivery).where(Delivery.status == "failed")).all()
    assert len(failed) == 6
    assert all(
        r.last_error.startswith("gave up after 72 hours") and "451" in r.last_error for r in failed
    )
    handler.fail_next_data = 0  # the server recovers: only the newer item goes out
    report = send(engine, mail_settings, "immediate", now=NOW + timedelta(hours=74))
    assert (report.messages, report.failed) == (2, 0)
    assert set(received_pairs(smtp_server)) == {
        (f"firm{i}@coffee.example.com", "G/TBT/N/USA/4000") for i in range(2)
    }


def test_a_long_last_error_still_fits_when_an_item_is_given_up(
    engine: Engine, mail_settings: Settings, smtp_server: LocalSMTPServer
) -> None:
    seed_immediate(engine, subscribers=1, items=1)
    smtp_server.handler.fail_next_data = 10_000
    assert send(engine, mail_settings, "immediate", now=NOW).deferred == 1
    with Session(engine) as session:
        row = session.exec(select(Delivery)).one()
    assert row.id is not None
    job = Job(row.subscriber_id, "alert", "immediate", [row.id], [row.notification_id])
    long_answer = Outcome(job, "deferred", 1, "451 " + "busy " * 600)  # 3,000 characters

    with engine.begin() as conn:
        record(conn, [long_answer], NOW + timedelta(hours=80), give_up_hours=72)

    with Session(engine) as session:
        row = session.exec(select(Delivery)).one()
    assert row.status == "failed" and len(row.last_error) == 2000
    assert row.last_error.startswith("gave up after 72 hours")
    assert long_answer.given_up == 1


def test_losing_the_database_mid_send_stops_the_run_and_the_next_run_sends_the_rest(
    engine: Engine, database_url: str, mail_settings: Settings, smtp_server: LocalSMTPServer
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("the sender's connection is cut with PostgreSQL's pg_terminate_backend")
    expected = seed_immediate(engine, subscribers=10, items=4)
    admin = make_engine(database_url)
    cut = text(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )

    def cut_the_database(count: int) -> None:
        if count == 8:  # the server has accepted 8 messages: cut every other connection
            with admin.connect() as conn:
                conn.execute(cut)

    smtp_server.handler.after_accept = cut_the_database
    with pytest.raises(DatabaseError) as caught:
        send(engine, mail_settings, "immediate", now=NOW)
    assert "lost the database" in str(caught.value)
    at_cut = len(smtp_server.handler.received)
    assert 8 <= at_cut < len(expected)
    smtp_server.handler.after_accept = None
    admin.dispose()

    report = send(engine, mail_settings, "immediate", now=NOW)  # the same process, later

    assert report.recovered >= 1
    by_id: dict[str, set[tuple[str, str]]] = {}
    for rec in smtp_server.handler.received:
        body = rec.message.get_body(("plain",))
        assert body is not None
        items = {(rec.rcpt_tos[0], s) for s in SYMBOL.findall(body.get_content())}
        assert by_id.setdefault(rec.message["Message-ID"], items) == items
    covered = Counter(pair for items in by_id.values() for pair in items)
    assert set(covered) == expected and max(covered.values()) == 1
    repeats = len(smtp_server.handler.received) - len(by_id)
    assert repeats <= mail_settings.smtp_concurrency  # accepted, not yet marked at the cut
    with Session(engine) as session:
        assert {d.status for d in session.exec(select(Delivery))} == {"sent"}


def test_digest_with_drops_is_one_message_per_subscriber(
    engine: Engine, mail_settings: Settings, smtp_server: LocalSMTPServer
) -> None:
    symbols = [f"G/TBT/N/EU/{i}" for i in range(1, 6)]
    for symbol in symbols:
        add_notification(engine, symbol, member="EU")
    for i in range(4):
        add_subscriber(engine, f"d{i}@coffee.example.com", frequency="daily", language="en")
    smtp_server.handler.drop_in_data = 2
    smtp_server.handler.fail_next_data = 2
    report = send(engine, mail_settings, "daily", now=NOW)
    assert (report.messages, report.sent) == (4, 20)
    rcpts = Counter(r.rcpt_tos[0] for r in smtp_server.handler.received)
    assert rcpts == {f"d{i}@coffee.example.com": 1 for i in range(4)}
    pairs = received_pairs(smtp_server)
    assert len(pairs) == 20 and max(pairs.values()) == 1


def test_rate_limit_spaces_messages(
    engine: Engine,
    mail_settings: Settings,
    smtp_server: LocalSMTPServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One message a minute: the sender waits its turn before each message after the first.

    The waits are counted, not timed: asyncio.sleep notes each wait longer than
    a second (and how many messages the server had by then) and returns at
    once, so the limiter's minutes take no time and a busy machine changes nothing.
    """
    seed_immediate(engine, subscribers=1, items=4)
    limited = mail_settings.model_copy(update={"smtp_rate_per_minute": 1, "smtp_concurrency": 1})
    waits: list[tuple[float, int]] = []
    real_sleep = asyncio.sleep

    async def counted_sleep(delay: float, result: Any = None) -> Any:
        if delay > 1:
            waits.append((delay, len(smtp_server.handler.received)))
            delay = 0
        return await real_sleep(delay, result)

    monkeypatch.setattr(asyncio, "sleep", counted_sleep)
    assert send(engine, limited, "immediate", now=NOW).messages == 4
    # Message k+1 waited for its turn, k minutes after the first, once k messages were in.
    assert [(round(delay / 60), seen) for delay, seen in waits] == [(1, 1), (2, 2), (3, 3)]
