"""Run the engine over labelled items and assemble every figure `netra evaluate` prints."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from netra.analysis import AnalysisError, Engine, Report
from netra.evaluation.dataset import CATEGORIES, ENTITIES, DevItem
from netra.evaluation.metrics import PRF, Rate, Span, SpanScores, category_scores
from netra.evaluation.metrics import score_post_spans as _score_post_spans
from netra.evaluation.targets import TARGETS, Target

MIN_IOU = 0.5
VERDICTS = ("safe", "review", "high_risk")
EXPECTED_SAFE = "expected_safe"  # a post with no gold label
EXPECTED_FLAGGED = "expected_flagged"  # a post with at least one gold label


@dataclass(slots=True)
class CategoryMistake:
    """A post whose category was predicted without a gold label (fp) or missed (fn)."""

    item_id: str
    category: str
    kind: str  # "fp" | "fn"
    text: str
    evidence: list[str]  # the finding texts that made the false positive

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.item_id, "category": self.category, "kind": self.kind,
                "text": self.text, "evidence": self.evidence}  # fmt: skip


@dataclass(slots=True)
class SpanMistake:
    """A gold personal-data span nobody found (missed) or a predicted one with no gold (extra)."""

    item_id: str
    kind: str  # "missed" | "extra"
    entity: str | None
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.item_id, "kind": self.kind, "entity": self.entity,
                "start": self.start, "end": self.end, "text": self.text}  # fmt: skip


@dataclass(slots=True)
class EvaluationResult:
    """Every figure of one evaluation run."""

    split: str
    n_items: int
    categories: dict[str, PRF]
    spans: SpanScores
    neutral_false_alarm: Rate
    humas_safe: Rate
    verdicts: dict[str, Counter[str]]
    unscored_entities: Counter[str] = field(default_factory=Counter)
    analysis_errors: list[dict[str, str]] = field(default_factory=list)
    category_mistakes: list[CategoryMistake] = field(default_factory=list)
    span_mistakes: list[SpanMistake] = field(default_factory=list)

    def value(self, key: str) -> float | None:
        """The figure a target refers to."""
        return {
            "pd_span_precision": self.spans.overall.precision,
            "pd_span_recall": self.spans.overall.recall,
            "neutrality_f1": self.categories["political_neutrality"].f1,
            "neutral_false_alarm": self.neutral_false_alarm.value,
            "humas_safe": self.humas_safe.value,
        }[key]

    def targets(self) -> list[tuple[Target, float | None, bool | None]]:
        return [(t, self.value(t.key), t.met(self.value(t.key))) for t in TARGETS]

    def to_dict(self, *, include_mistakes: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "split": self.split,
            "posts": self.n_items,
            "categories": {c: prf.to_dict() for c, prf in self.categories.items()},
            "personal_data_spans": self.spans.to_dict(),
            "span_matching": (
                f"a predicted span is correct if it overlaps a gold span of the same entity "
                f"with IoU >= {self.spans.min_iou} (one-to-one); 'exact' needs identical offsets"
            ),
            "unscored_entities": dict(self.unscored_entities),
            "neutral_election_info_false_alarm": self.neutral_false_alarm.to_dict(),
            "official_humas_safe": self.humas_safe.to_dict(),
            "verdict_confusion": {
                row: {v: counts.get(v, 0) for v in VERDICTS}
                for row, counts in self.verdicts.items()
            },
            "targets": [
                {
                    "key": t.key,
                    "threshold": t.threshold,
                    "direction": t.direction,
                    "value": None if v is None else round(v, 4),
                    "met": met,
                }
                for t, v, met in self.targets()
            ],
            "analysis_errors": self.analysis_errors,
        }
        if include_mistakes:
            out["category_mistakes"] = [m.to_dict() for m in self.category_mistakes]
            out["span_mistakes"] = [m.to_dict() for m in self.span_mistakes]
        return out


def predict(items: Sequence[DevItem], engine: Engine) -> list[Report | AnalysisError]:
    """The engine's report for every item (or the AnalysisError it raised), in order."""
    batch = ({"id": item.id, "text": item.text, "context": item.context} for item in items)
    return list(engine.analyze_batch(batch, errors="return"))


def evaluate(
    items: Sequence[DevItem], engine: Engine | None = None, *, split: str = "all"
) -> EvaluationResult:
    """Score the engine on `items` (the process-wide engine unless one is given)."""
    if engine is None:
        from netra.analysis import get_engine

        engine = get_engine()
    outcomes = predict(items, engine)
    gold_labels = [item.labels for item in items]
    predicted = [o.categories() if isinstance(o, Report) else set() for o in outcomes]
    result = EvaluationResult(
        split=split,
        n_items=len(items),
        categories=category_scores(gold_labels, predicted, CATEGORIES),
        spans=SpanScores(min_iou=MIN_IOU),
        neutral_false_alarm=Rate(),
        humas_safe=Rate(),
        verdicts={EXPECTED_SAFE: Counter(), EXPECTED_FLAGGED: Counter()},
    )
    for item, outcome in zip(items, outcomes, strict=True):
        if isinstance(outcome, AnalysisError):
            result.analysis_errors.append({"id": item.id, **outcome.to_dict()})
            continue
        _score_post(item, outcome, result)
    return result


def _score_post(item: DevItem, report: Report, result: EvaluationResult) -> None:
    predicted = report.categories()
    row = EXPECTED_FLAGGED if item.labels else EXPECTED_SAFE
    result.verdicts[row][str(report.verdict)] += 1
    if "neutral_election_info" in item.tags:
        result.neutral_false_alarm.total += 1
        result.neutral_false_alarm.count += "political_neutrality" in predicted
    if "official_humas" in item.tags:
        result.humas_safe.total += 1
        result.humas_safe.count += str(report.verdict) == "safe"
    for category in sorted(predicted | item.labels):
        if category in predicted and category not in item.labels:
            evidence = [f.text for f in report.findings if f.category == category]
            result.category_mistakes.append(
                CategoryMistake(item.id, category, "fp", item.text, evidence)
            )
        elif category in item.labels and category not in predicted:
            result.category_mistakes.append(CategoryMistake(item.id, category, "fn", item.text, []))
    gold = [Span(s.start, s.end, s.entity) for s in item.spans]
    found = [
        Span(f.start, f.end, f.entity) for f in report.findings if f.category == "personal_data"
    ]
    for span in found:
        if span.entity not in ENTITIES:
            result.unscored_entities[str(span.entity)] += 1
    scored = [s for s in found if s.entity in ENTITIES]
    missed, extra = _score_post_spans(gold, scored, result.spans)
    for kind, spans in (("missed", missed), ("extra", extra)):
        for s in spans:
            result.span_mistakes.append(
                SpanMistake(item.id, kind, s.entity, s.start, s.end, item.text[s.start : s.end])
            )
