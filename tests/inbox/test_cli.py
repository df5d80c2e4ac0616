"""`netra inbox …` from the command line."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from netra.cli import app

runner = CliRunner()


def test_classify_jsonl_keeps_order_and_reports_bad_lines():
    lines = [
        json.dumps({"id": 1, "text": "TOLONG rumah tetangga kebakaran, api sudah besar!!"}),
        "bukan json",
        json.dumps({"id": "b", "text": "min syarat bikin KK apa aja?"}),
        json.dumps({"id": 3}),
        json.dumps(["daftar"]),
        json.dumps({"id": 4, "text": "x" * 20_000}),
        "",
        json.dumps({"id": 5, "text": "Makasih pak, jalannya sudah mulus 🙏"}),
    ]
    result = runner.invoke(app, ["inbox", "classify", "--jsonl"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("id") for o in out] == [1, None, "b", 3, None, 4, 5]
    assert set(out[0]) == {"id", "intent", "sentiment", "emotion", "topic", "urgency"}
    assert (out[0]["intent"], out[0]["urgency"]) == ("emergency", "high")
    assert out[1]["error"]["code"] == "invalid_line" and "JSON" in out[1]["error"]["message"]
    assert out[3]["error"]["code"] == "invalid_text"
    assert out[5]["error"]["code"] == "too_long"
    assert (out[6]["intent"], out[6]["urgency"]) == ("appreciation", "low")


def test_classify_text_explains_urgency():
    result = runner.invoke(app, ["inbox", "classify", "banjir sudah sepinggang, tolong evakuasi"])
    assert result.exit_code == 0
    assert "TINGGI" in result.stdout and "kata kunci" in result.stdout


def test_train_check_confirms_the_shipped_model():
    result = runner.invoke(app, ["inbox", "train", "--check"])
    assert result.exit_code == 0, result.output
    assert "sama" in result.stdout


def test_import_triage_escalate_export_holidays(db_url, tmp_path):
    path = tmp_path / "wa.csv"
    path.write_text(
        "id,pesan,waktu\n1,Jalan rusak di depan pasar,2026-03-02T08:00:00+07:00\n"
        "2,Syarat bikin KTP apa?,2026-03-02T09:00:00+07:00\n",
        encoding="utf-8",
    )
    db = ["--database-url", db_url]
    imported = runner.invoke(app, ["inbox", "import", str(path), "--platform", "whatsapp", *db])
    assert imported.exit_code == 0 and "disimpan: 2" in imported.stdout
    triaged = runner.invoke(app, ["inbox", "triage", *db])
    assert triaged.exit_code == 0 and "Ditriase: 2" in triaged.stdout
    escalated = runner.invoke(app, ["inbox", "escalate", "--now", "2099-01-01T00:00:00", *db])
    assert escalated.exit_code == 0 and "Dieskalasi: 4" in escalated.stdout
    out = tmp_path / "laporan.csv"
    exported = runner.invoke(
        app,
        ["inbox", "export", "--from", "2000-01-01", "--to", "2100-01-01", "--out", str(out), *db],
    )
    assert exported.exit_code == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 3
    holidays = runner.invoke(app, ["inbox", "holidays", "--year", "2026", *db])
    assert "Idul Fitri 1447 H" in holidays.stdout
    bad = runner.invoke(app, ["inbox", "escalate", "--now", "kemarin", *db])
    assert bad.exit_code == 2 and "ISO" in bad.output
