"""The scheduler lease: one leader per database, standbys take over only from a silent leader.

Clocks are injected (monotonic stand-ins the test moves by hand), so expiry
is tested without waiting; the database is real (SQLite and PostgreSQL).
"""

from __future__ import annotations

import threading

from sqlalchemy.engine import Engine

from tbtalert.lease import LEADER_MARGIN, Lease, ensure_table, read_lease


class Clock:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make(engine: Engine, holder: str, clock: Clock, seconds: float = 60) -> Lease:
    ensure_table(engine)
    return Lease(engine, seconds=seconds, holder=holder, clock=clock)


def test_first_process_leads_and_a_second_stands_by(engine: Engine) -> None:
    a_clock, b_clock = Clock(), Clock()
    a, b = make(engine, "a", a_clock), make(engine, "b", b_clock)
    assert a.poll() is True
    assert b.poll() is False
    for _ in range(5):
        a_clock.now += 10
        b_clock.now += 30  # the standby's clock runs far ahead: only the beat matters
        assert a.poll() is True
        assert b.poll() is False
    assert a.is_leader and not b.is_leader
    info = read_lease(engine)
    assert info is not None and info.holder == "a"


def test_standby_takes_over_when_the_leader_falls_silent(engine: Engine) -> None:
    a_clock, b_clock = Clock(), Clock()
    a, b = make(engine, "a", a_clock), make(engine, "b", b_clock)
    assert a.poll()
    assert not b.poll()  # b notes the beat it saw
    b_clock.now += 59
    assert not b.poll()  # silent, but not for a whole lease yet
    b_clock.now += 1
    assert b.poll() is True  # silent for the whole lease: b leads
    assert read_lease(engine).holder == "b"  # type: ignore[union-attr]
    # The old leader comes back (a paused VM): its renewal fails, it stands by.
    a_clock.now += 5
    assert a.poll() is False
    assert not a.is_leader


def test_a_leader_that_cannot_renew_stops_leading_before_any_standby_takes_over(
    engine: Engine,
) -> None:
    clock = Clock()
    a = make(engine, "a", clock)
    assert a.poll()
    clock.now += LEADER_MARGIN * 60 - 1
    assert a.is_leader
    clock.now += 1
    assert not a.is_leader  # a standby needs the whole 60 s; a gave up at 45 s


def test_release_lets_a_standby_lead_at_once(engine: Engine) -> None:
    a_clock, b_clock = Clock(), Clock()
    a, b = make(engine, "a", a_clock), make(engine, "b", b_clock)
    assert a.poll()
    assert not b.poll()
    a.release()
    assert not a.is_leader
    assert b.poll() is True
    assert read_lease(engine).holder == "b"  # type: ignore[union-attr]


def test_of_two_standbys_only_one_takes_an_expired_lease(engine: Engine) -> None:
    clocks = [Clock(), Clock(), Clock()]
    a, b, c = (make(engine, name, clock) for name, clock in zip("abc", clocks, strict=True))
    assert a.poll()
    assert not b.poll() and not c.poll()
    clocks[1].now += 61
    clocks[2].now += 61
    results = [b.poll(), c.poll()]
    assert results == [True, False]
    assert read_lease(engine).holder == "b"  # type: ignore[union-attr]


def test_processes_racing_for_a_new_database_elect_exactly_one(engine: Engine) -> None:
    ensure_table(engine)
    contenders = [Lease(engine, seconds=60, holder=f"p{i}") for i in range(6)]
    start = threading.Barrier(len(contenders))
    results: dict[str, bool] = {}

    def contend(lease: Lease) -> None:
        start.wait()
        results[lease.holder] = lease.poll()

    threads = [threading.Thread(target=contend, args=(lease,)) for lease in contenders]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    winners = [holder for holder, won in results.items() if won]
    assert len(results) == len(contenders)
    assert len(winners) == 1
    assert read_lease(engine).holder == winners[0]  # type: ignore[union-attr]
