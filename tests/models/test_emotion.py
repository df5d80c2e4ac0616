"""The `emotion` model: a single-label stacked ensemble folded back into one linear model."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from netra.models.features import MODELS_DIR
from netra.models.linear import LinearModel
from netra.training import fit
from netra.training.pipeline import CLASSES, collapse, load_lexicon, stack_classes
from netra.training.recipes import EMOTION_LEXICONS, RECIPES


def _data(n: int = 500, d: int = 40, k: int = 4, seed: int = 0) -> tuple[sp.csr_matrix, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = sp.csr_matrix(rng.random((n, d)) * (rng.random((n, d)) < 0.3))
    W = rng.normal(size=(d, k))
    y = np.asarray(X @ W + rng.normal(scale=0.3, size=(n, k))).argmax(axis=1)
    return X, y


def test_collapsed_matrix_scores_exactly_as_the_level_two_model() -> None:
    X, y = _data()
    k = int(y.max()) + 1
    members = [
        fit.fit_class_member(X, y, k, C=c, nb=nb)
        for c, nb in ((4.0, "only"), (0.1, "svm"), (3.0, "none"))
    ]
    Z = np.hstack([m.decision(X) for m in members])
    weights, z_oof = stack_classes(Z, y, C=1.0)
    assert weights.shape == (len(members) * k + 1, k) and z_oof.shape == (len(y), k)
    base = fit.LinearFit(np.zeros((X.shape[1], k)), np.zeros(k))
    folded = collapse(base, {CLASSES: [(m.coef, m.intercept) for m in members]}, {CLASSES: weights})
    np.testing.assert_allclose(folded.decision(X), Z @ weights[:-1] + weights[-1], atol=1e-9)
    # Level-2 scores are out of fold, informative and deterministic.
    assert (z_oof.argmax(axis=1) == y).mean() > 0.5
    np.testing.assert_array_equal(z_oof, stack_classes(Z, y, C=1.0)[1])


def test_every_member_learner_scores_every_class() -> None:
    X, y = _data(seed=1)
    for nb in ("none", "only", "svm"):
        f = fit.fit_class_member(X, y, 4, C=1.0, nb=nb)
        assert f.coef.shape == (X.shape[1], 4) and f.intercept.shape == (4,)
        assert (f.decision(X).argmax(axis=1) == y).mean() > 0.5, nb


def test_the_emotion_lexicon_marks_reach_the_shipped_model() -> None:
    recipe = RECIPES["emotion"]
    assert recipe.features.lexicons == EMOTION_LEXICONS and recipe.members
    assert "marah" in load_lexicon("emotion_anger") and "takut" in load_lexicon("emotion_fear")
    model = LinearModel.load(MODELS_DIR / "emotion")
    assert set(model.featurizer.lexicons) == set(EMOTION_LEXICONS)
    word = next(b for b in model.blocks if b.name == "word")
    assert all(f"!{name}" in word.vocab for name in EMOTION_LEXICONS)
    assert model.meta["learner"]["stack_weights"]["classes"]
