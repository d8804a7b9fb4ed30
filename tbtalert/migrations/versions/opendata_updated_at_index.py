"""An index on notification.updated_at, for the open data's incremental pulls (updated_since).

Revision ID: opendata_updated_at_index
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "opendata_updated_at_index"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        op.f("ix_notification_updated_at"), "notification", ["updated_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_notification_updated_at"), table_name="notification")
