"""Databases for tests, on SQLite and PostgreSQL: empty, or copies of one tbtalert prepared.

Preparing a database (schema, default sectors: whatever ``open_database``
does) takes seconds; copying a prepared one takes milliseconds. So each test
run prepares one per back end, the first time a test asks, and a test that
wants a prepared database gets a copy of it: a file copy on SQLite,
``CREATE DATABASE ... TEMPLATE`` on PostgreSQL.

A run is named by ``RUN_VARIABLE``, set by the process that starts pytest and
inherited by its xdist workers: they share the prepared databases through a
lock file in the run's folder, and the starting process drops them at the end.
The PostgreSQL server is shared by everyone on the machine, so every
database's name carries the run: at the end, the starting process drops
whatever a worker left behind.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing, contextmanager
from functools import cache
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
RUN_VARIABLE = "PYTEST_TBTALERT_RUN"


@cache
def postgres_admin_url() -> str | None:
    """The PostgreSQL server to test against, or None when none answers (asked once per process)."""
    url = os.environ.get("TBTALERT_TEST_POSTGRES_URL", DEFAULT_POSTGRES)
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
    except Exception:
        return None
    return url


def _database_url(admin_url: str, name: str) -> str:
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


@cache
def _admin(admin_url: str) -> Engine:
    return create_engine(admin_url, isolation_level="AUTOCOMMIT")


def _run_sql(admin_url: str, statement: str) -> None:
    with _admin(admin_url).connect() as conn:
        conn.execute(text(statement))


class PreparedDatabases:
    """The databases one test run prepared with ``prepare(url, folder)``, and copies of them.

    On PostgreSQL, creating and dropping a database take about a second each
    on a busy server, so threads of this process do them off the tests' path:
    one keeps ``COPIES_AHEAD`` copies of the prepared database ready, the other
    drops the databases tests are done with.
    """

    COPIES_AHEAD = 2

    def __init__(self, run: str, prepare: Callable[[str, Path], None]) -> None:
        self.run = run
        self.prepare = prepare
        self.folder = Path(tempfile.gettempdir()) / f"tbtalert-tests-{run}"
        self.sqlite_template = self.folder / "template.db"
        self.postgres_template = f"tbtalert_template_{run}"
        self.postgres_ready = self.folder / "postgres-template-ready"
        self._copier = ThreadPoolExecutor(1, thread_name_prefix="test-database-copies")
        self._dropper = ThreadPoolExecutor(1, thread_name_prefix="test-database-drops")
        self._ahead: deque[Future[str]] = deque()

    @contextmanager
    def _lock(self) -> Iterator[None]:
        """Held while one process of the run prepares a database; the others wait."""
        self.folder.mkdir(exist_ok=True)
        with open(self.folder / "lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield

    def sqlite_copy(self, target: Path) -> None:
        """Copy the prepared SQLite database to ``target``."""
        with self._lock():
            if not self.sqlite_template.exists():
                scratch = self.folder / "preparing.db"
                scratch.unlink(missing_ok=True)
                self.prepare(f"sqlite:///{scratch}", self.folder)
                # The backup API copies what is still in the write-ahead log too.
                with (
                    closing(sqlite3.connect(scratch)) as source,
                    closing(sqlite3.connect(self.folder / "copying.db")) as copy,
                ):
                    source.backup(copy)
                (self.folder / "copying.db").rename(self.sqlite_template)
        shutil.copyfile(self.sqlite_template, target)

    @contextmanager
    def postgres_database(self, admin_url: str, *, prepared: bool) -> Iterator[str]:
        """A new PostgreSQL database, a copy of the prepared one or empty; dropped afterwards."""
        name = self._take_copy(admin_url) if prepared else self._create(admin_url, "")
        try:
            yield _database_url(admin_url, name)
        finally:
            self._dropper.submit(_drop, admin_url, name)

    def _create(self, admin_url: str, template: str) -> str:
        name = f"tbtalert_test_{self.run}_{uuid.uuid4().hex[:8]}"
        copy = f' TEMPLATE "{template}"' if template else ""
        _run_sql(admin_url, f'CREATE DATABASE "{name}"{copy}')
        return name

    def _take_copy(self, admin_url: str) -> str:
        """A copy made ahead (the first ones are waited for); another is started in its place."""
        template = self._postgres_template(admin_url)
        while len(self._ahead) <= self.COPIES_AHEAD:
            self._ahead.append(self._copier.submit(self._create, admin_url, template))
        return self._ahead.popleft().result()

    def _postgres_template(self, admin_url: str) -> str:
        with self._lock():
            if not self.postgres_ready.exists():
                _drop(admin_url, self.postgres_template)
                _run_sql(admin_url, f'CREATE DATABASE "{self.postgres_template}"')
                self.prepare(_database_url(admin_url, self.postgres_template), self.folder)
                self.postgres_ready.touch()
        return self.postgres_template

    def close(self) -> None:
        """Finish this process's work: drop the copies made ahead and wait for every drop."""
        self._copier.shutdown()
        admin_url = postgres_admin_url()
        for made in self._ahead:
            if admin_url is not None and made.exception() is None:
                self._dropper.submit(_drop, admin_url, made.result())
        self._dropper.shutdown()

    def drop(self) -> None:
        """Drop every database of this run (by the process that started it, at its end)."""
        admin_url = postgres_admin_url()
        if admin_url is not None:
            with _admin(admin_url).connect() as conn:
                names = conn.execute(
                    text("SELECT datname FROM pg_database WHERE datname LIKE :pattern"),
                    {"pattern": f"tbtalert\\_%\\_{self.run}%"},
                ).scalars()
                left = list(names)
            for name in left:
                _drop(admin_url, name)
        shutil.rmtree(self.folder, ignore_errors=True)


def _drop(admin_url: str, name: str) -> None:
    _run_sql(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
