"""The coordinator: leads while it holds the lease, stops the schedule the moment it loses it.

In-process, on SQLite and PostgreSQL, with recording job functions; the
lease is stolen and abandoned by hand, as another process would.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import update
from sqlalchemy.engine import Engine

from support.polling import wait_until
from support.recorder import Recorder, source
from tbtalert.config import Settings
from tbtalert.lease import Lease, SchedulerLease, ensure_table
from tbtalert.service import Coordinator


def test_a_leader_that_loses_the_lease_stops_and_leads_again_once_it_is_free(
    engine: Engine, make_settings: Callable[..., Settings], database_url: str
) -> None:
    settings = make_settings(
        database_url=database_url, sources=[source("fast", 0.01)], lease_seconds=5
    )
    ensure_table(engine)
    recorder = Recorder()
    coordinator = Coordinator(
        engine, settings, recorder.jobs(), lease=Lease(engine, seconds=5, holder="ours")
    )
    coordinator.start()
    try:
        wait_until(lambda: coordinator.role == "leader")
        wait_until(lambda: recorder.count("fetch fast") >= 2)
        schedule = coordinator._scheduler
        assert schedule is not None and schedule.running

        # Another process takes the lease (as after a long pause of this one).
        with engine.begin() as conn:
            conn.execute(
                update(SchedulerLease)
                .where(SchedulerLease.name == "scheduler")  # type: ignore[arg-type]
                .values(holder="thief", beat=SchedulerLease.beat + 1)
            )
        wait_until(lambda: coordinator.role == "standby")
        assert not schedule.running  # its schedule is stopped, not merely paused
        stopped_at = recorder.count("fetch fast")

        # The thief never renews: after a whole lease of silence we lead again.
        wait_until(lambda: coordinator.role == "leader")
        wait_until(lambda: recorder.count("fetch fast") > stopped_at)
    finally:
        assert coordinator.stop(timeout=30)
    assert coordinator.role == "stopped"
