"""Desk tables (migration branch "desk").

Users live in the accounts area; the desk stores their ids and names without foreign keys, so the
two areas migrate independently and a record keeps the name a person had when they acted.
Versions, variants and archive entries are written once and never updated: an edit is a new
version, a correction a new draft linked to the original.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from netra.accounts.types import UTCDateTime
from netra.storage.base import Base, utcnow


class Draft(Base):
    """One official message for one or more channels, and where it stands in the state table."""

    __tablename__ = "desk_drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(24), index=True, default="draft")
    author_id: Mapped[int | None] = mapped_column(Integer, index=True)
    author_name: Mapped[str] = mapped_column(String(200))
    current_version: Mapped[int] = mapped_column(Integer, default=0)
    row_version: Mapped[int] = mapped_column(Integer, default=0)  # bumps on every change
    template_key: Mapped[str | None] = mapped_column(String(60))
    emergency: Mapped[bool] = mapped_column(Boolean, default=False)
    emergency_category: Mapped[str | None] = mapped_column(String(30))
    emergency_reason: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    approved_version: Mapped[int | None] = mapped_column(Integer)
    approver_id: Mapped[int | None] = mapped_column(Integer)
    approver_name: Mapped[str | None] = mapped_column(String(200))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_note: Mapped[str | None] = mapped_column(Text)
    scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    timezone: Mapped[str | None] = mapped_column(String(40))
    after_reviewer_name: Mapped[str | None] = mapped_column(String(200))
    after_reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    corrects_draft_id: Mapped[int | None] = mapped_column(ForeignKey("desk_drafts.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    # Optimistic concurrency: every UPDATE carries `WHERE row_version = <as loaded>`, so two
    # people (or a person and the scheduler) can never overwrite each other's step unseen.
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": row_version}


class Version(Base):
    """A saved state of a draft, with the engine's verdict over all its channel variants."""

    __tablename__ = "desk_versions"
    __table_args__ = (UniqueConstraint("draft_id", "number", name="uq_desk_versions_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("desk_drafts.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    attachment_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    verdict: Mapped[str] = mapped_column(String(20))
    risk_score: Mapped[int] = mapped_column(Integer)
    justification: Mapped[str | None] = mapped_column(Text)  # set once, on submission
    content_sha256: Mapped[str] = mapped_column(String(64))
    created_by_id: Mapped[int | None] = mapped_column(Integer)
    created_by_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Variant(Base):
    """The text of one version for one channel, its check report and its validation issues."""

    __tablename__ = "desk_variants"
    __table_args__ = (UniqueConstraint("version_id", "channel", name="uq_desk_variants_channel"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("desk_versions.id"), index=True)
    channel: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(String(20))
    risk_score: Mapped[int] = mapped_column(Integer)
    report: Mapped[dict[str, Any]] = mapped_column(JSON)
    issues: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class Attachment(Base):
    """An uploaded file, stored once under its SHA-256 in the data directory."""

    __tablename__ = "desk_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("desk_drafts.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    has_gps: Mapped[bool] = mapped_column(Boolean, default=False)
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(120))  # relative: ab/abcdef….jpg
    alt_text: Mapped[str | None] = mapped_column(Text)
    uploaded_by_id: Mapped[int | None] = mapped_column(Integer)
    uploaded_by_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Comment(Base):
    """A reviewer's (or author's) remark on one line of one channel's variant."""

    __tablename__ = "desk_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("desk_drafts.id"), index=True)
    version_number: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str | None] = mapped_column(String(30))
    line: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(Integer)
    author_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Job(Base):
    """Publication of one approved version to one channel: the scheduler's unit of work.

    One job per draft × version × channel (a unique constraint: a version is never scheduled
    twice for a channel). Its `idempotency_key` is made once, stored before any attempt, and sent
    with every attempt to platforms that honour one."""

    __tablename__ = "desk_jobs"
    __table_args__ = (
        UniqueConstraint("draft_id", "version_number", "channel", name="uq_desk_jobs_channel"),
        UniqueConstraint("idempotency_key", name="uq_desk_jobs_idempotency_key"),
        Index("ix_desk_jobs_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("desk_drafts.id"), index=True)
    version_number: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(30))
    publisher: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default="scheduled")
    # scheduled | sending | published | failed | cancelled
    due_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=5)
    idempotency_key: Mapped[str] = mapped_column(String(80))
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sending_since: Mapped[datetime | None] = mapped_column(UTCDateTime())
    checkpoint: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    outcome_unknown: Mapped[bool] = mapped_column(Boolean, default=False)
    last_error: Mapped[str | None] = mapped_column(Text)
    remote_id: Mapped[str | None] = mapped_column(String(200))
    remote_url: Mapped[str | None] = mapped_column(String(1000))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ArchiveEntry(Base):
    """What went out, as it went out: never updated; a correction is a new entry linked back."""

    __tablename__ = "desk_archive"
    __table_args__ = (UniqueConstraint("job_id", name="uq_desk_archive_job_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("desk_jobs.id"))
    draft_id: Mapped[int] = mapped_column(ForeignKey("desk_drafts.id"), index=True)
    version_number: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[int | None] = mapped_column(Integer, index=True)
    channel: Mapped[str] = mapped_column(String(30), index=True)
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    author_id: Mapped[int | None] = mapped_column(Integer)
    author_name: Mapped[str] = mapped_column(String(200))
    approver_id: Mapped[int | None] = mapped_column(Integer)
    approver_name: Mapped[str | None] = mapped_column(String(200))
    emergency: Mapped[bool] = mapped_column(Boolean, default=False)
    verdict: Mapped[str] = mapped_column(String(20))
    report: Mapped[dict[str, Any]] = mapped_column(JSON)
    remote_id: Mapped[str | None] = mapped_column(String(200))
    remote_url: Mapped[str | None] = mapped_column(String(1000))
    correction_of_id: Mapped[int | None] = mapped_column(ForeignKey("desk_archive.id"))
    content_sha256: Mapped[str] = mapped_column(String(64))


class Notification(Base):
    """A message to one person (a failed publication, a returned draft, a post to review)."""

    __tablename__ = "desk_notifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    user_name: Mapped[str | None] = mapped_column(String(200))
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("desk_drafts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class FastTrackGrant(Base):
    """Authority to publish in an emergency without prior review, granted by an admin.

    Kept here until the accounts area carries a per-user flag; revocation keeps the row."""

    __tablename__ = "desk_fast_track_grants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, index=True)
    user_name: Mapped[str] = mapped_column(String(200))
    granted_by_name: Mapped[str] = mapped_column(String(200))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_by_name: Mapped[str | None] = mapped_column(String(200))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Template(Base):
    """An agency's own template (the built-in ones live in code: desk/templates.py)."""

    __tablename__ = "desk_templates"
    __table_args__ = (UniqueConstraint("key", name="uq_desk_templates_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    channels: Mapped[list[str]] = mapped_column(JSON, default=list)
    unit_id: Mapped[int | None] = mapped_column(Integer)
    created_by_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
