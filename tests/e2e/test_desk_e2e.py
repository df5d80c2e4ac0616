"""The communication desk in a real browser, publishing to a real (local) HTTP receiver.

An author drafts one message for X and the WhatsApp channel, sees the engine's finding live and
on the saved draft, fixes it and submits; a reviewer approves and schedules it a few seconds
ahead; the app's own scheduler thread publishes it at that time to the signed webhook receiver
the test runs (tests/desk/platforms.webhook verifies the HMAC signature and de-duplicates by
Idempotency-Key); the archive shows it. Then an emergency post goes out at once and carries its
banner until a reviewer reviews it. Screenshots go to test-results/screenshots/.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.desk import platforms
from tests.desk.images import png
from tests.desk.servers import MockServer
from tests.e2e.conftest import shot
from tests.e2e.test_browser import log_in
from tests.web.support import build_env, make_analysis_engine, serve, use_fast_hasher

pytestmark = pytest.mark.e2e

WIB = ZoneInfo("Asia/Jakarta")
RISKY = "Ayo coblos kandidatuji besok! Layanan KTP-el buka pukul 08.00-15.00 WIB di kecamatan."
SAFE = "Layanan perekaman KTP-el buka Senin-Jumat pukul 08.00-15.00 WIB di kantor kecamatan."
FLOOD = "Peringatan dini banjir: warga bantaran Sungai Citarum segera mengungsi ke balai desa."
WAIT_SECONDS = 45


@pytest.fixture(scope="module")
def receiver() -> Iterator[MockServer]:
    """The agency's webhook gateway, on a local port."""
    with MockServer(platforms.webhook) as server:
        yield server


@pytest.fixture(scope="module")
def desk_server(tmp_path_factory, receiver) -> Iterator[str]:
    """The app with the in-app scheduler on (polling every half second), X and the WhatsApp
    channel published through the webhook to `receiver`."""

    use_fast_hasher()
    data_dir = tmp_path_factory.mktemp("desk-e2e")
    env = build_env(
        f"sqlite:///{data_dir / 'netra.db'}",
        data_dir,
        make_analysis_engine(),
        login_attempts_per_minute=10_000,
        desk_scheduler=True,
        desk_poll_seconds=0.5,
        desk_webhook_url=f"{receiver.url}/netra",
        desk_webhook_secret=platforms.WEBHOOK_SECRET,
        desk_channel_publishers={"x": "webhook", "whatsapp_channel": "webhook"},
    )
    with serve(env.app) as base:
        yield base
    env.db.dispose()


def switch_user(page, base: str, role: str) -> None:
    page.context.clear_cookies()
    log_in(page, base, role)


def reload_until(page, locator, text: str) -> None:
    """The draft page is rendered by the server: reload it until the scheduler has acted."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if text in (locator.text_content() or ""):
            return
        time.sleep(0.5)
        page.reload()
    raise AssertionError(f"'{text}' did not appear: {locator.text_content()!r}")


def test_draft_review_schedule_publish_archive_and_emergency(page, desk_server, receiver, tmp_path):
    base = desk_server
    # -- the author drafts for two channels and sees the finding while typing
    log_in(page, base, "author")
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Meja Humas").click()
    expect(page.get_by_role("heading", name="Meja Humas", exact=True)).to_be_visible()
    page.get_by_role("link", name="Tulis draf baru").click()
    page.get_by_label("Judul").fill("Jadwal perekaman KTP-el")
    page.get_by_label("X (Twitter)", exact=True).check()
    page.get_by_label("Saluran WhatsApp", exact=True).check()
    page.locator("#draft-text").fill(RISKY)
    expect(page.locator("#findings-x mark.sev-high")).to_contain_text("coblos kandidatuji")
    expect(page.locator("#count-x")).to_have_text(str(len(RISKY)))
    expect(page.locator("#live-status")).to_contain_text("temuan")
    shot(page, "desk-01-draf-baru-temuan")
    page.get_by_role("button", name="Simpan draf").click()
    page.wait_for_url(re.compile(r".*/meja/draf/\d+$"))
    draft_url = page.url
    expect(page.locator("#kanal-x mark.sev-high")).to_contain_text("coblos kandidatuji")
    expect(page.locator("#kanal-whatsapp_channel mark.sev-high")).to_be_visible()
    shot(page, "desk-02-draf-tersimpan-temuan")

    # -- fixes it (a new checked version) and submits
    page.locator("#draft-text").fill(SAFE)
    page.get_by_role("button", name="Simpan versi baru").click()
    page.wait_for_url(draft_url)
    expect(page.locator("#kanal-x mark")).to_have_count(0)
    expect(page.locator("#kanal-x")).to_contain_text("tidak menemukan masalah")
    page.get_by_role("button", name="Ajukan untuk ditinjau").click()
    expect(page.locator(".desk-status")).to_have_text("Menunggu tinjauan")
    shot(page, "desk-03-diajukan")

    # -- the reviewer approves and schedules it a few seconds ahead (agency time, WIB)
    switch_user(page, base, "reviewer")
    page.goto(f"{base}/meja")
    page.get_by_role("link", name="Jadwal perekaman KTP-el").click()
    page.locator("#catatan-approve").fill("Sudah sesuai, silakan terbit.")
    page.get_by_role("button", name="Setujui").click()
    expect(page.locator(".desk-status")).to_have_text("Disetujui")
    at = int(time.time()) + 4
    local = datetime.fromtimestamp(at, WIB).replace(tzinfo=None)
    page.locator("#waktu-schedule").fill(local.isoformat(timespec="seconds"))
    shot(page, "desk-04-jadwalkan")
    page.get_by_role("button", name="Jadwalkan").click()
    expect(page.locator(".desk-status")).to_have_text(re.compile("Terjadwal|Terbit"))
    expect(page.locator("#draft-schedule")).to_contain_text("WIB")

    # -- the app's scheduler publishes it at its time to the webhook receiver
    reload_until(page, page.locator(".desk-status"), "Terbit")
    published = time.time()
    assert published >= at - 1
    bodies = receiver.state["bodies"]
    assert sorted(b["channel"] for b in bodies) == ["whatsapp_channel", "x"]
    assert all(b["text"] == SAFE and not b["emergency"] for b in bodies)
    expect(page.locator("#jobs tbody tr.job-published")).to_have_count(2)
    expect(page.locator("#jobs")).to_contain_text("https://gateway.example/")
    shot(page, "desk-05-terbit")

    # -- the archive shows it, and finds it
    page.get_by_role("navigation", name="Menu meja Humas").get_by_role("link", name="Arsip").click()
    expect(page.locator("li.archive-item")).to_have_count(2)
    page.get_by_label("Cari teks atau judul").fill("perekaman")
    page.get_by_label("Kanal").select_option("x")
    page.get_by_role("button", name="Cari").click()
    expect(page.locator("li.archive-item")).to_have_count(1)
    expect(page.locator("li.archive-item")).to_contain_text("Pengguna reviewer")
    expect(page.locator("li.archive-item code.fingerprint")).to_have_text(
        re.compile(r"^[0-9a-f]{64}$")
    )
    shot(page, "desk-06-arsip")
    page.get_by_role("navigation", name="Menu meja Humas").get_by_role(
        "link", name="Kalender"
    ).click()
    expect(page.locator("#calendar")).to_contain_text("Jadwal perekaman KTP-el")
    shot(page, "desk-06a-kalender")

    # -- an admin grants emergency authority; the author publishes a flood warning at once
    switch_user(page, base, "admin")
    page.goto(f"{base}/meja")
    page.get_by_role("button", name="Beri wewenang (Pengguna author)").click()
    expect(page.get_by_role("button", name="Cabut (Pengguna author)")).to_be_visible()
    switch_user(page, base, "author")
    page.goto(f"{base}/meja/draf/baru")
    page.get_by_label("Judul").fill("Peringatan banjir")
    page.get_by_label("Saluran WhatsApp", exact=True).check()
    page.locator("#draft-text").fill(FLOOD)
    page.get_by_role("button", name="Simpan draf").click()
    page.wait_for_url(re.compile(r".*/meja/draf/\d+$"))
    photo = tmp_path / "peta-banjir.png"
    photo.write_bytes(png(4, 3))
    page.get_by_label("Berkas (JPEG, PNG, WebP atau PDF)").set_input_files(str(photo))
    page.get_by_label("Teks alternatif (untuk pembaca layar)").fill("Peta wilayah banjir")
    page.get_by_role("button", name="Lampirkan").click()
    thumb = page.locator("#attachments img.thumb")
    expect(thumb).to_have_attribute("alt", "Peta wilayah banjir")
    expect(thumb).to_have_js_property("naturalWidth", 4)  # served to the draft's readers
    page.locator("#kategori-ft").select_option("bencana")
    page.locator("#alasan-ft").fill("Banjir di tiga kecamatan sejak dini hari.")
    page.get_by_role("button", name="Terbitkan sekarang (jalur darurat)").click()
    banner = page.locator("#emergency-banner")
    reload_until(page, banner, "TERBIT DARURAT — BELUM DITINJAU")
    expect(banner).to_contain_text("Banjir di tiga kecamatan")
    flood = [b for b in receiver.state["bodies"] if b["text"] == FLOOD]
    assert len(flood) == 1 and flood[0]["emergency"] is True
    (attachment,) = flood[0]["attachments"]
    assert attachment["name"] == "peta-banjir.png"
    assert attachment["alt_text"] == "Peta wilayah banjir"
    assert attachment["data_base64"]  # no public URL configured: the file travels inline
    shot(page, "desk-07-darurat-belum-ditinjau")

    # -- the reviewer sees it first on the dashboard and reviews it; the banner goes
    switch_user(page, base, "reviewer")
    page.goto(f"{base}/meja")
    shot(page, "desk-08a-ringkasan-peninjau")
    first = page.locator("tr.emergency-row").first
    expect(first).to_contain_text("Peringatan banjir")
    first.get_by_role("link", name="Peringatan banjir").click()
    expect(page.locator("#emergency-banner")).to_be_visible()
    page.locator("#catatan-review-after").fill("Isi peringatan sudah tepat.")
    page.get_by_role("button", name="Tandai sudah ditinjau").click()
    expect(page.locator(".desk-status")).to_have_text("Terbit")
    expect(page.locator("#emergency-banner")).to_have_count(0)
    shot(page, "desk-08-darurat-ditinjau")

    # -- the draft page on a phone: no horizontal scrolling of the page itself
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(draft_url)
    shot(page, "desk-09-ponsel-draf")
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    assert not page.console_errors
    assert len(receiver.requests) == 3
    assert timedelta(seconds=published - at) < timedelta(seconds=WAIT_SECONDS)
