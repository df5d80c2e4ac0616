"""Replies: drafted by an officer (often from a suggestion), checked by the engine, then sent
through the platform's adapter and recorded with the platform's id.

The check (decided here, documented in docs/inbox.md). Every reply is analysed as an
institutional post on its channel:

- a finding of political neutrality, abusive language, hate speech or prohibited content, or
  any finding of high severity, BLOCKS the reply; nobody can override it — the office must not
  publish it, so the officer rewrites;
- a finding of review severity in another category (personal data, a possible claim to verify,
  possibly confidential information) blocks it too, but a reviewer may send it anyway with a
  written reason (an official hotline number flagged as a phone number, a public fact) — the
  reason, the person and the findings are kept with the reply and in the audit log;
- a reply longer than the channel allows is refused before it reaches the platform.

Sending is at most once: a reply is marked `sending` (committed) before the platform is called,
and a reply that is `sending` or `sent` cannot be sent again. A platform error leaves it
`failed` with the reason; the officer can retry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from netra.inbox import store
from netra.inbox.accountability import audit
from netra.inbox.errors import InboxError, NotFound
from netra.inbox.senders import ReplySender, ReplyThread
from netra.inbox.tables import CannedReply, Message, Reply
from netra.storage.base import utcnow
from netra.storage.db import session_scope

NEVER_OVERRIDABLE = frozenset(
    {"political_neutrality", "abusive_language", "hate_speech", "prohibited_content"}
)
CATEGORY_LABEL = {
    "political_neutrality": "netralitas politik",
    "misinformation": "misinformasi",
    "personal_data": "data pribadi",
    "confidential_information": "informasi rahasia",
    "hate_speech": "ujaran kebencian",
    "abusive_language": "bahasa kasar",
    "prohibited_content": "konten terlarang",
}
#: Longest reply each platform accepts (characters).
REPLY_LIMITS = {
    "x": 280,
    "telegram": 4096,
    "messenger": 2000,
    "instagram": 2200,
    "instagram_dm": 1000,
    "facebook": 8000,
    "webhook": 10_000,
}
MAX_REPLY_CHARS = 10_000


@dataclass
class ReplyCheck:
    """The engine's judgement of a reply: may it go out, and why not."""

    allowed: bool
    overridable: bool
    verdict: str
    reasons: list[str] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)


def check_reply(text: str, platform: str, channel: str | None = None) -> ReplyCheck:
    """Check a reply before sending (see the module docstring for the policy)."""
    from netra.analysis import AnalysisError, get_engine

    text = text.strip()
    if not text:
        return ReplyCheck(False, False, "empty", ["Balasan kosong."])
    limit = REPLY_LIMITS.get(platform, MAX_REPLY_CHARS)
    if len(text) > limit:
        return ReplyCheck(
            False, False, "too_long", [f"Balasan {len(text)} karakter; batas kanal ini {limit}."]
        )
    try:
        report = get_engine().analyze(text, {"account": "institutional", "channel": channel})
    except AnalysisError as exc:
        return ReplyCheck(False, False, "error", [exc.message])
    findings = [f.to_dict() for f in report.findings]
    blocking = [f for f in findings if f["severity"] in ("medium", "high")]
    if not blocking:
        return ReplyCheck(True, False, str(report.verdict), [], findings)
    hard = [f for f in blocking if f["severity"] == "high" or f["category"] in NEVER_OVERRIDABLE]
    reasons = [
        f"{CATEGORY_LABEL.get(f['category'], f['category'])}: «{f['text']}» — {f['message']}"
        for f in blocking
    ]
    return ReplyCheck(False, not hard, str(report.verdict), reasons, findings)


@dataclass
class SendOutcome:
    reply_id: int
    status: str  # sent | blocked | failed
    platform_reply_id: str | None = None
    reasons: list[str] = field(default_factory=list)
    overridable: bool = False


def draft_reply(
    session: Session,
    message_id: int,
    text: str,
    *,
    author_id: int,
    source: str | None = "manual",
    now: datetime | None = None,
) -> Reply:
    """Save an officer's reply (edited from a suggestion or a canned reply) as a draft."""
    message = store.get_message(session, message_id)
    text = text.strip()
    if not text:
        raise InboxError("empty_reply", "Balasan tidak boleh kosong.")
    if len(text) > MAX_REPLY_CHARS:
        raise InboxError("reply_too_long", f"Balasan terlalu panjang (maks. {MAX_REPLY_CHARS}).")
    reply = Reply(
        message_id=message.id,
        author_id=author_id,
        text=text,
        status="draft",
        source=(source or "manual")[:40],
        created_at=now or utcnow(),
    )
    session.add(reply)
    session.flush()
    return reply


def edit_draft(session: Session, reply_id: int, text: str, *, author_id: int) -> Reply:
    reply = _reply(session, reply_id)
    if reply.status not in ("draft", "blocked", "failed"):
        raise InboxError("not_editable", "Balasan yang sudah dikirim tidak bisa diubah.")
    text = text.strip()
    if not text or len(text) > MAX_REPLY_CHARS:
        raise InboxError("bad_reply", f"Balasan harus 1–{MAX_REPLY_CHARS} karakter.")
    reply.text, reply.author_id, reply.status = text, author_id, "draft"
    reply.verdict = reply.findings = reply.override_reason = reply.override_by = None
    return reply


def _reply(session: Session, reply_id: int) -> Reply:
    reply = session.get(Reply, reply_id)
    if reply is None:
        raise NotFound("not_found", f"Balasan {reply_id} tidak ditemukan.")
    return reply


def send_reply(
    engine: Engine,
    reply_id: int,
    *,
    actor_id: int,
    senders: dict[str, ReplySender],
    override_reason: str | None = None,
    can_override: bool = False,
    now: datetime | None = None,
) -> SendOutcome:
    """Check a draft and, if allowed, send it through its platform's adapter."""
    now = now or utcnow()
    with session_scope(engine) as session:
        reply = _reply(session, reply_id)
        if reply.status in ("sending", "sent"):
            raise InboxError("already_sent", "Balasan ini sudah (sedang) dikirim.")
        message = store.get_message(session, reply.message_id)
        check = check_reply(reply.text, message.platform, message.channel)
        reply.verdict, reply.findings = check.verdict, check.findings
        override = (override_reason or "").strip()
        if not check.allowed and not (check.overridable and can_override and override):
            reply.status = "blocked"
            store.add_event(
                session,
                message.id,
                "reply_blocked",
                actor_id=actor_id,
                now=now,
                data={
                    "reply_id": reply.id,
                    "reasons": check.reasons,
                    "overridable": check.overridable,
                },
            )
            return SendOutcome(
                reply.id, "blocked", reasons=check.reasons, overridable=check.overridable
            )
        if not check.allowed:
            reply.override_reason, reply.override_by = override[:2000], actor_id
            audit(
                session,
                "reply_override",
                actor_id=actor_id,
                object_type="inbox_reply",
                object_id=reply.id,
                payload={
                    "message_id": message.id,
                    "reason": override[:500],
                    "reasons": check.reasons[:5],
                },
            )
        sender = senders.get(message.platform)
        if sender is None:
            reply.status, reply.error = "failed", f"Tidak ada adaptor untuk {message.platform}."
            return SendOutcome(reply.id, "failed", reasons=[reply.error])
        reply.status = "sending"  # committed before the platform is called: at most once
        thread = ReplyThread(
            message.platform,
            message.platform_message_id,
            message.thread_key,
            message.account_id,
            message.author_id,
        )
        channel, text = message.channel, reply.text
    try:
        platform_id = sender.send_reply(channel, thread, text)
    except InboxError as exc:
        with session_scope(engine) as session:
            reply = _reply(session, reply_id)
            reply.status, reply.error = "failed", exc.message[:2000]
            store.add_event(
                session,
                reply.message_id,
                "reply_failed",
                actor_id=actor_id,
                now=now,
                data={"reply_id": reply.id, "error": exc.message[:500]},
            )
        return SendOutcome(reply_id, "failed", reasons=[exc.message])
    with session_scope(engine) as session:
        reply = _reply(session, reply_id)
        reply.status, reply.platform_reply_id, reply.sent_at, reply.error = (
            "sent",
            platform_id,
            now,
            None,
        )
        message = store.get_message(session, reply.message_id)
        if message.first_response_at is None:
            message.first_response_at = now
        if message.assignee_id is None:
            message.assignee_id = actor_id
        if message.status in ("open", "assigned", "answered"):
            message.status = "answered"
        message.updated_at = now
        store.add_event(
            session,
            message.id,
            "reply_sent",
            actor_id=actor_id,
            now=now,
            data={
                "reply_id": reply.id,
                "platform_reply_id": platform_id,
                "override": bool(reply.override_reason),
            },
        )
        audit(
            session,
            "reply_sent",
            actor_id=actor_id,
            object_type="inbox_reply",
            object_id=reply.id,
            payload={"message_id": message.id, "platform_reply_id": platform_id},
        )
    return SendOutcome(reply_id, "sent", platform_reply_id=platform_id)


# -- canned replies -----------------------------------------------------------------------------
def list_canned(
    session: Session, *, intent: str | None = None, topic: str | None = None
) -> list[CannedReply]:
    """Active canned replies, those for the message's intent/topic first."""
    rows = list(
        session.scalars(
            select(CannedReply).where(CannedReply.active.is_(True)).order_by(CannedReply.id)
        )
    )
    return sorted(
        rows,
        key=lambda r: (
            r.intent not in (None, intent),
            r.topic not in (None, topic),
            r.intent is None,
            r.id,
        ),
    )


def save_canned(
    session: Session,
    title: str,
    text: str,
    *,
    intent: str | None = None,
    topic: str | None = None,
    active: bool = True,
    canned_id: int | None = None,
    actor_id: int | None = None,
) -> CannedReply:
    if not title.strip() or not text.strip() or len(text) > MAX_REPLY_CHARS or len(title) > 200:
        raise InboxError("bad_canned", "Judul (maks. 200) dan isi balasan wajib diisi.")
    row = session.get(CannedReply, canned_id) if canned_id else None
    if canned_id and row is None:
        raise NotFound("not_found", f"Balasan siap pakai {canned_id} tidak ditemukan.")
    if row is None:
        row = CannedReply(
            title=title.strip(), text=text.strip(), intent=intent, topic=topic, active=active
        )
        session.add(row)
    else:
        row.title, row.text, row.intent, row.topic, row.active = (
            title.strip(),
            text.strip(),
            intent,
            topic,
            active,
        )
    session.flush()
    audit(session, "canned_saved", actor_id=actor_id, object_type="inbox_canned", object_id=row.id)
    return row


def replies_for(session: Session, message_id: int) -> list[Reply]:
    return list(
        session.scalars(select(Reply).where(Reply.message_id == message_id).order_by(Reply.id))
    )


def message_of(session: Session, reply_id: int) -> Message:
    return store.get_message(session, _reply(session, reply_id).message_id)
