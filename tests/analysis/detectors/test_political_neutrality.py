"""The political_neutrality detector on realistic posts, look-alikes, election periods and accounts.

Rule-by-rule examples live in the rule file (run by tests/rules/test_rule_examples.py); these tests
check behaviour that crosses rules: spans, messages, severities, context and the matcher option the
detector relies on.
"""

from __future__ import annotations

import pytest

from netra.analysis.document import Document
from netra.analysis.matcher import RuleMatcher
from netra.rules.loader import MatchSpec, Rule

CATEGORY = "political_neutrality"


def neutrality(engine, text, context=None):
    return [f for f in engine.analyze(text, context).findings if f.category == CATEGORY]


# -- what must be flagged --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ayo coblos no 2 yaa, biar menang satu putaran!!", "ballot_number"),
        ("gk usah ragu gaes, p1l1h 03 ajaaa", "ballot_number"),
        ("Besok nyoblos jgn salah, pilih Ganjar-Mahfud 🤟", "vote_call"),
        ("jgn pilih Anies, pikir2 lagi dah", "vote_call"),
        ("mending 01 lah drpd yg itu, udh jelas programnya", "ballot_number"),
        ("Sedulur kabeh, ayo menangke Mas Hendi lan Pak Andika!", "vote_call"),
        ("Pokoknya 02 harga mati!!!", "support_statement"),
        ("Gw sih 01 ya, AMIN pokoknya 😂", "support_statement"),
        ("Alhamdulillah resmi jd kader Partai Gerindra hr ini 🙏", "party_membership"),
        ("Yuk gabung jadi relawan Prabowo-Gibran, link pendaftaran di bio", "campaign_team"),
        ("dibutuhkan timses utk kec. Sukamaju, honor lumayan, yg minat DM", "campaign_team"),
        ("Kaos Prabowo Gibran ready stok 50rb, minat japri", "campaign_merchandise"),
        (
            "Seluruh staf wajib memilih paslon nomor 1, akan didata setelah pencoblosan",
            "mobilisation",
        ),
        ("Bismillah, saya mendaftar sebagai bacaleg DPRD dari Partai Perindo", "candidacy"),
        ("Kemarin ikut kampanye akbar 02 di GBK, pecah bgt", "campaign_attendance"),
        ("#HendraBupati2024 #SiapMenang", "campaign_hashtag"),
        ("#2024GantiPresiden", "campaign_hashtag"),
        ("Salam 3 jari 🤟 bareng Pak Ganjar tadi", "campaign_gesture"),
        ("Prabowo pembohong, jangan mau dibodohi", "black_campaign"),
        ("tolong like dan share postingan Pak Caleg di IG ya", "campaign_content"),
    ],
)
def test_partisan_posts_are_flagged(engine, text, kind):
    found = neutrality(engine, text)
    assert found, f"not flagged: {text}"
    assert kind in {f.entity for f in found}, [(f.rule_id, f.entity) for f in found]


@pytest.mark.parametrize(
    "text",
    [
        # neutral election information
        "KPU mengingatkan warga untuk cek DPT di cekdptonline.kpu.go.id sebelum 14 Februari",
        "Jangan golput! Datang ke TPS 14 Februari, gunakan hak pilihmu sesuai hati nurani",
        "Lokasi TPS 02 Kelurahan Sukamaju pindah ke balai RW 05, mohon diperhatikan",
        "KPU menetapkan nomor urut: 01 Anies-Muhaimin, 02 Prabowo-Gibran, 03 Ganjar-Mahfud",
        "Mau pilih 01, 02 atau 03 silakan, yang penting jangan golput dan tetap rukun",
        "Bawaslu: ASN yang mengajak memilih paslon tertentu akan dilaporkan",
        "Cara mencoblos: coblos satu kali pada nomor, foto, atau nama paslon",
        "Hasil quick count: Prabowo-Gibran 58 persen, Anies-Muhaimin 25 persen",
        "Seluruh ASN diimbau datang ke TPS dan memilih sesuai hati nurani",
        # an official's official work
        "Bupati meresmikan jembatan penghubung dua desa di Kecamatan Sukamaju",
        "Presiden Prabowo meresmikan bendungan di Jawa Tengah hari ini",
        "Mendukung program Presiden Prabowo, Pemkab gelar gerakan tanam padi",
        "Golkar resmi mendukung Prabowo sebagai capres, kata Airlangga",
        # look-alikes
        "Partai final bulu tangkis: Jonatan vs Ginting, jagoanmu siapa?",
        "Kampanye imunisasi campak dan rubela di posyandu, ayo ikut!",
        "Silakan ambil nomor antrean, nomor antrean 2 ke loket 1",
        "Yuk pilih foto terbaik lomba 17an, foto nomor 2 atau 3?",
        "Semoga lancar ujiannya nak, aamiin",
        "SEMOGA SEHAT SELALU, AMIN YA ALLAH",
        "Bayinya gemoy bgt, pengen cubit pipinya",
        "Banteng jawa di Taman Nasional Baluran makin langka",
        "Pohon beringin di alun-alun ditebang karena lapuk",
        "Perubahan iklim makin terasa, ayo tanam pohon",
        "Pelayanan KTP sekarang sat set, 15 menit jadi",
        "Bayar PBB tepat waktu ya, pilih kanal pembayaran online",
        "Kemarin nonton bola di Gelora Bung Karno, Timnas Garuda menang!",
        "Pilih 2 perwakilan dari tiap bidang untuk ikut diklat",
    ],
)
def test_lookalikes_and_neutral_information_are_not_flagged(engine, text):
    found = neutrality(engine, text)
    assert not found, [(f.rule_id, f.text) for f in found]


# -- spans and messages ----------------------------------------------------------------------------
def test_span_covers_the_call_not_the_whole_post(engine):
    text = "Selamat pagi rekan2 semua. Besok jangan lupa coblos no 2 ya, semoga lancar kerjanya."
    found = neutrality(engine, text)
    assert found
    call = found[0]
    assert text[call.start : call.end] == call.text == "coblos no 2"


def test_span_maps_back_through_slang_and_leetspeak(engine):
    text = "wkwk m3n4ngk4n PKS di pileg nanti!"
    found = neutrality(engine, text)
    assert [f.text for f in found] == ["m3n4ngk4n PKS"]
    assert "Partai Keadilan Sejahtera" in found[0].message


def test_hashtag_span_includes_the_hash_sign(engine):
    text = "Pagi yang cerah ☀️ #HendraBupati2024"
    (found,) = neutrality(engine, text)
    assert found.text == "#HendraBupati2024"
    assert found.end == len(text)


def test_message_names_the_party_and_its_number_and_cites_regulations(engine):
    (found,) = neutrality(engine, "Ayo pilih Gerindra!")
    assert "Partai Gerindra (nomor urut 2" in found.message
    assert {"pp-94-2021-p5n", "skb-netralitas-2022"} <= set(found.rules)
    assert found.suggestion
    assert found.severity == "high"


def test_a_call_not_to_vote_says_so(engine):
    (found,) = neutrality(engine, "JANGAN COBLOS 02!!!")
    assert found.message.startswith("Ajakan untuk tidak memilih")


def test_ballot_number_message_names_the_pair_when_the_post_does(engine):
    bare = neutrality(engine, "jangan lupa coblos 02 ya!")
    assert [f.text for f in bare] == ["coblos 02"]
    assert "nomor urut 02" in bare[0].message and "Prabowo" not in bare[0].message
    named = neutrality(engine, "jangan lupa coblos 02 ya! #PrabowoGibran")
    call = next(f for f in named if f.text == "coblos 02")
    assert "nomor urut 02 (pasangan Prabowo Subianto" in call.message


def test_party_membership_cites_the_dismissal_articles(engine):
    (found,) = neutrality(engine, "Saya kader PDIP sejak 2010")
    assert "uu-asn-2023-parpol" in found.rules
    assert "PDI Perjuangan" in found.message


def test_every_cited_regulation_exists(engine):
    book = engine.rulebook
    for _, rule in book.rules():
        if rule.id.startswith("PN-"):
            assert set(rule.regulations) <= set(book.regulations), rule.id


# -- context: election periods and institutional accounts ------------------------------------------
SLOGAN = "Oke gas oke gas! semangat pagi"


@pytest.mark.parametrize(
    ("posted_at", "severity", "period"),
    [
        ("2023-06-01T08:00:00", "medium", None),
        ("2024-01-20T08:00:00", "high", "masa kampanye Pemilu 2024"),
        ("2024-02-12T21:00:00", "high", "masa tenang Pemilu 2024"),
        ("2024-11-26T08:00:00", "high", "masa tenang Pilkada 2024"),
        ("2025-03-01T08:00:00", "medium", None),
    ],
)
def test_election_periods_raise_severity(engine, posted_at, severity, period):
    (found,) = neutrality(engine, SLOGAN, {"posted_at": posted_at})
    assert found.severity == severity
    if period:
        assert period in found.message
    else:
        assert "Diunggah pada" not in found.message


def test_salute_words_need_context_outside_election_periods(engine):
    text = "Salam dua jari, semangat pagi semuanya!"
    assert not neutrality(engine, text, {"posted_at": "2023-05-01T08:00:00"})
    assert neutrality(engine, text, {"posted_at": "2024-01-20T08:00:00"})
    # the 02 slogan "lanjutkan" next to the two-finger salute is context enough
    assert neutrality(engine, "Salam dua jari, lanjutkan!", {"posted_at": "2023-05-01T08:00:00"})


def test_institutional_accounts_are_treated_more_strictly(engine):
    personal = neutrality(engine, SLOGAN, {"account": "personal"})
    official = neutrality(engine, SLOGAN, {"account": "institutional"})
    assert [f.severity for f in personal] == ["medium"]
    assert [f.severity for f in official] == ["high"]
    assert "akun resmi instansi" in official[0].message
    assert "permenpan-83-2012" in official[0].rules
    assert engine.analyze(SLOGAN, {"account": "institutional"}).verdict == "high_risk"


def test_mobilising_staff_is_high_risk(engine):
    report = engine.analyze(
        "Bapak ibu pegawai dinas diarahkan utk memilih paslon no 1 pada pilkada nanti"
    )
    assert report.verdict == "high_risk"
    assert any(f.entity == "mobilisation" for f in report.findings)


# -- the matcher option the rules rely on ----------------------------------------------------------
def _rule(rule_id: str) -> Rule:
    return Rule(
        id=rule_id,
        title="t",
        severity="high",
        regulations=[],
        message="m",
        match=MatchSpec(all=[["pilih"], ["prabowo"]], window=3),
    )


def test_ordered_rules_need_their_groups_in_order(engine):
    plain, ordered = _rule("T-PLAIN"), _rule("T-ORDERED")
    matcher = RuleMatcher([plain, ordered], {}, engine.normalizer, ordered=["T-ORDERED"])
    news = Document("Presiden Prabowo pilih menteri baru", engine.normalizer)
    call = Document("ayo pilih Prabowo", engine.normalizer)
    assert {f.rule.id for f in matcher.match(news)} == {"T-PLAIN"}
    assert {f.rule.id for f in matcher.match(call)} == {"T-PLAIN", "T-ORDERED"}
