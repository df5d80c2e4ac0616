"""Storing messages: deduplicated by (platform, platform message id), before any processing.

`accept` inserts with ON CONFLICT DO NOTHING on the unique key, so a replayed delivery, a
re-read polling page or an export imported twice adds nothing; it returns only the ids it
inserted. Rows start as `triage_status = pending` / `status = new`; `netra.inbox.triage` picks
them up in a separate step.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from netra.inbox.errors import InboxError, NotFound
from netra.inbox.records import IncomingMessage
from netra.inbox.tables import Event, Message, Reply
from netra.storage.base import utcnow

DEFAULT_MAX_CHARS = 10_000


@dataclass
class AcceptResult:
    """What `accept` did: ids of new rows, and how many were already there."""

    ids: list[int] = field(default_factory=list)
    duplicates: int = 0

    @property
    def accepted(self) -> int:
        return len(self.ids)


def clean_text(text: str) -> str:
    """Text PostgreSQL can store (no NUL) with its line breaks kept."""
    return text.replace("\x00", "")


def _row(message: IncomingMessage, now: datetime, max_chars: int, delivery_id: int | None):
    text = clean_text(message.text)
    truncated = len(text) > max_chars
    return {
        "platform": message.platform,
        "platform_message_id": clean_text(message.platform_message_id),
        "channel": message.channel or message.platform,
        "account_id": message.account_id,
        "thread_key": message.thread_key,
        "parent_platform_id": message.parent_platform_id,
        "author_id": message.author_id,
        "author_name": clean_text(message.author_name) if message.author_name else None,
        "text": text[:max_chars],
        "truncated": truncated,
        "posted_at": message.posted_at,
        "received_at": now,
        "delivery_id": delivery_id,
        "triage_status": "pending",
        "triage_attempts": 0,
        "status": "new",
        "escalation_level": 0,
        "updated_at": now,
    }


def accept(
    session: Session,
    messages: Iterable[IncomingMessage],
    *,
    delivery_id: int | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    now: datetime | None = None,
) -> AcceptResult:
    """Insert messages not seen before, in the caller's transaction."""
    now = now or utcnow()
    rows = []
    seen: set[tuple[str, str]] = set()
    result = AcceptResult()
    for message in messages:
        key = (message.platform, message.platform_message_id)
        if key in seen:  # the same message twice in one batch
            result.duplicates += 1
            continue
        seen.add(key)
        rows.append(_row(message, now, max_chars, delivery_id))
    if not rows:
        return result
    # executemany with RETURNING ("insertmanyvalues") works on SQLite >= 3.35 and psycopg 3;
    # rows skipped by ON CONFLICT return nothing, so `inserted` holds only new ids.
    statement = _insert_ignoring_duplicates(session).returning(Message.__table__.c.id)
    inserted = [int(i) for i in session.execute(statement, rows).scalars().all()]
    result.ids = sorted(inserted)
    result.duplicates += len(rows) - len(inserted)
    return result


def _insert_ignoring_duplicates(session: Session):
    table = Message.__table__
    dialect = session.get_bind().dialect.name
    keys = ["platform", "platform_message_id"]
    if dialect == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing(index_elements=keys)
    if dialect == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing(index_elements=keys)
    raise InboxError("unsupported_db", f"Basis data {dialect} belum didukung untuk kotak masuk.")


def get_message(session: Session, message_id: int) -> Message:
    message = session.get(Message, message_id)
    if message is None:
        raise NotFound("not_found", f"Pesan {message_id} tidak ditemukan.")
    return message


def add_event(
    session: Session,
    message_id: int,
    kind: str,
    *,
    actor_id: int | None = None,
    note: str | None = None,
    data: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> Event:
    event = Event(
        message_id=message_id,
        kind=kind,
        actor_id=actor_id,
        note=note,
        data=data,
        created_at=now or utcnow(),
    )
    session.add(event)
    return event


def history(session: Session, message_id: int) -> list[Event]:
    """Everything that happened to a message, oldest first."""
    return list(
        session.scalars(select(Event).where(Event.message_id == message_id).order_by(Event.id))
    )


def thread(session: Session, message_id: int) -> list[Message | Reply]:
    """The conversation a message belongs to: the citizen's messages and our sent replies,
    in time order (a thread is a post's comments, a chat, an X conversation)."""
    message = get_message(session, message_id)
    if message.thread_key:
        messages: Sequence[Message] = session.scalars(
            select(Message)
            .where(Message.platform == message.platform, Message.thread_key == message.thread_key)
            .order_by(Message.received_at, Message.id)
            .limit(500)
        ).all()
    else:
        messages = [message]
    ids = [m.id for m in messages]
    replies = session.scalars(
        select(Reply).where(Reply.message_id.in_(ids), Reply.status == "sent")
    ).all()
    items: list[Message | Reply] = [*messages, *replies]
    items.sort(key=lambda x: (x.sent_at if isinstance(x, Reply) else x.received_at) or utcnow())
    return items
