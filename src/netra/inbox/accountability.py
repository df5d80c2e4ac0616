"""Officer actions go to the project's tamper-evident audit log (`netra.audit`), in the same
transaction as the change they describe. The inbox's own `inbox_events` keep the working history
of a message; the audit log is what an inspector trusts."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session


def audit(
    session: Session,
    action: str,
    *,
    actor_id: int | None,
    object_type: str = "inbox_message",
    object_id: object = None,
    payload: dict[str, Any] | None = None,
) -> None:
    """Append `inbox.<action>` to the audit chain (call it as the last write of a transaction)."""
    try:
        from netra.audit import record
    except ImportError:  # an installation without the audit area still works
        return
    record(
        session,
        f"inbox.{action}",
        actor_id=actor_id,
        object_type=object_type,
        object_id=object_id,
        payload=payload or {},
    )
