"""The bulletin's mail: a published bulletin to the subscribers who asked for it, once each.

A kind of mail of the mail package (:mod:`tbtalert.mail`) with rows of its
own: when a bulletin is first seen published, one
:class:`~tbtalert.models.BulletinDelivery` row is queued for every active
subscriber with ``bulletin`` set, unique per (bulletin, subscriber), so a
week's bulletin is queued for a subscriber once, whatever runs again. The
rows go through the states drawn in :mod:`tbtalert.mail.claims`; this module
is their :class:`~tbtalert.mail.claims.Ledger` (name, claim, record) and
their composer, and the mail package's sender does the rest: a claim is
committed before the message is sent, each message is marked sent as soon
as the server accepts it, a later run takes over what a run that is over
left ``sending`` and sends it as the same message (same Message-ID).

The mail carries the bulletin's figures and sections and *links* to it: the
web page and the PDF in the public archive (``/bulletins``). The PDF is not
attached: at hundreds of kilobytes to a megabyte for every subscriber it
would multiply what the province's mail server sends and what mailboxes
store, bulk mail with attachments fares worse with spam filters and some
agency gateways strip them, and a link always gives the current revision
(a published week rebuilt with ``--force``). ``base_url`` must therefore be
the address exporters reach the web UI at.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import exists, or_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, col, select

from tbtalert.bulletin.archive import ArchiveEntry, list_bulletins
from tbtalert.bulletin.render import bulletin_strings
from tbtalert.bulletin.weeks import Week
from tbtalert.config import Settings
from tbtalert.db import session_scope
from tbtalert.mail.claims import (
    Ledger,
    Outcome,
    owner_is_gone,
    record_unsent,
    sender_identity,
    sending_run,
)
from tbtalert.mail.compose import Renderer
from tbtalert.mail.dispatch import dispatch
from tbtalert.mail.mime import build_message, mail_domain
from tbtalert.mail.queue import Job
from tbtalert.models import Bulletin, BulletinDelivery, Subscriber, utcnow
from tbtalert.templating import make_environment
from tbtalert.tokens import link

KIND: Final = "bulletin"
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
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
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


def _job(row: BulletinDelivery, recovered: bool = False) -> Job:
    assert row.id is not None
    return Job(
        row.subscriber_id,
        KIND,
        "weekly",
        delivery_ids=[row.id],
        message_id=row.message_id if recovered else "",
        recovered=recovered,
    )


def _recover(session: Session, settings: Settings, now: datetime, run: str) -> list[Job]:
    """Take over the rows a run that is over left ``sending`` (compare-and-set on the owner)."""
    jobs = []
    for row in session.exec(select(BulletinDelivery).where(BulletinDelivery.status == "sending")):
        if not owner_is_gone(row.claimed_by, row.claimed_at, now, settings.smtp_claim_timeout):
            continue
        taken = session.execute(
            update(BulletinDelivery)
            .where(
                col(BulletinDelivery.id) == row.id,
                col(BulletinDelivery.claimed_by) == row.claimed_by,
            )
            .values(claimed_by=sender_identity(run), claimed_at=now)
            .execution_options(synchronize_session=False)
        )
        if taken.rowcount:  # type: ignore[attr-defined]
            jobs.append(_job(row, recovered=True))
    return jobs


def _pending(session: Session) -> list[Job]:
    rows = session.exec(
        select(BulletinDelivery)
        .join(Subscriber, col(Subscriber.id) == BulletinDelivery.subscriber_id)
        .where(BulletinDelivery.status == "queued", Subscriber.status == "active")
        .order_by(col(BulletinDelivery.id))
    ).all()
    return [_job(row) for row in rows]


def _message_id(job: Job, run: str, domain: str) -> str:
    return f"<{run}.b{job.delivery_ids[0]}@{domain}>"


def _claim(conn: Connection, jobs: list[Job], now: datetime, run: str, domain: str) -> list[Job]:
    """Mark each job's row ``sending`` with its Message-ID; the jobs whose row was still queued."""
    me = sender_identity(run)
    claimed = []
    for job in jobs:
        if not job.recovered:
            taken = conn.execute(
                update(BulletinDelivery)
                .where(
                    col(BulletinDelivery.id) == job.delivery_ids[0],
                    col(BulletinDelivery.status) == "queued",
                )
                .values(status="sending", message_id=job.message_id, claimed_by=me, claimed_at=now)
            )
            if not taken.rowcount:
                continue  # another sender has it
        claimed.append(job)
    return claimed


def _record(conn: Connection, outcomes: list[Outcome], now: datetime, give_up_hours: int) -> None:
    """Write how each message ended (see :func:`tbtalert.mail.claims.record_unsent`)."""
    for out in outcomes:
        if out.status != "sent":
            record_unsent(conn, BulletinDelivery, out, now, give_up_hours)
            continue
        conn.execute(
            update(BulletinDelivery)
            .where(
                col(BulletinDelivery.id) == out.job.delivery_ids[0],
                col(BulletinDelivery.status) == "sending",
            )
            .values(
                status="sent",
                sent_at=now,
                claimed_by="",
                attempts=col(BulletinDelivery.attempts) + out.tries,
            )
        )


BULLETIN_DELIVERIES = Ledger(_message_id, _claim, _record)


class BulletinComposer:
    """A subscriber's copy of a bulletin's mail, in their language (or the one it was built in)."""

    def __init__(self, engine: Engine, settings: Settings, jobs: list[Job], now: datetime) -> None:
        self.settings = settings
        self.now = now
        self.domain = mail_domain(settings)
        self.renderer = Renderer(settings, make_environment(settings))
        entries = {e.bulletin.id: e for e in list_bulletins(engine, published_only=True)}
        ids = [job.delivery_ids[0] for job in jobs]
        with Session(engine) as session:
            rows = session.exec(
                select(BulletinDelivery, Subscriber)
                .join(Subscriber, col(Subscriber.id) == BulletinDelivery.subscriber_id)
                .where(col(BulletinDelivery.id).in_(ids))
            ).all()
        self.copies = {d.id: (sub, entries[d.bulletin_id]) for d, sub in rows}

    def context(self, sub: Subscriber, entry: ArchiveEntry, language: str) -> dict[str, Any]:
        row = entry.bulletin
        assert sub.id is not None
        week = Week.parse(row.week)
        t = self.renderer.strings(language)
        base = self.settings.base_url.rstrip("/")
        pdf = entry.file(language, "pdf")
        summary = row.summary[language]
        dates = {
            "number": row.number,
            "week": week.number,
            "year": week.year,
            "monday": week.monday.strftime("%d/%m/%Y"),
            "sunday": week.sunday.strftime("%d/%m/%Y"),
        }
        return {
            "subject": t["subject_bulletin"].format(
                new=summary["figures"]["new"][0],
                open=summary["figures"]["open_for_comment"][0],
                **dates,
            ),
            "subscriber_name": sub.name,
            "b": bulletin_strings(self.renderer.env, language),
            "summary": summary,
            "number": row.number,
            "intro_line": t["bulletin_intro"].format(
                agency=self.settings.agency_name, province=self.settings.province_name, **dates
            ),
            "read_url": f"{base}/bulletins/{row.week}?lang={language}",
            "pdf_url": f"{base}/bulletins/{row.week}/{pdf.name}" if pdf else "",
            "archive_url": f"{base}/bulletins",
            "unsubscribe_url": link(self.settings, "unsubscribe", sub.id, sub.email),
            "preferences_url": link(self.settings, "preferences", sub.id, sub.email),
        }

    def compose(self, job: Job) -> tuple[str, str, bytes]:
        """(recipient, subject, message bytes) of a job."""
        sub, entry = self.copies[job.delivery_ids[0]]
        summary = entry.bulletin.summary
        language = sub.language if sub.language in summary else next(iter(summary))
        ctx = self.context(sub, entry, language)
        rendered = self.renderer.render(KIND, language, ctx)
        rendered.subject = ctx["subject"]  # the Renderer's subject lines are for alerts
        data = build_message(
            self.settings,
            rendered,
            to_email=sub.email,
            to_name=sub.name,
            message_id=job.message_id,
            now=self.now,
            unsubscribe_url=ctx["unsubscribe_url"],
        )
        return sub.email, rendered.subject, data


def send_bulletin_mail(
    engine: Engine, settings: Settings, *, now: datetime | None = None
) -> BulletinMailReport:
    """Queue newly published bulletins, then send every waiting copy; safe to run at any time."""
    now = now or utcnow()
    report = BulletinMailReport()
    with sending_run() as run:
        with session_scope(engine) as session:
            jobs = _recover(session, settings, now, run)
        with session_scope(engine) as session:
            report.skipped = _skip_inactive(session)
            report.queued = _queue(session, now)
        with Session(engine) as session:
            jobs += _pending(session)
        composer = BulletinComposer(engine, settings, jobs, now) if jobs else None
        outcomes = dispatch(
            engine, settings, jobs, now, run, composer=composer, ledger=BULLETIN_DELIVERIES
        )
    report.recovered = sum(1 for job in jobs if job.recovered)
    for out in outcomes:
        if out.status == "sent":
            report.sent += 1
        elif out.status == "deferred" and not out.given_up:
            report.deferred += 1
        elif out.status == "skipped":
            report.skipped += 1
        else:
            report.failed += 1
    return report
