"""factcheck: claims, claim revisions, claim embeddings

Revision ID: factcheck_0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "factcheck_0001"
down_revision = None
branch_labels = ("factcheck",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "factcheck_claims",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("claim_id", sa.String(80), nullable=False),
        sa.Column("claim", sa.Text(), nullable=False),
        sa.Column("verdict", sa.String(40), nullable=False),
        sa.Column("source_url", sa.String(2000), nullable=False),
        sa.Column("publisher", sa.String(200)),
        sa.Column("published_at", sa.Date()),
        sa.Column("updated_at_source", sa.Date()),
        sa.Column("topic", sa.String(200)),
        sa.Column("explanation", sa.Text()),
        sa.Column("clarification", sa.Text()),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_factcheck_claims"),
        sa.UniqueConstraint("claim_id", name="uq_factcheck_claims_claim_id"),
    )
    op.create_index("ix_factcheck_claims_status", "factcheck_claims", ["status"])
    op.create_index("ix_factcheck_claims_verdict", "factcheck_claims", ["verdict"])
    op.create_index("ix_factcheck_claims_updated_at", "factcheck_claims", ["updated_at"])
    op.create_table(
        "factcheck_claim_revisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("claim_pk", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("changed_by", sa.String(200), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(500)),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_factcheck_claim_revisions"),
        sa.ForeignKeyConstraint(
            ["claim_pk"],
            ["factcheck_claims.id"],
            name="fk_factcheck_claim_revisions_claim_pk_factcheck_claims",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_factcheck_claim_revisions_claim_pk",
        "factcheck_claim_revisions",
        ["claim_pk", "revision"],
        unique=True,
    )
    op.create_table(
        "factcheck_claim_embeddings",
        sa.Column("claim_pk", sa.Integer(), nullable=False),
        sa.Column("model", sa.String(80), nullable=False),
        sa.Column("text_sha256", sa.String(64), nullable=False),
        sa.Column("dim", sa.Integer(), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("claim_pk", name="pk_factcheck_claim_embeddings"),
        sa.ForeignKeyConstraint(
            ["claim_pk"],
            ["factcheck_claims.id"],
            name="fk_factcheck_claim_embeddings_claim_pk_factcheck_claims",
            ondelete="CASCADE",
        ),
    )


def downgrade() -> None:
    op.drop_table("factcheck_claim_embeddings")
    op.drop_index("ix_factcheck_claim_revisions_claim_pk", table_name="factcheck_claim_revisions")
    op.drop_table("factcheck_claim_revisions")
    for name in ("updated_at", "verdict", "status"):
        op.drop_index(f"ix_factcheck_claims_{name}", table_name="factcheck_claims")
    op.drop_table("factcheck_claims")
