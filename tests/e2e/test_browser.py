"""The app in a real browser: log in per role, check a post live, take the quiz, be refused."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.web.support import NIK, RISKY_POST, ROLES, password_for

pytestmark = pytest.mark.e2e


def log_in(page, base: str, role: str) -> None:
    page.goto(f"{base}/masuk")
    page.get_by_label("Nama pengguna").fill(role)
    page.get_by_label("Kata sandi").fill(password_for(role))
    # Wait for the redirect to the checker as part of the click: waiting for the URL afterwards
    # races with a fast redirect on a loaded machine, and the page's `load` event (every static
    # file) is not needed to go on — later steps wait for the elements they use.
    with page.expect_navigation(
        url=re.compile(r".*/periksa$"), wait_until="domcontentloaded", timeout=60_000
    ):
        page.get_by_role("button", name="Masuk").click()


def test_login_page_and_wrong_password(page, live_server):
    page.goto(f"{live_server}/masuk")
    shot(page, "01-masuk")
    page.get_by_label("Nama pengguna").fill("asn")
    page.get_by_label("Kata sandi").fill("salah-sekali")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("alert")).to_contain_text("salah")
    assert not page.console_errors


@pytest.mark.parametrize("role", ROLES)
def test_each_role_logs_in_and_sees_its_menu(page, live_server, role):
    log_in(page, live_server, role)
    nav = page.get_by_role("navigation", name="Menu utama")
    expect(nav.get_by_role("link", name="Periksa")).to_be_visible()
    admin_link = nav.get_by_role("link", name="Pengguna")
    if role == "admin":
        expect(admin_link).to_be_visible()
    else:
        expect(admin_link).to_have_count(0)
    assert not page.console_errors


def test_live_check_highlights_and_verdict(page, live_server):
    log_in(page, live_server, "asn")
    page.get_by_label("Teks unggahan").fill(RISKY_POST)
    preview = page.locator("#preview")
    expect(preview.locator("mark.sev-high")).to_contain_text("coblos kandidatuji")
    expect(preview.locator("mark.sev-medium")).to_contain_text(NIK)
    expect(page.locator("#verdict .verdict-label")).to_have_text("Risiko tinggi")
    expect(page.get_by_role("status").first).to_contain_text(re.compile(r"\d+ temuan"))
    # The test rules' findings (shipped rules may add more as they grow).
    ours = page.locator("#findings > li", has_text="Aturan Uji Netralitas")
    expect(ours).to_have_count(1)
    expect(ours).to_contain_text("Pasal 1 (uji)")
    expect(ours).to_contain_text("bagikan informasi netral")
    expect(page.locator("#findings > li", has_text="Aturan Uji Data Pribadi")).to_have_count(1)
    counter = page.locator('#counters li[data-channel="x"] .n')
    expect(counter).to_have_text(str(len(RISKY_POST)))
    shot(page, "02-periksa-hasil")
    # The one-click redacted version replaces the text and is checked again.
    page.get_by_role("button", name="Pakai versi tersamarkan").click()
    expect(page.get_by_label("Teks unggahan")).to_have_value(re.compile(r"99\*+34"))
    expect(page.locator("#preview mark.sev-medium")).to_have_count(0)
    # Keyboard: a highlighted span is a link to its explanation.
    page.locator("#preview mark a").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#finding-1")).to_be_in_viewport()
    assert not page.console_errors


def test_post_text_is_rendered_as_text_not_markup(page, live_server):
    log_in(page, live_server, "asn")
    payload = (
        '<img src=x onerror="window.__xss=1"> coblos kandidatuji <script>window.__xss=2</script>'
    )
    page.get_by_label("Teks unggahan").fill(payload)
    expect(page.locator("#preview mark.sev-high")).to_have_count(1)
    expect(page.locator("#preview")).to_contain_text("<img src=x")
    assert page.evaluate("window.__xss === undefined")
    assert page.locator("#preview img").count() == 0


def test_checker_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server, "asn")
    page.get_by_label("Teks unggahan").fill(RISKY_POST)
    page.get_by_role("button", name="Periksa", exact=True).click()
    expect(page.locator("#preview mark.sev-high")).to_contain_text("coblos kandidatuji")
    expect(page.locator("#verdict .verdict-label")).to_have_text("Risiko tinggi")
    context.close()


def test_take_the_quiz_and_see_the_score(page, live_server):
    log_in(page, live_server, "author")
    page.goto(f"{live_server}/kuis")
    shot(page, "03-kuis")
    questions = page.locator("ol.questions > li")
    count = questions.count()
    assert count >= 4
    for i in range(count):
        questions.nth(i).get_by_label("Tidak boleh").check()
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.locator(".score-big")).to_contain_text(f"dari {count}")
    expect(page.locator("ol.questions li.right").first).to_be_visible()
    expect(page.locator("ol.questions li.wrong").first).to_contain_text("Mengapa boleh")
    shot(page, "04-kuis-hasil")
    page.get_by_role("link", name="Skor saya dari waktu ke waktu").click()
    expect(page.locator("figure.chart svg circle")).to_have_count(1)
    shot(page, "05-kuis-skor")


def test_refused_a_page_of_another_role(page, live_server):
    log_in(page, live_server, "asn")
    response = page.goto(f"{live_server}/admin/pengguna")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="Akses ditolak")).to_be_visible()
    shot(page, "06-ditolak")


def test_screenshots_of_main_pages(page, live_server, browser):
    log_in(page, live_server, "admin")
    for path, name in [
        ("/pedoman", "07-pedoman"),
        ("/pedoman/web-test-netralitas", "08-regulasi"),
        ("/admin/pengguna", "09-admin-pengguna"),
        ("/admin/unit", "10-admin-unit"),
        ("/akun", "11-akun"),
        ("/riwayat", "12-riwayat"),
        ("/api/v1/docs", "13-api-docs"),
    ]:
        page.goto(live_server + path)
        shot(page, name)
    assert not page.console_errors
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, device_scale_factor=2
    )
    mobile = phone.new_page()
    log_in(mobile, live_server, "asn")
    mobile.get_by_label("Teks unggahan").fill(RISKY_POST)
    expect(mobile.locator("#preview mark.sev-high")).to_be_visible()
    width = mobile.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the checker must not scroll sideways on a phone"
    shot(mobile, "14-periksa-ponsel")
    phone.close()


def test_history_after_opting_in(page, live_server):
    log_in(page, live_server, "oversight")
    page.goto(f"{live_server}/akun")
    page.get_by_label("Simpan riwayat pemeriksaan saya").check()
    page.get_by_role("button", name="Simpan pilihan").click()
    for post in (RISKY_POST, "Selamat pagi, layanan buka pukul 08.00 WIB."):
        page.goto(f"{live_server}/periksa")
        page.get_by_label("Teks unggahan").fill(post)
        page.get_by_role("button", name="Periksa", exact=True).click()
        expect(page.locator("p.ok", has_text="Disimpan ke")).to_be_visible()
    page.goto(f"{live_server}/riwayat")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("tbody")).not_to_contain_text(NIK)
    shot(page, "15-riwayat-isi")
    rows.nth(1).get_by_role("link").click()
    expect(page.locator("#preview mark.sev-high")).to_contain_text("coblos kandidatuji")
    shot(page, "16-riwayat-detail")
