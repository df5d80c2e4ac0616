"""Training the triage model from the labelled set's `train` part, deterministically.

`train()` fits the vocabulary (features seen in at least two messages; lexicon, emoji and
shape marks always kept), then three logistic-regression heads: intent (6 classes), topic
(12) and urgency-high (binary). With `tune=True` it first picks the regularisation strength C
and the urgency threshold by 5-fold cross-validation on the training part (folds seeded; every
fold refits its own vocabulary), so no figure is read off the evaluation part. The same data
and code give the same artifact: no clock, no unseeded randomness, a sorted vocabulary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

from netra.inbox import urgency as urgency_rules
from netra.inbox.dataset import LabelledMessage, fingerprint
from netra.inbox.features import BLOCKS, TextView, view
from netra.inbox.lexicons import INTENTS, Lexicons, get_lexicons
from netra.inbox.model import Head, TriageModel, Vectorizer

SEED = 20261126
MIN_DF = 2
C_GRID = (3.0, 10.0, 30.0)
THRESHOLD_GRID = tuple(round(0.60 - 0.05 * i, 2) for i in range(10))  # 0.60 … 0.15
DEFAULT_C = 10.0
DEFAULT_THRESHOLD = 0.35
FOLDS = 5
MISS_COST = 10  # one missed emergency weighs as much as ten false alarms


@dataclass
class TrainReport:
    """What training decided and the cross-validated figures on the training part."""

    n_rows: int
    c: float
    threshold: float
    cv: dict[str, Any]


def fit_vectorizer(views: Sequence[TextView], min_df: int = MIN_DF) -> Vectorizer:
    n = len(views)
    vocab: dict[str, dict[str, int]] = {}
    idf: dict[str, np.ndarray] = {}
    for name, extract in BLOCKS:
        df: Counter[str] = Counter()
        for v in views:
            df.update(set(extract(v)))
        kept = sorted(f for f, c in df.items() if c >= min_df or _is_mark(f))
        vocab[name] = {f: i for i, f in enumerate(kept)}
        idf[name] = np.array([np.log((1 + n) / (1 + df[f])) + 1.0 for f in kept])
    return Vectorizer(vocab, idf)


def _is_mark(feature: str) -> bool:
    return feature.startswith(("cue:", "topic:", "intent:", "shape:", "emo:"))


def matrix(vectorizer: Vectorizer, views: Sequence[TextView]) -> sparse.csr_matrix:
    rows, cols, vals = [], [], []
    for i, v in enumerate(views):
        c, x = vectorizer.transform_one(v)
        rows.extend([i] * len(c))
        cols.extend(c.tolist())
        vals.extend(x.tolist())
    shape = (len(views), vectorizer.n_features)
    return sparse.csr_matrix((vals, (rows, cols)), shape=shape, dtype=np.float64)


def fit_head(
    name: str, X: sparse.csr_matrix, y: Sequence[str], c: float, labels: Sequence[str] | None = None
) -> Head:
    from sklearn.linear_model import LogisticRegression

    classes = tuple(labels) if labels else tuple(sorted(set(y)))
    # newton-cg: exact, deterministic and (here) ten times faster than lbfgs
    clf = LogisticRegression(
        C=c, class_weight="balanced", solver="newton-cg", max_iter=500, tol=1e-6
    )
    clf.fit(X, list(y))
    order = [list(clf.classes_).index(label) for label in classes if label in clf.classes_]
    if len(clf.classes_) == 2:
        # binary: one row of coefficients scoring the second (sorted) class
        return Head(name, tuple(clf.classes_), clf.coef_.copy(), clf.intercept_.copy())
    return Head(
        name, tuple(clf.classes_[order]), clf.coef_[order].copy(), clf.intercept_[order].copy()
    )


def _high_label(row: LabelledMessage) -> str:
    return "high" if row.urgency == "high" else "other"


def fit(
    rows: Sequence[LabelledMessage],
    views: Sequence[TextView],
    c: float,
    threshold: float,
    extra_meta: dict[str, Any] | None = None,
) -> TriageModel:
    vectorizer = fit_vectorizer(views)
    X = matrix(vectorizer, views)
    heads = {
        "intent": fit_head("intent", X, [r.intent for r in rows], c),
        "topic": fit_head("topic", X, [r.topic for r in rows], c),
        "urgency": fit_head("urgency", X, [_high_label(r) for r in rows], c),
    }
    meta = {
        "name": "inbox-triage",
        "trained_on": {
            "file": "data/inbox/messages.jsonl",
            "split": "train",
            "rows": len(rows),
            "sha256": fingerprint(list(rows)),
        },
        "features": {
            "word": "unigram+bigram+marks",
            "char": "2-5 in words",
            "min_df": MIN_DF,
            "lexicons": get_lexicons().fingerprint,
        },
        "c": c,
        "thresholds": {"high": threshold},
    }
    meta.update(extra_meta or {})
    return TriageModel(vectorizer, heads, meta)


def _folds(rows: Sequence[LabelledMessage]) -> list[tuple[list[int], list[int]]]:
    from sklearn.model_selection import StratifiedKFold

    splitter = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    y = [r.intent for r in rows]
    return [(list(a), list(b)) for a, b in splitter.split(np.zeros(len(rows)), y)]


def cross_validate(
    rows: Sequence[LabelledMessage], views: Sequence[TextView], lexicons: Lexicons
) -> tuple[float, float, dict[str, Any]]:
    """Pick C (intent accuracy), then the urgency threshold (fewest missed emergencies, a miss
    weighing ten false alarms), from out-of-fold predictions on the training part only."""
    folds = _folds(rows)
    best: tuple[float, float, list[dict[str, dict[str, float]]]] | None = None
    per_c: dict[str, float] = {}
    for c in C_GRID:
        oof: list[dict[str, dict[str, float]]] = [{} for _ in rows]
        for train_idx, test_idx in folds:
            model = fit([rows[i] for i in train_idx], [views[i] for i in train_idx], c, 0.5)
            for i in test_idx:
                oof[i] = model.predict(views[i])
        acc = float(
            np.mean([_argmax(o["intent"]) == r.intent for o, r in zip(oof, rows, strict=True)])
        )
        per_c[str(c)] = round(acc, 4)
        if best is None or acc > best[1] + 1e-9:
            best = (c, acc, oof)
    assert best is not None
    c, _, oof = best
    table = [{"threshold": t, **_figures(rows, views, oof, t, lexicons)} for t in THRESHOLD_GRID]
    emergencies = sum(r.intent == "emergency" for r in rows)
    for row in table:
        misses = round((1 - row["emergency_recall"]) * emergencies)
        row["cost"] = MISS_COST * misses + row["false_alarms"]
    # A missed emergency costs MISS_COST false alarms; ties go to the more sensitive threshold.
    final = min(table, key=lambda r: (r["cost"], r["threshold"]))
    return (
        c,
        final["threshold"],
        {
            "intent_accuracy_by_c": per_c,
            "threshold_search": table,
            "miss_cost": MISS_COST,
            "intent_accuracy": final["intent_accuracy"],
            "emergency_recall": final["emergency_recall"],
            "false_alarms": final["false_alarms"],
        },
    )


def _figures(rows, views, oof, threshold, lexicons) -> dict[str, Any]:
    """Intent accuracy (after the emergency check), emergency recall and false alarms."""
    hits = total = false_alarms = correct = 0
    for row, v, o in zip(rows, views, oof, strict=True):
        res = urgency_rules.resolve(
            o["intent"], o["urgency"].get("high", 0.0), v.cues, threshold, lexicons
        )
        correct += res.intent == row.intent
        if row.intent == "emergency":
            total += 1
            hits += res.urgency == "high"
        elif res.urgency == "high" and row.urgency != "high":
            false_alarms += 1
    return {
        "intent_accuracy": round(correct / len(rows), 4),
        "emergency_recall": round(hits / total, 4) if total else 1.0,
        "false_alarms": false_alarms,
    }


def _argmax(probs: dict[str, float]) -> str:
    return max(sorted(probs), key=lambda k: probs[k])


def train(
    rows: Sequence[LabelledMessage],
    *,
    tune: bool = True,
    c: float | None = None,
    threshold: float | None = None,
) -> tuple[TriageModel, TrainReport]:
    """Fit the shipped model on `rows` (the `train` part). Without tuning, C and the threshold
    come from the arguments (e.g. the shipped model's, to check it can be rebuilt)."""
    if any(r.split != "train" for r in rows):
        raise ValueError("training must never read the evaluation part")
    lexicons = get_lexicons()
    views = [view(r.text, lexicons) for r in rows]
    cv: dict[str, Any] = {}
    if tune:
        c, threshold, cv = cross_validate(rows, views, lexicons)
    c = DEFAULT_C if c is None else c
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    counts = Counter(r.intent for r in rows)
    model = fit(
        rows,
        views,
        c,
        threshold,
        {"cross_validation": cv, "intent_counts": {k: counts[k] for k in INTENTS}},
    )
    return model, TrainReport(len(rows), c, threshold, cv)
