"""Routing rules and units, stored in the database and edited by an admin.

A rule sends messages of a topic to a unit, optionally only when the message has one of its
keywords, came from one channel, or has one intent. Rules are tried by `priority` (lower first),
then id; the first that matches wins, and a message no rule matches goes to the default unit
(`NETRA_INBOX_DEFAULT_UNIT`, Humas). Keywords are normalised like messages, so a rule for
`kebakaran` also catches `kbakaran` and `KEBAKARAN!!!`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from netra.inbox.accountability import audit
from netra.inbox.errors import InboxError, NotFound
from netra.inbox.lexicons import INTENTS, PhraseMatcher, get_lexicons, normalise_term
from netra.inbox.tables import RoutingRule, Unit
from netra.storage.base import utcnow

MAX_KEYWORDS_CHARS = 500


@dataclass(frozen=True)
class RouteDecision:
    unit_code: str
    rule_id: int | None
    reason: str


@lru_cache(maxsize=4096)
def _normalised(term: str) -> tuple[tuple[str, ...], bool]:
    return normalise_term(term)


def _keywords(rule: RoutingRule) -> list[str]:
    return [k.strip() for k in (rule.keywords or "").split(",") if k.strip()]


def rule_matches(
    rule: RoutingRule,
    *,
    topic: str | None,
    intent: str | None,
    channel: str | None,
    words: Sequence[str],
) -> bool:
    if rule.topic and rule.topic != topic:
        return False
    if rule.intent and rule.intent != intent:
        return False
    if rule.channel and rule.channel != channel:
        return False
    keywords = _keywords(rule)
    if not keywords:
        return True
    matcher = PhraseMatcher()
    for keyword in keywords:
        normal, wildcard = _normalised(keyword)
        matcher.add(normal, wildcard, "kw")
    return bool(matcher.find(list(words)))


def route(
    session: Session,
    *,
    topic: str | None,
    intent: str | None,
    channel: str | None,
    words: Sequence[str],
    default_unit: str,
) -> RouteDecision:
    """The unit for a message, and which rule decided it."""
    rules = session.scalars(
        select(RoutingRule)
        .where(RoutingRule.active.is_(True))
        .order_by(RoutingRule.priority, RoutingRule.id)
    ).all()
    for rule in rules:
        if rule_matches(rule, topic=topic, intent=intent, channel=channel, words=words):
            return RouteDecision(rule.unit_code, rule.id, f"aturan #{rule.id}")
    return RouteDecision(default_unit, None, "tidak ada aturan yang cocok: unit bawaan")


# -- admin: rules -------------------------------------------------------------------------------
def list_rules(session: Session, *, include_inactive: bool = True) -> list[RoutingRule]:
    query = select(RoutingRule).order_by(RoutingRule.priority, RoutingRule.id)
    if not include_inactive:
        query = query.where(RoutingRule.active.is_(True))
    return list(session.scalars(query))


def _validate(
    session: Session,
    *,
    topic: str | None,
    intent: str | None,
    unit_code: str,
    keywords: str | None,
    priority: int,
) -> None:
    if topic is not None and topic not in get_lexicons().topic_ids:
        raise InboxError("bad_rule", f"Topik tidak dikenal: {topic}.")
    if intent is not None and intent not in INTENTS:
        raise InboxError("bad_rule", f"Jenis pesan tidak dikenal: {intent}.")
    if session.scalar(select(Unit.id).where(Unit.code == unit_code)) is None:
        raise InboxError("bad_rule", f"Unit {unit_code} belum terdaftar.")
    if keywords is not None and len(keywords) > MAX_KEYWORDS_CHARS:
        raise InboxError("bad_rule", f"Kata kunci terlalu panjang (maks. {MAX_KEYWORDS_CHARS}).")
    if not -1000 <= priority <= 1000:
        raise InboxError("bad_rule", "Prioritas harus antara -1000 dan 1000.")


def create_rule(
    session: Session,
    *,
    unit_code: str,
    actor_id: int | None,
    topic: str | None = None,
    intent: str | None = None,
    channel: str | None = None,
    keywords: str | None = None,
    priority: int = 100,
    note: str | None = None,
) -> RoutingRule:
    _validate(
        session,
        topic=topic,
        intent=intent,
        unit_code=unit_code,
        keywords=keywords,
        priority=priority,
    )
    rule = RoutingRule(
        topic=topic,
        intent=intent,
        channel=channel,
        keywords=keywords or None,
        unit_code=unit_code,
        priority=priority,
        active=True,
        note=note,
        updated_by=actor_id,
        updated_at=utcnow(),
    )
    session.add(rule)
    session.flush()
    audit(
        session,
        "rule_created",
        actor_id=actor_id,
        object_type="inbox_rule",
        object_id=rule.id,
        payload=_rule_dict(rule),
    )
    return rule


def update_rule(session: Session, rule_id: int, *, actor_id: int | None, **changes) -> RoutingRule:
    rule = session.get(RoutingRule, rule_id)
    if rule is None:
        raise NotFound("not_found", f"Aturan {rule_id} tidak ditemukan.")
    allowed = {"topic", "intent", "channel", "keywords", "unit_code", "priority", "active", "note"}
    unknown = set(changes) - allowed
    if unknown:
        raise InboxError("bad_rule", f"Kolom tidak dikenal: {', '.join(sorted(unknown))}.")
    merged = {**_rule_dict(rule), **changes}
    _validate(
        session,
        topic=merged["topic"],
        intent=merged["intent"],
        unit_code=merged["unit_code"],
        keywords=merged["keywords"],
        priority=merged["priority"],
    )
    for key, value in changes.items():
        setattr(rule, key, value)
    rule.updated_by, rule.updated_at = actor_id, utcnow()
    session.flush()
    audit(
        session,
        "rule_updated",
        actor_id=actor_id,
        object_type="inbox_rule",
        object_id=rule.id,
        payload=changes,
    )
    return rule


def delete_rule(session: Session, rule_id: int, *, actor_id: int | None) -> None:
    rule = session.get(RoutingRule, rule_id)
    if rule is None:
        raise NotFound("not_found", f"Aturan {rule_id} tidak ditemukan.")
    payload = _rule_dict(rule)
    session.delete(rule)
    session.flush()
    audit(
        session,
        "rule_deleted",
        actor_id=actor_id,
        object_type="inbox_rule",
        object_id=rule_id,
        payload=payload,
    )


def _rule_dict(rule: RoutingRule) -> dict:
    return {
        "topic": rule.topic,
        "intent": rule.intent,
        "channel": rule.channel,
        "keywords": rule.keywords,
        "unit_code": rule.unit_code,
        "priority": rule.priority,
        "active": rule.active,
        "note": rule.note,
    }


# -- admin: units -------------------------------------------------------------------------------
def list_units(session: Session) -> list[Unit]:
    return list(session.scalars(select(Unit).order_by(Unit.code)))


def save_unit(
    session: Session,
    code: str,
    name: str,
    *,
    head_user_id: int | None = None,
    active: bool = True,
    actor_id: int | None = None,
) -> Unit:
    """Create or update a unit (code as in the accounts area's units)."""
    code = code.strip().lower()
    if not code or len(code) > 40 or not name.strip():
        raise InboxError("bad_unit", "Kode unit (maks. 40) dan nama unit wajib diisi.")
    unit = session.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        unit = Unit(code=code, name=name.strip(), head_user_id=head_user_id, active=active)
        session.add(unit)
    else:
        unit.name, unit.head_user_id, unit.active = name.strip(), head_user_id, active
    session.flush()
    audit(
        session,
        "unit_saved",
        actor_id=actor_id,
        object_type="inbox_unit",
        object_id=code,
        payload={"name": unit.name, "head_user_id": head_user_id, "active": active},
    )
    return unit


def unit_head(session: Session, unit_code: str | None) -> int | None:
    if not unit_code:
        return None
    return session.scalar(select(Unit.head_user_id).where(Unit.code == unit_code))
