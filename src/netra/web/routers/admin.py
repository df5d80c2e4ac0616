"""Administration: users (create, edit roles/unit/status, reset password), units, audit log."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from netra.accounts import audit, service
from netra.accounts.roles import Role
from netra.accounts.tables import User
from netra.storage.base import utcnow
from netra.web.deps import AdminUser, SessionDep, client_ip
from netra.web.errors import ApiError
from netra.web.nav import register_nav
from netra.web.templating import render

router = APIRouter(prefix="/admin", tags=["admin"])
register_nav("Pengguna", "/admin/pengguna", roles={Role.ADMIN}, order=80)
register_nav("Unit kerja", "/admin/unit", roles={Role.ADMIN}, order=81)
register_nav("Jejak audit", "/admin/audit", roles={Role.ADMIN}, order=82)


def user_dict(u: User) -> dict:
    now = utcnow()
    return {
        "id": u.id,
        "username": u.username,
        "full_name": u.full_name,
        "unit": u.unit.code if u.unit else None,
        "roles": sorted(u.roles),
        "is_active": u.is_active,
        "locked": bool(u.locked_until and u.locked_until > now),
        "must_change_password": u.must_change_password,
        "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None,
    }


def _unit_id(value: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if not value.isdigit():
        raise service.AccountError("Unit kerja tidak valid.")
    return int(value)


def _users_page(
    request: Request, db, *, error: str | None = None, form: dict | None = None, status: int = 200
) -> Response:
    users = service.list_users(db)
    return render(
        request,
        "admin_users.html",
        {
            "users": users,
            "units": service.list_units(db),
            "roles": list(Role),
            "error": error,
            "form": form or {},
            "now": utcnow(),
        },
        data={"users": [user_dict(u) for u in users]},
        status=status,
    )


@router.get("/pengguna", summary="Daftar pengguna")
def users_page(request: Request, admin: AdminUser, db: SessionDep) -> Response:
    return _users_page(request, db)


@router.post("/pengguna", summary="Buat pengguna")
async def create_user(request: Request, admin: AdminUser, db: SessionDep) -> Response:
    form = await request.form()
    fields = {k: str(form.get(k, ""))[:300] for k in ("username", "full_name", "password", "unit")}
    roles = [str(r) for r in form.getlist("roles")][:10]
    try:
        service.create_user(
            db,
            fields["username"],
            fields["full_name"],
            fields["password"],
            roles,
            unit_id=_unit_id(fields["unit"]),
            must_change_password=True,
            actor_id=admin.id,
        )
    except service.AccountError as exc:
        db.rollback()
        fields.pop("password")
        return _users_page(request, db, error=str(exc), form=fields | {"roles": roles}, status=422)
    db.commit()
    return RedirectResponse("/admin/pengguna", status_code=303)


def _get_user(db, user_id: int) -> User:
    user = db.get(User, user_id)
    if user is None:
        raise ApiError(404, "not_found", "Pengguna tidak ditemukan.")
    return user


def _user_page(
    request: Request,
    db,
    user: User,
    *,
    error: str | None = None,
    temp_password: str | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "admin_user.html",
        {
            "target": user,
            "units": service.list_units(db),
            "roles": list(Role),
            "error": error,
            "temp_password": temp_password,
            "now": utcnow(),
        },
        data=user_dict(user) | ({"temp_password": temp_password} if temp_password else {}),
        status=status,
    )


@router.get("/pengguna/{user_id}", summary="Ubah pengguna")
def user_page(request: Request, user_id: int, admin: AdminUser, db: SessionDep) -> Response:
    return _user_page(request, db, _get_user(db, user_id))


@router.post("/pengguna/{user_id}", summary="Simpan perubahan pengguna")
async def update_user(request: Request, user_id: int, admin: AdminUser, db: SessionDep) -> Response:
    user = _get_user(db, user_id)
    form = await request.form()
    try:
        service.update_user(
            db,
            user,
            full_name=str(form.get("full_name", ""))[:300],
            unit_id=_unit_id(str(form.get("unit", ""))),
            roles=[str(r) for r in form.getlist("roles")][:10],
            is_active=form.get("is_active") == "1",
            actor_id=admin.id,
        )
    except service.AccountError as exc:
        db.rollback()
        return _user_page(request, db, _get_user(db, user_id), error=str(exc), status=422)
    db.commit()
    return RedirectResponse(f"/admin/pengguna/{user.id}", status_code=303)


@router.post("/pengguna/{user_id}/sandi", summary="Atur ulang kata sandi pengguna")
def reset_password(request: Request, user_id: int, admin: AdminUser, db: SessionDep) -> Response:
    """Generates a temporary password, shown once; the user must change it at next login."""
    user = _get_user(db, user_id)
    temp = secrets.token_urlsafe(9)
    service.reset_password(db, user, temp, actor_id=admin.id, ip=client_ip(request))
    db.commit()
    return _user_page(request, db, user, temp_password=temp)


@router.get("/unit", summary="Daftar unit kerja")
def units_page(request: Request, admin: AdminUser, db: SessionDep) -> Response:
    return _units_page(request, db)


def _units_page(
    request: Request, db, *, error: str | None = None, form: dict | None = None, status: int = 200
) -> Response:
    units = service.list_units(db)
    return render(
        request,
        "admin_units.html",
        {"units": units, "error": error, "form": form or {}},
        data={
            "units": [
                {"id": u.id, "code": u.code, "name": u.name, "users": len(u.users)} for u in units
            ]
        },
        status=status,
    )


@router.post("/unit", summary="Buat unit kerja")
def create_unit(
    request: Request,
    admin: AdminUser,
    db: SessionDep,
    code: Annotated[str, Form(max_length=100)] = "",
    name: Annotated[str, Form(max_length=300)] = "",
) -> Response:
    try:
        service.create_unit(db, code, name, actor_id=admin.id)
    except service.AccountError as exc:
        db.rollback()
        return _units_page(
            request, db, error=str(exc), form={"code": code, "name": name}, status=422
        )
    db.commit()
    return RedirectResponse("/admin/unit", status_code=303)


@router.get("/audit", summary="Jejak audit")
def audit_page(request: Request, admin: AdminUser, db: SessionDep) -> Response:
    events = audit.recent(db, 200)
    names = {u.id: u.username for u in service.list_users(db)}
    return render(
        request,
        "admin_audit.html",
        {"events": events, "names": names},
        data={
            "events": [
                {
                    "at": e.at.isoformat(),
                    "actor": names.get(e.actor_id),
                    "action": e.action,
                    "target_type": e.target_type,
                    "target_id": e.target_id,
                    "detail": e.detail,
                }
                for e in events
            ]
        },
    )
