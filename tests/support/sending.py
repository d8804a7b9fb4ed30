"""For tests of sending: immediate subscribers to seed, items received, a sender's environment."""

from __future__ import annotations

import os
import re
from collections import Counter

from sqlalchemy.engine import Engine

from support.mailfactory import add_notification, add_subscriber
from support.smtpserver import LocalSMTPServer

SYMBOL = re.compile(r"Symbol: (G/TBT/N/\S+)")  # one per item in the English plain-text part


def seed_immediate(
    engine: Engine, subscribers: int, items: int, *, first: int = 3000, member: str = "USA"
) -> set[tuple[str, str]]:
    """Items and immediate English subscribers ``firm<i>@coffee.example.com``; the expected pairs."""
    symbols = [f"G/TBT/N/{member}/{first + i}" for i in range(items)]
    for symbol in symbols:
        add_notification(engine, symbol, member=member)
    emails = [f"firm{i}@coffee.example.com" for i in range(subscribers)]
    for email in emails:
        add_subscriber(engine, email, frequency="immediate", language="en")
    return {(e, s) for e in emails for s in symbols}


def received_pairs(server: LocalSMTPServer) -> Counter[tuple[str, str]]:
    """(recipient, symbol) for every item of every accepted message."""
    pairs: Counter[tuple[str, str]] = Counter()
    for rec in server.handler.received:
        body = rec.message.get_body(("plain",))
        assert body is not None
        for symbol in SYMBOL.findall(body.get_content()):
            for rcpt in rec.rcpt_tos:
                pairs[(rcpt, symbol)] += 1
    return pairs


def sender_env(database_url: str, smtp_port: int, **settings: str) -> dict[str, str]:
    """The environment of a ``tbtalert send`` subprocess: this database, this SMTP server."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TBTALERT_DATABASE_URL": database_url,
        "TBTALERT_SMTP_HOST": "127.0.0.1",
        "TBTALERT_SMTP_PORT": str(smtp_port),
        "TBTALERT_SMTP_STARTTLS": "false",
    }
    env.update({f"TBTALERT_{key.upper()}": value for key, value in settings.items()})
    return env
