"""Shared fixtures: real HTTP and SMTP servers on loopback, SQLite and PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from support.databases import RUN_VARIABLE, PreparedDatabases, postgres_admin_url
from support.httpserver import LocalHTTPServer
from support.smtpserver import LocalSMTPServer
from tbtalert.config import Settings, load_settings
from tbtalert.db import open_database

DATA = Path(__file__).parent / "data"


def pytest_configure(config: pytest.Config) -> None:
    """Name this test run; xdist workers inherit the name from the process that starts them."""
    if not hasattr(config, "workerinput"):
        os.environ[RUN_VARIABLE] = uuid.uuid4().hex


def pytest_unconfigure(config: pytest.Config) -> None:
    """The process that started the run drops the databases it prepared, once every worker is done."""
    if not hasattr(config, "workerinput") and RUN_VARIABLE in os.environ:
        PreparedDatabases(os.environ.pop(RUN_VARIABLE), prepare_database).drop()


def clean_environment(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Forget the developer's TBTALERT_* settings and work in ``folder``."""
    for key in list(os.environ):
        if key.startswith("TBTALERT_") and key != "TBTALERT_TEST_POSTGRES_URL":
            monkeypatch.delenv(key)
    monkeypatch.chdir(folder)


def prepare_database(url: str, folder: Path) -> None:
    """Prepare an empty database the way tbtalert does on first use (working in ``folder``)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        clean_environment(monkeypatch, folder)
        open_database(load_settings(None, database_url=url)).dispose()


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's configuration or writes in the checkout."""
    clean_environment(monkeypatch, tmp_path)


@pytest.fixture(scope="session")
def prepared_databases() -> Iterator[PreparedDatabases]:
    databases = PreparedDatabases(os.environ[RUN_VARIABLE], prepare_database)
    yield databases
    databases.close()


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


# Fixtures that open the test's database with open_database before the test
# runs: for a test that uses one, the database starts as a copy of a prepared
# one (the same state, in milliseconds instead of seconds). Any other test gets
# an empty database, as a test of a first start or an upgrade needs.
OPENED_BY_FIXTURE = {"engine", "web_site"}


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, prepared_databases: PreparedDatabases
) -> Iterator[str]:
    """A database of the test's own: on SQLite and, when a server answers, on PostgreSQL."""
    prepared = not OPENED_BY_FIXTURE.isdisjoint(request.fixturenames)
    if request.param == "sqlite":
        path = tmp_path / "tbtalert.db"
        if prepared:
            prepared_databases.sqlite_copy(path)
        yield f"sqlite:///{path}"
        return
    admin = postgres_admin_url()
    if admin is None:
        pytest.skip("PostgreSQL not reachable (set TBTALERT_TEST_POSTGRES_URL)")
    with prepared_databases.postgres_database(admin, prepared=prepared) as url:
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
    # Its database was prepared with the shipped taxonomy (see OPENED_BY_FIXTURE).
    assert settings.sectors_file is None, "a test with its own taxonomy opens its own database"
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
    from support.polling import wait_for_web
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
    wait_for_web(web_settings.base_url, timeout=30)
    yield web_settings, engine, web_settings.base_url
    server.stop()
    engine.dispose()
