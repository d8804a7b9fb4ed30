"""Request limits kept in the database, so every web worker and server shares them.

A limit allows ``limit`` hits of one key in a window of ``period`` seconds
that opens at the first hit. One statement counts a hit and reads the count
back (an upsert with RETURNING, atomic on SQLite and PostgreSQL), so two
workers never both take the last allowed hit. Keys hold a keyed digest of
what they count (an IP address, a mail address), never the value itself.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Any

from sqlalchemy import Table, case, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from tbtalert.models import RateLimit

_TABLE: Table = RateLimit.__table__  # type: ignore[attr-defined]


def limit_key(secret: str, bucket: str, subject: str) -> str:
    """``<bucket>:<digest>``: the counter for ``subject`` without storing ``subject``."""
    digest = hmac.new(secret.encode(), subject.encode(), hashlib.sha256).hexdigest()[:40]
    return f"{bucket}:{digest}"


def _upsert(dialect: str) -> Any:
    module: Any = postgresql if dialect == "postgresql" else sqlite
    return module.insert(_TABLE)


def hit(conn: Connection, key: str, *, limit: int, period: int, now: float | None = None) -> bool:
    """Count one hit of ``key``; True while the window's hits are within ``limit``."""
    moment = int(time.time() if now is None else now)
    expired = _TABLE.c.window_start <= moment - period
    insert = _upsert(conn.dialect.name).values(key=key, window_start=moment, hits=1)
    statement = insert.on_conflict_do_update(
        index_elements=[_TABLE.c.key],
        set_={
            "hits": case((expired, 1), else_=_TABLE.c.hits + 1),
            "window_start": case((expired, moment), else_=_TABLE.c.window_start),
        },
    ).returning(_TABLE.c.hits)
    hits = conn.execute(statement).scalar_one()
    return int(hits) <= limit


def purge_limits(engine: Engine, older_than: int, now: float | None = None) -> int:
    """Delete counters whose window opened more than ``older_than`` seconds ago."""
    moment = int(time.time() if now is None else now)
    with engine.begin() as conn:
        result = conn.execute(delete(_TABLE).where(_TABLE.c.window_start < moment - older_than))
    return int(result.rowcount or 0)
