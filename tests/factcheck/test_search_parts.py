"""The parts of the fact-check search that keep it fast and calibrated at any size: the two-pass
search over claim vectors, the pruned lexical retrieval, the word features, the scorer's export."""

from __future__ import annotations

import numpy as np
import pytest

from netra.factcheck.features import FEATURE_NAMES
from netra.factcheck.lexical import LexicalIndex
from netra.factcheck.scorer import CALIBRATION_FILE, Scorer, export_model, fit_model
from netra.factcheck.vectors import VectorIndex


def _clustered(n: int, dim: int = 64, centres: int = 40, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    c = rng.standard_normal((centres, dim))
    v = c[rng.integers(0, centres, n)] + 0.35 * rng.standard_normal((n, dim))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def test_small_indexes_are_searched_exactly():
    vectors = _clustered(500)
    index = VectorIndex(vectors)
    assert not index.two_pass
    q = vectors[7]
    pos, scores = index.search(q, 10)
    exact = np.argsort(-(vectors @ q))[:10]
    assert pos.tolist() == exact.tolist()
    assert np.allclose(scores, vectors[pos] @ q)


def test_the_two_pass_search_finds_the_nearest_vectors_with_exact_cosines():
    vectors = _clustered(6000)
    index = VectorIndex(vectors, exact_up_to=1000, dims=16, rerank=300, rerank_share=0.0)
    assert index.two_pass and index.reduced.shape == (6000, 16)
    rng = np.random.default_rng(5)
    found = []
    for i in rng.choice(len(vectors), 40, replace=False):
        q = vectors[i] + 0.1 * rng.standard_normal(vectors.shape[1]).astype(np.float32)
        q /= np.linalg.norm(q)
        pos, scores = index.search(q, 20)
        assert np.allclose(scores, vectors[pos] @ q, atol=1e-5)  # cosines are exact
        assert list(scores) == sorted(scores, reverse=True)
        exact = set(np.argsort(-(vectors @ q))[:20].tolist())
        found.append(len(exact & set(pos.tolist())) / 20)
    # a first pass in 16 of 64 dimensions, then 300 of 6,000 scored exactly: nearly all of the
    # true top 20
    assert np.mean(found) >= 0.9
    pair = np.array([3, 4])
    assert np.allclose(index.cosines(pair, vectors[:2]), vectors[pair] @ vectors[:2].T)


def test_lexical_retrieval_finds_the_claim_and_scores_every_view_exactly():
    claims = [f"vaksin covid nomor {i} berisi chip pelacak warga kota {i}" for i in range(50)]
    claims += ["parasetamol p500 mengandung virus machupo yang mematikan"]
    index = LexicalIndex(claims)
    q = index.query(["katanya parasetamol p500 ada virus machupo, serius?", "ada virus machupo"])
    by_char, by_word = index.retrieve(q, 5)
    assert 50 in by_char.tolist() and 50 in by_word.tolist()
    pool = np.array([0, 50])
    char, word = index.scores(q, pool)
    assert char.shape == (2, 2) and word.shape == (2, 2)
    assert char[0, 1] > char[0, 0] and word[1, 1] > word[1, 0]
    full = (index.char.transform([" ".join(q.words[0])]) @ index._char[pool].T).toarray()
    assert np.allclose(char[0], full[0], atol=1e-6)


def test_the_exported_scorer_scores_exactly_like_the_fitted_models(tmp_path):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((3000, len(FEATURE_NAMES))).astype(np.float32)
    y = (X[:, 0] * X[:, 1] + X[:, 2] > 0.5).astype(int)
    fitted = fit_model(X, y, max_iter=30)
    scorer = export_model(fitted)
    assert np.allclose(scorer.score(X), fitted.predict_proba(X)[:, 1])
    # the trees alone, against scikit-learn's own prediction
    trees = fitted.trees.predict_proba(X.astype(np.float64))[:, 1]
    assert np.allclose(1 / (1 + np.exp(-scorer.trees(X.astype(np.float64)))), trees)
    # the blend is the mean of the two models' log-odds
    linear = fitted.linear.decision_function(fitted.scaler.transform(X.astype(np.float64)))
    assert np.allclose(scorer.raw(X), 0.5 * linear + 0.5 * np.log(trees / (1 - trees)))
    path = tmp_path / "calibration.json"
    path.write_text(scorer.to_json(), encoding="utf-8")  # the shipped form: JSON, no pickle
    assert np.array_equal(Scorer.load(path).score(X[:50]), scorer.score(X[:50]))
    assert scorer.score(np.zeros((0, len(FEATURE_NAMES)))).shape == (0,)


def test_the_shipped_calibration_loads_and_orders_thresholds():
    scorer = Scorer.load(CALIBRATION_FILE)
    assert 0 < scorer.threshold <= scorer.confident_threshold < 1
    assert len(scorer.roots) > 10 and scorer.depth >= 1
    assert scorer.meta["data"].endswith("evaluation split never used")


def test_a_scorer_for_other_features_is_refused(tmp_path):
    scorer = Scorer.load(CALIBRATION_FILE)
    path = tmp_path / "c.json"
    path.write_text(scorer.to_json().replace('"sem"', '"semx"', 1), encoding="utf-8")
    with pytest.raises(ValueError, match="recalibrate"):
        Scorer.load(path)


def test_word_features_tell_another_city_from_a_typo_and_ignore_the_askers_words():
    from netra.factcheck.features import _word_features

    claims = [
        "gempa besar akan guncang kota bandung besok malam",
        "gempa besar akan guncang kota jakarta besok malam",
        *[f"harga beras di pasar naik menjadi {i} ribu per kilogram" for i in range(20)],
    ]
    index = LexicalIndex(claims)
    post = "katanya gempa besar bakal guncang kota jakarta besok malam, serius?"
    quoted = index.query([post, "gempa besar bakal guncang kota jakarta besok malam"])
    f = _word_features(quoted.words, [0, 1], index)
    cov_claim, miss_claim, extra_view = f[:, 0], f[:, 6], f[:, 7]
    # the Jakarta claim: every rare word is in the post and the quoted view adds nothing the
    # index knows ("katanya", "bakal", "serius" are in no claim)
    assert extra_view[1] == 0.0 and miss_claim[1] < miss_claim[0]
    # the Bandung claim: the post names another city, and lacks the claim's city
    assert extra_view[0] > 0.5 and miss_claim[0] > 0.5 and cov_claim[1] > cov_claim[0]
    typo = index.query(["gempa besar akan guncang kota jakatra besok malam"])
    g = _word_features(typo.words, [1], index)
    assert g[0, 5] > g[0, 0]  # cov_fuzzy counts "jakatra" as "jakarta"; cov_claim does not
