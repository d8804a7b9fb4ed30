"""Mailing a published bulletin to the subscribers who asked for it, exactly once each.

When a bulletin is first seen published, one :class:`BulletinDelivery` row is
queued for every active subscriber with ``bulletin`` set; the row is unique
per (bulletin, subscriber), so a week's bulletin is queued for a subscriber
once, whatever runs again. Its states are the outbox's (see
:mod:`tbtalert.outbox`): a run claims every queued row (``sending``, its
Message-ID and the run's ``host:pid:run`` written and committed) before it
sends anything, marks each message ``sent`` as soon as the server accepts it,
and a later run takes over the rows of a run that is over (killed, or stopped
on an error) and sends them as the same messages (same Message-ID). Only a
message accepted in the instant before its mark can be sent twice, and then
as the same message.

The mail carries the bulletin's figures and sections and *links* to it: the
web page and the PDF in the public archive (``/bulletins``). The PDF is not
attached: at hundreds of kilobytes to a megabyte for every subscriber it
would multiply what the province's mail server sends and what mailboxes
store, bulk mail with attachments fares worse with spam filters and some
agency gateways strip them, and a link always gives the current revision
(a published week rebuilt with ``--force``). ``base_url`` must therefore be
the address exporters reach the web UI at.

This runs beside the alert mailer, not through it: its rows name a bulletin
rather than a notification. It reuses the rendering (:class:`Renderer`,
:func:`build_message`), the transport and the outbox's sending-run identity.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr
from typing import Any

from sqlalchemy import exists, or_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from tbtalert.bulletin.archive import ArchiveEntry, list_bulletins
from tbtalert.bulletin.render import bulletin_strings
from tbtalert.bulletin.weeks import Week
from tbtalert.config import Settings
from tbtalert.db import session_scope
from tbtalert.digest import Renderer, build_message
from tbtalert.models import Bulletin, BulletinDelivery, Subscriber, utcnow
from tbtalert.outbox import owner_is_gone, sender_identity, sending_run
from tbtalert.templating import make_environment
from tbtalert.tokens import link
from tbtalert.transport import Connection, SendFailure, open_connection

WAITING = ("queued", "sending")


@dataclass
class BulletinMailReport:
    """What one mailing run did, in messages."""

    queued: int = 0
    sent: int = 0
    deferred: int = 0
    failed: int = 0
    skipped: int = 0
    recovered: int = 0


@dataclass
class BulletinJob:
    """One claimed message: a subscriber's copy of a week's bulletin."""

    delivery_id: int
    message_id: str
    queued_at: datetime
    subscriber: Subscriber
    entry: ArchiveEntry


def mail_due(engine: Engine) -> bool:
    """Whether a published bulletin waits to be queued, or bulletin mail waits to be sent."""
    unqueued = exists().where(
        col(Bulletin.status) == "published", col(Bulletin.mail_queued_at).is_(None)
    )
    waiting = exists().where(col(BulletinDelivery.status).in_(WAITING))
    with Session(engine) as session:
        return bool(session.exec(select(or_(unqueued, waiting))).one())


def _queue(session: Session, now: datetime) -> int:
    """Queue each newly published bulletin for the subscribers who want it now."""
    fresh = session.exec(
        select(Bulletin).where(
            Bulletin.status == "published", col(Bulletin.mail_queued_at).is_(None)
        )
    ).all()
    wanting = session.exec(
        select(Subscriber.id).where(
            Subscriber.status == "active",
            Subscriber.bulletin == True,  # noqa: E712
        )
    ).all()
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    queued = 0
    for row in fresh:
        # The other columns take their defaults (queued, no attempt yet).
        rows = [{"bulletin_id": row.id, "subscriber_id": sid, "queued_at": now} for sid in wanting]
        if rows:
            stmt = insert(BulletinDelivery).on_conflict_do_nothing(
                index_elements=["bulletin_id", "subscriber_id"]
            )
            session.execute(stmt, rows)
        queued += len(rows)
        row.mail_queued_at = now
        session.add(row)
    return queued


def _skip_inactive(session: Session) -> int:
    inactive = select(Subscriber.id).where(Subscriber.status != "active")
    result = session.execute(
        update(BulletinDelivery)
        .where(
            col(BulletinDelivery.status) == "queued",
            col(BulletinDelivery.subscriber_id).in_(inactive),
        )
        .values(status="skipped", last_error="subscriber is not active")
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _claim(session: Session, settings: Settings, now: datetime, run: str, domain: str) -> int:
    """Claim the queued rows, and take over those a run that is over left ``sending``.

    Returns how many were taken over. The caller commits before sending.
    """
    me = sender_identity(run)
    recovered = 0
    for row in session.exec(select(BulletinDelivery).where(BulletinDelivery.status == "sending")):
        if owner_is_gone(row.claimed_by, row.claimed_at, now, settings.smtp_claim_timeout):
            taken = session.execute(
                update(BulletinDelivery)
                .where(
                    col(BulletinDelivery.id) == row.id,
                    col(BulletinDelivery.claimed_by) == row.claimed_by,
                )
                .values(claimed_by=me, claimed_at=now)
                .execution_options(synchronize_session=False)
            )
            recovered += int(taken.rowcount or 0)  # type: ignore[attr-defined]
    queued = session.exec(
        select(BulletinDelivery.id)
        .join(Subscriber, col(Subscriber.id) == BulletinDelivery.subscriber_id)
        .where(BulletinDelivery.status == "queued", Subscriber.status == "active")
    ).all()
    for did in queued:
        session.execute(
            update(BulletinDelivery)
            .where(col(BulletinDelivery.id) == did, col(BulletinDelivery.status) == "queued")
            .values(
                status="sending",
                message_id=f"<bulletin.{did}@{domain}>",
                claimed_by=me,
                claimed_at=now,
            )
            .execution_options(synchronize_session=False)
        )
    return recovered


def _jobs(session: Session, run: str, entries: dict[int, ArchiveEntry]) -> list[BulletinJob]:
    rows = session.exec(
        select(BulletinDelivery, Subscriber)
        .join(Subscriber, col(Subscriber.id) == BulletinDelivery.subscriber_id)
        .where(
            BulletinDelivery.status == "sending",
            BulletinDelivery.claimed_by == sender_identity(run),
        )
        .order_by(col(BulletinDelivery.id))
    ).all()
    return [
        BulletinJob(d.id, d.message_id, d.queued_at, sub, entries[d.bulletin_id])
        for d, sub in rows
        if d.id is not None and d.bulletin_id in entries
    ]


class BulletinComposer:
    """A subscriber's copy of a bulletin's mail, in their language (or the one it was built in)."""

    def __init__(self, settings: Settings, now: datetime) -> None:
        self.settings = settings
        self.now = now
        self.renderer = Renderer(settings, make_environment(settings))

    def context(self, job: BulletinJob, language: str) -> dict[str, Any]:
        row, sub = job.entry.bulletin, job.subscriber
        assert sub.id is not None
        week = Week.parse(row.week)
        t = self.renderer.strings(language)
        base = self.settings.base_url.rstrip("/")
        pdf = job.entry.file(language, "pdf")
        summary = row.summary[language]
        subject = t["subject_bulletin"].format(
            number=row.number,
            week=week.number,
            year=week.year,
            new=summary["figures"]["new"][0],
            open=summary["figures"]["open_for_comment"][0],
        )
        return {
            "subject": subject,
            "subscriber_name": sub.name,
            "b": bulletin_strings(self.renderer.env, language),
            "summary": summary,
            "week": week,
            "number": row.number,
            "intro_line": t["bulletin_intro"].format(
                number=row.number,
                week=week.number,
                year=week.year,
                monday=week.monday.strftime("%d/%m/%Y"),
                sunday=week.sunday.strftime("%d/%m/%Y"),
                agency=self.settings.agency_name,
                province=self.settings.province_name,
            ),
            "read_url": f"{base}/bulletins/{row.week}?lang={language}",
            "pdf_url": f"{base}/bulletins/{row.week}/{pdf.name}" if pdf else "",
            "archive_url": f"{base}/bulletins",
            "unsubscribe_url": link(self.settings, "unsubscribe", sub.id, sub.email),
            "preferences_url": link(self.settings, "preferences", sub.id, sub.email),
        }

    def compose(self, job: BulletinJob) -> bytes:
        row, sub = job.entry.bulletin, job.subscriber
        language = sub.language if sub.language in row.summary else next(iter(row.summary))
        ctx = self.context(job, language)
        rendered = self.renderer.render("bulletin", language, ctx)
        rendered.subject = ctx["subject"]  # the Renderer's subject lines are for alerts
        return build_message(
            self.settings,
            rendered,
            to_email=sub.email,
            to_name=sub.name,
            message_id=job.message_id,
            now=self.now,
            unsubscribe_url=ctx["unsubscribe_url"],
        )


def _mark(
    engine: Engine, job: BulletinJob, outcome: str, tries: int, error: str, give_up: datetime
) -> str:
    """Record how a message ended; a deferral queued before ``give_up`` fails. Returns the state."""
    state = {"sent": "sent", "deferred": "queued"}.get(outcome, "failed")
    if state == "queued" and job.queued_at < give_up:
        state, error = "failed", f"gave up after repeated temporary failures; last: {error}"
    with session_scope(engine) as session:
        session.execute(
            update(BulletinDelivery)
            .where(col(BulletinDelivery.id) == job.delivery_id)
            .values(
                status=state,
                attempts=col(BulletinDelivery.attempts) + tries,
                last_error=error[:2000],
                claimed_by="",
                sent_at=utcnow() if state == "sent" else None,
            )
        )
        if outcome == "bounced":
            session.execute(
                update(Subscriber)
                .where(col(Subscriber.id) == job.subscriber.id)
                .values(status="bounced", status_reason=error[:1000], updated_at=utcnow())
            )
    return "deferred" if state == "queued" else state


async def _deliver(
    conn: Connection, settings: Settings, job: BulletinJob, data: bytes
) -> tuple[str, int, str]:
    """Send one message with the configured retries: (outcome, tries, error)."""
    sender = parseaddr(settings.mail_from)[1]
    name = job.message_id.strip("<>").replace("@", "_at_")
    tries = 0
    while True:
        tries += 1
        try:
            await conn.send(sender, job.subscriber.email, data, name)
            return "sent", tries, ""
        except SendFailure as err:
            error = f"{job.subscriber.email}: {err}"
            if err.kind in ("refused", "permanent"):
                return ("bounced" if err.kind == "refused" else "failed"), tries, error
            if tries >= settings.smtp_max_attempts:
                return "deferred", tries, error
            await asyncio.sleep(settings.smtp_backoff * 2 ** (tries - 1))


async def _send_all(
    settings: Settings,
    jobs: list[BulletinJob],
    compose: Callable[[BulletinJob], bytes],
    mark: Callable[[BulletinJob, str, int, str], str],
) -> list[str]:
    """Send the jobs with ``smtp_concurrency`` connections; each outcome marked as it comes."""
    todo: asyncio.Queue[BulletinJob] = asyncio.Queue()
    for job in jobs:
        todo.put_nowait(job)
    states: list[str] = []
    pause = 60.0 / settings.smtp_rate_per_minute if settings.smtp_rate_per_minute else 0.0

    async def worker() -> None:
        conn = open_connection(settings)
        try:
            while not todo.empty():
                job = todo.get_nowait()
                outcome, tries, error = await _deliver(conn, settings, job, compose(job))
                states.append(mark(job, outcome, tries, error))
                if pause:
                    await asyncio.sleep(pause * settings.smtp_concurrency)
        finally:
            await conn.close()

    await asyncio.gather(*(worker() for _ in range(min(settings.smtp_concurrency, len(jobs)))))
    return states


def send_bulletin_mail(
    engine: Engine, settings: Settings, *, now: datetime | None = None
) -> BulletinMailReport:
    """Queue newly published bulletins, then send every waiting copy; safe to run at any time."""
    now = now or utcnow()
    report = BulletinMailReport()
    domain = parseaddr(settings.mail_from)[1].rpartition("@")[2] or "tbtalert.invalid"
    with sending_run() as run:
        with session_scope(engine) as session:
            report.skipped = _skip_inactive(session)
            report.queued = _queue(session, now)
            report.recovered = _claim(session, settings, now, run, domain)
        entries = {e.bulletin.id or 0: e for e in list_bulletins(engine, published_only=True)}
        with Session(engine) as session:
            jobs = _jobs(session, run, entries)
        composer = BulletinComposer(settings, now)
        give_up = now - timedelta(hours=settings.smtp_give_up_hours)
        states = asyncio.run(
            _send_all(
                settings,
                jobs,
                composer.compose,
                lambda job, outcome, tries, error: _mark(
                    engine, job, outcome, tries, error, give_up
                ),
            )
        )
    report.sent = states.count("sent")
    report.deferred = states.count("deferred")
    report.failed = states.count("failed")
    return report
