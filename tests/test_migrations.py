"""Schema migrations: models and revisions agree, and a 0.1.0 database upgrades intact."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import CheckConstraint, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, select

from tbtalert import migrations
from tbtalert.db import check_connection, make_engine
from tbtalert.errors import DatabaseError
from tbtalert.models import (
    Delivery,
    Notification,
    Sector,
    Source,
    SourceRun,
    Subscriber,
    Tag,
    TagEvent,
    User,
)

LEGACY = Path(__file__).parent / "data" / "legacy"
# Every table of 0.1.0 and the column that orders its rows.
LEGACY_TABLES = {
    "notification": "id",
    "tag": "id",
    "sector": "id",
    "subscriber": "id",
    "subscribersector": "subscriber_id, sector_id",
    "delivery": "id",
    "source": "id",
    "sourcerun": "id",
    "scheduler_lease": "name",
    "scheduler_jobs": "id",
}


def load_release_dump(url: str) -> None:
    """Fill an empty database with the 0.1.0 dump of its back end."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        sql = (LEGACY / "release-0.1.0.sqlite.sql").read_text(encoding="utf-8")
        with sqlite3.connect(str(parsed.database)) as conn:
            conn.executescript(sql)
        return
    sql = (LEGACY / "release-0.1.0.postgresql.sql").read_text(encoding="utf-8")
    dsn = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(sql.encode("utf-8"))


def snapshot(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every 0.1.0 table, restricted to the columns 0.1.0 had."""
    rows: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        for table, order in LEGACY_TABLES.items():
            result = conn.execute(text(f"SELECT * FROM {table} ORDER BY {order}"))
            rows[table] = [dict(r._mapping) for r in result]
    return rows


def cli(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tbtalert", "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture
def config(tmp_path: Path, database_url: str) -> Path:
    """A configuration with only the bundled samples, mail written to ./outbox."""
    path = tmp_path / "tbtalert.toml"
    path.write_text(
        f'database_url = "{database_url}"\n'
        f'outbox_dir = "{tmp_path / "outbox"}"\n'
        "[[sources]]\n"
        'name = "samples"\n'
        'kind = "eping-export"\n'
        'url = "package:samples/eping-sample.csv"\n',
        encoding="utf-8",
    )
    return path


def test_models_match_the_migrated_schema(database_url: str) -> None:
    """The equivalent of ``alembic check``: head's schema is exactly the models'."""
    engine = make_engine(database_url)
    migrations.upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert diff == []


def test_every_revision_downgrades_and_upgrades_again(database_url: str) -> None:
    engine = make_engine(database_url)
    migrations.upgrade(engine)
    migrations.downgrade(engine, migrations.BASELINE)
    assert migrations.state(engine).current == migrations.BASELINE
    assert migrations.upgrade(engine).up_to_date
    engine.dispose()


def test_a_release_database_upgrades_with_every_row_intact(
    database_url: str, config: Path, tmp_path: Path
) -> None:
    load_release_dump(database_url)
    engine = make_engine(database_url)
    check_connection(engine)
    before = snapshot(engine)
    assert len(before["notification"]) == 36
    assert len(before["delivery"]) == 26
    assert any(t["origin"] == "official" for t in before["tag"])

    refused = cli(config, "status")
    assert refused.returncode == 1
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1, refused.stderr
    assert "tbtalert db upgrade" in lines[0]
    assert "0.1.0" in lines[0]

    upgraded = cli(config, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"to {migrations.head()}" in upgraded.stdout
    again = cli(config, "db", "upgrade")
    assert "already at revision" in again.stdout

    after = snapshot(engine)
    for table, rows in before.items():
        kept = [{k: new[k] for k in old} for new, old in zip(after[table], rows, strict=False)]
        assert len(after[table]) == len(rows), table
        assert kept == rows, table

    sent = cli(config, "send", "--frequency", "daily")
    assert sent.returncode == 0, sent.stderr
    assert "covering 3 item(s)" in sent.stdout
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1
    cycled = cli(config, "cycle")
    assert cycled.returncode == 0, cycled.stderr
    assert "36 fetched, 0 new" in cycled.stdout
    engine.dispose()


def test_a_raw_driver_error_is_one_line_with_a_hint(database_url: str, config: Path) -> None:
    engine = make_engine(database_url)
    migrations.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE delivery"))
    assert not inspect(engine).has_table("delivery")
    engine.dispose()

    result = cli(config, "send", "--frequency", "daily")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("tbtalert: error: database error")
    assert "delivery" in lines[0]
    assert "tbtalert db current" in lines[0]
    assert "Traceback" not in result.stderr


STATES_REVISION = "0007"  # the revision that adds the CHECK constraints on states


def checks() -> list[CheckConstraint]:
    """The models' CHECK constraints."""
    return [
        c
        for table in SQLModel.metadata.sorted_tables
        for c in table.constraints
        if isinstance(c, CheckConstraint)
    ]


def declared_checks() -> dict[str, set[str]]:
    """The models' CHECK constraints: name -> the values allowed."""
    return {str(c.name): set(re.findall(r"'([^']*)'", str(c.sqltext))) for c in checks()}


def test_every_state_column_is_checked_by_the_models() -> None:
    """A column typed by a Literal of models.py has its constraint ck_<table>_<column>."""
    expected = {}
    for model in (
        Source,
        SourceRun,
        Notification,
        Sector,
        Tag,
        Subscriber,
        Delivery,
        User,
        TagEvent,
    ):
        for name, info in model.model_fields.items():
            if get_origin(info.annotation) is Literal:
                expected[f"ck_{model.__tablename__}_{name}"] = set(get_args(info.annotation))
    assert len(expected) == 14
    assert declared_checks() == expected


def test_the_migrated_schema_checks_states_as_the_models_do(database_url: str) -> None:
    """compare_metadata ignores CHECK constraints: compare them by name and values."""
    engine = make_engine(database_url)
    migrations.upgrade(engine)
    found = inspect(engine)
    migrated = {
        c["name"]: set(re.findall(r"'([^']*)'", c["sqltext"]))
        for table in found.get_table_names()
        for c in found.get_check_constraints(table)
    }
    engine.dispose()
    assert migrated == declared_checks()


def one_row_per_table(engine: Engine) -> None:
    """A valid row in every table holding a state."""
    with Session(engine) as session:
        session.add(Sector(id="coffee", name_vi="Cà phê", name_en="Coffee"))
        sub = Subscriber(email="a@example.com")
        symbol = "G/TBT/N/EU/1"
        note = Notification(symbol=symbol, base_symbol=symbol, area="TBT", member="EU")
        source = Source(name="s", kind="feed")
        session.add_all([sub, note, source])
        session.flush()
        assert sub.id and note.id and source.id
        session.add(SourceRun(source_id=source.id))
        session.add(Tag(notification_id=note.id, sector_id="coffee"))
        session.add(TagEvent(notification_id=note.id, sector_id="coffee", status="reviewed"))
        session.add(User(email="o@example.com", password_hash="x"))
        session.add(Delivery(subscriber_id=sub.id, notification_id=note.id))
        session.commit()


def test_the_database_refuses_an_unknown_state(database_url: str) -> None:
    engine = make_engine(database_url)
    migrations.upgrade(engine)
    one_row_per_table(engine)
    with Session(engine) as session:
        first = session.exec(select(Delivery)).one()
        session.add(Delivery(subscriber_id=first.subscriber_id, notification_id=1, kind="digest"))
        with pytest.raises(IntegrityError, match="ck_delivery_kind"):
            session.commit()
    refused = []
    tables = {str(c.name): c.table.name for c in checks()}
    for name, allowed in declared_checks().items():
        table = tables[name]
        column = name.removeprefix(f"ck_{table}_")
        with engine.connect() as conn:
            update = f"UPDATE {table} SET {column} = :value"
            assert conn.execute(text(update), {"value": sorted(allowed)[0]}).rowcount == 1
            try:
                conn.execute(text(update), {"value": "xx"})  # fits every column
            except IntegrityError as err:
                assert name in str(err.orig)
                refused.append(name)
    engine.dispose()
    assert refused == list(declared_checks())


def test_an_unknown_state_stops_the_upgrade_and_names_the_rows(database_url: str) -> None:
    engine = make_engine(database_url)
    migrations.upgrade(engine)
    one_row_per_table(engine)
    before = {rev: down for rev, down, _ in migrations.history()}[STATES_REVISION]
    assert before is not None
    migrations.downgrade(engine, before)
    with engine.begin() as conn:
        conn.execute(text("UPDATE delivery SET status = 'parked'"))
        conn.execute(text("UPDATE subscriber SET language = 'fr'"))
    with pytest.raises(DatabaseError) as caught:
        migrations.upgrade(engine)
    message = caught.value.one_line()
    assert "delivery.status = 'parked' in 1 row(s)" in message
    assert "subscriber.language = 'fr' in 1 row(s)" in message
    assert "tbtalert db upgrade" in message
    assert migrations.state(engine).current == before
    with engine.begin() as conn:
        conn.execute(text("UPDATE delivery SET status = 'queued'"))
        conn.execute(text("UPDATE subscriber SET language = 'en'"))
    assert migrations.upgrade(engine).up_to_date
    engine.dispose()
