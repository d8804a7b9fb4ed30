"""Claims: the state of a queued delivery row, and who holds it while it is sent.

A Delivery row (one item for one subscriber, see :mod:`tbtalert.mail.queue`)
goes through these states; this is the only drawing of them::

    queued ──claim──▶ sending ──SMTP 250──▶ sent
      ▲                 │ 4xx / lost connection, attempts left this run: retried
      └──── deferred ◀──┤ 4xx after the run's last attempt (next run retries)
                        ├──▶ failed   (5xx; for a refused recipient the subscriber is bounced)
    queued ───────────────▶ skipped   (the subscriber is no longer active)

A claim writes the message's Message-ID and the run's ``host:pid:run`` on
every row of the message and commits before the message is handed to SMTP.
Rows left in ``sending`` by a run that is over (its process died, or it
stopped on an error) are taken over by the next run and sent again as the
same message (same rows, same Message-ID). A deferred item queued more than
``smtp_give_up_hours`` ago fails at its next attempt instead of staying queued.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any, Literal, TypeVar

from sqlalchemy import String, Update, bindparam, cast, event, update
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, col, select

from tbtalert.config import Settings
from tbtalert.db import in_list, make_engine
from tbtalert.mail.queue import Job, per_row
from tbtalert.models import Delivery, Subscriber, UTCDateTime

T = TypeVar("T")
# How sending a job ended; a bounce also marks the subscriber bounced.
Ending = Literal["sent", "deferred", "failed", "bounced", "skipped"]
_ACTIVE_RUNS: set[str] = set()  # sending runs going on in this process


@contextmanager
def sending_run() -> Iterator[str]:
    """A token for one sending run, known in this process as active while the run lasts.

    Rows the run claims carry it (see :func:`sender_identity`); once the run
    is over, however it ended, the next run takes them over.
    """
    token = uuid.uuid4().hex
    _ACTIVE_RUNS.add(token)
    try:
        yield token
    finally:
        _ACTIVE_RUNS.discard(token)


def sender_identity(run: str) -> str:
    """``host:pid:run`` of a sending run, written on the rows it claims."""
    return f"{socket.gethostname()}:{os.getpid()}:{run}"


def owner_is_gone(owner: str, claimed_at: datetime | None, now: datetime, timeout: int) -> bool:
    """Whether the run that claimed a row is over: this process's run ended, its process
    died, or (another host) it has held the row longer than ``timeout`` seconds."""
    host, _, rest = owner.partition(":")
    pid, _, run = rest.partition(":")
    if host == socket.gethostname() and pid.isdigit():
        if int(pid) == os.getpid():
            return run not in _ACTIVE_RUNS
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
    return claimed_at is None or claimed_at < now - timedelta(seconds=timeout)


def recover_jobs(session: Session, settings: Settings, now: datetime, run: str) -> list[Job]:
    """Take over messages left in ``sending`` by a run that is over; same rows, same Message-ID.

    Each message is taken with a compare-and-set on its owner, so when two
    senders look at once, one of them gets it.
    """
    rows = session.exec(
        select(Delivery).where(Delivery.status == "sending").order_by(col(Delivery.id))
    ).all()
    messages: dict[str, list[Delivery]] = {}
    for row in rows:
        messages.setdefault(row.message_id, []).append(row)
    me = sender_identity(run)
    jobs = []
    for message_id, group in messages.items():
        owner, claimed_at = group[0].claimed_by, group[0].claimed_at
        if not owner_is_gone(owner, claimed_at, now, settings.smtp_claim_timeout):
            continue
        ids = [row.id for row in group if row.id is not None]
        taken = session.execute(
            update(Delivery)
            .where(
                col(Delivery.id).in_(ids),
                col(Delivery.status) == "sending",
                col(Delivery.claimed_by) == owner,
            )
            .values(claimed_by=me, claimed_at=now)
            .execution_options(synchronize_session=False)
        )
        if taken.rowcount != len(ids):  # type: ignore[attr-defined]
            # Another sender took (part of) it first: give back what this one took.
            session.execute(
                update(Delivery)
                .where(col(Delivery.id).in_(ids), col(Delivery.claimed_by) == me)
                .values(claimed_by=owner, claimed_at=claimed_at)
                .execution_options(synchronize_session=False)
            )
            continue
        first = group[0]
        job = Job(first.subscriber_id, first.kind, first.frequency, message_id=message_id)
        job.recovered = True
        job.delivery_ids = ids
        job.notification_ids = [row.notification_id for row in group]
        jobs.append(job)
    return jobs


def message_id_for(job: Job, run: str, domain: str) -> str:
    """The Message-ID a fresh job gets in run ``run``: the claim writes the same in SQL."""
    key = f"d{job.delivery_ids[0]}" if per_row(job) else f"s{job.subscriber_id}"
    return f"<{run}.{key}@{domain}>"


@cache
def _claim_statement(rowwise: bool, dialect: str) -> Update:
    """Rows still queued become ``sending``, with the Message-ID computed from each row."""
    key = Delivery.id if rowwise else Delivery.subscriber_id
    message_id = bindparam("prefix", type_=String) + cast(key, String) + bindparam("suffix")
    return (
        update(Delivery)
        .where(in_list(col(Delivery.id), "ids", dialect), col(Delivery.status) == "queued")
        .values(
            status="sending",
            message_id=message_id,
            claimed_by=bindparam("me"),
            claimed_at=bindparam("now", type_=UTCDateTime),
        )
    )


def claim(conn: Connection, jobs: Iterable[Job], now: datetime, run: str, domain: str) -> list[Job]:
    """Mark each job's rows ``sending`` with its Message-ID; return the jobs fully claimed.

    Two UPDATEs for the whole chunk (the Message-ID is computed in SQL from
    the run token and the row); when they changed fewer rows than asked, one
    SELECT finds which. A job some of whose rows another sender claimed first
    is left out (and its own claim undone), so two senders never send the
    same row. The caller commits.
    """
    me, dialect = sender_identity(run), conn.dialect.name
    jobs = list(jobs)
    fresh = [j for j in jobs if not j.recovered and j.delivery_ids]
    for job in fresh:
        job.message_id = message_id_for(job, run, domain)
    changed = 0
    for rowwise in (True, False):
        ids = [d for j in fresh if per_row(j) == rowwise for d in j.delivery_ids]
        if ids:
            params = {"ids": ids, "me": me, "now": now, "suffix": f"@{domain}>"}
            params["prefix"] = f"<{run}.{'d' if rowwise else 's'}"
            changed += conn.execute(_claim_statement(rowwise, dialect), params).rowcount
    ids = [d for j in fresh for d in j.delivery_ids]
    if changed == len(ids):  # every row was still queued: all of it is this run's
        return jobs
    rows = conn.execute(
        select(Delivery.id, Delivery.message_id).where(
            in_list(col(Delivery.id), "ids", dialect),
            Delivery.claimed_by == me,
            Delivery.status == "sending",
        ),
        {"ids": ids},
    )
    mine: dict[int, str] = {did: mid for did, mid in rows}
    claimed = [j for j in jobs if j.recovered or not j.delivery_ids]
    for job in fresh:
        if all(mine.get(d) == job.message_id for d in job.delivery_ids):
            claimed.append(job)
        else:
            conn.execute(
                update(Delivery)
                .where(
                    in_list(col(Delivery.id), "ids", dialect),
                    col(Delivery.message_id) == job.message_id,
                )
                .values(status="queued", message_id="", claimed_by="", claimed_at=None),
                {"ids": job.delivery_ids},
            )
    return claimed


@dataclass(frozen=True)
class Ledger:
    """The rows a kind of mail is kept in: how its messages are named, claimed and recorded.

    Alerts, digests and reminders live in Delivery rows (:data:`DELIVERIES`,
    the functions of this module); another kind with a table of its own (the
    weekly bulletin) brings its own three functions, with the same states,
    and the same sender (:class:`~tbtalert.mail.dispatch.Dispatcher`) sends it.
    """

    message_id_for: Callable[[Job, str, str], str]  # (job, run, domain)
    claim: Callable[
        [Connection, list[Job], datetime, str, str], list[Job]
    ]  # (..., now, run, domain)
    record: Callable[[Connection, list[Outcome], datetime, int], None]  # (..., now, give_up_hours)


@dataclass
class Outcome:
    """How sending one job ended."""

    job: Job
    status: Ending
    tries: int = 1
    error: str = ""
    given_up: int = 0  # of a deferred job's rows, those failed for waiting too long


@cache
def _mark_sent(dialect: str) -> Update:
    """Marking messages sent is most of the recorder's work: one statement, prepared once."""
    return (
        update(Delivery)
        .where(in_list(col(Delivery.id), "ids", dialect))
        .values(
            status="sent",
            sent_at=bindparam("now", type_=UTCDateTime),
            claimed_by="",
            attempts=col(Delivery.attempts) + bindparam("tries"),
        )
    )


def record(conn: Connection, outcomes: list[Outcome], now: datetime, give_up_hours: int) -> None:
    """Write the outcomes of sent jobs; the messages sent take one statement (per try count).

    Every statement covers whole messages, so each one alone leaves the rows
    consistent and the caller may run them in autocommit: a message whose
    mark was not written stays ``sending`` and is taken over by the next run.
    A deferred item queued more than ``give_up_hours`` ago fails instead of
    waiting for another run (``Outcome.given_up`` counts them), keeping the
    server's last answer: like a mail server's queue lifetime.
    """
    sent_by_tries: dict[int, list[int]] = defaultdict(list)
    for out in outcomes:
        sid = out.job.subscriber_id
        if out.job.kind == "heartbeat":
            if out.status == "sent":
                conn.execute(
                    update(Subscriber)
                    .where(col(Subscriber.id) == sid)
                    .values(last_heartbeat_at=now)
                )
            continue
        if out.status == "sent":
            sent_by_tries[out.tries].extend(out.job.delivery_ids)
        else:
            record_unsent(conn, Delivery, out, now, give_up_hours)
    for tries, ids in sent_by_tries.items():
        conn.execute(_mark_sent(conn.dialect.name), {"ids": ids, "now": now, "tries": tries})


def record_unsent(
    conn: Connection, table: Any, out: Outcome, now: datetime, give_up_hours: int
) -> None:
    """Write how a message that was not sent ended, on its rows of ``table``.

    ``table`` is :class:`~tbtalert.models.Delivery` or a table with the same
    state columns (the bulletin's). Deferred: queued again, or failed when
    queued more than ``give_up_hours`` ago; bounced: failed, and the
    subscriber marked bounced; failed or skipped otherwise.
    """
    values: dict[str, object] = {
        "last_error": out.error[:2000],
        "attempts": col(table.attempts) + out.tries,
        "claimed_by": "",
        "claimed_at": None,
    }
    rows = col(table.id).in_(out.job.delivery_ids)  # failures are few: plain IN
    if out.status == "deferred":
        why = f"gave up after {give_up_hours} hours of temporary failures; last: {out.error}"
        out.given_up = conn.execute(
            update(table)
            .where(rows, col(table.queued_at) < now - timedelta(hours=give_up_hours))
            .values({**values, "status": "failed", "last_error": why[:2000]})
        ).rowcount
        values |= {"status": "queued", "message_id": ""}
    else:
        values["status"] = "skipped" if out.status == "skipped" else "failed"
    conn.execute(update(table).where(rows, col(table.status) == "sending").values(**values))
    if out.status == "bounced":
        conn.execute(
            update(Subscriber)
            .where(col(Subscriber.id) == out.job.subscriber_id)
            .values(status="bounced", status_reason=out.error[:1000], updated_at=now)
        )


DELIVERIES = Ledger(message_id_for, claim, record)


def _fast_commits(dbapi_conn: Any, _record: Any) -> None:
    """Commits that survive the sender's crash without waiting for the disk.

    SQLite in WAL mode with ``synchronous=NORMAL`` and PostgreSQL with
    ``synchronous_commit=off`` lose nothing when this process dies; only a
    crash of the machine (SQLite) or of the database server (PostgreSQL) can
    lose the last fraction of a second of "sent" marks, and those messages
    would be sent again with the same Message-ID. Waiting for the disk on every
    mark would otherwise cap the sending rate.
    """
    cursor = dbapi_conn.cursor()
    if type(dbapi_conn).__module__.startswith("sqlite3"):
        cursor.execute("PRAGMA synchronous=NORMAL")
    else:
        cursor.execute("SET synchronous_commit TO OFF")
        dbapi_conn.commit()
    cursor.close()


def _committed(conn: Connection, fn: Callable[[Connection], T]) -> T:
    try:
        found = fn(conn)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return found


class ClaimsDatabase:
    """A sending run's own connections: one for claims, one for marks, with fast commits.

    A claim is a transaction (a compare-and-set over a chunk of messages); a
    mark is a statement per group of messages, autocommitted, so it costs one
    round trip. SQLite answers in this process, so a call runs at once;
    PostgreSQL answers over a socket, so a call is awaited through the async
    driver and the event loop goes on sending while it waits. Either way
    :func:`claim` and :func:`record` are the same synchronous functions.
    """

    def __init__(self, engine: Engine) -> None:
        url = engine.url.render_as_string(hide_password=False)
        self.remote = engine.dialect.name != "sqlite"
        self.sync_engine = None if self.remote else make_engine(url)
        self.async_engine = None
        if self.remote:  # imported here: a tenth of a second that SQLite runs never need
            from sqlalchemy.ext.asyncio import create_async_engine

            self.async_engine = create_async_engine(url)
        target = self.async_engine.sync_engine if self.async_engine else self.sync_engine
        event.listen(target, "connect", _fast_commits)
        self.connections: dict[str, Any] = {}

    async def _connection(self, use: str) -> Any:
        conn = self.connections.get(use)
        if conn is None:
            level = "AUTOCOMMIT" if use == "marks" else None
            if self.async_engine is not None:
                conn = await self.async_engine.connect()
                if level:
                    conn = await conn.execution_options(isolation_level=level)
            else:
                assert self.sync_engine is not None
                conn = self.sync_engine.connect()
                if level:
                    conn = conn.execution_options(isolation_level=level)
            self.connections[use] = conn
        return conn

    async def _call(self, use: str, fn: Callable[[Connection], T]) -> T:
        conn = await self._connection(use)
        if self.remote:
            found: T = await conn.run_sync(_committed, fn)
            return found
        return _committed(conn, fn)

    async def claim(self, fn: Callable[[Connection], T]) -> T:
        """``fn`` in one transaction on the claims' connection."""
        return await self._call("claims", fn)

    async def mark(self, fn: Callable[[Connection], T]) -> T:
        """``fn`` on the marks' connection, each statement committed on its own."""
        return await self._call("marks", fn)

    async def close(self) -> None:
        for conn in self.connections.values():
            if self.remote:
                await conn.close()
            else:
                conn.close()
        if self.async_engine is not None:
            await self.async_engine.dispose()
        if self.sync_engine is not None:
            self.sync_engine.dispose()
