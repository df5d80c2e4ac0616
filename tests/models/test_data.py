"""Cleaning and loading the training corpora: the export artefacts must not reach the models."""

from __future__ import annotations

import numpy as np

from netra.training import splits
from netra.training.data import (
    clean_forum,
    clean_ibrohim,
    load_emot,
    load_ibrohim,
    load_netifier,
    load_smsa,
    merge_duplicates,
)


def test_ibrohim_escape_text_becomes_the_emoji_the_author_wrote() -> None:
    raw = "USER Slga mnr bom \\xf0\\x9f\\x98\\x82'"
    assert clean_ibrohim(raw) == "@user Slga mnr bom 😂"


def test_ibrohim_literal_newlines_entities_and_placeholders() -> None:
    raw = "RT USER: dasar cebong &amp; kampret\\n\\nURL lihat ini'"
    cleaned = clean_ibrohim(raw)
    assert cleaned == "@user dasar cebong & kampret lihat ini"
    assert "\\n" not in cleaned and "URL" not in cleaned and not cleaned.startswith("RT")


def test_ibrohim_mangled_emoji_is_dropped() -> None:
    assert clean_ibrohim("ikutilah seruan ulama ð???") == "ikutilah seruan ulama"


def test_forum_markup_and_quoted_posts_are_removed() -> None:
    raw = (
        "[QUOTE=budi;5a50]jabar emng barokah[/QUOTE]\n\nWOI [B]ANJING[/B] [img]http://x/y.jpg[/img]"
    )
    assert clean_forum(raw) == "WOI ANJING"
    assert clean_forum(raw, keep_quotes=True) == "jabar emng barokah WOI ANJING"


def test_duplicates_merge_by_majority_and_keep_order() -> None:
    texts = ["a b", "c", "A  b", "a b"]
    y = np.array([[1, 0], [0, 1], [0, 0], [1, 1]], dtype=np.uint8)
    out_t, out_y = merge_duplicates(texts, y)
    assert out_t == ["a b", "c"]
    assert out_y.tolist() == [[1, 0], [0, 1]]  # 2 of 3 say label 0; 1 of 3 says label 1


def test_loaded_corpora_are_clean_and_unique() -> None:
    ib = load_ibrohim()
    assert len(ib) > 10_000 and ib.y.shape[1] == 12
    assert not any("\\x" in t or "\\n" in t or "URL" in t for t in ib.texts)
    assert len({" ".join(t.lower().split()) for t in ib.texts}) == len(ib)
    net = load_netifier()
    assert not any("[QUOTE" in t.upper() or "[IMG]" in t.upper() for t in net.texts)
    assert len({" ".join(t.lower().split()) for t in net.texts}) == len(net)


def test_official_valid_splits_are_kept_whole() -> None:
    assert len(load_smsa("valid")) == 1260
    assert len(load_emot("valid")) == 440
    assert load_emot("train").labels == ("anger", "happy", "sadness", "fear", "love")


def test_holdout_is_stratified_deterministic_and_disjoint() -> None:
    ds = load_ibrohim()
    train, test = splits.holdout(ds, columns=2)
    again_train, again_test = splits.holdout(ds, columns=2)
    assert np.array_equal(test, again_test) and np.array_equal(train, again_train)
    assert not set(train.tolist()) & set(test.tolist())
    assert abs(len(test) / len(ds) - 0.2) < 0.01
    # HS prevalence is the same on both sides (stratified)
    assert abs(ds.y[train, 0].mean() - ds.y[test, 0].mean()) < 0.01
    # folds partition the training rows and never touch the test rows
    seen = np.concatenate([b for _, b in splits.folds(ds, train, columns=2)])
    assert sorted(seen.tolist()) == train.tolist()
