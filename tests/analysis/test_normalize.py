"""The normalised view undoes slang and evasion, and every word maps back to the original."""

from __future__ import annotations

import pytest

from netra.analysis.document import Document


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yg gk bgt udh drpd dr sm", "yang tidak banget sudah daripada dari sama"),
        ("mantappp bangeeet", "mantap banget"),
        ("dasar g0bl0k 4njing", "dasar goblok anjing"),
        ("#HendraBupati2024", "hendra bupati 2024"),
        ("anak2 sekolah", "anak anak sekolah"),
        ("a n j i n g", "anjing"),
        ("an\u200bjing", "anjing"),
        ("ｇｏｂｌｏｋ", "goblok"),
        ("рrabowo", "prabowo"),  # Cyrillic er
    ],
)
def test_normalised_words(engine, text, expected):
    doc = Document(text, engine.normalizer)
    assert doc.norm == expected


def test_every_token_maps_to_original_characters(engine):
    text = "Yg b0d0hhh bgt, #HendraBupati2024 an\u200bjing 🐷!"
    doc = Document(text, engine.normalizer)
    pieces = {t.norm: text[t.start : t.end] for t in doc.tokens}
    assert pieces["yang"] == "Yg"
    assert pieces["bodoh"] == "b0d0hhh"
    assert pieces["bupati"] == "Bupati"
    assert pieces["anjing"] == "an\u200bjing"
    assert pieces["babi"] == "🐷"


def test_lowercase_hashtag_is_split_into_known_words(engine):
    doc = Document("#dukungbupatihendra", engine.normalizer)
    assert doc.norm.split()[:2] == ["dukung", "bupati"]


def test_numbers_and_plates_are_not_de_leeted(engine):
    doc = Document("No urut 02, plat B 1234 XY, tahun 2024", engine.normalizer)
    assert "02" in doc.norm.split() and "2024" in doc.norm.split()
