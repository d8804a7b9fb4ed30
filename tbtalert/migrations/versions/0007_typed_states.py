"""Every stored status and kind is held to its values by a named CHECK constraint.

The constraints are ``ck_<table>_<column>``, the same as the models declare
(where each set of values is a ``Literal`` type). The values are written out
here, as they are at this revision: a later change of a type ships its own
revision. A database whose rows hold a value outside its set (only a hand
edit could write one) is not changed: the upgrade stops and names the rows.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tbtalert.errors import DatabaseError

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

STATES: dict[str, dict[str, tuple[str, ...]]] = {
    "sourcerun": {"status": ("running", "ok", "failed", "not-modified")},
    "notification": {
        "area": ("TBT", "SPS", "NAT"),
        "doc_type": ("regular", "addendum", "corrigendum", "revision", "national"),
    },
    "tag": {
        "origin": ("auto", "inherited", "official"),
        "status": ("active", "rejected"),
        "confidence": ("high", "medium", "low"),
    },
    "subscriber": {
        "language": ("vi", "en"),
        "frequency": ("immediate", "daily", "weekly"),
        "status": ("pending", "active", "unsubscribed", "bounced", "removed"),
    },
    "delivery": {
        "kind": ("alert", "reminder"),
        "frequency": ("immediate", "daily", "weekly", "reminder"),
        "status": ("queued", "sending", "sent", "failed", "skipped"),
    },
    "official_user": {"role": ("official", "admin")},
    "tag_event": {"status": ("active", "rejected", "reviewed")},
}


def _condition(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _require_valid_rows() -> None:
    """Raise DatabaseError naming every value outside its set, before anything changes."""
    conn = op.get_bind()
    problems = []
    for table, columns in STATES.items():
        for column, values in columns.items():
            found = conn.execute(
                sa.text(
                    f"SELECT {column}, COUNT(*) FROM {table} "
                    f"WHERE NOT ({_condition(column, values)}) GROUP BY {column}"
                )
            ).all()
            problems += [
                f"{table}.{column} = {value!r} in {count} row(s) (allowed: {', '.join(values)})"
                for value, count in found
            ]
    if problems:
        raise DatabaseError(
            "cannot add the constraints on states, rows hold unknown values: "
            + "; ".join(problems),
            hint="set those rows to an allowed value or delete them, "
            "then run 'tbtalert db upgrade' again",
        )


def upgrade() -> None:
    _require_valid_rows()
    for table, columns in STATES.items():
        with op.batch_alter_table(table) as batch:
            for column, values in columns.items():
                batch.create_check_constraint(
                    f"ck_{table}_{column}", sa.text(_condition(column, values))
                )


def downgrade() -> None:
    for table, columns in STATES.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.drop_constraint(f"ck_{table}_{column}", type_="check")
