"""Throwaway PostgreSQL databases for benchmarks, on the local server.

The server is ``BENCH_POSTGRES_URL`` (default: user postgres, database test,
on 127.0.0.1:5432); each benchmark creates its own databases and drops them.
"""

from __future__ import annotations

import os
import uuid

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES_ADMIN = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def fresh_postgres() -> tuple[str, str] | None:
    """(name, URL) of a new empty database, or None (with a line saying why) when there is none."""
    try:
        admin = create_engine(
            POSTGRES_ADMIN, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
        )
        name = f"bench_{uuid.uuid4().hex[:10]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    except Exception as err:
        print(f"PostgreSQL skipped: {err.__class__.__name__}")
        return None
    return name, make_url(POSTGRES_ADMIN).set(database=name).render_as_string(hide_password=False)


def drop_postgres(name: str) -> None:
    """Drop a database :func:`fresh_postgres` made."""
    admin = create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
