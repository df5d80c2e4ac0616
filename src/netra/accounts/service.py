"""Users and units: create, update, authenticate (with lock-out), reset passwords.

Functions take an explicit SQLAlchemy session and never commit: the caller (a web route or a CLI
command) owns the transaction, so one user action is one commit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netra.accounts import audit, passwords
from netra.accounts.roles import Role, parse_roles
from netra.accounts.tables import Unit, User, UserRole
from netra.storage.base import utcnow

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
UNIT_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


class AccountError(ValueError):
    """A request about accounts cannot be honoured; the message is Indonesian, for people."""


# -- units ----------------------------------------------------------------------------------------
def create_unit(session: Session, code: str, name: str, *, actor_id: int | None = None) -> Unit:
    code, name = code.strip(), " ".join(name.split())
    if not UNIT_CODE_RE.match(code):
        raise AccountError("Kode unit 1–40 karakter: huruf, angka, titik, garis bawah atau strip.")
    if not name or len(name) > 200:
        raise AccountError("Nama unit wajib diisi (maksimal 200 karakter).")
    if session.scalar(select(Unit).where(func.lower(Unit.code) == code.lower())):
        raise AccountError(f"Unit dengan kode '{code}' sudah ada.")
    unit = Unit(code=code, name=name)
    session.add(unit)
    session.flush()
    audit.record(session, "unit.create", actor_id=actor_id, target_type="unit", target_id=unit.id)
    return unit


def list_units(session: Session) -> list[Unit]:
    return list(session.scalars(select(Unit).order_by(Unit.name)))


def unit_by_code(session: Session, code: str) -> Unit | None:
    return session.scalar(select(Unit).where(func.lower(Unit.code) == code.strip().lower()))


# -- users ----------------------------------------------------------------------------------------
def normalize_username(username: str) -> str:
    return username.strip().lower()


def get_user_by_username(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == normalize_username(username)))


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def count_users(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User)) or 0


def create_user(
    session: Session,
    username: str,
    full_name: str,
    password: str,
    roles: list[str] | set[str] | tuple[str, ...],
    *,
    unit_id: int | None = None,
    must_change_password: bool = False,
    keep_history: bool = False,
    actor_id: int | None = None,
) -> User:
    username = normalize_username(username)
    full_name = " ".join(full_name.split())
    if not USERNAME_RE.match(username):
        raise AccountError(
            "Nama pengguna 2–64 karakter: huruf kecil, angka, titik, garis bawah atau strip."
        )
    if not full_name or len(full_name) > 200:
        raise AccountError("Nama lengkap wajib diisi (maksimal 200 karakter).")
    try:
        role_set = parse_roles(list(roles))
    except ValueError as exc:
        raise AccountError(str(exc)) from None
    if not role_set:
        raise AccountError("Pilih setidaknya satu peran.")
    try:
        passwords.check_policy(password, username)
    except passwords.PasswordPolicyError as exc:
        raise AccountError(str(exc)) from None
    if get_user_by_username(session, username):
        raise AccountError(f"Nama pengguna '{username}' sudah dipakai.")
    if unit_id is not None and session.get(Unit, unit_id) is None:
        raise AccountError("Unit kerja tidak ditemukan.")
    user = User(
        username=username,
        full_name=full_name,
        password_hash=passwords.hash_password(password),
        unit_id=unit_id,
        must_change_password=must_change_password,
        keep_history=keep_history,
        role_rows=[UserRole(role=str(r)) for r in sorted(role_set)],
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        "user.create",
        actor_id=actor_id,
        target_type="user",
        target_id=user.id,
        detail={"roles": sorted(str(r) for r in role_set)},
    )
    return user


def set_roles(session: Session, user: User, roles: list[str], *, actor_id: int | None) -> None:
    try:
        role_set = {str(r) for r in parse_roles(roles)}
    except ValueError as exc:
        raise AccountError(str(exc)) from None
    if not role_set:
        raise AccountError("Pilih setidaknya satu peran.")
    if user.id == actor_id and Role.ADMIN in user.roles and Role.ADMIN not in role_set:
        raise AccountError("Anda tidak bisa mencabut peran admin dari akun Anda sendiri.")
    before = sorted(user.roles)
    user.role_rows = [r for r in user.role_rows if r.role in role_set] + [
        UserRole(role=r) for r in sorted(role_set - user.roles)
    ]
    audit.record(
        session,
        "user.roles",
        actor_id=actor_id,
        target_type="user",
        target_id=user.id,
        detail={"before": before, "after": sorted(role_set)},
    )


def update_user(
    session: Session,
    user: User,
    *,
    full_name: str,
    unit_id: int | None,
    roles: list[str],
    is_active: bool,
    actor_id: int | None,
) -> None:
    full_name = " ".join(full_name.split())
    if not full_name or len(full_name) > 200:
        raise AccountError("Nama lengkap wajib diisi (maksimal 200 karakter).")
    if unit_id is not None and session.get(Unit, unit_id) is None:
        raise AccountError("Unit kerja tidak ditemukan.")
    if user.id == actor_id and not is_active:
        raise AccountError("Anda tidak bisa menonaktifkan akun Anda sendiri.")
    set_roles(session, user, roles, actor_id=actor_id)
    user.full_name, user.unit_id = full_name, unit_id
    if user.is_active != is_active:
        user.is_active = is_active
        audit.record(
            session,
            "user.activate" if is_active else "user.deactivate",
            actor_id=actor_id,
            target_type="user",
            target_id=user.id,
        )
        if not is_active:
            from netra.accounts.sessions import revoke_all_sessions

            revoke_all_sessions(session, user.id)


def reset_password(
    session: Session, user: User, new_password: str, *, actor_id: int | None, ip: str | None = None
) -> None:
    """An admin sets a temporary password: the user must change it, and is logged out everywhere.

    Also lifts a lock-out, which is how a locked-out user gets back in before the timer runs out.
    """
    try:
        passwords.check_policy(new_password, user.username)
    except passwords.PasswordPolicyError as exc:
        raise AccountError(str(exc)) from None
    from netra.accounts.sessions import revoke_all_sessions

    user.password_hash = passwords.hash_password(new_password)
    user.must_change_password = actor_id != user.id
    user.failed_logins = 0
    user.locked_until = None
    revoke_all_sessions(session, user.id)
    audit.record(
        session,
        "user.password_reset",
        actor_id=actor_id,
        target_type="user",
        target_id=user.id,
        ip=ip,
    )


def change_own_password(
    session: Session, user: User, current: str, new_password: str, *, ip: str | None = None
) -> None:
    if not passwords.verify_password(user.password_hash, current):
        raise AccountError("Kata sandi saat ini salah.")
    if current == new_password:
        raise AccountError("Kata sandi baru harus berbeda dari yang lama.")
    try:
        passwords.check_policy(new_password, user.username)
    except passwords.PasswordPolicyError as exc:
        raise AccountError(str(exc)) from None
    user.password_hash = passwords.hash_password(new_password)
    user.must_change_password = False
    audit.record(
        session,
        "user.password_change",
        actor_id=user.id,
        target_type="user",
        target_id=user.id,
        ip=ip,
    )


# -- authentication -------------------------------------------------------------------------------
@dataclass(frozen=True)
class LoginPolicy:
    max_failures: int = 5
    lockout: timedelta = timedelta(minutes=15)


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    error: str | None = None  # Indonesian, safe to show (does not reveal whether a user exists)
    locked_until: datetime | None = None


GENERIC_LOGIN_ERROR = "Nama pengguna atau kata sandi salah."


def authenticate(
    session: Session,
    username: str,
    password: str,
    policy: LoginPolicy,
    *,
    ip: str | None = None,
) -> LoginResult:
    """Check credentials, counting failures; lock the account after `max_failures` in a row.

    A locked account is refused even with the right password until the lock expires (or an admin
    resets the password): that is what makes guessing pointless.
    """
    now = utcnow()
    user = get_user_by_username(session, username) if username.strip() else None
    ok = passwords.verify_password(user.password_hash if user else None, password)
    if user is None:
        return LoginResult(None, GENERIC_LOGIN_ERROR)
    if user.locked_until and user.locked_until > now:
        audit.record(session, "login.locked", target_type="user", target_id=user.id, ip=ip)
        return LoginResult(None, lockout_message(user.locked_until, now), user.locked_until)
    if not ok:
        user.failed_logins += 1
        audit.record(
            session,
            "login.failure",
            target_type="user",
            target_id=user.id,
            ip=ip,
            detail={"consecutive": user.failed_logins},
        )
        if user.failed_logins >= policy.max_failures:
            user.locked_until = now + policy.lockout
            user.failed_logins = 0
            audit.record(session, "login.lockout", target_type="user", target_id=user.id, ip=ip)
            return LoginResult(None, lockout_message(user.locked_until, now), user.locked_until)
        return LoginResult(None, GENERIC_LOGIN_ERROR)
    if not user.is_active:
        return LoginResult(None, "Akun ini dinonaktifkan. Hubungi admin.")
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    audit.record(
        session, "login.success", actor_id=user.id, target_type="user", target_id=user.id, ip=ip
    )
    return LoginResult(user)


def lockout_message(until: datetime, now: datetime) -> str:
    minutes = max(1, round((until - now).total_seconds() / 60))
    return (
        f"Terlalu banyak percobaan masuk yang gagal. Akun dikunci sementara; coba lagi dalam "
        f"{minutes} menit atau minta admin mengatur ulang kata sandi."
    )
