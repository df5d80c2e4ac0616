"""An oversight officer in a real browser: upload an X archive, watch the scan reach done (the
progress bar polls the JSON twin), confirm a finding into a case, see the evidence, download the
PDF report. Screenshots go to test-results/screenshots/."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from playwright.sync_api import expect

from netra.oversight.importers.x_archive import tweets_js
from tests.e2e.conftest import shot
from tests.e2e.test_browser import log_in

pytestmark = pytest.mark.e2e

TEXTS = [
    "Selamat pagi warga, layanan KTP buka pukul 08.00 WIB.",
    "Jadwal vaksinasi anak di Puskesmas Sukamaju hari Kamis.",
    "Info banjir: warga bantaran sungai harap waspada.",
    "Terima kasih atas partisipasi warga dalam kerja bakti.",
    "Ayo coblos nomor 2, menangkan Gerindra!",
    "NIK saya 3174014506900003 tolong dicek ya",
]


def write_archive(path) -> None:
    tweets = [
        {
            "id_str": str(1_760_000_000_000 + i),
            "full_text": text,
            "created_at": f"Wed Feb {7 + i:02d} 03:12:45 +0000 2024",
        }
        for i, text in enumerate(TEXTS)
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data/tweets.js", tweets_js(tweets))
        zf.writestr(
            "data/account.js", 'window.YTD.account.part0 = [{"account": {"username": "budi_asn"}}]'
        )
    path.write_bytes(buf.getvalue())


def test_officer_uploads_reviews_confirms_and_downloads_the_report(page, live_server, tmp_path):
    archive = tmp_path / "twitter-budi.zip"
    write_archive(archive)
    log_in(page, live_server, "oversight")
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Pengawasan").click()
    expect(page.get_by_role("heading", name="Pengawasan media sosial ASN")).to_be_visible()
    page.get_by_label("Berkas arsip").set_input_files(str(archive))
    page.get_by_label("Nama akun (opsional)").fill("budi_asn")
    shot(page, "ov-01-unggah")
    page.get_by_role("button", name="Unggah dan pindai").click()
    page.wait_for_url(re.compile(r".*/pengawasan/pemindaian/\d+$"))
    shot(page, "ov-02-pemindaian-berjalan")

    # The page polls its JSON twin and reloads itself once the job is done.
    expect(page.locator("#job-status")).to_have_text("Selesai", timeout=90_000)
    expect(page.locator("#job-progress")).to_have_attribute("value", "100")
    expect(page.locator("#job-summary")).to_contain_text("6 dari 6 unggahan diperiksa")
    expect(page.locator("#job-summary")).to_contain_text("2 bertanda")
    shot(page, "ov-03-pemindaian-selesai")

    page.get_by_role("link", name="Tinjau unggahan bertanda").click()
    items = page.locator("li.queue-item")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("menangkan Gerindra")  # riskiest first
    expect(items.first.locator("mark").first).to_be_visible()
    shot(page, "ov-04-antrean")
    items.first.get_by_label("Catatan (opsional)").fill("Ajakan memilih saat masa kampanye.")
    items.first.get_by_role("button", name="Konfirmasi ke berkas kasus").click()

    page.wait_for_url(re.compile(r".*/pengawasan/kasus/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("budi_asn")
    evidence = page.locator("li.evidence-item")
    expect(evidence).to_have_count(1)
    expect(evidence).to_contain_text("menangkan Gerindra")
    expect(evidence.locator("code.fingerprint")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    expect(page.locator("#case-sanction")).to_contain_text(re.compile("pelanggaran"))
    expect(page.locator(".notes")).to_contain_text("Ajakan memilih saat masa kampanye.")
    shot(page, "ov-05-kasus")

    page.get_by_role("link", name="Laporan", exact=True).click()
    expect(
        page.get_by_role("heading", name=re.compile("Laporan pengawasan media sosial"))
    ).to_be_visible()
    shot(page, "ov-06-laporan")
    with page.expect_download() as info:
        page.get_by_role("link", name="PDF").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")

    # The same page on a phone: no horizontal scrolling of the page itself.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.url.replace("/laporan", "/tinjauan") if "/laporan" in page.url else page.url)
    shot(page, "ov-07-ponsel-tinjauan")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, width
    assert not page.console_errors
