"""What the inbox routers share: who may do what, Indonesian labels, error mapping, look-ups.

Roles (docs/inbox.md): Humas authors, reviewers and admins answer citizens; only a reviewer or
an admin may send a reply the check blocked as overridable (with a written reason), edit the
knowledge base and canned replies; only an admin edits routing rules, service standards and
holidays — they decide where citizens' messages go and how late is late.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from netra.accounts.roles import Role
from netra.accounts.tables import User, UserRole
from netra.inbox.dashboard import INTENT_LABEL, SENTIMENT_LABEL, URGENCY_LABEL
from netra.inbox.errors import InboxError
from netra.inbox.lexicons import INTENTS, URGENCIES, get_lexicons
from netra.inbox.workdays import agency_zone
from netra.inbox.workflow import STATUS_LABEL
from netra.web.deps import require_roles
from netra.web.errors import ApiError

INBOX_ROLES = (Role.AUTHOR, Role.REVIEWER, Role.ADMIN)
OVERRIDE_ROLES = frozenset({str(Role.REVIEWER), str(Role.ADMIN)})
InboxUser = Annotated[User, Depends(require_roles(*INBOX_ROLES))]
KnowledgeEditor = Annotated[User, Depends(require_roles(Role.REVIEWER, Role.ADMIN))]
InboxAdmin = Annotated[User, Depends(require_roles(Role.ADMIN))]

PLATFORM_LABEL = {
    "facebook": "Facebook",
    "messenger": "Messenger",
    "instagram": "Instagram",
    "instagram_dm": "Instagram DM",
    "x": "X",
    "telegram": "Telegram",
    "whatsapp": "WhatsApp",
    "webhook": "Webhook",
}
UNIT_LABEL = {"hours": "jam", "working_days": "hari kerja"}
ZONE_ABBR = {7: "WIB", 8: "WITA", 9: "WIT"}
HOLIDAY_KIND_LABEL = {
    "libur_nasional": "Libur nasional",
    "cuti_bersama": "Cuti bersama",
    "lokal": "Libur lokal",
}


def labels() -> dict[str, Any]:
    """Everything the inbox templates translate (one context entry, not ten)."""
    lex = get_lexicons()
    return {
        "intent": INTENT_LABEL,
        "urgency": URGENCY_LABEL,
        "sentiment": SENTIMENT_LABEL,
        "status": STATUS_LABEL,
        "platform": PLATFORM_LABEL,
        "topic": {t.id: t.label for t in lex.topics},
        "unit": UNIT_LABEL,
        "holiday": HOLIDAY_KIND_LABEL,
        "intents": INTENTS,
        "urgencies": URGENCIES,
    }


def clock(settings: Any) -> Callable[[str | datetime | None], str]:
    """A formatter for the templates: a UTC time (ISO text or datetime) in the agency's zone,
    written as people read it there ("10-03-2026 08.30 WITA")."""
    zone = agency_zone(settings.inbox_timezone)

    def when(value: str | datetime | None) -> str:
        if value is None or value == "":
            return "—"
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        local = moment.astimezone(zone)
        offset = local.utcoffset()
        hours = int(offset.total_seconds() // 3600) if offset is not None else 7
        return local.strftime("%d-%m-%Y %H.%M") + " " + ZONE_ABBR.get(hours, local.strftime("%z"))

    return when


def can_override(user: User) -> bool:
    return user.has_any_role(OVERRIDE_ROLES)


def inbox_error(exc: InboxError) -> ApiError:
    """The library's Indonesian message, with its own status (404, 400, 502 …)."""
    status = exc.status_code if exc.status_code != 400 else 422
    return ApiError(status, exc.code, exc.message)


def officers(db: Session) -> list[User]:
    """Active users who answer citizens: whom a message can be assigned or handed over to."""
    ids = select(UserRole.user_id).where(UserRole.role.in_([str(r) for r in INBOX_ROLES]))
    return list(
        db.scalars(
            select(User).where(User.is_active.is_(True), User.id.in_(ids)).order_by(User.full_name)
        ).unique()
    )


def user_names(db: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = db.execute(select(User.id, User.full_name, User.username).where(User.id.in_(wanted)))
    return {i: (name or username) for i, name, username in rows}


def ensure_seeded(db: Session) -> None:
    """Units, rules, standards, holidays and canned replies exist before a page lists them."""
    from netra.inbox.seed import ensure_defaults

    try:
        ensure_defaults(db)
        db.commit()
    except (IntegrityError, OperationalError):
        # Another request or the background triage seeded at the same moment (first start only).
        db.rollback()


_senders_lock = threading.Lock()


def senders_of(request: Request) -> dict[str, Any]:
    """The reply adapters, built once per app from its settings (they share one HTTP client)."""
    state = request.app.state
    senders = getattr(state, "inbox_senders", None)
    if senders is None:
        from netra.inbox.senders import senders_from_settings

        with _senders_lock:
            senders = getattr(state, "inbox_senders", None)
            if senders is None:
                senders = senders_from_settings(state.settings)
                state.inbox_senders = senders
    return senders


def unique_svg_ids(svg: str, prefix: str) -> str:
    """Charts label themselves with ids "t" and "d"; several on one page need their own."""
    return (
        svg.replace('aria-labelledby="t d"', f'aria-labelledby="{prefix}-t {prefix}-d"')
        .replace('<title id="t">', f'<title id="{prefix}-t">')
        .replace('<desc id="d">', f'<desc id="{prefix}-d">')
    )


def parse_day(value: str | None, label: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise ApiError(
            422, "invalid_request", f"Tanggal {label} tidak valid (format TTTT-BB-HH)."
        ) from None


def optional(value: str | None, limit: int = 200) -> str | None:
    """A form field: trimmed, cut to `limit`, empty → None."""
    value = (value or "").strip()
    return value[:limit] or None


def parse_int(value: str | None, label: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not value.lstrip("-").isdigit() or len(value) > 12:
        raise ApiError(422, "invalid_request", f"{label} harus berupa angka.")
    return int(value)
