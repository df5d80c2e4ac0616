"""hate_speech (SARA): hostility against groups is flagged with its target and strength; neutral
mentions of religions and ethnicities, news and counter-speech are not."""

from __future__ import annotations

import pytest

from netra.analysis import Engine
from netra.analysis.detectors.evidence import ModelOutput


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(detectors=["hate_speech"])


def hate(engine: Engine, text: str):
    return [f for f in engine.analyze(text).findings if f.category == "hate_speech"]


def only(engine: Engine, text: str):
    found = hate(engine, text)
    assert len(found) == 1, [(f.rule_id, f.text) for f in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "target", "strength", "severity"),
    [
        (
            "kalo mau Indonesia damai, usir cina dari Indonesia",
            "usir cina",
            "race",
            "strong",
            "high",
        ),
        ("#UsirCina dari tanah air kita", "UsirCina", "race", "strong", "high"),
        ("bakar gereja itu sekarang juga!", "bakar gereja", "religion", "strong", "high"),
        (
            "Ahmadiyah harus dibasmi dari negeri ini",
            "Ahmadiyah harus dibasmi",
            "religion",
            "strong",
            "high",
        ),
        (
            "LGBT h4rus d1musnahkan, jgn kasih ruang",
            "LGBT h4rus d1musnahkan",
            "gender",
            "strong",
            "high",
        ),
        ("monyet papua gak usah sok pinter", "monyet papua", "race", "moderate", "high"),
        ("Papua 🐒🐒", "Papua 🐒", "race", "moderate", "high"),
        ("toko cokin itu mahal-mahal", "cokin", "race", "moderate", "high"),
        ("Dasar Ambon, kerjanya ribut terus", "Dasar Ambon", "race", "moderate", "medium"),
        ("jangan pilih pemimpin kafir", "pemimpin kafir", "religion", "moderate", "medium"),
        (
            "perempuan tidak pantas memimpin daerah",
            "perempuan tidak pantas",
            "gender",
            "weak",
            "medium",
        ),
        (
            "orang cacat cuma jadi beban negara",
            "orang cacat cuma jadi beban negara",
            "physical",
            "weak",
            "medium",
        ),
        ("agama sesat kok dibela", "agama sesat", "religion", "weak", "medium"),
    ],
)
def test_group_hostility_is_flagged_with_target_and_strength(
    engine, text, span, target, strength, severity
):
    f = only(engine, text)
    assert f.text == span
    assert text[f.start : f.end] == span
    assert (f.extra["target"], f.extra["strength"], f.severity) == (target, strength, severity)
    assert f.entity == target  # entity names what was found: here the targeted group
    assert "uu-ite-p28-2" in f.rules
    assert f.message.startswith("Ujaran kebencian terhadap")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("usir cina dari Indonesia", "kelompok etnis/ras"),
        ("bakar gereja itu", "kelompok agama"),
        ("wanita gak pantas jadi pemimpin", "kelompok gender"),
        ("orang cacat itu sampah", "kondisi fisik/disabilitas"),
    ],
)
def test_message_names_the_target(engine, text, words):
    assert words in only(engine, text).message


def test_expulsion_refers_back_to_the_group_named_earlier(engine):
    text = (
        "Cina2 itu gak bisa dipercaya, semua bisnisnya buat nguasain negeri ini. "
        "Usir aja dari Indonesia!"
    )
    found = hate(engine, text)
    expulsion = [f for f in found if f.rule_id == "HS-EXPULSION"]
    assert expulsion and expulsion[0].text == "Usir aja"
    assert expulsion[0].extra["target"] == "race"


@pytest.mark.parametrize(
    "text",
    [
        "Selamat Natal bagi umat Kristiani, semoga damai menyertai kita semua",
        "Festival budaya Tionghoa di Singkawang meriah, ribuan warga hadir",
        "Warga Papua menerima bantuan beras dari Pemkab Jayapura",
        "Kami mengecam keras seruan bakar gereja di media sosial; pelakunya sudah ditangkap polisi",
        "Polisi menangkap pelaku pembakaran masjid di Tolikara",
        "Jangan usir warga Tionghoa, mereka saudara kita sebangsa",
        "Ekspor sawit ke China naik 12 persen tahun ini",
        "Produk impor dari China tidak layak edar tanpa SNI, kata BPOM",
        "Kajian tafsir: makna kafir dalam surat Al-Baqarah ayat 6",
        "Sejarah dakwah Nabi menghadapi kafir Quraisy di Mekah",
        "Tidak ada agama yang sesat di mata hukum negara, semua dilindungi",
        "Perempuan berhak memimpin; yang tidak pantas adalah korupsi",
        "Penyandang disabilitas berhak atas pekerjaan yang layak",
        "Dasar hukum tunjangan guru agama diatur dalam PP",
        "Masakan Cina pakai daging babi tidak halal, perhatikan labelnya",
        "Usir tikus dari gudang beras dengan perangkap ramah lingkungan",
        "Dialog lintas iman: umat Islam, Kristen, Hindu, dan Buddha menanam pohon bersama",
    ],
)
def test_neutral_mentions_news_and_counter_speech_are_not_flagged(engine, text):
    assert hate(engine, text) == []


def test_denied_contempt_is_not_flagged_but_an_imperative_is(engine):
    assert hate(engine, "Orang Madura bukan pemalas, itu stereotip") == []
    f = only(engine, "orang difabel jangan nyusahin")
    assert f.rule_id == "HS-CONTEMPT"


# -- the model seam -------------------------------------------------------------------------------
class LabelledModel:
    def __init__(self, p: float, labels: dict[str, float]) -> None:
        self.p, self.labels = p, labels

    def predict(self, doc) -> ModelOutput:
        return ModelOutput(self.p, None, self.labels)


def test_model_only_finding_takes_target_and_strength_from_model_labels():
    engine = Engine(detectors=["hate_speech"])
    detector = engine.detectors[0]
    text = "mereka semua sama saja, sebaiknya tidak usah tinggal di kampung kita"
    detector.model = None
    assert hate(engine, text) == []
    detector.model = LabelledModel(
        0.95, {"target:race": 0.8, "target:religion": 0.1, "strength:strong": 0.7}
    )
    [f] = hate(engine, text)
    assert (f.rule_id, f.severity) == ("HS-MODEL", "high")
    assert (f.extra["target"], f.extra["strength"]) == ("race", "strong")
    assert "kelompok etnis/ras" in f.message
    assert f.text == text  # no token scores: the whole post is the span
    detector.model = LabelledModel(0.95, {"target:gender": 0.9, "strength:weak": 0.9})
    [f] = hate(engine, text)
    assert (f.severity, f.extra["target"]) == ("medium", "gender")


# -- the shipped models behind the detector --------------------------------------------------------
class ScoredModel:
    """A stand-in with per-token scores (the real adapter gives them lazily)."""

    def __init__(self, p_any: float, target: str, scores: list[float]) -> None:
        self.p_any, self.target, self.scores = p_any, target, scores

    def predict(self, doc) -> ModelOutput:
        labels = {f"target:{self.target}": 0.9, "strength:moderate": 0.8, "hate:any": self.p_any}
        return ModelOutput(0.3, self.scores, labels)


GROUP_TEXT = "Penganut aliran kepercayaan itu sama saja, tidak usah diberi KTP. Repot."


def test_a_named_group_and_a_confident_model_make_a_finding_on_the_blamed_words():
    engine = Engine(detectors=["hate_speech"])
    detector = engine.detectors[0]
    n = len(engine.normalizer.tokens(GROUP_TEXT))
    scores = [0.0] * n
    scores[8] = 2.0  # "diberi": the model blames the demand, in the group's sentence
    detector.model = None
    assert hate(engine, GROUP_TEXT) == []
    detector.model = ScoredModel(0.9, "religion", scores)
    [f] = hate(engine, GROUP_TEXT)
    assert f.rule_id == "HS-MODEL-GROUP" and f.extra["evidence"] == "lexicon+model"
    assert f.text.startswith("Penganut aliran kepercayaan") and "Repot" not in f.text
    assert "kelompok agama/kepercayaan" in f.message and "tingkat sedang" in f.message
    assert f.rules == ["uu-ite-p28-2", "uu-asn-2023-kode-etik"]
    detector.model = ScoredModel(detector.group_above - 0.05, "religion", scores)
    assert hate(engine, GROUP_TEXT) == []  # below the configured threshold
    detector.model = ScoredModel(0.9, "other", scores)
    assert hate(engine, GROUP_TEXT) == []  # Ibrohim's `other` (politics, institutions): not SARA


def test_the_model_route_respects_negation_of_the_word_it_blames():
    engine = Engine(detectors=["hate_speech"])
    detector = engine.detectors[0]
    text = "Jangan usir warga Tionghoa, mereka saudara kita sebangsa"
    scores = [0.0] * len(engine.normalizer.tokens(text))
    scores[1] = 2.0  # "usir", after "jangan"
    detector.model = ScoredModel(0.95, "race", scores)
    assert hate(engine, text) == []


def test_official_posts_about_religious_communities_stay_clean_with_the_shipped_models(engine):
    assert engine.detectors[0].model is not None
    for text in (
        "Selamat merayakan Natal bagi umat Kristiani, semoga damai menyertai kita semua",
        "Pemkab memfasilitasi dialog antarumat beragama bersama tokoh Hindu, Buddha dan Konghucu",
        "Layanan KTP bagi penghayat kepercayaan dibuka di Disdukcapil mulai Senin",
    ):
        assert hate(engine, text) == []
