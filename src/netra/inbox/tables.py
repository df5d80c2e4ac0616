"""Tables of the citizen inbox (migration branch "inbox").

A message is stored the moment it arrives (`triage_status = pending`) and only then classified,
routed and timed, each step recorded in `inbox_events`, so a crash between steps loses nothing
and the history of every message (who took it, who handed it over, what was sent) stays intact.
User ids are plain integers: the web area's `users` table is referenced by value, not by key,
so the inbox works (and its tests run) without the accounts area.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from netra.accounts.types import UTCDateTime
from netra.storage.base import Base, utcnow

BigId = BigInteger().with_variant(Integer, "sqlite")  # SQLite autoincrements INTEGER only


class Delivery(Base):
    """One authenticated webhook delivery, kept verbatim before it is parsed.

    If parsing fails (an unknown payload shape, a bug), the body is still here and
    `process_pending_deliveries` parses it again later: nothing a platform sent us is lost.
    """

    __tablename__ = "inbox_deliveries"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(20))  # meta | telegram | webhook
    body: Mapped[str] = mapped_column(Text)
    body_sha256: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(20), default="received")  # received|parsed|failed
    messages: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    parsed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Message(Base):
    """A citizen's message or comment, with its triage, routing and service-level timers."""

    __tablename__ = "inbox_messages"
    __table_args__ = (
        UniqueConstraint("platform", "platform_message_id", name="uq_inbox_messages_platform_id"),
        Index("ix_inbox_messages_triage", "triage_status", "id"),
        Index("ix_inbox_messages_status_unit", "status", "unit_code"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    platform: Mapped[str] = mapped_column(String(20))  # facebook|messenger|instagram|...
    platform_message_id: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(20))  # x|instagram|facebook|whatsapp|telegram|...
    account_id: Mapped[str | None] = mapped_column(String(100))  # our page/bot/account id
    thread_key: Mapped[str | None] = mapped_column(String(200), index=True)
    parent_platform_id: Mapped[str | None] = mapped_column(String(200))
    author_id: Mapped[str | None] = mapped_column(String(100))
    author_name: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    truncated: Mapped[bool] = mapped_column(Boolean, default=False)
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    delivery_id: Mapped[int | None] = mapped_column(ForeignKey("inbox_deliveries.id"))

    # Triage: its own status, so untriaged messages are found again after a crash.
    triage_status: Mapped[str] = mapped_column(String(20), default="pending")
    # pending | running | done | failed
    triage_attempts: Mapped[int] = mapped_column(Integer, default=0)
    triage_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    triage_error: Mapped[str | None] = mapped_column(Text)
    triaged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    intent: Mapped[str | None] = mapped_column(String(20), index=True)
    intent_confidence: Mapped[float | None] = mapped_column(Float)
    topic: Mapped[str | None] = mapped_column(String(30), index=True)
    urgency: Mapped[str | None] = mapped_column(String(10), index=True)
    urgency_reasons: Mapped[list[str] | None] = mapped_column(JSON)
    sentiment: Mapped[str | None] = mapped_column(String(20))
    emotion: Mapped[str | None] = mapped_column(String(20))
    abusive: Mapped[bool | None] = mapped_column(Boolean)
    personal_data: Mapped[bool | None] = mapped_column(Boolean)
    risk_categories: Mapped[str | None] = mapped_column(String(300))
    redacted_text: Mapped[str | None] = mapped_column(Text)
    lapor_category: Mapped[str | None] = mapped_column(String(200))

    # Workflow and routing.
    status: Mapped[str] = mapped_column(String(20), default="new")
    # new | open | assigned | answered | closed | dismissed
    unit_code: Mapped[str | None] = mapped_column(String(40))
    routing_rule_id: Mapped[int | None] = mapped_column(Integer)
    assignee_id: Mapped[int | None] = mapped_column(Integer, index=True)

    # Service-level timers (UTC), computed from the agency's working calendar.
    first_response_due: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolution_due: Mapped[datetime | None] = mapped_column(UTCDateTime())
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    first_response_escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolution_escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Event(Base):
    """Append-only history of a message: accepted, triaged, routed, assigned, handed over,
    reply blocked or sent, escalated, closed. Notes of hand-overs live here."""

    __tablename__ = "inbox_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("inbox_messages.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    actor_id: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Reply(Base):
    """A reply an officer wrote (often from a suggestion), its check and its delivery."""

    __tablename__ = "inbox_replies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("inbox_messages.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    # draft | blocked | sending | sent | failed
    source: Mapped[str | None] = mapped_column(String(40))  # faq:<id> | canned:<id> | manual
    verdict: Mapped[str | None] = mapped_column(String(20))
    findings: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    override_reason: Mapped[str | None] = mapped_column(Text)
    override_by: Mapped[int | None] = mapped_column(Integer)
    platform_reply_id: Mapped[str | None] = mapped_column(String(200))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Unit(Base):
    """A unit messages are routed to. `code` matches the accounts area's `units.code`."""

    __tablename__ = "inbox_units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    head_user_id: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class RoutingRule(Base):
    """topic → unit, optionally only for some words, a channel or an intent; first match wins
    (lowest `priority`, then lowest id)."""

    __tablename__ = "inbox_routing_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    topic: Mapped[str | None] = mapped_column(String(30))
    intent: Mapped[str | None] = mapped_column(String(20))
    channel: Mapped[str | None] = mapped_column(String(20))
    keywords: Mapped[str | None] = mapped_column(String(500))  # comma-separated, any matches
    unit_code: Mapped[str] = mapped_column(String(40))
    priority: Mapped[int] = mapped_column(Integer, default=100)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str | None] = mapped_column(String(300))
    updated_by: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ServiceStandard(Base):
    """How fast a kind of message must be answered and resolved. `intent`/`urgency` NULL mean
    any; the most specific row wins. Units: `hours` (clock) or `working_days`."""

    __tablename__ = "inbox_service_standards"
    __table_args__ = (
        UniqueConstraint("intent", "urgency", name="uq_inbox_service_standards_intent_urgency"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    intent: Mapped[str | None] = mapped_column(String(20))
    urgency: Mapped[str | None] = mapped_column(String(10))
    first_response: Mapped[float | None] = mapped_column(Float)
    first_response_unit: Mapped[str] = mapped_column(String(20), default="working_days")
    resolution: Mapped[float | None] = mapped_column(Float)
    resolution_unit: Mapped[str] = mapped_column(String(20), default="working_days")
    note: Mapped[str | None] = mapped_column(String(300))


class Holiday(Base):
    """A national holiday or cuti bersama (no working day); admin-editable."""

    __tablename__ = "inbox_holidays"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # libur_nasional | cuti_bersama | lokal


class Notification(Base):
    """Something an officer must see: an emergency, an escalation, a hand-over to them."""

    __tablename__ = "inbox_notifications"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    user_id: Mapped[int | None] = mapped_column(Integer, index=True)  # None: the unit's queue
    unit_code: Mapped[str | None] = mapped_column(String(40))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("inbox_messages.id"))
    kind: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class FaqEntry(Base):
    """An answer the office stands behind: a FAQ item, an official page, an answered question."""

    __tablename__ = "inbox_faq"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # faq | page | answered
    question: Mapped[str] = mapped_column(Text)  # or the page title
    answer: Mapped[str] = mapped_column(Text)  # or the page passage
    url: Mapped[str | None] = mapped_column(String(1000))
    topic: Mapped[str | None] = mapped_column(String(30))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CannedReply(Base):
    """A ready-made reply officers pick and edit (acknowledgement, referral to LAPOR!, …)."""

    __tablename__ = "inbox_canned_replies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    intent: Mapped[str | None] = mapped_column(String(20))
    topic: Mapped[str | None] = mapped_column(String(30))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class KeyValue(Base):
    """Small persistent state: polling cursors, which defaults were seeded."""

    __tablename__ = "inbox_state"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
