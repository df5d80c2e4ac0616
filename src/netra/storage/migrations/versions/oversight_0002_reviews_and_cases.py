"""oversight: reviews of flagged posts, case files with evidence and notes

Revision ID: oversight_0002
Revises: oversight_0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "oversight_0002"
down_revision = "oversight_0001"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "oversight_cases",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("unit_id", sa.Integer()),
        sa.Column("subject_account", sa.String(200), nullable=False),
        sa.Column("subject_name", sa.String(200)),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("sanction_category", sa.String(20)),
        sa.Column("outcome", sa.Text()),
        sa.Column("created_by", sa.String(200)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_oversight_cases_unit_id", "oversight_cases", ["unit_id"])
    op.create_index("ix_oversight_cases_subject_account", "oversight_cases", ["subject_account"])
    op.create_table(
        "oversight_reviews",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("result_id", BigId, sa.ForeignKey("oversight_scan_results.id"), nullable=False),
        sa.Column("post_id", BigId, sa.ForeignKey("oversight_posts.id"), nullable=False),
        sa.Column("unit_id", sa.Integer()),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("rule_ids", sa.String(500)),
        sa.Column("categories", sa.String(300)),
        sa.Column("note", sa.Text()),
        sa.Column("reviewer_id", sa.Integer()),
        sa.Column("reviewer", sa.String(200)),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("oversight_cases.id")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("result_id", name="uq_oversight_reviews_result_id"),
    )
    op.create_index("ix_oversight_reviews_post_id", "oversight_reviews", ["post_id"])
    op.create_index("ix_oversight_reviews_unit_id", "oversight_reviews", ["unit_id"])
    op.create_table(
        "oversight_case_evidence",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("oversight_cases.id"), nullable=False),
        sa.Column("post_id", BigId, sa.ForeignKey("oversight_posts.id"), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True)),
        sa.Column("url", sa.String(1000)),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("regulations", sa.String(500)),
        sa.Column("rule_ids", sa.String(500)),
        sa.Column("findings", sa.JSON()),
        sa.Column("engine_version", sa.String(40), nullable=False),
        sa.Column("added_by", sa.String(200)),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("case_id", "post_id", name="uq_oversight_case_evidence"),
    )
    op.create_index("ix_oversight_case_evidence_case_id", "oversight_case_evidence", ["case_id"])
    op.create_table(
        "oversight_case_notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("oversight_cases.id"), nullable=False),
        sa.Column("author", sa.String(200)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_oversight_case_notes_case_id", "oversight_case_notes", ["case_id"])


def downgrade() -> None:
    op.drop_table("oversight_case_notes")
    op.drop_table("oversight_case_evidence")
    op.drop_table("oversight_reviews")
    op.drop_table("oversight_cases")
