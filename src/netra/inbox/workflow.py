"""What officers do with a message: take it, assign it, hand it over with a note, re-route it,
close or dismiss it, reopen it. Each action is an allowed transition of a small state table,
writes an `inbox_events` row (the history officers read) and an audit event (the chain
inspectors trust), and notifies whoever receives the work.

    new ──triage──▶ open ──take/assign──▶ assigned ──reply sent──▶ answered ──close──▶ closed
                     │  ▲                    │  ▲  (hand-over: assigned → assigned)      │
                     ▼  └──────release───────┘  └──────────────reopen──────────────────────┘
                  dismissed (spam, out of scope) ──reopen──▶ open
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from netra.inbox import store
from netra.inbox.accountability import audit
from netra.inbox.errors import InboxError
from netra.inbox.tables import Message, Notification, Unit
from netra.storage.base import utcnow

TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset({"open", "dismissed"}),
    "open": frozenset({"assigned", "answered", "closed", "dismissed"}),
    "assigned": frozenset({"assigned", "open", "answered", "closed", "dismissed"}),
    "answered": frozenset({"assigned", "answered", "closed"}),
    "closed": frozenset({"open"}),
    "dismissed": frozenset({"open"}),
}
STATUS_LABEL = {
    "new": "baru",
    "open": "terbuka",
    "assigned": "ditangani",
    "answered": "dijawab",
    "closed": "selesai",
    "dismissed": "diabaikan",
}
MAX_NOTE_CHARS = 4_000


def _move(message: Message, to: str) -> None:
    if to not in TRANSITIONS.get(message.status, frozenset()):
        raise InboxError(
            "bad_transition",
            f"Pesan berstatus '{STATUS_LABEL.get(message.status, message.status)}' tidak bisa "
            f"diubah menjadi '{STATUS_LABEL.get(to, to)}'.",
        )
    message.status = to


def _note(note: str | None, required: bool = False) -> str | None:
    note = (note or "").strip()
    if required and not note:
        raise InboxError(
            "note_required",
            "Catatan wajib diisi (apa yang sudah dilakukan dan apa yang perlu dilanjutkan).",
        )
    if len(note) > MAX_NOTE_CHARS:
        raise InboxError("note_too_long", f"Catatan terlalu panjang (maks. {MAX_NOTE_CHARS}).")
    return note or None


def _notify(
    session: Session, user_id: int | None, message: Message, kind: str, text: str, now: datetime
) -> None:
    session.add(
        Notification(
            user_id=user_id,
            unit_code=message.unit_code,
            message_id=message.id,
            kind=kind,
            text=text,
            created_at=now,
        )
    )


def assign(
    session: Session,
    message_id: int,
    officer_id: int,
    *,
    actor_id: int,
    note: str | None = None,
    now: datetime | None = None,
) -> Message:
    """Give a message to an officer (an officer taking it himself passes his own id)."""
    now = now or utcnow()
    message = store.get_message(session, message_id)
    note = _note(note)
    previous = message.assignee_id
    if previous == officer_id and message.status != "open":
        return message
    if message.status in ("open", "assigned"):
        _move(message, "assigned")
    elif message.status != "answered":
        _move(message, "assigned")  # raises with a clear message
    message.assignee_id, message.updated_at = officer_id, now
    kind = "taken" if officer_id == actor_id else "assigned"
    store.add_event(
        session,
        message.id,
        kind,
        actor_id=actor_id,
        note=note,
        now=now,
        data={"from": previous, "to": officer_id},
    )
    if officer_id != actor_id:
        _notify(
            session,
            officer_id,
            message,
            "assigned",
            f"Pesan #{message.id} diberikan kepada Anda.{' Catatan: ' + note if note else ''}"[
                :1000
            ],
            now,
        )
    audit(
        session,
        kind,
        actor_id=actor_id,
        object_id=message.id,
        payload={"from": previous, "to": officer_id},
    )
    return message


def take(
    session: Session, message_id: int, officer_id: int, *, now: datetime | None = None
) -> Message:
    return assign(session, message_id, officer_id, actor_id=officer_id, now=now)


def handover(
    session: Session,
    message_id: int,
    to_officer_id: int,
    *,
    actor_id: int,
    note: str,
    now: datetime | None = None,
) -> Message:
    """Pass a message to another officer with a note; the history keeps both."""
    now = now or utcnow()
    message = store.get_message(session, message_id)
    text = _note(note, required=True)
    if message.status not in ("assigned", "answered", "open"):
        raise InboxError("bad_transition", "Hanya pesan yang sedang ditangani bisa dialihkan.")
    if to_officer_id == message.assignee_id:
        raise InboxError("same_officer", "Pesan sudah dipegang petugas tersebut.")
    previous = message.assignee_id
    if message.status == "open":
        _move(message, "assigned")
    message.assignee_id, message.updated_at = to_officer_id, now
    store.add_event(
        session,
        message.id,
        "handover",
        actor_id=actor_id,
        note=text,
        now=now,
        data={"from": previous, "to": to_officer_id},
    )
    _notify(
        session,
        to_officer_id,
        message,
        "handover",
        f"Pesan #{message.id} dialihkan kepada Anda. Catatan: {text}"[:1000],
        now,
    )
    audit(
        session,
        "handover",
        actor_id=actor_id,
        object_id=message.id,
        payload={"from": previous, "to": to_officer_id},
    )
    return message


def release(
    session: Session,
    message_id: int,
    *,
    actor_id: int,
    note: str | None = None,
    now: datetime | None = None,
) -> Message:
    """Give a message back to the unit's queue."""
    now = now or utcnow()
    message = store.get_message(session, message_id)
    _move(message, "open")
    previous, message.assignee_id, message.updated_at = message.assignee_id, None, now
    store.add_event(
        session,
        message.id,
        "released",
        actor_id=actor_id,
        note=_note(note),
        now=now,
        data={"from": previous},
    )
    audit(session, "released", actor_id=actor_id, object_id=message.id)
    return message


def reroute(
    session: Session,
    message_id: int,
    unit_code: str,
    *,
    actor_id: int,
    note: str,
    now: datetime | None = None,
) -> Message:
    """Send a message to another unit (a wrong topic, a shared case)."""
    now = now or utcnow()
    message = store.get_message(session, message_id)
    text = _note(note, required=True)
    unit = session.query(Unit).filter(Unit.code == unit_code).one_or_none()
    if unit is None or not unit.active:
        raise InboxError("bad_unit", f"Unit {unit_code} tidak terdaftar atau tidak aktif.")
    previous = message.unit_code
    message.unit_code, message.routing_rule_id, message.updated_at = unit_code, None, now
    if message.status == "assigned":
        message.assignee_id = None
        _move(message, "open")
    store.add_event(
        session,
        message.id,
        "rerouted",
        actor_id=actor_id,
        note=text,
        now=now,
        data={"from": previous, "to": unit_code},
    )
    _notify(
        session,
        unit.head_user_id,
        message,
        "rerouted",
        f"Pesan #{message.id} dialihkan ke unit {unit_code}. Catatan: {text}"[:1000],
        now,
    )
    audit(
        session,
        "rerouted",
        actor_id=actor_id,
        object_id=message.id,
        payload={"from": previous, "to": unit_code},
    )
    return message


def close(
    session: Session,
    message_id: int,
    *,
    actor_id: int,
    note: str | None = None,
    now: datetime | None = None,
) -> Message:
    """Mark a message resolved (stops the resolution timer)."""
    now = now or utcnow()
    message = store.get_message(session, message_id)
    _move(message, "closed")
    message.resolved_at, message.updated_at = now, now
    store.add_event(session, message.id, "closed", actor_id=actor_id, note=_note(note), now=now)
    audit(session, "closed", actor_id=actor_id, object_id=message.id)
    return message


def dismiss(
    session: Session, message_id: int, *, actor_id: int, note: str, now: datetime | None = None
) -> Message:
    """Set aside without a reply (spam, out of scope); the reason is required."""
    now = now or utcnow()
    message = store.get_message(session, message_id)
    text = _note(note, required=True)
    _move(message, "dismissed")
    message.updated_at = now
    store.add_event(session, message.id, "dismissed", actor_id=actor_id, note=text, now=now)
    audit(session, "dismissed", actor_id=actor_id, object_id=message.id)
    return message


def reopen(
    session: Session,
    message_id: int,
    *,
    actor_id: int,
    note: str | None = None,
    now: datetime | None = None,
) -> Message:
    now = now or utcnow()
    message = store.get_message(session, message_id)
    _move(message, "open")
    message.resolved_at, message.assignee_id, message.updated_at = None, None, now
    store.add_event(session, message.id, "reopened", actor_id=actor_id, note=_note(note), now=now)
    audit(session, "reopened", actor_id=actor_id, object_id=message.id)
    return message


def add_note(
    session: Session, message_id: int, *, actor_id: int, note: str, now: datetime | None = None
) -> None:
    """An internal note on a message (not sent to the citizen)."""
    store.get_message(session, message_id)
    store.add_event(
        session, message_id, "note", actor_id=actor_id, note=_note(note, True), now=now or utcnow()
    )
