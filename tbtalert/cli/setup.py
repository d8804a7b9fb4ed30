"""``tbtalert init``: create the database and load the sector taxonomy."""

from __future__ import annotations

import typer
from sqlmodel import select

from tbtalert.cli.app import app, get_state
from tbtalert.db import init_db, make_engine, session_scope
from tbtalert.models import Sector
from tbtalert.sectors import load_taxonomy, store_sectors, taxonomy_path


@app.command()
def init(ctx: typer.Context) -> None:
    """Create the database tables and load the default sectors (safe to repeat).

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
