"""Defaults from `data/` put into the database once, so admins edit them there afterwards.

Each kind of default is seeded once (a marker in `inbox_state` remembers it): deleting a unit or
a rule is respected, not undone at the next start. Holidays are seeded per year, so a new
shipped year arrives without touching the years an admin has edited.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from netra.inbox.lexicons import DATA_DIR, get_lexicons
from netra.inbox.tables import CannedReply, Holiday, KeyValue, RoutingRule, ServiceStandard, Unit
from netra.inbox.workdays import load_holiday_file
from netra.storage.base import utcnow

STANDARDS_FILE = DATA_DIR / "service_standards.yaml"
CANNED_FILE = DATA_DIR / "canned_replies.yaml"

#: Keyword rules seeded before the per-topic rules: dangers go to the units that act on them.
DEFAULT_KEYWORD_RULES = (
    (
        "ketertiban",
        "kebakaran, terbakar, api, asap tebal, ledakan, gas bocor",
        "damkar",
        "Kebakaran dan penyelamatan ke Damkar",
    ),
    (
        "ketertiban",
        "banjir, longsor, gempa, tanggul jebol, puting beliung, erupsi, tsunami, "
        "evakuasi, tim sar, pengungsi",
        "bpbd",
        "Bencana ke BPBD",
    ),
)


def _marked(session: Session, key: str) -> bool:
    return session.get(KeyValue, key) is not None


def _mark(session: Session, key: str) -> None:
    session.add(KeyValue(key=key, value=True, updated_at=utcnow()))


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def ensure_defaults(session: Session) -> None:
    """Seed units, routing rules, service standards, holidays and canned replies if never done."""
    lexicons = get_lexicons()
    if not _marked(session, "seeded:units"):
        existing = set(session.scalars(select(Unit.code)))
        for code, name in lexicons.units:
            if code not in existing:
                session.add(Unit(code=code, name=name, active=True))
        _mark(session, "seeded:units")
    if not _marked(session, "seeded:rules"):
        now = utcnow()
        for topic, keywords, unit, note in DEFAULT_KEYWORD_RULES:
            session.add(
                RoutingRule(
                    topic=topic,
                    keywords=keywords,
                    unit_code=unit,
                    priority=10,
                    active=True,
                    note=note,
                    updated_at=now,
                )
            )
        for topic in lexicons.topics:
            session.add(
                RoutingRule(
                    topic=topic.id,
                    unit_code=topic.unit,
                    priority=100,
                    active=True,
                    note=f"Topik {topic.label}",
                    updated_at=now,
                )
            )
        _mark(session, "seeded:rules")
    if not _marked(session, "seeded:standards"):
        for row in _yaml(STANDARDS_FILE).get("standards", []):
            session.add(ServiceStandard(**row))
        _mark(session, "seeded:standards")
    if not _marked(session, "seeded:canned"):
        for row in _yaml(CANNED_FILE).get("replies", []):
            session.add(
                CannedReply(
                    title=row["title"],
                    text=row["text"].strip(),
                    intent=row.get("intent"),
                    topic=row.get("topic"),
                    active=True,
                )
            )
        _mark(session, "seeded:canned")
    by_year: dict[int, list] = {}
    for day, kind, name in load_holiday_file():
        by_year.setdefault(day.year, []).append((day, kind, name))
    for year, rows in sorted(by_year.items()):
        key = f"seeded:holidays:{year}"
        if _marked(session, key):
            continue
        existing_days = set(session.scalars(select(Holiday.day)))
        for day, kind, name in rows:
            if day not in existing_days:
                session.add(Holiday(day=day, kind=kind, name=name))
        _mark(session, key)
    session.flush()
