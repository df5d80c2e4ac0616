"""misinformation: hoax cues weighed together, fake aid links, debunks left alone, and the seam to
the fact-check knowledge base (a ClaimMatcher)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from netra.analysis import Engine
from netra.analysis.claims import ClaimMatch
from netra.analysis.context import Context
from netra.analysis.detectors.misinformation import MisinformationDetector
from netra.analysis.document import Document
from netra.analysis.finding import Finding, Severity

CATEGORY = "misinformation"


@pytest.fixture(scope="module")
def mi_engine() -> Engine:
    # Only this category's detector: the test is about it, and does not depend on the others.
    return Engine(detectors=[CATEGORY])


def found(engine: Engine, text: str, context: dict | None = None) -> list[Finding]:
    report = engine.analyze(text, context)
    return [f for f in report.findings if f.category == CATEGORY]


def rule_ids(engine: Engine, text: str, context: dict | None = None) -> set[str | None]:
    return {f.rule_id for f in found(engine, text, context)}


# (post, rule, words the span must cover)
HOAX_CUES = [
    ("SEBARKAN SEBELUM DIHAPUS!!! video ini bikin geger", "MI-001", "SEBELUM DIHAPUS"),
    ("tolong kirim ke 10 grup ya, jgn putus di km 🙏", "MI-001", "kirim ke 10 grup"),
    ("GAWAT!! penculik anak pakai mobil putih di depan SD, sebarkan ke grup ortu!", "MI-002",
     "sebarkan"),
    ("Kata orang dalam BKN, formasi CPNS tahun ini cuma buat S2", "MI-010", "Kata orang dalam"),
    ("info A1 dr grup sebelah: THR PNS gak cair 😭", "MI-010", "info A1"),
    ("Beredar kabar pensiunan tidak dapat gaji ke-13, tolong viralkan", "MI-011", "Beredar kabar"),
    ("katanya honorer mau dihapus semua tahun depan", "MI-012", "katanya"),
    ("Sembuh total dari diabetes dalam 3 hari tanpa obat dokter!!", "MI-020", "Sembuh total"),
    ("Air rebusan daun sirsak menyembuhkan kanker 🙏", "MI-021", "menyembuhkan kanker"),
    ("Vaksin MR bikin anak autis, jangan mau diimunisasi", "MI-022", "autis"),
    ("Gempa besar akan terjadi tanggal 15 malam, siap2 ngungsi", "MI-030", "akan terjadi"),
    ("Pemerintah akan menghapus tenaga honorer bulan depan", "MI-050", "menghapus"),
    ("Mulai besok semua PNS wajib masuk jam 6 pagi!!", "MI-051", "Mulai besok"),
    ("Fakta yang disembunyikan pemerintah, media tidak memberitakan!", "MI-060",
     "disembunyikan"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "rule_id", "covered"), HOAX_CUES)
def test_hoax_cues_are_found_with_span_reason_and_rule(mi_engine, text, rule_id, covered):
    fs = [f for f in found(mi_engine, text) if f.rule_id == rule_id]
    assert fs, f"{rule_id} did not fire: {found(mi_engine, text)}"
    f = fs[0]
    assert text[f.start : f.end] == f.text
    lo = text.index(covered)
    assert f.start <= lo and lo + len(covered) <= f.end
    assert f.message and f.suggestion
    assert f.rules and all(r in mi_engine.rulebook.regulations for r in f.rules)


NOT_HOAXES = [
    "[HOAKS] Pesan berantai 'sebarkan sebelum dihapus' soal penculikan anak tidak benar",
    "HOAKS! Tidak benar bahwa gaji PNS dipotong 10% mulai bulan depan. Cek fakta di menpan.go.id",
    "Klarifikasi: Kemensos tidak pernah membuka pendaftaran bansos lewat bit.ly. Waspada!",
    "Video ini viral: anak SD menolong nenek menyeberang jalan 😭",
    "Bagikan kepada keluarga: layanan perekaman KTP-el buka Sabtu di kantor kecamatan",
    "Mohon disebarluaskan seluas-luasnya: jadwal vaksinasi gratis di puskesmas minggu ini",
    "BMKG: peringatan dini cuaca, potensi hujan lebat disertai angin kencang besok sore",
    "Info gempa M5,1 pukul 08:12 WIB, pusat gempa 23 km barat daya, kedalaman 10 km, tidak "
    "berpotensi tsunami",
    "Gempa bumi tidak dapat diprediksi; BMKG memberi informasi potensi dan peringatan dini",
    "Simulasi evakuasi tsunami besok pukul 09.00 di pesisir, warga tidak perlu panik",
    "Cek status penerima bansos di cekbansos.kemensos.go.id, tidak dipungut biaya",
    "Pendaftaran Kartu Prakerja gelombang terbaru dibuka di https://www.prakerja.go.id",
    "Dinkes: daun sirsak tidak terbukti menyembuhkan kanker, tetap konsultasikan ke dokter",
    "Vaksin MR aman dan tidak menyebabkan autisme, ayo imunisasi di posyandu",
    "Pemerintah menaikkan gaji PNS 8% mulai Januari berdasarkan PP Nomor 5 Tahun 2024",
    "Katanya besok cerah, cocok buat kerja bakti 😊",
    "Konon, nama desa ini berasal dari legenda seorang putri yang bertapa",
    "Tolong share ya, anak kami hilang sejak kemarin, ciri-ciri baju merah, hub 0812xxxx",
    "Heboh! Tim voli putri kabupaten juara provinsi, bagikan kebahagiaan ini!",
    "Memperingati 20 tahun tsunami Aceh, 26 Desember 2004, mari berdoa bersama",
]


@pytest.mark.parametrize("text", NOT_HOAXES)
def test_debunks_official_information_and_everyday_talk_are_not_flagged(mi_engine, text):
    assert found(mi_engine, text) == []


def test_a_hoax_saying_it_is_not_a_hoax_is_still_flagged(mi_engine):
    text = "Ini beneran bukan hoaks ya, air rendaman beras menyembuhkan katarak dalam seminggu"
    assert rule_ids(mi_engine, text) & {"MI-020", "MI-021"}


def test_a_call_to_spread_alone_is_not_a_finding_but_raises_a_cure_claim(mi_engine):
    assert found(mi_engine, "Bagikan ke keluarga ya 🙏") == []
    cure = "Air rebusan daun sirsak menyembuhkan kanker"
    alone = [f for f in found(mi_engine, cure) if f.rule_id == "MI-021"]
    spread = [f for f in found(mi_engine, cure + ", sebarkan!") if f.rule_id == "MI-021"]
    assert alone[0].severity is Severity.MEDIUM
    assert spread[0].severity is Severity.HIGH


def test_a_disaster_prediction_with_a_date_is_high(mi_engine):
    vague = [f for f in found(mi_engine, "Gempa besar akan terjadi di selatan Jawa")]
    dated = [f for f in found(mi_engine, "Gempa besar akan terjadi di selatan Jawa tanggal 12")]
    assert [f.severity for f in vague] == [Severity.MEDIUM]
    assert [f.severity for f in dated] == [Severity.HIGH]


def test_several_cues_make_each_more_confident(mi_engine):
    one = found(mi_engine, "Kata orang dalam BKN, formasi CPNS tahun ini cuma buat S2")
    two = found(
        mi_engine, "Kata orang dalam BKN, formasi CPNS tahun ini cuma buat S2. Sebelum dihapus!"
    )
    hearsay_alone = next(f for f in one if f.rule_id == "MI-010")
    hearsay_combined = next(f for f in two if f.rule_id == "MI-010")
    assert hearsay_combined.confidence > hearsay_alone.confidence


# -- aid and links -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("Bantuan subsidi Rp600.000 sudah cair! Klik bit.ly/bsu-2024-cair", "bit.ly"),
        ("daftar BLT BBM lewat https://blt-kemensos.xyz/daftar 🙏", "blt-kemensos.xyz"),
        ("Hadiah undian Rp50jt dari BRI, cek di bri-undian.blogspot.com", "blogspot.com"),
        ("Dapat THR tambahan untuk ASN, cek nama di thr-asn.com", "thr-asn.com"),
    ],
)
def test_aid_next_to_a_risky_link_is_high_and_names_the_host(mi_engine, text, host):
    fs = [f for f in found(mi_engine, text) if f.rule_id == "MI-040"]
    assert fs and fs[0].severity is Severity.HIGH
    assert host in fs[0].message
    assert host in fs[0].text  # the span reaches the link
    assert text[fs[0].start : fs[0].end] == fs[0].text


@pytest.mark.parametrize(
    "text",
    [
        "Cek penerima PKH di cekbansos.kemensos.go.id",
        "Berita lengkap soal pencairan bansos: https://www.kompas.com/tren/read/2024/bansos",
        "Waspada penipuan! Link bit.ly/bansos-cair bukan dari Kemensos, jangan klik",
        "Jl.Sudirman ditutup, bantuan sosial disalurkan di dr.Soetomo",
    ],
)
def test_official_news_and_warning_links_are_not_fake_aid(mi_engine, text):
    assert not rule_ids(mi_engine, text) & {"MI-040", "MI-041"}


def test_an_agency_short_link_is_a_review_not_high_risk(mi_engine):
    text = "Pendaftaran bantuan UMKM dibuka, isi formulir di bit.ly/umkm-kab-2024"
    institutional = {"account": "institutional"}
    personal = [f for f in found(mi_engine, text) if f.rule_id == "MI-040"]
    agency = [f for f in found(mi_engine, text, institutional) if f.rule_id == "MI-040"]
    assert personal[0].severity is Severity.HIGH
    assert agency[0].severity is Severity.MEDIUM


def test_aid_with_click_and_no_visible_link(mi_engine):
    assert "MI-041" in rule_ids(mi_engine, "BLT Rp3,5jt cair hari ini, klik link di bio!! 💸")


def test_unsourced_policy_claims_count_only_on_personal_accounts(mi_engine):
    text = "Mulai besok semua PNS wajib masuk jam 6 pagi!!"
    assert "MI-051" in rule_ids(mi_engine, text, {"account": "personal"})
    assert "MI-051" not in rule_ids(mi_engine, text, {"account": "institutional"})
    sourced = text + " (SE Bupati Nomor 800/12/2024)"
    assert "MI-051" not in rule_ids(mi_engine, sourced, {"account": "personal"})


# -- the fact-check seam -------------------------------------------------------------------------
class FakeMatcher:
    """Stands in for the knowledge base: returns whatever claims a test gives it."""

    def __init__(self, matches: list[ClaimMatch] | None = None, fail: bool = False):
        self.matches = matches or []
        self.fail = fail
        self.calls: list[tuple[str, int]] = []

    def match(self, text: str, top_k: int = 5) -> list[ClaimMatch]:
        self.calls.append((text, top_k))
        if self.fail:
            raise RuntimeError("knowledge base unavailable")
        return list(self.matches)


TAPERA = ClaimMatch(
    claim_id="c-17",
    claim="Gaji PNS dipotong 10 persen untuk Tapera mulai bulan depan",
    verdict="hoaks",
    source_url="https://www.komdigi.go.id/berita/klarifikasi-hoaks/detail/tapera",
    score=0.91,
    publisher="Komdigi",
    confident=True,
)


@pytest.fixture()
def detector(mi_engine) -> MisinformationDetector:
    return MisinformationDetector(mi_engine.rulebook, mi_engine.normalizer)


def detect(detector: MisinformationDetector, text: str, **ctx) -> list[Finding]:
    return detector.detect(Document(text, detector.normalizer), Context(**ctx))


def claim_findings(fs: list[Finding]) -> list[Finding]:
    return [f for f in fs if f.rule_id == "MI-100"]


def test_no_knowledge_base_means_no_claim_findings(detector):
    assert detector.claim_matcher is None
    assert claim_findings(detect(detector, "Gaji PNS dipotong 10% untuk Tapera")) == []


def test_a_confident_match_to_a_hoax_is_high_and_cites_claim_verdict_and_source(detector):
    detector.claim_matcher = FakeMatcher([TAPERA])
    text = "Gaji PNS dipotong 10% untuk Tapera"
    [f] = claim_findings(detect(detector, text))
    assert f.severity is Severity.HIGH
    assert (f.start, f.end) == (0, len(text))
    assert TAPERA.claim in f.message and "hoaks" in f.message and TAPERA.source_url in f.message
    assert f.confidence == pytest.approx(0.91)
    assert f.extra["claim_id"] == "c-17"


def test_a_softer_verdict_is_medium_and_a_weak_match_only_a_note(detector):
    weak = replace(TAPERA, confident=False)
    satire = replace(TAPERA, claim_id="c-18", verdict="satire")
    detector.claim_matcher = FakeMatcher([weak, satire])
    fs = claim_findings(detect(detector, "Gaji PNS dipotong 10% untuk Tapera"))
    # A weak resemblance must not turn an official post on the same topic into `review`.
    assert [f.severity for f in fs] == [Severity.LOW, Severity.MEDIUM]
    assert "satire" in fs[1].message


def test_a_claim_judged_true_gives_no_finding(detector):
    detector.claim_matcher = FakeMatcher([replace(TAPERA, verdict="benar")])
    assert claim_findings(detect(detector, "Gaji PNS naik 8% tahun ini")) == []


def test_the_span_is_the_sentence_that_carries_the_claim(detector):
    detector.claim_matcher = FakeMatcher([TAPERA])
    text = (
        "Selamat pagi rekan-rekan. Info penting: gaji PNS dipotong 10% untuk Tapera mulai "
        "bulan depan! Semoga sehat selalu."
    )
    [f] = claim_findings(detect(detector, text))
    assert f.text == "Info penting: gaji PNS dipotong 10% untuk Tapera mulai bulan depan!"
    assert text[f.start : f.end] == f.text


def test_a_debunk_of_the_same_claim_is_not_flagged(detector):
    detector.claim_matcher = FakeMatcher([TAPERA])
    text = "[HOAKS] Gaji PNS dipotong 10% untuk Tapera. Faktanya tidak ada pemotongan."
    assert detect(detector, text) == []


def test_cue_findings_stay_alongside_claim_findings(detector):
    detector.claim_matcher = FakeMatcher([TAPERA])
    fs = detect(detector, "Info A1: gaji PNS dipotong 10% untuk Tapera, sebarkan sebelum dihapus!")
    assert {"MI-100", "MI-010", "MI-001"} <= {f.rule_id for f in fs}


def test_a_failing_knowledge_base_does_not_stop_the_analysis(detector):
    detector.claim_matcher = FakeMatcher(fail=True)
    fs = detect(detector, "Info A1: gaji PNS dipotong 10% untuk Tapera")
    assert claim_findings(fs) == []
    assert "MI-010" in {f.rule_id for f in fs}


def test_the_matcher_gets_the_post_and_the_configured_top_k(detector):
    fake = FakeMatcher([])
    detector.claim_matcher = fake
    detect(detector, "Gaji PNS dipotong 10% untuk Tapera")
    assert fake.calls == [("Gaji PNS dipotong 10% untuk Tapera", 3)]


def test_a_host_imitating_an_official_name_is_flagged_even_without_aid_words(mi_engine):
    text = "Segera login di bri-umkm-gratis.com sebelum kuota habis"
    fs = [f for f in found(mi_engine, text) if f.rule_id == "MI-040"]
    assert fs and "bri-umkm-gratis.com" in fs[0].text


def test_paid_or_test_free_civil_service_recruitment_is_a_scam_cue(mi_engine):
    text = "mau jadi PNS tanpa tes? cukup bayar 150jt, SK langsung keluar"
    fs = [f for f in found(mi_engine, text) if f.rule_id == "MI-043"]
    assert fs and fs[0].severity is Severity.HIGH
    warning = (
        "Seleksi CASN tidak dipungut biaya. Waspada penipuan yang menjanjikan lulus tanpa tes!"
    )
    assert found(mi_engine, warning) == []


def test_a_negated_call_to_spread_does_not_count(mi_engine):
    assert "MI-002" not in rule_ids(
        mi_engine, "Berita penculikan itu bikin geger, jangan share dulu"
    )
    assert "MI-002" in rule_ids(mi_engine, "Berita penculikan itu bikin geger, share ke grup!")
