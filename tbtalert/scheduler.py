"""The schedule of the main job: APScheduler with its jobs stored in the database.

One fetch job per enabled source at its own interval (the immediate sender
runs inside it, after each fetch), the daily digest at ``daily_time`` and the
weekly digest on ``weekly_day`` at ``weekly_time``, in ``settings.timezone``.

Missed runs. Jobs live in the database (APScheduler's SQLAlchemy job store),
so a restart knows what was due while the process was down. ``coalesce``
folds every missed run of a job into one, and each job's misfire grace time is
its own period plus an hour: the latest missed run is always within one
period, so a machine that slept three days sends the daily digest once when
it wakes, not three times and not never.

At each start the jobs are re-synced from the configuration: fetch jobs run
at once (so the operator sees every source work after a restart) and then
every ``interval_minutes``; a digest job keeps its stored next run time while
its schedule is unchanged (that is what lets a missed digest catch up); jobs
of removed or disabled sources are removed.

One job runs at a time (a single worker thread): fetch, match and send never
race each other on the database; a slow source delays the others, and their
late runs then run once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from tbtalert.config import Settings
from tbtalert.errors import ConfigError, DatabaseError, TbtAlertError
from tbtalert.models import SCHEDULER_JOBS

log = logging.getLogger(__name__)

JOBS_TABLE = SCHEDULER_JOBS.name
GRACE_SLACK = timedelta(hours=1)

JobFunction = Callable[..., object]
"""A job: called as ``func(engine, settings, *args)``; logs its own one-line summary."""


@dataclass(frozen=True)
class JobSpec:
    """One job the configuration asks for."""

    id: str  # "fetch:<source>", "daily", "weekly", "sweep": the key in the job store
    kind: str  # which job function runs it
    args: tuple[str, ...]
    trigger: BaseTrigger
    period: timedelta
    run_at_start: bool
    name: str

    @property
    def grace_seconds(self) -> int:
        return int((self.period + GRACE_SLACK).total_seconds())


def zone_of(settings: Settings) -> ZoneInfo:
    """The configured time zone, or a ConfigError naming the key."""
    try:
        return ZoneInfo(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"timezone: unknown time zone {settings.timezone!r}",
            hint="use a name such as Asia/Ho_Chi_Minh",
        ) from None


def _clock_time(key: str, value: str) -> tuple[int, int]:
    hour, sep, minute = value.strip().partition(":")
    if sep and hour.isdigit() and minute.isdigit() and int(hour) < 24 and int(minute) < 60:
        return int(hour), int(minute)
    raise ConfigError(
        f"{key}: {value!r} is not a time of day", hint="write it as HH:MM, e.g. 07:00"
    )


def plan_jobs(settings: Settings) -> list[JobSpec]:
    """The jobs the configuration asks for; a ConfigError names a bad time or weekday."""
    zone = zone_of(settings)
    specs = [
        JobSpec(
            id=job_id("fetch", (src.name,)),
            kind="fetch",
            args=(src.name,),
            trigger=IntervalTrigger(seconds=src.interval_minutes * 60, timezone=zone),
            period=timedelta(minutes=src.interval_minutes),
            run_at_start=True,
            name=f"fetch {src.name}",
        )
        for src in settings.sources
        if src.enabled
    ]
    hour, minute = _clock_time("daily_time", settings.daily_time)
    daily = CronTrigger(hour=hour, minute=minute, timezone=zone)
    specs.append(JobSpec("daily", "daily", (), daily, timedelta(days=1), False, "daily digest"))
    hour, minute = _clock_time("weekly_time", settings.weekly_time)
    try:
        weekly = CronTrigger(
            day_of_week=settings.weekly_day, hour=hour, minute=minute, timezone=zone
        )
    except ValueError:
        raise ConfigError(
            f"weekly_day: {settings.weekly_day!r} is not a weekday",
            hint="use mon, tue, wed, thu, fri, sat or sun",
        ) from None
    specs.append(JobSpec("weekly", "weekly", (), weekly, timedelta(days=7), False, "weekly digest"))
    if settings.sweep_minutes > 0:
        every = timedelta(minutes=settings.sweep_minutes)
        sweep = IntervalTrigger(seconds=every.total_seconds(), timezone=zone)
        specs.append(JobSpec("sweep", "sweep", (), sweep, every, False, "sweep"))
    return specs


def job_id(kind: str, args: tuple[str, ...]) -> str:
    """The job store key of a job: ``fetch:<source>``, ``daily``, ``weekly``."""
    return ":".join((kind, *args))


class JobRunner:
    """Runs the scheduled jobs of this process with its engine and settings.

    Tracks the job in progress so a shutdown can wait for it, and refuses to
    start a job once the shutdown began or when ``may_run`` says this process
    no longer leads.
    """

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        jobs: Mapping[str, JobFunction],
        *,
        may_run: Callable[[], bool] = lambda: True,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.jobs = jobs
        self.may_run = may_run
        self._cond = threading.Condition()
        self._running = 0
        self._closing = False
        self.skipped: set[str] = set()  # ids of due runs not started (shutdown, standby)

    def run(self, kind: str, args: tuple[str, ...]) -> None:
        """Run one job; its failure is logged in one line and never stops the schedule."""
        label = " ".join((kind, *args))
        with self._cond:
            if self._closing or not self.may_run():
                reason = "shutdown" if self._closing else "standby"
                log.info("job=%s status=skipped reason=%s", label, reason)
                self.skipped.add(job_id(kind, args))
                return
            self._running += 1
        started = time.monotonic()
        try:
            self.jobs[kind](self.engine, self.settings, *args)
        except (TbtAlertError, SQLAlchemyError) as err:
            # a database error's text holds whole statements: one line of it (-v: the traceback)
            log.debug("job %s failed", label, exc_info=True)
            log.error(
                'job=%s status=failed duration=%.2fs error="%s"',
                label,
                time.monotonic() - started,
                (err if isinstance(err, TbtAlertError) else DatabaseError.from_driver(err))
                .one_line()
                .replace('"', "'"),
            )
        except Exception:
            log.exception("job=%s status=crashed duration=%.2fs", label, time.monotonic() - started)
        finally:
            with self._cond:
                self._running -= 1
                self._cond.notify_all()

    def close(self, timeout: float) -> bool:
        """Start no new job; wait up to ``timeout`` s for the running one. True when idle."""
        with self._cond:
            self._closing = True
            return self._cond.wait_for(lambda: self._running == 0, timeout)


# The job store keeps a textual reference to ``run_scheduled`` and the job's
# arguments, never the engine or settings (they cannot be pickled and belong
# to the process), so the process that leads registers its runner here.
_active_runner: JobRunner | None = None


def run_scheduled(kind: str, *args: str) -> None:
    """The function every stored job calls: hand the job to this process's runner."""
    runner = _active_runner
    if runner is None:
        log.warning("job=%s status=skipped reason=no-runner", " ".join((kind, *args)))
        return
    runner.run(kind, args)


class DatabaseJobStore(SQLAlchemyJobStore):  # type: ignore[misc]
    """APScheduler's SQLAlchemy job store on the process's own engine, left open at shutdown."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine=engine, tablename=JOBS_TABLE)

    def shutdown(self) -> None:
        """The engine belongs to the process, which still uses it: do not dispose of it."""


class Scheduler(BackgroundScheduler):  # type: ignore[misc]
    """APScheduler's background scheduler that can be quiesced before it shuts down.

    ``shutdown`` stops the executors before the scheduler thread, so a pass
    over due jobs under way at that moment would hand a job to a stopped
    executor (and still advance its next run time: a run lost). ``quiesce``
    pauses and waits for such a pass to end.
    """

    def __init__(self, **options: Any) -> None:
        self._processing = threading.Lock()
        super().__init__(**options)

    def _process_jobs(self) -> float | None:
        with self._processing:
            wait: float | None = super()._process_jobs()
            return wait

    def quiesce(self) -> None:
        """Hand no more jobs to the executor (the running one goes on)."""
        self.pause()
        with self._processing:
            pass


def build_scheduler(engine: Engine, settings: Settings) -> Scheduler:
    """A scheduler (not started) storing its jobs in this database, one job at a time."""
    return Scheduler(
        jobstores={"default": DatabaseJobStore(engine)},
        executors={"default": ThreadPoolExecutor(max_workers=1)},
        job_defaults={"coalesce": True, "max_instances": 1},
        timezone=zone_of(settings),
    )


def sync_jobs(scheduler: Scheduler, specs: list[JobSpec], now: datetime) -> None:
    """Make the stored jobs match ``specs`` (see the module docstring for the rules)."""
    wanted = {spec.id: spec for spec in specs}
    stored = {job.id: job for job in scheduler.get_jobs()}
    for job_id in stored.keys() - wanted.keys():
        scheduler.remove_job(job_id)
        log.info("scheduler: removed job %s (no longer configured)", job_id)
    for spec in specs:
        options = {
            "func": run_scheduled,
            "args": (spec.kind, *spec.args),
            "id": spec.id,
            "name": spec.name,
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": spec.grace_seconds,
            "replace_existing": True,
        }
        job = stored.get(spec.id)
        if spec.run_at_start:
            scheduler.add_job(trigger=spec.trigger, next_run_time=now, **options)
        elif job is None or repr(job.trigger) != repr(spec.trigger):
            scheduler.add_job(trigger=spec.trigger, **options)
        else:
            # Same schedule: keep the stored next run time, so a run missed
            # while the process was down still happens (once).
            scheduler.modify_job(spec.id, name=spec.name, misfire_grace_time=spec.grace_seconds)


def start_scheduler(
    engine: Engine, settings: Settings, runner: JobRunner, *, specs: list[JobSpec] | None = None
) -> Scheduler:
    """Start the schedule for this process: register ``runner``, sync the jobs, go."""
    global _active_runner
    _active_runner = runner
    scheduler = build_scheduler(engine, settings)
    scheduler.start(paused=True)
    try:
        sync_jobs(
            scheduler,
            plan_jobs(settings) if specs is None else specs,
            datetime.now(zone_of(settings)),
        )
    except BaseException:
        scheduler.shutdown(wait=False)
        raise
    scheduler.resume()
    return scheduler


def stop_scheduler(scheduler: Scheduler, runner: JobRunner, timeout: float) -> bool:
    """Stop the schedule; wait up to ``timeout`` s for the running job. True if it finished.

    Runs that were due but not started are skipped and set due again in the
    job store, so the next start runs them (once) instead of losing them.
    """
    scheduler.quiesce()
    idle = runner.close(timeout)
    scheduler.shutdown(wait=idle)
    if runner.skipped:
        store = DatabaseJobStore(runner.engine)
        store.start(scheduler, "default")
        now = datetime.now(zone_of(runner.settings))
        for key in sorted(runner.skipped):
            job = store.lookup_job(key)
            if job is not None and job.next_run_time is not None and job.next_run_time > now:
                job._modify(next_run_time=now)
                store.update_job(job)
    return idle
