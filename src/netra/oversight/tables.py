"""Oversight tables: imported archives and their posts, scan jobs and per-post results."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
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

BigId = BigInteger().with_variant(Integer, "sqlite")  # SQLite autoincrements INTEGER only


class ArchiveImport(Base):
    """One archive file imported for a unit (kept even when the import failed half-way)."""

    __tablename__ = "oversight_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    filename: Mapped[str] = mapped_column(String(500))
    format: Mapped[str] = mapped_column(String(20))
    file_sha256: Mapped[str | None] = mapped_column(String(64))
    unit_id: Mapped[int | None] = mapped_column(Integer, index=True)
    account: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="running")  # running|done|failed
    posts_added: Mapped[int] = mapped_column(Integer, default=0)
    posts_skipped: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ArchivedPost(Base):
    """A post as published, with the fingerprint of its original bytes (evidence)."""

    __tablename__ = "oversight_posts"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("oversight_imports.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(Integer, index=True)
    platform: Mapped[str] = mapped_column(String(20))
    platform_id: Mapped[str | None] = mapped_column(String(100))
    account: Mapped[str | None] = mapped_column(String(200), index=True)
    author: Mapped[str | None] = mapped_column(String(200))
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(1000))
    fingerprint: Mapped[str] = mapped_column(String(64))
    dedupe_key: Mapped[str] = mapped_column(String(400), unique=True)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ScanJob(Base):
    """A scan of a set of archived posts; resumable, cancellable, with live counters."""

    __tablename__ = "oversight_scan_jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(20), default="queued")
    # queued | running | done | cancelled | failed
    backend: Mapped[str] = mapped_column(String(20), default="local")  # local | dask
    unit_id: Mapped[int | None] = mapped_column(Integer, index=True)
    import_ids: Mapped[list[int] | None] = mapped_column(JSON)
    total: Mapped[int] = mapped_column(Integer, default=0)
    scanned: Mapped[int] = mapped_column(Integer, default=0)
    flagged: Mapped[int] = mapped_column(Integer, default=0)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    engine_version: Mapped[str | None] = mapped_column(String(40))
    error: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ScanResult(Base):
    """The engine's verdict on one post in one job (findings kept only for flagged posts)."""

    __tablename__ = "oversight_scan_results"
    __table_args__ = (
        UniqueConstraint("job_id", "post_id", name="uq_oversight_scan_results_job_post"),
        Index("ix_oversight_scan_results_job_verdict", "job_id", "verdict"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("oversight_scan_jobs.id"))
    post_id: Mapped[int] = mapped_column(ForeignKey("oversight_posts.id"), index=True)
    verdict: Mapped[str] = mapped_column(String(20))
    risk_score: Mapped[int] = mapped_column(Integer)
    categories: Mapped[str | None] = mapped_column(String(300))
    findings: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    engine_version: Mapped[str] = mapped_column(String(40))
    scanned_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Review(Base):
    """An oversight officer's decision on a flagged post. Dismissals are kept: they are the
    feedback that tells which rules cry wolf (see oversight.feedback)."""

    __tablename__ = "oversight_reviews"
    __table_args__ = (UniqueConstraint("result_id", name="uq_oversight_reviews_result_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("oversight_scan_results.id"))
    post_id: Mapped[int] = mapped_column(ForeignKey("oversight_posts.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(Integer, index=True)
    decision: Mapped[str] = mapped_column(String(20))  # confirmed | dismissed
    rule_ids: Mapped[str | None] = mapped_column(String(500))  # comma-separated, for feedback
    categories: Mapped[str | None] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)
    reviewer_id: Mapped[int | None] = mapped_column(Integer)
    reviewer: Mapped[str | None] = mapped_column(String(200))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("oversight_cases.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Case(Base):
    """A case file about one person (account) in one unit."""

    __tablename__ = "oversight_cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(Integer, index=True)
    subject_account: Mapped[str] = mapped_column(String(200), index=True)
    subject_name: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="open")  # open|investigating|closed
    sanction_category: Mapped[str | None] = mapped_column(String(20))  # ethics | discipline
    outcome: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CaseEvidence(Base):
    """A confirmed post, frozen as evidence: what was published, when, where, its fingerprint,
    the rules it breaks and the engine version that found it."""

    __tablename__ = "oversight_case_evidence"
    __table_args__ = (UniqueConstraint("case_id", "post_id", name="uq_oversight_case_evidence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("oversight_cases.id"), index=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("oversight_posts.id"))
    text: Mapped[str] = mapped_column(Text)
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    url: Mapped[str | None] = mapped_column(String(1000))
    fingerprint: Mapped[str] = mapped_column(String(64))
    regulations: Mapped[str | None] = mapped_column(String(500))
    rule_ids: Mapped[str | None] = mapped_column(String(500))
    findings: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    engine_version: Mapped[str] = mapped_column(String(40))
    added_by: Mapped[str | None] = mapped_column(String(200))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CaseNote(Base):
    __tablename__ = "oversight_case_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("oversight_cases.id"), index=True)
    author: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
