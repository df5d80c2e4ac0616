"""The desk's web pages over HTTP: who may open what, CSRF, JSON twins, draft text shown as text,
refused steps answered in Indonesian with the right status, and publication from the app (the
emergency path publishes from a thread; the in-app scheduler publishes what is due).

Publishing goes to the `feed` publisher (the archive itself), so no platform is involved here;
the browser test publishes to a local webhook receiver."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from tests.web.support import build_env, login, page_csrf, password_for

CHANNELS = {"x": "feed", "facebook": "feed", "whatsapp_channel": "feed"}
SAFE = "Layanan perekaman KTP-el buka Senin-Jumat pukul 08.00-15.00 WIB di kantor kecamatan."
RISKY = "Ayo coblos kandidatuji besok di TPS! " + SAFE
XSS = '<script>alert("x")</script><img src=x onerror="alert(1)"> ' + SAFE
WAIT_SECONDS = 20


@pytest.fixture
def desk_env(db_url, tmp_path, analysis_engine):
    env = build_env(
        db_url,
        tmp_path,
        analysis_engine,
        desk_channel_publishers=CHANNELS,
        desk_poll_seconds=0.2,
    )
    yield env
    env.db.dispose()
    env.app.state.db_engine.dispose()


def create(client, text: str = SAFE, channels=("x", "facebook"), title="Jadwal KTP-el", **extra):
    data = {
        "csrf_token": page_csrf(client, "/meja/draf/baru"),
        "title": title,
        "text": text,
        "channels": list(channels),
        **extra,
    }
    return client.post("/meja/draf", data=data)


def draft_id_of(response) -> int:
    assert response.status_code == 303, response.text[:500]
    return int(response.headers["location"].rsplit("/", 1)[1])


def act(client, draft_id: int, action: str, *, json: bool = False, **fields):
    token = page_csrf(client, f"/meja/draf/{draft_id}")
    headers = {"Accept": "application/json"} if json else {}
    return client.post(
        f"/meja/draf/{draft_id}/aksi",
        data={"csrf_token": token, "aksi": action, **fields},
        headers=headers,
    )


def view(client, draft_id: int) -> dict:
    r = client.get(f"/meja/draf/{draft_id}", params={"format": "json"})
    assert r.status_code == 200, r.text[:500]
    return r.json()


def wait_status(client, draft_id: int, status: str) -> dict:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        data = view(client, draft_id)
        if data["status"] == status:
            return data
        time.sleep(0.1)
    raise AssertionError(f"draft {draft_id} did not reach {status}: {data['status']}")


# -- access ----------------------------------------------------------------------------------
def test_roles_reach_only_their_pages(desk_env):
    asn, oversight = desk_env.client("asn"), desk_env.client("oversight")
    reviewer, author = desk_env.client("reviewer"), desk_env.client("author")
    for path in ("/meja", "/meja/draf", "/meja/kalender", "/meja/arsip"):
        r = asn.get(path, headers={"Accept": "application/json"})
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden", path
    assert asn.get("/meja").status_code == 403
    assert "Akses ditolak" in asn.get("/meja").text
    assert oversight.get("/meja").status_code == 403
    assert oversight.get("/meja/arsip").status_code == 200  # archive readers include oversight
    assert reviewer.get("/meja/draf/baru").status_code == 403  # only authors write drafts
    assert create(author).status_code == 303
    anonymous = desk_env.client()
    r = anonymous.get("/meja/draf")
    assert r.status_code == 303 and r.headers["location"].startswith("/masuk")


def test_nav_entry_for_desk_roles_only(desk_env):
    for role in ("author", "reviewer", "admin"):
        assert 'href="/meja"' in desk_env.client(role).get("/periksa").text, role
    for role in ("asn", "oversight"):
        assert 'href="/meja"' not in desk_env.client(role).get("/periksa").text, role


def test_forms_need_the_csrf_token(desk_env):
    author = desk_env.client("author")
    r = author.post("/meja/draf", data={"title": "Tanpa token", "text": SAFE, "channels": ["x"]})
    assert r.status_code == 403
    r = author.post(
        "/meja/draf",
        data={"csrf_token": "palsu", "title": "Token palsu", "text": SAFE, "channels": ["x"]},
        headers={"Accept": "application/json"},
    )
    assert r.status_code == 403 and r.json()["error"]["code"] == "csrf_failed"
    assert author.get("/meja/draf", params={"format": "json"}).json()["drafts"] == []


# -- pages and their JSON twins ---------------------------------------------------------------
def test_every_page_has_its_json_twin(desk_env):
    author = desk_env.client("author")
    draft_id = draft_id_of(create(author))
    for path in (
        "/meja",
        "/meja/draf",
        "/meja/draf/baru",
        f"/meja/draf/{draft_id}",
        "/meja/kalender",
        "/meja/arsip",
    ):
        html = author.get(path)
        assert html.status_code == 200 and "text/html" in html.headers["content-type"], path
        data = author.get(path, params={"format": "json"})
        assert data.headers["content-type"].startswith("application/json"), path
    dash = author.get("/meja", params={"format": "json"}).json()
    assert dash["counts"]["draft"] == 1
    listed = author.get("/meja/draf", params={"format": "json"}).json()["drafts"]
    assert [d["id"] for d in listed] == [draft_id]
    new = author.get("/meja/draf/baru", params={"format": "json"}).json()
    assert {c["id"] for c in new["channels"]} >= {"x", "instagram", "whatsapp_channel"}
    assert any(t["key"] == "jadwal-layanan" for t in new["templates"])
    month = author.get("/meja/kalender", params={"format": "json", "bulan": "2025-05"}).json()
    assert month["month"] == "2025-05" and len(month["days"]) == 31
    r = author.get("/meja/kalender", params={"bulan": "2025-13"})
    assert r.status_code == 422 and "Bulan" in r.text


def test_template_prefills_the_new_draft(desk_env):
    author = desk_env.client("author")
    page = author.get("/meja/draf/baru", params={"templat": "jadwal-layanan"}).text
    assert "{{nama_layanan}}" in page and 'name="template" value="jadwal-layanan"' in page
    r = author.get("/meja/draf/baru", params={"templat": "tidak-ada"})
    assert r.status_code == 404 and "tidak ditemukan" in r.text


def test_live_check_counts_per_channel_and_reports_findings(desk_env):
    author = desk_env.client("author")
    token = page_csrf(author, "/meja/draf/baru")
    long_text = "Informasi layanan publik. " * 15
    r = author.post(
        "/meja/periksa",
        json={"text": long_text, "channels": ["x", "facebook"], "overrides": {"facebook": RISKY}},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["x"]["count"] == len(long_text) and body["x"]["limit"] == 280
    assert any(i["code"] == "too_long" for i in body["x"]["issues"])
    assert body["facebook"]["ok"]
    assert any("kandidatuji" in f["text"] for f in body["facebook"]["report"]["findings"])
    r = author.post(
        "/meja/periksa",
        json={"text": SAFE, "channels": ["x"]},
        headers={"Accept": "application/json"},
    )
    assert r.status_code == 403 and r.json()["error"]["code"] == "csrf_failed"
    r = author.post(
        "/meja/periksa",
        json={"text": SAFE, "channels": []},
        headers={"X-CSRF-Token": token, "Accept": "application/json"},
    )
    assert r.status_code == 422 and "kanal" in r.json()["error"]["message"]


def test_invalid_new_draft_is_shown_again_with_an_indonesian_message(desk_env):
    author = desk_env.client("author")
    r = create(author, channels=())
    assert r.status_code == 422
    assert "Pilih minimal satu kanal" in r.text and "Jadwal KTP-el" in r.text
    r = create(author, title="")
    assert r.status_code == 422 and "Judul wajib diisi" in r.text


# -- text is text ----------------------------------------------------------------------------
def test_draft_text_is_shown_as_text_never_markup(desk_env):
    author = desk_env.client("author")
    draft_id = draft_id_of(create(author, text=XSS, title="<b>judul</b>"))
    page = author.get(f"/meja/draf/{draft_id}").text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>judul" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "&lt;b&gt;judul&lt;/b&gt;" in page
    data = view(author, draft_id)
    assert data["version"]["variants"][0]["text"] == XSS  # the JSON twin keeps the exact text


# -- the workflow through the pages ----------------------------------------------------------
def test_finding_highlighted_justification_required_then_fixed(desk_env):
    author = desk_env.client("author")
    draft_id = draft_id_of(create(author, text=RISKY))
    page = author.get(f"/meja/draf/{draft_id}").text
    assert '<mark class="sev-high">' in page and "coblos kandidatuji" in page
    data = view(author, draft_id)
    assert data["version"]["verdict"] == "high_risk"
    assert {"edit", "submit", "withdraw"} <= set(data["actions"])

    r = act(author, draft_id, "submit")
    assert r.status_code == 422
    assert "BERISIKO TINGGI" in r.text and "justifikasi" in r.text
    r = act(author, draft_id, "submit", json=True)
    assert r.status_code == 422 and r.json()["error"]["code"] == "validation_failed"

    token = page_csrf(author, f"/meja/draf/{draft_id}")
    r = author.post(
        f"/meja/draf/{draft_id}/simpan",
        data={
            "csrf_token": token,
            "title": "Jadwal KTP-el",
            "text": SAFE,
            "channels": ["x", "facebook"],
            "expected_version": "1",
        },
    )
    assert r.status_code == 303
    data = view(author, draft_id)
    assert data["current_version"] == 2 and data["version"]["verdict"] != "high_risk"
    stale = author.post(
        f"/meja/draf/{draft_id}/simpan",
        data={"csrf_token": token, "title": "Lama", "text": SAFE + " lama", "channels": ["x"]}
        | {"expected_version": "1"},
        headers={"Accept": "application/json"},
    )
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"
    assert act(author, draft_id, "submit").status_code == 303
    assert view(author, draft_id)["status"] == "submitted"


def test_forbidden_steps_are_refused_in_indonesian(desk_env):
    author, reviewer = desk_env.client("author"), desk_env.client("reviewer")
    draft_id = draft_id_of(create(author))
    r = act(reviewer, draft_id, "approve", json=True)  # not submitted yet
    assert r.status_code == 409
    assert r.json()["error"] == {
        "code": "invalid_transition",
        "message": 'Tidak dapat menyetujui draf berstatus "Draf".',
    }
    r = act(reviewer, draft_id, "approve")  # the page again, with the reason
    assert r.status_code == 409 and "Tidak dapat menyetujui draf berstatus" in r.text
    assert act(author, draft_id, "submit").status_code == 303
    r = act(author, draft_id, "approve", json=True)  # an author never approves (own draft)
    assert r.status_code == 403 and "Hanya" in r.json()["error"]["message"]
    r = act(reviewer, draft_id, "publish", json=True)  # only the scheduler publishes
    assert r.status_code == 422 and r.json()["error"]["message"] == "Langkah tidak dikenal."
    r = act(reviewer, draft_id, "return", json=True, alasan="")
    assert r.status_code == 422 and "Alasan pengembalian wajib diisi" in r.text
    r = act(reviewer, 999_999, "approve", json=True)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert "Traceback" not in r.text


def test_review_schedule_publish_archive_and_exports(desk_env):
    author, reviewer = desk_env.client("author"), desk_env.client("reviewer")
    draft_id = draft_id_of(create(author, text=XSS))
    assert act(author, draft_id, "submit").status_code == 303
    r = act(reviewer, draft_id, "return", alasan="Tambahkan alamat kantor kecamatan.")
    assert r.status_code == 303
    data = view(author, draft_id)
    assert data["status"] == "returned"
    assert act(author, draft_id, "submit").status_code == 303
    assert act(reviewer, draft_id, "approve", catatan="Sudah sesuai.").status_code == 303
    r = act(reviewer, draft_id, "schedule", json=True, waktu="2020-01-01T08:00")
    assert r.status_code == 422 and "sudah lewat" in r.json()["error"]["message"]
    # An empty time means now: a thread publishes it at once (nothing else runs here).
    r = act(reviewer, draft_id, "schedule", json=True, waktu="")
    assert r.status_code == 200 and r.json()["status"] in ("scheduled", "published")
    data = wait_status(reviewer, draft_id, "published")
    assert {j["channel"]: j["status"] for j in data["jobs"]} == {
        "x": "published",
        "facebook": "published",
    }

    items = reviewer.get("/meja/arsip", params={"format": "json"}).json()["items"]
    assert {i["channel"] for i in items} == {"x", "facebook"}
    assert items[0]["approver_name"] == "Pengguna reviewer" and items[0]["text"] == XSS
    page = reviewer.get("/meja/arsip", params={"q": "kecamatan"}).text
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    assert (
        reviewer.get("/meja/arsip", params={"q": "tidak ada teks ini", "format": "json"}).json()[
            "items"
        ]
        == []
    )
    csv = reviewer.get("/meja/arsip.csv", params={"kanal": "x"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv.headers["content-disposition"]
    assert csv.text.count("\n") >= 2 and "Jadwal KTP-el" in csv.text
    exported = reviewer.get("/meja/arsip.json").json()
    assert len(exported) == 2
    pdf = reviewer.get("/meja/arsip.pdf")
    assert pdf.content.startswith(b"%PDF-")
    assert desk_env.client("oversight").get("/meja/arsip.csv").status_code == 200
    bad = reviewer.get("/meja/arsip", params={"dari": "kemarin"})
    assert bad.status_code == 422 and "Tanggal" in bad.text
    month = reviewer.get("/meja/kalender", params={"format": "json"}).json()
    assert sum(len(v) for per in month["days"].values() for v in per.values()) == 2


def test_emergency_fast_track_banner_until_after_review(desk_env):
    admin, author = desk_env.client("admin"), desk_env.client("author")
    reviewer = desk_env.client("reviewer")
    draft_id = draft_id_of(
        create(
            author,
            text="Peringatan banjir: warga bantaran sungai harap mengungsi ke balai desa. " + SAFE,
        )
    )
    assert "fast_track" not in view(author, draft_id)["actions"]  # no grant yet
    grants = admin.get("/meja", params={"format": "json"}).json()["fast_track"]
    author_id = desk_env.user_ids["author"]
    assert {"user_id": author_id, "name": "Pengguna author", "granted": False} in grants
    token = page_csrf(admin, "/meja")
    grant = {"csrf_token": token, "user_id": author_id, "aksi": "beri"}
    r = admin.post("/meja/darurat", data=grant)
    assert r.status_code == 303
    r = author.post(
        "/meja/darurat",
        data={"csrf_token": page_csrf(author, "/meja"), "user_id": author_id, "aksi": "beri"},
    )
    assert r.status_code == 403  # only admins grant

    assert "fast_track" in view(author, draft_id)["actions"]
    r = act(author, draft_id, "fast_track", kategori="bencana", alasan="Banjir di tiga kecamatan.")
    assert r.status_code == 303
    data = wait_status(author, draft_id, "published_unreviewed")
    assert data["banner"] == "TERBIT DARURAT — BELUM DITINJAU" and data["emergency"]
    assert "TERBIT DARURAT — BELUM DITINJAU" in author.get(f"/meja/draf/{draft_id}").text
    waiting = reviewer.get("/meja", params={"format": "json"}).json()["longest_waiting"]
    assert waiting[0]["draft_id"] == draft_id and waiting[0]["emergency"]
    r = act(author, draft_id, "review_after", json=True)
    assert r.status_code == 403  # never the author
    assert act(reviewer, draft_id, "review_after", catatan="Isi sudah tepat.").status_code == 303
    data = view(reviewer, draft_id)
    assert data["status"] == "published" and data["banner"] is None
    assert "BELUM DITINJAU" not in reviewer.get(f"/meja/draf/{draft_id}").text
    item = reviewer.get("/meja/arsip", params={"format": "json"}).json()["items"][0]
    assert item["emergency"] and item["approver_name"] is None


def test_in_app_scheduler_publishes_at_the_time(db_url, tmp_path, analysis_engine):
    """The lifespan starts the scheduler thread when the setting is on; it publishes a post
    scheduled a second ahead without any other process, and stops with the app."""
    env = build_env(
        db_url,
        tmp_path,
        analysis_engine,
        desk_channel_publishers=CHANNELS,
        desk_poll_seconds=0.2,
        desk_scheduler=True,
    )
    try:
        with TestClient(env.app, follow_redirects=False) as client:
            scheduler = env.app.state.desk_scheduler
            assert scheduler.thread.is_alive()
            login(client, "author", password_for("author"))
            draft_id = draft_id_of(create(client, channels=("whatsapp_channel",)))
            assert act(client, draft_id, "submit").status_code == 303
            reviewer = env.client("reviewer")
            assert act(reviewer, draft_id, "approve").status_code == 303
            ctx = env.app.state.desk
            at = ctx.now().astimezone(ctx.config.zone) + timedelta(seconds=1.5)
            r = act(reviewer, draft_id, "schedule", waktu=at.replace(tzinfo=None).isoformat())
            assert r.status_code == 303
            assert view(reviewer, draft_id)["status"] == "scheduled"
            data = wait_status(reviewer, draft_id, "published")
            assert data["jobs"][0]["published_at"] >= data["scheduled_at"]
        assert not scheduler.thread.is_alive()
    finally:
        env.db.dispose()
        env.app.state.db_engine.dispose()


def test_attachments_upload_view_and_take_off(desk_env):
    from tests.desk.images import jpeg

    author = desk_env.client("author")
    draft_id = draft_id_of(create(author, channels=("x", "instagram")))
    instagram = next(
        v for v in view(author, draft_id)["version"]["variants"] if v["channel"] == "instagram"
    )
    assert any(i["level"] == "error" for i in instagram["issues"])  # Instagram needs a photo
    token = page_csrf(author, f"/meja/draf/{draft_id}")
    photo = jpeg(gps=True)
    r = author.post(
        "/meja/lampiran",
        data={"csrf_token": token, "draft_id": str(draft_id), "alt": "Loket perekaman KTP-el"},
        files={"berkas": ("loket.jpg", photo, "image/jpeg")},
    )
    assert r.status_code == 303, r.text[:500]
    data = view(author, draft_id)
    (att,) = data["attachments"]
    assert att["has_gps"] and att["alt_text"] == "Loket perekaman KTP-el"
    assert data["current_version"] == 2 and data["version"]["attachment_ids"] == [att["id"]]
    instagram = next(v for v in data["version"]["variants"] if v["channel"] == "instagram")
    assert not any(i["level"] == "error" for i in instagram["issues"])
    assert "lokasi GPS" in author.get(f"/meja/draf/{draft_id}").text
    file = desk_env.client("reviewer").get(f"/meja/lampiran/{att['id']}")
    assert file.status_code == 200 and file.headers["content-type"] == "image/jpeg"
    assert file.content == photo
    assert desk_env.client("asn").get(f"/meja/lampiran/{att['id']}").status_code == 403

    r = author.post(
        "/meja/lampiran",
        data={"csrf_token": token, "draft_id": str(draft_id)},
        files={"berkas": ("gambar.svg", b'<svg onload="alert(1)"></svg>', "image/svg+xml")},
        headers={"Accept": "application/json"},
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "attachment_rejected"
    r = author.post(f"/meja/lampiran/{att['id']}/hapus", data={"csrf_token": token})
    assert r.status_code == 303
    data = view(author, draft_id)
    assert data["attachments"] == [] and data["version"]["attachment_ids"] == []
