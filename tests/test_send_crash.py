"""A sending process killed with SIGKILL mid-batch, then restarted: every item once.

The only window no sender can close is between the server's 250 and the
sender's commit: a message accepted there is sent again after the restart,
as the *same* message (same Message-ID, same items), so receivers treat it
as one. The test checks exactly that: grouped by Message-ID, the received
messages cover the expected (recipient, item) set once; a raw repeat is
allowed only for a message that was in flight at the kill (at most
``smtp_concurrency`` of them), and only with the same Message-ID.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
from collections import Counter, defaultdict
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from support.mailfactory import add_notification, add_subscriber
from support.polling import wait_until
from support.sending import sender_env
from support.smtpserver import LocalSMTPServer
from tbtalert.models import Delivery

SYMBOL = re.compile(r"Symbol: (G/TBT/N/\S+)")
SUBSCRIBERS, ITEMS, CONCURRENCY = 30, 20, 4
HOLD_AT = 120  # the message whose answer the server holds until the kill


def sender(database_url: str, port: int, tmp_path: Path) -> subprocess.Popen[bytes]:
    env = sender_env(
        database_url,
        port,
        smtp_concurrency=str(CONCURRENCY),
        outbox_dir=str(tmp_path / "outbox"),
    )
    return subprocess.Popen(
        [sys.executable, "-m", "tbtalert", "send", "--frequency", "immediate"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def test_sigkill_mid_batch_then_restart_sends_every_item_once(
    engine: Engine, database_url: str, smtp_server: LocalSMTPServer, tmp_path: Path
) -> None:
    symbols = [f"G/TBT/N/KOR/{1000 + i}" for i in range(ITEMS)]
    for symbol in symbols:
        add_notification(engine, symbol, member="KOR")
    emails = [f"exporter{i:02d}@coffee.example.com" for i in range(SUBSCRIBERS)]
    for email in emails:
        add_subscriber(engine, email, frequency="immediate", language="en")
    expected = {(e, s) for e in emails for s in symbols}
    handler = smtp_server.handler
    # The server holds its answer to message HOLD_AT, so the kill lands there
    # whatever the machine's speed: that message is accepted and not yet
    # recorded by the sender, the crash window itself.
    held, release = threading.Event(), threading.Event()

    def hold(count: int) -> None:
        if count == HOLD_AT:
            held.set()
            release.wait(120)

    handler.after_accept = hold
    first = sender(database_url, smtp_server.port, tmp_path)
    try:
        wait_until(lambda: held.is_set() or first.poll() is not None, 120, what="the held message")
        first.send_signal(signal.SIGKILL)
        first.wait()
        at_kill = len(handler.received)
    finally:
        release.set()
    assert first.returncode == -signal.SIGKILL, first.stdout.read() if first.stdout else ""
    assert at_kill == HOLD_AT, "the kill must land in the middle of the batch"
    with Session(engine) as session:
        states = Counter(d.status for d in session.exec(select(Delivery)))
    assert states["queued"] + states["sending"] > 0

    second = sender(database_url, smtp_server.port, tmp_path)
    out, _ = second.communicate(timeout=300)
    assert second.returncode == 0, out.decode()

    by_id: dict[str, set[tuple[str, str]]] = defaultdict(set)
    copies: Counter[str] = Counter()
    for rec in handler.received:
        msg = rec.message
        body = msg.get_body(("plain",))
        assert body is not None
        items = {(rec.rcpt_tos[0], s) for s in SYMBOL.findall(body.get_content())}
        mid = msg["Message-ID"]
        assert not by_id[mid] or by_id[mid] == items, "one Message-ID, one content"
        by_id[mid] = items
        copies[mid] += 1
    covered = Counter(pair for items in by_id.values() for pair in items)
    assert set(covered) == expected
    assert max(covered.values()) == 1, "no item in two different messages"
    repeats = sum(n - 1 for n in copies.values())
    assert repeats <= CONCURRENCY, f"{repeats} messages repeated"
    print(
        f"received {len(handler.received)} messages, {at_kill} before the kill, {repeats} repeated"
    )

    with Session(engine) as session:
        assert {d.status for d in session.exec(select(Delivery))} == {"sent"}
    third = sender(database_url, smtp_server.port, tmp_path)
    out, _ = third.communicate(timeout=120)
    assert third.returncode == 0 and b"0 message(s) sent" in out, out.decode()
    assert len(handler.received) == len(expected) + repeats
