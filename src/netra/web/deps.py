"""Named dependencies, FastAPI full-stack-template style: `SessionDep`, `CurrentUser`, `AdminUser`,
`require_roles(...)`, plus the CSRF guard every unsafe request passes through.

Access control is declared, never implied: every route depends on a `RoleRequirement` (through
`CurrentUser`, `AdminUser` or `require_roles`) or on the `public` marker. The route-walk test
fails for a route that declares neither, so a new area cannot forget it.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine as SAEngine
from sqlalchemy.orm import Session

from netra.accounts.roles import Role
from netra.accounts.service import LoginPolicy
from netra.accounts.sessions import SessionPolicy, load_session, verify_token
from netra.accounts.tables import ApiToken, User, WebSession
from netra.analysis import Engine
from netra.config import Settings
from netra.web.cookies import SESSION_COOKIE
from netra.web.errors import ApiError, LoginRequired, PasswordChangeRequired
from netra.web.security import (
    ANON_CSRF_COOKIE,
    CSRF_EXEMPT_PREFIXES,
    anon_csrf_token,
    tokens_match,
)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


# -- database, settings, analysis engine ----------------------------------------------------------
async def get_db(request: Request) -> AsyncIterator[Session]:
    """One session per request; routes commit explicitly, anything uncommitted is rolled back.

    `async` only to skip two thread-pool hops: creating a Session does no I/O, and closing one
    returns its connection to the pool. The queries themselves run in the routes' threads.
    """
    session = request.app.state.sessionmaker()
    try:
        yield session
    finally:
        session.close()


SessionDep = Annotated[Session, Depends(get_db)]


# Cheap dependencies are `async def`: a plain `def` would cost a thread-pool hop per request.
async def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_app_settings)]


class LazyEngine:
    """The analysis engine, built on first use (or handed in by tests)."""

    def __init__(self, settings: Settings, engine: Engine | None = None) -> None:
        self._settings = settings
        self._engine = engine
        self._lock = threading.Lock()

    def warm_up(self, db: SAEngine | None = None) -> None:
        """Build the engine in the background so the first check does not wait for it, then
        attach the fact-check knowledge base of `db` when it holds claims (docs/factcheck.md).

        An engine handed in by a test is left as it is: tests share it."""
        if self._engine is not None:
            return

        def build() -> None:
            engine = self.get()
            if db is not None and self._settings.factcheck_in_checker:
                from netra.factcheck.attach import attach_knowledge_base

                attach_knowledge_base(engine, db)

        threading.Thread(target=build, name="netra-engine-warm-up", daemon=True).start()

    def get(self) -> Engine:
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    from netra.analysis import get_engine
                    from netra.config import get_settings

                    if self._settings == get_settings():
                        self._engine = get_engine()
                    else:
                        self._engine = Engine(
                            max_chars=self._settings.max_text_chars,
                            rules_dirs=[
                                self._settings.agency_rules_dir,
                                *self._settings.rules_dirs,
                            ],
                        )
        return self._engine


async def get_analysis_engine(request: Request) -> Engine:
    return request.app.state.analysis.get()


EngineDep = Annotated[Engine, Depends(get_analysis_engine)]


def session_policy(settings: Settings) -> SessionPolicy:
    return SessionPolicy(
        lifetime=timedelta(hours=settings.session_hours),
        idle=timedelta(minutes=settings.session_idle_minutes),
    )


def login_policy(settings: Settings) -> LoginPolicy:
    return LoginPolicy(
        max_failures=settings.login_max_failures,
        lockout=timedelta(minutes=settings.login_lockout_minutes),
    )


# -- who is asking --------------------------------------------------------------------------------
@dataclass
class Auth:
    user: User | None = None
    via: str | None = None  # "session" or "token"
    web_session: WebSession | None = None
    token: ApiToken | None = None
    bad_token: bool = False  # an Authorization header was sent but is not a live token


def get_auth(request: Request, db: SessionDep) -> Auth:
    """Bearer token if an Authorization header is present (cookies are then ignored), else the
    session cookie. Memoised on the request so the CSRF guard and the route share one lookup."""
    cached = getattr(request.state, "auth", None)
    if cached is not None:
        return cached
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, value = header.partition(" ")
        row = verify_token(db, value.strip()) if scheme.lower() == "bearer" else None
        auth = Auth(user=row.user, via="token", token=row) if row else Auth(bad_token=True)
    else:
        policy = session_policy(request.app.state.settings)
        loaded = load_session(db, request.cookies.get(SESSION_COOKIE), policy)
        auth = Auth(user=loaded[1], via="session", web_session=loaded[0]) if loaded else Auth()
    request.state.auth = auth
    return auth


AuthDep = Annotated[Auth, Depends(get_auth)]


class RoleRequirement:
    """Dependency: the request must come from a logged-in user holding one of `roles`
    (any role when `roles` is None). Returns the user."""

    def __init__(self, roles: Iterable[str] | None = None, *, allow_password_change: bool = False):
        self.roles: frozenset[str] | None = frozenset(str(r) for r in roles) if roles else None
        self.allow_password_change = allow_password_change

    async def __call__(self, auth: AuthDep) -> User:
        if auth.user is None:
            raise LoginRequired("invalid_token" if auth.bad_token else "unauthorized")
        if auth.user.must_change_password and not self.allow_password_change:
            raise PasswordChangeRequired()
        if self.roles is not None and not auth.user.has_any_role(self.roles):
            raise ApiError(403, "forbidden")
        return auth.user

    def __repr__(self) -> str:
        return f"RoleRequirement({sorted(self.roles) if self.roles else 'any'})"


def require_roles(*roles: str | Role) -> RoleRequirement:
    """`Depends(require_roles(Role.AUTHOR, Role.REVIEWER))`: users with any of these roles."""
    return RoleRequirement([str(r) for r in roles] or None)


async def public() -> None:
    """Marker dependency: this route is deliberately open to anonymous visitors."""


PUBLIC = [Depends(public)]
CurrentUser = Annotated[User, Depends(require_roles())]
# A user who must change a temporary password may still reach the password page.
UserChangingPassword = Annotated[User, Depends(RoleRequirement(allow_password_change=True))]
AdminUser = Annotated[User, Depends(require_roles(Role.ADMIN))]


# -- CSRF -----------------------------------------------------------------------------------------
def expected_csrf(request: Request, auth: Auth) -> str | None:
    """The token a form or cookie-authenticated JSON request must echo back."""
    if auth.web_session is not None:
        return auth.web_session.csrf_token
    nonce = request.cookies.get(ANON_CSRF_COOKIE)
    if nonce and len(nonce) <= 100:
        return anon_csrf_token(request.app.state.secret, nonce)
    return None


async def csrf_guard(request: Request, auth: AuthDep) -> None:
    """Refuse unsafe requests that do not echo the CSRF token (form field or X-CSRF-Token).

    Requests that carry an Authorization header are exempt: browsers never add one on their own,
    and such requests are not authenticated by cookie.
    """
    if request.method in SAFE_METHODS or request.headers.get("authorization") is not None:
        return
    if auth.web_session is None and request.url.path.startswith("/api/"):
        return  # no cookie session: nothing to forge; the route answers 401
    if request.url.path.startswith(tuple(CSRF_EXEMPT_PREFIXES)):
        return  # signed machine endpoints (webhooks): no cookie authenticates them
    given = request.headers.get("x-csrf-token")
    if given is None:
        ctype = request.headers.get("content-type", "")
        if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get("csrf_token")
            given = value if isinstance(value, str) else None
    if not tokens_match(expected_csrf(request, auth), given):
        raise ApiError(403, "csrf_failed")


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"
