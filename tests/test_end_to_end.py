"""The whole slice over real sockets: ePing-shaped JSON in, mail out, exactly once.

A local HTTP server serves two pages of notifications, a local aiosmtpd
server receives mail, and the real command line runs in a subprocess.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from support.httpserver import LocalHTTPServer, Reply, Seen
from support.smtpserver import LocalSMTPServer
from tbtalert.db import make_engine
from tbtalert.models import Delivery, Notification
from tbtalert.symbols import find_symbols

DATA = Path(__file__).parent / "data" / "e2e"

SUBSCRIBERS = """
subscribers:
  - email: an@caphe-tayso.example.com
    name: Nguyễn Văn An
    company: Công ty TNHH Cà phê Tây Sơ
    language: vi
    frequency: immediate
    sectors: [coffee]
  - email: binh@goviet-furniture.example.com
    name: Trần Bình
    company: Gỗ Việt Furniture JSC
    language: en
    frequency: immediate
    sectors: [wood_furniture, rubber]
    markets: [USA]
  - email: cuong@thuysan-sahuynh.example.com
    name: Lê Cường
    company: Thủy sản Sa Huỳnh
    language: vi
    frequency: immediate
    sectors: [seafood, coffee]
    areas: [SPS]
  - email: dung@macca-daklei.example.com
    name: Phạm Dung
    company: Mắc ca Đăk Lei
    language: vi
    frequency: daily
    sectors: [coffee]
"""

EXPECTED = {
    "an@caphe-tayso.example.com": {"G/SPS/N/EU/801", "G/TBT/N/JPN/880"},
    "binh@goviet-furniture.example.com": {"G/TBT/N/USA/2150"},
    "cuong@thuysan-sahuynh.example.com": {"G/SPS/N/EU/801", "G/SPS/N/USA/3600"},
}


def served_items(changed_deadline: str | None = None) -> list[dict[str, object]]:
    """The notifications the fake ePing holds, newest first."""
    items: list[dict[str, object]] = []
    for n in (1, 2):
        items += json.loads((DATA / f"page{n}.json").read_text(encoding="utf-8"))["items"]
    if changed_deadline:
        items[0]["commentDeadlineDate"] = changed_deadline
    return items


def serve_pages(server: LocalHTTPServer, items: list[dict[str, object]]) -> None:
    """Answer like the ePing search: ``page`` (from 1) of ``pageSize`` items."""

    def handler(seen: Seen) -> Reply:
        query = {k.lower(): v[0] for k, v in seen.query.items()}
        page, size = int(query.get("page", "1")), int(query.get("pagesize", "3"))
        chunk = items[(page - 1) * size : page * size]
        body = json.dumps({"items": chunk, "totalCount": len(items)}).encode()
        return Reply(body=body, headers={"Content-Type": "application/json; charset=utf-8"})

    server.route("/api/v1/azureSearch/getAll", handler)


def run_cli(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TBTALERT_")}
    return subprocess.run(
        [sys.executable, "-m", "tbtalert", "--config", str(config), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )


def received_symbols(smtp: LocalSMTPServer) -> dict[str, list[str]]:
    """Recipient → symbols of the messages it got (one entry per message and symbol)."""
    got: dict[str, list[str]] = defaultdict(list)
    for msg in smtp.handler.messages():
        text = msg.get_body(preferencelist=("plain",))
        assert text is not None, "every message has a plain-text part"
        symbols = {s.text for s in find_symbols(text.get_content())}
        for rcpt in msg["To"].addresses:
            got[rcpt.addr_spec].extend(sorted(symbols))
    return got


@pytest.fixture
def deployment(
    tmp_path: Path, database_url: str, http_server: LocalHTTPServer, smtp_server: LocalSMTPServer
) -> Path:
    (tmp_path / "subs.yaml").write_text(SUBSCRIBERS, encoding="utf-8")
    config = tmp_path / "tbtalert.toml"
    config.write_text(
        f"""
database_url = "{database_url}"
smtp_host = "127.0.0.1"
smtp_port = {smtp_server.port}
smtp_starttls = false
mail_from = "TBT Alert <tbt@sokhcn.example.com>"
base_url = "http://tbt.example.com"
http_host_delay = 0
subscribers_dir = "{tmp_path / "no-such-dir"}"

[[sources]]
name = "eping"
kind = "eping"
url = "{http_server.url("/api/v1/azureSearch/getAll")}"
quiet_first_run = false
options = {{ page_size = 3 }}
""",
        encoding="utf-8",
    )
    return config


def test_cycle_mails_each_subscriber_exactly_their_notifications(
    deployment: Path, database_url: str, http_server: LocalHTTPServer, smtp_server: LocalSMTPServer
) -> None:
    serve_pages(http_server, served_items())
    synced = run_cli(deployment, "subscribers", "sync", str(deployment.parent / "subs.yaml"))
    assert synced.returncode == 0, synced.stderr

    first = run_cli(deployment, "cycle")
    assert first.returncode == 0, first.stderr
    got = received_symbols(smtp_server)
    assert {k: sorted(v) for k, v in got.items()} == {k: sorted(v) for k, v in EXPECTED.items()}
    assert len(smtp_server.handler.received) == sum(len(v) for v in EXPECTED.values())
    assert len(http_server.hits("/api/v1/azureSearch/getAll")) >= 2  # both pages fetched

    second = run_cli(deployment, "cycle")
    assert second.returncode == 0, second.stderr
    assert len(smtp_server.handler.received) == sum(len(v) for v in EXPECTED.values())

    serve_pages(http_server, served_items(changed_deadline="2027-02-28T00:00:00"))
    third = run_cli(deployment, "cycle")
    assert third.returncode == 0, third.stderr
    engine = make_engine(database_url)
    with Session(engine) as session:
        rows = session.exec(select(Notification).where(Notification.symbol == "G/SPS/N/EU/801"))
        stored = rows.all()
        total = session.exec(select(func.count()).select_from(Notification)).one()
        deliveries = session.exec(select(func.count()).select_from(Delivery)).one()
    engine.dispose()
    assert len(stored) == 1
    assert stored[0].comment_deadline is not None
    assert stored[0].comment_deadline.isoformat() == "2027-02-28"
    assert total == 5
    assert deliveries == sum(len(v) for v in EXPECTED.values())
    assert len(smtp_server.handler.received) == sum(len(v) for v in EXPECTED.values())


def test_quiet_first_run_records_backlog_without_mail(
    deployment: Path, database_url: str, http_server: LocalHTTPServer, smtp_server: LocalSMTPServer
) -> None:
    deployment.write_text(
        deployment.read_text(encoding="utf-8").replace("quiet_first_run = false", ""),
        encoding="utf-8",
    )
    serve_pages(http_server, served_items()[1:])  # EU/801 is not published yet
    assert (
        run_cli(deployment, "subscribers", "sync", str(deployment.parent / "subs.yaml")).returncode
        == 0
    )

    first = run_cli(deployment, "cycle")
    assert first.returncode == 0, first.stderr
    assert smtp_server.handler.received == []

    serve_pages(http_server, served_items())  # now EU/801 appears
    second = run_cli(deployment, "cycle")
    assert second.returncode == 0, second.stderr
    got = received_symbols(smtp_server)
    assert {k: sorted(v) for k, v in got.items()} == {
        "an@caphe-tayso.example.com": ["G/SPS/N/EU/801"],
        "cuong@thuysan-sahuynh.example.com": ["G/SPS/N/EU/801"],
    }


def test_unreachable_source_is_one_clear_line(
    deployment: Path, smtp_server: LocalSMTPServer
) -> None:
    text = deployment.read_text(encoding="utf-8")
    start = text.index('url = "http://127.0.0.1:')
    end = text.index("\n", start)
    deployment.write_text(
        text[:start] + 'url = "http://127.0.0.1:9/closed"' + text[end:], encoding="utf-8"
    )
    result = run_cli(deployment, "cycle")
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if "eping" in line and "127.0.0.1:9" in line]
    assert len(lines) == 1, output
    assert smtp_server.handler.received == []
