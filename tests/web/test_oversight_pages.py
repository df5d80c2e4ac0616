"""Oversight pages: upload → background import + scan → review → case → report, each page with its
JSON twin; access strictly for the oversight role of the same unit; CSRF; hostile uploads.

The background work is the real detached process (`python -m netra.web.oversight_jobs`), polled
through the job page's JSON twin with a bounded wait, exactly as the browser does.
"""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from netra.accounts import service
from netra.oversight.importers.x_archive import tweets_js
from netra.oversight.tables import ScanJob
from netra.storage.db import session_scope
from netra.web import oversight_jobs
from tests.web.support import build_env, login, page_csrf, password_for

PAGES = ["/pengawasan", "/pengawasan/tinjauan", "/pengawasan/kasus", "/pengawasan/laporan"]
HTML_POST = '<img src=x onerror="alert(1)"> Ayo coblos nomor 2, menangkan Gerindra!'
CLEAN = [
    "Selamat pagi warga, layanan KTP buka pukul 08.00 WIB.",
    "Jadwal vaksinasi anak di Puskesmas Sukamaju hari Kamis.",
    "Info banjir: warga bantaran sungai harap waspada.",
]
BREACHES = [
    "Ayo coblos nomor 2, menangkan Gerindra!",
    "NIK saya 3174014506900003 tolong dicek ya",
    HTML_POST,
]
WAIT_SECONDS = 90


def x_archive_bytes(texts: list[str], extra: dict[str, bytes] | None = None) -> bytes:
    tweets = [
        {
            "id_str": str(1_750_000_000_000 + i),
            "full_text": text,
            "created_at": "Wed Feb 07 03:12:45 +0000 2024",
        }
        for i, text in enumerate(texts)
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data/tweets.js", tweets_js(tweets))
        zf.writestr(
            "data/account.js", 'window.YTD.account.part0 = [{"account": {"username": "budi_asn"}}]'
        )
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def upload(client, data: bytes, name: str = "twitter.zip", account: str = "", token=None):
    token = token if token is not None else page_csrf(client, "/pengawasan")
    return client.post(
        "/pengawasan/unggah",
        data={"csrf_token": token, "account": account},
        files={"archive": (name, data, "application/zip")},
    )


def wait_for_job(client, job_url: str) -> dict:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        job = client.get(job_url, params={"format": "json"}).json()
        if job["terminal"]:
            return job
        time.sleep(0.3)
    raise AssertionError(f"job {job_url} did not finish in {WAIT_SECONDS}s: {job}")


def other_unit_officer(env):
    with session_scope(env.db) as session:
        unit = service.create_unit(session, "LAIN", "Unit Lain")
        service.create_user(
            session, "pengawas2", "Pengawas Lain", password_for("x"), ["oversight"], unit_id=unit.id
        )
    client = env.client()
    login(client, "pengawas2", password_for("x"))
    return client


@pytest.fixture
def scanned(env):
    """An oversight officer who uploaded a small X archive whose scan has finished."""
    client = env.client("oversight")
    r = upload(client, x_archive_bytes(CLEAN + BREACHES), name="../../arsip budi.zip")
    assert r.status_code == 303, r.text[:300]
    job_url = r.headers["location"]
    job = wait_for_job(client, job_url)
    return client, job_url, job


# -- access ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["asn", "author", "reviewer", "admin"])
def test_other_roles_are_refused_every_oversight_page(env, role):
    client = env.client(role)
    for path in [*PAGES, "/pengawasan/laporan.pdf", "/pengawasan/pemindaian/1"]:
        r = client.get(path)
        assert r.status_code == 403, (path, r.status_code)
        assert "Akses ditolak" in r.text
    token = page_csrf(client)
    assert upload(client, b"x", token=token).status_code == 403
    nav = client.get("/akun").text
    assert 'href="/pengawasan"' not in nav


def test_oversight_officer_sees_nav_and_pages_with_json_twins(env):
    client = env.client("oversight")
    assert 'href="/pengawasan"' in client.get("/akun").text
    for path in PAGES:
        html = client.get(path)
        assert html.status_code == 200 and "text/html" in html.headers["content-type"], path
        as_json = client.get(path, params={"format": "json"})
        assert as_json.status_code == 200, path
        assert as_json.headers["content-type"].startswith("application/json"), path
    assert client.get("/pengawasan/laporan?format=json").json()["report"] is None
    assert "Belum ada pemindaian selesai" in client.get("/pengawasan/laporan").text


def test_officer_without_a_unit_is_refused_with_a_reason(env):
    with session_scope(env.db) as session:
        service.create_user(session, "tanpaunit", "Tanpa Unit", password_for("x"), ["oversight"])
    client = env.client()
    login(client, "tanpaunit", password_for("x"))
    r = client.get("/pengawasan?format=json")
    assert r.status_code == 403
    assert "unit kerja" in r.json()["error"]["message"]


def test_csrf_is_required_on_every_post(env):
    client = env.client("oversight")
    job_id = oversight_jobs.create_upload_job(
        env.db, unit_id=_unit_id_of(env, "oversight"), created_by="x"
    )
    posts = [
        ("/pengawasan/unggah", {"account": "a"}),
        (f"/pengawasan/pemindaian/{job_id}/batal", {}),
        ("/pengawasan/tinjauan/1/konfirmasi", {"note": "n"}),
        ("/pengawasan/tinjauan/1/abaikan", {}),
        ("/pengawasan/kasus/1/catatan", {"text": "n"}),
        ("/pengawasan/kasus/1/status", {"status": "closed"}),
    ]
    for path, data in posts:
        r = client.post(path, data=data, headers={"Accept": "application/json"})
        assert r.status_code == 403 and r.json()["error"]["code"] == "csrf_failed", path
        bad = client.post(path, data=data | {"csrf_token": "palsu"})
        assert bad.status_code == 403, path
    with session_scope(env.db) as session:
        assert session.get(ScanJob, job_id).cancel_requested is False


# -- the whole flow -------------------------------------------------------------------------------
def test_upload_scans_in_the_background_to_done_with_exact_counts(env, scanned):
    client, job_url, job = scanned
    assert job["status"] == "done", job
    assert (job["total"], job["scanned"]) == (6, 6)
    assert job["flagged"] == 3, job
    assert job["percent"] == 100 and job["error"] is None
    assert job["imports"][0]["added"] == 6 and job["imports"][0]["format"] == "x"
    assert job["posts_per_second"] > 0
    # The file is stored under a random name, never the client's.
    stored = list((env.settings.data_dir / "uploads").iterdir())
    assert len(stored) == 1 and stored[0].suffix == ".zip"
    assert "arsip" not in stored[0].name and ".." not in stored[0].name
    page = client.get(job_url)
    assert "Selesai" in page.text and 'id="job-progress"' in page.text
    assert "oversight.js" in page.text and "<script>" not in page.text
    listing = client.get("/pengawasan?format=json").json()["jobs"]
    assert [j["id"] for j in listing] == [job["id"]]


def test_review_confirm_case_and_report(env, scanned):
    client, _job_url, job = scanned
    queue = client.get("/pengawasan/tinjauan", params={"format": "json", "job": job["id"]})
    items = queue.json()["items"]
    assert len(items) == 3
    scores = [i["risk_score"] for i in items]
    assert scores == sorted(scores, reverse=True)
    html = client.get("/pengawasan/tinjauan").text
    assert "&lt;img src=x" in html and '<img src=x onerror="alert(1)">' not in html
    assert "menangkan Gerindra" in html and "<mark" in html

    nik = next(i for i in items if "3174014506900003" in i["text"])
    neutral = next(i for i in items if i["text"] == BREACHES[0])
    token = page_csrf(client, "/pengawasan/tinjauan")
    r = client.post(
        f"/pengawasan/tinjauan/{neutral['result_id']}/konfirmasi",
        data={"csrf_token": token, "note": "Dikonfirmasi <b>tebal</b>"},
    )
    assert r.status_code == 303
    case_url = r.headers["location"]
    r = client.post(f"/pengawasan/tinjauan/{nik['result_id']}/abaikan", data={"csrf_token": token})
    assert r.status_code == 303
    again = client.post(
        f"/pengawasan/tinjauan/{nik['result_id']}/abaikan",
        data={"csrf_token": token},
        headers={"Accept": "application/json"},
    )
    assert again.status_code == 422 and "sudah ditinjau" in again.json()["error"]["message"]
    remaining = client.get("/pengawasan/tinjauan?format=json").json()["items"]
    assert {i["result_id"] for i in remaining} == {i["result_id"] for i in items} - {
        neutral["result_id"],
        nik["result_id"],
    }

    case = client.get(case_url, params={"format": "json"}).json()
    assert case["subject_account"] == "budi_asn"
    assert case["sanction_category"] in ("ethics", "discipline")
    assert case["sanction_label"]
    (evidence,) = case["evidence"]
    assert evidence["text"] == BREACHES[0]
    assert len(evidence["fingerprint_sha256"]) == 64
    assert evidence["rule_ids"] and evidence["engine_version"]
    page = client.get(case_url).text
    assert evidence["fingerprint_sha256"] in page and case["sanction_label"] in page
    assert "Dikonfirmasi &lt;b&gt;tebal&lt;/b&gt;" in page
    case_id = case["id"]
    token = page_csrf(client, case_url)
    assert (
        client.post(
            f"/pengawasan/kasus/{case_id}/catatan", data={"csrf_token": token, "text": "Panggil"}
        ).status_code
        == 303
    )
    r = client.post(
        f"/pengawasan/kasus/{case_id}/status",
        data={"csrf_token": token, "status": "investigating", "outcome": ""},
    )
    assert r.status_code == 303
    case = client.get(case_url, params={"format": "json"}).json()
    assert case["status"] == "investigating" and [n["text"] for n in case["notes"]][-1] == "Panggil"
    bad = client.post(
        f"/pengawasan/kasus/{case_id}/status",
        data={"csrf_token": token, "status": "hilang"},
        headers={"Accept": "application/json"},
    )
    assert bad.status_code == 422 and "Status tidak dikenal" in bad.json()["error"]["message"]
    listing = client.get("/pengawasan/kasus?format=json").json()["cases"]
    assert [c["id"] for c in listing] == [case_id]

    report = client.get("/pengawasan/laporan", params={"format": "json"}).json()["report"]
    assert (report["scanned"], report["flagged"], report["job_id"]) == (6, 3, job["id"])
    html = client.get("/pengawasan/laporan").text
    assert "Laporan pengawasan media sosial" in html and "<svg" in html
    assert "&lt;img src=x" in html and "laporan.pdf" in html
    csv = client.get(f"/pengawasan/laporan.csv?job={job['id']}")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert csv.headers["content-disposition"].startswith("attachment; filename=")
    assert csv.headers["content-disposition"].endswith('.csv"')
    assert "sidik_jari_sha256" in csv.text
    pdf = client.get("/pengawasan/laporan.pdf", params={"akun": "budi_asn", "dari": "2024-01-01"})
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert client.get("/pengawasan/laporan?dari=kemarin&format=json").status_code == 422
    assert client.get("/pengawasan/laporan?job=abc&format=json").status_code == 422
    empty = client.get("/pengawasan/laporan", params={"job": "", "akun": "", "dari": ""})
    assert empty.status_code == 200


def test_another_units_officer_sees_nothing_of_this_unit(env, scanned):
    client, job_url, job = scanned
    items = client.get("/pengawasan/tinjauan?format=json").json()["items"]
    token = page_csrf(client, "/pengawasan/tinjauan")
    case_url = client.post(
        f"/pengawasan/tinjauan/{items[0]['result_id']}/konfirmasi", data={"csrf_token": token}
    ).headers["location"]
    case_id = int(case_url.rsplit("/", 1)[1])

    other = other_unit_officer(env)
    assert other.get(job_url).status_code == 404
    assert other.get(case_url).status_code == 404
    assert other.get(f"/pengawasan/laporan?job={job['id']}").status_code == 404
    assert other.get(f"/pengawasan/laporan.pdf?job={job['id']}").status_code == 404
    assert other.get("/pengawasan/tinjauan?format=json").json()["items"] == []
    assert other.get("/pengawasan/kasus?format=json").json()["cases"] == []
    assert other.get("/pengawasan?format=json").json()["jobs"] == []
    assert other.get("/pengawasan/laporan?format=json").json()["report"] is None
    other_token = page_csrf(other, "/pengawasan")
    for path, data in [
        (f"/pengawasan/tinjauan/{items[1]['result_id']}/konfirmasi", {}),
        (f"/pengawasan/tinjauan/{items[1]['result_id']}/abaikan", {}),
        (f"/pengawasan/kasus/{case_id}/catatan", {"text": "x"}),
        (f"/pengawasan/kasus/{case_id}/status", {"status": "closed"}),
        (f"/pengawasan/pemindaian/{job['id']}/batal", {}),
    ]:
        r = other.post(path, data=data | {"csrf_token": other_token})
        assert r.status_code == 404, path
    case = client.get(case_url, params={"format": "json"}).json()
    assert case["status"] == "open" and len(case["notes"]) == 0
    assert len(client.get("/pengawasan/tinjauan?format=json").json()["items"]) == 2


# -- hostile and refused uploads ------------------------------------------------------------------
def test_hostile_uploads_fail_with_an_indonesian_error_and_no_crash(env):
    client = env.client("oversight")
    traversal = x_archive_bytes(CLEAN, {"../../../../tmp/netra-evil.txt": b"pwned"})
    r = upload(client, traversal, name="../../../etc/passwd.zip")
    assert r.status_code == 303
    job = wait_for_job(client, r.headers["location"])
    assert job["status"] == "failed" and job["total"] == 0
    assert "tidak aman" in job["error"] or "berbahaya" in job["error"], job["error"]
    assert "Berkas unggahan" in job["error"]
    assert not Path("/tmp/netra-evil.txt").exists()
    page = client.get(r.headers["location"]).text
    assert "Gagal" in page and "Impor arsip bermasalah" in page

    r = upload(client, b"\x00\x01bukan arsip sama sekali" * 50, name="foto.png")
    job = wait_for_job(client, r.headers["location"])
    assert job["status"] == "failed" and "format tidak dikenal" in job["error"]
    # Nothing usable was imported from either: the files are not kept.
    assert list((env.settings.data_dir / "uploads").iterdir()) == []

    empty = upload(client, b"", name="kosong.zip")
    assert empty.status_code == 422 and "Berkas kosong" in empty.text
    none = client.post(
        "/pengawasan/unggah",
        data={"csrf_token": page_csrf(client, "/pengawasan")},
        headers={"Accept": "application/json"},
    )
    assert none.status_code == 422 and "Pilih berkas" in none.json()["error"]["message"]


def test_upload_size_limit_is_its_own_and_other_forms_keep_theirs(
    db_url, tmp_path, analysis_engine
):
    env = build_env(
        db_url, tmp_path, analysis_engine, max_upload_bytes=20_000, max_form_bytes=3_000
    )
    try:
        client = env.client("oversight")
        csv = b"author,account,time,text,url\n" + b"a,b,2024-02-07T10:00:00,Selamat pagi,\n" * 150
        assert 3_000 < len(csv) < 20_000
        r = upload(client, csv, name="pos.csv")
        assert r.status_code == 303, r.text[:300]
        job = wait_for_job(client, r.headers["location"])
        assert job["status"] == "done" and job["total"] == 1  # duplicates collapse to one post
        big = upload(client, b"x" * 25_000, name="besar.csv")
        assert big.status_code == 413 and "terlalu besar" in big.text
        token = page_csrf(client, "/akun")
        r = client.post("/akun/token", data={"csrf_token": token, "name": "x" * 4_000})
        assert r.status_code == 413
    finally:
        env.db.dispose()
        env.app.state.db_engine.dispose()


# -- cancel and progress, without the background process ------------------------------------------
def test_cancel_before_the_import_ends_stops_the_job(env, tmp_path):
    client = env.client("oversight")
    unit_id = _unit_id_of(env, "oversight")
    job_id = oversight_jobs.create_upload_job(env.db, unit_id=unit_id, created_by="Pengawas")
    token = page_csrf(client, f"/pengawasan/pemindaian/{job_id}")
    r = client.post(f"/pengawasan/pemindaian/{job_id}/batal", data={"csrf_token": token})
    assert r.status_code == 303
    assert client.get(f"/pengawasan/pemindaian/{job_id}?format=json").json()["cancel_requested"]
    path = tmp_path / "a.zip"
    path.write_bytes(x_archive_bytes(CLEAN + BREACHES))
    oversight_jobs.import_and_scan(env.db, job_id, path, workers=1)
    job = client.get(f"/pengawasan/pemindaian/{job_id}?format=json").json()
    assert job["status"] == "cancelled" and job["scanned"] == 0
    assert "Dibatalkan oleh petugas" in job["error"]


def _unit_id_of(env, username: str) -> int:
    from netra.accounts.tables import User

    with session_scope(env.db) as session:
        return session.scalar(select(User.unit_id).where(User.username == username))


def test_job_view_rate_and_eta_come_from_the_row():
    from datetime import UTC, datetime, timedelta

    now = datetime(2024, 2, 7, 10, 0, tzinfo=UTC)
    job = ScanJob(
        id=7, status="running", total=1_000, scanned=250, flagged=3, cancel_requested=False,
        started_at=(now - timedelta(seconds=10)).replace(tzinfo=None), import_ids=None,
    )  # fmt: skip
    view = oversight_jobs.job_view(None, job, now=now)
    assert view.percent == 25 and view.rate == 25.0 and view.eta_seconds == 30
    assert view.eta_label == "30 detik" and view.status_label == "Memindai"
    assert oversight_jobs.format_duration(3_725) == "1 jam 2 menit"
    assert oversight_jobs.safe_suffix("../../x.ZIP") == ".zip"
    assert oversight_jobs.safe_suffix("x.exe") == ".bin"
