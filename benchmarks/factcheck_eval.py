"""Fact-check matching accuracy on the evaluation half (posts the scorer was never fitted on).

Knowledge base: every hoax family's debunk plus 5,000 generated distractor claims (many of them
near-misses on the same topics). Posts: each evaluation family's circulating versions as written,
with slang and typos, inside chain-message wrappers, and quoted in part inside someone's own
words; plus ordinary posts (template Humas posts, the project's dev-set posts tagged
official_humas, IndoNLU SmSA texts) that should match nothing.

Printed: recall@1 / recall@5 of the debunk (ranking, and counting only what `match` returns,
i.e. above the calibrated threshold), per kind; the false-match rate on ordinary posts; the same
for two baselines (plain TF-IDF cosine; e5 cosine alone), their thresholds chosen the same way on
the calibration half.

    .venv/bin/python benchmarks/factcheck_eval.py
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from factcheck_common import build_index, featurise, post_vectors
from factcheck_data import Dataset, build, embed_cached

from netra.factcheck.scorer import Scorer

TARGET_FP = 0.01


def evaluate_netra(data: Dataset) -> dict[str, dict[str, float]]:
    scorer = Scorer.load()
    index = build_index(data)
    rows = featurise(index, data.queries, "Evaluasi Netra")
    ranked = []
    for q, cand, feats, gold in rows:
        keep = cand < index.n_kb  # background sentences are never returned
        cand, scores = cand[keep], scorer.score(feats)[keep]
        order = np.argsort(-scores)
        ranked.append((q, cand[order].tolist(), scores[order], gold))
    return summarise(ranked, scorer.threshold, scorer.confident_threshold)


def summarise(ranked, threshold: float, confident: float | None = None):
    """Per kind: n, r@1, r@5 (ranking); r@1, r@5 counting only returned (>= threshold) claims."""
    acc: dict[str, list] = defaultdict(list)
    for q, order, scores, gold in ranked:
        top5 = order[:5]
        returned = [c for c, s in zip(top5, scores[:5], strict=False) if s >= threshold]
        if q.gold is None:
            conf = confident is not None and len(scores) and scores[0] >= confident
            acc[q.kind].append((len(returned) > 0, bool(conf)))
        else:
            acc[q.kind].append(
                (top5[:1] == [gold], gold in top5, returned[:1] == [gold], gold in returned)
            )
    out: dict[str, dict[str, float]] = {}
    hoax = [v for k, vs in acc.items() if not k.startswith("ordinary") for v in vs]
    for kind, values in [*sorted(acc.items()), ("ALL circulating", hoax)]:
        arr = np.array(values, dtype=float)
        if kind.startswith("ordinary"):
            out[kind] = {"n": len(arr), "false_match": arr[:, 0].mean(),
                         "false_confident": arr[:, 1].mean()}  # fmt: skip
        else:
            out[kind] = {
                "n": len(arr),
                "r1": arr[:, 0].mean(),
                "r5": arr[:, 1].mean(),
                "r1_returned": arr[:, 2].mean(),
                "r5_returned": arr[:, 3].mean(),
            }
    return out


def _threshold_on_calibration(score_fn) -> float:
    """The baseline's best-score threshold giving TARGET_FP false matches on calibration posts."""
    cal = build("calibration")
    tops = [float(np.max(s)) for q, s in score_fn(cal) if q.gold is None]
    return float(np.quantile(tops, 1 - TARGET_FP)) + 1e-9


def baseline_tfidf(data: Dataset):
    """Plain TF-IDF cosine: sklearn defaults (word unigrams, lower-cased), no normalisation."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(sublinear_tf=True)
    matrix = vec.fit_transform([t for _, t in data.claims])
    scores = (vec.transform([q.text for q in data.queries]) @ matrix.T).toarray()
    return list(zip(data.queries, scores, strict=True))


def baseline_e5(data: Dataset):
    claims = embed_cached([t for _, t in data.claims], "claim")
    posts = np.stack([v for v, _ in post_vectors(data.queries)])
    return list(zip(data.queries, posts @ claims.T, strict=True))


def evaluate_baseline(data: Dataset, score_fn) -> dict[str, dict[str, float]]:
    threshold = _threshold_on_calibration(score_fn)
    position = {cid: i for i, (cid, _) in enumerate(data.claims)}
    ranked = []
    for q, scores in score_fn(data):
        order = np.argsort(-scores)[:5]
        ranked.append((q, order.tolist(), scores[order], position.get(q.gold)))
    return summarise(ranked, threshold)


def print_table(console: Console, title: str, result: dict[str, dict[str, float]]) -> None:
    table = Table(title=title)
    for col in ("kind", "n", "recall@1", "recall@5", "r@1 returned", "r@5 returned",
                "false match", "false 'confident'"):  # fmt: skip
        table.add_column(col, justify="right" if col != "kind" else "left")
    for kind, m in result.items():
        if "r1" in m:
            table.add_row(kind, str(m["n"]), f"{m['r1']:.3f}", f"{m['r5']:.3f}",
                          f"{m['r1_returned']:.3f}", f"{m['r5_returned']:.3f}", "", "")  # fmt: skip
        else:
            table.add_row(kind, str(m["n"]), "", "", "", "", f"{m['false_match']:.3f}",
                          f"{m['false_confident']:.3f}")  # fmt: skip
    console.print(table)


def main() -> None:
    console = Console()
    data = build("evaluation")
    console.print(
        f"Knowledge base: {len(data.claims)} claims; posts: {len(data.queries)} "
        f"({sum(q.gold is not None for q in data.queries)} circulating hoaxes)"
    )
    print_table(console, "Netra (lexical + e5 + calibrated scorer)", evaluate_netra(data))
    print_table(console, "Baseline: plain TF-IDF cosine", evaluate_baseline(data, baseline_tfidf))
    print_table(console, "Baseline: e5 cosine only", evaluate_baseline(data, baseline_e5))


if __name__ == "__main__":
    main()
