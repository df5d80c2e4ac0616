"""The calibrated scorer: gradient-boosted trees over the pair features, and its thresholds.

A linear layer cannot say "a high e5 cosine counts only if the rare words agree too" or "a
number clash matters for a price claim, not for a chain message": the near-miss distractors
(another city, vaccine, amount) and ordinary posts on a hoax's topic sit exactly there. The
scorer is therefore a small boosted-tree ensemble (scikit-learn's
`HistGradientBoostingClassifier`, log-loss, fixed seed, no early stopping), fitted by
`benchmarks/factcheck_calibrate.py` on the calibration half of the evaluation data only.

It ships as JSON next to this module (`calibration.json`): every tree as flat node arrays, read
and evaluated here with numpy, so the matcher needs neither pickles nor a matching
scikit-learn version, and the artifact can be diffed. `score` returns the probability that a
(post, claim) pair is the same claim. `threshold` is the score from which a claim is returned at
all (chosen on out-of-fold scores for a target false-match rate on ordinary posts);
`confident_threshold` is the stricter "same claim" level the engine may treat as high severity.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from netra.factcheck.features import FEATURE_NAMES

CALIBRATION_FILE = Path(__file__).resolve().parent / "calibration.json"
MODEL_KIND = "linear+gbdt/v1"

# The trees' shape and the blend (chosen out of fold on the calibration half; see the benchmark).
GBDT_PARAMS: dict[str, Any] = {
    "max_iter": 500,
    "learning_rate": 0.03,
    "max_depth": 3,
    "min_samples_leaf": 80,
    "l2_regularization": 5.0,
}
LINEAR_WEIGHT = 0.5


@dataclass
class Scorer:
    """log-odds = linear_weight × (((x − mean) / scale) · coef + intercept)
    + (1 − linear_weight) × (baseline + Σ trees).

    Trees as flat arrays: node i tests `feature[i] <= split[i]` → `left[i]`, else `right[i]`;
    a leaf points to itself on both sides and carries `value[i]`."""

    feature_names: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    linear_weight: float
    baseline: float
    roots: list[int]
    feature: list[int]
    split: list[float]
    left: list[int]
    right: list[int]
    value: list[float]
    depth: int
    threshold: float
    confident_threshold: float
    kind: str = MODEL_KIND
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind != MODEL_KIND:
            raise ValueError(f"unknown scorer kind {self.kind!r}; recalibrate")
        if tuple(self.feature_names) != FEATURE_NAMES:
            raise ValueError("calibration does not match the current features; recalibrate")
        self._mean = np.asarray(self.mean, dtype=np.float64)
        self._scale = np.asarray(self.scale, dtype=np.float64)
        self._coef = np.asarray(self.coef, dtype=np.float64)
        self._roots = np.asarray(self.roots, dtype=np.intp)
        self._feature = np.asarray(self.feature, dtype=np.intp)
        self._split = np.asarray(self.split, dtype=np.float64)
        # child of node i: _child[2 * i] when the test holds, _child[2 * i + 1] when it does not
        self._child = np.stack([self.left, self.right], axis=1).astype(np.intp).ravel()
        self._value = np.asarray(self.value, dtype=np.float64)

    def raw(self, features: np.ndarray) -> np.ndarray:
        """Blended log-odds per row."""
        x = np.nan_to_num(np.asarray(features, dtype=np.float64).reshape(-1, len(FEATURE_NAMES)))
        if x.shape[0] == 0:
            return np.zeros(0)
        linear = ((x - self._mean) / self._scale) @ self._coef + self.intercept
        w = self.linear_weight
        return w * linear + (1.0 - w) * self.trees(x)

    def trees(self, x: np.ndarray) -> np.ndarray:
        """The trees' log-odds (baseline plus one leaf value per tree)."""
        n = x.shape[0]
        n_trees = self._roots.shape[0]
        flat = x.ravel()
        row_base = np.repeat(np.arange(n, dtype=np.intp) * x.shape[1], n_trees)
        node = np.tile(self._roots, n)  # (n * n_trees,): every row walks every tree at once
        for _ in range(self.depth):
            right = flat[row_base + self._feature[node]] > self._split[node]
            node = self._child[2 * node + right]
        return self.baseline + self._value[node].reshape(n, n_trees).sum(axis=1)

    def score(self, features: np.ndarray) -> np.ndarray:
        """Probability that each pair is the same claim (0–1)."""
        return 1.0 / (1.0 + np.exp(-np.clip(self.raw(features), -30, 30)))

    def to_json(self) -> str:
        data = {
            "kind": self.kind,
            "feature_names": self.feature_names,
            "threshold": self.threshold,
            "confident_threshold": self.confident_threshold,
            "meta": self.meta,
            "linear_weight": self.linear_weight,
            "mean": self.mean,
            "scale": self.scale,
            "coef": self.coef,
            "intercept": self.intercept,
            "baseline": self.baseline,
            "depth": self.depth,
            "roots": self.roots,
            "feature": self.feature,
            "split": self.split,
            "left": self.left,
            "right": self.right,
            "value": self.value,
        }
        # one node array per line: the metadata stays readable, the file stays small
        lines = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in data.items()]
        return "{\n" + ",\n".join(lines) + "\n}\n"

    @classmethod
    def load(cls, path: Path = CALIBRATION_FILE) -> Scorer:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(**data)


class Fitted:
    """The two scikit-learn models before export (what the calibration's folds score)."""

    def __init__(self, linear, scaler, trees, linear_weight: float) -> None:
        self.linear, self.scaler, self.trees, self.linear_weight = (
            linear,
            scaler,
            trees,
            linear_weight,
        )

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        x = np.asarray(features, dtype=np.float64)
        lin = self.linear.decision_function(self.scaler.transform(x))
        tree = self.trees._raw_predict(x).ravel()
        z = self.linear_weight * lin + (1 - self.linear_weight) * tree
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        return np.stack([1 - p, p], axis=1)


def fit_model(
    features: np.ndarray, labels: np.ndarray, *, linear_weight: float = LINEAR_WEIGHT, **params
) -> Fitted:
    """Both models, deterministic (lbfgs; trees with a fixed seed and no early stopping).

    Not class-balanced: with the natural ratio (one gold among ~150 candidates) the
    probabilities stay calibrated.
    """
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    x = np.asarray(features, dtype=np.float64)
    scaler = StandardScaler().fit(x)
    linear = LogisticRegression(max_iter=5000).fit(scaler.transform(x), labels)
    trees = HistGradientBoostingClassifier(
        loss="log_loss", early_stopping=False, random_state=0, **{**GBDT_PARAMS, **params}
    ).fit(x, labels)
    return Fitted(linear, scaler, trees, linear_weight)


def export_model(fitted: Fitted, *, meta: dict | None = None) -> Scorer:
    """Flatten the fitted models into a `Scorer` (thresholds 0.5 / 0.9 until the caller sets
    the calibrated ones)."""
    model = fitted.trees
    roots: list[int] = []
    feature: list[int] = []
    split: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    depth = 0
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        if np.any(nodes["is_categorical"]):
            raise ValueError("categorical splits are not supported")
        base = len(feature)
        roots.append(base)
        for i, node in enumerate(nodes):
            if node["is_leaf"]:
                feature.append(0)
                split.append(0.0)
                left.append(base + i)
                right.append(base + i)
                value.append(float(node["value"]))
            else:
                feature.append(int(node["feature_idx"]))
                split.append(float(node["num_threshold"]))
                left.append(base + int(node["left"]))
                right.append(base + int(node["right"]))
                value.append(0.0)
        depth = max(depth, int(nodes["depth"].max()))
    scale = fitted.scaler.scale_
    return Scorer(
        feature_names=list(FEATURE_NAMES),
        mean=[float(v) for v in fitted.scaler.mean_],
        scale=[float(v) for v in scale],
        coef=[float(v) for v in fitted.linear.coef_[0]],
        intercept=float(fitted.linear.intercept_[0]),
        linear_weight=float(fitted.linear_weight),
        baseline=float(np.ravel(model._baseline_prediction)[0]),
        roots=roots,
        feature=feature,
        split=split,
        left=left,
        right=right,
        value=value,
        depth=depth,
        threshold=0.5,
        confident_threshold=0.9,
        meta=meta or {},
    )


def fit_scorer(features: np.ndarray, labels: np.ndarray, **params: Any) -> Scorer:
    return export_model(fit_model(features, labels, **params))
