"""Fitting the linear models: logistic regression, optionally blended with an NB-weighted one.

Every model here is linear in the TF-IDF features, so whatever is fitted collapses into one
coefficient vector per label — the runtime stays a single sparse dot product, and each word's share
of the score stays exact. The NB-LR variant (Wang & Manning 2012) scales each feature by its
log-count ratio between positive and negative posts before the regression; folding that ratio back
into the coefficients keeps it linear in the original features. A blend is the average of the two
models' raw scores (still linear).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

SEED = 0


@dataclass(slots=True)
class LinearFit:
    """Coefficients (n_features × n_outputs) and intercepts (n_outputs)."""

    coef: np.ndarray
    intercept: np.ndarray

    def decision(self, X: sp.spmatrix | np.ndarray) -> np.ndarray:
        return np.asarray(X @ self.coef) + self.intercept


def nb_ratio(X: sp.csr_matrix, y: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """Log-count ratio r = log((p/|p|) / (q/|q|)) of feature weight in positive vs negative rows."""
    pos = np.asarray(X[y == 1].sum(axis=0)).ravel() + alpha
    neg = np.asarray(X[y == 0].sum(axis=0)).ravel() + alpha
    return np.log((pos / pos.sum()) / (neg / neg.sum()))


def fit_binary(
    X: sp.csr_matrix, y: np.ndarray, *, C: float, nb: str = "none"
) -> tuple[np.ndarray, float]:
    """One label. `nb`: "none" (plain LR), "only" (NB-LR) or "blend" (mean of both scores)."""
    if y.min() == y.max():  # a label absent from these rows: constant score
        return np.zeros(X.shape[1]), (5.0 if y[0] else -5.0)
    coefs: list[np.ndarray] = []
    intercepts: list[float] = []
    if nb in ("none", "blend"):
        lr = LogisticRegression(C=C, solver="liblinear", random_state=SEED, max_iter=1000)
        lr.fit(X, y)
        coefs.append(lr.coef_[0])
        intercepts.append(float(lr.intercept_[0]))
    if nb in ("only", "blend"):
        r = nb_ratio(X, y)
        lr = LogisticRegression(C=C, solver="liblinear", random_state=SEED, max_iter=1000)
        lr.fit(X @ sp.diags(r), y)
        coefs.append(lr.coef_[0] * r)
        intercepts.append(float(lr.intercept_[0]))
    return np.mean(coefs, axis=0), float(np.mean(intercepts))


def fit_multilabel(
    X: sp.csr_matrix,
    Y: np.ndarray,
    *,
    C: float,
    nb: str = "none",
    skip: frozenset[int] = frozenset(),
) -> LinearFit:
    """One `fit_binary` per label; labels in `skip` (fitted elsewhere, e.g. stacked) get zeros."""
    cols = [
        (np.zeros(X.shape[1]), 0.0) if k in skip else fit_binary(X, Y[:, k], C=C, nb=nb)
        for k in range(Y.shape[1])
    ]
    coef = np.stack([c for c, _ in cols], axis=1)
    intercept = np.array([b for _, b in cols])
    return LinearFit(coef, intercept)


def fit_multiclass(X: sp.spmatrix, y: np.ndarray, n_classes: int, *, C: float) -> LinearFit:
    """Multinomial logistic regression; returns one column per class."""
    lr = LogisticRegression(C=C, solver="lbfgs", max_iter=3000, random_state=SEED)
    lr.fit(X, y)
    coef = np.zeros((X.shape[1], n_classes))
    intercept = np.zeros(n_classes)
    coef[:, lr.classes_] = lr.coef_.T
    intercept[lr.classes_] = lr.intercept_
    return LinearFit(coef, intercept)


def fit_class_member(
    X: sp.spmatrix, y: np.ndarray, n_classes: int, *, C: float, nb: str = "none"
) -> LinearFit:
    """One member of a single-label stacked ensemble; one column of scores per class.

    `nb`: "none" (multinomial LR), "only" (one-vs-rest NB-weighted LR; non-negative features
    only) or "svm" (one-vs-rest linear SVM, squared hinge loss).
    """
    if nb == "none":
        return fit_multiclass(X, y, n_classes, C=C)
    if nb == "only":
        cols = [fit_binary(X, (y == k).astype(int), C=C, nb="only") for k in range(n_classes)]
        return LinearFit(np.stack([c for c, _ in cols], axis=1), np.array([b for _, b in cols]))
    if nb == "svm":
        from sklearn.svm import LinearSVC

        svm = LinearSVC(C=C, random_state=SEED, max_iter=20000).fit(X, y)
        coef = np.zeros((X.shape[1], n_classes))
        intercept = np.zeros(n_classes)
        coef[:, svm.classes_] = svm.coef_.T
        intercept[svm.classes_] = svm.intercept_
        return LinearFit(coef, intercept)
    raise ValueError(f"unknown member learner {nb!r}")
