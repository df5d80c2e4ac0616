"""Logging in and out. Login mints a new session every time (no fixation), counts failures per
account (lock-out) and per client address (rate limit)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from netra.accounts import sessions
from netra.accounts.service import authenticate
from netra.web.cookies import SESSION_COOKIE, clear_session_cookie, set_session_cookie
from netra.web.deps import PUBLIC, AuthDep, SessionDep, client_ip
from netra.web.templating import render

router = APIRouter(tags=["akun"])


def safe_next(target: str | None) -> str:
    """Only same-site paths: `/x` yes; `//evil`, `/\\evil`, `http://…` no (open redirect)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    if any(c in target for c in "\r\n\\"):
        return "/"
    return target[:500]


@router.get("/masuk", dependencies=PUBLIC, summary="Halaman masuk")
def login_page(request: Request, auth: AuthDep, next: str | None = None) -> Response:
    if auth.user is not None and auth.via == "session":
        return RedirectResponse(safe_next(next), status_code=303)
    return render(
        request,
        "login.html",
        {"next": safe_next(next), "error": None, "username": ""},
        data={
            "fields": ["username", "password", "csrf_token", "next"],
            "post": "/masuk",
            "api": "Gunakan token API (Authorization: Bearer) untuk klien mesin.",
        },
    )


@router.post("/masuk", dependencies=PUBLIC, summary="Masuk")
def login(
    request: Request,
    db: SessionDep,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=1000)] = "/",
) -> Response:
    state = request.app.state
    ip = client_ip(request)
    wait = state.login_limiter.take(f"ip:{ip}")
    if wait > 0:
        message = (
            f"Terlalu banyak percobaan masuk dari alamat ini. Coba lagi dalam "
            f"{int(wait) + 1} detik."
        )
        return _login_failed(
            request, username, next, message, 429, {"Retry-After": str(int(wait) + 1)}
        )
    result = authenticate(db, username, password, state.login_policy, ip=ip)
    if result.user is None:
        db.commit()  # keep the failure count and the audit event
        return _login_failed(request, username, next, result.error or "", 401)
    # Never reuse the session the browser arrived with: drop it and mint a new one.
    sessions.revoke_session(db, request.cookies.get(SESSION_COOKIE))
    token, _ = sessions.create_session(db, result.user, state.session_policy)
    db.commit()
    target = "/akun/sandi" if result.user.must_change_password else safe_next(next)
    response = RedirectResponse(target, status_code=303)
    if request.query_params.get("format") == "json":
        from fastapi.responses import JSONResponse

        response = JSONResponse({"username": result.user.username, "next": target})
    set_session_cookie(request, response, token)
    return response


def _login_failed(
    request: Request,
    username: str,
    next: str,
    message: str,
    status: int,
    headers: dict[str, str] | None = None,
) -> Response:
    return render(
        request,
        "login.html",
        {"next": safe_next(next), "error": message, "username": username[:64]},
        data={
            "error": {
                "code": "login_failed" if status == 401 else "rate_limited",
                "message": message,
            }
        },
        status=status,
        headers=headers,
    )


@router.post("/keluar", dependencies=PUBLIC, summary="Keluar")
def logout(request: Request, db: SessionDep) -> Response:
    sessions.revoke_session(db, request.cookies.get(SESSION_COOKIE))
    db.commit()
    response = RedirectResponse("/masuk", status_code=303)
    clear_session_cookie(request, response)
    return response
