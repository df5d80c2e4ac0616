"""Triage: what a message is (intent, topic, urgency, sentiment, emotion), whether it is abusive
or carries personal data, where it goes and when it is due.

`classify(text)` is the pure part (models and lexicons, no database, no engine): what
`netra inbox classify --jsonl` prints. `assess(text)` adds the engine's findings (abusive
language, personal data with the redacted text shown in lists). `triage_pending(engine)` is
the step that runs after messages are accepted: it claims pending messages (a lease, so two
workers never take the same one and a crashed worker's claim expires), triages each, routes it,
sets its service-level deadlines and notifies the unit of emergencies — in one transaction per
batch. A message that fails is marked `failed` with the reason and retried up to three times.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, or_, select, update

from netra.config import Settings, get_settings
from netra.inbox import routing, sla, store
from netra.inbox import sentiment as affect
from netra.inbox.features import view
from netra.inbox.lapor import lapor_category
from netra.inbox.lexicons import get_lexicons
from netra.inbox.model import get_model
from netra.inbox.seed import ensure_defaults
from netra.inbox.tables import Message, Notification
from netra.inbox.urgency import resolve
from netra.storage.base import utcnow
from netra.storage.db import session_scope

log = logging.getLogger(__name__)
ABUSIVE_CATEGORIES = ("abusive_language", "hate_speech")
MAX_ATTEMPTS = 3
LEASE = timedelta(minutes=10)
MAX_CLASSIFY_CHARS = 10_000


@dataclass(frozen=True)
class Classification:
    intent: str
    intent_confidence: float
    topic: str
    topic_confidence: float
    urgency: str
    urgency_reasons: tuple[str, ...]
    sentiment: str
    emotion: str
    cues: dict[str, list[str]] = field(default_factory=dict)

    def to_jsonl(self, ident: Any) -> dict[str, Any]:
        """The `netra inbox classify --jsonl` line."""
        return {
            "id": ident,
            "intent": self.intent,
            "sentiment": self.sentiment,
            "emotion": self.emotion,
            "topic": self.topic,
            "urgency": self.urgency,
        }


@dataclass(frozen=True)
class Assessment:
    classification: Classification
    abusive: bool
    personal_data: bool
    risk_categories: tuple[str, ...]
    redacted_text: str

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self.classification)
        out.update(
            abusive=self.abusive,
            personal_data=self.personal_data,
            risk_categories=list(self.risk_categories),
            redacted_text=self.redacted_text,
        )
        return out


def classify(text: str, *, with_affect: bool = True) -> Classification:
    """Intent, topic, urgency (with reasons), sentiment and emotion of one message."""
    lexicons = get_lexicons()
    model = get_model()
    v = view(text[:MAX_CLASSIFY_CHARS], lexicons)
    probs = model.predict(v)
    threshold = float(model.thresholds.get("high", 0.5))
    res = resolve(probs["intent"], probs["urgency"].get("high", 0.0), v.cues, threshold, lexicons)
    topic_probs = probs["topic"]
    topic = max(sorted(topic_probs), key=lambda k: topic_probs[k])
    return Classification(
        intent=res.intent,
        intent_confidence=round(res.intent_confidence, 4),
        topic=topic,
        topic_confidence=round(topic_probs[topic], 4),
        urgency=res.urgency,
        urgency_reasons=res.reasons,
        sentiment=affect.sentiment(text) if with_affect else affect.UNAVAILABLE,
        emotion=affect.emotion(text) if with_affect else affect.UNAVAILABLE,
        cues=dict(v.cues),
    )


def assess(text: str, channel: str | None = None) -> Assessment:
    """`classify` plus the engine: abusive content and personal data (masked for lists)."""
    from netra.analysis import get_engine

    classification = classify(text)
    context = {"channel": channel} if channel else None
    report = get_engine().analyze(text[:MAX_CLASSIFY_CHARS], context)
    categories = tuple(sorted({f.category for f in report.findings}))
    return Assessment(
        classification=classification,
        abusive=any(c in ABUSIVE_CATEGORIES for c in categories),
        personal_data="personal_data" in categories,
        risk_categories=categories,
        redacted_text=report.redacted_text,
    )


# -- the triage step ----------------------------------------------------------------------------
@dataclass
class TriageRun:
    done: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.done) + len(self.failed)


def _claim(engine: Engine, now: datetime, limit: int) -> list[int]:
    claimable = or_(
        Message.triage_status == "pending",
        and_(Message.triage_status == "running", Message.triage_claimed_at < now - LEASE),
        and_(Message.triage_status == "failed", Message.triage_attempts < MAX_ATTEMPTS),
    )
    with session_scope(engine) as session:
        ids = session.scalars(
            select(Message.id).where(claimable).order_by(Message.id).limit(limit)
        ).all()
        if not ids:
            return []
        claimed = (
            session.execute(
                update(Message)
                .where(Message.id.in_(ids), claimable)
                .values(
                    triage_status="running",
                    triage_claimed_at=now,
                    triage_attempts=Message.triage_attempts + 1,
                )
                .returning(Message.id)
            )
            .scalars()
            .all()
        )
    return sorted(int(i) for i in claimed)


def triage_pending(
    engine: Engine,
    *,
    limit: int = 200,
    now: datetime | None = None,
    settings: Settings | None = None,
) -> TriageRun:
    """Triage up to `limit` untriaged messages; call again until it returns an empty run."""
    settings = settings or get_settings()
    now = now or utcnow()
    with session_scope(engine) as session:
        ensure_defaults(session)
    ids = _claim(engine, now, limit)
    run = TriageRun()
    if not ids:
        return run
    with session_scope(engine) as session:
        texts = {
            m.id: (m.text, m.channel)
            for m in session.scalars(select(Message).where(Message.id.in_(ids)))
        }
    results: dict[int, Assessment | str] = {}
    for message_id in ids:
        text, channel = texts[message_id]
        try:
            results[message_id] = assess(text, channel)
        except Exception as exc:  # one bad message must not stop the others
            log.exception("triage failed for message %s", message_id)
            results[message_id] = f"{type(exc).__name__}: {exc}"[:2000]
    with session_scope(engine) as session:
        cal = sla.calendar(session, settings)
        for message_id in ids:
            message = session.get(Message, message_id)
            if message is None:
                continue
            result = results[message_id]
            if isinstance(result, str):
                message.triage_status, message.triage_error = "failed", result
                run.failed.append(message_id)
                continue
            _apply(session, message, result, cal, settings, now)
            run.done.append(message_id)
    return run


def _apply(
    session, message: Message, result: Assessment, cal, settings: Settings, now: datetime
) -> None:
    c = result.classification
    message.intent, message.intent_confidence = c.intent, c.intent_confidence
    message.topic, message.urgency = c.topic, c.urgency
    message.urgency_reasons = list(c.urgency_reasons)
    message.sentiment, message.emotion = c.sentiment, c.emotion
    message.abusive, message.personal_data = result.abusive, result.personal_data
    message.risk_categories = ",".join(result.risk_categories) or None
    message.redacted_text = result.redacted_text
    lapor = lapor_category(c.intent, c.topic, c.cues)
    message.lapor_category = lapor.label()[:200] if lapor else None
    message.triage_status, message.triage_error, message.triaged_at = "done", None, now
    decision = routing.route(
        session,
        topic=c.topic,
        intent=c.intent,
        channel=message.channel,
        words=view(message.text[:MAX_CLASSIFY_CHARS]).words,
        default_unit=settings.inbox_default_unit,
    )
    if message.unit_code is None:  # a re-triage keeps an officer's re-routing
        message.unit_code, message.routing_rule_id = decision.unit_code, decision.rule_id
    if message.status == "new":
        message.status = "dismissed" if c.intent == "spam" else "open"
    sla.set_deadlines(session, message, cal)
    message.updated_at = now
    store.add_event(
        session,
        message.id,
        "triaged",
        now=now,
        data={
            "intent": c.intent,
            "topic": c.topic,
            "urgency": c.urgency,
            "reasons": list(c.urgency_reasons),
            "unit": message.unit_code,
            "route": decision.reason,
        },
    )
    if c.urgency == "high":
        head = routing.unit_head(session, message.unit_code)
        text = f"DARURAT/MENDESAK: pesan #{message.id} ({c.topic}) — " + "; ".join(
            c.urgency_reasons[:2]
        )
        for user_id in {None, head}:
            session.add(
                Notification(
                    user_id=user_id,
                    unit_code=message.unit_code,
                    message_id=message.id,
                    kind="urgent",
                    text=text[:1000],
                    created_at=now,
                )
            )
