"""The schedule itself: the jobs the configuration asks for, firing, re-sync, missed runs.

The scheduler is the real APScheduler with its jobs stored in the test
database (SQLite and PostgreSQL); the job functions are small recorders, so
these tests do not depend on fetching or mail (tests/test_run*.py do).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from support.polling import wait_until
from support.recorder import Recorder, source
from tbtalert.config import Settings
from tbtalert.errors import ConfigError, MailError
from tbtalert.scheduler import (
    DatabaseJobStore,
    JobRunner,
    Scheduler,
    plan_jobs,
    start_scheduler,
    stop_scheduler,
)
from tbtalert.status import next_runs


@pytest.fixture
def running(engine: Engine) -> Iterator[list[tuple[Scheduler, JobRunner]]]:
    """Schedulers started by a test, stopped at its end whatever happens."""
    started: list[tuple[Scheduler, JobRunner]] = []
    yield started
    for scheduler, runner in started:
        if scheduler.running:
            stop_scheduler(scheduler, runner, timeout=30)


def start(
    engine: Engine,
    settings: Settings,
    recorder: Recorder,
    running: list[tuple[Scheduler, JobRunner]],
) -> tuple[Scheduler, JobRunner]:
    runner = JobRunner(engine, settings, recorder.jobs())
    scheduler = start_scheduler(engine, settings, runner)
    running.append((scheduler, runner))
    return scheduler, runner


def test_plan_has_one_fetch_job_per_enabled_source_and_both_digests(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings(
        sources=[source("eping", 360), source("fr", 30), source("off", 5, enabled=False)],
        daily_time="06:45",
        weekly_day="fri",
        weekly_time="16:00",
    )
    specs = {spec.id: spec for spec in plan_jobs(settings)}
    assert sorted(specs) == ["daily", "fetch:eping", "fetch:fr", "sweep", "weekly"]
    assert specs["sweep"].period == timedelta(minutes=2) and not specs["sweep"].run_at_start
    assert "sweep" not in {s.id for s in plan_jobs(make_settings(sweep_minutes=0))}
    assert specs["fetch:fr"].period == timedelta(minutes=30)
    assert specs["fetch:fr"].run_at_start and not specs["daily"].run_at_start
    # Local time in the configured zone: 06:45 in Ho Chi Minh City is 23:45 UTC.
    after = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)
    daily_next = specs["daily"].trigger.get_next_fire_time(None, after)
    assert daily_next.astimezone(UTC) == datetime(2026, 3, 2, 23, 45, tzinfo=UTC)
    weekly_next = specs["weekly"].trigger.get_next_fire_time(None, after)
    assert weekly_next.strftime("%a %H:%M") == "Fri 16:00"


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"daily_time": "7h"}, "daily_time"),
        ({"weekly_time": "25:00"}, "weekly_time"),
        ({"weekly_day": "someday"}, "weekly_day"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
    ],
)
def test_a_bad_schedule_setting_is_named(
    make_settings: Callable[..., Settings], overrides: dict[str, str], named: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        plan_jobs(make_settings(**overrides))
    assert caught.value.message.startswith(f"{named}:")


def test_fetch_jobs_fire_at_start_and_then_every_interval(
    engine: Engine, settings: Settings, running: list[Any]
) -> None:
    settings = settings.model_copy(
        update={"sources": Settings(sources=[source("fast", 0.02)]).sources}
    )
    recorder = Recorder()
    start(engine, settings, recorder, running)
    wait_until(lambda: recorder.count("fetch fast") >= 3)
    assert recorder.count("daily") == 0 and recorder.count("weekly") == 0


def test_restart_resyncs_jobs_from_the_configuration(
    engine: Engine, settings: Settings, running: list[Any]
) -> None:
    first = settings.model_copy(
        update={"sources": Settings(sources=[source("a"), source("b")]).sources}
    )
    scheduler, runner = start(engine, first, Recorder(), running)
    stop_scheduler(scheduler, runner, timeout=30)
    stored = next_runs(engine)
    assert set(stored) == {"fetch:a", "fetch:b", "daily", "weekly", "sweep"}

    second = first.model_copy(
        update={"sources": Settings(sources=[source("a")]).sources, "weekly_time": "09:15"}
    )
    scheduler, runner = start(engine, second, Recorder(), running)
    stop_scheduler(scheduler, runner, timeout=30)
    restored = next_runs(engine)
    assert set(restored) == {"fetch:a", "daily", "weekly", "sweep"}  # b's job is gone
    assert restored["daily"] == stored["daily"]  # unchanged schedule: same next run
    assert restored["weekly"] != stored["weekly"]  # new time: rescheduled
    assert restored["weekly"].astimezone(scheduler.timezone).strftime("%H:%M") == "09:15"


def test_a_digest_missed_while_the_process_was_down_runs_once_on_start(
    engine: Engine, settings: Settings, running: list[Any]
) -> None:
    scheduler, runner = start(engine, settings, Recorder(), running)
    stop_scheduler(scheduler, runner, timeout=30)

    # The machine slept three days: the stored daily job was due three times.
    store = DatabaseJobStore(engine)
    store.start(scheduler, "default")
    job = store.lookup_job("daily")
    job._modify(next_run_time=job.next_run_time - timedelta(days=3))
    store.update_job(job)
    assert next_runs(engine)["daily"] < datetime.now(UTC) - timedelta(days=2)

    recorder = Recorder()
    scheduler, runner = start(engine, settings, recorder, running)
    wait_until(lambda: recorder.count("daily") >= 1)
    # Stop, waiting for every run already handed to the worker, then count.
    scheduler.shutdown(wait=True)
    assert recorder.count("daily") == 1
    assert recorder.count("weekly") == 0
    assert next_runs(engine)["daily"] > datetime.now(UTC)


def test_a_failing_job_is_one_log_line_and_the_schedule_goes_on(
    engine: Engine,
    settings: Settings,
    running: list[Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="tbtalert.scheduler")
    settings = settings.model_copy(
        update={"sources": Settings(sources=[source("flaky", 0.01)]).sources}
    )
    calls: list[str] = []

    def fetch(engine: Engine, settings: Settings, name: str) -> None:
        calls.append(name)
        if len(calls) == 1:
            raise MailError("cannot connect to smtp.example.org:587")

    runner = JobRunner(engine, settings, {"fetch": fetch, "daily": fetch, "weekly": fetch})
    scheduler = start_scheduler(engine, settings, runner)
    running.append((scheduler, runner))
    wait_until(lambda: len(calls) >= 3)
    failures = [r for r in caplog.records if "status=failed" in r.getMessage()]
    assert len(failures) == 1
    line = failures[0].getMessage()
    assert line.startswith("job=fetch flaky status=failed duration=")
    assert 'error="cannot connect to smtp.example.org:587 (check TBTALERT_SMTP_HOST' in line
    assert failures[0].exc_info is None  # no traceback for an error we expect
