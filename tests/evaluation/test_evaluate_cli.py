"""`netra evaluate` on the dev set, another dataset file, and the model dataset registry."""

from __future__ import annotations

import json
import subprocess
import sys
import types

from typer.testing import CliRunner

from netra.cli import app

runner = CliRunner()


def test_json_report_on_the_dev_split_through_the_real_entry_point():
    proc = subprocess.run(
        [sys.executable, "-m", "netra", "evaluate", "--split", "dev", "--format", "json"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    data = json.loads(proc.stdout)
    assert data["split"] == "dev"
    assert data["posts"] >= 250
    assert set(data["categories"]) == {
        "political_neutrality", "misinformation", "personal_data", "confidential_information",
        "hate_speech", "abusive_language", "prohibited_content"}  # fmt: skip
    assert data["personal_data_spans"]["min_iou"] == 0.5
    assert data["official_humas_safe"]["total"] > 0
    assert data["neutral_election_info_false_alarm"]["total"] > 0
    assert data["analysis_errors"] == []


def write_jsonl(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    return path


def test_text_output_on_another_file_with_errors_listed(tmp_path):
    rows = [
        {"id": "a", "text": "Layanan KTP buka pukul 08.00 WIB.", "labels": [], "spans": [],
         "tags": ["official_humas"], "split": "dev"},
        {"id": "b", "text": "Posyandu buka Selasa.", "labels": ["misinformation"], "spans": [],
         "tags": [], "split": "holdout"},
    ]  # fmt: skip
    path = write_jsonl(tmp_path / "mini.jsonl", rows)
    result = runner.invoke(app, ["evaluate", "--data", str(path), "--list-errors"])
    assert result.exit_code == 0, result.output
    for heading in ("Per kategori", "Span data pribadi", "IoU ≥ 0,5", "Matriks vonis", "Target",
                    "Kesalahan per kategori"):  # fmt: skip
        assert heading in result.output
    assert "FN misinformasi/hoaks b" in result.output  # nobody flags that post as a hoax


def test_split_selects_items(tmp_path):
    rows = [{"id": str(i), "text": f"pos {i}", "labels": [], "spans": [], "tags": [],
             "split": "dev" if i < 3 else "holdout"} for i in range(5)]  # fmt: skip
    path = write_jsonl(tmp_path / "mini.jsonl", rows)
    result = runner.invoke(app, ["evaluate", "--data", str(path), "--split", "holdout",
                                 "--format", "json"])  # fmt: skip
    assert result.exit_code == 0
    assert json.loads(result.stdout)["posts"] == 2


def test_malformed_dataset_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "x", "labels": [], "split": "dev"}\n{oops\n', "utf-8")
    result = runner.invoke(app, ["evaluate", "--data", str(path)])
    assert result.exit_code == 2
    assert "baris 2" in result.output
    missing = runner.invoke(app, ["evaluate", "--data", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2
    assert "tidak ditemukan" in missing.output


def test_unknown_dataset_lists_the_available_ones(monkeypatch):
    fake = types.ModuleType("netra.models.evaluate")
    fake.DATASETS = {"smsa": lambda: None, "ibrohim2019": lambda: None}
    monkeypatch.setitem(sys.modules, "netra.models.evaluate", fake)
    result = runner.invoke(app, ["evaluate", "--dataset", "nosuch"])
    assert result.exit_code == 2
    assert "Dataset tidak dikenal" in result.output
    assert "dev, ibrohim2019, smsa" in result.output


def test_named_dataset_is_dispatched_with_the_options_it_accepts(monkeypatch):
    calls = []

    def smsa(split, list_errors):
        calls.append((split, list_errors))
        return {"macro_f1": 0.81}

    fake = types.ModuleType("netra.models.evaluate")
    fake.DATASETS = {"smsa": smsa}
    monkeypatch.setitem(sys.modules, "netra.models.evaluate", fake)
    result = runner.invoke(app, ["evaluate", "--dataset", "smsa", "--split", "holdout",
                                 "--list-errors", "--format", "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert calls == [("holdout", True)]
    assert json.loads(result.stdout) == {"macro_f1": 0.81}
