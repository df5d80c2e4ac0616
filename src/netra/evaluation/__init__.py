"""Accuracy evaluation of the analysis engine on Netra's own labelled development set.

`dataset` loads and checks tests/data/devset.jsonl, `metrics` holds the pure scoring functions,
`runner` runs the engine over the items and assembles an `EvaluationResult`, `targets` holds the
figures the issue asks for, and `render` prints the result for people (Indonesian headings).
"""

from __future__ import annotations

from netra.evaluation.dataset import DatasetError, DevItem, GoldSpan, default_path, load_items
from netra.evaluation.runner import EvaluationResult, evaluate

__all__ = [
    "DatasetError",
    "DevItem",
    "EvaluationResult",
    "GoldSpan",
    "default_path",
    "evaluate",
    "load_items",
]
