"""REST API v1: the analysis contract over HTTP, batches, JSON errors, limits, tokens."""

from __future__ import annotations

import json

from sqlalchemy import select

from netra.accounts import sessions
from netra.accounts.tables import ApiToken, User
from netra.storage.db import session_scope
from tests.web.support import NIK, RISKY_POST, build_env

CONTRACT_KEYS = {"id", "verdict", "risk_score", "findings", "redacted_text", "engine_version"}
FINDING_KEYS = {
    "category",
    "entity",
    "severity",
    "confidence",
    "start",
    "end",
    "text",
    "message",
    "rules",
    "suggestion",
    "detector",
}


def make_token(env, role: str = "asn") -> str:
    with session_scope(env.db) as s:
        clear, _ = sessions.create_token(s, s.get(User, env.user_ids[role]), "uji")
    return clear


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_check_one_post_returns_the_contract(env):
    client = env.client()
    r = client.post(
        "/api/v1/check",
        headers=bearer(make_token(env)),
        json={"id": 7, "text": RISKY_POST, "context": {"account": "personal"}},
    )
    assert r.status_code == 200
    body = r.json()
    assert set(body) == CONTRACT_KEYS
    assert body["id"] == "7" and body["verdict"] == "high_risk"
    for f in body["findings"]:
        assert set(f) == FINDING_KEYS
        assert RISKY_POST[f["start"] : f["end"]] == f["text"]
    assert NIK not in body["redacted_text"]


def test_batch_goes_on_past_bad_items(env):
    items = [
        {"id": "a", "text": "Selamat pagi"},
        {"id": "b", "text": ""},
        {"id": "c", "text": RISKY_POST},
        "teks polos",
        42,
        {"id": "d", "text": "x", "context": {"account": "robot"}},
    ]
    r = env.client().post("/api/v1/check", headers=bearer(make_token(env)), json={"items": items})
    assert r.status_code == 200
    results = r.json()["results"]
    assert r.json()["count"] == 6
    assert results[0]["verdict"] == "safe"
    assert results[1] == {
        "id": "b",
        "error": {"code": "empty_text", "message": results[1]["error"]["message"]},
    }
    assert results[2]["verdict"] == "high_risk"
    assert results[3]["verdict"] == "safe"
    assert results[4]["error"]["code"] == "invalid_item"
    assert results[5]["error"]["code"] == "invalid_context"


def test_json_errors_have_codes_and_indonesian_messages(env):
    client = env.client()
    h = bearer(make_token(env)) | {"Content-Type": "application/json"}
    cases = [
        (b"{bukan json", 400, "invalid_json"),
        (b"[1, 2]", 422, "invalid_request"),
        (b'{"text": ""}', 422, "empty_text"),
        (b'{"text": 12}', 422, "invalid_text"),
        (b'{"items": []}', 422, "invalid_request"),
        (json.dumps({"items": ["x"] * 1001}).encode(), 422, "batch_too_large"),
        (json.dumps({"text": "a" * 50_001}).encode(), 422, "text_too_long"),
    ]
    for body, status, code in cases:
        r = client.post("/api/v1/check", content=body, headers=h)
        assert r.status_code == status, (body[:30], r.text)
        error = r.json()["error"]
        assert error["code"] == code
        assert error["message"] and "Traceback" not in error["message"]
    assert client.get("/api/v1/tidak-ada").json()["error"]["code"] == "not_found"
    r = client.delete("/api/v1/check", headers=bearer(make_token(env)))
    assert r.json()["error"]["code"] == "method_not_allowed"


def test_authentication_is_required_and_tokens_can_be_revoked(env):
    client = env.client()
    r = client.post("/api/v1/check", json={"text": "halo"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    r = client.post("/api/v1/check", json={"text": "halo"}, headers=bearer("ntr_abc_def"))
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_token"
    token = make_token(env)
    assert client.get("/api/v1/me", headers=bearer(token)).json()["via"] == "token"
    with session_scope(env.db) as s:
        row = s.scalar(select(ApiToken))
        assert row.token_hash != token and token.split("_", 2)[2] not in row.token_hash
        sessions.revoke_token(s, row.id, row.user_id, actor_id=row.user_id)
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_oversized_bodies_are_refused_before_parsing(db_url, tmp_path, analysis_engine):
    env = build_env(db_url, tmp_path, analysis_engine, max_request_bytes=2_000)
    try:
        client = env.client()
        h = bearer(make_token(env)) | {"Content-Type": "application/json"}
        big = json.dumps({"text": "a" * 5_000}).encode()
        r = client.post("/api/v1/check", content=big, headers=h)
        assert r.status_code == 413 and r.json()["error"]["code"] == "request_too_large"

        def chunks():  # no Content-Length: counted while reading
            for _ in range(10):
                yield b"a" * 500

        r = client.post("/api/v1/check", content=chunks(), headers=h)
        assert r.status_code == 413
        assert client.post("/api/v1/check", json={"text": "halo"}, headers=h).status_code == 200
    finally:
        env.db.dispose()


def test_each_token_has_its_own_rate_limit(db_url, tmp_path, analysis_engine):
    env = build_env(db_url, tmp_path, analysis_engine, api_rate_per_minute=1, api_burst=3)
    try:
        client = env.client()
        first, second = make_token(env, "asn"), make_token(env, "author")
        codes = [
            client.post("/api/v1/check", json={"text": "halo"}, headers=bearer(first)).status_code
            for _ in range(4)
        ]
        assert codes == [200, 200, 200, 429]
        r = client.post("/api/v1/check", json={"text": "halo"}, headers=bearer(first))
        assert r.json()["error"]["code"] == "rate_limited" and int(r.headers["retry-after"]) >= 1
        assert (
            client.post("/api/v1/check", json={"text": "halo"}, headers=bearer(second)).status_code
            == 200
        )
    finally:
        env.db.dispose()


def test_rules_regulations_health_version_and_openapi(env):
    client = env.client()
    h = bearer(make_token(env))
    rules = client.get("/api/v1/rules", headers=h).json()["rules"]
    test_rule = next(r for r in rules if r["id"] == "web-test-ajakan-coblos")
    assert test_rule["examples"]["match"] and test_rule["regulations"] == ["web-test-netralitas"]
    regs = client.get("/api/v1/regulations", headers=h).json()["regulations"]
    assert any(r["id"] == "web-test-pdp" and r["article"] == "Pasal 2 (uji)" for r in regs)
    assert client.get("/api/v1/rules").status_code == 401
    assert client.get("/api/v1/health").json() == {"status": "ok", "database": "ok"}
    assert client.get("/api/v1/version").json()["api"] == "v1"
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/check" in spec["paths"] and "CheckItem" in spec["components"]["schemas"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and "/api/v1/check" in docs.text
    assert "cdn" not in docs.text.lower()


def test_factcheck_option_must_be_a_boolean(env):
    client = env.client()
    r = client.post(
        "/api/v1/check",
        headers=bearer(make_token(env)),
        json={"text": "Selamat pagi warga", "factcheck": "ya"},
    )
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "invalid_request"
    ok = client.post(
        "/api/v1/check",
        headers=bearer(make_token(env)),
        json={"text": "Selamat pagi warga", "factcheck": False},
    )
    assert ok.status_code == 200 and ok.json()["verdict"] == "safe"
