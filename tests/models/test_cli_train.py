"""`netra train`: the command that rebuilds the shipped models (a quick run on a sample here)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from netra.cli import app
from netra.models.linear import LinearModel


def test_train_writes_artifact_metadata_and_card(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["train", "--model", "toxicity", "--limit", "300", "--output", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    folder = tmp_path / "toxicity"
    assert {p.name for p in folder.iterdir()} == {"model.npz", "meta.json", "MODEL_CARD.md"}
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["limit"] == 300 and meta["engine_version"] and meta["trained_on"]
    assert set(meta["thresholds"]) == {"pornografi", "sara", "radikalisme", "pencemaran_nama_baik"}
    card = (folder / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "CC BY-NC-SA 4.0" in card and "precision/recall trade-off" in card
    assert LinearModel.load(folder).labels == (
        "pornografi",
        "sara",
        "radikalisme",
        "pencemaran_nama_baik",
    )


def test_unknown_model_and_limit_on_shipped_models_are_refused() -> None:
    runner = CliRunner()
    unknown = runner.invoke(app, ["train", "--model", "tidak_ada"])
    assert unknown.exit_code == 2 and "tidak dikenal" in unknown.output
    sample_over_shipped = runner.invoke(app, ["train", "--model", "toxicity", "--limit", "100"])
    assert sample_over_shipped.exit_code == 2 and "--output" in sample_over_shipped.output
