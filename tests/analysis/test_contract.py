"""The Report JSON contract from DESIGN.md, and bad input handled with clear errors."""

from __future__ import annotations

import pytest

from netra.analysis import AnalysisError

KEYS = {"id", "verdict", "risk_score", "findings", "redacted_text", "engine_version"}
FINDING_KEYS = {"category", "entity", "severity", "confidence", "start", "end", "text",
                "message", "rules", "suggestion", "detector"}  # fmt: skip


def test_report_has_exactly_the_contract_keys(engine):
    report = engine.analyze("Selamat pagi, layanan KTP buka pukul 08.00 WIB.").to_dict()
    assert set(report) == KEYS
    assert report["verdict"] in {"safe", "review", "high_risk"}
    assert 0 <= report["risk_score"] <= 100
    for f in report["findings"]:
        assert set(f) == FINDING_KEYS


@pytest.mark.parametrize(
    ("text", "code"),
    [("", "empty_text"), ("   \n\t ", "empty_text"), ("a" * 50_001, "text_too_long"),
     (None, "invalid_text"), (123, "invalid_text")],
)  # fmt: skip
def test_bad_input_gives_a_clear_error(engine, text, code):
    with pytest.raises(AnalysisError) as info:
        engine.analyze(text)
    assert info.value.code == code
    assert info.value.message  # Indonesian text for people


def test_invalid_context_is_a_clear_error(engine):
    with pytest.raises(AnalysisError) as info:
        engine.analyze("halo", {"account": "pribadi"})
    assert info.value.code == "invalid_context"


def test_only_emoji_and_control_characters_are_fine(engine):
    report = engine.analyze("😀😀🙏\x00\x07")
    assert report.verdict == "safe"
    assert report.redacted_text == "😀😀🙏\x00\x07"


def test_batch_keeps_order_and_reports_bad_items(engine):
    items = ["halo", {"id": "b", "text": ""}, {"id": "c", "text": "selamat pagi"}]
    out = list(engine.analyze_batch(items, errors="return"))
    assert out[0].verdict == "safe"
    assert isinstance(out[1], AnalysisError) and out[1].id == "b"
    assert out[2].id == "c"


@pytest.mark.parametrize(
    ("posted_at", "day"),
    [
        ("2024-02-10T18:30:00Z", "2024-02-11"),  # an archive's UTC stamp, 01.30 WIB next day
        ("2024-02-10T18:30:00+00:00", "2024-02-11"),
        ("2024-02-10T23:30:00+08:00", "2024-02-10"),  # WITA keeps its own day
        ("2024-02-10T23:30:00", "2024-02-10"),  # naive: as written
        ("2024-02-10", "2024-02-10"),
    ],
)
def test_election_day_of_a_post_is_counted_in_indonesian_time(posted_at, day):
    from netra.analysis.context import coerce_context

    assert str(coerce_context({"posted_at": posted_at}).posted_on) == day
