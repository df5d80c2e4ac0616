"""Storing and reading quiz attempts (explicit session; the caller commits)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from netra.learn.quiz import QuizResult
from netra.learn.tables import QuizAttempt


def save_attempt(session: Session, user_id: int, result: QuizResult) -> QuizAttempt:
    attempt = QuizAttempt(
        user_id=user_id, total=result.total, correct=result.correct, by_category=result.by_category
    )
    session.add(attempt)
    session.flush()
    return attempt


def attempts_for(session: Session, user_id: int, limit: int = 50) -> list[QuizAttempt]:
    """The user's latest attempts, oldest first (for a chart over time)."""
    rows = session.scalars(
        select(QuizAttempt)
        .where(QuizAttempt.user_id == user_id)
        .order_by(QuizAttempt.taken_at.desc(), QuizAttempt.id.desc())
        .limit(limit)
    )
    return list(reversed(list(rows)))
