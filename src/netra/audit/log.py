"""Appending to the chain, inside the caller's transaction.

`record()` adds an event to the caller's session, so the event commits or rolls back together
with the change it describes. Appends are serialised by updating the single head row before
reading the previous hash:

- PostgreSQL: `UPDATE audit_head … RETURNING` takes the head row's lock, held until commit; a
  second writer blocks there and, under READ COMMITTED, continues from the first writer's
  committed head. Two transactions can never read the same previous hash, so the chain never
  forks.
- SQLite: the UPDATE starts the write transaction (one writer at a time; others wait up to the
  busy timeout), which gives the same guarantee.

Call `record()` as the last write of a transaction: the head lock is then held briefly, and every
transaction takes its locks in the same order (its own rows first, the audit head last), which
rules out deadlocks between areas.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from netra.audit.chain import GENESIS, MAX_PAYLOAD_BYTES, canonical_json, event_hash
from netra.audit.tables import AuditHead, AuditLogEvent
from netra.storage.base import utcnow

HEAD_ID = 1


@dataclass(frozen=True)
class AuditEntry:
    """A read-only view of one event (what pages and exports show)."""

    seq: int
    at: datetime
    actor: str | None
    actor_id: int | None
    action: str
    object_type: str | None
    object_id: str | None
    payload: str
    hash: str


def _lock_head(session: Session) -> tuple[int, str]:
    """Advance the head's position under its lock; return (new seq, previous hash)."""
    table = AuditHead.__table__
    statement = (
        update(table)
        .where(table.c.id == HEAD_ID)
        .values(seq=table.c.seq + 1)
        .returning(table.c.seq, table.c.hash)
    )
    row = session.execute(statement).first()
    if row is None:
        # The migration seeds the head; a database built another way gets it on first use.
        session.execute(insert(table).values(id=HEAD_ID, seq=0, hash=GENESIS))
        row = session.execute(statement).first()
    return int(row[0]), str(row[1])


def record(
    session: Session,
    action: str,
    *,
    actor: str | None = None,
    actor_id: int | None = None,
    object_type: str | None = None,
    object_id: object = None,
    payload: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one event to the chain (committed with the caller's transaction)."""
    if not action or len(action) > 80:
        raise ValueError("audit action must be 1-80 characters")
    payload_text = canonical_json(payload or {})
    if len(payload_text.encode("utf-8")) > MAX_PAYLOAD_BYTES:
        raise ValueError("audit payload too large; store content elsewhere and log its hash")
    oid = None if object_id is None else str(object_id)[:100]
    seq, prev = _lock_head(session)
    at = utcnow()  # taken under the lock, so time follows the chain on one machine
    fields = {
        "seq": seq,
        "at": at,
        "actor": None if actor is None else actor[:200],
        "actor_id": actor_id,
        "action": action,
        "object_type": object_type,
        "object_id": oid,
        "payload": payload_text,
        "prev_hash": prev,
    }
    digest = event_hash(**fields)
    session.execute(insert(AuditLogEvent.__table__).values(**fields, hash=digest))
    table = AuditHead.__table__
    session.execute(update(table).where(table.c.id == HEAD_ID).values(hash=digest, updated_at=at))
    return AuditEntry(
        seq, at, fields["actor"], actor_id, action, object_type, oid, payload_text, digest
    )


def head(session: Session) -> tuple[int, str]:
    """(position, hash) of the newest event: write it down elsewhere to anchor the chain."""
    row = session.execute(
        select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == HEAD_ID)
    ).first()
    return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))


def events_for(
    session: Session, object_type: str, object_id: object, *, limit: int = 500
) -> list[AuditEntry]:
    """The history of one object, oldest first (e.g. everything that happened to a draft)."""
    rows = session.scalars(
        select(AuditLogEvent)
        .where(
            AuditLogEvent.object_type == object_type,
            AuditLogEvent.object_id == str(object_id),
        )
        .order_by(AuditLogEvent.seq)
        .limit(min(limit, 5_000))
    )
    return [
        AuditEntry(
            r.seq,
            r.at,
            r.actor,
            r.actor_id,
            r.action,
            r.object_type,
            r.object_id,
            r.payload,
            r.hash,
        )
        for r in rows
    ]
