"""Dispatch: render each claimed message and hand it to the transport, exactly once.

Queued mail is sent by :func:`dispatch`; a one-off message (the web's
confirmation mail, say) by :func:`send_one`, which renders and sends it at
once and records nothing.

Sending queued mail runs a small pipeline on one event loop: a producer
claims a chunk of messages in the database (committed before any of them is
sent) and feeds ``smtp_concurrency`` workers, each holding one reused SMTP
connection; a recorder commits the outcomes in small groups, without
blocking the loop (see :class:`~tbtalert.mail.claims.ClaimsDatabase`).
Messages are rendered in this process, or for a large run
(``PARALLEL_FROM``) in a second one that renders ahead while this one sends.

The window no sender can close lies between the server's 250 and the commit
that marks the message sent. A worker takes a permit before sending and the
recorder returns it after that commit, so at most ``smtp_concurrency``
messages are ever in flight or accepted-but-unmarked: after a crash, at most
that many are sent again, each as the same message (same Message-ID).

A run that fails part-way (a template error, the database gone) stops
claiming and sending, lets its workers finish, and raises; what it claimed
and did not mark is taken over by the next run (see :mod:`tbtalert.mail.claims`).
The render process is forked before the run opens its database connection,
and dies with the sender, so it never holds the sender's transaction open.
"""

from __future__ import annotations

import asyncio
import collections
import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import queue as stdqueue
import signal
import threading
from datetime import datetime
from typing import Any, Protocol

import jinja2
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from tbtalert.config import Settings
from tbtalert.errors import DatabaseError, MailError, SendFailure, TbtAlertError
from tbtalert.mail.claims import DELIVERIES, ClaimsDatabase, Ledger, Outcome
from tbtalert.mail.compose import Composer, MailData, Renderer
from tbtalert.mail.mime import build_message, new_message_id, sender
from tbtalert.mail.queue import Job
from tbtalert.mail.transport import Connection, open_connection
from tbtalert.models import Language, utcnow

CHUNK = 200  # messages claimed at a time
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


class Composing(Protocol):
    """What the sender needs of a composer: the run's time and Message-ID domain, the bytes."""

    now: datetime
    domain: str

    def compose(self, job: Job) -> tuple[str, str, bytes]:
        """(recipient, subject, message bytes) of a job."""
        ...


def _render_ahead(composer: Composing, jobs: list[Job], out: Any) -> None:
    """In the render process: every job's message in order, in batches.

    A failure is handed over as ``("error", message, hint)`` in place of a batch.
    """
    _die_with_parent()
    gc.freeze()  # what the sender loaded lives as long as this process: never scan it
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

    def __init__(self, composer: Composing, jobs: list[Job]) -> None:
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


class Dispatcher:
    """Claims, renders, sends and records a list of jobs; see the module docstring."""

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        composer: Composing,
        run: str,
        ledger: Ledger = DELIVERIES,
    ) -> None:
        self.db = ClaimsDatabase(engine)
        self.ledger = ledger
        self.settings = settings
        self.composer = composer
        self.now = composer.now
        self.sender = sender(settings)[1]
        self.run_token = run  # in every Message-ID and claim of this run
        self.bounced: set[int] = set()
        self.next_slot = 0.0
        self.outcomes: list[Outcome] = []
        self.stopped: BaseException | None = None  # why the run stopped early, if it did
        self.give_up = settings.smtp_give_up_hours

    async def run(self, jobs: list[Job]) -> list[Outcome]:
        """Send the jobs. A failure stops the run: what it claimed and did not mark
        stays ``sending`` under this run, and the next run takes it over."""
        workers = self.settings.smtp_concurrency
        ready: asyncio.Queue[tuple[Job, str, bytes] | None] = asyncio.Queue(workers * 4)
        results: asyncio.Queue[tuple[Outcome, bool] | None] = asyncio.Queue()
        # A worker takes a permit before sending and the recorder gives it back
        # once the outcome is committed: at most ``workers`` messages are ever
        # in flight or accepted-but-unrecorded, which bounds what a crash can repeat.
        self.unrecorded = asyncio.Semaphore(workers)
        for job in jobs:
            if not job.recovered and job.delivery_ids:
                job.message_id = self.ledger.message_id_for(
                    job, self.run_token, self.composer.domain
                )
        # The render process is forked first, before this run holds a
        # database connection or starts a thread.
        with Renderings(self.composer, jobs) as rendered:
            tasks = [asyncio.create_task(self._worker(ready, results)) for _ in range(workers)]
            recorder = asyncio.create_task(self._recorder(results))
            try:
                await self._produce(jobs, rendered, ready, results)
            except BaseException as err:
                self.stopped = self.stopped or err
            finally:
                for _ in tasks:
                    await ready.put(None)
                await asyncio.gather(*tasks, return_exceptions=True)
                await results.put(None)
                await asyncio.gather(recorder, return_exceptions=True)
                await self.db.close()
        if self.stopped is not None:
            raise self.stopped
        return self.outcomes

    async def _produce(
        self,
        jobs: list[Job],
        rendered: Renderings,
        ready: asyncio.Queue[tuple[Job, str, bytes] | None],
        results: asyncio.Queue[tuple[Outcome, bool] | None],
    ) -> None:
        domain = self.composer.domain
        for start in range(0, len(jobs), CHUNK):
            part = jobs[start : start + CHUNK]
            if self.stopped is not None:
                return
            claimed = await self.db.claim(
                lambda c, p=part: self.ledger.claim(c, p, self.now, self.run_token, domain)  # type: ignore[misc]
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
                await ready.put((job, recipient, data))
                await asyncio.sleep(0)  # let workers hand over what is ready

    async def _worker(
        self,
        ready: asyncio.Queue[tuple[Job, str, bytes] | None],
        results: asyncio.Queue[tuple[Outcome, bool] | None],
    ) -> None:
        conn = open_connection(self.settings)
        try:
            while (item := await ready.get()) is not None:
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
        tries = 0
        while True:
            if job.subscriber_id in self.bounced:
                return Outcome(job, "skipped", tries, "address bounced in this run")
            tries += 1
            await self._pace()
            try:
                await conn.send(self.sender, recipient, data, job.message_id)
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
                    await self.db.mark(
                        lambda c, b=batch: self.ledger.record(c, b, self.now, self.give_up)  # type: ignore[misc]
                    )
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
    engine: Engine,
    settings: Settings,
    jobs: list[Job],
    now: datetime,
    run: str,
    *,
    composer: Composing | None = None,
    ledger: Ledger = DELIVERIES,
) -> list[Outcome]:
    """Render and send the jobs in sending run ``run``; record every outcome and return them.

    Queued Delivery rows by default; a kind of mail with rows of its own
    passes its ``composer`` and ``ledger`` (see :class:`~tbtalert.mail.claims.Ledger`).
    """
    if not jobs:
        return []
    if composer is None:
        with Session(engine) as session:
            composer = Composer(settings, MailData(session, jobs), now)
    dispatcher = Dispatcher(engine, settings, composer, run, ledger)
    # The loaded data and templates stay for the whole run: the collector need
    # not scan them over and over while messages churn through (a tenth of a
    # second per full collection with a large run loaded).
    gc.freeze()
    try:
        return asyncio.run(dispatcher.run(jobs))
    except SQLAlchemyError as err:
        reason = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
        raise DatabaseError(
            f"lost the database while sending ({reason})",
            hint="nothing queued is lost: the next send finishes what this one had under way",
        ) from None
    finally:
        gc.unfreeze()


async def send_one(
    settings: Settings,
    env: jinja2.Environment,
    *,
    kind: str,
    language: Language,
    to_email: str,
    to_name: str,
    context: dict[str, Any],
    unsubscribe_url: str | None = None,
) -> str:
    """Render ``email/<kind>.*`` for one reader and send it now, outside the queue.

    For mail that is not an item of the queue (a sign-up confirmation, say):
    nothing is recorded, and a :class:`SendFailure` reaches the caller, who
    decides what it means. Returns the message's Message-ID.
    """
    rendered = Renderer(settings, env).render(kind, language, context)
    message_id = new_message_id(settings, kind)
    data = build_message(
        settings,
        rendered,
        to_email=to_email,
        to_name=to_name,
        message_id=message_id,
        now=utcnow(),
        unsubscribe_url=unsubscribe_url,
    )
    conn = open_connection(settings)
    try:
        await conn.send(sender(settings)[1], to_email, data, message_id)
    finally:
        await conn.close()
    return message_id
