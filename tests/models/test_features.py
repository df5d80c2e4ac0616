"""What the classifiers read: every feature traceable to the tokens that produced it."""

from __future__ import annotations

from netra.analysis.document import Document
from netra.models.features import FeatureConfig, Featurizer, model_view, stem, surface_view


def _doc(text: str) -> Document:
    return Document(text)


def test_mentions_become_a_placeholder_and_links_are_ignored() -> None:
    doc = _doc("@budi_s dasar bodoh https://t.co/abc123 lihat")
    view = model_view(doc)
    assert view[0] == "@user"
    kept = [w for w in view if w is not None]
    assert "bodoh" in kept and "lihat" in kept
    assert not any(w == "co" or w == "abc123" or w == "https" for w in kept)


def test_word_ngrams_point_at_their_tokens_and_do_not_cross_links() -> None:
    doc = _doc("dasar bodoh https://t.co/x kamu")
    occ = Featurizer(FeatureConfig(word_ngrams=2, char_max=0)).extract(doc)["word"]
    grams = {f: (first, n) for f, first, n in occ}
    first, n = grams["dasar bodoh"]
    assert [doc.tokens[i].norm for i in range(first, first + n)] == ["dasar", "bodoh"]
    assert not any(f.startswith("bodoh ") for f in grams)  # the link splits the sentence


def test_char_ngrams_stay_inside_their_word() -> None:
    doc = _doc("yg b0d0hhh")
    occ = Featurizer(FeatureConfig(word_ngrams=0, char_min=3, char_max=3)).extract(doc)["char"]
    for feat, first, n in occ:
        assert n == 1
        assert feat.strip() in f" {doc.tokens[first].norm} "
    assert (" bo", 1, 1) in occ and ("doh", 1, 1) in occ


def test_surface_block_keeps_the_original_spelling() -> None:
    doc = _doc("dasar b0d0hhh")
    view = model_view(doc)
    assert view[1] == "bodoh"
    assert surface_view(doc, view)[1] == "b0d0hhh"
    occ = Featurizer(
        FeatureConfig(word_ngrams=0, char_max=0, surface_min=2, surface_max=3)
    ).extract(doc)
    assert ("0d0", 1, 1) in occ["surface"]


def test_stems_use_the_extra_roots() -> None:
    assert stem("kebencian") == "benci"
    assert stem("pemilu") == "pemilu"  # Sastrawi alone says "milu"
    assert stem("menyebarluaskan") == "sebarluas"
    occ = Featurizer(FeatureConfig(word_ngrams=1, char_max=0, stems=True)).extract(
        _doc("kebencian")
    )
    assert ("~benci", 0, 1) in occ["word"]


def test_lexicon_marks_are_features_of_the_matching_token() -> None:
    feats = Featurizer(
        FeatureConfig(word_ngrams=1, char_max=0, lexicons=("abusive",)),
        {"abusive": frozenset({"bangsat"})},
    )
    occ = feats.extract(_doc("dasar bangsat"))["word"]
    assert ("!abusive", 1, 1) in occ
    assert not any(f == "!abusive" and first == 0 for f, first, _ in occ)
