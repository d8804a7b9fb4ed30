"""The job functions over real sockets: what each does, and its one log line.

A local ePing-shaped HTTP source and a local aiosmtpd server; the database
is SQLite and PostgreSQL.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from support.httpserver import LocalHTTPServer
from support.mainjob import EpingFeed, item
from support.smtpserver import LocalSMTPServer, free_port
from tbtalert.config import Settings
from tbtalert.db import open_database
from tbtalert.jobs import cycle, daily_job, fetch_job, weekly_job
from tbtalert.subscribers import sync_subscribers
from tbtalert.symbols import find_symbols

SUBSCRIBERS = """
subscribers:
  - email: an@caphe.example.com
    language: vi
    frequency: immediate
    sectors: [coffee]
  - email: binh@go.example.com
    language: en
    frequency: immediate
    sectors: [wood_furniture]
  - email: dung@macca.example.com
    language: vi
    frequency: daily
    sectors: [coffee]
  - email: em@caosu.example.com
    language: en
    frequency: weekly
    sectors: [wood_furniture, coffee]
"""

COFFEE = item(
    "G/SPS/N/EU/8801", "Maximum residue levels for flonicamid in coffee beans", ["090111"]
)
WOOD = item(
    "G/TBT/N/USA/8802", "Formaldehyde limits for wooden furniture", ["9403"], "United States"
)


def job_lines(caplog: pytest.LogCaptureFixture, job: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith(f"job={job} ")]


def fields(line: str) -> dict[str, str]:
    out = {}
    for part in line.split(" "):
        key, sep, value = part.partition("=")
        if sep:
            out[key] = value
    return out


def alerts(smtp: LocalSMTPServer) -> set[tuple[str, str]]:
    got = set()
    for rec in smtp.handler.received:
        text = rec.message.get_body(preferencelist=("plain",))
        assert text is not None
        for symbol in find_symbols(text.get_content()):
            got.update((rcpt, symbol.text) for rcpt in rec.rcpt_tos)
    return got


@pytest.fixture
def setup(
    make_settings: Callable[..., Settings],
    database_url: str,
    http_server: LocalHTTPServer,
    smtp_server: LocalSMTPServer,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> tuple[Settings, Engine, EpingFeed]:
    caplog.set_level(logging.INFO, logger="tbtalert.jobs")
    feed = EpingFeed(http_server, [COFFEE, WOOD])
    settings = make_settings(
        database_url=database_url,
        smtp_host="127.0.0.1",
        smtp_port=smtp_server.port,
        smtp_starttls=False,
        http_retries=0,
        sources=[
            {"name": "eping", "kind": "eping", "url": feed.url, "quiet_first_run": False},
            {"name": "down", "kind": "eping", "url": f"http://127.0.0.1:{free_port()}/api"},
        ],
    )
    engine = open_database(settings)
    (tmp_path / "firms.yaml").write_text(SUBSCRIBERS, encoding="utf-8")
    assert [s.status for s in sync_subscribers(engine, tmp_path / "firms.yaml")] == ["ok"]
    return settings, engine, feed


def test_cycle_fetches_tags_and_mails_immediate_subscribers_once(
    setup: tuple[Settings, Engine, EpingFeed],
    smtp_server: LocalSMTPServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings, engine, _ = setup
    report = cycle(engine, settings)
    assert {r.source: r.status for r in report.runs} == {"eping": "ok", "down": "failed"}
    assert report.failed_sources == ["down"]
    assert alerts(smtp_server) == {
        ("an@caphe.example.com", "G/SPS/N/EU/8801"),
        ("binh@go.example.com", "G/TBT/N/USA/8802"),
    }
    (line,) = job_lines(caplog, "cycle")
    assert fields(line)["duration"].endswith("s")
    assert fields(line)["failed_sources"] == "down"
    assert fields(line)["new"] == "2" and fields(line)["sent"] == "2"

    again = cycle(engine, settings)
    assert again.send.sent == 0
    assert len(smtp_server.handler.received) == 2


def test_fetch_job_sends_only_when_there_is_news_and_logs_one_line(
    setup: tuple[Settings, Engine, EpingFeed],
    smtp_server: LocalSMTPServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings, engine, feed = setup
    first = fetch_job(engine, settings, "eping")
    assert first.run.new == 2 and first.send is not None and first.send.sent == 2
    (line,) = job_lines(caplog, "fetch")
    got = fields(line)
    assert (got["source"], got["status"], got["fetched"], got["new"], got["sent"]) == (
        "eping",
        "ok",
        "2",
        "2",
        "2",
    )
    assert got["duration"].endswith("s")

    quiet = fetch_job(engine, settings, "eping")
    assert quiet.run.new == 0 and quiet.run.updated == 0
    assert quiet.send is None  # nothing new, nothing waiting: the sender is not run

    feed.add(item("G/TBT/N/JPN/9001", "Labelling of roasted coffee", ["0901"], "Japan"))
    third = fetch_job(engine, settings, "eping")
    assert third.run.new == 1 and third.send is not None and third.send.sent == 1
    assert ("an@caphe.example.com", "G/TBT/N/JPN/9001") in alerts(smtp_server)
    assert len(job_lines(caplog, "fetch")) == 3


def test_an_unreachable_source_is_one_line_not_an_exception(
    setup: tuple[Settings, Engine, EpingFeed], caplog: pytest.LogCaptureFixture
) -> None:
    settings, engine, _ = setup
    report = fetch_job(engine, settings, "down")
    assert report.run.status == "failed"
    (line,) = job_lines(caplog, "fetch")
    assert "source=down status=failed" in line
    assert 'error="' in line and "127.0.0.1" in line
    assert "\n" not in line


def test_daily_and_weekly_jobs_send_the_digests(
    setup: tuple[Settings, Engine, EpingFeed],
    smtp_server: LocalSMTPServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings, engine, _ = setup
    fetch_job(engine, settings, "eping")
    before = len(smtp_server.handler.received)

    daily = daily_job(engine, settings)
    assert daily.digest.messages == 1
    (line,) = job_lines(caplog, "daily")
    assert fields(line)["messages"] == "1" and "reminders_sent" in fields(line)
    weekly = weekly_job(engine, settings)
    assert weekly.digest.messages == 1
    assert len(job_lines(caplog, "weekly")) == 1

    new = smtp_server.handler.received[before:]
    assert sorted(r for rec in new for r in rec.rcpt_tos) == [
        "dung@macca.example.com",
        "em@caosu.example.com",
    ]
    assert daily_job(engine, settings).digest.messages == 0  # nothing new since
