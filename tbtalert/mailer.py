"""The mailer: render each claimed message and hand it over, exactly once.

Sending runs a small pipeline on one event loop: a producer claims a chunk of
messages in the database (committed before any of them is sent) and feeds
``smtp_concurrency`` workers, each holding one reused SMTP connection; a
recorder commits the outcomes in small groups. Messages are rendered in this
process, or for a large run (``PARALLEL_FROM``) in a second one that renders
ahead while this one sends.

The window no sender can close lies between the server's 250 and the commit
that marks the message sent. A worker takes a permit before sending and the
recorder returns it after that commit, so at most ``smtp_concurrency``
messages are ever in flight or accepted-but-unmarked: after a crash, at most
that many are sent again, each as the same message (same Message-ID).

A run that fails part-way (a template error, the database gone) stops
claiming and sending, lets its workers finish, and raises; what it claimed
and did not mark is taken over by the next run (see :mod:`tbtalert.outbox`).
The render process is forked before the run opens its database connection,
and dies with the sender, so it never holds the sender's transaction open.
"""

from __future__ import annotations

import asyncio
import collections
import ctypes
import ctypes.util
import multiprocessing
import os
import queue as stdqueue
import signal
import threading
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from email.utils import parseaddr
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Connection as DBConnection
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from tbtalert.config import Settings
from tbtalert.db import make_engine
from tbtalert.digest import (
    ItemView,
    Renderer,
    SectorReason,
    build_message,
    group_items,
    make_item,
)
from tbtalert.errors import DatabaseError, MailError, TbtAlertError
from tbtalert.models import (
    Notification,
    Sector,
    Subscriber,
    SubscriberSector,
    Tag,
)
from tbtalert.outbox import Job, Outcome, claim, message_id_for, record
from tbtalert.templating import make_environment
from tbtalert.tokens import link
from tbtalert.transport import Connection, SendFailure, open_connection

T = TypeVar("T")
CHUNK = 200
# Wire format: CRLF, and headers up to the RFC 5322 limit so List-Unsubscribe stays one URL.
PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}


class MailData:
    """Everything needed to render a batch of jobs, loaded in a few queries."""

    def __init__(self, session: Session, jobs: list[Job]) -> None:
        sids = sorted({j.subscriber_id for j in jobs})
        nids = sorted({n for j in jobs for n in j.notification_ids})
        self.subscribers: dict[int, Subscriber] = {}
        self.sectors_of: dict[int, list[str]] = {}
        self.notes: dict[int, Notification] = {}
        self.reasons: dict[int, dict[str, str]] = {}
        for part in _chunks(sids, 1000):
            for sub in session.exec(select(Subscriber).where(col(Subscriber.id).in_(part))):
                assert sub.id is not None
                self.subscribers[sub.id] = sub
            for sid, sector in session.exec(
                select(SubscriberSector.subscriber_id, SubscriberSector.sector_id).where(
                    col(SubscriberSector.subscriber_id).in_(part)
                )
            ):
                self.sectors_of.setdefault(sid, []).append(sector)
        for part in _chunks(nids, 1000):
            for note in session.exec(select(Notification).where(col(Notification.id).in_(part))):
                assert note.id is not None
                self.notes[note.id] = note
            for nid, sector, reason in session.exec(
                select(Tag.notification_id, Tag.sector_id, Tag.reason).where(
                    col(Tag.notification_id).in_(part), Tag.status == "active"
                )
            ):
                self.reasons.setdefault(nid, {})[sector] = reason
        sectors = session.exec(select(Sector).order_by(col(Sector.position))).all()
        self.sector_order = [s.id for s in sectors]
        self.sector_names = {s.id: (s.name_vi, s.name_en) for s in sectors}

    def sector_name(self, sector_id: str, language: str) -> str:
        vi, en = self.sector_names.get(sector_id, (sector_id, sector_id))
        return vi if language == "vi" else en

    def reasons_for(self, sub: Subscriber, note: Notification) -> list[SectorReason]:
        """The subscriber's sectors on this notification, each with why it matched."""
        assert sub.id is not None and note.id is not None
        mine = self.sectors_of.get(sub.id, [])
        tags = self.reasons.get(note.id, {})
        found = [
            SectorReason(s, self.sector_name(s, sub.language), tags[s]) for s in mine if s in tags
        ]
        if not found and mine:
            why = (
                f"cập nhật của {note.base_symbol} bạn đã nhận"
                if sub.language == "vi"
                else f"follow-up of {note.base_symbol}, which you received"
            )
            found = [SectorReason(mine[0], self.sector_name(mine[0], sub.language), why)]
        return found


def _chunks(seq: list[T], size: int) -> list[list[T]]:
    return [seq[i : i + size] for i in range(0, len(seq), size)]


ITEM_CACHE = 20_000  # item views a composer keeps for reuse


class Composer:
    """Turns a job into the bytes of its message, in the subscriber's language."""

    def __init__(self, settings: Settings, data: MailData, now: datetime) -> None:
        self.settings = settings
        self.data = data
        self.now = now
        self.renderer = Renderer(settings, make_environment(settings))
        self.today = self.renderer.local_today(now)
        self.domain = parseaddr(settings.mail_from)[1].rpartition("@")[2] or "tbtalert.invalid"
        self.items: dict[tuple[int, str, tuple[str, ...]], ItemView] = {}

    def item(self, sub: Subscriber, nid: int) -> ItemView:
        """A notification as this reader sees it: built once per run for readers alike.

        Readers alike share a language and a set of sectors; the cache is
        emptied when it grows past ``ITEM_CACHE`` entries.
        """
        assert sub.id is not None
        key = (nid, sub.language, tuple(self.data.sectors_of.get(sub.id, ())))
        found = self.items.get(key)
        if found is None:
            if len(self.items) >= ITEM_CACHE:
                self.items.clear()
            note = self.data.notes[nid]
            reasons = self.data.reasons_for(sub, note)
            found = make_item(
                note,
                reasons,
                language=sub.language,
                today=self.today,
                country=self.settings.affected_country,
            )
            self.items[key] = found
        return found

    def new_message_id(self, job: Job) -> str:
        return f"<{uuid.uuid4().hex}.{job.subscriber_id}@{self.domain}>"

    def context(self, job: Job, sub: Subscriber) -> dict[str, Any]:
        assert sub.id is not None
        items = [self.item(sub, nid) for nid in job.notification_ids]
        return {
            "subscriber_name": sub.name,
            "frequency": job.frequency,
            "items": items,
            "groups": group_items(items, self.data.sector_order, affected_first=sub.affected_first),
            "sector_names": [
                self.data.sector_name(s, sub.language) for s in self.data.sectors_of.get(sub.id, [])
            ],
            "unsubscribe_url": link(self.settings, "unsubscribe", sub.id, sub.email),
            "preferences_url": link(self.settings, "preferences", sub.id, sub.email),
        }

    def compose(self, job: Job) -> tuple[str, str, bytes]:
        """(recipient, subject, message bytes) for a job."""
        sub = self.data.subscribers[job.subscriber_id]
        ctx = self.context(job, sub)
        rendered = self.renderer.render(job.kind, sub.language, ctx)
        msg = build_message(
            self.settings,
            rendered,
            to_email=sub.email,
            to_name=sub.name,
            message_id=job.message_id or self.new_message_id(job),
            now=self.now,
            unsubscribe_url=ctx["unsubscribe_url"],
        )
        return sub.email, rendered.subject, msg


PARALLEL_FROM = 500  # messages: from this many, render in a second process
RENDER_BATCH = 32  # messages the render process hands over at a time
RENDER_AHEAD = 8  # batches it may be ahead of the sender (about 10 MB of digests)


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (elsewhere: a no-op).

    The render process holds copies of the sender's sockets, a database
    connection among them: outliving a sender killed mid-transaction, it
    would keep that transaction, and its row locks, open.
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _render_ahead(composer: Composer, jobs: list[Job], out: Any) -> None:
    """In the render process: every job's message in order, in batches.

    A failure is handed over as ``("error", message, hint)`` in place of a batch.
    """
    _die_with_parent()
    parent = os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the sender stops this process

    def hand_over(item: object) -> None:
        while True:
            try:
                out.put(item, timeout=1.0)
                return
            except stdqueue.Full:
                if os.getppid() != parent:  # the sender is gone: nobody will read
                    os._exit(0)

    try:
        for start in range(0, len(jobs), RENDER_BATCH):
            batch = []
            for job in jobs[start : start + RENDER_BATCH]:
                recipient, _, data = composer.compose(job)
                batch.append((recipient, data))
            hand_over(batch)
    except TbtAlertError as err:
        hand_over(("error", err.message, err.hint))
    except Exception as err:  # anything else still reaches the sender as a MailError
        hand_over(("error", f"rendering a message failed: {err!r}", ""))


class Renderings:
    """The jobs' messages in order, rendered here or, for a large run, in a second process.

    Rendering is most of a digest's cost; a second process renders ahead
    while this one claims, sends and records. It is at most ``RENDER_AHEAD``
    batches ahead, so memory stays bounded however many digests a run sends.
    """

    def __init__(self, composer: Composer, jobs: list[Job]) -> None:
        self.composer = composer
        self.jobs = jobs
        self.index = 0
        self.process: Any = None
        self.queue: Any = None
        self.ready: collections.deque[tuple[str, bytes]] = collections.deque()

    def __enter__(self) -> Renderings:
        # Forking copies only the calling thread; a lock another thread holds
        # at that moment stays locked in the child. So a process with other
        # threads (the main job: web server, lease, scheduler) renders here.
        if len(self.jobs) >= PARALLEL_FROM and threading.active_count() == 1:
            # fork: the child starts with the loaded data and templates, and
            # only renders (no database, no logging, no network).
            context = multiprocessing.get_context("fork")
            self.queue = context.Queue(RENDER_AHEAD)
            self.process = context.Process(
                target=_render_ahead,
                args=(self.composer, self.jobs, self.queue),
                name="tbtalert-render",
                daemon=True,
            )
            self.process.start()
        return self

    def _take(self) -> list[tuple[str, bytes]]:
        """The next batch from the render process (in an executor thread)."""
        while True:
            try:
                found = self.queue.get(timeout=1.0)
            except stdqueue.Empty:
                if not self.process.is_alive() and self.queue.empty():
                    raise MailError(
                        f"the render process stopped (exit code {self.process.exitcode})",
                        hint="see the log above; run the send again, nothing queued is lost",
                    ) from None
                continue
            if isinstance(found, tuple):
                _, message, hint = found
                raise MailError(message, hint=hint or None)
            batch: list[tuple[str, bytes]] = found
            return batch

    async def next(self) -> tuple[str, bytes]:
        """The next job's (recipient, message bytes)."""
        job = self.jobs[self.index]
        self.index += 1
        if self.process is None:
            recipient, _, data = self.composer.compose(job)
            return recipient, data
        if not self.ready:
            loop = asyncio.get_running_loop()
            self.ready.extend(await loop.run_in_executor(None, self._take))
        return self.ready.popleft()

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.join()
            self.queue.close()


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


def outbox_engine(engine: Engine) -> Engine:
    """An engine of the sender's own for claims and marks, with :func:`_fast_commits`."""
    own = make_engine(engine.url.render_as_string(hide_password=False))
    event.listen(own, "connect", _fast_commits)
    return own


class Dispatcher:
    """Claims, renders, sends and records a list of jobs; see the module docstring."""

    def __init__(self, engine: Engine, settings: Settings, composer: Composer, run: str) -> None:
        self.engine = engine
        self.db = outbox_engine(engine)
        self.settings = settings
        self.composer = composer
        self.now = composer.now
        self.sender = parseaddr(settings.mail_from)[1]
        self.run_token = run  # in every Message-ID and claim of this run
        self.bounced: set[int] = set()
        self.next_slot = 0.0
        self.outcomes: list[Outcome] = []
        self.conn: DBConnection | None = None
        self.stopped: BaseException | None = None  # why the run stopped early, if it did
        self.give_up = settings.smtp_give_up_hours

    def _in_db(self, fn: Callable[[DBConnection], T]) -> T:
        # On the loop's thread, on the run's one connection: a claim or a mark
        # is one short transaction, committed before anything else happens.
        assert self.conn is not None
        try:
            found = fn(self.conn)
            self.conn.commit()
        except BaseException:
            self.conn.rollback()
            raise
        return found

    async def run(self, jobs: list[Job]) -> list[Outcome]:
        """Send the jobs. A failure stops the run: what it claimed and did not mark
        stays ``sending`` under this run, and the next run takes it over."""
        workers = self.settings.smtp_concurrency
        outbox: asyncio.Queue[tuple[Job, str, bytes] | None] = asyncio.Queue(workers * 4)
        results: asyncio.Queue[tuple[Outcome, bool] | None] = asyncio.Queue()
        # A worker takes a permit before sending and the recorder gives it back
        # once the outcome is committed: at most ``workers`` messages are ever
        # in flight or accepted-but-unrecorded, which bounds what a crash can repeat.
        self.unrecorded = asyncio.Semaphore(workers)
        for job in jobs:
            if not job.recovered and job.delivery_ids:
                job.message_id = message_id_for(job, self.run_token, self.composer.domain)
        # The render process is forked first, before this run holds a
        # database connection or starts a thread.
        with Renderings(self.composer, jobs) as rendered:
            self.conn = self.db.connect()
            tasks = [asyncio.create_task(self._worker(outbox, results)) for _ in range(workers)]
            recorder = asyncio.create_task(self._recorder(results))
            try:
                await self._produce(jobs, rendered, outbox, results)
            except BaseException as err:
                self.stopped = self.stopped or err
            finally:
                for _ in tasks:
                    await outbox.put(None)
                await asyncio.gather(*tasks, return_exceptions=True)
                await results.put(None)
                await asyncio.gather(recorder, return_exceptions=True)
                self.conn.close()
                self.db.dispose()
        if self.stopped is not None:
            raise self.stopped
        return self.outcomes

    async def _produce(
        self,
        jobs: list[Job],
        rendered: Renderings,
        outbox: asyncio.Queue[tuple[Job, str, bytes] | None],
        results: asyncio.Queue[tuple[Outcome, bool] | None],
    ) -> None:
        domain = self.composer.domain
        for part in _chunks(jobs, CHUNK):
            if self.stopped is not None:
                return
            claimed = self._in_db(
                lambda c, p=part: claim(c, p, self.now, self.run_token, domain)  # type: ignore[misc]
            )
            taken = {id(job) for job in claimed}
            for job in part:
                recipient, data = await rendered.next()
                if self.stopped is not None:
                    return
                if id(job) not in taken:
                    continue
                if job.subscriber_id in self.bounced:
                    skipped = Outcome(job, "skipped", 0, "address bounced in this run")
                    await results.put((skipped, False))
                    continue
                await outbox.put((job, recipient, data))
                await asyncio.sleep(0)  # let workers hand over what is ready

    async def _worker(
        self,
        outbox: asyncio.Queue[tuple[Job, str, bytes] | None],
        results: asyncio.Queue[tuple[Outcome, bool] | None],
    ) -> None:
        conn = open_connection(self.settings)
        try:
            while (item := await outbox.get()) is not None:
                await self.unrecorded.acquire()
                if self.stopped is not None:
                    self.unrecorded.release()
                    continue  # claimed, not sent: the next run takes it over
                try:
                    outcome = await self._deliver(conn, *item)
                except BaseException as err:
                    self.stopped = self.stopped or err
                    self.unrecorded.release()
                    continue
                await results.put((outcome, True))
        finally:
            await conn.close()

    async def _pace(self) -> None:
        rate = self.settings.smtp_rate_per_minute
        if not rate:
            return
        loop = asyncio.get_running_loop()
        slot = max(self.next_slot, loop.time())
        self.next_slot = slot + 60.0 / rate
        await asyncio.sleep(slot - loop.time())

    async def _deliver(self, conn: Connection, job: Job, recipient: str, data: bytes) -> Outcome:
        name = job.message_id.strip("<>").replace("@", "_at_")
        tries = 0
        while True:
            if job.subscriber_id in self.bounced:
                return Outcome(job, "skipped", tries, "address bounced in this run")
            tries += 1
            await self._pace()
            try:
                await conn.send(self.sender, recipient, data, name)
                return Outcome(job, "sent", tries)
            except SendFailure as err:
                if err.kind == "refused":
                    self.bounced.add(job.subscriber_id)
                    return Outcome(job, "bounced", tries, f"{recipient}: {err}")
                if err.kind == "permanent":
                    return Outcome(job, "failed", tries, f"{recipient}: {err}")
                if tries >= self.settings.smtp_max_attempts:
                    return Outcome(job, "deferred", tries, f"{recipient}: {err}")
                await asyncio.sleep(self.settings.smtp_backoff * 2 ** (tries - 1))

    async def _recorder(self, results: asyncio.Queue[tuple[Outcome, bool] | None]) -> None:
        """Commit outcomes in small groups: what has come in by the time the loop comes round."""
        done = False
        while not done:
            batch: list[Outcome] = []
            permits = 0
            item: tuple[Outcome, bool] | None = await results.get()
            for turn in range(2):
                while item is not None:
                    batch.append(item[0])
                    permits += item[1]
                    if results.empty():
                        break
                    item = results.get_nowait()
                if item is None or turn or permits >= self.settings.smtp_concurrency:
                    break
                # Once round the loop: a worker whose reply just came in adds to this commit.
                await asyncio.sleep(0)
                if results.empty():
                    break
                item = results.get_nowait()
            done = item is None
            if batch and self.stopped is None:
                try:
                    self._in_db(lambda c, b=batch: record(c, b, self.now, self.give_up))  # type: ignore[misc]
                    self.outcomes.extend(batch)
                except BaseException as err:
                    # Unmarked, these stay ``sending`` under this run; the next
                    # run sends them again as the same messages.
                    self.stopped = err
            if self.stopped is not None:
                permits = self.settings.smtp_concurrency  # no worker may wait on a mark again
            for _ in range(permits):
                self.unrecorded.release()


def dispatch(
    engine: Engine, settings: Settings, jobs: list[Job], now: datetime, run: str
) -> list[Outcome]:
    """Render and send the jobs in sending run ``run``; record every outcome and return them."""
    if not jobs:
        return []
    with Session(engine) as session:
        data = MailData(session, jobs)
    dispatcher = Dispatcher(engine, settings, Composer(settings, data, now), run)
    try:
        return asyncio.run(dispatcher.run(jobs))
    except SQLAlchemyError as err:
        reason = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
        raise DatabaseError(
            f"lost the database while sending ({reason})",
            hint="nothing queued is lost: the next send finishes what this one had under way",
        ) from None
