"""Indexes for the open data: notification.updated_at, and tag (sector_id, notification_id).

``updated_since`` (incremental pulls) reads the notifications changed lately
through the first. The second replaces the index on tag.sector_id alone: a
sector's newest notifications are read from it in order, so the first page of
a sector, rare or common, reads about one page of index entries.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_notification_updated_at", "notification", ["updated_at"], unique=False)
    op.create_index(
        "ix_tag_sector_id_notification_id", "tag", ["sector_id", "notification_id"], unique=False
    )
    op.drop_index("ix_tag_sector_id", table_name="tag")


def downgrade() -> None:
    op.create_index("ix_tag_sector_id", "tag", ["sector_id"], unique=False)
    op.drop_index("ix_tag_sector_id_notification_id", table_name="tag")
    op.drop_index("ix_notification_updated_at", table_name="notification")
