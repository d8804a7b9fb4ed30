"""Claims: two sending runs never hold the same row, and a run whose claim lost a race backs off."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from support.mailfactory import T0
from support.sending import seed_immediate
from tbtalert.db import session_scope
from tbtalert.mail.claims import claim, sender_identity
from tbtalert.mail.queue import Job, pending_jobs, queue_alerts
from tbtalert.models import Delivery, Subscriber

NOW = T0 + timedelta(hours=2)


def owners(engine: Engine) -> dict[int, str]:
    with Session(engine) as session:
        return {d.id or 0: d.claimed_by for d in session.exec(select(Delivery))}


def test_a_second_run_claims_only_what_the_first_left(engine: Engine) -> None:
    seed_immediate(engine, subscribers=2, items=3)
    with session_scope(engine) as session:
        assert queue_alerts(session, "immediate", NOW) == 6
    with Session(engine) as session:
        first_jobs = pending_jobs(session, "alert", "immediate")
        second_jobs = pending_jobs(
            session, "alert", "immediate"
        )  # the same rows, seen by another run
    with engine.begin() as conn:
        got = claim(conn, first_jobs[:4], NOW, "runa", "tbt.example.gov.vn")
    assert len(got) == 4

    with engine.begin() as conn:
        got = claim(conn, second_jobs, NOW, "runb", "tbt.example.gov.vn")

    assert [j.delivery_ids for j in got] == [j.delivery_ids for j in second_jobs[4:]]
    held = owners(engine)
    for job in first_jobs[:4]:
        assert all(held[d] == sender_identity("runa") for d in job.delivery_ids)
    for job in second_jobs[4:]:
        assert all(held[d] == sender_identity("runb") for d in job.delivery_ids)


def test_a_digest_partly_claimed_by_another_run_is_left_whole_to_it(engine: Engine) -> None:
    seed_immediate(engine, subscribers=1, items=3)
    with Session(engine) as session:
        sub = session.exec(select(Subscriber)).one()
        sub.frequency = "daily"
        session.add(sub)
        session.commit()
    with session_scope(engine) as session:
        assert queue_alerts(session, "daily", NOW) == 3
    with Session(engine) as session:
        [digest] = pending_jobs(session, "alert", "daily")
    other = Job(
        digest.subscriber_id, "alert", "daily", digest.delivery_ids[:1], digest.notification_ids[:1]
    )
    with engine.begin() as conn:
        assert claim(conn, [other], NOW, "runa", "tbt.example.gov.vn") == [other]

    with engine.begin() as conn:
        got = claim(conn, [digest], NOW, "runb", "tbt.example.gov.vn")

    assert got == []
    with Session(engine) as session:
        rows = {d.id: d for d in session.exec(select(Delivery))}
    first, *rest = digest.delivery_ids
    assert rows[first].status == "sending" and rows[first].claimed_by == sender_identity("runa")
    assert all(rows[d].status == "queued" and rows[d].claimed_by == "" for d in rest)
