"""Quiz scores per user (migration branch "learn"), so people can see their progress."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from netra.accounts.types import UTCDateTime
from netra.storage.base import Base, utcnow


class QuizAttempt(Base):
    __tablename__ = "quiz_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    total: Mapped[int] = mapped_column(Integer)
    correct: Mapped[int] = mapped_column(Integer)
    # {category: {"total": n, "correct": m}}; no post text, only counts.
    by_category: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0
