"""Database engine and sessions: SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

from sqlalchemy import JSON, Integer, any_, bindparam, event, func, inspect
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Mapped
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, create_engine, select

from tbtalert import migrations
from tbtalert.config import Settings
from tbtalert.errors import DatabaseError, reason
from tbtalert.models import Sector

BUSY_TIMEOUT = 30.0
"""Seconds a SQLite statement waits for another writer's lock before it fails."""


def _sqlite_pragmas(dbapi_conn: Any, _record: Any, *, busy_ms: int) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute(f"PRAGMA busy_timeout={busy_ms}")
    cur.close()


def make_engine(url: str, *, busy_timeout: float | None = None) -> Engine:
    """Create an engine for ``url``; raise DatabaseError when it is unusable.

    ``busy_timeout`` (seconds) bounds how long a statement waits for a lock
    another connection holds (SQLite's busy timeout, 30 s when not given;
    PostgreSQL's ``lock_timeout``, no bound when not given), and how long a
    connection from the pool is waited for.
    The web pages use a short one, so a long write elsewhere makes them
    answer "busy" instead of hanging.
    """
    try:
        if url.startswith("sqlite"):
            seconds = BUSY_TIMEOUT if busy_timeout is None else busy_timeout
            engine = create_engine(
                url,
                connect_args={"check_same_thread": False, "timeout": seconds},
                pool_timeout=seconds,
            )
            millis = max(1, int(seconds * 1000))
            event.listen(engine, "connect", partial(_sqlite_pragmas, busy_ms=millis))
        elif busy_timeout is None:
            engine = create_engine(url, pool_pre_ping=True)
        else:
            millis = max(1, int(busy_timeout * 1000))
            engine = create_engine(
                url,
                pool_pre_ping=True,
                pool_timeout=busy_timeout,
                connect_args={"options": f"-c lock_timeout={millis}"},
            )
    except (ArgumentError, ImportError) as err:
        raise DatabaseError(f"database URL {url!r} is not usable: {reason(err)}") from None
    return engine


def describe_error(err: SQLAlchemyError) -> str:
    """One line for a database error: the statement's kind, its table, the driver's first line.

    E.g. ``database error in INSERT into notification: database is locked``.
    Never the statement's text or its parameters, which can be megabytes.
    """
    return DatabaseError.from_driver(err).message


def check_connection(engine: Engine) -> None:
    """Open one connection, so a bad URL fails at start with a clear message."""
    try:
        with engine.connect():
            pass
    except OperationalError as err:
        raise DatabaseError(f"cannot open database {engine.url!r}: {reason(err)}") from None


def is_initialised(engine: Engine) -> bool:
    """Whether the tables exist in this database."""
    check_connection(engine)
    return inspect(engine).has_table("notification")


def open_database(settings: Settings, *, upgrade: bool = False) -> Engine:
    """Open the configured database, ready for use, with default sectors on first use.

    An empty database gets the whole schema. One whose schema is older than
    the code is upgraded only when ``upgrade`` is true (``tbtalert init``,
    ``tbtalert db upgrade``); otherwise it is refused with one line that says
    what to run, so that a schema is never changed behind an operator's back.
    """
    from tbtalert.sectors import load_taxonomy, store_sectors, taxonomy_path

    engine = make_engine(settings.database_url)
    check_connection(engine)
    if upgrade or migrations.state(engine).current is None:
        migrations.upgrade(engine)
    else:
        migrations.require_current(engine)
    with session_scope(engine) as session:
        if session.exec(select(Sector.id)).first() is None:
            store_sectors(session, load_taxonomy(taxonomy_path(settings)))
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def in_list(column: Mapped[Any], name: str, dialect: str) -> ColumnElement[bool]:
    """``column`` among a list of integers passed as the one parameter ``name``.

    Unlike ``IN (...)`` with a parameter per value, the statement reads the
    same for any list, so it is compiled, parsed and prepared once: PostgreSQL
    takes an array, SQLite a JSON array read with ``json_each``.
    """
    if dialect == "postgresql":
        return column == any_(bindparam(name, type_=ARRAY(Integer)))
    values = func.json_each(bindparam(name, type_=JSON)).table_valued("value")
    return column.in_(select(values.c.value))
