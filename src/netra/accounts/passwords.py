"""Password hashing with argon2id (argon2-cffi), and the password policy."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 8
MAX_LENGTH = 256  # argon2 accepts more, but a megabyte "password" is a denial-of-service attempt

_hasher = PasswordHasher()  # argon2id, RFC 9106 low-memory profile defaults
# Verifying against this when the user does not exist keeps the response time the same, so the
# login form does not reveal which user names exist.
_DUMMY_HASH = _hasher.hash("netra-dummy-password")


class PasswordPolicyError(ValueError):
    """The password does not meet the policy; the message is Indonesian."""


def check_policy(password: str, username: str | None = None) -> None:
    if len(password) < MIN_LENGTH:
        raise PasswordPolicyError(f"Kata sandi minimal {MIN_LENGTH} karakter.")
    if len(password) > MAX_LENGTH:
        raise PasswordPolicyError(f"Kata sandi maksimal {MAX_LENGTH} karakter.")
    if username and password.strip().lower() == username.strip().lower():
        raise PasswordPolicyError("Kata sandi tidak boleh sama dengan nama pengguna.")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when the password matches; runs a full verification even for missing users."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


def use_hasher(hasher: PasswordHasher) -> PasswordHasher:
    """Swap the hasher (tests use cheap parameters); returns the previous one."""
    global _hasher, _DUMMY_HASH
    previous = _hasher
    _hasher = hasher
    _DUMMY_HASH = hasher.hash("netra-dummy-password")
    return previous
