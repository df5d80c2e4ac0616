"""Citizen inbox pages and webhook routes over HTTP: who may see and do what, CSRF on every
form, signed webhooks (bad signatures refused, replays not processed twice, triage right after
accepting), citizen text shown as text, personal data masked in lists, replies checked before
they are sent to the (local) reply webhook, and the JSON twin of every page."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from netra.inbox.tables import Delivery, Event, Message, Reply
from netra.inbox.webhooks import sign_body
from netra.storage.db import session_scope
from tests.inbox.conftest import (  # noqa: F401  (local_server is a fixture)
    META_SECRET,
    TELEGRAM_SECRET,
    WEBHOOK_SECRET,
    body_of,
    local_server,
    meta_comment,
)
from tests.web.support import build_env, page_csrf

LIST = "/kotak-masuk"
PAGES = [LIST, "/kotak-masuk/dasbor"]
ADMIN_PAGES = ["/kotak-masuk/kelola/aturan", "/kotak-masuk/kelola/standar"]
KNOWLEDGE_PAGES = ["/kotak-masuk/kelola/faq"]
PHONE = "081234567890"
FIRE = "Tolong pak!!! Rumah di gang Melati kebakaran, api sudah besar, cepat kirim damkar"
QUESTION = "Min, syarat bikin KTP elektronik apa aja ya? Saya bisa dihubungi di " + PHONE


@pytest.fixture
def env(db_url, tmp_path, analysis_engine, local_server):  # noqa: F811
    """The app with every webhook secret set and replies going to a local test server."""
    local_server.route("POST", "/balasan", (200, {"id": "balasan-1"}))
    web_env = build_env(
        db_url,
        tmp_path,
        analysis_engine,
        inbox_meta_app_secret=META_SECRET,
        inbox_meta_verify_token="verify-me",
        inbox_telegram_secret_token=TELEGRAM_SECRET,
        inbox_webhook_secret=WEBHOOK_SECRET,
        inbox_reply_webhook_url=f"{local_server.url}/balasan",
    )
    web_env.replies = local_server  # type: ignore[attr-defined]
    yield web_env
    web_env.db.dispose()
    web_env.app.state.db_engine.dispose()


def deliver(client, items: list[dict], *, secret: str = WEBHOOK_SECRET, body: bytes | None = None):
    """A signed delivery to the generic webhook, as a gateway would send it."""
    body = body if body is not None else body_of({"messages": items})
    return client.post(
        "/inbox/webhook/webhook",
        content=body,
        headers={"Content-Type": "application/json", "X-Netra-Signature": sign_body(body, secret)},
    )


def item(ident: str, text: str, **extra) -> dict:
    return {"id": ident, "text": text, "author_name": "Warga Uji", **extra}


def count(env, model) -> int:
    with session_scope(env.db) as session:
        return int(session.scalar(select(func.count()).select_from(model)))


def only_message_id(env, platform_id: str) -> int:
    with session_scope(env.db) as session:
        return int(
            session.scalar(select(Message.id).where(Message.platform_message_id == platform_id))
        )


# -- access ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["asn", "oversight"])
def test_roles_without_the_inbox_are_refused(env, role):
    client = env.client(role)
    for path in [
        *PAGES,
        *ADMIN_PAGES,
        *KNOWLEDGE_PAGES,
        "/kotak-masuk/1",
        "/kotak-masuk/dasbor.csv",
    ]:
        r = client.get(path)
        assert r.status_code == 403, (path, r.status_code)
        assert "Akses ditolak" in r.text
    token = page_csrf(client)
    r = client.post("/kotak-masuk/1/ambil", data={"csrf_token": token})
    assert r.status_code == 403
    assert 'href="/kotak-masuk"' not in client.get("/akun").text


def test_humas_roles_see_the_inbox_and_admin_pages_by_role(env):
    for role in ("author", "reviewer", "admin"):
        client = env.client(role)
        assert 'href="/kotak-masuk"' in client.get("/akun").text, role
        for path in PAGES:
            html = client.get(path)
            assert html.status_code == 200 and "text/html" in html.headers["content-type"]
            twin = client.get(path, params={"format": "json"})
            assert twin.headers["content-type"].startswith("application/json"), path
        for path in ADMIN_PAGES:
            assert client.get(path).status_code == (200 if role == "admin" else 403), (role, path)
        for path in KNOWLEDGE_PAGES:
            expected = 403 if role == "author" else 200
            assert client.get(path).status_code == expected, (role, path)


def test_csrf_is_required_on_every_form(env):
    deliver(env.client(), [item("c1", QUESTION)])
    message_id = only_message_id(env, "c1")
    client = env.client("admin")
    posts = [
        (f"/kotak-masuk/{message_id}/ambil", {}),
        (f"/kotak-masuk/{message_id}/alihkan", {"petugas": "1", "catatan": "x"}),
        (f"/kotak-masuk/{message_id}/balas", {"teks": "Terima kasih.", "aksi": "kirim"}),
        (f"/kotak-masuk/{message_id}/selesai", {}),
        ("/kotak-masuk/notifikasi/baca", {}),
        ("/kotak-masuk/kelola/aturan", {"unit": "humas"}),
        ("/kotak-masuk/kelola/libur", {"tanggal": "2026-12-31", "nama": "x"}),
        ("/kotak-masuk/kelola/faq", {"pertanyaan": "q", "jawaban": "a"}),
    ]
    for path, data in posts:
        r = client.post(path, data=data, headers={"Accept": "application/json"})
        assert r.status_code == 403 and r.json()["error"]["code"] == "csrf_failed", path
        assert client.post(path, data=data | {"csrf_token": "palsu"}).status_code == 403, path
    assert count(env, Reply) == 0
    assert env.replies.requests == []


# -- webhooks -------------------------------------------------------------------------------------
def test_webhook_with_bad_or_missing_signature_is_refused_and_nothing_stored(env):
    client = env.client()
    body = body_of({"messages": [item("x1", "halo")]})
    assert deliver(client, [], body=body, secret="rahasia-salah").status_code == 401
    r = client.post("/inbox/webhook/webhook", content=body)
    assert r.status_code == 401 and r.json()["error"]["code"] == "missing_signature"
    meta = body_of(meta_comment("m1", "halo"))
    r = client.post(
        "/inbox/webhook/meta", content=meta, headers={"X-Hub-Signature-256": "sha256=" + "0" * 64}
    )
    assert r.status_code == 401
    r = client.post(
        "/inbox/webhook/telegram", content=b"{}", headers={"X-Telegram-Bot-Api-Secret-Token": "x"}
    )
    assert r.status_code == 401
    assert count(env, Delivery) == 0 and count(env, Message) == 0
    assert client.post("/inbox/webhook/lain", content=body).status_code == 404


def test_webhook_without_a_configured_secret_fails_closed(db_url, tmp_path, analysis_engine):
    bare = build_env(db_url, tmp_path, analysis_engine)
    try:
        body = body_of({"messages": [item("x1", "halo")]})
        r = deliver(bare.client(), [], body=body)
        assert r.status_code == 503 and r.json()["error"]["code"] == "not_configured"
        assert bare.client().get("/inbox/webhook/meta").status_code == 503
    finally:
        bare.db.dispose()
        bare.app.state.db_engine.dispose()


def test_webhook_body_over_the_limit_is_refused_before_reading(env):
    env.app.state.settings.inbox_max_body_bytes = 2_000
    big = body_of({"messages": [item("big", "a" * 5_000)]})
    r = deliver(env.client(), [], body=big)
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    assert count(env, Delivery) == 0


def test_webhook_needs_no_csrf_token_even_from_a_logged_in_browser(env):
    client = env.client("author")  # has a session cookie, sends no CSRF token
    r = deliver(client, [item("s1", QUESTION)])
    assert r.status_code == 200, r.text
    assert r.json()["accepted"] == 1


def test_meta_subscription_handshake(env):
    client = env.client()
    params = {"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "12345"}
    r = client.get("/inbox/webhook/meta", params=params)
    assert r.status_code == 200 and r.text == "12345"
    bad = client.get("/inbox/webhook/meta", params=params | {"hub.verify_token": "salah"})
    assert bad.status_code == 403 and bad.json()["error"]["code"] == "bad_handshake"
    assert client.get("/inbox/webhook/telegram").status_code == 404


def test_signed_meta_comment_is_accepted_and_triaged(env):
    body = body_of(meta_comment("c-fire", FIRE))
    r = env.client().post(
        "/inbox/webhook/meta",
        content=body,
        headers={"X-Hub-Signature-256": sign_body(body, META_SECRET)},
    )
    assert r.status_code == 200 and r.json()["accepted"] == 1
    rows = env.client("author").get(LIST, params={"format": "json"}).json()["messages"]
    assert len(rows) == 1
    assert rows[0]["triage_status"] == "done"
    assert rows[0]["urgency"] == "high" and rows[0]["emergency"] is True
    assert rows[0]["platform"] == "facebook"


def test_replayed_delivery_is_not_processed_twice(env):
    client = env.client()
    body = body_of({"messages": [item("r1", QUESTION)]})
    first = deliver(client, [], body=body)
    again = deliver(client, [], body=body)
    assert first.json()["accepted"] == 1
    assert again.status_code == 200 and again.json()["accepted"] == 0
    assert count(env, Delivery) == 1 and count(env, Message) == 1
    with session_scope(env.db) as session:
        triaged = session.scalar(
            select(func.count()).select_from(Event).where(Event.kind == "triaged")
        )
    assert triaged == 1
    # A re-serialised retry of the same message is a new delivery but not a new message.
    retry = deliver(client, [item("r1", QUESTION, author_id="u")])
    assert retry.json() == retry.json() | {"accepted": 0, "duplicates": 1}
    assert count(env, Message) == 1


# -- the list and the message page ----------------------------------------------------------------
def test_list_masks_personal_data_puts_emergencies_on_top_and_filters(env):
    deliver(env.client(), [item("q1", QUESTION), item("f1", FIRE)])
    client = env.client("author")
    html = client.get(LIST).text
    assert PHONE not in html and "0812****7890" in html
    assert "DARURAT" in html or "MENDESAK" in html
    rows = client.get(LIST, params={"format": "json"}).json()["messages"]
    assert [r["emergency"] for r in rows] == [True, False]
    assert PHONE not in json.dumps(rows)
    question = rows[1]
    assert question["intent"] == "question" and question["topic"] == "kependudukan"
    only = client.get(LIST, params={"format": "json", "jenis": "question"}).json()["messages"]
    assert [r["id"] for r in only] == [question["id"]]
    high = client.get(LIST, params={"format": "json", "urgensi": "high"}).json()["messages"]
    assert [r["id"] for r in high] == [rows[0]["id"]]
    unit = client.get(LIST, params={"format": "json", "unit": "damkar"}).json()["messages"]
    assert [r["id"] for r in unit] == [rows[0]["id"]]
    done = client.get(LIST, params={"format": "json", "status": "selesai"}).json()["messages"]
    assert done == []
    page = client.get(f"/kotak-masuk/{question['id']}")
    assert PHONE in page.text  # the officer working the message sees the full text


def test_citizen_html_is_shown_as_text(env):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> jalan rusak parah'
    deliver(env.client(), [item("h1", hostile, author_name="<b>Budi</b>")])
    client = env.client("author")
    message_id = only_message_id(env, "h1")
    for path in (LIST, f"/kotak-masuk/{message_id}"):
        html = client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert "&lt;script&gt;" in html and "&lt;b&gt;Budi&lt;/b&gt;" in html, path


def test_message_page_json_twin_has_triage_sla_and_suggestions(env):
    deliver(env.client(), [item("q2", QUESTION)])
    message_id = only_message_id(env, "q2")
    data = env.client("author").get(f"/kotak-masuk/{message_id}?format=json").json()
    assert data["full_text"] == QUESTION
    for key in ("intent", "sentiment", "emotion", "topic", "urgency", "lapor_category"):
        assert key in data, key
    assert data["sla"]["first_response_due"] is not None
    assert data["canned"], "canned replies are seeded"
    assert isinstance(data["suggestions"], list)
    assert env.client("author").get("/kotak-masuk/999999").status_code == 404


def test_take_hand_over_with_note_and_history(env):
    deliver(env.client(), [item("t1", QUESTION)])
    message_id = only_message_id(env, "t1")
    author = env.client("author")
    token = page_csrf(author, LIST)
    r = author.post(f"/kotak-masuk/{message_id}/ambil", data={"csrf_token": token})
    assert r.status_code == 303
    data = author.get(f"/kotak-masuk/{message_id}?format=json").json()
    assert data["status"] == "assigned" and data["assignee_id"] == env.user_ids["author"]
    reviewer_id = str(env.user_ids["reviewer"])
    no_note = author.post(
        f"/kotak-masuk/{message_id}/alihkan", data={"csrf_token": token, "petugas": reviewer_id}
    )
    assert no_note.status_code == 422 and "Catatan wajib diisi" in no_note.text
    r = author.post(
        f"/kotak-masuk/{message_id}/alihkan",
        data={"csrf_token": token, "petugas": reviewer_id, "catatan": "Perlu cek data <Dukcapil>"},
    )
    assert r.status_code == 303
    page = author.get(f"/kotak-masuk/{message_id}")
    assert "Perlu cek data &lt;Dukcapil&gt;" in page.text
    data = author.get(f"/kotak-masuk/{message_id}?format=json").json()
    assert data["assignee_id"] == env.user_ids["reviewer"]
    assert [e["kind"] for e in data["history"]][-2:] == ["taken", "handover"]
    asn_id = str(env.user_ids["asn"])  # not an inbox officer
    r = author.post(
        f"/kotak-masuk/{message_id}/alihkan",
        data={"csrf_token": token, "petugas": asn_id, "catatan": "x"},
        headers={"Accept": "application/json"},
    )
    assert r.status_code == 422
    reviewer = env.client("reviewer")
    notes = reviewer.get(LIST, params={"format": "json"}).json()["notifications"]
    assert any(n["kind"] == "handover" for n in notes)
    r = reviewer.post(
        f"/kotak-masuk/{message_id}/lepas",
        data={"csrf_token": page_csrf(reviewer, LIST), "catatan": "Bukan bidang saya"},
    )
    assert r.status_code == 303
    data = reviewer.get(f"/kotak-masuk/{message_id}?format=json").json()
    assert data["status"] == "open" and data["assignee_id"] is None
    assert data["history"][-1]["kind"] == "released"


# -- replies --------------------------------------------------------------------------------------
def test_reply_is_checked_then_sent_to_the_reply_webhook(env):
    deliver(env.client(), [item("p1", QUESTION, thread_id="chat-9")])
    message_id = only_message_id(env, "p1")
    author = env.client("author")
    token = page_csrf(author, f"/kotak-masuk/{message_id}")
    text = "Syarat KTP-el: fotokopi KK dan datang ke kantor kecamatan. Terima kasih."
    checked = author.post(
        f"/kotak-masuk/{message_id}/balas",
        data={"csrf_token": token, "teks": text, "aksi": "periksa"},
    )
    assert checked.status_code == 200 and "Lolos pemeriksaan" in checked.text
    assert env.replies.requests == []  # checking sends nothing
    reply_id = count(env, Reply)
    r = author.post(
        f"/kotak-masuk/{message_id}/balas",
        data={"csrf_token": token, "teks": text + " Salam.", "balasan": str(reply_id)},
    )
    assert r.status_code == 303 and "terkirim=" in r.headers["location"]
    assert count(env, Reply) == 1  # the checked draft was edited, not duplicated
    sent = env.replies.requests
    assert len(sent) == 1
    assert sent[0].json() == {
        "in_reply_to": "p1",
        "thread_id": "wh:chat-9",
        "channel": "webhook",
        "text": text + " Salam.",
    }
    assert sent[0].headers["x-netra-signature"] == sign_body(sent[0].body, WEBHOOK_SECRET)
    data = author.get(f"/kotak-masuk/{message_id}?format=json").json()
    assert data["status"] == "answered" and data["replies"][0]["status"] == "sent"
    assert data["sla"]["first_response_at"] is not None
    again = author.post(
        f"/kotak-masuk/{message_id}/balas",
        data={"csrf_token": token, "teks": text, "balasan": str(reply_id)},
    )
    assert again.status_code == 422 and "sudah dikirim" in again.text  # a double submit
    assert len(env.replies.requests) == 1
    r = author.post(f"/kotak-masuk/balasan/{reply_id}/faq", data={"csrf_token": token})
    assert r.status_code == 303
    faq = env.client("reviewer").get("/kotak-masuk/kelola/faq?format=json").json()["faq"]
    assert [e["kind"] for e in faq] == ["answered"] and PHONE not in faq[0]["question"]


def test_blocked_reply_is_shown_with_its_findings_and_not_sent(env):
    deliver(env.client(), [item("b1", QUESTION)])
    message_id = only_message_id(env, "b1")
    author = env.client("author")
    token = page_csrf(author, f"/kotak-masuk/{message_id}")
    r = author.post(
        f"/kotak-masuk/{message_id}/balas",
        data={"csrf_token": token, "teks": "Ayo coblos nomor 2 ya, pasti beres!"},
    )
    assert r.status_code == 422
    assert "Balasan diblokir" in r.text and "netralitas politik" in r.text
    assert "coblos nomor 2" in r.text  # the text stays in the editor to be rewritten
    as_json = author.post(
        f"/kotak-masuk/{message_id}/balas?format=json",
        data={"csrf_token": token, "teks": "Dasar goblok, baca dulu!"},
    )
    assert as_json.status_code == 422
    assert as_json.json()["status"] == "blocked" and as_json.json()["overridable"] is False
    assert env.replies.requests == []


def test_only_a_reviewer_may_send_an_overridable_reply_with_a_reason(env):
    deliver(env.client(), [item("o1", QUESTION)])
    message_id = only_message_id(env, "o1")
    text = "Silakan hubungi petugas kami di 081234567890 ya."
    author = env.client("author")
    token = page_csrf(author, f"/kotak-masuk/{message_id}")
    r = author.post(
        f"/kotak-masuk/{message_id}/balas",
        data={"csrf_token": token, "teks": text, "alasan": "nomor resmi"},
    )
    assert r.status_code == 422 and "minta peninjau" in r.text
    assert env.replies.requests == []
    reviewer = env.client("reviewer")
    token = page_csrf(reviewer, f"/kotak-masuk/{message_id}")
    page = reviewer.post(
        f"/kotak-masuk/{message_id}/balas", data={"csrf_token": token, "teks": text}
    )
    assert page.status_code == 422 and 'name="alasan"' in page.text
    r = reviewer.post(
        f"/kotak-masuk/{message_id}/balas",
        data={"csrf_token": token, "teks": text, "alasan": "Nomor hotline resmi Disdukcapil"},
    )
    assert r.status_code == 303
    assert len(env.replies.requests) == 1
    data = reviewer.get(f"/kotak-masuk/{message_id}?format=json").json()
    sent = [x for x in data["replies"] if x["status"] == "sent"]
    assert sent[0]["override_reason"] == "Nomor hotline resmi Disdukcapil"


# -- dashboard and admin --------------------------------------------------------------------------
def test_dashboard_charts_and_csv_export(env):
    deliver(env.client(), [item("d1", QUESTION), item("d2", FIRE)])
    client = env.client("reviewer")
    html = client.get("/kotak-masuk/dasbor").text
    assert html.count("<svg") == 4 and 'aria-labelledby="chart-sentiment-t' in html
    data = client.get("/kotak-masuk/dasbor?format=json").json()
    assert data["backlog"]["unresolved"] == 2
    assert data["response_times"]["messages"] == 2
    assert sum(data["trends"]["intents"].values()) == 2
    csv = client.get("/kotak-masuk/dasbor.csv")
    assert csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv.headers["content-disposition"]
    assert "0812****7890" in csv.text and PHONE not in csv.text
    bad = client.get("/kotak-masuk/dasbor?dari=kemarin&format=json")
    assert bad.status_code == 422 and "TTTT-BB-HH" in bad.json()["error"]["message"]


def test_admin_edits_rules_holidays_and_knowledge(env):
    admin = env.client("admin")
    token = page_csrf(admin, "/kotak-masuk/kelola/aturan")
    r = admin.post(
        "/kotak-masuk/kelola/aturan",
        data={
            "csrf_token": token,
            "unit": "dinkes",
            "kata_kunci": "demam berdarah",
            "prioritas": "5",
        },
    )
    assert r.status_code == 303
    rules = admin.get("/kotak-masuk/kelola/aturan?format=json").json()["rules"]
    assert rules[0]["keywords"] == "demam berdarah" and rules[0]["priority"] == 5
    bad = admin.post("/kotak-masuk/kelola/aturan", data={"csrf_token": token, "unit": "tidak-ada"})
    assert bad.status_code == 422 and "belum terdaftar" in bad.text
    r = admin.post(
        "/kotak-masuk/kelola/libur",
        data={
            "csrf_token": token,
            "tanggal": "2026-08-18",
            "nama": "Libur HUT Kota",
            "jenis": "lokal",
        },
    )
    assert r.status_code == 303
    holidays = admin.get("/kotak-masuk/kelola/standar?tahun=2026&format=json").json()["holidays"]
    assert {"day": "2026-08-18", "name": "Libur HUT Kota", "kind": "lokal"} in holidays
    r = admin.post(
        "/kotak-masuk/kelola/faq",
        data={
            "csrf_token": token,
            "pertanyaan": "Apa syarat membuat KTP elektronik?",
            "jawaban": "Syarat KTP-el: fotokopi KK, usia 17 tahun, datang ke kecamatan.",
            "topik": "kependudukan",
        },
    )
    assert r.status_code == 303
    deliver(env.client(), [item("k1", QUESTION)])
    message_id = only_message_id(env, "k1")
    data = admin.get(f"/kotak-masuk/{message_id}?format=json").json()
    assert data["suggestions"] and "fotokopi KK" in data["suggestions"][0]["reply_text"]
    entry = data["suggestions"][0]["entry_id"]
    page = admin.get(f"/kotak-masuk/{message_id}?pakai=faq:{entry}")
    assert "Syarat KTP-el: fotokopi KK" in page.text.split('id="reply-text"')[1][:400]
