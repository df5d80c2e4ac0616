"""Importing regional (Pilkada) candidates from CSV into a lexicon the engine loads."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from netra.analysis import Engine
from netra.rules.candidates import (
    LEXICON_NAME,
    CandidateImportError,
    import_candidates,
    lexicon_path,
    read_rows,
)
from netra.rules.loader import RULES_DIR, load_rulebook

SAMPLE = RULES_DIR / "samples" / "pilkada_2024_gubernur.csv"

GOOD = (
    "region,position,number,candidate,running_mate,nicknames,hashtags,slogans,parties\n"
    "Kabupaten Sukamaju,bupati,1,Wahyu Pratama,Dedi Kurniawan,Wahyu-Dedi;WADE,#WadeBisa,"
    "Sukamaju Melesat,Partai Perindo;PKB\n"
    "Kabupaten Sukamaju,bupati,2,Ratna Sari Dewi,Bambang Irawan,Ratna-Bambang,,,PDI Perjuangan\n"
)

BAD = """region,position,number,candidate,running_mate
Kabupaten Sukamaju,camat,1,Budi Santoso,Agus
Kabupaten Sukamaju,bupati,dua,Ani Lestari,Rudi
Kabupaten Sukamaju,bupati,1,,Rudi
Kabupaten Sukamaju,bupati,3,Rina Marlina,Joko
Kabupaten Sukamaju,bupati,3,Yusuf Maulana,Hadi
"""

ELECTION = "Pilkada Sukamaju 2024"


def write(tmp_path: Path, text: str, name: str = "pasangan.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_good_file_writes_a_lexicon_the_loader_accepts(tmp_path):
    rules_dir = tmp_path / "rules"
    report = import_candidates(write(tmp_path, GOOD), ELECTION, rules_dir=rules_dir)
    assert report.path == lexicon_path(rules_dir, ELECTION)
    assert report.path.name == "political_candidates_pilkada_sukamaju_2024.yaml"
    assert [row.number for row in report.imported] == [1, 2]
    book = load_rulebook([rules_dir])
    labels = {e.label for e in book.lexicons[LEXICON_NAME].all_entries()}
    assert any("Wahyu Pratama–Dedi Kurniawan" in label for label in labels)
    # the short all-capitals nickname is only matched in capitals ("wade" is an English word)
    data = yaml.safe_load(report.path.read_text(encoding="utf-8"))
    upper = [e for e in data["entries"] if e.get("case") == "upper"]
    assert any("WADE" in e["terms"] for e in upper)


def test_engine_picks_up_imported_candidates(tmp_path):
    text = "Ayo dukung Wahyu Pratama!"  # no election word: an unknown name is not enough
    before = Engine(rules_dirs=[tmp_path / "rules"], detectors=["political_neutrality"])
    assert not before.analyze(text).findings
    import_candidates(write(tmp_path, GOOD), ELECTION, rules_dir=tmp_path / "rules")
    after = Engine(rules_dirs=[tmp_path / "rules"], detectors=["political_neutrality"])
    (finding,) = after.analyze(text).findings
    assert finding.text == "dukung Wahyu Pratama"
    assert "calon bupati Kabupaten Sukamaju nomor urut 1" in finding.message
    # imported hashtags count as campaign hashtags
    tag = after.analyze("Gaspol! #WadeBisa").findings
    assert [f.rule_id for f in tag] == ["PN-HASHTAG-01"]


def test_process_engine_reads_the_agency_directory_after_reset(tmp_path, monkeypatch):
    from netra.analysis import analyze, reset_engine
    from netra.config import get_settings

    monkeypatch.setenv("NETRA_DATA_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    reset_engine()
    try:
        import_candidates(write(tmp_path, GOOD), ELECTION)  # default: the agency rules dir
        assert (tmp_path / "var" / "rules" / "lexicons").is_dir()
        reset_engine()
        report = analyze("coblos Ratna-Bambang ya!")
        assert any("Ratna Sari Dewi" in f.message for f in report.findings)
    finally:
        get_settings.cache_clear()
        reset_engine()


def test_reimport_replaces_the_file(tmp_path):
    rules_dir = tmp_path / "rules"
    first = import_candidates(write(tmp_path, GOOD), ELECTION, rules_dir=rules_dir)
    content = first.path.read_text(encoding="utf-8")
    again = import_candidates(write(tmp_path, GOOD), ELECTION, rules_dir=rules_dir)
    assert again.path == first.path
    assert again.path.read_text(encoding="utf-8") == content
    one_pair = GOOD.splitlines()[0] + "\n" + GOOD.splitlines()[2] + "\n"
    third = import_candidates(write(tmp_path, one_pair), ELECTION, rules_dir=rules_dir)
    book = load_rulebook([rules_dir])
    numbers = {
        e.attrs["number"]
        for e in book.lexicons[LEXICON_NAME].all_entries()
        if e.attrs.get("election") == ELECTION
    }
    assert numbers == {2}
    assert list((rules_dir / "lexicons").glob("*.yaml")) == [third.path]


def test_bad_rows_are_reported_with_row_numbers_and_nothing_is_written(tmp_path):
    rules_dir = tmp_path / "rules"
    with pytest.raises(CandidateImportError) as err:
        import_candidates(write(tmp_path, BAD), ELECTION, rules_dir=rules_dir)
    problems = "\n".join(err.value.problems)
    assert "Baris 2: jabatan 'camat' tidak dikenal" in problems
    assert "Baris 3: nomor urut harus angka" in problems
    assert "Baris 4: nama calon (candidate) kosong" in problems
    assert "Baris 6: nomor urut 3 untuk bupati Kabupaten Sukamaju sudah dipakai di baris 5" in (
        problems
    )
    assert "Baris 5" not in problems.replace("di baris 5", "")
    assert not rules_dir.exists()


def test_skip_invalid_imports_the_valid_rows(tmp_path):
    report = import_candidates(
        write(tmp_path, BAD), ELECTION, rules_dir=tmp_path / "rules", skip_invalid=True
    )
    assert [row.candidate for row in report.imported] == ["Rina Marlina"]
    assert len(report.rejected) == 4
    assert report.path is not None and report.path.exists()


@pytest.mark.parametrize(
    ("content", "encoding", "expected"),
    [
        ("", "utf-8", "Berkas kosong"),
        ("nama,nomor\nBudi,1\n", "utf-8", "Kolom wajib tidak ada"),
        (
            "region,position,number,candidate\nBanten,gubernur,1,Airin Rachmi Diany\n",
            "utf-16",
            "UTF-8",
        ),
    ],
)
def test_unusable_files_get_one_clear_message(tmp_path, content, encoding, expected):
    with pytest.raises(CandidateImportError) as err:
        import_candidates(write(tmp_path, content, encoding=encoding), ELECTION,
                          rules_dir=tmp_path / "rules")  # fmt: skip
    assert expected in err.value.problems[0]


def test_missing_file(tmp_path):
    with pytest.raises(CandidateImportError) as err:
        import_candidates(tmp_path / "tidak-ada.csv", ELECTION, rules_dir=tmp_path / "rules")
    assert "tidak ditemukan" in err.value.problems[0]


def test_indonesian_headers_and_byte_order_mark(tmp_path):
    text = (
        "\ufeffwilayah,jabatan,nomor_urut,calon,wakil\nKota Baru,wali kota,1,Hendra Gunawan,Siti\n"
    )
    rows, problems = read_rows(write(tmp_path, text))
    assert problems == []
    assert (rows[0].region, rows[0].position, rows[0].number) == ("Kota Baru", "walikota", 1)


def test_everyday_word_names_are_marked_ambiguous(tmp_path):
    text = (
        "region,position,number,candidate,candidate_nicknames\n"
        "Kab. Contoh,bupati,1,Agus Salim,Mantap\n"
    )
    report = import_candidates(write(tmp_path, text), ELECTION, rules_dir=tmp_path / "rules")
    assert any("'Mantap' juga kata sehari-hari" in w for w in report.warnings)
    data = yaml.safe_load(report.path.read_text(encoding="utf-8"))
    assert any(e["attrs"].get("ambiguous") and "Mantap" in e["terms"] for e in data["entries"])


def test_shipped_sample_is_the_import_of_the_sample_csv():
    rows, problems = read_rows(SAMPLE)
    assert problems == [] and len(rows) == 11
    shipped = yaml.safe_load(lexicon_path(RULES_DIR, "Pilgub 2024").read_text(encoding="utf-8"))
    numbers = {(e["attrs"]["region"], e["attrs"]["number"]) for e in shipped["entries"]}
    assert numbers == {(r.region, r.number) for r in rows}


def test_cli_reports_rows_and_exit_codes(tmp_path, monkeypatch):
    from netra.cli import app
    from netra.config import get_settings

    monkeypatch.setenv("NETRA_DATA_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        ok = runner.invoke(app, ["rules", "import-candidates", str(write(tmp_path, GOOD)),
                                 "--election", ELECTION])  # fmt: skip
        assert ok.exit_code == 0, ok.output
        assert "2 pasangan calon" in ok.output
        bad = runner.invoke(app, ["rules", "import-candidates", str(write(tmp_path, BAD, "b.csv"))])
        assert bad.exit_code == 1
        assert "Baris 2" in bad.output and "Traceback" not in bad.output
    finally:
        get_settings.cache_clear()
        from netra.analysis import reset_engine

        reset_engine()
