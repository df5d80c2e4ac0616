"""web: the opt-in history of a user's checks (redacted text only)

Revision ID: c3e0web01
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c3e0web01"
down_revision = None
branch_labels = ("web",)
depends_on = "a1c0accounts01"  # check_records.user_id → users.id


def upgrade() -> None:
    op.create_table(
        "check_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("account", sa.String(20), nullable=True),
        sa.Column("channel", sa.String(20), nullable=True),
        sa.Column("verdict", sa.String(20), nullable=False),
        sa.Column("risk_score", sa.Integer(), nullable=False),
        sa.Column("char_count", sa.Integer(), nullable=False),
        sa.Column("redacted_text", sa.Text(), nullable=False),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("engine_version", sa.String(20), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_check_records_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_records")),
    )
    op.create_index(op.f("ix_check_records_user_id"), "check_records", ["user_id"])


def downgrade() -> None:
    op.drop_table("check_records")
