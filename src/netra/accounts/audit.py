"""Audit events: one call per state change, so accountability does not depend on memory."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netra.accounts.tables import AuditEvent


def record(
    session: Session,
    action: str,
    *,
    actor_id: int | None = None,
    target_type: str | None = None,
    target_id: object = None,
    detail: dict[str, Any] | None = None,
    ip: str | None = None,
) -> AuditEvent:
    """Add an audit event to the session (committed with the change it describes)."""
    event = AuditEvent(
        actor_id=actor_id,
        action=action,
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        detail=detail or {},
        ip=ip,
    )
    session.add(event)
    return event


def recent(session: Session, limit: int = 100) -> list[AuditEvent]:
    return list(session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)))
