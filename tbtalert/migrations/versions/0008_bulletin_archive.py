"""The weekly bulletin: its archive (a row per week, its files), its mail, the subscribers' opt-in.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bulletin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("week", sa.String(length=10), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("intro", sa.String(), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_by", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("mail_queued_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
    )
    op.create_index(op.f("ix_bulletin_week"), "bulletin", ["week"], unique=True)
    op.create_table(
        "bulletinfile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bulletin_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["bulletin_id"], ["bulletin.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("bulletin_id", "revision", "name"),
    )
    op.create_index(
        op.f("ix_bulletinfile_bulletin_id"), "bulletinfile", ["bulletin_id"], unique=False
    )
    op.create_table(
        "bulletindelivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bulletin_id", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=2000), nullable=False),
        sa.Column("message_id", sa.String(length=300), nullable=False),
        sa.Column("claimed_by", sa.String(length=200), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["bulletin_id"], ["bulletin.id"]),
        sa.ForeignKeyConstraint(["subscriber_id"], ["subscriber.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("bulletin_id", "subscriber_id"),
    )
    op.create_index(
        op.f("ix_bulletindelivery_status"), "bulletindelivery", ["status"], unique=False
    )
    op.create_index(
        op.f("ix_bulletindelivery_subscriber_id"),
        "bulletindelivery",
        ["subscriber_id"],
        unique=False,
    )
    with op.batch_alter_table("subscriber") as batch:
        batch.add_column(sa.Column("bulletin", sa.Boolean(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("subscriber") as batch:
        batch.drop_column("bulletin")
    op.drop_index(op.f("ix_bulletindelivery_subscriber_id"), table_name="bulletindelivery")
    op.drop_index(op.f("ix_bulletindelivery_status"), table_name="bulletindelivery")
    op.drop_table("bulletindelivery")
    op.drop_index(op.f("ix_bulletinfile_bulletin_id"), table_name="bulletinfile")
    op.drop_table("bulletinfile")
    op.drop_index(op.f("ix_bulletin_week"), table_name="bulletin")
    op.drop_table("bulletin")
