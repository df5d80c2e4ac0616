"""XSS payloads are shown as text; SQL metacharacters are just characters."""

from __future__ import annotations

from sqlalchemy import func, select

from netra.accounts.tables import Unit, User
from netra.storage.db import session_scope
from tests.web.support import csrf_from, login, page_csrf

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'><svg onload=alert(2)>'
SQL = "Robert'); DROP TABLE users;-- \" OR 1=1 --"


def assert_escaped(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html and "<svg onload" not in html
    assert "&lt;script&gt;alert" in html


def test_xss_in_a_post_is_shown_as_text(env):
    client = env.client("asn")
    token = page_csrf(client, "/periksa")
    r = client.post("/periksa", data={"text": XSS + " coblos kandidatuji", "csrf_token": token})
    assert r.status_code == 200
    assert_escaped(r.text)


def test_xss_in_names_and_units_is_shown_as_text(env):
    admin = env.client("admin")
    token = page_csrf(admin, "/admin/unit")
    admin.post("/admin/unit", data={"csrf_token": token, "code": "XSS", "name": XSS})
    with session_scope(env.db) as s:
        unit_id = s.scalar(select(Unit.id).where(Unit.code == "XSS"))
    r = admin.post(
        "/admin/pengguna",
        data={
            "csrf_token": token,
            "username": "xss",
            "full_name": XSS,
            "password": "sandi-xss-123",
            "unit": str(unit_id),
            "roles": "asn",
        },
    )
    assert r.status_code == 303
    for path in ("/admin/pengguna", "/admin/unit"):
        assert_escaped(admin.get(path).text)
    victim = env.client()
    login(victim, "xss", "sandi-xss-123")
    token = page_csrf(victim, "/akun/sandi")
    victim.post(
        "/akun/sandi",
        data={
            "csrf_token": token,
            "current": "sandi-xss-123",
            "new": "sandi-xss-456",
            "confirm": "sandi-xss-456",
        },
    )
    assert_escaped(victim.get("/akun").text)
    # A rejected form echoes the input back, escaped.
    r = admin.post(
        "/admin/pengguna",
        data={
            "csrf_token": token_for(admin),
            "username": XSS,
            "full_name": XSS,
            "password": "x",
            "roles": "asn",
        },
    )
    assert r.status_code == 422
    assert_escaped(r.text)


def token_for(client) -> str:
    return csrf_from(client.get("/admin/pengguna").text)


def test_xss_in_quiz_answers_is_shown_as_text(env):
    client = env.client("asn")
    quiz = client.get("/kuis?format=json").json()
    form = {"csrf_token": page_csrf(client), "quiz": quiz["quiz"]}
    form |= {f"q_{q['id']}": XSS for q in quiz["questions"]}
    form["q_" + XSS] = XSS
    r = client.post("/kuis", data=form)
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "<svg onload" not in r.text
    assert "(tidak dijawab)" in r.text


def test_sql_metacharacters_are_harmless(env):
    r = login(env.client(), "admin' OR '1'='1", "' OR '1'='1", expect_ok=False)
    assert r.status_code == 401
    admin = env.client("admin")
    token = page_csrf(admin, "/admin/unit")
    r = admin.post("/admin/unit", data={"csrf_token": token, "code": "SQL", "name": SQL})
    assert r.status_code == 303
    assert SQL.replace('"', "&#34;").replace("'", "&#39;") in admin.get("/admin/unit").text
    client = env.client("asn")
    r = client.post("/periksa", data={"text": SQL, "csrf_token": page_csrf(client, "/periksa")})
    assert r.status_code == 200
    assert admin.get("/riwayat?page=1%27%20OR%201=1").status_code == 422
    with session_scope(env.db) as s:
        assert s.scalar(select(func.count()).select_from(User)) == 5
        assert s.scalar(select(Unit.name).where(Unit.code == "SQL")) == " ".join(SQL.split())
