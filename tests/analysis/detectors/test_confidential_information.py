"""confidential_information: classified records, unfinished decisions, exams, tenders, meetings,
audits and VIP routes, on realistic posts and on the look-alikes that must stay unflagged."""

from __future__ import annotations

import pytest

from netra.analysis import Engine
from netra.analysis.finding import Finding, Severity

CATEGORY = "confidential_information"


@pytest.fixture(scope="module")
def ci_engine() -> Engine:
    # Only this category's detector: the test is about it, and does not depend on the others.
    return Engine(detectors=[CATEGORY])


def found(engine: Engine, text: str, context: dict | None = None) -> list[Finding]:
    report = engine.analyze(text, context)
    return [f for f in report.findings if f.category == CATEGORY]


def only(engine: Engine, text: str, rule_id: str, context: dict | None = None) -> Finding:
    hits = [f for f in found(engine, text, context) if f.rule_id == rule_id]
    assert hits, f"{rule_id} did not fire on {text!r}: {found(engine, text, context)}"
    return hits[0]


# (post, rule, words the span must cover, severity)
LEAKS = [
    ("Nomor: 800/412/BKPSDM/2024\nSifat: Rahasia\nHal: Usulan mutasi", "CI-001", "Rahasia", "high"),
    ("klasifikasi: TERBATAS tp udh nyebar di grup alumni 🙈", "CI-001", "TERBATAS", "high"),
    ("nih surat RAHASIA dari setda soal evaluasi camat, jgn bilang2", "CI-002", "surat RAHASIA",
     "high"),
    ("RAHASIA\nNOTA DINAS\nNomor: 005/117/Setda\nPerihal: evaluasi kinerja", "CI-003", "RAHASIA",
     "high"),
    ("Bocoran SK mutasi eselon III minggu depan nih 😂", "CI-010", "Bocoran SK mutasi", "medium"),
    ("draf perbup TPP masih konsep, belum diteken bupati tp ini filenya", "CI-011", "perbup",
     "medium"),
    ("b0c0ran s0al SKD CPNS 2024 dr ordal, japri aja", "CI-020", "SKD", "high"),
    ("kunci jwbn ujian sekolah kelas 6 bsk udh ada bun", "CI-020", "kunci jwbn", "high"),
    ("Soal ujian sekolah IPA kelas 9 bocor, fotonya ada di grup", "CI-021", "bocor", "high"),
    ("Rincian HPS paket jalan desa udah aku kirim ke japri ya", "CI-030", "Rincian HPS", "high"),
    ("HPS gedung puskesmas 4,7 M, tendernya belum tayang, siapin perusahaan", "CI-031", "HPS",
     "high"),
    ("Bocoran pemenang tender RSUD: CV Maju Jaya 😏", "CI-032", "Bocoran pemenang tender", "high"),
    ("Notulen rapat pimpinan tadi pagi: 3 kadis bakal dicopot 😳", "CI-040",
     "Notulen rapat pimpinan", "medium"),
    ("target pemeriksaan Inspektorat bulan depan Dinas PU, siap2 ya", "CI-050",
     "target pemeriksaan", "medium"),
    ("Rute iring-iringan RI 1 besok lewat Jl. Sudirman jam 9an", "CI-060", "RI 1", "high"),
    ("jangan disebar ya, ini internal: THR ditunda sampai akhir bulan", "CI-070", "internal",
     "medium"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "rule_id", "covered", "severity"), LEAKS)
def test_leaks_are_found_with_span_reason_and_rule(ci_engine, text, rule_id, covered, severity):
    f = only(ci_engine, text, rule_id)
    assert text[f.start : f.end] == f.text
    assert f.start <= text.index(covered) and text.index(covered) + len(covered) <= f.end
    assert f.severity == Severity(severity)
    assert f.message and f.suggestion
    assert f.rules and all(r in ci_engine.rulebook.regulations for r in f.rules)


ALLOWED = [
    "Rahasia sukses UMKM binaan Dinas Koperasi: konsisten dan jujur",
    "Rahasia dapur warung Bu Yati: bumbu diulek sendiri",
    "Resep rahasia rendang nenek, dijamin enak!",
    "Nonton film RAHASIA LANGIT di bioskop bareng keluarga, seru",
    "RAHASIA SUKSES JUALAN ONLINE TANPA MODAL!!! CEK BIO",
    "Kuota TERBATAS! Daftar vaksinasi gratis di puskesmas terdekat",
    "Pengumuman pemenang tender pembangunan pasar telah diumumkan di LPSE, masa sanggah 5 hari",
    "Peringatan HPS (Hari Pangan Sedunia) ke-44 di alun-alun, yuk datang!",
    "Kisi-kisi ujian sekolah tahun ini sudah diumumkan Dinas Pendidikan, unduh di laman resmi",
    "Latihan soal SKD CPNS 2024 lengkap dengan pembahasan, gratis!",
    "Jadwal ujian CPNS sesi 2 dimulai pukul 10.00 WIB di gedung CAT BKN",
    "Rapat terbuka bersama warga soal relokasi pasar digelar Sabtu di balai desa",
    "LHP BPK atas LKPD 2023 telah dipublikasikan, Pemkab kembali meraih opini WTP",
    "Satlantas mengimbau warga menghindari Jl. Sudirman karena rekayasa lalu lintas kunjungan "
    "Presiden",
    "PPID melayani permohonan informasi publik setiap hari kerja",
    "Daftar Informasi Publik sudah diunggah; informasi yang dikecualikan seperti dokumen rahasia "
    "negara ditetapkan lewat uji konsekuensi",
    "BKN: waspada penipuan! BKN tidak pernah menjual bocoran soal atau kunci jawaban CPNS",
    "Polisi menangkap pelaku penjual kunci jawaban seleksi PPPK, tersangka terancam 6 tahun",
    "PIN dan kode OTP bersifat rahasia, jangan bagikan kepada siapa pun",
    "Rancangan Perda RTRW dibahas bersama DPRD dalam uji publik, warga diundang memberi masukan",
    "SK PPPK kami belum ditandatangani sampai sekarang, mohon kejelasan 🙏",
    "Menhub meresmikan rute penerbangan baru Jakarta-Labuan Bajo",
    "Bupati menggelar sidak ke Pasar Baru tadi pagi dan menemukan harga cabai naik",
    "Pelantikan pejabat administrator dilaksanakan hari ini di pendopo kabupaten",
]


@pytest.mark.parametrize("text", ALLOWED)
def test_look_alikes_are_not_flagged(ci_engine, text):
    assert found(ci_engine, text) == []


# A stamp counts only on its own line, in a post that has the words of an official letter.
@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("TERBATAS\nLaporan hasil rapat koordinasi, tembusan Sekda", True),
        ("SANGAT RAHASIA\nSurat Keputusan Nomor 821/2024 tentang rotasi jabatan", True),
        # the same mark inside a sentence, or on its own line in an advert, is not a stamp
        ("Laporan ini TERBATAS untuk peserta, nomor kursi di tiket", False),
        ("TERBATAS\nKuota pendaftaran pelatihan kerja gratis", False),
        ("RAHASIA\nsukses jualan online, cek bio", False),
    ],
)
def test_classification_stamp(ci_engine, text, fires):
    stamps = [f for f in found(ci_engine, text) if f.rule_id == "CI-003"]
    assert bool(stamps) is fires
    if fires:
        assert stamps[0].text.isupper()
        assert "arsip-klasifikasi" in stamps[0].rules


def test_sangat_rahasia_stamp_is_reported_once_with_its_level(ci_engine):
    text = "SANGAT RAHASIA\nNota dinas Nomor 12/2024 perihal penataan pejabat"
    stamps = [f for f in found(ci_engine, text) if f.rule_id == "CI-003"]
    assert len(stamps) == 1
    assert stamps[0].text == "SANGAT RAHASIA"
    assert "SANGAT RAHASIA" in stamps[0].message


def test_leak_words_in_a_report_about_an_arrest_are_not_a_leak(ci_engine):
    leak = "Bocoran soal seleksi perangkat desa dijual 2 juta, japri"
    report = "Polisi menangkap pelaku; bocoran soal seleksi perangkat desa dijual 2 juta, tersangka"
    assert found(ci_engine, leak)
    assert found(ci_engine, report) == []


def test_vip_route_message_names_the_protected_person(ci_engine):
    f = only(ci_engine, "rute perjalanan wapres besok lewat jalan ahmad yani", "CI-060")
    assert "Wakil Presiden" in f.message
    assert "uu-kip-2008-p17c" in f.rules


def test_every_finding_maps_back_to_the_original_text(ci_engine):
    text = "𝐁𝐨𝐜𝐨𝐫𝐚𝐧 SK mutasi\u200b eselon III, jgn disebar ya ini internal 🤫"
    fs = found(ci_engine, text)
    assert fs
    for f in fs:
        assert text[f.start : f.end] == f.text


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("kata sandi server SIMPEG untuk admin OPD: Simpeg@2024! jangan disebar", "Simpeg@2024"),
        ("pw wifi ruang rapat bupati: Pemkab#2024 ya", "Pemkab#2024"),
        ("Login SIPD: user 198703122010011001 password Bapp3da2024", "Bapp3da2024"),
    ],
)
def test_a_posted_credential_is_high_and_its_value_is_inside_the_span(ci_engine, text, secret):
    f = only(ci_engine, text, "CI-080")
    assert f.severity is Severity.HIGH
    assert secret in f.text
    assert secret not in f.message  # the finding must not repeat the secret in its reason


@pytest.mark.parametrize(
    "text",
    [
        "Jangan pernah bagikan kata sandi dan kode OTP kepada siapa pun",
        "Lupa password email dinas? Hubungi helpdesk Diskominfo di ext. 204",
        "Wifi gratis di taman kota, password tamankota2025, silakan dipakai pengunjung",
        "Pak Sandi sampai dibully terus2an di medsos, kasihan",
        "Cara membuat kata sandi yang kuat: gabungkan huruf, angka, dan simbol",
    ],
)
def test_password_advice_and_public_wifi_are_not_credential_leaks(ci_engine, text):
    assert "CI-080" not in {f.rule_id for f in found(ci_engine, text)}


def test_an_office_document_posted_with_do_not_forward(ci_engine):
    f = only(
        ci_engine, "ini bahan rapat evaluasi kinerja OPD besok, jangan dishare ke luar ya", "CI-072"
    )
    assert "bahan rapat" in f.text
    advice = "Jangan sebarkan foto KTP dan dokumen pribadi Anda di media sosial"
    assert found(ci_engine, advice) == []


def test_giving_the_owner_estimate_to_vendors(ci_engine):
    text = "Untuk kawan-kawan vendor, HPS alkes RSUD Rp4,8 M. Silakan disesuaikan penawarannya."
    f = only(ci_engine, text, "CI-033")
    assert f.severity is Severity.HIGH
    assert "lkpp-hps-rincian" in f.rules
