"""The Typer application and the state every command shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import Engine

from tbtalert.config import Settings, load_settings
from tbtalert.db import open_database

app = typer.Typer(
    name="tbtalert",
    help="Warn exporters about WTO TBT/SPS notifications and national standard updates.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@dataclass
class AppState:
    """What the commands share: where the configuration is, and what was built from it."""

    config_path: Path | None = None
    verbose: bool = False
    _settings: Settings | None = field(default=None, repr=False)
    _engine: Engine | None = field(default=None, repr=False)

    def settings(self) -> Settings:
        """The settings, loaded once."""
        if self._settings is None:
            self._settings = load_settings(self.config_path)
        return self._settings

    def engine(self, *, upgrade: bool = False) -> Engine:
        """The database engine, ready for use (see :func:`tbtalert.db.open_database`)."""
        if self._engine is None:
            self._engine = open_database(self.settings(), upgrade=upgrade)
        return self._engine


def get_state(ctx: typer.Context) -> AppState:
    """The shared state of the running command."""
    state = ctx.find_root().obj
    assert isinstance(state, AppState)
    return state


@app.callback()
def root(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="tbtalert.toml to read (default: TBTALERT_CONFIG)."),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show tracebacks and debug logs.")
    ] = False,
) -> None:
    """tbtalert: early warning on technical barriers to trade."""
    ctx.obj = AppState(config_path=config, verbose=verbose)
