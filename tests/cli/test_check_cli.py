"""`netra check` through the real entry point (`python -m netra`) in a subprocess.

Exit codes are tested on posts whose verdict is fixed by an agency rule file written for the test
(`<NETRA_DATA_DIR>/rules/`), so they do not depend on how the shipped detectors judge a post.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPORT_KEYS = {"id", "verdict", "risk_score", "findings", "redacted_text", "engine_version"}
FINDING_KEYS = {"category", "entity", "severity", "confidence", "start", "end", "text",
                "message", "rules", "suggestion", "detector"}  # fmt: skip
SAFE = "Selamat pagi, layanan perekaman KTP-el buka pukul 08.00–14.00 WIB. 🙏"
# Trigger words of the test rules below; nonsense words no shipped rule will ever match.
HIGH = "Tolong sebarkan ujimerahnetra ini ya."
MEDIUM = "Catatan ujikuningnetra untuk rapat besok."
# Agency rules are added to detectors that take rules from their YAML file; the test rule fires
# as long as any one of them still does.
RULE_DETECTORS = ("misinformation", "prohibited_content", "confidential_information")

AGENCY_REGULATIONS = """\
regulations:
  - id: uji-cli
    title: Aturan uji CLI
    article: Pasal 1
    summary: Aturan buatan untuk menguji kode keluar netra check.
"""
AGENCY_RULES = """\
detector: {detector}
category: {detector}
rules:
  - id: uji-cli-merah-{detector}
    title: uji merah
    severity: high
    regulations: [uji-cli]
    message: Kata uji merah.
    match:
      all: [[ujimerahnetra]]
  - id: uji-cli-kuning-{detector}
    title: uji kuning
    severity: medium
    regulations: [uji-cli]
    message: Kata uji kuning.
    match:
      all: [[ujikuningnetra]]
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """A data directory whose agency rules make HIGH high-risk and MEDIUM review."""
    root = tmp_path_factory.mktemp("netra-data")
    rules = root / "rules"
    (rules / "detectors").mkdir(parents=True)
    (rules / "regulations.yaml").write_text(AGENCY_REGULATIONS, encoding="utf-8")
    for detector in RULE_DETECTORS:
        text = AGENCY_RULES.format(detector=detector)
        (rules / "detectors" / f"{detector}.yaml").write_text(text, encoding="utf-8")
    return root


def netra(*args: str, data_dir: Path, stdin: bytes | str | None = None, cwd: Path | None = None):
    """Run `python -m netra ARGS`; stdout and stderr are returned decoded."""
    env = {**os.environ, "NETRA_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8",
           "COLUMNS": "200", "NO_COLOR": "1"}  # fmt: skip
    if isinstance(stdin, str):
        stdin = stdin.encode("utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "netra", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True, env=env, cwd=cwd or data_dir, timeout=120, check=False,
    )  # fmt: skip
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    return proc.returncode, out, err


def check_json(text: str, data_dir: Path, *extra: str) -> tuple[int, dict]:
    code, out, _ = netra("check", "--format", "json", *extra, text, data_dir=data_dir)
    return code, json.loads(out)


def assert_contract(report: dict, text: str) -> None:
    assert set(report) == REPORT_KEYS
    assert report["verdict"] in {"safe", "review", "high_risk"}
    assert 0 <= report["risk_score"] <= 100
    for f in report["findings"]:
        assert set(f) == FINDING_KEYS
        assert 0 <= f["start"] < f["end"] <= len(text)
        assert text[f["start"] : f["end"]] == f["text"]
        assert f["severity"] in {"low", "medium", "high"}
        assert 0 <= f["confidence"] <= 1
        assert f["message"]
    severities = {f["severity"] for f in report["findings"]}
    expected = (
        "high_risk" if "high" in severities else "review" if "medium" in severities else "safe"
    )
    assert report["verdict"] == expected


@pytest.fixture(scope="module")
def verdict_of(data_dir):
    """The verdict of each fixed post, skipping the exit-code tests if the rules did not load."""
    posts = {"safe": SAFE, "review": MEDIUM, "high_risk": HIGH}
    stdin = "".join(json.dumps({"id": k, "text": t}) + "\n" for k, t in posts.items())
    _, out, _ = netra("check", "--jsonl", data_dir=data_dir, stdin=stdin)
    verdicts = {row["id"]: row.get("verdict") for row in map(json.loads, out.splitlines())}
    if verdicts["high_risk"] != "high_risk" or verdicts["review"] != "review":
        pytest.skip(
            "the agency test rules did not fire: none of the detectors "
            f"{RULE_DETECTORS} applies `match:` rules from its YAML file any more ({verdicts})"
        )
    return verdicts


# -- one post ----------------------------------------------------------------------------------
def test_human_output_of_a_safe_post_is_indonesian(data_dir):
    code, out, _ = netra("check", SAFE, data_dir=data_dir)
    assert code == 0
    assert SAFE in out
    assert "Vonis:" in out
    if "AMAN" in out:  # a shipped detector may still have something to say about it
        assert "Tidak ada temuan" in out


def test_human_output_explains_each_finding(data_dir, verdict_of):
    code, out, _ = netra("check", HIGH, data_dir=data_dir)
    assert code == 0  # no --fail-on: reporting only
    assert "Vonis: RISIKO TINGGI" in out
    assert "keparahan tinggi" in out
    assert "“ujimerahnetra”" in out
    assert "Alasan : Kata uji merah." in out
    assert "Aturan : Aturan uji CLI, Pasal 1" in out


def test_json_output_matches_the_contract(data_dir, verdict_of):
    text = f"{HIGH} {MEDIUM} NIK 3374061203870004, hubungi 0813-2844-1907 😀"
    code, report = check_json(text, data_dir)
    assert code == 0
    assert_contract(report, text)
    assert report["verdict"] == "high_risk"
    assert report["id"] is None
    found = {f["text"] for f in report["findings"]}
    assert {"ujimerahnetra", "ujikuningnetra"} <= found


def test_context_options_are_validated(data_dir):
    code, report = check_json(SAFE, data_dir, "--account", "institutional", "--channel", "x",
                              "--posted-at", "2024-02-01")  # fmt: skip
    assert code == 0
    assert_contract(report, SAFE)
    code, out, err = netra("check", "--account", "pribadi", SAFE, data_dir=data_dir)
    assert code == 2
    assert "Konteks tidak valid" in err
    assert out == ""


def test_empty_and_too_long_text_are_clear_errors(data_dir):
    code, _, err = netra("check", "   ", data_dir=data_dir)
    assert (code, "Teks kosong" in err) == (2, True)
    code, _, err = netra("check", data_dir=data_dir, stdin="a" * 50_001)
    assert (code, "terlalu panjang" in err) == (2, True)


def test_text_from_stdin_when_no_argument(data_dir, verdict_of):
    code, out, _ = netra("check", "--format", "json", data_dir=data_dir, stdin=HIGH)
    assert code == 0
    assert json.loads(out)["verdict"] == "high_risk"


# -- --file ------------------------------------------------------------------------------------
def test_file_in_utf8_with_bom_emoji_and_newlines(data_dir, tmp_path, verdict_of):
    text = "Pengumuman 🙏\nLayanan Dukcapil Sabtu: ujikuningnetra.\nTerima kasih — Humas"
    path = tmp_path / "post.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    code, out, _ = netra("check", "--file", str(path), "--format", "json", data_dir=data_dir)
    assert code == 0
    report = json.loads(out)
    assert_contract(report, text)  # the BOM is not part of the text: offsets match
    assert report["verdict"] == "review"


def test_file_with_invalid_utf8_is_a_clear_error(data_dir, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Rapat di Café Hégar".encode("latin-1"))
    code, out, err = netra("check", "--file", str(path), data_dir=data_dir)
    assert code == 2
    assert "UTF-8" in err
    assert out == ""


def test_missing_file_is_a_clear_error(data_dir, tmp_path):
    code, out, err = netra("check", "--file", str(tmp_path / "tidak-ada.txt"), data_dir=data_dir)
    assert code == 2
    assert "Berkas tidak bisa dibaca" in err
    assert out == ""


# -- --jsonl -----------------------------------------------------------------------------------
def test_jsonl_gives_one_line_per_input_line_in_order(data_dir, verdict_of):
    lines = [
        json.dumps({"id": "a", "text": SAFE}, ensure_ascii=False).encode(),
        b'{"id": "b", "text": "tidak ditutup',
        json.dumps({"id": "c", "context": {"account": "personal"}}).encode(),
        json.dumps({"id": "d", "text": ""}).encode(),
        b'{"id": "e", "text": "caf\xe9"}',
        b'["f", "bukan objek"]',
        json.dumps({"id": 7, "text": HIGH, "context": {"account": "personal"}}).encode(),
        json.dumps({"id": "h", "text": 12345}).encode(),
        json.dumps({"id": "i", "text": MEDIUM, "context": {"account": "kantor"}}).encode(),
        json.dumps({"id": "j", "text": MEDIUM}).encode() + b"\r",
    ]
    code, out, _ = netra("check", "--jsonl", data_dir=data_dir, stdin=b"\n".join(lines) + b"\n")
    assert code == 0  # no --fail-on
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == len(lines)
    ids = [row["id"] for row in rows]
    assert ids == ["a", None, "c", "d", None, None, "7", "h", "i", "j"]
    errors = {row["id"] if row["id"] else f"#{n}": row["error"]
              for n, row in enumerate(rows) if "error" in row}  # fmt: skip
    assert set(errors) == {"#1", "c", "d", "#4", "#5", "h", "i"}
    for error in errors.values():
        assert set(error) == {"code", "message"} and error["message"]
    assert errors["d"]["code"] == "empty_text"
    assert errors["h"]["code"] == "invalid_text"
    assert errors["i"]["code"] == "invalid_context"
    assert "text" in errors["c"]["message"]
    assert "UTF-8" in errors["#4"]["message"]
    assert "JSON" in errors["#1"]["message"]
    for n in (0, 6, 9):
        assert set(rows[n]) == REPORT_KEYS
    assert_contract(rows[0], SAFE)
    assert rows[6]["verdict"] == "high_risk"
    assert rows[9]["verdict"] == "review"


@pytest.mark.parametrize(
    ("texts", "fail_on", "code"),
    [([SAFE, MEDIUM], "high_risk", 0), ([MEDIUM, HIGH, SAFE], "high_risk", 1)],
)  # fmt: skip
def test_jsonl_exit_code_follows_the_worst_verdict(data_dir, verdict_of, texts, fail_on, code):
    stdin = "".join(json.dumps({"id": str(n), "text": t}) + "\n" for n, t in enumerate(texts))
    got, out, _ = netra("check", "--jsonl", "--fail-on", fail_on, data_dir=data_dir, stdin=stdin)
    assert got == code
    assert len(out.splitlines()) == len(texts)


# -- --fail-on ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("post", "fail_on", "code"),
    [("safe", "review", 0), ("review", "review", 1), ("review", "high_risk", 0),
     ("high_risk", "high_risk", 1)],
)  # fmt: skip
def test_fail_on_sets_the_exit_code(data_dir, verdict_of, post, fail_on, code):
    text = {"safe": SAFE, "review": MEDIUM, "high_risk": HIGH}[post]
    if post == "safe" and verdict_of["safe"] != "safe":
        pytest.skip(f"a shipped detector now flags the safe post ({verdict_of['safe']})")
    got, out, _ = netra("check", "--fail-on", fail_on, text, data_dir=data_dir)
    assert got == code
    assert "Vonis:" in out  # the report is still printed


def test_unknown_fail_on_value_is_rejected_without_traceback(data_dir):
    code, _, _ = netra("check", "--fail-on", "sedang", SAFE, data_dir=data_dir)
    assert code == 2
