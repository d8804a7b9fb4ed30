"""The officials' workspace: accounts, failed sign-ins, tag history, taxonomy changes, source switches.

New tables only; no existing row changes.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "official_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=500), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_official_user_email"), "official_user", ["email"], unique=True)
    op.create_table(
        "login_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("ip", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("email", "ip", "at"):
        op.create_index(op.f(f"ix_login_failure_{column}"), "login_failure", [column])
    op.create_table(
        "tag_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=False),
        sa.Column("sector_id", sa.String(length=60), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("via", sa.String(length=500), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["notification_id"], ["notification.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_tag_event_notification_id"), "tag_event", ["notification_id"])
    op.create_table(
        "taxonomy_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sector_id", sa.String(length=60), nullable=False),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_taxonomy_change_sector_id"), "taxonomy_change", ["sector_id"])
    op.create_table(
        "source_switch",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("source_switch")
    op.drop_index(op.f("ix_taxonomy_change_sector_id"), table_name="taxonomy_change")
    op.drop_table("taxonomy_change")
    op.drop_index(op.f("ix_tag_event_notification_id"), table_name="tag_event")
    op.drop_table("tag_event")
    for column in ("email", "ip", "at"):
        op.drop_index(op.f(f"ix_login_failure_{column}"), table_name="login_failure")
    op.drop_table("login_failure")
    op.drop_index(op.f("ix_official_user_email"), table_name="official_user")
    op.drop_table("official_user")
