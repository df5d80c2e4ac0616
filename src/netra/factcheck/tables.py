"""Fact-check tables: claims, every change to them, and their stored embeddings.

A claim keeps a stable public id (`claim_id`) that importers, the engine and citations use; the
integer primary key never leaves the database. Embeddings live in a sidecar table so that the
index loads them as raw bytes in one query, and so that a changed claim text or a new model only
invalidates the vectors, never the claims.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from netra.storage.base import Base, utcnow

STATUS_ACTIVE = "active"
STATUS_RETIRED = "retired"


class Claim(Base):
    """A checked claim: what circulated, the verdict, and where the debunk is published."""

    __tablename__ = "factcheck_claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    claim: Mapped[str] = mapped_column(Text, nullable=False)
    verdict: Mapped[str] = mapped_column(String(40), nullable=False)
    source_url: Mapped[str] = mapped_column(String(2000), nullable=False)
    publisher: Mapped[str | None] = mapped_column(String(200))
    published_at: Mapped[date | None] = mapped_column(Date)
    updated_at_source: Mapped[date | None] = mapped_column(Date)
    topic: Mapped[str | None] = mapped_column(String(200))
    explanation: Mapped[str | None] = mapped_column(Text)
    clarification: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default=STATUS_ACTIVE)
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(200), nullable=False)

    revisions: Mapped[list[ClaimRevision]] = relationship(
        back_populates="claim", order_by="ClaimRevision.revision", cascade="all, delete-orphan"
    )
    embedding: Mapped[ClaimEmbedding | None] = relationship(
        back_populates="claim", cascade="all, delete-orphan", uselist=False
    )

    __table_args__ = (
        Index("ix_factcheck_claims_status", "status"),
        Index("ix_factcheck_claims_verdict", "verdict"),
        Index("ix_factcheck_claims_updated_at", "updated_at"),
    )


class ClaimRevision(Base):
    """One change to a claim: who, when, why (e.g. which import), and each field's old/new."""

    __tablename__ = "factcheck_claim_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_pk: Mapped[int] = mapped_column(
        ForeignKey("factcheck_claims.id", ondelete="CASCADE"), nullable=False
    )
    revision: Mapped[int] = mapped_column(Integer, nullable=False)
    action: Mapped[str] = mapped_column(String(20), nullable=False)  # create|update|retire|restore
    changed_by: Mapped[str] = mapped_column(String(200), nullable=False)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    reason: Mapped[str | None] = mapped_column(String(500))
    # {"field": [old, new], …}; dates as ISO strings.
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)

    claim: Mapped[Claim] = relationship(back_populates="revisions")

    __table_args__ = (
        Index("ix_factcheck_claim_revisions_claim_pk", "claim_pk", "revision", unique=True),
    )


class ClaimEmbedding(Base):
    """The claim's sentence embedding (float16 bytes) and the text/model it was computed from."""

    __tablename__ = "factcheck_claim_embeddings"

    claim_pk: Mapped[int] = mapped_column(
        ForeignKey("factcheck_claims.id", ondelete="CASCADE"), primary_key=True
    )
    model: Mapped[str] = mapped_column(String(80), nullable=False)
    text_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    dim: Mapped[int] = mapped_column(Integer, nullable=False)
    vector: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)

    claim: Mapped[Claim] = relationship(back_populates="embedding")
