"""Context words: whole words only, longest term wins, offsets usable on the original text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from netra.analysis.pii.keywords import HitList, KeywordIndex, lower_same_length

INDEX = KeywordIndex(
    {
        "bank_strong": ["rek", "no. rek", "no.rek", "a.n."],
        "bank": ["bca"],
        "personal_place": ["rumah"],
        "office": ["rumah sakit", "kantor"],
    }
)


def found(text):
    return [(h.label, text[h.start : h.end]) for h in INDEX.find(lower_same_length(text))]


def test_whole_words_only():
    assert found("direktur bank dan rekan kerja") == []
    assert found("Rek BCA: 123") == [("bank_strong", "Rek"), ("bank", "BCA")]


def test_longest_term_wins():
    assert found("dirawat di Rumah Sakit") == [("office", "Rumah Sakit")]
    assert found("rumah saya") == [("personal_place", "rumah")]


def test_punctuation_variants():
    assert found("No. Rek 123, a.n.Budi") == [("bank_strong", "No. Rek"), ("bank_strong", "a.n")]
    assert found("no.rek 123") == [("bank_strong", "no.rek")]


def test_hit_list_nearest_before_and_after():
    text = "kantor lama, rumah baru: 123 rek"
    hits = HitList(INDEX.find(text))
    pos = text.index("123")
    assert hits.nearest_before(("office", "personal_place"), pos, 50).label == "personal_place"
    assert hits.last_before("office", pos, 5) is None  # too far
    assert hits.first_after("bank_strong", pos + 3, 2).start == text.index("rek")


_KEYS = {"rek", "no rek", "a n", "bca", "rumah", "rumah sakit", "kantor"}


@given(st.text(alphabet=st.sampled_from(list("rekumahsitno. bcaRK1,")), max_size=120))
def test_every_hit_is_a_whole_term(text):
    lower = lower_same_length(text)
    for hit in INDEX.find(lower):
        assert 0 <= hit.start < hit.end <= len(text)
        assert " ".join(re.sub("[^0-9a-z]", " ", lower[hit.start : hit.end]).split()) in _KEYS
        before = lower[hit.start - 1] if hit.start else " "
        after = lower[hit.end] if hit.end < len(lower) else " "
        assert not (before.isascii() and before.isalnum())
        assert not (after.isascii() and after.isalnum())
