"""Server-side login sessions and API tokens.

Cookies and bearer tokens carry random secrets; the database keeps only their SHA-256, so a copy
of the database does not let anyone log in. A session id is never chosen by the client: login
always mints a new one (no session fixation), and logout deletes the row.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, joinedload

from netra.accounts import audit
from netra.accounts.tables import ApiToken, User, WebSession
from netra.storage.base import utcnow

TOKEN_PREFIX = "ntr"
TOUCH_EVERY = timedelta(minutes=1)  # write last_seen/last_used at most this often


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


# -- sessions -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SessionPolicy:
    lifetime: timedelta = timedelta(hours=12)
    idle: timedelta = timedelta(hours=2)


def create_session(session: Session, user: User, policy: SessionPolicy) -> tuple[str, WebSession]:
    """A brand-new session for `user`; returns (cookie token, row)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    row = WebSession(
        id=_digest(token),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        last_seen_at=now,
        expires_at=now + policy.lifetime,
    )
    session.add(row)
    return token, row


def load_session(
    session: Session, token: str | None, policy: SessionPolicy
) -> tuple[WebSession, User] | None:
    """The live session and its active user for a cookie token, or None (expired rows go)."""
    if not token or len(token) > 200:
        return None
    row = session.get(WebSession, _digest(token))
    if row is None:
        return None
    now = utcnow()
    if row.expires_at <= now or row.last_seen_at + policy.idle <= now:
        session.delete(row)
        session.commit()
        return None
    user = session.get(User, row.user_id, options=[joinedload(User.role_rows)])
    if user is None or not user.is_active:
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
        session.commit()
    return row, user


def revoke_session(session: Session, token: str | None) -> None:
    if token and len(token) <= 200:
        session.execute(delete(WebSession).where(WebSession.id == _digest(token)))


def revoke_all_sessions(session: Session, user_id: int) -> None:
    session.execute(delete(WebSession).where(WebSession.user_id == user_id))


def purge_expired_sessions(session: Session) -> int:
    result = session.execute(delete(WebSession).where(WebSession.expires_at <= utcnow()))
    return result.rowcount or 0


# -- API tokens -----------------------------------------------------------------------------------
def create_token(
    session: Session, user: User, name: str, *, actor_id: int | None = None
) -> tuple[str, ApiToken]:
    """A new API token for `user`; the clear token is returned once and never stored."""
    name = " ".join(name.split())[:100] or "token"
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    clear = f"{TOKEN_PREFIX}_{prefix}_{secret}"
    row = ApiToken(user_id=user.id, name=name, prefix=prefix, token_hash=_digest(clear))
    session.add(row)
    session.flush()
    audit.record(
        session,
        "token.create",
        actor_id=actor_id or user.id,
        target_type="api_token",
        target_id=row.id,
        detail={"user_id": user.id, "name": name},
    )
    return clear, row


def verify_token(session: Session, clear: str | None) -> ApiToken | None:
    """The live token row for a presented bearer token (constant-time hash comparison)."""
    if not clear or len(clear) > 200:
        return None
    parts = clear.split("_", 2)  # the secret part may itself contain "_"
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    # One query for the token, its user, the user's unit and roles (this runs on every API call).
    stmt = (
        select(ApiToken)
        .where(ApiToken.prefix == parts[1])
        .options(joinedload(ApiToken.user).joinedload(User.role_rows))
    )
    row = session.execute(stmt).unique().scalar_one_or_none()
    if row is None or row.revoked_at is not None:
        return None
    if not hmac.compare_digest(row.token_hash, _digest(clear)):
        return None
    if not row.user.is_active:
        return None
    now = utcnow()
    if row.last_used_at is None or now - row.last_used_at >= TOUCH_EVERY:
        row.last_used_at = now
        session.commit()
    return row


def list_tokens(session: Session, user_id: int) -> list[ApiToken]:
    return list(
        session.scalars(
            select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id.desc())
        )
    )


def revoke_token(session: Session, token_id: int, user_id: int, *, actor_id: int) -> bool:
    row = session.get(ApiToken, token_id)
    if row is None or row.user_id != user_id or row.revoked_at is not None:
        return False
    row.revoked_at = utcnow()
    audit.record(
        session, "token.revoke", actor_id=actor_id, target_type="api_token", target_id=row.id
    )
    return True
