"""The figures a model is judged by, computed the same way in training, evaluation and docs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from netra.training.calibration import precision_recall_f1


def multilabel_report(
    Y: np.ndarray, P: np.ndarray, labels: Sequence[str], thresholds: Mapping[str, float]
) -> dict[str, Any]:
    """Per-label precision/recall/F1 at each label's threshold, plus support."""
    out: dict[str, Any] = {"labels": {}}
    preds = np.zeros_like(Y)
    for k, label in enumerate(labels):
        t = thresholds.get(label, 0.5)
        preds[:, k] = P[:, k] >= t
        p, r, f = precision_recall_f1(Y[:, k], preds[:, k])
        out["labels"][label] = {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "support": int(Y[:, k].sum()),
            "threshold": t,
        }
    out["macro_f1"] = round(float(np.mean([v["f1"] for v in out["labels"].values()])), 4)
    out["n"] = len(Y)
    out["_pred"] = preds
    return out


def multiclass_report(y: np.ndarray, P: np.ndarray, labels: Sequence[str]) -> dict[str, Any]:
    """Per-class precision/recall/F1 of the most probable class, macro-F1 and accuracy."""
    pred = P.argmax(axis=1)
    out: dict[str, Any] = {"labels": {}}
    for k, label in enumerate(labels):
        p, r, f = precision_recall_f1((y == k).astype(int), (pred == k).astype(int))
        out["labels"][label] = {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "support": int((y == k).sum()),
        }
    out["macro_f1"] = round(float(np.mean([v["f1"] for v in out["labels"].values()])), 4)
    out["accuracy"] = round(float((pred == y).mean()), 4)
    out["n"] = len(y)
    return out


def example_accuracy(Y: np.ndarray, pred: np.ndarray) -> float:
    """Multi-label accuracy as Ibrohim & Budi report it: mean |Y ∩ Ŷ| / |Y ∪ Ŷ| per post.

    A post with no true and no predicted label counts as fully right.
    """
    inter = np.logical_and(Y == 1, pred == 1).sum(axis=1)
    union = np.logical_or(Y == 1, pred == 1).sum(axis=1)
    score = np.where(union == 0, 1.0, inter / np.maximum(union, 1))
    return round(float(score.mean()), 4)


def public(report: Mapping[str, Any]) -> dict[str, Any]:
    """The report without private helper entries (for JSON)."""
    return {k: v for k, v in report.items() if not k.startswith("_")}
