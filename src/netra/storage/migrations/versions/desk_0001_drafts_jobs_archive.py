"""desk: drafts, versions, variants, attachments, comments, jobs, archive, notifications

Revision ID: desk_0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "desk_0001"
down_revision = None
branch_labels = ("desk",)
depends_on = None


def _ts(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _str(name: str, length: int, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.String(length), nullable=nullable)


def _int(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=nullable)


def _drafts_fk(name: str = "draft_id", nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Integer(), sa.ForeignKey("desk_drafts.id"), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "desk_drafts",
        sa.Column("id", sa.Integer(), primary_key=True),
        _int("unit_id"),
        _str("title", 200, False),
        _str("status", 24, False),
        _int("author_id"),
        _str("author_name", 200, False),
        _int("current_version", False),
        _int("row_version", False),
        _str("template_key", 60),
        sa.Column("emergency", sa.Boolean(), nullable=False),
        _str("emergency_category", 30),
        sa.Column("emergency_reason", sa.Text()),
        _ts("submitted_at"),
        _int("approved_version"),
        _int("approver_id"),
        _str("approver_name", 200),
        _ts("approved_at"),
        sa.Column("decision_note", sa.Text()),
        _ts("scheduled_at"),
        _str("timezone", 40),
        _str("after_reviewer_name", 200),
        _ts("after_reviewed_at"),
        _drafts_fk("corrects_draft_id", nullable=True),
        _ts("created_at", False),
        _ts("updated_at", False),
    )
    for col in ("unit_id", "status", "author_id"):
        op.create_index(f"ix_desk_drafts_{col}", "desk_drafts", [col])
    op.create_table(
        "desk_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        _drafts_fk(),
        _int("number", False),
        _str("title", 200, False),
        sa.Column("attachment_ids", sa.JSON(), nullable=False),
        _str("verdict", 20, False),
        _int("risk_score", False),
        sa.Column("justification", sa.Text()),
        _str("content_sha256", 64, False),
        _int("created_by_id"),
        _str("created_by_name", 200, False),
        _ts("created_at", False),
        sa.UniqueConstraint("draft_id", "number", name="uq_desk_versions_number"),
    )
    op.create_index("ix_desk_versions_draft_id", "desk_versions", ["draft_id"])
    op.create_table(
        "desk_variants",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("version_id", sa.Integer(), sa.ForeignKey("desk_versions.id"), nullable=False),
        _str("channel", 30, False),
        sa.Column("text", sa.Text(), nullable=False),
        _str("verdict", 20, False),
        _int("risk_score", False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("issues", sa.JSON(), nullable=False),
        sa.UniqueConstraint("version_id", "channel", name="uq_desk_variants_channel"),
    )
    op.create_index("ix_desk_variants_version_id", "desk_variants", ["version_id"])
    op.create_table(
        "desk_attachments",
        sa.Column("id", sa.Integer(), primary_key=True),
        _drafts_fk(),
        _str("sha256", 64, False),
        _str("media_type", 40, False),
        _int("size", False),
        _int("width"),
        _int("height"),
        sa.Column("has_gps", sa.Boolean(), nullable=False),
        _str("original_name", 255, False),
        _str("stored_name", 120, False),
        sa.Column("alt_text", sa.Text()),
        _int("uploaded_by_id"),
        _str("uploaded_by_name", 200, False),
        _ts("created_at", False),
        _ts("removed_at"),
    )
    op.create_index("ix_desk_attachments_draft_id", "desk_attachments", ["draft_id"])
    op.create_index("ix_desk_attachments_sha256", "desk_attachments", ["sha256"])
    op.create_table(
        "desk_comments",
        sa.Column("id", sa.Integer(), primary_key=True),
        _drafts_fk(),
        _int("version_number", False),
        _str("channel", 30),
        _int("line"),
        sa.Column("text", sa.Text(), nullable=False),
        _int("author_id"),
        _str("author_name", 200, False),
        _ts("created_at", False),
    )
    op.create_index("ix_desk_comments_draft_id", "desk_comments", ["draft_id"])
    op.create_table(
        "desk_jobs",
        sa.Column("id", sa.Integer(), primary_key=True),
        _drafts_fk(),
        _int("version_number", False),
        _str("channel", 30, False),
        _str("publisher", 30, False),
        _str("status", 20, False),
        _ts("due_at", False),
        _ts("next_attempt_at", False),
        _int("attempts", False),
        _int("max_attempts", False),
        _str("idempotency_key", 80, False),
        _str("lease_owner", 100),
        _ts("lease_until"),
        _ts("sending_since"),
        sa.Column("checkpoint", sa.JSON()),
        sa.Column("outcome_unknown", sa.Boolean(), nullable=False),
        sa.Column("last_error", sa.Text()),
        _str("remote_id", 200),
        _str("remote_url", 1000),
        _ts("published_at"),
        _ts("created_at", False),
        _ts("updated_at", False),
        sa.UniqueConstraint("draft_id", "version_number", "channel", name="uq_desk_jobs_channel"),
        sa.UniqueConstraint("idempotency_key", name="uq_desk_jobs_idempotency_key"),
    )
    op.create_index("ix_desk_jobs_draft_id", "desk_jobs", ["draft_id"])
    op.create_index("ix_desk_jobs_due_at", "desk_jobs", ["due_at"])
    op.create_index("ix_desk_jobs_due", "desk_jobs", ["status", "next_attempt_at"])
    op.create_table(
        "desk_archive",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("job_id", sa.Integer(), sa.ForeignKey("desk_jobs.id"), nullable=False),
        _drafts_fk(),
        _int("version_number", False),
        _int("unit_id"),
        _str("channel", 30, False),
        _str("title", 200, False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("attachments", sa.JSON(), nullable=False),
        _ts("published_at", False),
        _int("author_id"),
        _str("author_name", 200, False),
        _int("approver_id"),
        _str("approver_name", 200),
        sa.Column("emergency", sa.Boolean(), nullable=False),
        _str("verdict", 20, False),
        sa.Column("report", sa.JSON(), nullable=False),
        _str("remote_id", 200),
        _str("remote_url", 1000),
        sa.Column("correction_of_id", sa.Integer(), sa.ForeignKey("desk_archive.id")),
        _str("content_sha256", 64, False),
        sa.UniqueConstraint("job_id", name="uq_desk_archive_job_id"),
    )
    for col in ("draft_id", "unit_id", "channel", "published_at"):
        op.create_index(f"ix_desk_archive_{col}", "desk_archive", [col])
    op.create_table(
        "desk_notifications",
        sa.Column("id", sa.Integer(), primary_key=True),
        _int("user_id"),
        _str("user_name", 200),
        _drafts_fk(nullable=True),
        _str("kind", 40, False),
        sa.Column("message", sa.Text(), nullable=False),
        _ts("created_at", False),
        _ts("read_at"),
    )
    op.create_index("ix_desk_notifications_user_id", "desk_notifications", ["user_id"])
    op.create_index("ix_desk_notifications_draft_id", "desk_notifications", ["draft_id"])
    op.create_table(
        "desk_fast_track_grants",
        sa.Column("id", sa.Integer(), primary_key=True),
        _int("user_id", False),
        _str("user_name", 200, False),
        _str("granted_by_name", 200, False),
        _ts("granted_at", False),
        _str("revoked_by_name", 200),
        _ts("revoked_at"),
    )
    op.create_index("ix_desk_fast_track_grants_user_id", "desk_fast_track_grants", ["user_id"])
    op.create_table(
        "desk_templates",
        sa.Column("id", sa.Integer(), primary_key=True),
        _str("key", 60, False),
        _str("name", 200, False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("channels", sa.JSON(), nullable=False),
        _int("unit_id"),
        _str("created_by_name", 200, False),
        _ts("created_at", False),
        _ts("archived_at"),
        sa.UniqueConstraint("key", name="uq_desk_templates_key"),
    )


def downgrade() -> None:
    for table in (
        "desk_templates",
        "desk_fast_track_grants",
        "desk_notifications",
        "desk_archive",
        "desk_jobs",
        "desk_comments",
        "desk_attachments",
        "desk_variants",
        "desk_versions",
        "desk_drafts",
    ):
        op.drop_table(table)
