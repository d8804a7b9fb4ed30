"""``/healthz``, the status page and ``tbtalert status``, served and run for real."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy.engine import Engine
from sqlmodel import Session

from support.smtpserver import free_port
from tbtalert.config import Settings
from tbtalert.db import open_database
from tbtalert.lease import Lease, ensure_table
from tbtalert.models import Delivery, Notification, Source, SourceRun, Subscriber, utcnow
from tbtalert.service import Coordinator, WebServer
from tbtalert.status import collect_status
from tbtalert.web import close_app

EPING_DOWN = "cannot reach https://eping.example.org/api (DNS lookup failed); check the network"


def wait_for_answer(url: str, timeout: float = 30.0) -> requests.Response:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return requests.get(url, timeout=5)
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def seed(engine: Engine) -> None:
    """Two sources (one failing), a queued alert, a sent daily digest."""
    now = utcnow()
    with Session(engine) as session:
        samples = Source(name="samples", kind="eping-export")
        eping = Source(name="eping", kind="eping")
        session.add_all([samples, eping])
        session.flush()
        assert samples.id and eping.id
        session.add_all(
            [
                SourceRun(
                    source_id=samples.id,
                    started_at=now - timedelta(minutes=3),
                    finished_at=now - timedelta(minutes=3),
                    status="ok",
                    fetched=8,
                    new=8,
                ),
                SourceRun(
                    source_id=eping.id,
                    started_at=now - timedelta(minutes=2),
                    finished_at=now - timedelta(minutes=2),
                    status="failed",
                    error=EPING_DOWN,
                ),
            ]
        )
        sub = Subscriber(email="an@example.com", frequency="immediate")
        new, old = (
            Notification(symbol=s, base_symbol=s, area="TBT", member="USA")
            for s in ("G/TBT/N/USA/2", "G/TBT/N/USA/1")
        )
        session.add_all([sub, new, old])
        session.flush()
        assert sub.id and new.id and old.id
        session.add_all(
            [
                Delivery(subscriber_id=sub.id, notification_id=new.id, status="queued"),
                Delivery(
                    subscriber_id=sub.id,
                    notification_id=old.id,
                    frequency="daily",
                    status="sent",
                    sent_at=now - timedelta(hours=5),
                ),
            ]
        )
        session.commit()


@pytest.fixture
def status_settings(make_settings: Callable[..., Settings], database_url: str) -> Settings:
    sources: list[dict[str, Any]] = [
        {"name": "samples", "kind": "eping-export", "url": "package:samples/x.csv"},
        {"name": "eping", "kind": "eping", "url": "https://eping.example.org/api"},
    ]
    return make_settings(database_url=database_url, sources=sources, web_port=free_port())


@pytest.fixture
def web(status_settings: Settings) -> Iterator[tuple[WebServer, Engine]]:
    engine = open_database(status_settings)
    seed(engine)
    server = WebServer(status_settings, engine, None)
    server.start()
    yield server, engine
    server.stop()
    engine.dispose()


def test_healthz_reports_database_role_runs_and_outbox(web: tuple[WebServer, Engine]) -> None:
    server, _ = web
    answer = wait_for_answer(server.address + "healthz")
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["scheduler"]["role"] == "off"  # web only: no scheduler in this process
    runs = {run["source"]: run for run in body["last_runs"]}
    assert runs["samples"]["status"] == "ok"
    assert runs["eping"]["status"] == "failed"
    # public: states only, no error text
    assert "error" not in runs["eping"] and "eping.example" not in answer.text
    assert body["outbox"] == {"queued": 1, "failed": 0}
    assert body["last_digest"]["daily"] is not None and body["last_digest"]["weekly"] is None


def test_status_page_shows_states_backlog_and_next_runs(web: tuple[WebServer, Engine]) -> None:
    server, _ = web
    for path in ("", "status"):
        answer = wait_for_answer(server.address + path)
        assert answer.status_code == 200
        page = answer.text
        assert "<h1>Tình trạng hệ thống" in page
        assert "Lỗi / failed" in page and EPING_DOWN not in page  # the error is for officials
        assert "8 lấy về / fetched" in page
        assert "<strong>1</strong> thư đang chờ gửi / queued (immediate: 1)" in page


def test_healthz_says_a_leader_runs_while_a_coordinator_leads(
    status_settings: Settings,
) -> None:
    engine = open_database(status_settings)
    ensure_table(engine)
    lease = Lease(engine, seconds=60, holder="host-a:123:abcdef")
    # No jobs in this coordinator: only the role and the lease are under test.
    coordinator = Coordinator(engine, status_settings, {}, lease=lease)
    server = WebServer(status_settings, engine, coordinator)
    server.start()
    try:
        coordinator.start()
        deadline = time.monotonic() + 30
        while coordinator.role != "leader":
            assert time.monotonic() < deadline, "the coordinator never led"
            time.sleep(0.05)
        body = wait_for_answer(server.address + "healthz").json()
        assert body["scheduler"]["role"] == "leader"
        assert body["scheduler"]["leader_alive"] is True
        assert "host-a" not in str(body)  # public: no host or process
    finally:
        assert coordinator.stop(timeout=30)
        server.stop()
        engine.dispose()
    report = collect_status(open_database(status_settings), status_settings)
    assert report.lease is not None and report.lease.holder == ""  # released on stop


def test_healthz_answers_503_when_the_database_is_gone(
    make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    settings = make_settings(web_port=free_port())
    engine = open_database(settings)
    server = WebServer(settings, engine, None)
    server.start()
    try:
        wait_for_answer(server.address + "healthz")
        (tmp_path / "tbtalert.db").unlink()
        (tmp_path / "tbtalert.db").mkdir()  # a folder where the database file was
        engine.dispose()
        close_app(server.app)  # the web pages' own engines
        answer = wait_for_answer(server.address + "healthz")
        assert answer.status_code == 503
        assert answer.json()["status"] == "error"
        assert answer.json()["database"] == "unreachable"
    finally:
        server.stop()


def test_status_command_prints_runs_backlog_and_digests(
    status_settings: Settings, tmp_path: Path
) -> None:
    engine = open_database(status_settings)
    seed(engine)
    engine.dispose()
    config = tmp_path / "tbtalert.toml"
    config.write_text(
        f'database_url = "{status_settings.database_url}"\n'
        "[[sources]]\n"
        'name = "samples"\nkind = "eping-export"\nurl = "package:samples/x.csv"\n'
        "interval_minutes = 1440\n"
        "[[sources]]\n"
        'name = "eping"\nkind = "eping"\nurl = "https://eping.example.org/api"\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "tbtalert", "--config", str(config), "status"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "scheduler: not running" in out
    assert "  samples (eping-export, every 24 h)" in out
    assert "8 fetched, 8 new, 0 updated" in out
    assert f"failed: {EPING_DOWN}" in out
    assert "outbox: 1 queued (immediate 1), 0 failed" in out
    assert "daily digest: last sent " in out and " h " in out.split("daily digest")[1]
    assert "weekly digest: last sent —, next —" in out
