"""`evaluate` turns engine reports into the figures; a stub engine makes the answers known."""

from __future__ import annotations

from netra.analysis.finding import Finding, Report, Severity, risk_score_for, verdict_for
from netra.evaluation.dataset import DevItem, GoldSpan
from netra.evaluation.runner import EXPECTED_FLAGGED, EXPECTED_SAFE, evaluate


def item(id, text, labels=(), spans=(), tags=()):
    return DevItem(id, text, frozenset(labels), tuple(GoldSpan(*s) for s in spans),
                   frozenset(tags), "dev")  # fmt: skip


def finding(category, start, end, text, severity=Severity.MEDIUM, entity=None):
    return Finding(category, severity, 0.9, start, end, text[start:end], "pesan", [], "stub",
                   entity=entity)  # fmt: skip


class StubEngine:
    """Answers with prepared findings per post id, like Engine.analyze_batch(errors='return')."""

    def __init__(self, findings):
        self.findings = findings

    def analyze_batch(self, items, errors="raise"):
        for it in items:
            fs = self.findings.get(it["id"], [])
            yield Report(verdict_for(fs), risk_score_for(fs), fs, it["text"], id=it["id"])


NIK_POST = "NIK 3374061203870004 a.n. Wahyu, wa 0813-2844-1907"
ITEMS = [
    item("pd", NIK_POST, ["personal_data"], [(4, 20, "nik"), (36, 50, "phone")]),
    item("pn", "coblos 02 ya", ["political_neutrality"]),
    item("nei", "cek DPT di TPS 05", tags=["neutral_election_info"]),
    item("hm1", "Samsat keliling hari ini", tags=["official_humas"]),
    item("hm2", "Posyandu buka Selasa", tags=["official_humas"]),
]


def run(findings):
    return evaluate(ITEMS, StubEngine(findings))


def test_perfect_predictions_score_one():
    result = run({
        "pd": [finding("personal_data", 4, 20, NIK_POST, entity="nik"),
               finding("personal_data", 36, 50, NIK_POST, entity="phone")],
        "pn": [finding("political_neutrality", 0, 9, "coblos 02 ya", Severity.HIGH)],
    })  # fmt: skip
    assert result.categories["personal_data"].f1 == 1.0
    assert result.categories["political_neutrality"].f1 == 1.0
    assert result.spans.overall.precision == 1.0 and result.spans.overall.recall == 1.0
    assert result.neutral_false_alarm.value == 0.0
    assert result.humas_safe.value == 1.0
    assert all(met for _, _, met in result.targets())


def test_partial_overlap_counts_but_wrong_entity_does_not():
    result = run({"pd": [finding("personal_data", 4, 18, NIK_POST, entity="nik"),  # IoU 14/16
                         finding("personal_data", 36, 50, NIK_POST, entity="nik")]})  # fmt: skip
    assert (result.spans.overall.tp, result.spans.overall.fp, result.spans.overall.fn) == (1, 1, 1)
    assert result.spans.exact.tp == 0
    assert result.spans.location_only.tp == 2
    kinds = sorted((m.kind, m.entity) for m in result.span_mistakes)
    assert kinds == [("extra", "nik"), ("missed", "phone")]


def test_entities_outside_the_scheme_are_listed_not_scored():
    result = run({"pd": [finding("personal_data", 26, 31, NIK_POST, entity="name")]})
    assert result.unscored_entities == {"name": 1}
    assert result.spans.overall.fp == 0


def test_slices_false_alarms_and_verdicts():
    result = run({
        "nei": [finding("political_neutrality", 4, 7, "cek DPT di TPS 05")],
        "hm1": [finding("abusive_language", 0, 6, "Samsat keliling hari ini", Severity.LOW)],
        "hm2": [finding("misinformation", 0, 8, "Posyandu buka Selasa", Severity.MEDIUM)],
    })  # fmt: skip
    assert (result.neutral_false_alarm.count, result.neutral_false_alarm.total) == (1, 1)
    assert (result.humas_safe.count, result.humas_safe.total) == (1, 2)  # a low finding is safe
    assert result.verdicts[EXPECTED_SAFE] == {"review": 2, "safe": 1}
    assert result.verdicts[EXPECTED_FLAGGED] == {"safe": 2}
    fps = {(m.item_id, m.category) for m in result.category_mistakes if m.kind == "fp"}
    assert ("nei", "political_neutrality") in fps
    fns = {(m.item_id, m.category) for m in result.category_mistakes if m.kind == "fn"}
    assert fns == {("pd", "personal_data"), ("pn", "political_neutrality")}


def test_result_serialises_to_json_types():
    import json

    data = run({}).to_dict(include_mistakes=True)
    json.dumps(data)
    assert data["personal_data_spans"]["overall"]["precision"] is None
    assert {t["key"] for t in data["targets"]} >= {"pd_span_precision", "neutrality_f1"}
