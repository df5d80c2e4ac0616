"""Fit the fact-check scorer on the calibration half and write src/netra/factcheck/calibration.json.

Training pairs: for every calibration post, each candidate the index retrieves, labelled 1 if it
is the post's debunk. Thresholds are chosen on out-of-fold scores (5 folds grouped by hoax
family / post), never on in-sample ones: `threshold` keeps false matches on the calibration's
ordinary posts at or under TARGET_FP; `confident_threshold` at or under TARGET_FP_CONFIDENT.
The evaluation half (benchmarks/factcheck_eval.py) is not touched here.

    .venv/bin/python benchmarks/factcheck_calibrate.py
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from factcheck_common import build_index, featurise
from factcheck_data import build

from netra.factcheck.scorer import CALIBRATION_FILE, fit_scorer

TARGET_FP = 0.01
TARGET_FP_CONFIDENT = 0.0025
FOLDS = 5
C = 1.0


def group_of(query_id: str) -> int:
    family = query_id.split("#")[0]
    return sum(family.encode()) % FOLDS


def main() -> None:
    data = build("calibration")
    index = build_index(data)
    rows = featurise(index, data.queries, "Fitur kalibrasi")
    X = np.concatenate([f for _, _, f, _ in rows])
    y = np.concatenate([(c == g).astype(int) if g is not None else np.zeros(len(c), int)
                        for _, c, _, g in rows])  # fmt: skip
    owner = np.concatenate([np.full(len(c), i) for i, (_, c, _, _) in enumerate(rows)])
    in_kb = np.concatenate([c < index.n_kb for _, c, _, _ in rows])  # background: never returned
    groups = np.array([group_of(rows[i][0].id) for i in owner])
    oof = np.zeros(len(y))
    for g in range(FOLDS):
        train = groups != g
        scorer = fit_scorer(X[train], y[train], c=C)
        oof[~train] = scorer.score(X[~train])
    best = np.full(len(rows), -1.0)
    np.maximum.at(best, owner[in_kb], oof[in_kb])
    ordinary = np.array([q.gold is None for q, _, _, _ in rows])
    threshold = float(np.quantile(best[ordinary], 1 - TARGET_FP)) + 1e-6
    confident = float(np.quantile(best[ordinary], 1 - TARGET_FP_CONFIDENT)) + 1e-6
    # out-of-fold ranking quality, for the record
    r1 = r5 = r1_thr = n = 0
    for i, (q, cand, _, gold) in enumerate(rows):
        if q.gold is None:
            continue
        n += 1
        mine = owner == i
        scores = oof[mine][in_kb[mine]]
        order = np.argsort(-scores)
        top = cand[cand < index.n_kb][order[:5]].tolist()
        r1 += bool(top[:1] == [gold])
        r5 += gold in top
        r1_thr += bool(top[:1] == [gold] and scores[order[0]] >= threshold)
    final = fit_scorer(X, y, c=C)
    final.threshold = round(threshold, 6)
    final.confident_threshold = round(max(confident, threshold), 6)
    final.meta = {
        "fitted": date.today().isoformat(),
        "data": "benchmarks/factcheck_data.py calibration split (hoax families, template "
        "official posts, IndoNLU SmSA train); evaluation split never used",
        "knowledge_base_claims": len(index),
        "posts": len(rows),
        "pairs": len(y),
        "positives": int(y.sum()),
        "target_false_match_rate": TARGET_FP,
        "target_false_match_rate_confident": TARGET_FP_CONFIDENT,
        "out_of_fold": {
            "recall_at_1": round(r1 / n, 4),
            "recall_at_5": round(r5 / n, 4),
            "recall_at_1_above_threshold": round(r1_thr / n, 4),
        },
    }
    Path(CALIBRATION_FILE).write_text(final.to_json(), encoding="utf-8")
    print(f"posts {len(rows)}  pairs {len(y)}  positives {int(y.sum())}")
    print(f"out-of-fold recall@1 {r1 / n:.3f}  recall@5 {r5 / n:.3f}  "
          f"recall@1 above threshold {r1_thr / n:.3f}")  # fmt: skip
    print(f"threshold {threshold:.4f}  confident {final.confident_threshold:.4f}")
    for name, coef in zip(final.feature_names, final.coef, strict=True):
        print(f"  {name:12s} {coef:+.3f}")
    print(f"written {CALIBRATION_FILE}")


if __name__ == "__main__":
    main()
