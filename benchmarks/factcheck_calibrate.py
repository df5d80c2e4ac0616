"""Fit the fact-check scorer on the calibration half and write src/netra/factcheck/calibration.json.

Training pairs: for every calibration post, each candidate the index retrieves, labelled 1 if it
is the post's debunk. The scorer is a boosted-tree ensemble (netra.factcheck.scorer, fixed seed,
so the same data gives the same file). Thresholds are chosen on out-of-fold scores (5 folds
grouped by hoax family / post), never on in-sample ones: `threshold` keeps false matches on the
calibration's ordinary posts at or under TARGET_FP; `confident_threshold` at or under
TARGET_FP_CONFIDENT. For the record the same folds are also scored with each of the two blended
models alone (the logistic regression; the trees). The evaluation half
(benchmarks/factcheck_eval.py) is not touched here.

    .venv/bin/python benchmarks/factcheck_calibrate.py
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from factcheck_common import build_index, featurise
from factcheck_data import SPLIT_SEEDS, TRAIN_ONLY, build, noisy_copies

from netra.factcheck.scorer import (
    CALIBRATION_FILE,
    GBDT_PARAMS,
    LINEAR_WEIGHT,
    export_model,
    fit_model,
)

TARGET_FP = 0.01
NOISY_COPIES = 0
TARGET_FP_CONFIDENT = 0.0025
FOLDS = 5


def group_of(query_id: str) -> int:
    family = query_id.split("#")[0]
    return sum(family.encode()) % FOLDS


def out_of_fold(X, y, groups, fit) -> np.ndarray:
    oof = np.zeros(len(y))
    for g in range(FOLDS):
        train = groups != g
        oof[~train] = fit(X[train], y[train]).predict_proba(X[~train])[:, 1]
    return oof


def quality(rows, oof, owner, in_kb, n_kb):
    """Thresholds and recall from out-of-fold scores: (threshold, confident, r@1, r@5, r@1 thr)."""
    best = np.full(len(rows), -1.0)
    np.maximum.at(best, owner[in_kb], oof[in_kb])
    ordinary = np.array([q.gold is None for q, _, _, _ in rows])
    threshold = float(np.quantile(best[ordinary], 1 - TARGET_FP)) + 1e-6
    confident = float(np.quantile(best[ordinary], 1 - TARGET_FP_CONFIDENT)) + 1e-6
    starts = np.searchsorted(owner, np.arange(len(rows)))
    r1 = r5 = r1_thr = n = 0
    for i, (q, cand, _, gold) in enumerate(rows):
        if q.gold is None or q.kind == TRAIN_ONLY:
            continue
        n += 1
        mine = slice(starts[i], starts[i] + len(cand))
        keep = in_kb[mine]
        scores = oof[mine][keep]
        order = np.argsort(-scores)
        top = cand[keep][order[:5]].tolist()
        r1 += bool(top[:1] == [gold])
        r5 += gold in top
        r1_thr += bool(top[:1] == [gold] and scores[order[0]] >= threshold)
    return threshold, max(confident, threshold), r1 / n, r5 / n, r1_thr / n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dry-run", action="store_true", help="print, do not write the file")
    parser.add_argument(
        "--copies",
        type=int,
        default=NOISY_COPIES,
        help="further noisy versions of each variant, for training pairs only",
    )
    args = parser.parse_args()
    data = build("calibration")
    data.queries += noisy_copies("calibration", SPLIT_SEEDS["calibration"], args.copies)
    index = build_index(data)
    rows = featurise(index, data.queries, "Fitur kalibrasi")
    X = np.concatenate([f for _, _, f, _ in rows]).astype(np.float64)
    y = np.concatenate([(c == g).astype(int) if g is not None else np.zeros(len(c), int)
                        for _, c, _, g in rows])  # fmt: skip
    owner = np.concatenate([np.full(len(c), i) for i, (_, c, _, _) in enumerate(rows)])
    in_kb = np.concatenate([c < index.n_kb for _, c, _, _ in rows])  # background: never returned
    groups = np.array([group_of(rows[i][0].id) for i in owner])
    print(f"posts {len(rows)}  pairs {len(y)}  positives {int(y.sum())}")
    alone = {}
    for name, w in (("linear alone", 1.0), ("trees alone", 0.0)):
        fold_scores = out_of_fold(X, y, groups, lambda a, b, w=w: fit_model(a, b, linear_weight=w))
        alone[name] = quality(rows, fold_scores, owner, in_kb, index.n_kb)
    oof = out_of_fold(X, y, groups, fit_model)
    threshold, confident, r1, r5, r1_thr = quality(rows, oof, owner, in_kb, index.n_kb)
    blend = (threshold, confident, r1, r5, r1_thr)
    for name, (_, _, a, b, c) in (*alone.items(), (f"blend w={LINEAR_WEIGHT}", blend)):
        print(f"out-of-fold {name:16s} recall@1 {a:.3f}  recall@5 {b:.3f}  "
              f"recall@1 above threshold {c:.3f}")  # fmt: skip
    ordinary = [q for q, _, _, _ in rows if q.gold is None]
    print(f"threshold {threshold:.4f} from {len(ordinary)} ordinary posts")
    if args.dry_run:
        return
    final = export_model(fit_model(X, y))
    final.threshold = round(threshold, 6)
    final.confident_threshold = round(confident, 6)
    final.meta = {
        "fitted": date.today().isoformat(),
        "model": "blend of log-odds: standardised LogisticRegression and "
        "HistGradientBoostingClassifier (random_state=0, no early stopping)",
        "linear_weight": LINEAR_WEIGHT,
        "tree_params": GBDT_PARAMS,
        "data": "benchmarks/factcheck_data.py calibration split (hoax families, template "
        "official posts incl. factcheck_official.py, IndoNLU SmSA train); evaluation split "
        "never used",
        "knowledge_base_claims": len(index),
        "posts": len(rows),
        "pairs": len(y),
        "positives": int(y.sum()),
        "target_false_match_rate": TARGET_FP,
        "target_false_match_rate_confident": TARGET_FP_CONFIDENT,
        "out_of_fold": {
            "recall_at_1": round(r1, 4),
            "recall_at_5": round(r5, 4),
            "recall_at_1_above_threshold": round(r1_thr, 4),
        },
        **{
            f"out_of_fold_{name.replace(' ', '_')}": {
                "recall_at_1": round(q[2], 4),
                "recall_at_5": round(q[3], 4),
                "recall_at_1_above_threshold": round(q[4], 4),
            }
            for name, q in alone.items()
        },
    }
    Path(CALIBRATION_FILE).write_text(final.to_json(), encoding="utf-8")
    print(f"threshold {threshold:.4f}  confident {final.confident_threshold:.4f}  "
          f"trees {len(final.roots)}  nodes {len(final.feature)}  depth {final.depth}")  # fmt: skip
    print(f"written {CALIBRATION_FILE}")


if __name__ == "__main__":
    main()
