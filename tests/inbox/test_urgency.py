"""Urgency: emergencies in the many ways people write them are `high`; danger words used
figuratively, about the past, hypothetically or in questions are not.

The messages below are written for these tests (they are in neither the labelled set nor the
urgency check set); the figures on unseen messages are measured by benchmarks/inbox_eval.py.
"""

from __future__ import annotations

import json

import pytest

from netra.inbox import dataset
from netra.inbox.features import view
from netra.inbox.lexicons import PhraseMatcher, _fill, get_lexicons
from netra.inbox.triage import classify
from netra.inbox.urgency import resolve

EMERGENCIES = [
    "tolongg rumah pak rw kebakaran apinya udah sampe genteng",
    "Air naik cepat sekali, sudah sepinggang di dalam rumah, ibu saya tidak bisa jalan",
    "ada pengendara ojol ditabrak truk di depan pasar, dia tidak bergerak dan darahnya banyak",
    "anak tetangga umur 3 tahun hilang dari rumah sejak sore, sudah dicari keliling kampung",
    "pipa gas di ruang bawah tanah mall bocor, baunya tajam, pengunjung masih banyak di dalam",
    "KAMI TERJEBAK DI LANTAI 2 BANJIR MAKIN TINGGI TOLONG",
    "ayah saya tiba2 nyeri dada dan pingsan di kebun, ambulans tolong ke desa sukamaju",
    "Ada laki-laki bawa pisau ngejar-ngejar orang di terminal, sudah ada yang ditusuk",
    "longsor nutup jalan desa, satu mobil ketimbun, sopirnya masih di dalam",
    "bocah kecebur sumur tua di kebun, suaranya masih kedengeran dari bawah",
    "🔥🔥 gudang sebelah rumah kebakaran, asapnya masuk kamar anak2, tolong damkar",
    "Tulung pak, omahku kebanjiran, banyune wis sedada, simbah ora iso mlaku",
    "Melaporkan: pukul 02.30 WIT terjadi gempa kuat, dua rumah roboh dan ada warga tertimpa",
    "adik saya bilang mau mengakhiri hidupnya malam ini dan tidak mau buka pintu kamar",
    "ada balita ditinggal di mobil terkunci di parkiran pasar, kacanya tertutup, dia lemas",
    "ular kobra masuk ke kelas TK, anak-anak masih di dalam, gurunya panik",
    "suami saya mukulin saya pakai kayu, sekarang saya kabur ke rumah tetangga, dia nyari saya",
    "gunung meletus lagi, abu tebal turun di desa, lansia di lereng belum dijemput",
]

NOT_HIGH = [
    "Pejabatnya kebakaran jenggot setelah jalan rusak itu viral",
    "mati lampu dari sore, kapan nyala lagi min?",
    "bosan setengah mati nunggu SIM jadi",
    "Banjir tahun lalu merusak jembatan, kapan dibangun lagi?",
    "Kalau terjadi gempa di sekolah, murid harus berkumpul di mana?",
    "Terima kasih damkar, api di pasar semalam sudah padam dan tidak ada korban",
    "Kapan bantuan untuk korban banjir di kelurahan kami cair?",
    "Tolong segera diperbaiki lampu jalan di gang kami, gelap sekali",
    "Hati saya hancur kayak kapal tenggelam lihat harga cabai 😂",
    "Info simulasi tanggap darurat bencana di kantor camat hari Kamis",
    "darurat sampah di pasar induk, sudah seminggu tidak diangkut",
    "Jalan berlubang di depan SD bisa bikin kecelakaan, mohon ditambal",
    "Pintu darurat di gedung bioskop dikunci, sampai sekarang belum ditegur",
    "Bagaimana cara mengajukan bantuan perbaikan rumah untuk korban longsor?",
    "Makasih pak polisi, anak saya yang hilang kemarin sudah ketemu 🙏",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergencies_are_high(text):
    result = classify(text, with_affect=False)
    assert result.urgency == "high", result
    assert result.urgency_reasons  # an officer sees why


@pytest.mark.parametrize("text", NOT_HIGH)
def test_figurative_past_hypothetical_and_questions_are_not_high(text):
    assert classify(text, with_affect=False).urgency != "high"


def words(text: str) -> list[str]:
    return text.split()


def cues(text: str) -> dict[str, list[str]]:
    return view(text).cues


def test_near_terms_match_words_apart_in_either_order():
    matcher = PhraseMatcher()
    _fill(matcher, ["gas ~ bocor*", "anak | balita ~ hilang | diculik"], "x")
    assert [s.phrase for s in matcher.spans(words("pipa gas di depan sekolah bocor"))] == [
        "gas … bocor"
    ]
    assert matcher.find(words("hilang sejak pagi balita kami")) == {"x": ["hilang … balita"]}
    assert matcher.find(words("gas di rumah aman tapi atap kami bocor parah")) == {}


def test_idioms_name_no_danger_and_cry_for_no_help():
    found = cues("Pemkot kebakaran jenggot, pintu darurat pasar sampai sekarang dikunci")
    assert "fire" not in found and "call" not in found
    assert "idiom" in found


def test_hedges_and_negations_drop_the_danger_they_qualify():
    assert "flood" not in cues("kalau banjir datang kami harus mengungsi ke mana")
    assert "geo" not in cues("daerah kami rawan longsor, mohon dipasang rambu")
    assert "fire" not in cues("bantuan untuk korban kebakaran belum cair")
    assert "geo_strong" not in cues("plafon jebol, untung tidak ada yang tertimpa")
    assert "trapped" not in cues("kantor ini kayak kapal tenggelam")
    # the same words without the qualifier still count
    assert "geo_strong" in cues("plafon jebol, dua orang tertimpa")
    assert "fire" in cues("kebakaran di gang kami")


def test_polite_requests_are_not_a_cry_for_help():
    assert "call" not in cues("tolong diperbaiki jalan di depan sekolah")
    assert "call" in cues("tolong rumah saya kebakaran")


LEX = get_lexicons()
UNSURE_EMERGENCY = {"emergency": 0.4, "complaint": 0.3, "question": 0.3}


def test_closure_words_veto_an_unsure_classifier_but_wishes_do_not():
    closed = resolve(UNSURE_EMERGENCY, 0.1, {"geo": ["gempa"], "dampener": ["simulasi"]}, 0.45, LEX)
    assert closed.urgency != "high" and closed.intent == "complaint"
    soft = {"geo": ["meletus"], "soft_dampener": ["jalur evakuasi"]}
    assert resolve(UNSURE_EMERGENCY, 0.1, soft, 0.45, LEX).urgency == "high"


def test_a_danger_with_a_cry_for_help_is_high_whatever_the_models_say():
    calm = {"complaint": 0.9, "emergency": 0.05, "question": 0.05}
    res = resolve(calm, 0.0, {"fire": ["kebakaran"], "call": ["tolong"]}, 0.45, LEX)
    assert res.urgency == "high"
    assert any("kebakaran" in r for r in res.reasons)


def test_urgency_check_set_is_sound_and_kept_apart_from_training():
    rows = dataset.check_rows()
    assert len(rows) >= 270
    assert len({r.id for r in rows}) == len(rows) and len({r.text for r in rows}) == len(rows)
    labels = {(r.label, r.part) for r in rows}
    assert labels == {(a, b) for a in ("emergency", "not_emergency") for b in ("probe", "holdout")}
    assert sum(r.label == "emergency" for r in rows) >= 120
    assert sum(r.label == "not_emergency" for r in rows) >= 150
    labelled = {r.text.casefold() for r in dataset.load()}
    assert not [r.id for r in rows if r.text.casefold() in labelled]


def test_benchmark_lists_errors_of_the_probe_half_only(capsys):
    from benchmarks import inbox_eval

    with pytest.raises(SystemExit):
        inbox_eval.main(["--check", "--part", "holdout", "--errors"])
    assert inbox_eval.main(["--check", "--part", "probe", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["part"] == "probe" and "errors" not in result
    assert result["emergencies"] + result["not_emergencies"] == result["messages"]
