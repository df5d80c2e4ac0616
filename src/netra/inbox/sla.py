"""Service levels: which standard applies, when a message is due, and escalation when it is late.

Deadlines are computed once, when a message is triaged, from the time it was received (not
when it was triaged: a backlog after an outage does not reset the citizen's clock). The first
response is due unless a reply was sent; resolution unless the message was closed.

`escalate_due(now)` is the step a scheduler (or `netra inbox escalate`) runs every few minutes:
each message whose timer ran out is escalated once per timer — an `escalated` event, the
message reassigned to its unit's head (a hand-over with a note), and notifications for the head
and the officer who held it. Running it twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session

from netra.config import Settings, get_settings
from netra.inbox import store
from netra.inbox.accountability import audit
from netra.inbox.errors import InboxError
from netra.inbox.lexicons import INTENTS, URGENCIES
from netra.inbox.routing import unit_head
from netra.inbox.tables import Holiday, Message, Notification, ServiceStandard
from netra.inbox.workdays import WorkCalendar, agency_zone
from netra.storage.base import utcnow
from netra.storage.db import session_scope

UNITS = ("hours", "working_days")
OPEN_FOR_FIRST_RESPONSE = ("open", "assigned")
OPEN_FOR_RESOLUTION = ("open", "assigned", "answered")


def calendar(session: Session, settings: Settings | None = None) -> WorkCalendar:
    """The agency's working calendar, holidays from the (admin-edited) table."""
    settings = settings or get_settings()
    holidays = {row.day: row.name for row in session.scalars(select(Holiday))}
    return WorkCalendar(agency_zone(settings.inbox_timezone), holidays)


def standard_for(
    session: Session, intent: str | None, urgency: str | None
) -> ServiceStandard | None:
    """Most specific first: (intent, urgency), (any, urgency), (intent, any), (any, any)."""
    rows = session.scalars(select(ServiceStandard)).all()
    table = {(r.intent, r.urgency): r for r in rows}
    for key in ((intent, urgency), (None, urgency), (intent, None), (None, None)):
        if key in table:
            return table[key]
    return None


def set_deadlines(session: Session, message: Message, cal: WorkCalendar) -> None:
    standard = standard_for(session, message.intent, message.urgency)
    start = message.received_at
    message.first_response_due = message.resolution_due = None
    if standard is None or start is None:
        return
    if standard.first_response is not None:
        message.first_response_due = cal.add(
            start, standard.first_response, standard.first_response_unit
        )
    if standard.resolution is not None:
        message.resolution_due = cal.add(start, standard.resolution, standard.resolution_unit)


# -- escalation ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Escalation:
    message_id: int
    timer: str  # first_response | resolution
    due: datetime
    to_user_id: int | None
    from_user_id: int | None


def escalate_due(
    engine: Engine, now: datetime | None = None, *, limit: int = 1000
) -> list[Escalation]:
    """Escalate every message whose first-response or resolution timer has run out."""
    now = now or utcnow()
    done: list[Escalation] = []
    with session_scope(engine) as session:
        late = session.scalars(
            select(Message)
            .where(
                or_(
                    (
                        Message.status.in_(OPEN_FOR_FIRST_RESPONSE)
                        & (Message.first_response_due < now)
                        & Message.first_response_at.is_(None)
                        & Message.first_response_escalated_at.is_(None)
                    ),
                    (
                        Message.status.in_(OPEN_FOR_RESOLUTION)
                        & (Message.resolution_due < now)
                        & Message.resolved_at.is_(None)
                        & Message.resolution_escalated_at.is_(None)
                    ),
                )
            )
            .order_by(Message.id)
            .limit(limit)
        ).all()
        for message in late:
            for timer in ("first_response", "resolution"):
                if _late(message, timer, now):
                    done.append(_escalate(session, message, timer, now))
    return done


def _late(message: Message, timer: str, now: datetime) -> bool:
    if timer == "first_response":
        return (
            message.status in OPEN_FOR_FIRST_RESPONSE
            and message.first_response_at is None
            and message.first_response_due is not None
            and message.first_response_due < now
            and message.first_response_escalated_at is None
        )
    return (
        message.status in OPEN_FOR_RESOLUTION
        and message.resolved_at is None
        and message.resolution_due is not None
        and message.resolution_due < now
        and message.resolution_escalated_at is None
    )


TIMER_LABEL = {"first_response": "tanggapan pertama", "resolution": "penyelesaian"}


def _escalate(session: Session, message: Message, timer: str, now: datetime) -> Escalation:
    due = message.first_response_due if timer == "first_response" else message.resolution_due
    assert due is not None
    if timer == "first_response":
        message.first_response_escalated_at = now
    else:
        message.resolution_escalated_at = now
    message.escalation_level += 1
    head = unit_head(session, message.unit_code)
    previous = message.assignee_id
    label = TIMER_LABEL[timer]
    note = f"Batas waktu {label} terlewati; dialihkan ke kepala unit {message.unit_code or '-'}."
    store.add_event(
        session,
        message.id,
        "escalated",
        note=note,
        now=now,
        data={
            "timer": timer,
            "due": due.isoformat(),
            "level": message.escalation_level,
            "from": previous,
            "to": head,
        },
    )
    if head is not None and head != previous:
        message.assignee_id = head
        if message.status == "open":
            message.status = "assigned"
        store.add_event(
            session,
            message.id,
            "handover",
            note=note,
            now=now,
            data={"from": previous, "to": head, "reason": "escalation"},
        )
    text = (
        f"Pesan #{message.id} melewati batas waktu {label} ({message.intent or '-'}, "
        f"urgensi {message.urgency or '-'})."
    )
    targets = {head, previous} - {None} or {None}
    for user_id in sorted(targets, key=lambda x: -1 if x is None else x):
        session.add(
            Notification(
                user_id=user_id,
                unit_code=message.unit_code,
                message_id=message.id,
                kind="escalation",
                text=text,
                created_at=now,
            )
        )
    message.updated_at = now
    audit(
        session,
        "escalated",
        actor_id=None,
        object_id=message.id,
        payload={"timer": timer, "level": message.escalation_level, "to": head},
    )
    return Escalation(message.id, timer, due, head, previous)


# -- admin: standards and holidays --------------------------------------------------------------
def list_standards(session: Session) -> list[ServiceStandard]:
    return list(session.scalars(select(ServiceStandard).order_by(ServiceStandard.id)))


def set_standard(
    session: Session,
    *,
    intent: str | None,
    urgency: str | None,
    first_response: float | None,
    first_response_unit: str,
    resolution: float | None,
    resolution_unit: str,
    note: str | None = None,
    actor_id: int | None = None,
) -> ServiceStandard:
    """Create or replace the standard for (intent, urgency); None means any."""
    if intent is not None and intent not in INTENTS:
        raise InboxError("bad_standard", f"Jenis pesan tidak dikenal: {intent}.")
    if urgency is not None and urgency not in URGENCIES:
        raise InboxError("bad_standard", f"Urgensi tidak dikenal: {urgency}.")
    for amount, unit in ((first_response, first_response_unit), (resolution, resolution_unit)):
        if unit not in UNITS:
            raise InboxError("bad_standard", f"Satuan harus salah satu dari: {', '.join(UNITS)}.")
        if amount is not None and not 0 < amount <= 3650:
            raise InboxError("bad_standard", "Tenggat harus lebih dari 0 dan paling lama 3650.")
    row = session.scalar(
        select(ServiceStandard).where(
            ServiceStandard.intent.is_(None)
            if intent is None
            else ServiceStandard.intent == intent,
            ServiceStandard.urgency.is_(None)
            if urgency is None
            else ServiceStandard.urgency == urgency,
        )
    )
    if row is None:
        row = ServiceStandard(intent=intent, urgency=urgency)
        session.add(row)
    row.first_response, row.first_response_unit = first_response, first_response_unit
    row.resolution, row.resolution_unit, row.note = resolution, resolution_unit, note
    session.flush()
    audit(
        session,
        "standard_set",
        actor_id=actor_id,
        object_type="inbox_standard",
        object_id=row.id,
        payload={
            "intent": intent,
            "urgency": urgency,
            "first_response": [first_response, first_response_unit],
            "resolution": [resolution, resolution_unit],
        },
    )
    return row


def list_holidays(session: Session, year: int | None = None) -> list[Holiday]:
    query = select(Holiday).order_by(Holiday.day)
    if year is not None:
        query = query.where(Holiday.day >= date(year, 1, 1), Holiday.day <= date(year, 12, 31))
    return list(session.scalars(query))


def add_holiday(
    session: Session, day: date, name: str, kind: str = "lokal", *, actor_id: int | None = None
) -> Holiday:
    if kind not in ("libur_nasional", "cuti_bersama", "lokal"):
        raise InboxError("bad_holiday", "Jenis harus libur_nasional, cuti_bersama atau lokal.")
    if not name.strip() or len(name) > 200:
        raise InboxError("bad_holiday", "Nama hari libur wajib diisi (maks. 200 karakter).")
    row = session.get(Holiday, day)
    if row is None:
        row = Holiday(day=day, name=name.strip(), kind=kind)
        session.add(row)
    else:
        row.name, row.kind = name.strip(), kind
    session.flush()
    audit(
        session,
        "holiday_set",
        actor_id=actor_id,
        object_type="inbox_holiday",
        object_id=day.isoformat(),
        payload={"name": name, "kind": kind},
    )
    return row


def remove_holiday(session: Session, day: date, *, actor_id: int | None = None) -> bool:
    row = session.get(Holiday, day)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    audit(
        session,
        "holiday_removed",
        actor_id=actor_id,
        object_type="inbox_holiday",
        object_id=day.isoformat(),
    )
    return True
