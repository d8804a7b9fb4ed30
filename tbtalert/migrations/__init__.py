"""Schema migrations (Alembic): bring any tbtalert database to the code's schema.

Every change to :mod:`tbtalert.models` ships with a revision in ``versions/``;
an existing database is upgraded in place and keeps its data. Three kinds of
database meet this module:

- an empty one: every revision runs, from the baseline ``0001`` up;
- one created by tbtalert 0.1.0, before migrations existed (its tables were
  made by ``create_all`` and it has no ``alembic_version`` table): it holds
  exactly the baseline schema, so it is stamped ``0001`` and upgraded;
- one already under Alembic: the revisions after its own run.

Only ``tbtalert init`` and ``tbtalert db upgrade`` change a schema. Every other
command calls :func:`require_current`, which refuses, in one line that says
what to run, a database whose schema is older (or newer) than the code.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from tbtalert.errors import DatabaseError

BASELINE = "0001"
# A table every tbtalert 0.1.0 database has: its presence without an
# ``alembic_version`` table marks a database made before migrations.
_LEGACY_MARKER = "notification"
_UPGRADE_HINT = "back up the database, then run 'tbtalert db upgrade'"


@dataclass(frozen=True)
class SchemaState:
    """Where a database's schema stands against the code's."""

    current: str | None  # None: no tbtalert tables at all
    head: str
    legacy: bool = False  # tables of 0.1.0 without Alembic's version table

    @property
    def up_to_date(self) -> bool:
        """Whether the database has exactly the schema the code expects."""
        return self.current == self.head and not self.legacy


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", "tbtalert:migrations")
    config.attributes["connection"] = connection
    return config


@functools.cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head() -> str:
    """The revision the code's models correspond to."""
    revision = _scripts().get_current_head()
    assert revision is not None, "no migration scripts shipped"
    return revision


def history() -> Iterator[tuple[str, str | None, str]]:
    """Every revision, newest first: (revision, the one before it, its message)."""
    for script in _scripts().walk_revisions():
        down = script.down_revision
        yield script.revision, down if isinstance(down, str) else None, script.doc or ""


def state(engine: Engine) -> SchemaState:
    """Read the database's revision (or its absence) without changing anything."""
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            legacy = current is None and inspect(conn).has_table(_LEGACY_MARKER)
    except SQLAlchemyError as err:
        raise DatabaseError.from_driver(
            err, f"cannot read the schema revision of {_shown(engine)}"
        ) from None
    return SchemaState(current=BASELINE if legacy else current, head=head(), legacy=legacy)


@contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that revisions run in, committed when they all succeed.

    On SQLite, foreign keys are off meanwhile, as SQLite's own procedure for
    altering a table says: a batch operation rebuilds a table (copy, drop,
    rename), and dropping a table other rows refer to would fail. Before the
    commit, ``PRAGMA foreign_key_check`` proves no reference was left dangling.
    """
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:  # a no-op inside a transaction: set it before one begins
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            with conn.begin():
                yield conn
                dangling = conn.exec_driver_sql("PRAGMA foreign_key_check").all() if sqlite else []
                if dangling:
                    raise DatabaseError(
                        f"migrating {_shown(engine)} would leave {len(dangling)} row(s) "
                        f"referring to missing rows (first: table {dangling[0][0]})",
                        hint="restore the backup taken before upgrading, and report this as a bug",
                    )
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


def upgrade(engine: Engine, revision: str = "head") -> SchemaState:
    """Create or upgrade the schema to ``revision`` (idempotent); return the new state."""
    before = state(engine)
    try:
        with _migrating(engine) as conn:
            config = _config(conn)
            if before.legacy:
                command.stamp(config, BASELINE)
            command.upgrade(config, revision)
    except SQLAlchemyError as err:
        raise DatabaseError.from_driver(
            err, f"upgrading {_shown(engine)} from revision {before.current} failed"
        ) from None
    return state(engine)


def downgrade(engine: Engine, revision: str) -> SchemaState:
    """Take the schema back to ``revision`` (for testing revisions; data of newer columns goes)."""
    try:
        with _migrating(engine) as conn:
            command.downgrade(_config(conn), revision)
    except SQLAlchemyError as err:
        raise DatabaseError.from_driver(err, f"downgrading {_shown(engine)} failed") from None
    return state(engine)


def require_current(engine: Engine) -> None:
    """Raise a one-line DatabaseError unless the schema is exactly the code's."""
    now = state(engine)
    if now.up_to_date:
        return
    known = {rev for rev, _, _ in history()}
    if now.current is not None and now.current not in known:
        raise DatabaseError(
            f"the database {_shown(engine)} has schema revision {now.current}, newer than "
            f"this tbtalert knows (head {now.head})",
            hint="install the tbtalert version that upgraded it",
        )
    found = (
        "was made by tbtalert 0.1.0, before migrations"
        if now.legacy
        else f"has schema revision {now.current}"
    )
    raise DatabaseError(
        f"the database {_shown(engine)} {found}; this tbtalert needs revision {now.head}",
        hint=_UPGRADE_HINT,
    )


def _shown(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)
