"""Alembic environment: runs the migrations on the connection tbtalert hands over.

tbtalert never reads an ``alembic.ini``: :mod:`tbtalert.migrate` builds the
configuration in code and passes an open connection in
``config.attributes["connection"]``, so the same engine (and its SQLite
pragmas) serves the application and its migrations.
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from tbtalert import models  # noqa: F401  (registers the tables)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
