"""The session cookie: HttpOnly, SameSite=Lax, Secure behind HTTPS (or when configured)."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from netra.web.security import ANON_CSRF_COOKIE

SESSION_COOKIE = "netra_session"


def cookie_secure(request: Request) -> bool:
    configured = request.app.state.settings.cookie_secure
    if configured is not None:
        return bool(configured)
    return request.url.scheme == "https"


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=cookie_secure(request),
        path="/",
        max_age=request.app.state.settings.session_hours * 3600,
    )
    response.delete_cookie(ANON_CSRF_COOKIE, path="/")


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=cookie_secure(request)
    )
