"""Turning raw linear scores into probabilities, and probabilities into decisions.

Both are fitted on out-of-fold scores (each training row scored by a model that never saw it),
so the probabilities mean what they say on new posts and the thresholds are not tuned on the rows
the model memorised, nor on the held-out test rows.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.optimize import minimize_scalar
from sklearn.linear_model import LogisticRegression

#: Thresholds reported in each model card's precision/recall table.
GRID = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def platt(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Slope and offset of `σ(a·s + b)` fitted to out-of-fold scores (Platt scaling)."""
    if y.min() == y.max():
        return 1.0, 0.0
    model = LogisticRegression(C=1e4, solver="lbfgs", max_iter=1000)
    model.fit(scores.reshape(-1, 1), y)
    return float(model.coef_[0, 0]), float(model.intercept_[0])


def temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """The softmax temperature factor `a` (p = softmax(a·z)) minimising out-of-fold log-loss."""

    def nll(a: float) -> float:
        z = a * logits
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-logp[np.arange(len(y)), y].mean())

    result = minimize_scalar(nll, bounds=(0.05, 20.0), method="bounded")
    return float(result.x)


def precision_recall_f1(y: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    tp = float(np.sum((pred == 1) & (y == 1)))
    fp = float(np.sum((pred == 1) & (y == 0)))
    fn = float(np.sum((pred == 0) & (y == 1)))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def operating_point(
    y: np.ndarray, prob: np.ndarray, *, lo: float = 0.1, hi: float = 0.9
) -> dict[str, Any]:
    """The F1-maximising threshold, and what stricter and looser thresholds give.

    Returns `threshold`, its `precision`/`recall`/`f1`, and `tradeoff`: the same three figures at
    each threshold of `GRID`, all on out-of-fold probabilities.
    """
    candidates = np.round(np.arange(lo, hi + 1e-9, 0.01), 2)
    best_t, best = 0.5, (-1.0, 0.0, 0.0)
    for t in candidates:
        p, r, f = precision_recall_f1(y, (prob >= t).astype(int))
        if f > best[0] + 1e-12:
            best_t, best = float(t), (f, p, r)
    table = []
    for t in GRID:
        p, r, f = precision_recall_f1(y, (prob >= t).astype(int))
        table.append(
            {"threshold": t, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
        )
    return {
        "threshold": best_t,
        "f1": round(best[0], 4),
        "precision": round(best[1], 4),
        "recall": round(best[2], 4),
        "tradeoff": table,
    }
