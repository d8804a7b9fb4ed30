"""Sending runs: queue what is due for each subscriber, then send it exactly once.

:func:`send` and :func:`send_reminders` are what the command line and the
scheduler call; both are safe to run again at any time. Each run first
finishes what a crashed run left half-sent (same messages, same Message-IDs),
then queues the newly eligible pairs (see :func:`tbtalert.mail.queue.eligible_pairs`)
and sends everything queued. ``immediate`` sends one message per notification;
``daily`` and ``weekly`` one digest per subscriber, plus, for subscribers who
asked for it, a heartbeat when there was nothing for them in the period.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from tbtalert.config import Settings
from tbtalert.db import session_scope
from tbtalert.errors import MailError
from tbtalert.mail.claims import Outcome, recover_jobs, sending_run
from tbtalert.mail.compose import Composer, MailData
from tbtalert.mail.dispatch import dispatch
from tbtalert.mail.queue import (
    PERIODS,
    Job,
    eligible_pairs,
    heartbeat_jobs,
    into_jobs,
    pending_jobs,
    pending_rows,
    queue_alerts,
    queue_reminders,
    skip_inactive,
)
from tbtalert.models import DeliveryFrequency, Frequency, utcnow
from tbtalert.subscribers import FREQUENCIES


@dataclass
class PlannedMessage:
    """A message a dry run would send."""

    email: str
    kind: str
    subject: str
    symbols: list[str]


@dataclass
class SendReport:
    """What one run did: ``sent``/``failed``/``deferred`` count items, ``messages`` messages.

    ``bounced`` counts addresses refused with a 5xx in this run (now marked bounced).
    """

    frequency: DeliveryFrequency
    queued: int = 0
    sent: int = 0
    failed: int = 0
    messages: int = 0
    deferred: int = 0
    bounced: int = 0
    skipped: int = 0
    recovered: int = 0
    planned: list[PlannedMessage] = field(default_factory=list)


def _tally(report: SendReport, jobs: list[Job], outcomes: list[Outcome]) -> SendReport:
    report.recovered = sum(1 for j in jobs if j.recovered)
    report.bounced = len({o.job.subscriber_id for o in outcomes if o.status == "bounced"})
    for out in outcomes:
        rows = len(out.job.delivery_ids)
        if out.status == "sent":
            report.messages += 1
            report.sent += rows
        elif out.status == "deferred":
            report.deferred += rows - out.given_up
            report.failed += out.given_up
        elif out.status == "skipped":
            report.skipped += rows
        else:
            report.failed += rows
    return report


def _checked(frequency: str) -> Frequency:
    if frequency not in FREQUENCIES:
        raise MailError(
            f"unknown frequency {frequency!r}", hint=f"use one of {', '.join(FREQUENCIES)}"
        )
    return frequency


def send(
    engine: Engine,
    settings: Settings,
    frequency: str,
    *,
    dry_run: bool = False,
    now: datetime | None = None,
) -> SendReport:
    """Queue deliveries for eligible pairs, then send what is queued; safe to run at any time.

    ``dry_run`` plans the messages (``report.planned``) and writes nothing.
    """
    chosen = _checked(frequency)
    now = now or utcnow()
    if dry_run:
        return plan(engine, settings, chosen, now)

    def pending(session: Session, recovered: list[Job]) -> list[Job]:
        jobs = pending_jobs(session, "alert", chosen)
        if chosen in PERIODS:
            busy = {j.subscriber_id for j in recovered + jobs}
            jobs += heartbeat_jobs(session, chosen, now, busy)
        return jobs

    return _run(
        engine,
        settings,
        SendReport(chosen),
        now,
        lambda session: queue_alerts(session, chosen, now),
        pending,
    )


def send_reminders(
    engine: Engine, settings: Settings, *, now: datetime | None = None
) -> SendReport:
    """Queue and send deadline reminders: one message per subscriber listing the items due."""
    now = now or utcnow()
    return _run(
        engine,
        settings,
        SendReport("reminder"),
        now,
        lambda session: queue_reminders(session, settings, now),
        lambda session, _: pending_jobs(session, "reminder", "reminder"),
    )


def _run(
    engine: Engine,
    settings: Settings,
    report: SendReport,
    now: datetime,
    queue: Callable[[Session], int],
    pending: Callable[[Session, list[Job]], list[Job]],
) -> SendReport:
    """One sending run: take over what an earlier run left, queue what is due, send it all."""
    with sending_run() as run:
        with session_scope(engine) as session:
            jobs = recover_jobs(session, settings, now, run)
        with session_scope(engine) as session:
            report.skipped = skip_inactive(session)
            report.queued = queue(session)
        with Session(engine) as session:
            jobs += pending(session, jobs)
        return _tally(report, jobs, dispatch(engine, settings, jobs, now, run))


def plan(engine: Engine, settings: Settings, frequency: Frequency, now: datetime) -> SendReport:
    """What :func:`send` would send now (``report.planned``), without writing anything."""
    report = SendReport(frequency)
    with Session(engine) as session:
        pairs = eligible_pairs(session, frequency)
        report.queued = len(pairs)
        new = [(None, sid, nid) for sid, nid in pairs]
        jobs = into_jobs([*pending_rows(session, "alert", frequency), *new], "alert", frequency)
        if frequency in PERIODS:
            jobs += heartbeat_jobs(session, frequency, now, {j.subscriber_id for j in jobs})
        composer = Composer(settings, MailData(session, jobs), now)
    for job in jobs:
        email, subject, _ = composer.compose(job)
        report.planned.append(PlannedMessage(email, job.kind, subject, composer.symbols(job)))
    report.messages = len(report.planned)
    return report
