"""A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it receives.

Faults are scripted on the handler: ``fail_next_data`` answers 451 to the
next N messages, ``reject`` answers 550 to listed recipients, and
``drop_in_data`` closes the connection in the middle of the next N messages,
and ``rcpt_delay`` makes every RCPT answer wait (a slow server).
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Received:
    """One accepted message."""

    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        msg = email.message_from_bytes(self.data, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        return msg


@dataclass
class RecordingHandler:
    """aiosmtpd handler that records messages and plays scripted faults."""

    received: list[Received] = field(default_factory=list)
    reject: set[str] = field(default_factory=set)
    fail_next_data: int = 0
    drop_in_data: int = 0
    rcpt_delay: float = 0.0  # seconds to wait before answering RCPT (a slow server)
    after_accept: Callable[[int], None] | None = None  # called with the count of messages so far
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if self.rcpt_delay:
            await asyncio.sleep(self.rcpt_delay)
        if address.lower() in self.reject:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            if self.drop_in_data > 0:
                self.drop_in_data -= 1
                server.transport.close()
                return "421 4.4.2 connection dropped"
            if self.fail_next_data > 0:
                self.fail_next_data -= 1
                return "451 4.3.0 try again later"
            self.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.content))
            )
            count = len(self.received)
        if self.after_accept is not None:
            self.after_accept(count)
        return "250 2.0.0 accepted"

    def messages(self) -> list[EmailMessage]:
        with self.lock:
            return [r.message for r in self.received]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalSMTPServer:
    """Run a RecordingHandler on a free port until stopped."""

    def __init__(self) -> None:
        self.handler = RecordingHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()
