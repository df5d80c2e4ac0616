"""Login, sessions and CSRF: cookies are safe, sessions rotate, guessing gets locked out."""

from __future__ import annotations

from sqlalchemy import select

from netra.accounts.tables import AuditEvent, User, WebSession
from netra.storage.db import session_scope
from netra.web.cookies import SESSION_COOKIE
from tests.web.support import RISKY_POST, build_env, csrf_from, login, page_csrf, password_for


def _set_cookie_header(response, name: str) -> str:
    for value in response.headers.get_list("set-cookie"):
        if value.startswith(name + "="):
            return value
    raise AssertionError(f"no Set-Cookie for {name}")


def test_session_cookie_is_httponly_and_samesite_lax(env):
    client = env.client()
    r = login(client, "asn", password_for("asn"))
    cookie = _set_cookie_header(r, SESSION_COOKIE).lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert "secure" not in cookie  # plain http on 127.0.0.1


def test_session_cookie_is_secure_behind_https(db_url, tmp_path, analysis_engine):
    env = build_env(db_url, tmp_path, analysis_engine)
    try:
        from fastapi.testclient import TestClient

        client = TestClient(env.app, base_url="https://netra.example", follow_redirects=False)
        r = login(client, "asn", password_for("asn"))
        assert "secure" in _set_cookie_header(r, SESSION_COOKIE).lower()
        assert r.headers["strict-transport-security"].startswith("max-age=")
    finally:
        env.db.dispose()


def test_login_mints_a_new_session_and_ignores_a_planted_one(env):
    """Session fixation: an id set by an attacker before login never becomes a logged-in id."""
    client = env.client()
    client.cookies.set(SESSION_COOKIE, "planted-by-attacker", domain="testserver.local")
    r = login(client, "asn", password_for("asn"))
    new = _set_cookie_header(r, SESSION_COOKIE).split(";")[0].split("=", 1)[1]
    assert new and new != "planted-by-attacker"
    attacker = env.client()
    attacker.cookies.set(SESSION_COOKIE, "planted-by-attacker", domain="testserver.local")
    assert attacker.get("/periksa").status_code == 303  # still anonymous


def test_logging_in_again_rotates_the_session(env):
    client = env.client("asn")
    first = client.cookies.get(SESSION_COOKIE)
    login(client, "asn", password_for("asn"))
    second = client.cookies.get(SESSION_COOKIE)
    assert first != second
    stale = env.client()
    stale.cookies.set(SESSION_COOKIE, first)
    assert stale.get("/periksa").status_code == 303
    with session_scope(env.db) as s:
        assert len(s.scalars(select(WebSession)).all()) == 1


def test_logout_ends_the_session_on_the_server(env):
    client = env.client("asn")
    token = client.cookies.get(SESSION_COOKIE)
    r = client.post("/keluar", data={"csrf_token": page_csrf(client)})
    assert r.status_code == 303
    replay = env.client()
    replay.cookies.set(SESSION_COOKIE, token)
    assert replay.get("/periksa").status_code == 303


def test_wrong_passwords_lock_the_account_even_for_the_right_one(env):
    client = env.client()
    for _ in range(3):  # login_max_failures = 3 in the test settings
        r = login(client, "reviewer", "bukan-sandinya", expect_ok=False)
        assert r.status_code == 401
    r = login(client, "reviewer", password_for("reviewer"), expect_ok=False)
    assert r.status_code == 401
    assert "dikunci" in r.text
    with session_scope(env.db) as s:
        actions = [e.action for e in s.scalars(select(AuditEvent))]
    assert actions.count("login.failure") == 3 and "login.lockout" in actions
    # An admin reset unlocks; the user must then set a new password.
    admin = env.client("admin")
    token = page_csrf(admin, "/admin/pengguna")
    r = admin.post(
        f"/admin/pengguna/{env.user_ids['reviewer']}/sandi",
        data={"csrf_token": token},
        headers={"Accept": "application/json"},
    )
    temp = r.json()["temp_password"]
    r = login(client, "reviewer", temp)
    assert r.headers["location"] == "/akun/sandi"
    assert client.get("/periksa").headers["location"] == "/akun/sandi"
    token = page_csrf(client, "/akun/sandi")
    r = client.post(
        "/akun/sandi",
        data={
            "csrf_token": token,
            "current": temp,
            "new": "sandi-baru-peninjau",
            "confirm": "sandi-baru-peninjau",
        },
    )
    assert r.status_code == 303
    assert client.get("/periksa").status_code == 200


def test_unknown_user_and_wrong_password_get_the_same_answer(env):
    a = login(env.client(), "tidak-ada", "apa-saja-123", expect_ok=False)
    b = login(env.client(), "asn", "apa-saja-123", expect_ok=False)
    assert a.status_code == b.status_code == 401
    assert (
        "Nama pengguna atau kata sandi salah." in a.text
        and "Nama pengguna atau kata sandi salah." in b.text
    )


def test_login_attempts_from_one_address_are_rate_limited(env):
    client = env.client()
    statuses = [
        login(client, f"orang{i}", "salah-salah", expect_ok=False).status_code for i in range(12)
    ]
    assert statuses[:10] == [401] * 10
    assert statuses[-1] == 429


def test_csrf_missing_or_wrong_is_refused(env):
    client = env.client("asn")
    good = page_csrf(client, "/periksa")
    form = {"text": RISKY_POST, "account": "personal", "channel": "x"}
    assert client.post("/periksa", data=form).status_code == 403
    assert client.post("/periksa", data=form | {"csrf_token": "salah"}).status_code == 403
    other = env.client("author")
    assert client.post("/periksa", data=form | {"csrf_token": page_csrf(other)}).status_code == 403
    assert client.post("/periksa", data=form | {"csrf_token": good}).status_code == 200
    # Cookie-authenticated JSON needs the header too.
    r = client.post("/api/v1/check", json={"text": "halo"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "csrf_failed"
    assert (
        client.post(
            "/api/v1/check", json={"text": "halo"}, headers={"X-CSRF-Token": good}
        ).status_code
        == 200
    )
    # The login form is protected as well (no token → refused before checking passwords).
    anon = env.client()
    r = anon.post("/masuk", data={"username": "asn", "password": password_for("asn")})
    assert r.status_code == 403


def test_csrf_refusal_on_a_form_is_an_indonesian_page(env):
    client = env.client("asn")
    r = client.post("/akun/riwayat", data={"keep_history": "1"})
    assert r.status_code == 403
    assert "token CSRF tidak cocok" in r.text and "text/html" in r.headers["content-type"]
    with session_scope(env.db) as s:
        assert s.get(User, env.user_ids["asn"]).keep_history is False


def test_open_redirect_after_login_is_refused(env):
    client = env.client()
    token = csrf_from(client.get("/masuk").text)
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        r = client.post(
            "/masuk",
            data={
                "username": "asn",
                "password": password_for("asn"),
                "csrf_token": token,
                "next": target,
            },
        )
        assert r.headers["location"] == "/", target
        token = page_csrf(client)


def test_deactivated_user_loses_access_at_once(env):
    victim = env.client("author")
    admin = env.client("admin")
    token = page_csrf(admin, "/admin/pengguna")
    r = admin.post(
        f"/admin/pengguna/{env.user_ids['author']}",
        data={"csrf_token": token, "full_name": "Pengguna author", "roles": "author"},
    )
    assert r.status_code == 303
    assert victim.get("/periksa").status_code == 303
    assert login(env.client(), "author", password_for("author"), expect_ok=False).status_code == 401


def test_security_headers_on_pages_and_api(env):
    client = env.client("asn")
    for path in ("/periksa", "/api/v1/health", "/masuk"):
        h = client.get(path).headers
        assert "script-src 'self'" in h["content-security-policy"]
        assert "unsafe-inline" not in h["content-security-policy"]
        assert "frame-ancestors 'none'" in h["content-security-policy"]
        assert h["x-frame-options"] == "DENY"
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "same-origin"
