"""Notifications to one person: failed publications, decisions on their drafts, emergencies."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from netra.desk.actors import Actor
from netra.desk.context import DeskContext
from netra.desk.tables import Notification
from netra.storage.db import session_scope


@dataclass
class NotificationView:
    id: int
    draft_id: int | None
    kind: str
    message: str
    created_at: datetime
    read: bool


def list_notifications(
    ctx: DeskContext, actor: Actor, *, unread_only: bool = False, limit: int = 50
) -> list[NotificationView]:
    if actor.user_id is None:
        return []
    query = select(Notification).where(Notification.user_id == actor.user_id)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    query = query.order_by(Notification.id.desc()).limit(max(1, min(limit, 500)))
    with session_scope(ctx.db) as session:
        return [
            NotificationView(
                n.id, n.draft_id, n.kind, n.message, n.created_at, n.read_at is not None
            )
            for n in session.scalars(query)
        ]


def mark_read(ctx: DeskContext, actor: Actor, ids: Iterable[int]) -> int:
    """Mark the actor's own notifications read (others' ids are ignored)."""
    ids = [int(i) for i in ids]
    if actor.user_id is None or not ids:
        return 0
    with session_scope(ctx.db) as session:
        return session.execute(
            update(Notification)
            .where(
                Notification.id.in_(ids),
                Notification.user_id == actor.user_id,
                Notification.read_at.is_(None),
            )
            .values(read_at=ctx.now())
        ).rowcount
