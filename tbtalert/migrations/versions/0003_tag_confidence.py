"""Tags carry a confidence: high (a code), medium (product words), low (description, a generic word).

Existing rows get "medium" (their evidence is unknown until the next
``tbtalert match --all``, which rewrites automatic tags with their real
confidence); officials' decisions are set to "high".

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tag") as batch:
        batch.add_column(
            sa.Column("confidence", sa.String(length=10), nullable=False, server_default="medium")
        )
    op.execute("UPDATE tag SET confidence = 'high' WHERE origin = 'official'")


def downgrade() -> None:
    with op.batch_alter_table("tag") as batch:
        batch.drop_column("confidence")
