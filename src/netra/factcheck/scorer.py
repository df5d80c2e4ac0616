"""The calibrated combination: a logistic regression over the pair features, and its thresholds.

Fitted by `benchmarks/factcheck_calibrate.py` on the calibration half of the evaluation data
(never on the pairs the evaluation scores) and shipped as JSON next to this module, so the
matcher needs no pickles and the weights can be read and reviewed. `threshold` is the score from
which a claim is returned at all (chosen on out-of-fold scores for a target false-match rate on
ordinary posts); `confident_threshold` is the stricter "same claim" level the engine may treat
as high severity.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from netra.factcheck.features import FEATURE_NAMES

CALIBRATION_FILE = Path(__file__).resolve().parent / "calibration.json"


@dataclass
class Scorer:
    feature_names: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    threshold: float
    confident_threshold: float
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if tuple(self.feature_names) != FEATURE_NAMES:
            raise ValueError("calibration does not match the current features; recalibrate")
        self._mean = np.asarray(self.mean, dtype=np.float32)
        self._scale = np.asarray(self.scale, dtype=np.float32)
        self._coef = np.asarray(self.coef, dtype=np.float32)

    def score(self, features: np.ndarray) -> np.ndarray:
        """Probability that each pair is the same claim (0–1)."""
        z = ((features - self._mean) / self._scale) @ self._coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def to_json(self) -> str:
        data = {k: v for k, v in asdict(self).items() if not k.startswith("_")}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def load(cls, path: Path = CALIBRATION_FILE) -> Scorer:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(**data)


def fit_scorer(
    features: np.ndarray, labels: np.ndarray, *, c: float = 1.0, meta: dict | None = None
) -> Scorer:
    """A standardised logistic regression (thresholds set by the caller).

    Not class-balanced: with the natural ratio (one gold among ~100 candidates) the probabilities
    stay calibrated, and out-of-fold it kept more true matches above the false-match threshold
    than the balanced fit did.
    """
    from sklearn.linear_model import LogisticRegression

    mean = features.mean(axis=0)
    scale = features.std(axis=0) + 1e-6
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit((features - mean) / scale, labels)
    return Scorer(
        feature_names=list(FEATURE_NAMES),
        mean=[float(x) for x in mean],
        scale=[float(x) for x in scale],
        coef=[float(x) for x in model.coef_[0]],
        intercept=float(model.intercept_[0]),
        threshold=0.5,
        confident_threshold=0.9,
        meta=meta or {},
    )
