"""``tbtalert run`` as a real process: scheduled fetches, mail, one leader, clean stops.

Each test starts ``python -m tbtalert run`` with a temporary configuration
against a local ePing-shaped HTTP source and a local aiosmtpd server, on
SQLite and on PostgreSQL. Waits poll the log, ``/healthz``, the SMTP server
or the HTTP server with a timeout; no test sleeps a fixed time or asserts a
duration.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func
from sqlmodel import Session, select

from support.httpserver import LocalHTTPServer
from support.mainjob import EpingFeed, MainJob, item, wait_until
from support.smtpserver import LocalSMTPServer, RecordingHandler, free_port
from tbtalert.config import load_settings
from tbtalert.db import make_engine
from tbtalert.models import Delivery
from tbtalert.scheduler import DatabaseJobStore, build_scheduler
from tbtalert.symbols import find_symbols

SUBSCRIBERS = """
subscribers:
  - email: an@caphe-tayso.example.com
    name: Nguyễn Văn An
    company: Cà phê Tây Sơ (fictional)
    language: vi
    frequency: immediate
    sectors: [coffee]
  - email: binh@goviet.example.com
    name: Trần Bình
    company: Gỗ Việt (fictional)
    language: en
    frequency: immediate
    sectors: [wood_furniture]
  - email: dung@macca.example.com
    name: Phạm Dung
    company: Mắc ca Đăk Lei (fictional)
    language: vi
    frequency: daily
    sectors: [coffee]
"""

COFFEE = item(
    "G/SPS/N/EU/8801", "Maximum residue levels for flonicamid in coffee beans", ["090111"]
)
WOOD = item(
    "G/TBT/N/USA/8802", "Formaldehyde limits for wooden furniture", ["9403"], "United States"
)
FIRST = {
    ("an@caphe-tayso.example.com", "G/SPS/N/EU/8801"),
    ("binh@goviet.example.com", "G/TBT/N/USA/8802"),
}


def coffee(n: int) -> dict[str, Any]:
    return item(f"G/TBT/N/JPN/{n}", f"Labelling of roasted coffee, revision {n}", ["0901"], "Japan")


def received(smtp: LocalSMTPServer | RecordingHandler) -> Counter[tuple[str, str]]:
    """(recipient, symbol) → how many immediate messages named it."""
    handler = smtp.handler if isinstance(smtp, LocalSMTPServer) else smtp
    got: Counter[tuple[str, str]] = Counter()
    with handler.lock:
        messages = list(handler.received)
    for rec in messages:
        text = rec.message.get_body(preferencelist=("plain",))
        assert text is not None
        for rcpt in rec.rcpt_tos:
            for symbol in {s.text for s in find_symbols(text.get_content())}:
                got[(rcpt, symbol)] += 1
    return got


def senders(smtp: LocalSMTPServer) -> Counter[str]:
    with smtp.handler.lock:
        return Counter(rec.mail_from for rec in smtp.handler.received)


@pytest.fixture
def deployment(
    tmp_path: Path, database_url: str, http_server: LocalHTTPServer
) -> Iterator[dict[str, Any]]:
    """A folder with subscribers, a feed with two notifications and a writer of configs."""
    (tmp_path / "subscribers").mkdir()
    (tmp_path / "subscribers" / "firms.yaml").write_text(SUBSCRIBERS, encoding="utf-8")
    feed = EpingFeed(http_server, [COFFEE, WOOD])
    jobs: list[MainJob] = []

    def config(smtp_port: int, minutes: float = 0.02, **extra: str) -> Path:
        lines = [
            f'database_url = "{database_url}"',
            'smtp_host = "127.0.0.1"',
            f"smtp_port = {smtp_port}",
            "smtp_starttls = false",
            "smtp_backoff = 0.05",
            "http_host_delay = 0",
            "http_retries = 0",
            "lease_seconds = 5",
            f'subscribers_dir = "{tmp_path / "subscribers"}"',
            f'outbox_dir = "{tmp_path / "outbox"}"',
            *(f"{key} = {value}" for key, value in extra.items()),
            "[[sources]]",
            'name = "eping"',
            'kind = "eping"',
            f'url = "{feed.url}"',
            f"interval_minutes = {minutes}",
            "quiet_first_run = false",
        ]
        path = tmp_path / "tbtalert.toml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def start(name: str, config_path: Path, **env: str) -> MainJob:
        job = MainJob(tmp_path, name, free_port(), config_path, **env)
        jobs.append(job)
        return job

    yield {"feed": feed, "config": config, "start": start, "dir": tmp_path, "url": database_url}
    for job in jobs:
        job.close()
        print(f"----- log of {job.name} -----\n{job.log()}")  # shown when the test fails


def test_run_fetches_on_schedule_and_mails_each_notification_once(
    deployment: dict[str, Any], smtp_server: LocalSMTPServer
) -> None:
    feed: EpingFeed = deployment["feed"]
    job: MainJob = deployment["start"]("a", deployment["config"](smtp_server.port))

    wait_until(lambda: set(received(smtp_server)) == FIRST, what="the first two alerts")
    wait_until(lambda: len(feed.hits()) >= 4, what="the fetch job to fire again and again")
    feed.add(coffee(7001))
    wait_until(
        lambda: ("an@caphe-tayso.example.com", "G/TBT/N/JPN/7001") in received(smtp_server),
        what="the alert for a notification published while running",
    )
    health = job.health()
    assert health is not None and health["scheduler"]["role"] == "leader"
    assert health["last_runs"][0]["status"] in ("ok", "not-modified")

    assert job.stop(signal.SIGTERM) == 0
    got = received(smtp_server)
    assert set(got) == FIRST | {("an@caphe-tayso.example.com", "G/TBT/N/JPN/7001")}
    assert max(got.values()) == 1  # never twice
    log = job.log()
    assert "scheduler: leading this database" in log
    fetch_lines = [line for line in log.splitlines() if "job=fetch source=eping" in line]
    assert len(fetch_lines) >= 4
    assert all(" duration=" in line and " fetched=" in line for line in fetch_lines)
    assert "received SIGTERM; stopping" in log and "Traceback" not in log


def test_a_second_run_stands_by_sends_nothing_and_takes_over_when_the_first_dies(
    deployment: dict[str, Any], smtp_server: LocalSMTPServer
) -> None:
    feed: EpingFeed = deployment["feed"]
    config = deployment["config"](smtp_server.port)
    a = deployment["start"](
        "a", config, TBTALERT_MAIL_FROM="a@tbt.example.com", TBTALERT_USER_AGENT="run-a"
    )
    a.wait_role("leader")
    wait_until(lambda: set(received(smtp_server)) == FIRST, what="A's first alerts")

    b = deployment["start"](
        "b", config, TBTALERT_MAIL_FROM="b@tbt.example.com", TBTALERT_USER_AGENT="run-b"
    )
    b.wait_role("standby")
    # While A lives: news reach subscribers from A; B neither fetches nor mails.
    feed.add(coffee(7101))
    wait_until(lambda: ("an@caphe-tayso.example.com", "G/TBT/N/JPN/7101") in received(smtp_server))
    fetched_by_a = len(feed.hits("run-a"))
    wait_until(lambda: len(feed.hits("run-a")) >= fetched_by_a + 3, what="three more fetches by A")
    assert b.role() == "standby"
    assert feed.hits("run-b") == []
    assert senders(smtp_server) == Counter({"a@tbt.example.com": 3})

    a.proc.kill()  # SIGKILL: no release, the lease must expire
    a.proc.wait(timeout=30)
    b.wait_role("leader")
    feed.add(coffee(7102))
    wait_until(lambda: ("an@caphe-tayso.example.com", "G/TBT/N/JPN/7102") in received(smtp_server))
    assert senders(smtp_server) == Counter({"a@tbt.example.com": 3, "b@tbt.example.com": 1})
    assert max(received(smtp_server).values()) == 1  # B did not resend A's mail
    assert feed.hits("run-b")
    assert b.stop(signal.SIGTERM) == 0
    assert "scheduler: standby;" in b.log() and "scheduler: leading this database" in b.log()


class HoldingHandler(RecordingHandler):
    """Holds the first message in DATA until the test lets it go."""

    def __init__(self) -> None:
        super().__init__()
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if not self.release.is_set():
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 120)
        return await super().handle_DATA(server, session, envelope)


def test_sigterm_in_the_middle_of_sending_exits_0_and_loses_nothing(
    deployment: dict[str, Any],
) -> None:
    handler = HoldingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        feed: EpingFeed = deployment["feed"]
        for n in range(7201, 7206):
            feed.add(coffee(n))
        job: MainJob = deployment["start"]("a", deployment["config"](controller.port))
        wait_until(handler.holding.is_set, what="a message held in DATA")
        job.proc.send_signal(signal.SIGTERM)
        job.wait_log("received SIGTERM; stopping")
        handler.release.set()
        assert job.proc.wait(timeout=60) == 0
        log = job.log()
        assert "Traceback" not in log
        assert "job=fetch source=eping status=ok" in log  # the running job finished

        # Nothing left behind: every delivery was sent, and arrived exactly once.
        engine = make_engine(deployment["url"])
        with Session(engine) as session:
            rows = session.exec(select(Delivery.status, func.count()).group_by(Delivery.status))
            statuses = {status: int(n) for status, n in rows.all()}
        engine.dispose()
        assert statuses == {"sent": len(FIRST) + 5}
        got = received(handler)
        assert sum(got.values()) == len(FIRST) + 5
        assert max(got.values()) == 1
    finally:
        handler.release.set()
        controller.stop()


def test_mail_queued_while_the_mail_server_is_down_survives_a_stop(
    deployment: dict[str, Any], smtp_server: LocalSMTPServer
) -> None:
    down = deployment["config"](free_port(), minutes=60, smtp_max_attempts=1)
    first: MainJob = deployment["start"]("first", down)
    first.wait_log("job=fetch source=eping status=ok")
    assert "deferred=2" in first.log()  # the mail server does not answer: both wait
    assert first.stop() == 0

    engine = make_engine(deployment["url"])
    with Session(engine) as session:
        waiting = session.exec(select(Delivery).where(Delivery.status == "queued")).all()
    assert len(waiting) == 2

    up = deployment["config"](smtp_server.port, minutes=60)
    second: MainJob = deployment["start"]("second", up)
    wait_until(lambda: set(received(smtp_server)) == FIRST, what="the queued alerts")
    assert second.stop() == 0
    assert max(received(smtp_server).values()) == 1
    with Session(engine) as session:
        statuses = {d.status for d in session.exec(select(Delivery)).all()}
    engine.dispose()
    assert statuses == {"sent"}


def test_a_digest_missed_while_down_is_sent_once_at_the_next_start(
    deployment: dict[str, Any], smtp_server: LocalSMTPServer
) -> None:
    config = deployment["config"](smtp_server.port, minutes=60)
    first: MainJob = deployment["start"]("first", config)
    first.wait_role("leader")
    wait_until(lambda: set(received(smtp_server)) == FIRST, what="the immediate alerts")
    assert first.stop() == 0

    # The server was off for three days: the stored daily job was due three times.
    settings = load_settings(config)
    engine = make_engine(deployment["url"])
    store = DatabaseJobStore(engine)
    store.start(build_scheduler(engine, settings), "default")
    daily = store.lookup_job("daily")
    daily._modify(next_run_time=daily.next_run_time - timedelta(days=3))
    store.update_job(daily)

    second: MainJob = deployment["start"]("second", config)
    second.wait_log("job=daily ")
    wait_until(
        lambda: (
            "dung@macca.example.com"
            in {r for rec in smtp_server.handler.received for r in rec.rcpt_tos}
        )
    )
    assert second.stop() == 0
    assert second.log().count("job=daily ") == 1
    digests = [
        rec for rec in smtp_server.handler.received if "dung@macca.example.com" in rec.rcpt_tos
    ]
    assert len(digests) == 1
    after = store.lookup_job("daily")
    assert after.next_run_time > datetime.now(UTC)
    engine.dispose()


IMPORTED = (
    "Notifying Member(s),Symbol,Title,Distribution date,Products (HS/ICS code),"
    "Final date for comments,Notification type\n"
    'Japan,G/SPS/N/JPN/8899,"Residue limits for fenpropathrin in coffee beans",'
    "2026-11-20,090111,2027-01-19,Regular\n"
)


def test_a_file_imported_by_another_process_is_mailed_by_the_running_job(
    deployment: dict[str, Any], smtp_server: LocalSMTPServer
) -> None:
    """``tbtalert import`` stores notifications untagged; the main job's sweep mails them."""
    config = deployment["config"](smtp_server.port, minutes=600, sweep_minutes="0.02")
    job = deployment["start"]("main", config)
    wait_until(lambda: job.alive() and set(received(smtp_server)) >= FIRST, 120, "first mail")

    path = deployment["dir"] / "export.csv"
    path.write_text(IMPORTED, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "tbtalert", "--config", str(config), "import", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    wanted = ("an@caphe-tayso.example.com", "G/SPS/N/JPN/8899")
    wait_until(lambda: job.alive() and wanted in received(smtp_server), 120, "the imported item")
    job.wait_log("job=sweep")
    assert received(smtp_server)[wanted] == 1
    assert ("binh@goviet.example.com", "G/SPS/N/JPN/8899") not in received(smtp_server)
