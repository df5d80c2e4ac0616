"""The checker page: server-side render without JavaScript, labels, counters, page weight."""

from __future__ import annotations

import re

from netra.web.highlight import segments
from tests.web.support import RISKY_POST, page_csrf

STATIC_REF = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def submit(client, text: str, **fields):
    token = page_csrf(client, "/periksa")
    data = {"text": text, "account": "personal", "channel": "x", "csrf_token": token} | fields
    return client.post("/periksa", data=data)


def test_form_submit_renders_highlights_reasons_rules_and_redaction(env):
    client = env.client("asn")
    r = submit(client, RISKY_POST)
    assert r.status_code == 200
    html = r.text
    assert re.search(
        r'<mark class="sev-high"[^>]*><a href="#finding-1"[^>]*>coblos kandidatuji</a>', html
    )
    assert '<mark class="sev-medium"' in html
    assert "Risiko tinggi" in html and "skor risiko" in html
    assert "Aturan Uji Netralitas</a>, Pasal 1 (uji)" in html
    assert "bagikan informasi netral dari KPU" in html  # the suggestion
    assert "99************34" in html  # the redacted version
    assert 'id="counters"' in html and f">{len(RISKY_POST)}</span>/280" in html


def test_form_has_labels_and_live_regions(env):
    html = env.client("asn").get("/periksa").text
    for field in ("text", "account", "channel", "posted_on"):
        assert f'<label for="{field}"' in html and f'id="{field}"' in html
    assert 'aria-live="polite"' in html and 'role="status"' in html
    assert 'lang="id"' in html and 'class="skip" href="#isi"' in html


def test_bad_input_gets_an_indonesian_message_not_a_traceback(env):
    client = env.client("asn")
    r = submit(client, "   ")
    assert r.status_code == 422 and "Teks kosong" in r.text
    r = submit(client, "halo", posted_on="10/02/2024")
    assert r.status_code == 422 and "Tanggal unggah tidak valid" in r.text
    r = submit(client, "a" * 50_001)
    assert r.status_code == 422 and "terlalu panjang" in r.text
    r = submit(client, "halo", account="robot", channel="tiktok")  # unknown → defaults
    assert r.status_code == 200


def test_json_twin_of_the_checker(env):
    client = env.client("asn")
    token = page_csrf(client, "/periksa")
    r = client.post("/periksa?format=json", data={"text": RISKY_POST, "csrf_token": token})
    assert r.json()["report"]["verdict"] == "high_risk"
    assert r.json()["saved_id"] is None
    channels = client.get("/periksa?format=json").json()["channels"]
    assert {c["id"]: c["limit"] for c in channels} == {
        "x": 280,
        "instagram": 2200,
        "facebook": 63206,
        "whatsapp": 65536,
        "telegram": 4096,
    }


def test_checker_page_weighs_under_200_kb(env):
    client = env.client("asn")
    page = client.get("/periksa")
    total = len(page.content)
    refs = set(STATIC_REF.findall(page.text))
    assert any(r.startswith("/static/checker.js") for r in refs)
    for ref in refs:
        asset = client.get(ref)
        assert asset.status_code == 200, ref
        total += len(asset.content)
    assert total < 200_000, total
    assert (
        "http://" not in page.text.replace("http://127.0.0.1", "") and "https://" not in page.text
    )


def test_segments_cover_the_text_and_handle_overlaps_and_bad_offsets():
    text = "ab😀cdefg"
    findings = [
        {"start": 1, "end": 5, "severity": "medium"},
        {"start": 3, "end": 7, "severity": "high"},
        {"start": -5, "end": 99, "severity": "low"},
        {"start": 6, "end": 2, "severity": "high"},
    ]
    segs = segments(text, findings)
    assert "".join(s.text for s in segs) == text
    by_text = {s.text: s for s in segs}
    assert by_text["cd"].findings == (1, 2, 3) and by_text["cd"].severity == "high"
    assert by_text["b😀"].severity == "medium"
    assert segments("", []) == []


def test_no_inline_scripts_styles_or_handlers_in_any_page(env):
    client = env.client("admin")
    for path in (
        "/periksa",
        "/riwayat",
        "/pedoman",
        "/kuis",
        "/kuis/skor",
        "/akun",
        "/admin/pengguna",
        "/admin/unit",
        "/admin/audit",
        "/api/v1/docs",
        "/akun/sandi",
    ):
        html = client.get(path).text
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (path, tag)
        assert not re.search(r"\sstyle=", html), path
        assert not re.search(r"\son[a-z]+=", html), path
