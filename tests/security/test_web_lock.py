"""One SQLite write lock does not freeze the web: /healthz answers, the sign-up says "busy"."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from support.polling import wait_for_web
from support.signup import form_token, post_sign_up
from support.smtpserver import LocalSMTPServer, free_port
from tbtalert.config import Settings
from tbtalert.db import open_database
from tbtalert.service import WebServer

FORM = {"sectors": ["coffee"], "frequency": "daily", "language": "vi"}


@contextmanager
def served(settings: Settings) -> Iterator[str]:
    engine = open_database(settings)
    server = WebServer(settings, engine, None)
    server.start()
    try:
        wait_for_web(settings.base_url)
        yield settings.base_url
    finally:
        server.stop()
        engine.dispose()


@contextmanager
def write_lock(database: Path) -> Iterator[sqlite3.Connection]:
    """Another process's writer: an exclusive transaction held until the block ends."""
    conn = sqlite3.connect(database, isolation_level=None, timeout=30)
    conn.execute("BEGIN EXCLUSIVE")
    try:
        yield conn
    finally:
        conn.execute("ROLLBACK")
        conn.close()


@pytest.fixture
def lock_settings(
    make_settings: Callable[..., Settings], smtp_server: LocalSMTPServer, tmp_path: Path
) -> Callable[..., Settings]:
    def build(**overrides: object) -> Settings:
        port = free_port()
        return make_settings(
            web_port=port,
            base_url=f"http://127.0.0.1:{port}",
            smtp_host="127.0.0.1",
            smtp_port=smtp_server.port,
            smtp_starttls=False,
            **overrides,
        )

    return build


def test_healthz_answers_while_a_writer_holds_the_lock_and_sign_ups_wait(
    lock_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    """45 sign-ups wait for the lock (more than the page threads); /healthz still answers."""
    settings = lock_settings(web_db_timeout=60)
    with served(settings) as base:
        token = form_token(base)
        finished: list[int] = []

        def sign_up(n: int) -> None:
            answer = post_sign_up(
                base,
                {"email": f"firm{n}@example.com", **FORM},
                token=token,
                timeout=120,
                X_Forwarded_For=f"198.51.100.{n}",
            )
            finished.append(answer.status_code)

        with write_lock(tmp_path / "tbtalert.db"):
            waiting = [threading.Thread(target=sign_up, args=(n,)) for n in range(45)]
            for thread in waiting:
                thread.start()
            for _ in range(5):
                health = requests.get(f"{base}/healthz", timeout=10)
                assert health.status_code == 200 and health.json()["database"] == "ok"
            assert finished == []  # every sign-up is still waiting for the lock
        for thread in waiting:
            thread.join(timeout=120)
        assert finished == [200] * 45


def test_a_sign_up_past_the_lock_timeout_gets_a_busy_page(
    lock_settings: Callable[..., Settings], tmp_path: Path, smtp_server: LocalSMTPServer
) -> None:
    settings = lock_settings(web_db_timeout=0.5)
    with served(settings) as base:
        token = form_token(base)
        with write_lock(tmp_path / "tbtalert.db"):
            busy = post_sign_up(base, {"email": "an@example.com", **FORM}, token=token)
            assert busy.status_code == 503
            assert "busy" in busy.text and busy.headers["Retry-After"] == "10"
            assert "locked" not in busy.text and "INSERT" not in busy.text  # no raw error
            assert requests.get(f"{base}/", timeout=10).status_code == 200  # reads go on
        done = post_sign_up(base, {"email": "an@example.com", **FORM}, token=token)
        assert done.status_code == 200
        assert len(smtp_server.handler.received) == 1
