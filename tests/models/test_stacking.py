"""Stacked labels: the level-2 model over linear members folds back into one linear model."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from netra.training import fit
from netra.training.pipeline import collapse, stack


def _data(n: int = 400, d: int = 30, seed: int = 0) -> tuple[sp.csr_matrix, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = sp.csr_matrix(rng.random((n, d)) * (rng.random((n, d)) < 0.3))
    w = rng.normal(size=d)
    y = (X @ w + rng.normal(scale=0.5, size=n) > np.median(X @ w)).astype(int)
    return X, y


def test_collapsed_column_scores_exactly_as_the_level_two_model() -> None:
    X, y = _data()
    members = [fit.fit_binary(X, y, C=c, nb=nb) for c in (1.0, 4.0) for nb in ("none", "only")]
    Z = np.column_stack([X @ c + b for c, b in members])
    weights, z_oof = stack(Z, y, C=1.0)
    assert weights.shape == (len(members) + 1,) and z_oof.shape == y.shape
    base = fit.LinearFit(np.zeros((X.shape[1], 2)), np.zeros(2))
    folded = collapse(base, {1: members}, {1: weights})
    expected = Z @ weights[:-1] + weights[-1]
    np.testing.assert_allclose(folded.decision(X)[:, 1], expected, atol=1e-9)
    np.testing.assert_array_equal(folded.coef[:, 0], 0.0)  # other labels untouched


def test_level_two_scores_are_out_of_fold_and_informative() -> None:
    X, y = _data(seed=1)
    members = [fit.fit_binary(X, y, C=4.0, nb=nb) for nb in ("none", "only")]
    Z = np.column_stack([X @ c + b for c, b in members])
    _, z_oof = stack(Z, y, C=1.0)
    assert np.corrcoef(z_oof, y)[0, 1] > 0.3
    again = stack(Z, y, C=1.0)[1]
    np.testing.assert_array_equal(z_oof, again)  # deterministic


def test_a_constant_label_falls_back_to_the_members_mean() -> None:
    Z = np.arange(12.0).reshape(6, 2)
    weights, z = stack(Z, np.zeros(6, dtype=int), C=1.0)
    np.testing.assert_allclose(weights, [0.5, 0.5, 0.0])
    np.testing.assert_allclose(z, Z.mean(axis=1))
