"""prohibited_content: gambling promotion, pornography and sexual services, drug sales — and not
the news, campaigns and everyday words that share their vocabulary."""

from __future__ import annotations

import pytest

from netra.analysis import Engine
from netra.analysis.detectors.evidence import ModelOutput


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(detectors=["prohibited_content"])


def prohibited(engine: Engine, text: str):
    return [f for f in engine.analyze(text).findings if f.category == "prohibited_content"]


def only(engine: Engine, text: str):
    found = prohibited(engine, text)
    assert len(found) == 1, [(f.rule_id, f.text) for f in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "kind", "words"),
    [
        (
            "SLOT GACOR hari ini maxwin 🔥 daftar sekarang, bonus new member 100%",
            "gambling",
            "promosi judi online",
        ),
        (
            "Situs poker online terbaik, deposit pulsa tanpa potongan, daftar di link bio",
            "gambling",
            "promosi judi online",
        ),
        ("sl0t g4c0r anti rungkad, min depo 20k, pasti jp!", "gambling", "promosi judi online"),
        (
            "link video syur full durasi no sensor, cek bio",
            "pornography",
            "penawaran konten pornografi",
        ),
        ("open BO area Jaksel, no tipu-tipu", "sex_service", "layanan seksual"),
        ("VCS murah ready, wa 0813xxxx", "sex_service", "layanan seksual"),
        ("ready s4bu 1 gr, COD area Medan, dijamin aman", "drugs", "penjualan narkotika"),
        ("tembakau sintetis ready stock, order via WA", "drugs", "penjualan narkotika"),
        ("jual obat aborsi cytotec asli, pengiriman aman", "pharma", "obat keras"),
    ],
)
def test_offers_are_high_severity_and_name_their_kind(engine, text, kind, words):
    f = only(engine, text)
    assert f.severity == "high"
    assert f.extra["kind"] == kind
    assert f.entity == kind  # entity names what was found: here the kind of content
    assert words in (f.extra["kind_label"] + " " + f.message).lower()
    assert text[f.start : f.end] == f.text


def test_a_gambling_advert_is_one_finding_not_one_per_buzzword(engine):
    text = "Info buat kalian: slot gacor maxwin malam ini, scatter hitam turun terus, depo via dana"
    f = only(engine, text)
    assert f.rule_id == "PC-GAMBLING-PROMO"
    assert f.text.startswith("slot gacor") and f.text.endswith("depo")
    assert not f.text.startswith("Info")  # the span is the advert, not the greeting


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("semalam main slot gacor dapet maxwin 5 juta wkwk", "PC-GAMBLING"),
        ("ada yang punya bokep terbaru gak", "PC-PORN"),
        ("abis ngegele bareng anak-anak, mantap", "PC-DRUG-USE"),
    ],
)
def test_weaker_signals_are_medium(engine, text, rule):
    f = only(engine, text)
    assert (f.rule_id, f.severity) == (rule, "medium")


@pytest.mark.parametrize(
    "text",
    [
        "Satgas Pemberantasan Judi Online memblokir 5.000 situs slot gacor pekan ini",
        "Kominfo memblokir situs judi; laporkan tautan judi online melalui aduankonten.id",
        "Jangan tergiur iklan slot gacor maxwin, judi online merusak keluarga",
        "Pendaftaran slot waktu konsultasi pajak dibuka, silakan daftar lewat link berikut",
        "Slot parkir di Alun-alun terbatas, gunakan transportasi umum",
        "Pencairan dana BOS tahap 2 sudah bisa dicek di situs resmi",
        "Yuk main game edukasi di aplikasi perpustakaan daerah, daftar gratis",
        "Timnas lagi gacor, menang 3-0 semalam",
        "Burung kenari gacor siap ikut lomba kicau mania",
        "BNN mengungkap jaringan pengedar sabu, barang bukti 2 kg disita",
        "Tes urine ASN di lingkungan Pemkab hasilnya negatif narkoba",
        "Bahaya narkoba bagi generasi muda: sosialisasi P4GN di SMA 3",
        "Jual beras murah di pasar tani, ready stock, bisa COD",
        "Apotek wajib melayani obat keras hanya dengan resep dokter",
        "Polisi membongkar prostitusi online dengan modus open BO, tiga orang ditangkap",
        "Open order kue lebaran, bisa COD di kantor kecamatan",
        "Waspada modus penipuan video call sex, jangan angkat panggilan dari nomor asing",
        "Long time no see, reuni angkatan 2005 di aula kantor",
    ],
)
def test_news_campaigns_and_look_alikes_are_not_flagged(engine, text):
    assert prohibited(engine, text) == []


def test_model_only_finding_names_the_kind_from_model_labels():
    engine = Engine(detectors=["prohibited_content"])
    detector = engine.detectors[0]
    text = "yang mau cuan cepat tiap malam, chat admin, dijamin tembus"

    class KindModel:
        def predict(self, doc) -> ModelOutput:
            return ModelOutput(0.97, None, {"kind:gambling": 0.9, "kind:drugs": 0.05})

    detector.model = None
    assert prohibited(engine, text) == []
    detector.model = KindModel()
    [f] = prohibited(engine, text)
    assert (f.rule_id, f.extra["kind"]) == ("PC-MODEL", "gambling")
    assert "promosi judi online" in f.message


# -- the shipped model behind the detector ---------------------------------------------------------
class ToxicityLike:
    """What the Netifier adapter returns: P(pornografi) and the radicalism label."""

    def __init__(self, porn: float, radicalism: float = 0.0) -> None:
        self.porn, self.radicalism = porn, radicalism

    def predict(self, doc) -> ModelOutput:
        labels = {"kind:pornography": self.porn, "radicalism": self.radicalism}
        return ModelOutput(self.porn, None, labels)


def test_pornography_scores_do_not_veto_or_dilute_gambling_evidence():
    engine = Engine(detectors=["prohibited_content"])
    detector = engine.detectors[0]
    text = "slot gacor hari ini, daftar sekarang depo 10k langsung wd"
    detector.model = None
    [alone] = prohibited(engine, text)
    detector.model = ToxicityLike(porn=0.0)  # Netifier knows nothing about gambling
    [with_model] = prohibited(engine, text)
    assert with_model.extra["kind"] == "gambling"
    assert with_model.confidence == alone.confidence
    assert with_model.extra["evidence"] == "lexicon"


def test_radicalism_gets_its_own_finding_with_the_rule_files_regulations():
    engine = Engine(detectors=["prohibited_content"])
    detector = engine.detectors[0]
    text = "saatnya bangkit, tegakkan daulah dan perangi para thaghut"
    detector.model = ToxicityLike(porn=0.01, radicalism=0.99)
    [f] = prohibited(engine, text)
    assert (f.rule_id, f.entity, f.extra["kind"]) == (
        "PC-MODEL-RADICALISM",
        "radicalism",
        "radicalism",
    )
    assert "radikalisme" in f.message
    assert f.rules == ["se-menpanrb-137-2018", "uu-asn-2023-kode-etik"]
    detector.model = ToxicityLike(porn=0.01, radicalism=detector.radicalism_above - 0.02)
    assert prohibited(engine, text) == []


def test_the_shipped_model_reads_radical_propaganda_the_lexicon_does_not_know():
    engine = Engine(detectors=["prohibited_content"])
    text = "Ayo bergabung dengan khilafah, thaghut harus diperangi, jihad melawan pemerintah kafir"
    [f] = prohibited(engine, text)
    assert f.rule_id == "PC-MODEL-RADICALISM"
    assert len(f.text) < len(text)
