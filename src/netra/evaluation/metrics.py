"""Scoring functions: post-level precision/recall/F1 and personal-data span matching.

Pure functions over plain values, so they can be tested on hand-made cases without an engine.
Precision is undefined (None) when nothing was predicted, recall when nothing was expected:
printing 0.0 or 1.0 there would make an empty detector look either hopeless or perfect.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(slots=True)
class PRF:
    """Counts of true positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted else None

    @property
    def recall(self) -> float | None:
        expected = self.tp + self.fn
        return self.tp / expected if expected else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, float | int | None]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def category_scores(
    gold: Sequence[Iterable[str]], predicted: Sequence[Iterable[str]], categories: Iterable[str]
) -> dict[str, PRF]:
    """Post-level scores: a category is predicted for a post if any finding of it is present."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted must have one entry per post")
    scores = {c: PRF() for c in categories}
    for gold_labels, pred_labels in zip(gold, predicted, strict=True):
        g, p = set(gold_labels), set(pred_labels)
        for category, prf in scores.items():
            if category in g and category in p:
                prf.tp += 1
            elif category in p:
                prf.fp += 1
            elif category in g:
                prf.fn += 1
    return scores


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character span with an entity name (gold or predicted)."""

    start: int
    end: int
    entity: str | None


def iou(a: Span, b: Span) -> float:
    """Intersection over union of two character spans (0 when they do not overlap)."""
    inter = min(a.end, b.end) - max(a.start, b.start)
    if inter <= 0:
        return 0.0
    union = max(a.end, b.end) - min(a.start, b.start)
    return inter / union


def match_spans(
    gold: Sequence[Span],
    predicted: Sequence[Span],
    *,
    min_iou: float = 0.5,
    exact: bool = False,
    ignore_entity: bool = False,
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) of matching spans, best overlap first.

    A pair matches when the entities agree (unless `ignore_entity`) and the spans overlap with
    IoU ≥ `min_iou` (or are identical when `exact`). Greedy on IoU: a predicted span can vouch for
    one gold span only, so splitting one address into three findings cannot triple the score.
    """
    candidates: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if not ignore_entity and g.entity != p.entity:
                continue
            if exact:
                if (g.start, g.end) == (p.start, p.end):
                    candidates.append((1.0, gi, pi))
                continue
            overlap = iou(g, p)
            if overlap >= min_iou:
                candidates.append((overlap, gi, pi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


@dataclass(slots=True)
class SpanScores:
    """Personal-data span scores: overall, per entity, exact-match, and location-only."""

    min_iou: float
    overall: PRF = field(default_factory=PRF)
    exact: PRF = field(default_factory=PRF)
    location_only: PRF = field(default_factory=PRF)
    per_entity: dict[str, PRF] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            "min_iou": self.min_iou,
            "overall": self.overall.to_dict(),
            "exact": self.exact.to_dict(),
            "location_only": self.location_only.to_dict(),
            "per_entity": {k: v.to_dict() for k, v in sorted(self.per_entity.items())},
        }


def span_prf(gold: Sequence[Span], predicted: Sequence[Span], pairs: list[tuple[int, int]]) -> PRF:
    return PRF(tp=len(pairs), fp=len(predicted) - len(pairs), fn=len(gold) - len(pairs))


def score_post_spans(
    gold: Sequence[Span], predicted: Sequence[Span], scores: SpanScores
) -> tuple[list[Span], list[Span]]:
    """Add one post's spans to `scores`; return its unmatched gold and predicted spans (IoU)."""
    pairs = match_spans(gold, predicted, min_iou=scores.min_iou)
    scores.overall.add(span_prf(gold, predicted, pairs))
    scores.exact.add(span_prf(gold, predicted, match_spans(gold, predicted, exact=True)))
    loose = match_spans(gold, predicted, min_iou=scores.min_iou, ignore_entity=True)
    scores.location_only.add(span_prf(gold, predicted, loose))
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    for entity in {s.entity for s in (*gold, *predicted)}:
        prf = scores.per_entity.setdefault(str(entity), PRF())
        prf.tp += sum(1 for gi, _ in pairs if gold[gi].entity == entity)
        prf.fp += sum(
            1 for pi, p in enumerate(predicted) if p.entity == entity and pi not in matched_pred
        )
        prf.fn += sum(
            1 for gi, g in enumerate(gold) if g.entity == entity and gi not in matched_gold
        )
    missed = [g for gi, g in enumerate(gold) if gi not in matched_gold]
    extra = [p for pi, p in enumerate(predicted) if pi not in matched_pred]
    return missed, extra


@dataclass(slots=True)
class Rate:
    """`count` out of `total` (e.g. neutral posts flagged, Humas posts judged safe)."""

    count: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.count / self.total if self.total else None

    def to_dict(self) -> dict[str, float | int | None]:
        return {"count": self.count, "total": self.total, "rate": _round(self.value)}
