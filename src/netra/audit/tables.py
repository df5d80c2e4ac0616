"""Audit tables (migration branch "audit"): the chained events and the single head row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from netra.accounts.types import UTCDateTime
from netra.storage.base import Base

BigId = BigInteger().with_variant(Integer, "sqlite")


class AuditLogEvent(Base):
    """One event. `seq` is the position in the chain (1, 2, …) and part of what is hashed, so a
    row moved to another position no longer matches its own hash."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_object", "object_type", "object_id"),)

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    actor: Mapped[str | None] = mapped_column(String(200))
    actor_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(80), index=True)
    object_type: Mapped[str | None] = mapped_column(String(60))
    object_id: Mapped[str | None] = mapped_column(String(100))
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON, hashed as stored
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditHead(Base):
    """Exactly one row (id 1): the newest event's position and hash. Every append updates it
    first, which takes the row lock that serialises writers on PostgreSQL and the database
    write lock on SQLite; it also lets `verify` notice events deleted from the end."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
