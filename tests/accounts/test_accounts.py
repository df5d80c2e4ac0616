"""Accounts: validation, argon2 hashes, lock-out, sessions, tokens, and `netra users`."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from netra.accounts import passwords, service, sessions
from netra.accounts.tables import User, WebSession
from netra.storage.base import utcnow
from netra.storage.db import make_engine, session_scope
from netra.storage.migrate import upgrade


@pytest.fixture
def db(db_url):
    engine = make_engine(db_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def test_passwords_are_argon2id_and_verified():
    stored = passwords.hash_password("rahasia-sekali")
    assert stored.startswith("$argon2id$")
    assert passwords.verify_password(stored, "rahasia-sekali")
    assert not passwords.verify_password(stored, "salah")
    assert not passwords.verify_password(None, "apa-saja")
    assert not passwords.verify_password("bukan-hash", "apa-saja")
    assert not passwords.verify_password(stored, "x" * 10_000)


def test_user_validation_messages_are_indonesian(db):
    with session_scope(db) as s:
        cases = [
            (("A B", "Nama", "sandi-aman-1", ["asn"]), "Nama pengguna"),
            (("budi", "", "sandi-aman-1", ["asn"]), "Nama lengkap"),
            (("budi", "Budi", "pendek", ["asn"]), "minimal 8"),
            (("budi", "Budi", "budi", ["asn"]), "minimal 8"),
            (("budi", "Budi", "sandi-aman-1", ["raja"]), "tidak dikenal"),
            (("budi", "Budi", "sandi-aman-1", []), "setidaknya satu"),
        ]
        for args, expected in cases:
            with pytest.raises(service.AccountError, match=expected):
                service.create_user(s, *args)
        service.create_user(s, "Budi", "Budi", "sandi-aman-1", ["asn", "author"])
        with pytest.raises(service.AccountError, match="sudah dipakai"):
            service.create_user(s, "budi", "Budi 2", "sandi-aman-1", ["asn"])
        assert service.get_user_by_username(s, " BUDI ").roles == {"asn", "author"}


def test_lockout_expires_and_success_resets_the_counter(db):
    policy = service.LoginPolicy(max_failures=2, lockout=timedelta(minutes=5))
    with session_scope(db) as s:
        service.create_user(s, "sari", "Sari", "sandi-sari-1", ["asn"])
    with session_scope(db) as s:
        assert service.authenticate(s, "sari", "salah", policy).user is None
        assert service.authenticate(s, "sari", "sandi-sari-1", policy).user is not None
        assert service.get_user_by_username(s, "sari").failed_logins == 0
        service.authenticate(s, "sari", "salah", policy)
        locked = service.authenticate(s, "sari", "salah", policy)
        assert locked.locked_until is not None and "dikunci" in locked.error
        assert service.authenticate(s, "sari", "sandi-sari-1", policy).user is None
        service.get_user_by_username(s, "sari").locked_until = utcnow() - timedelta(seconds=1)
        assert service.authenticate(s, "sari", "sandi-sari-1", policy).user is not None


def test_sessions_expire_when_idle_and_store_only_a_hash(db):
    policy = sessions.SessionPolicy(lifetime=timedelta(hours=1), idle=timedelta(minutes=10))
    with session_scope(db) as s:
        user = service.create_user(s, "eko", "Eko", "sandi-eko-12", ["asn"])
        token, row = sessions.create_session(s, user, policy)
    with session_scope(db) as s:
        assert s.get(WebSession, token) is None  # the id is a hash, not the cookie value
        assert sessions.load_session(s, token, policy) is not None
        row = s.scalar(select(WebSession))
        row.last_seen_at = utcnow() - timedelta(minutes=11)
    with session_scope(db) as s:
        assert sessions.load_session(s, token, policy) is None
        assert s.scalar(select(WebSession)) is None  # expired rows are removed


def test_cli_creates_the_first_admin_and_issues_a_token(db_url, tmp_path, monkeypatch):
    from netra.cli import app
    from netra.config import get_settings

    monkeypatch.setenv("NETRA_DATABASE_URL", db_url)
    monkeypatch.setenv("NETRA_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        r = runner.invoke(
            app,
            [
                "users",
                "create",
                "kepala",
                "--role",
                "admin",
                "--name",
                "Kepala Dinas",
                "--unit",
                "DISKOMINFO",
                "--password",
                "sandi-kepala-1",
            ],
        )
        assert r.exit_code == 0, r.output
        r = runner.invoke(
            app, ["users", "create", "kepala", "--role", "admin", "--password", "sandi-kepala-1"]
        )
        assert r.exit_code == 2 and "sudah dipakai" in r.output
        r = runner.invoke(app, ["users", "token", "kepala", "--name", "uji"])
        assert r.exit_code == 0 and r.output.strip().startswith("ntr_")
        r = runner.invoke(app, ["users", "reset-password", "kepala"])
        assert r.exit_code == 0 and "sementara" in r.output
        r = runner.invoke(app, ["db", "upgrade"])
        assert r.exit_code == 0
        engine = make_engine(db_url)
        with session_scope(engine) as s:
            user = s.scalar(select(User).where(User.username == "kepala"))
            assert user.roles == {"admin"} and user.unit.code == "DISKOMINFO"
            assert user.must_change_password
        engine.dispose()
    finally:
        get_settings.cache_clear()
