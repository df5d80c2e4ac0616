"""`netra evaluate --dataset NAME` for the classifiers: rows training never saw, honestly scored."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from netra.analysis.classifiers import load_model
from netra.models.evaluate import DATASETS, MODEL_FOR, PUBLISHED, evaluate
from netra.training.data import DATA_DIR


def test_every_dataset_has_an_evaluation_and_a_published_comparison() -> None:
    assert set(DATASETS) == {"ibrohim", "netifier", "smsa", "emot"}
    assert set(PUBLISHED) == set(DATASETS)
    assert all(callable(run) for run in DATASETS.values())


def test_runtime_evaluation_reproduces_the_figures_recorded_at_training() -> None:
    # The evaluation goes Document -> features -> artifact; training scored a sparse matrix.
    # Both must give the same precision/recall/F1 on the same held-out rows.
    result = evaluate("netifier")
    recorded = load_model(MODEL_FOR["netifier"]).meta["metrics"]["test"]
    assert result.rows == recorded["n"]
    for label, m in recorded["labels"].items():
        got = result.report["labels"][label]
        assert got["support"] == m["support"]
        assert got["f1"] == pytest.approx(m["f1"], abs=1e-4)
    assert result.posts_per_second > 0


def test_an_external_file_in_the_published_format_is_scored_whole(tmp_path: Path) -> None:
    src = DATA_DIR / "ibrohim2019" / "train.csv"
    target = tmp_path / "kept_back.csv"
    with (
        open(src, encoding="utf-8", newline="") as fh,
        open(target, "w", encoding="utf-8", newline="") as out,
    ):
        reader = csv.reader(fh)
        writer = csv.writer(out)
        for i, row in enumerate(reader):
            writer.writerow(row)
            if i == 40:
                break
    printed = DATASETS["ibrohim"](target, quiet=True)
    assert printed["rows"] <= 40 and printed["split"].startswith("all rows of")
    assert set(printed["metrics"]["labels"]) >= {"HS", "Abusive"}
    assert "example_accuracy_hs_abusive" in printed["metrics"]
