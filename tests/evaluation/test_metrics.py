"""Scoring functions on hand-made cases whose right answer is known."""

from __future__ import annotations

import pytest

from netra.evaluation.metrics import (
    PRF,
    Span,
    SpanScores,
    category_scores,
    iou,
    match_spans,
    score_post_spans,
)


def test_prf_values_and_undefined_cases():
    prf = PRF(tp=3, fp=1, fn=2)
    assert prf.precision == pytest.approx(0.75)
    assert prf.recall == pytest.approx(0.6)
    assert prf.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert PRF(tp=0, fp=0, fn=4).precision is None  # nothing predicted: undefined, not 0 or 1
    assert PRF(tp=0, fp=2, fn=0).recall is None
    assert PRF(tp=0, fp=2, fn=3).f1 == 0.0


def test_category_scores_count_posts_not_findings():
    gold = [{"hate_speech"}, set(), {"hate_speech", "misinformation"}]
    pred = [{"hate_speech"}, {"hate_speech"}, {"misinformation"}]
    scores = category_scores(gold, pred, ["hate_speech", "misinformation"])
    assert (scores["hate_speech"].tp, scores["hate_speech"].fp, scores["hate_speech"].fn) == (
        1, 1, 1)  # fmt: skip
    assert scores["misinformation"].precision == 1.0


def test_iou():
    assert iou(Span(0, 10, "x"), Span(5, 15, "x")) == pytest.approx(5 / 15)
    assert iou(Span(0, 10, "x"), Span(10, 20, "x")) == 0.0
    assert iou(Span(2, 8, "x"), Span(2, 8, "x")) == 1.0


def test_match_spans_needs_same_entity_and_enough_overlap():
    gold = [Span(10, 26, "nik")]
    assert match_spans(gold, [Span(10, 26, "nik")]) == [(0, 0)]
    assert match_spans(gold, [Span(10, 26, "kk")]) == []
    assert match_spans(gold, [Span(10, 26, "kk")], ignore_entity=True) == [(0, 0)]
    assert match_spans(gold, [Span(12, 26, "nik")]) == [(0, 0)]  # IoU 14/16
    assert match_spans(gold, [Span(12, 26, "nik")], exact=True) == []
    assert match_spans(gold, [Span(20, 40, "nik")]) == []  # IoU 6/30


def test_one_predicted_span_cannot_vouch_for_two_gold_spans():
    gold = [Span(0, 10, "address"), Span(0, 10, "address")]
    assert len(match_spans(gold, [Span(0, 10, "address")])) == 1


def test_best_overlap_wins_the_pairing():
    gold = [Span(0, 10, "phone"), Span(12, 22, "phone")]
    pred = [Span(1, 12, "phone"), Span(0, 10, "phone")]
    assert match_spans(gold, pred) == [(0, 1)]  # pred 0 overlaps gold 1 too little


def test_score_post_spans_accumulates_and_returns_mistakes():
    scores = SpanScores(min_iou=0.5)
    gold = [Span(0, 16, "nik"), Span(20, 34, "phone")]
    pred = [Span(0, 16, "nik"), Span(40, 50, "email")]
    missed, extra = score_post_spans(gold, pred, scores)
    assert (scores.overall.tp, scores.overall.fp, scores.overall.fn) == (1, 1, 1)
    assert missed == [Span(20, 34, "phone")]
    assert extra == [Span(40, 50, "email")]
    assert scores.per_entity["phone"].fn == 1
    assert scores.per_entity["email"].fp == 1
