"""History of checks: opt-in, redacted only, private to its owner, never in logs."""

from __future__ import annotations

import json
import logging

from sqlalchemy import select, text

from netra.accounts.tables import User
from netra.storage.db import session_scope
from netra.web.history import CheckRecord
from tests.web.support import NIK, RISKY_POST, page_csrf


def submit(client, post: str = RISKY_POST):
    token = page_csrf(client, "/periksa")
    return client.post(
        "/periksa", data={"text": post, "csrf_token": token, "account": "personal", "channel": "x"}
    )


def opt_in(client) -> None:
    r = client.post("/akun/riwayat", data={"csrf_token": page_csrf(client), "keep_history": "1"})
    assert r.status_code == 303


def all_history_rows(env) -> str:
    with env.db.connect() as conn:
        rows = conn.execute(text("select * from check_records")).fetchall()
    return json.dumps([list(map(str, r)) for r in rows], ensure_ascii=False)


def test_nothing_is_kept_without_opt_in(env):
    client = env.client("asn")
    assert submit(client).status_code == 200
    with session_scope(env.db) as s:
        assert s.scalars(select(CheckRecord)).all() == []


def test_opted_in_history_keeps_no_personal_data_in_clear(env, caplog):
    client = env.client("asn")
    opt_in(client)
    with caplog.at_level(logging.DEBUG):
        r = submit(client)
        client.post(
            "/api/v1/check", json={"text": RISKY_POST}, headers={"X-CSRF-Token": page_csrf(client)}
        )
    assert r.status_code == 200 and "Disimpan ke" in r.text
    stored = all_history_rows(env)
    assert "coblos kandidatuji" in stored  # the record is there …
    assert NIK not in stored  # … without the NIK: not in text, findings, messages
    assert "99************34" in stored
    assert all(NIK not in rec.getMessage() for rec in caplog.records)
    records = client.get("/riwayat?format=json").json()["records"]
    assert len(records) == 1  # live API checks are not kept, only "Periksa"
    pd = [f for f in records[0]["findings"] if f["category"] == "personal_data"]
    assert pd and pd[0]["text"] is None and NIK not in pd[0]["message"]
    detail = client.get(f"/riwayat/{records[0]['id']}")
    assert detail.status_code == 200 and NIK not in detail.text
    assert '<mark class="sev-high"' in detail.text


def test_a_user_never_sees_another_users_history(env):
    alice, bob = env.client("asn"), env.client("author")
    opt_in(alice)
    submit(alice)
    record_id = alice.get("/riwayat?format=json").json()["records"][0]["id"]
    assert bob.get(f"/riwayat/{record_id}").status_code == 404
    assert bob.get(f"/riwayat/{record_id}?format=json").json()["error"]["code"] == "not_found"
    assert bob.get("/riwayat?format=json").json()["records"] == []
    assert "coblos" not in bob.get("/riwayat").text
    # Bob deleting "his" history leaves Alice's alone.
    bob.post("/riwayat/hapus", data={"csrf_token": page_csrf(bob)})
    assert len(alice.get("/riwayat?format=json").json()["records"]) == 1


def test_opting_out_can_delete_existing_history(env):
    client = env.client("asn")
    opt_in(client)
    submit(client)
    client.post("/akun/riwayat", data={"csrf_token": page_csrf(client), "delete_existing": "1"})
    with session_scope(env.db) as s:
        assert s.get(User, env.user_ids["asn"]).keep_history is False
        assert s.scalars(select(CheckRecord)).all() == []
