"""oversight: imported archives, posts, scan jobs and results

Revision ID: oversight_0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "oversight_0001"
down_revision = None
branch_labels = ("oversight",)
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "oversight_imports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("filename", sa.String(500), nullable=False),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("file_sha256", sa.String(64)),
        sa.Column("unit_id", sa.Integer()),
        sa.Column("account", sa.String(200)),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("posts_added", sa.Integer(), nullable=False),
        sa.Column("posts_skipped", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text()),
        sa.Column("created_by", sa.String(200)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_oversight_imports_unit_id", "oversight_imports", ["unit_id"])
    op.create_table(
        "oversight_posts",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("import_id", sa.Integer(), sa.ForeignKey("oversight_imports.id"), nullable=False),
        sa.Column("unit_id", sa.Integer()),
        sa.Column("platform", sa.String(20), nullable=False),
        sa.Column("platform_id", sa.String(100)),
        sa.Column("account", sa.String(200)),
        sa.Column("author", sa.String(200)),
        sa.Column("posted_at", sa.DateTime(timezone=True)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("url", sa.String(1000)),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("dedupe_key", sa.String(400), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("dedupe_key", name="uq_oversight_posts_dedupe_key"),
    )
    for col in ("import_id", "unit_id", "account", "posted_at"):
        op.create_index(f"ix_oversight_posts_{col}", "oversight_posts", [col])
    op.create_table(
        "oversight_scan_jobs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("backend", sa.String(20), nullable=False),
        sa.Column("unit_id", sa.Integer()),
        sa.Column("import_ids", sa.JSON()),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("scanned", sa.Integer(), nullable=False),
        sa.Column("flagged", sa.Integer(), nullable=False),
        sa.Column("cancel_requested", sa.Boolean(), nullable=False),
        sa.Column("engine_version", sa.String(40)),
        sa.Column("error", sa.Text()),
        sa.Column("created_by", sa.String(200)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True)),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_oversight_scan_jobs_unit_id", "oversight_scan_jobs", ["unit_id"])
    op.create_table(
        "oversight_scan_results",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("job_id", sa.Integer(), sa.ForeignKey("oversight_scan_jobs.id"), nullable=False),
        sa.Column("post_id", BigId, sa.ForeignKey("oversight_posts.id"), nullable=False),
        sa.Column("verdict", sa.String(20), nullable=False),
        sa.Column("risk_score", sa.Integer(), nullable=False),
        sa.Column("categories", sa.String(300)),
        sa.Column("findings", sa.JSON()),
        sa.Column("engine_version", sa.String(40), nullable=False),
        sa.Column("scanned_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("job_id", "post_id", name="uq_oversight_scan_results_job_post"),
    )
    op.create_index(
        "ix_oversight_scan_results_job_verdict", "oversight_scan_results", ["job_id", "verdict"]
    )
    op.create_index("ix_oversight_scan_results_post_id", "oversight_scan_results", ["post_id"])


def downgrade() -> None:
    op.drop_table("oversight_scan_results")
    op.drop_table("oversight_scan_jobs")
    op.drop_table("oversight_posts")
    op.drop_table("oversight_imports")
