"""The ``tbtalert`` command line: each module registers one group of commands."""

from __future__ import annotations

import logging
import sys

from sqlalchemy.exc import SQLAlchemyError

from tbtalert.cli import (
    mail,  # noqa: F401  (registers commands)
    matching,  # noqa: F401  (registers commands)
    service,  # noqa: F401  (registers commands)
    setup,  # noqa: F401  (registers commands)
    sources,  # noqa: F401  (registers commands)
    users,  # noqa: F401  (registers commands)
)
from tbtalert.cli.app import app
from tbtalert.errors import DatabaseError, TbtAlertError

__all__ = ["app", "main"]


def main() -> None:
    """Run the command line; a TbtAlertError becomes one line on stderr and exit status 1."""
    verbose = "-v" in sys.argv[1:] or "--verbose" in sys.argv[1:]
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    # Alembic narrates every migration context at INFO; the commands say what changed.
    logging.getLogger("alembic").setLevel(logging.DEBUG if verbose else logging.WARNING)
    try:
        app()
    except TbtAlertError as err:
        if verbose:
            raise
        print(f"tbtalert: error: {err.one_line()}", file=sys.stderr)
        sys.exit(1)
    except SQLAlchemyError as err:
        if verbose:
            raise
        print(f"tbtalert: error: {DatabaseError.from_driver(err).one_line()}", file=sys.stderr)
        sys.exit(1)
