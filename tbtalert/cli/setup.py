"""``tbtalert init``: create the database and load the sector taxonomy."""

from __future__ import annotations

import typer

from tbtalert.cli.app import app, get_state
from tbtalert.db import session_scope
from tbtalert.sectors import load_taxonomy, store_sectors, taxonomy_path


@app.command()
def init(ctx: typer.Context) -> None:
    """Create the database tables and load the default sectors (safe to repeat)."""
    state = get_state(ctx)
    settings = state.settings()
    engine = state.engine()
    path = taxonomy_path(settings)
    sectors = load_taxonomy(path)
    with session_scope(engine) as session:
        new = store_sectors(session, sectors)
    typer.echo(f"database ready: {engine.url.render_as_string(hide_password=True)}")
    typer.echo(f"sectors: {len(sectors)} from {path} ({new} new)")
