"""``tbtalert init`` and ``tbtalert db``: create, upgrade and inspect the database."""

from __future__ import annotations

import typer
from sqlmodel import select

from tbtalert import migrations
from tbtalert.cli.app import app, get_state
from tbtalert.db import check_connection, init_db, make_engine, session_scope
from tbtalert.models import Sector
from tbtalert.sectors import load_taxonomy, store_sectors, taxonomy_path

db_app = typer.Typer(help="Schema migrations: upgrade, current revision, history.")
app.add_typer(db_app, name="db")


@app.command()
def init(ctx: typer.Context) -> None:
    """Create the database, or upgrade its schema, and load the default sectors (safe to repeat).

    The sectors file is loaded only into a database that has no sectors yet:
    a taxonomy officials edited (on the web or by 'sectors import') is kept.
    """
    settings = get_state(ctx).settings()
    engine = make_engine(settings.database_url)
    init_db(engine)
    path = taxonomy_path(settings)
    sectors = load_taxonomy(path)
    with session_scope(engine) as session:
        stored = set(session.exec(select(Sector.id)).all())
        if not stored:
            new = store_sectors(session, sectors)
    typer.echo(f"database ready: {engine.url.render_as_string(hide_password=True)}")
    typer.echo(f"schema: revision {migrations.head()} (up to date)")
    if not stored:
        typer.echo(f"sectors: {len(sectors)} from {path} ({new} new)")
        return
    typer.echo(f"sectors: {len(stored)} in the database, kept as they are")
    missing = [s["id"] for s in sectors if s["id"] not in stored]
    if missing:
        typer.echo(
            f"  {path} has {len(missing)} sector(s) the database lacks: {', '.join(missing)}"
            " ('tbtalert sectors import' takes the whole file)"
        )


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Upgrade the schema to this version's revision, keeping every row (safe to repeat)."""
    engine = make_engine(get_state(ctx).settings().database_url)
    check_connection(engine)
    before = migrations.state(engine)
    after = migrations.upgrade(engine)
    shown = engine.url.render_as_string(hide_password=True)
    if before.up_to_date:
        typer.echo(f"{shown}: already at revision {after.current}")
        return
    start = "empty" if before.current is None else f"revision {before.current}"
    typer.echo(f"{shown}: upgraded from {start} to {after.current}")


@db_app.command("current")
def db_current(ctx: typer.Context) -> None:
    """Show the database's schema revision and the one this version needs."""
    engine = make_engine(get_state(ctx).settings().database_url)
    check_connection(engine)
    now = migrations.state(engine)
    if now.up_to_date:
        typer.echo(f"revision {now.current} (up to date)")
    elif now.current is None:
        typer.echo(f"empty database; this version needs {now.head}: run 'tbtalert init'")
    else:
        legacy = " (made by tbtalert 0.1.0, before migrations)" if now.legacy else ""
        typer.echo(
            f"revision {now.current}{legacy}; this version needs {now.head}: "
            "run 'tbtalert db upgrade'"
        )


@db_app.command("history")
def db_history() -> None:
    """List the schema revisions, newest first."""
    for revision, down, message in migrations.history():
        first = message.strip().splitlines()[0] if message.strip() else ""
        typer.echo(f"{revision:<24} after {down or '-':<24} {first}")
