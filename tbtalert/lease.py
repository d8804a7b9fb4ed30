"""One active scheduler per database: a lease row that the leader keeps renewing.

Clocks. Expiry is measured with monotonic clocks only, never by comparing
wall-clock times written by different machines:

- the leader bumps ``beat`` every few seconds and counts itself leader only
  while its last successful bump (timed on its own monotonic clock, taken
  *before* the UPDATE) is younger than ``LEADER_MARGIN`` × ``seconds``;
- a standby notes, on its own monotonic clock, when it first saw the current
  ``(holder, beat)``; when that pair has not changed for ``seconds`` it takes
  the lease with a compare-and-swap UPDATE on exactly that pair.

So a leader that stops renewing gives up before any standby can take over,
whatever the wall clocks of the two machines say, and a jump of the system
clock (NTP, a laptop waking up) changes nothing. The price: a new process
that finds a lease left by a killed one waits ``seconds`` before leading (a
clean shutdown releases the lease, so a restart leads at once).
``renewed_at`` is the holder's wall-clock time, kept only to show people.

The compare-and-swap (``UPDATE ... WHERE holder = ? AND beat = ?``) is atomic
on SQLite (one writer at a time) and on PostgreSQL (a concurrent UPDATE of the
same row re-checks the WHERE clause after the first commits), so two standbys
never both win.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import inspect, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import Session, SQLModel, select

from tbtalert.errors import reason
from tbtalert.models import SchedulerLease, utcnow

log = logging.getLogger(__name__)

# A leader stops leading when its last renewal is older than this share of the
# lease, well before a standby (which waits the whole lease) can take over.
LEADER_MARGIN = 0.75


@dataclass(frozen=True)
class LeaseInfo:
    """The lease row as people see it."""

    holder: str
    acquired_at: datetime | None
    renewed_at: datetime | None


def default_holder() -> str:
    """A name for this process that says where it runs: ``host:pid:random``."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def ensure_table(engine: Engine) -> None:
    """Create the lease table if this database does not have it yet."""
    SQLModel.metadata.create_all(engine, tables=[SchedulerLease.__table__])  # type: ignore[attr-defined]


def read_lease(engine: Engine, name: str = "scheduler") -> LeaseInfo | None:
    """The current lease, or None when no scheduler ever ran on this database.

    Only reads (it never creates the table), so a status page never waits for a writer.
    """
    if not inspect(engine).has_table(SchedulerLease.__tablename__):
        return None
    with Session(engine) as session:
        row = session.get(SchedulerLease, name)
        if row is None:
            return None
        return LeaseInfo(row.holder, row.acquired_at, row.renewed_at)


class Lease:
    """The scheduler lease of one database, seen from one process.

    Call :meth:`poll` every few seconds (``seconds / 5`` is a good pace): it
    renews the lease while this process holds it, tries to take it otherwise,
    and returns whether this process is the leader now.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        seconds: float,
        name: str = "scheduler",
        holder: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.engine = engine
        self.seconds = seconds
        self.name = name
        self.holder = holder or default_holder()
        self._clock = clock
        self._renewed: float | None = None  # monotonic time before our last good renewal
        self._seen: tuple[str, int] | None = None  # (holder, beat) of someone else's lease
        self._seen_since = 0.0

    @property
    def is_leader(self) -> bool:
        """Whether this process holds the lease, renewed recently enough to act on it."""
        return (
            self._renewed is not None
            and self._clock() - self._renewed < LEADER_MARGIN * self.seconds
        )

    def poll(self) -> bool:
        """Renew or try to take the lease; return whether this process leads now."""
        started = self._clock()
        try:
            won = self._renew() if self._renewed is not None else self._try_take()
        except SQLAlchemyError as err:
            # A database hiccup: keep leading only while the last renewal is fresh.
            log.warning("lease: database error (%s)", reason(err))
            return self.is_leader
        if won:
            self._renewed = started
        else:
            self._renewed = None
        return won

    def release(self) -> None:
        """Give the lease up at once, so a standby can lead without waiting."""
        if self._renewed is None:
            return
        self._renewed = None
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    update(SchedulerLease)
                    .where(SchedulerLease.name == self.name)  # type: ignore[arg-type]
                    .where(SchedulerLease.holder == self.holder)  # type: ignore[arg-type]
                    .values(holder="", beat=SchedulerLease.beat + 1, renewed_at=utcnow())
                )
        except SQLAlchemyError as err:
            log.warning("lease: could not release (%s); it expires by itself", err)

    def _renew(self) -> bool:
        with self.engine.begin() as conn:
            result = conn.execute(
                update(SchedulerLease)
                .where(SchedulerLease.name == self.name)  # type: ignore[arg-type]
                .where(SchedulerLease.holder == self.holder)  # type: ignore[arg-type]
                .values(beat=SchedulerLease.beat + 1, renewed_at=utcnow())
            )
        return bool(result.rowcount == 1)

    def _try_take(self) -> bool:
        with Session(self.engine) as session:
            row = session.exec(
                select(SchedulerLease).where(SchedulerLease.name == self.name)
            ).first()
            current = (row.holder, row.beat) if row is not None else None
        if current is None:
            return self._insert()
        holder, beat = current
        if holder and holder != self.holder:
            if current != self._seen:
                self._seen, self._seen_since = current, self._clock()
                return False
            if self._clock() - self._seen_since < self.seconds:
                return False
        return self._swap(holder, beat)

    def _insert(self) -> bool:
        now = utcnow()
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    SchedulerLease.__table__.insert().values(  # type: ignore[attr-defined]
                        name=self.name, holder=self.holder, beat=1, acquired_at=now, renewed_at=now
                    )
                )
        except IntegrityError:
            return False  # another process created it first; it leads
        return True

    def _swap(self, holder: str, beat: int) -> bool:
        now = utcnow()
        with self.engine.begin() as conn:
            result = conn.execute(
                update(SchedulerLease)
                .where(SchedulerLease.name == self.name)  # type: ignore[arg-type]
                .where(SchedulerLease.holder == holder)  # type: ignore[arg-type]
                .where(SchedulerLease.beat == beat)  # type: ignore[arg-type]
                .values(holder=self.holder, beat=beat + 1, acquired_at=now, renewed_at=now)
            )
        self._seen = None
        return bool(result.rowcount == 1)
