"""Shared fixtures: real HTTP and SMTP servers on loopback, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from support.databases import fresh_postgres_database, postgres_admin_url
from support.httpserver import LocalHTTPServer
from support.smtpserver import LocalSMTPServer
from tbtalert.config import Settings, load_settings
from tbtalert.db import open_database

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's configuration or writes in the checkout."""
    import os

    for key in list(os.environ):
        if key.startswith("TBTALERT_") and key != "TBTALERT_TEST_POSTGRES_URL":
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def http_server() -> Iterator[LocalHTTPServer]:
    server = LocalHTTPServer()
    yield server
    server.close()


@pytest.fixture
def smtp_server() -> Iterator[LocalSMTPServer]:
    server = LocalSMTPServer()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each test using this runs on SQLite and, when a server answers, on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tbtalert.db'}"
        return
    admin = postgres_admin_url()
    if admin is None:
        pytest.skip("PostgreSQL not reachable (set TBTALERT_TEST_POSTGRES_URL)")
    with fresh_postgres_database(admin) as url:
        yield url


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., Settings]:
    """Settings pointing at temporary folders, with no sources unless given."""

    def build(**overrides: Any) -> Settings:
        base: dict[str, Any] = {
            "database_url": f"sqlite:///{tmp_path / 'tbtalert.db'}",
            "outbox_dir": tmp_path / "outbox",
            "subscribers_dir": None,
            "sources": [],
            "http_host_delay": 0.0,
            "http_backoff": 0.01,
            "http_timeout": 5.0,
        }
        base.update(overrides)
        return load_settings(None, **base)

    return build


@pytest.fixture
def settings(make_settings: Callable[..., Settings], database_url: str) -> Settings:
    return make_settings(database_url=database_url)


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    eng = open_database(settings)
    yield eng
    eng.dispose()


@pytest.fixture
def smtp_settings(settings: Settings, smtp_server: LocalSMTPServer) -> Settings:
    """``settings`` mailing through ``smtp_server`` (plain SMTP, short retry pauses)."""
    return settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": smtp_server.port,
            "smtp_starttls": False,
            "smtp_backoff": 0.01,
        }
    )


@pytest.fixture
def site_settings(smtp_settings: Settings) -> Settings:
    """What ``web_site`` runs with; a test module overrides it to add sources and such."""
    return smtp_settings


@pytest.fixture
def web_site(site_settings: Settings) -> Iterator[tuple[Settings, Engine, str]]:
    """The web UI served by uvicorn on a free port, mailing through ``smtp_server``.

    Yields the settings it runs with, its engine and its base URL, once it answers.
    """
    import requests

    from support.polling import wait_until
    from support.smtpserver import free_port
    from tbtalert.service import WebServer

    port = free_port()
    web_settings = site_settings.model_copy(
        update={
            "web_port": port,
            "base_url": f"http://127.0.0.1:{port}",
        }
    )
    engine = open_database(web_settings)
    server = WebServer(web_settings, engine, None)
    server.start()

    def answers() -> bool:
        try:
            requests.get(f"{web_settings.base_url}/healthz", timeout=5)
        except requests.ConnectionError:
            return False
        return True

    wait_until(answers, timeout=30, what="the web UI")
    yield web_settings, engine, web_settings.base_url
    server.stop()
    engine.dispose()
