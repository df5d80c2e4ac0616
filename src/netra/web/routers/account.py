"""My account: the history opt-in, my password, my API tokens."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from netra.accounts import audit, sessions
from netra.accounts.service import AccountError, change_own_password
from netra.web import history
from netra.web.cookies import set_session_cookie
from netra.web.deps import CurrentUser, SessionDep, UserChangingPassword, client_ip
from netra.web.errors import ApiError
from netra.web.nav import register_nav
from netra.web.templating import render

router = APIRouter(prefix="/akun", tags=["akun"])
register_nav("Akun", "/akun", order=90)


def _account_page(
    request: Request,
    user,
    db,
    *,
    new_token: str | None = None,
    message: str | None = None,
    status: int = 200,
) -> Response:
    tokens = sessions.list_tokens(db, user.id)
    return render(
        request,
        "account.html",
        {"tokens": tokens, "new_token": new_token, "message": message},
        data={
            "username": user.username,
            "full_name": user.full_name,
            "unit": user.unit.name if user.unit else None,
            "roles": sorted(user.roles),
            "keep_history": user.keep_history,
            "new_token": new_token,
            "tokens": [
                {
                    "id": t.id,
                    "name": t.name,
                    "prefix": t.prefix,
                    "created_at": t.created_at.isoformat(),
                    "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
                    "revoked": t.revoked_at is not None,
                }
                for t in tokens
            ],
        },
        status=status,
    )


@router.get("", summary="Akun saya")
def account_page(request: Request, user: CurrentUser, db: SessionDep) -> Response:
    return _account_page(request, user, db)


@router.post("/riwayat", summary="Atur penyimpanan riwayat")
def set_history(
    request: Request,
    user: CurrentUser,
    db: SessionDep,
    keep_history: Annotated[str, Form(max_length=10)] = "",
    delete_existing: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    user.keep_history = keep_history in ("1", "on", "true", "ya")
    if not user.keep_history and delete_existing in ("1", "on", "true", "ya"):
        history.delete_checks(db, user.id)
    audit.record(
        db,
        "user.history_optin" if user.keep_history else "user.history_optout",
        actor_id=user.id,
        target_type="user",
        target_id=user.id,
    )
    db.commit()
    return RedirectResponse("/akun", status_code=303)


@router.get("/sandi", summary="Ganti kata sandi")
def password_page(request: Request, user: UserChangingPassword) -> Response:
    return render(
        request,
        "password.html",
        {"error": None},
        data={
            "must_change_password": user.must_change_password,
            "fields": ["current", "new", "confirm", "csrf_token"],
        },
    )


@router.post("/sandi", summary="Ganti kata sandi")
def change_password(
    request: Request,
    user: UserChangingPassword,
    db: SessionDep,
    current: Annotated[str, Form(max_length=1000)] = "",
    new: Annotated[str, Form(max_length=1000)] = "",
    confirm: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    error = None
    if new != confirm:
        error = "Konfirmasi kata sandi tidak sama."
    else:
        try:
            change_own_password(db, user, current, new, ip=client_ip(request))
        except AccountError as exc:
            error = str(exc)
    if error:
        return render(
            request,
            "password.html",
            {"error": error},
            data={"error": {"code": "invalid_password", "message": error}},
            status=422,
        )
    # A new password ends every other session of this user; this browser gets a fresh one.
    sessions.revoke_all_sessions(db, user.id)
    token, _ = sessions.create_session(db, user, request.app.state.session_policy)
    db.commit()
    response = RedirectResponse("/akun", status_code=303)
    set_session_cookie(request, response, token)
    return response


@router.post("/token", summary="Buat token API")
def create_token(
    request: Request,
    user: CurrentUser,
    db: SessionDep,
    name: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    if len(sessions.list_tokens(db, user.id)) >= 50:
        raise ApiError(422, "too_many_tokens", "Maksimal 50 token per pengguna; cabut yang lama.")
    clear, _ = sessions.create_token(db, user, name or "token")
    db.commit()
    return _account_page(
        request,
        user,
        db,
        new_token=clear,
        message="Token dibuat. Salin sekarang: token tidak akan ditampilkan lagi.",
    )


@router.post("/token/{token_id}/cabut", summary="Cabut token API")
def revoke_token(token_id: int, user: CurrentUser, db: SessionDep) -> Response:
    if not sessions.revoke_token(db, token_id, user.id, actor_id=user.id):
        raise ApiError(404, "not_found")
    db.commit()
    return RedirectResponse("/akun", status_code=303)
