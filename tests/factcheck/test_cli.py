"""`netra factcheck …` end to end through Typer, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from netra.cli import app
from netra.config import get_settings
from netra.storage.db import make_engine
from netra.storage.migrate import upgrade

runner = CliRunner()


@pytest.fixture
def cli_db(db_url, monkeypatch):
    monkeypatch.setenv("NETRA_DATABASE_URL", db_url)
    monkeypatch.setenv("NETRA_USER", "analis-uji")
    get_settings.cache_clear()
    engine = make_engine(db_url)
    upgrade(engine)
    engine.dispose()
    yield db_url
    get_settings.cache_clear()


def invoke(*args, input=None):
    return runner.invoke(app, ["factcheck", *args], input=input, env={"COLUMNS": "250"})


CSV = (
    "id,claim,verdict,source_url,published_at\n"
    "c1,Parasetamol P-500 mengandung virus Machupo,HOAX,https://cekfakta.com/1,2 Jan 2024\n"
    "c2,Gempa 8.7 akan mengguncang Jakarta besok,Disinformasi,https://x.id/2,02/01/2024\n"
    "c3,Klaim tanpa vonis,,https://x.id/3,2024-01-02\n"
)


def test_import_prints_the_report_and_rejections(cli_db, tmp_path):
    path = tmp_path / "kb.csv"
    path.write_text(CSV, encoding="utf-8")
    result = invoke("import", str(path), "--laporan", str(tmp_path / "r.json"))
    assert result.exit_code == 0, result.output
    assert "Diterima (baru)" in result.output and "verdict kosong" in result.output
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert (report["added"], len(report["rejected"])) == (2, 1)
    again = invoke("import", str(path))
    assert again.exit_code == 0
    assert "Tidak berubah" in again.output


def test_import_of_a_bad_file_exits_2_with_an_indonesian_reason(cli_db, tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(CSV.replace("Machupo", "Machupo café").encode("cp1252"))
    result = invoke("import", str(path))
    assert result.exit_code == 2
    assert "bukan UTF-8" in result.output and "Tidak ada data yang diubah" in result.output
    missing = invoke("import", str(tmp_path / "tidak-ada.csv"))
    assert missing.exit_code == 2 and "tidak bisa dibaca" in missing.output


def test_commands_before_migration_say_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("NETRA_DATABASE_URL", f"sqlite:///{tmp_path / 'kosong.db'}")
    get_settings.cache_clear()
    try:
        result = invoke("search", "vaksin")
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2 and "netra db upgrade" in result.output


def test_match_jsonl_reports_bad_lines_and_goes_on(cli_db):
    assert invoke("seed").exit_code == 0
    lines = "\n".join(
        [
            json.dumps({"id": 1, "text": "awas obat panas P/500 yg putih mengkilap ada machupo"}),
            "{ini bukan json",
            json.dumps({"id": "b", "teks": "kolom salah"}),
            json.dumps({"id": "c", "text": 42}),
            json.dumps({"id": "d", "text": "Selamat Hari Guru Nasional untuk semua guru."}),
        ]
    )
    result = invoke("match", "--jsonl", "--top", "3", input=lines + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(x) for x in result.stdout.strip().splitlines()]
    assert [o.get("id") for o in out] == [1, None, "b", "c", "d"]
    first = out[0]["matches"][0]
    assert first["claim_id"] == "seed-paracetamol-machupo"
    assert set(first) == {"claim_id", "claim", "verdict", "source_url", "score"}
    assert len(out[0]["matches"]) <= 3
    assert all(o["error"]["code"] == "invalid_line" for o in out[1:4])
    assert "JSON" in out[1]["error"]["message"] and '"text"' in out[2]["error"]["message"]
    assert out[4]["matches"] == []


def test_search_prints_a_readable_table(cli_db):
    assert invoke("seed").exit_code == 0
    hit = invoke("search", "Kabarnya KTP elektronik tahun 2012 harus diaktivasi ulang di kecamatan")
    assert hit.exit_code == 0
    assert "HOAKS" in hit.output and "disdukcapil.pontianak.go.id" in hit.output
    miss = invoke("search", "Selamat Hari Guru Nasional untuk semua guru.")
    assert miss.exit_code == 0 and "Tidak ditemukan" in miss.output


def test_add_edit_retire_show_export(cli_db, tmp_path):
    add = invoke(
        "add", "--id", "kb-9", "--klaim", "=HYPERLINK(\"http://evil\") Vaksin berisi chip",
        "--vonis", "Hoax", "--url", "https://cekfakta.com/9", "--tanggal", "2 Januari 2024",
    )  # fmt: skip
    assert add.exit_code == 0, add.output
    bad = invoke("edit", "kb-9", "--set", "verdict=barangkali")
    assert bad.exit_code == 2 and "verdict tidak dikenal" in bad.output
    edit = invoke("edit", "kb-9", "--set", "verdict=disinformasi", "--alasan", "banding")
    assert edit.exit_code == 0
    assert invoke("retire", "kb-9", "--alasan", "duplikat").exit_code == 0
    show = invoke("show", "kb-9")
    assert show.exit_code == 0
    for text in ("analis-uji", "create", "update", "retire", "banding", "disinformasi"):
        assert text in show.output
    out = tmp_path / "ekspor.csv"
    assert invoke("export", str(out), "--semua").exit_code == 0
    assert "'=HYPERLINK" in out.read_text(encoding="utf-8")
    assert invoke("retire", "tidak-ada", "--alasan", "x").exit_code == 2
