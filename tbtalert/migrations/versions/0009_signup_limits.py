"""Sign-up limits shared by web workers, the latest unsubscribe, and who runs a source run.

- ``rate_limit``: counters of sign-ups per client and per address, kept in
  the database so that every web worker and server shares them;
- ``subscriber.unsubscribed_at``: the latest unsubscribe (a confirmation or
  preferences link made before it cannot subscribe the address again);
  existing unsubscribed rows get their last change time;
- ``sourcerun.owner``: ``host:pid`` of the process running it, so that a run
  whose process died is marked failed ("interrupted"); existing rows get "".

Revision ID: 0009
Revises: 0008 (the head of main when this branch was last merged)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rate_limit",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("window_start", sa.BigInteger(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index(
        op.f("ix_rate_limit_window_start"), "rate_limit", ["window_start"], unique=False
    )
    with op.batch_alter_table("subscriber") as batch:
        batch.add_column(sa.Column("unsubscribed_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE subscriber SET unsubscribed_at = updated_at WHERE status = 'unsubscribed'")
    with op.batch_alter_table("sourcerun") as batch:
        batch.add_column(
            sa.Column("owner", sa.String(length=200), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("sourcerun") as batch:
        batch.drop_column("owner")
    with op.batch_alter_table("subscriber") as batch:
        batch.drop_column("unsubscribed_at")
    op.drop_index(op.f("ix_rate_limit_window_start"), table_name="rate_limit")
    op.drop_table("rate_limit")
