"""What the inbox pages list and show. Lists carry the redacted text (personal data masked by the
engine); the full text is only in `detail`, for the officer working the message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from netra.inbox import store
from netra.inbox.replies import replies_for
from netra.inbox.tables import Message, Notification
from netra.storage.base import utcnow

MAX_PAGE = 200
URGENCY_ORDER = case({"high": 0, "normal": 1, "low": 2}, value=Message.urgency, else_=3)


@dataclass(frozen=True)
class MessageFilter:
    status: tuple[str, ...] | None = None
    unit_code: str | None = None
    assignee_id: int | None = None
    intent: str | None = None
    urgency: str | None = None
    topic: str | None = None
    overdue: bool = False


def list_messages(
    session: Session,
    f: MessageFilter = MessageFilter(),
    *,
    limit: int = 50,
    offset: int = 0,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """Most urgent first, then oldest deadline, then oldest message."""
    now = now or utcnow()
    query = select(Message)
    if f.status:
        query = query.where(Message.status.in_(f.status))
    for column, value in (
        (Message.unit_code, f.unit_code),
        (Message.assignee_id, f.assignee_id),
        (Message.intent, f.intent),
        (Message.urgency, f.urgency),
        (Message.topic, f.topic),
    ):
        if value is not None:
            query = query.where(column == value)
    if f.overdue:
        query = query.where(Message.first_response_at.is_(None), Message.first_response_due < now)
    query = query.order_by(
        URGENCY_ORDER, Message.first_response_due.is_(None), Message.first_response_due, Message.id
    )
    rows = session.scalars(query.limit(max(1, min(limit, MAX_PAGE))).offset(max(0, offset)))
    return [summary(m, now) for m in rows]


def summary(m: Message, now: datetime | None = None) -> dict[str, Any]:
    now = now or utcnow()
    overdue = bool(
        m.first_response_due
        and m.first_response_at is None
        and m.status in ("open", "assigned")
        and m.first_response_due < now
    )
    return {
        "id": m.id,
        "platform": m.platform,
        "channel": m.channel,
        "author": m.author_name,
        "text": m.redacted_text if m.redacted_text is not None else "(menunggu triase)",
        "received_at": m.received_at.isoformat(),
        "status": m.status,
        "triage_status": m.triage_status,
        "intent": m.intent,
        "topic": m.topic,
        "urgency": m.urgency,
        "urgency_reasons": m.urgency_reasons or [],
        "sentiment": m.sentiment,
        "emotion": m.emotion,
        "abusive": m.abusive,
        "personal_data": m.personal_data,
        "unit": m.unit_code,
        "assignee_id": m.assignee_id,
        "lapor_category": m.lapor_category,
        "first_response_due": m.first_response_due.isoformat() if m.first_response_due else None,
        "resolution_due": m.resolution_due.isoformat() if m.resolution_due else None,
        "overdue": overdue,
        "escalation_level": m.escalation_level,
    }


def detail(session: Session, message_id: int) -> dict[str, Any]:
    """Everything about one message: full text, thread, history, replies."""
    m = store.get_message(session, message_id)
    out = summary(m)
    out["full_text"] = m.text
    out["truncated"] = m.truncated
    out["thread"] = [
        {
            "kind": "reply",
            "id": x.id,
            "text": x.text,
            "at": x.sent_at.isoformat() if x.sent_at else None,
        }
        if hasattr(x, "platform_reply_id")
        else {
            "kind": "message",
            "id": x.id,
            "text": x.redacted_text or x.text,
            "at": x.received_at.isoformat(),
        }
        for x in store.thread(session, message_id)
    ]
    out["history"] = [
        {
            "kind": e.kind,
            "actor_id": e.actor_id,
            "note": e.note,
            "data": e.data,
            "at": e.created_at.isoformat(),
        }
        for e in store.history(session, message_id)
    ]
    out["replies"] = [
        {
            "id": r.id,
            "status": r.status,
            "text": r.text,
            "author_id": r.author_id,
            "platform_reply_id": r.platform_reply_id,
            "verdict": r.verdict,
            "override_reason": r.override_reason,
            "error": r.error,
        }
        for r in replies_for(session, message_id)
    ]
    return out


def notifications(
    session: Session,
    user_id: int | None,
    *,
    unread_only: bool = True,
    unit_code: str | None = None,
    limit: int = 100,
) -> list[Notification]:
    query = select(Notification).order_by(Notification.id.desc()).limit(min(limit, 500))
    if user_id is None:
        query = query.where(Notification.user_id.is_(None))
        if unit_code:
            query = query.where(Notification.unit_code == unit_code)
    else:
        query = query.where(Notification.user_id == user_id)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    return list(session.scalars(query))


def mark_read(session: Session, notification_ids: list[int], user_id: int | None) -> int:
    rows = session.scalars(select(Notification).where(Notification.id.in_(notification_ids))).all()
    n = 0
    for row in rows:
        if row.user_id == user_id and row.read_at is None:
            row.read_at, n = utcnow(), n + 1
    return n
