"""`netra evaluate --dataset NAME` for the shipped classifiers: `DATASETS[NAME]()`.

Each entry scores the rows its model never saw — our stratified, seeded 20% of the Ibrohim and
Netifier data, or the official IndoNLU `valid` split (models are tuned on a split of `train`) —
through the runtime path (`Document` → features → shipped artifact, with the configured
thresholds), prints precision, recall and F1 per label next to the published figure it compares
with, and the speed in posts per second. Pass `path=` to score another file in the same format
(for example the part of a corpus the project kept back): then every row of it is scored.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

#: Published figures each evaluation is compared with (see docs/benchmarks.md, "Classifiers").
PUBLISHED: dict[str, dict[str, str]] = {
    "ibrohim": {
        "source": "Ibrohim & Budi 2019 (ALW3), best system: random forest + label power-set, "
        "word unigrams",
        "figure": "multi-label accuracy 77.36% (HS + Abusive); 66.12% (all labels incl. target, "
        "category, level)",
        "metric": "example_accuracy",
    },
    "netifier": {
        "source": "Netifier (Izzan et al.): no peer-reviewed figure on this split",
        "figure": "—",
        "metric": "",
    },
    "smsa": {
        "source": "Wilie et al. 2020 (IndoNLU), macro-F1 on the masked test split",
        "figure": "best fine-tuned transformers ≈ 0.92–0.93; see docs/benchmarks.md",
        "metric": "macro_f1",
    },
    "emot": {
        "source": "Wilie et al. 2020 (IndoNLU), macro-F1 on the masked test split",
        "figure": "best fine-tuned transformers ≈ 0.78–0.79; see docs/benchmarks.md",
        "metric": "macro_f1",
    },
}

MODEL_FOR = {
    "ibrohim": "hate_abuse",
    "netifier": "toxicity",
    "smsa": "sentiment",
    "emot": "emotion",
}


@dataclass(slots=True)
class Evaluation:
    dataset: str
    model: str
    rows: int
    split: str
    report: dict[str, Any]
    seconds: float  # model time only (features + scoring), normalisation excluded
    seconds_total: float  # including building each Document (normalisation)

    @property
    def posts_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else float("inf")

    @property
    def posts_per_second_total(self) -> float:
        return self.rows / self.seconds_total if self.seconds_total else float("inf")

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "model": self.model,
            "rows": self.rows,
            "split": self.split,
            "metrics": self.report,
            "posts_per_second": round(self.posts_per_second, 1),
            "posts_per_second_with_normalisation": round(self.posts_per_second_total, 1),
            "published": PUBLISHED[self.dataset],
        }


def _rows(dataset: str, path: Path | None) -> tuple[list[str], np.ndarray, str]:
    """Texts and labels to score, and a description of the split."""
    from netra.training import splits
    from netra.training.data import LOADERS
    from netra.training.recipes import RECIPES

    loader = LOADERS[dataset]
    recipe = RECIPES[MODEL_FOR[dataset]]
    if path is not None:
        ds = loader(path=path) if recipe.evaluation == "official" else loader(path)
        return ds.texts, ds.y, f"all rows of {path}"
    if recipe.evaluation == "official":
        ds = loader("valid")
        return ds.texts, ds.y, "official valid split (not used for tuning)"
    ds = loader()
    _, test = splits.holdout(ds, columns=recipe.strata_columns)
    sub = ds.subset(test)
    return sub.texts, sub.y, f"held-out 20% (stratified, seed {splits.SEED})"


def evaluate(dataset: str, path: Path | None = None) -> Evaluation:
    """Score the evaluation rows of `dataset` with its shipped model."""
    from netra.analysis.classifiers import load_model, thresholds
    from netra.analysis.document import Document
    from netra.analysis.normalize import default_normalizer
    from netra.training import metrics

    name = MODEL_FOR[dataset]
    model = load_model(name)
    limits = thresholds(name) if model.multilabel else {}
    texts, Y, split = _rows(dataset, path)
    normalizer = default_normalizer()
    docs = []
    t0 = time.perf_counter()
    for t in texts:
        doc = Document(t, normalizer)
        _ = doc.tokens  # normalise now, so the model timing below excludes it
        docs.append(doc)
    t1 = time.perf_counter()
    P = np.vstack([model.score_document(doc)[1] for doc in docs])
    t2 = time.perf_counter()
    if model.multilabel:
        report = metrics.multilabel_report(Y, P, model.labels, limits)
        if dataset == "ibrohim":
            report["example_accuracy_hs_abusive"] = metrics.example_accuracy(
                Y[:, :2], report["_pred"][:, :2]
            )
            report["example_accuracy_all_labels"] = metrics.example_accuracy(Y, report["_pred"])
        report = metrics.public(report)
    else:
        report = metrics.multiclass_report(Y.argmax(axis=1), P, model.labels)
    return Evaluation(dataset, name, len(texts), split, report, t2 - t1, t2 - t0)


def show(result: Evaluation) -> None:
    """Print the evaluation as tables (Indonesian headings)."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    r = result.report
    table = Table(
        title=f"{result.dataset} → model {result.model}: {result.rows} baris, {result.split}"
    )
    for col in ("label", "presisi", "recall", "F1", "dukungan"):
        table.add_column(col, justify="right" if col != "label" else "left")
    for label, m in r["labels"].items():
        table.add_row(
            label,
            f"{m['precision']:.3f}",
            f"{m['recall']:.3f}",
            f"{m['f1']:.3f}",
            str(m["support"]),
        )
    console.print(table)
    line = f"macro-F1 {r['macro_f1']:.3f}"
    if "accuracy" in r:
        line += f", akurasi {r['accuracy']:.3f}"
    if "example_accuracy_hs_abusive" in r:
        line += (
            "; akurasi multi-label (definisi Ibrohim & Budi): HS+Abusive "
            f"{r['example_accuracy_hs_abusive']:.3f}, "
            f"semua label {r['example_accuracy_all_labels']:.3f}"
        )
    console.print(line)
    pub = PUBLISHED[result.dataset]
    console.print(f"Pembanding terbit: {pub['source']}: {pub['figure']}")
    console.print(
        f"Kecepatan: {result.posts_per_second:,.0f} unggahan/detik (model saja), "
        f"{result.posts_per_second_total:,.0f} unggahan/detik termasuk normalisasi."
    )


def _runner(dataset: str) -> Callable[..., dict[str, Any]]:
    def run(path: Path | None = None, *, quiet: bool = False) -> dict[str, Any]:
        result = evaluate(dataset, path)
        if not quiet:
            show(result)
        return result.to_dict()

    run.__name__ = f"evaluate_{dataset}"
    run.__doc__ = f"Evaluate the shipped model on {dataset} (prints a table, returns the metrics)."
    return run


#: `netra evaluate --dataset NAME` dispatches here: name → callable printing and returning metrics.
DATASETS: dict[str, Callable[..., dict[str, Any]]] = {name: _runner(name) for name in MODEL_FOR}
