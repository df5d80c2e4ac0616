"""abusive_language: profanity and insults are flagged where they are used, not where they are
innocent words ("anjing saya sakit"), and the span is the offending words, not the post."""

from __future__ import annotations

import pytest

from netra.analysis import Engine
from netra.analysis.detectors.evidence import ModelOutput, PostModel


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(detectors=["abusive_language"])


def abusive(engine: Engine, text: str):
    return [f for f in engine.analyze(text).findings if f.category == "abusive_language"]


def only(engine: Engine, text: str):
    found = abusive(engine, text)
    assert len(found) == 1, [(f.rule_id, f.text) for f in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "rule"),
    [
        ("rapat molor lagi, goblok bener yg ngatur jadwal", "goblok", "AB-PROFANITY"),
        ("bgst lah, listrik mati lagi pas lembur", "bgst", "AB-PROFANITY"),
        ("dasar t0l0l, udah dibilangin dari kemarin", "t0l0l", "AB-PROFANITY"),
        ("bangsaaaat!!! motor gue ilang di parkiran kantor", "bangsaaaat", "AB-PROFANITY"),
        ("jancok, panas e ra umum", "jancok", "AB-PROFANITY"),
        ("dasar babi, makan uang rakyat terus", "dasar babi", "AB-INSULT-FRAME"),
        ("kelakuan kyk monyet, gak ngerti antre", "kyk monyet", "AB-INSULT-FRAME"),
        ("udah telat, dasar 🐷", "dasar 🐷", "AB-INSULT-FRAME"),
        ("muka lo kayak 💩", "kayak 💩", "AB-INSULT-FRAME"),
        ("pejabat korup, dasar 🐀", "dasar 🐀", "AB-INSULT-FRAME"),
        ("woi babi! balikin helm gue", "woi babi", "AB-INSULT-FRAME"),
        ("anjing lo!", "anjing lo", "AB-ADDRESSED"),
        ("kalian monyet semua, ga bisa baca pengumuman?", "kalian monyet", "AB-ADDRESSED"),
        ("Anjing! Macet lagi di Jalan Sudirman", "Anjing", "AB-EXCLAMATION"),
        ("anj*ng bener ini jalan berlubang", "anj*ng", "AB-EXCLAMATION"),
        ("antrean BPJS a n j i n g panjang banget", "a n j i n g", "AB-EXCLAMATION"),
        ("4nj1ng, hujan deres banget", "4nj1ng", "AB-EXCLAMATION"),
        ("anjiiir, antrean samsat sampe luar", "anjiiir", "AB-EXCLAMATION"),
    ],
)
def test_insults_are_flagged_on_the_offending_words(engine, text, span, rule):
    f = only(engine, text)
    assert (f.rule_id, f.text) == (rule, span)
    assert text[f.start : f.end] == span
    assert f.severity == "medium"
    assert f.entity == f.extra.get("kind")  # entity names the kind of abuse, as in extra


@pytest.mark.parametrize(
    "text",
    [
        "Anjing saya sakit, ada dokter hewan yang buka hari Minggu?",
        "Anjing pelacak K9 dikerahkan mencari korban longsor di Banjarnegara",
        "Sate babi di Pasar Lama enak banget, tapi ingat tidak halal ya",
        "Di kebun binatang ada monyet yang baru lahir, lucu sekali",
        "Hari ini panas gila, jangan lupa minum air putih",
        "Anak saya buta warna, apakah boleh daftar SMK jurusan listrik?",
        "Pelayanan pasien di Rumah Sakit Jiwa Menur makin baik",
        "Flu babi Afrika tidak menular ke manusia, kata Dinas Peternakan",
        "Anjing, kucing, dan kelinci boleh ikut vaksinasi rabies gratis",
        "Anjing kamu lucu banget, rasnya apa?",
        "Buang sampah kalian di tempatnya ya, adik-adik",
        "Pak, anjing saya hilang di dekat kantor kelurahan",
        "Gila lu, keren banget presentasinya tadi",
        "Hindari kata kasar seperti goblok dan bangsat saat berkomentar di media sosial",
        "Bangsal rumah sakit daerah direnovasi tahun ini",
        "Jari tengah saya terluka kena pisau, apakah bisa berobat di Puskesmas?",
        "Timnya Tae main bagus semalam",
    ],
)
def test_literal_and_quoted_uses_are_not_flagged(engine, text):
    assert abusive(engine, text) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Bupati goblok, jalan rusak dibiarin setahun", "Bupati goblok"),
        ("Pak Camat anjing, bansos dipotong", "Pak Camat anjing"),
        ("Pak Budi tolol, disposisi surat aja lupa", "Pak Budi tolol"),
        ("@pemkot_xyz tolol banget ngurus banjir", "@pemkot_xyz tolol"),
        ("presiden babi", "presiden babi"),
    ],
)
def test_abuse_aimed_at_an_official_or_named_person_is_high(engine, text, span):
    f = only(engine, text)
    assert f.rule_id == "AB-DIRECTED"
    assert f.text == span
    assert f.severity == "high"
    assert "kuhp-2023-p436" in f.rules
    assert "ditujukan" in f.message


def test_sexual_slurs_are_high_even_without_a_frame(engine):
    f = only(engine, "kntl, hujan lagi pas apel pagi")
    assert (f.rule_id, f.text, f.severity) == ("AB-SEXUAL", "kntl", "high")
    assert "seksual" in f.message


def test_mild_vulgarity_is_medium(engine):
    f = only(engine, "sange mulu lo")
    assert f.severity == "medium"


def test_overlapping_frames_give_one_finding_over_the_whole_insult(engine):
    f = only(engine, "dasar anjing lo, pergi sana")
    assert f.text == "dasar anjing lo"


def test_middle_finger_emoji_is_a_rude_gesture(engine):
    f = only(engine, "buat yang nyalip sembarangan 🖕")
    assert f.rule_id == "AB-GESTURE"
    assert f.text == "🖕"


def test_a_long_post_is_not_flagged_as_a_whole(engine):
    text = (
        "Sudah tiga kali saya ke kantor kelurahan untuk mengurus surat pindah dan selalu "
        "disuruh kembali besok. Petugasnya goblok semua, tidak ada yang tahu prosedur."
    )
    f = only(engine, text)
    assert len(f.text) < 30
    assert "goblok" in f.text


def test_findings_carry_their_kind(engine):
    kinds = {
        f.extra["kind"] for t in ("goblok", "kontol", "dasar babi") for f in abusive(engine, t)
    }
    assert kinds == {"profanity", "sexual", "insult"}


# -- the model seam -------------------------------------------------------------------------------
class FixedModel:
    """A stand-in for issue 3's classifier: fixed probability, optional per-token scores."""

    def __init__(self, p: float, scores: list[float] | None = None) -> None:
        self.p, self.scores = p, scores

    def predict(self, doc) -> ModelOutput:
        return ModelOutput(self.p, self.scores)


@pytest.fixture()
def model_engine():
    engine = Engine(detectors=["abusive_language"])
    detector = engine.detectors[0]
    detector.model = None  # the seam is tested with fixed models, from a lexicon-only baseline
    yield engine, detector


def test_fixed_model_satisfies_the_protocol():
    assert isinstance(FixedModel(0.5), PostModel)


def test_a_confident_model_vetoes_suggestive_evidence_but_not_decisive(model_engine):
    engine, detector = model_engine
    detector.model = FixedModel(0.02)
    assert abusive(engine, "dasar babi") == []  # suggestive: a word with a literal meaning
    [f] = abusive(engine, "kontol")  # decisive: no innocent reading
    assert f.extra["evidence"] == "lexicon+model"


def test_agreeing_model_raises_confidence_of_suggestive_evidence(model_engine):
    engine, detector = model_engine
    [alone] = abusive(engine, "dasar babi")
    detector.model = FixedModel(0.99)
    [combined] = abusive(engine, "dasar babi")
    assert combined.confidence > alone.confidence
    assert combined.extra["model_probability"] == pytest.approx(0.99)


def test_model_alone_reports_what_the_lexicon_missed_at_the_top_scoring_words(model_engine):
    engine, detector = model_engine
    text = "muka lo kayak pantat panci gosong"
    doc_tokens = len(engine.analyze(text).findings)  # the lexicon finds nothing here
    assert doc_tokens == 0
    # six tokens: muka lo kayak pantat panci gosong; the model blames "pantat panci"
    detector.model = FixedModel(0.97, [0.1, 0.0, 0.2, 0.9, 0.8, 0.1])
    [f] = abusive(engine, text)
    assert (f.rule_id, f.text, f.severity) == ("AB-MODEL", "pantat panci", "medium")
    assert f.extra["evidence"] == "model"
    detector.model = FixedModel(0.5, [0.1, 0.0, 0.2, 0.9, 0.8, 0.1])
    assert abusive(engine, text) == []  # below report_above: not enough on its own


# -- the shipped model behind the detector ---------------------------------------------------------
def test_the_shipped_model_is_attached_and_its_finding_points_at_the_insult(engine):
    assert engine.detectors[0].model is not None  # settings.classifier.enabled in the rule file
    text = "otak lu ditaruh di dengkul ya"  # no word of the abusive lexicons
    [f] = abusive(engine, text)
    assert (f.rule_id, f.extra["evidence"]) == ("AB-MODEL", "model")
    assert f.extra["model_probability"] >= engine.detectors[0].policy.report_above
    assert f.text and len(f.text) < len(text)  # the words the model blames, not the post
    assert f.rules == ["uu-asn-2023-kode-etik"]  # the rule file's regulations


def test_the_model_cannot_overrule_the_lexicon_on_a_word_it_judged_innocent(model_engine):
    engine, detector = model_engine
    text = "Anjing kamu lucu banget, rasnya apa?"  # "your dog is cute"
    scores = [0.0] * len(engine.normalizer.tokens(text))
    scores[0] = 3.0  # the model blames "Anjing"
    detector.model = FixedModel(0.999, scores)
    assert abusive(engine, text) == []
