"""Baseline: the schema of tbtalert 0.1.0, the last release made without migrations.

A database created by 0.1.0 (``create_all``) has exactly these tables and is
stamped with this revision instead of running it.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("symbol", sa.String(length=500), nullable=False),
        sa.Column("base_symbol", sa.String(length=500), nullable=False),
        sa.Column("base_id", sa.Integer(), nullable=True),
        sa.Column("area", sa.String(length=10), nullable=False),
        sa.Column("doc_type", sa.String(length=20), nullable=False),
        sa.Column("member", sa.String(length=60), nullable=False),
        sa.Column("member_name", sa.String(length=200), nullable=False),
        sa.Column("agency", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("products", sa.String(), nullable=False),
        sa.Column("objectives", sa.String(), nullable=False),
        sa.Column("hs_codes", sa.JSON(), nullable=False),
        sa.Column("ics_codes", sa.JSON(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("distribution_date", sa.Date(), nullable=True),
        sa.Column("comment_deadline", sa.Date(), nullable=True),
        sa.Column("adoption_date", sa.Date(), nullable=True),
        sa.Column("entry_into_force", sa.Date(), nullable=True),
        sa.Column("entry_into_force_text", sa.String(length=500), nullable=False),
        sa.Column("notification_url", sa.String(length=2000), nullable=False),
        sa.Column("document_urls", sa.JSON(), nullable=False),
        sa.Column("source_name", sa.String(length=100), nullable=False),
        sa.Column("raw", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("announce", sa.Boolean(), nullable=False),
        sa.Column("matched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["base_id"],
            ["notification.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_notification_area"), "notification", ["area"], unique=False)
    op.create_index(op.f("ix_notification_base_id"), "notification", ["base_id"], unique=False)
    op.create_index(
        op.f("ix_notification_base_symbol"), "notification", ["base_symbol"], unique=False
    )
    op.create_index(
        op.f("ix_notification_distribution_date"),
        "notification",
        ["distribution_date"],
        unique=False,
    )
    op.create_index(
        op.f("ix_notification_first_seen_at"), "notification", ["first_seen_at"], unique=False
    )
    op.create_index(
        op.f("ix_notification_matched_at"), "notification", ["matched_at"], unique=False
    )
    op.create_index(op.f("ix_notification_member"), "notification", ["member"], unique=False)
    op.create_index(
        op.f("ix_notification_source_name"), "notification", ["source_name"], unique=False
    )
    op.create_index(op.f("ix_notification_symbol"), "notification", ["symbol"], unique=True)
    op.create_table(
        "scheduler_jobs",
        sa.Column("id", sa.Unicode(length=191), nullable=False),
        sa.Column("next_run_time", sa.Float(precision=25), nullable=True),
        sa.Column("job_state", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_scheduler_jobs_next_run_time"), "scheduler_jobs", ["next_run_time"], unique=False
    )
    op.create_table(
        "scheduler_lease",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("holder", sa.String(length=200), nullable=False),
        sa.Column("beat", sa.Integer(), nullable=False),
        sa.Column("acquired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("renewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "sector",
        sa.Column("id", sa.String(length=60), nullable=False),
        sa.Column("name_vi", sa.String(), nullable=False),
        sa.Column("name_en", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("cursor", sa.String(length=200), nullable=True),
        sa.Column("etag", sa.String(length=500), nullable=True),
        sa.Column("last_modified", sa.String(length=200), nullable=True),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_source_name"), "source", ["name"], unique=True)
    op.create_table(
        "subscriber",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("company", sa.String(length=300), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("frequency", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("markets", sa.JSON(), nullable=False),
        sa.Column("areas", sa.JSON(), nullable=False),
        sa.Column("heartbeat", sa.Boolean(), nullable=False),
        sa.Column("last_heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("origin", sa.String(length=500), nullable=False),
        sa.Column("status_reason", sa.String(length=1000), nullable=False),
        sa.Column("subscribed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_subscriber_email"), "subscriber", ["email"], unique=True)
    op.create_table(
        "delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("frequency", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=2000), nullable=False),
        sa.Column("message_id", sa.String(length=300), nullable=False),
        sa.Column("claimed_by", sa.String(length=200), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["notification_id"],
            ["notification.id"],
        ),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["subscriber.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("subscriber_id", "notification_id", "kind"),
    )
    op.create_index(
        op.f("ix_delivery_notification_id"), "delivery", ["notification_id"], unique=False
    )
    op.create_index(op.f("ix_delivery_status"), "delivery", ["status"], unique=False)
    op.create_table(
        "sourcerun",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("fetched", sa.Integer(), nullable=False),
        sa.Column("new", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("error", sa.String(length=4000), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_sourcerun_source_id"), "sourcerun", ["source_id"], unique=False)
    op.create_table(
        "subscribersector",
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column("sector_id", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["sector_id"],
            ["sector.id"],
        ),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["subscriber.id"],
        ),
        sa.PrimaryKeyConstraint("subscriber_id", "sector_id"),
    )
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=False),
        sa.Column("sector_id", sa.String(length=60), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("rule", sa.String(length=200), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["notification_id"],
            ["notification.id"],
        ),
        sa.ForeignKeyConstraint(
            ["sector_id"],
            ["sector.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("notification_id", "sector_id"),
    )
    op.create_index(op.f("ix_tag_notification_id"), "tag", ["notification_id"], unique=False)
    op.create_index(op.f("ix_tag_sector_id"), "tag", ["sector_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_tag_sector_id"), table_name="tag")
    op.drop_index(op.f("ix_tag_notification_id"), table_name="tag")
    op.drop_table("tag")
    op.drop_table("subscribersector")
    op.drop_index(op.f("ix_sourcerun_source_id"), table_name="sourcerun")
    op.drop_table("sourcerun")
    op.drop_index(op.f("ix_delivery_status"), table_name="delivery")
    op.drop_index(op.f("ix_delivery_notification_id"), table_name="delivery")
    op.drop_table("delivery")
    op.drop_index(op.f("ix_subscriber_email"), table_name="subscriber")
    op.drop_table("subscriber")
    op.drop_index(op.f("ix_source_name"), table_name="source")
    op.drop_table("source")
    op.drop_table("sector")
    op.drop_table("scheduler_lease")
    op.drop_index(op.f("ix_scheduler_jobs_next_run_time"), table_name="scheduler_jobs")
    op.drop_table("scheduler_jobs")
    op.drop_index(op.f("ix_notification_symbol"), table_name="notification")
    op.drop_index(op.f("ix_notification_source_name"), table_name="notification")
    op.drop_index(op.f("ix_notification_member"), table_name="notification")
    op.drop_index(op.f("ix_notification_matched_at"), table_name="notification")
    op.drop_index(op.f("ix_notification_first_seen_at"), table_name="notification")
    op.drop_index(op.f("ix_notification_distribution_date"), table_name="notification")
    op.drop_index(op.f("ix_notification_base_symbol"), table_name="notification")
    op.drop_index(op.f("ix_notification_base_id"), table_name="notification")
    op.drop_index(op.f("ix_notification_area"), table_name="notification")
    op.drop_table("notification")
