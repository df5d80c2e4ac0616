"""The matcher over a small real knowledge base (the shipped seed, real e5 embeddings).

A paraphrased, slangy or chain-wrapped version of a debunked hoax must find its debunk first;
ordinary official posts, even on the same topics, must find nothing.
"""

from __future__ import annotations

import pytest

from netra.analysis.claims import ClaimMatch, ClaimMatcher
from netra.factcheck.matcher import MAX_SEGMENTS, KnowledgeBaseMatcher, segments
from netra.factcheck.seed import load_seed
from netra.factcheck.store import ClaimStore
from netra.storage.db import make_engine, session_scope
from netra.storage.migrate import upgrade


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('kb') / 'kb.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as session:
        report = load_seed(session)
    assert report.added >= 30 and not report.rejected
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def matcher(seeded) -> KnowledgeBaseMatcher:
    return KnowledgeBaseMatcher.from_engine(seeded)


@pytest.mark.parametrize(
    ("post", "debunk"),
    [
        (
            "PERINGATAN!! jgn minum obat panas P/500 yg putih mengkilap, ada virus mematikan "
            "di dalamnya. sebarkan ke keluarga",
            "seed-paracetamol-machupo",
        ),
        (
            "Selamat siang, kami dari kepolisian. Anda melanggar lalu lintas, silakan buka file "
            "aplikasi surat tilang yang kami kirim lewat WA ini",
            "seed-tilang-apk",
        ),
        (
            "Info dari grup sebelah:\nKTP elektronik yang dibuat tahun 2012 wajib diaktifkan "
            "ulang ke kecamatan!!\nSebarkan ke keluarga",
            "seed-ektp-aktivasi",
        ),
        (
            "Katanya ada 7 kontainer isi surat suara yg udh dicoblos di pelabuhan Priok, "
            "tolong dicek",
            "seed-surat-suara-kontainer",
        ),
        (
            'Di grup keluarga ada yang kirim begini: "jangan minum parasetamol P-500 yang '
            'putih mengkilap" ... bener gak sih?',
            "seed-paracetamol-machupo",
        ),
    ],
)
def test_a_circulating_hoax_finds_its_debunk_first(matcher, post, debunk):
    matches = matcher.match(post)
    assert matches, "no match above the threshold"
    assert matches[0].claim_id == debunk
    assert matches[0].source_url.startswith("https://")
    assert all(m.score >= matcher.threshold for m in matches)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


@pytest.mark.parametrize(
    "post",
    [
        "Selamat Hari Guru Nasional! Terima kasih atas pengabdian para guru di seluruh daerah.",
        "Car free day di Jalan Merdeka kembali digelar Minggu pagi pukul 06.00–10.00.",
        "Pelatihan digital marketing gratis bagi 120 pelaku UMKM digelar minggu depan. "
        "Pendaftaran melalui dinas koperasi.",
        "Harga cabai rawit di Pasar Induk hari ini Rp45 ribu per kilogram, turun dibanding "
        "pekan lalu.",
    ],
)
def test_ordinary_official_posts_match_nothing(matcher, post):
    assert matcher.match(post) == []


def test_empty_text_matches_nothing(matcher):
    assert matcher.match("") == [] and matcher.match("   ") == []


def test_retired_claims_are_not_matched_after_reload(seeded):
    post = "jgn minum parasetamol P-500 yg putih mengkilap, isinya virus machupo"
    matcher = KnowledgeBaseMatcher.from_engine(seeded)
    assert matcher.match(post)[0].claim_id == "seed-paracetamol-machupo"
    with session_scope(seeded) as session:
        ClaimStore(session).retire("seed-paracetamol-machupo", by="uji", reason="uji")
    try:
        matcher.reload(seeded)
        assert all(m.claim_id != "seed-paracetamol-machupo" for m in matcher.match(post))
    finally:
        with session_scope(seeded) as session:
            ClaimStore(session).restore("seed-paracetamol-machupo", by="uji")


def test_the_matcher_fulfils_the_engine_protocol(matcher):
    seam: ClaimMatcher = matcher
    result = seam.match("Vaksin covid ada microchip buat ngelacak warga", top_k=2)
    assert len(result) <= 2 and all(isinstance(m, ClaimMatch) for m in result)


def test_segments_split_chain_messages_and_quotes():
    text = "Info dari grup sebelah:\nVaksin berisi chip pelacak warga\nSebarkan sebelum dihapus ya"
    assert "Vaksin berisi chip pelacak warga" in segments(text)
    assert segments("satu kalimat pendek saja") == []


def test_segments_find_the_hoax_inside_a_question_or_a_forwarded_line():
    quoted = "Katanya BI mau keluarin uang seratus perak muka presiden, serius nih?"
    assert segments(quoted) == ["Katanya BI mau keluarin uang seratus perak muka presiden"]
    chain = (
        "Info dari grup sebelah:\nTELAH DIBUKA PENCAIRAN BLT RAMADHAN! daftar di situs ini "
        "sebelum ditutup akhir April, gratis\nSebarkan ke keluarga ya"
    )
    segs = segments(chain)
    assert segs[0].startswith("TELAH DIBUKA") and segs[0].endswith("gratis")  # the line first
    assert "TELAH DIBUKA PENCAIRAN BLT RAMADHAN!" in segs  # then its sentences
    assert "daftar di situs ini sebelum ditutup akhir April" in segs  # then clauses
    # decimals and thousands separators do not cut a clause
    assert "Gempa 8,7 SR akan guncang Jakarta tgl 5" in segments(
        "Gempa 8,7 SR akan guncang Jakarta tgl 5, BMKG sudah konfirmasi semua"
    )
    long = "\n".join(f"baris nomor {i} berisi kabar yang panjang sekali" for i in range(30))
    assert len(segments(long)) == MAX_SEGMENTS


def test_segment_vectors_must_match_the_segments(matcher):
    import numpy as np

    from netra.factcheck.matcher import candidate_features

    text = "Info dari grup sebelah:\nVaksin berisi chip pelacak warga\nSebarkan sebelum dihapus ya"
    vector = np.zeros(384, dtype=np.float32)
    with pytest.raises(ValueError):
        candidate_features(matcher.index, text, vector, np.zeros((0, 384), dtype=np.float32))
