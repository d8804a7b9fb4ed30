"""PostgreSQL's 65,535-parameter limit, and database errors that stay one line."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, func, select

from support.databases import postgres_admin_url
from tbtalert.config import Settings, SourceConfig
from tbtalert.db import open_database
from tbtalert.ingest import fetch_sources, import_file
from tbtalert.models import Notification, SourceRun

PAGE = 74_000


@contextmanager
def fresh_postgres_database(admin_url: str) -> Iterator[str]:
    """An empty database of this test's own, dropped afterwards."""
    name = f"tbtalert_limits_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_engine(make_settings: Callable[..., Settings]) -> Iterator[tuple[Settings, Engine]]:
    admin = postgres_admin_url()
    if admin is None:
        pytest.skip("PostgreSQL not reachable (set TBTALERT_TEST_POSTGRES_URL)")
    with fresh_postgres_database(admin) as url:
        settings = make_settings(database_url=url)
        engine = open_database(settings)
        yield settings, engine
        engine.dispose()


def export_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("Symbol,Title,Distribution date\n")
        for n in range(1, rows + 1):
            fh.write(f"G/TBT/N/USA/{n},Coffee labelling rule {n},2026-11-02\n")
    return path


def test_a_page_of_74000_notifications_loads_on_postgresql(
    pg_engine: tuple[Settings, Engine], tmp_path: Path
) -> None:
    """One page's lookups would pass 65,535 bind parameters in one IN list if not chunked."""
    _settings, engine = pg_engine
    summary = import_file(engine, export_csv(tmp_path / "big.csv", PAGE))
    assert (summary.fetched, summary.new) == (PAGE, PAGE)
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Notification)).one() == PAGE


def test_a_database_error_is_stored_and_shown_in_one_line(
    pg_engine: tuple[Settings, Engine], tmp_path: Path
) -> None:
    settings, engine = pg_engine
    with engine.begin() as conn:  # the database refuses every new notification
        conn.execute(
            text(
                "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'disk quota exceeded' USING DETAIL = 'line two of the detail'; "
                "END $$ LANGUAGE plpgsql"
            )
        )
        conn.execute(
            text(
                "CREATE TRIGGER refuse BEFORE INSERT ON notification "
                "FOR EACH ROW EXECUTE FUNCTION refuse()"
            )
        )
    source = SourceConfig(
        name="drop", kind="eping-export", url=str(export_csv(tmp_path / "page.csv", 3000))
    )
    [summary] = fetch_sources(engine, settings.model_copy(update={"sources": [source]}))
    assert summary.status == "failed"
    assert summary.error == "database error in INSERT into notification: disk quota exceeded"
    with Session(engine) as session:
        run = session.exec(select(SourceRun)).one()
    assert run.error == summary.error and "\n" not in run.error
