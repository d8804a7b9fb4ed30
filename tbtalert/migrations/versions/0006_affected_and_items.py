"""Countries affected, subscribers' affected-first choice, and digests of a source's rows.

- ``notification.countries_affected``: the countries a notification names as
  specifically affected (``[]`` for all trading partners, and for every
  notification stored before);
- ``subscriber.affected_first``: list those naming ``affected_country`` first
  (false for every existing subscriber);
- ``sourceitem``: a digest per row of a file a source re-reads every run (the
  WTO's daily bulk file), so only changed rows are stored again.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("notification") as batch:
        batch.add_column(
            sa.Column("countries_affected", sa.JSON(), nullable=False, server_default="[]")
        )
    # constant defaults: SQLite then adds the columns in place; an expression
    # (sa.false()) would make batch mode copy the table, which its foreign keys refuse
    with op.batch_alter_table("subscriber") as batch:
        batch.add_column(
            sa.Column("affected_first", sa.Boolean(), nullable=False, server_default="0")
        )
    op.create_table(
        "sourceitem",
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=500), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"]),
        sa.PrimaryKeyConstraint("source_id", "key"),
    )


def downgrade() -> None:
    op.drop_table("sourceitem")
    with op.batch_alter_table("subscriber") as batch:
        batch.drop_column("affected_first")
    with op.batch_alter_table("notification") as batch:
        batch.drop_column("countries_affected")
