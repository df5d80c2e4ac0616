"""Accuracy of the inbox triage on the evaluation part of `data/inbox/messages.jsonl`.

The evaluation part (a fixed, seeded third, `"split": "eval"`) is never read by training or
tuning; this script is the only reader. It prints intent accuracy with per-class precision,
recall and F1 and the confusion matrix, urgency figures (every emergency must be `high`: recall
of emergencies, and the false alarms — `high` on a message whose gold urgency is not), topic
accuracy, and the time per message. Numbers are recorded in docs/benchmarks.md ("Citizen inbox").

    .venv/bin/python -m benchmarks.inbox_eval [--split eval|train] [--json]
    .venv/bin/python -m benchmarks.inbox_eval --check [--part probe|holdout] [--errors]

`--split train` scores the shipped model on its own training part (an optimistic figure, shown
only to read the gap). Error listings are deliberately not offered for the evaluation part.

`--check` scores urgency on the urgency check set, `data/inbox/urgency_check.jsonl` (written
after the model, never trained on): emergencies marked `high` and false alarms, per kind of
message. `--errors` lists the messages it gets wrong, for the `probe` half only; the `holdout`
half is scored in aggregate only, like the evaluation part.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import date

from netra.inbox.dataset import check_rows, eval_rows, training_rows
from netra.inbox.lexicons import INTENTS, URGENCIES
from netra.inbox.triage import classify


def prf(gold: list[str], pred: list[str], label: str) -> tuple[float, float, float, int]:
    tp = sum(g == label and p == label for g, p in zip(gold, pred, strict=True))
    fp = sum(g != label and p == label for g, p in zip(gold, pred, strict=True))
    fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tp + fn


def evaluate(split: str) -> dict:
    rows = eval_rows() if split == "eval" else training_rows()
    classify("pemanasan")  # load the model and the normaliser before timing
    started = time.perf_counter()
    preds = [classify(r.text, with_affect=False) for r in rows]
    elapsed = time.perf_counter() - started
    gold_i, pred_i = [r.intent for r in rows], [p.intent for p in preds]
    per_class = {}
    for label in INTENTS:
        p, r, f, n = prf(gold_i, pred_i, label)
        per_class[label] = {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
            "support": n,
        }
    confusion = Counter((g, p) for g, p in zip(gold_i, pred_i, strict=True))
    emergencies = [p for r, p in zip(rows, preds, strict=True) if r.intent == "emergency"]
    gold_high = [p for r, p in zip(rows, preds, strict=True) if r.urgency == "high"]
    false_alarms = sum(
        r.urgency != "high" and p.urgency == "high" for r, p in zip(rows, preds, strict=True)
    )
    not_high = sum(r.urgency != "high" for r in rows)
    urgency_per_class = {}
    gold_u, pred_u = [r.urgency for r in rows], [p.urgency for p in preds]
    for label in URGENCIES:
        p, r, f, n = prf(gold_u, pred_u, label)
        urgency_per_class[label] = {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
            "support": n,
        }
    return {
        "split": split,
        "messages": len(rows),
        "intent_accuracy": round(
            sum(g == p for g, p in zip(gold_i, pred_i, strict=True)) / len(rows), 4
        ),
        "intent_macro_f1": round(sum(c["f1"] for c in per_class.values()) / len(INTENTS), 4),
        "intent_per_class": per_class,
        "intent_confusion": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items()) if g != p},
        "emergencies": len(emergencies),
        "emergency_recall_high": round(
            sum(p.urgency == "high" for p in emergencies) / max(1, len(emergencies)), 4
        ),
        "gold_high": len(gold_high),
        "gold_high_recall": round(
            sum(p.urgency == "high" for p in gold_high) / max(1, len(gold_high)), 4
        ),
        "false_alarms": false_alarms,
        "false_alarm_rate": round(false_alarms / max(1, not_high), 4),
        "urgency_accuracy": round(
            sum(g == p for g, p in zip(gold_u, pred_u, strict=True)) / len(rows), 4
        ),
        "urgency_per_class": urgency_per_class,
        "topic_accuracy": round(
            sum(r.topic == p.topic for r, p in zip(rows, preds, strict=True)) / len(rows), 4
        ),
        "ms_per_message": round(1000 * elapsed / len(rows), 2),
        "date": date.today().isoformat(),
        "python": platform.python_version(),
    }


def print_report(result: dict) -> None:
    print(f"Citizen inbox triage — split {result['split']}, {result['messages']} messages")
    print(
        f"intent accuracy {result['intent_accuracy']:.3f}  macro-F1 {result['intent_macro_f1']:.3f}"
    )
    print(f"{'intent':<13}{'precision':>10}{'recall':>8}{'F1':>7}{'n':>5}")
    for label, c in result["intent_per_class"].items():
        print(
            f"{label:<13}{c['precision']:>10.2f}{c['recall']:>8.2f}{c['f1']:>7.2f}{c['support']:>5}"
        )
    print("confusions (gold->predicted):", result["intent_confusion"] or "none")
    print(
        f"emergencies marked high: {result['emergency_recall_high']:.3f} of {result['emergencies']}"
    )
    print(f"all gold-high marked high: {result['gold_high_recall']:.3f} of {result['gold_high']}")
    print(
        f"false alarms (high, gold not high): {result['false_alarms']} "
        f"({100 * result['false_alarm_rate']:.1f}% of non-high)"
    )
    print(f"urgency accuracy {result['urgency_accuracy']:.3f}")
    print(f"topic accuracy {result['topic_accuracy']:.3f}")
    print(f"{result['ms_per_message']} ms per message (classify, one process)")


def evaluate_check(part: str | None, errors: bool = False) -> dict:
    """Emergency recall and false alarms on the urgency check set (one part, or both)."""
    rows = check_rows(part=part)
    classify("pemanasan")
    preds = [classify(r.text, with_affect=False) for r in rows]
    kinds: dict[str, dict[str, int]] = {}
    for r, p in zip(rows, preds, strict=True):
        k = kinds.setdefault(f"{r.label}/{r.kind}", {"n": 0, "high": 0})
        k["n"] += 1
        k["high"] += p.urgency == "high"
    emergencies = [p for r, p in zip(rows, preds, strict=True) if r.label == "emergency"]
    others = [p for r, p in zip(rows, preds, strict=True) if r.label != "emergency"]
    result = {
        "set": "urgency_check",
        "part": part or "all",
        "messages": len(rows),
        "emergencies": len(emergencies),
        "emergencies_high": sum(p.urgency == "high" for p in emergencies),
        "emergencies_intent_emergency": sum(p.intent == "emergency" for p in emergencies),
        "not_emergencies": len(others),
        "false_alarms": sum(p.urgency == "high" for p in others),
        "per_kind": dict(sorted(kinds.items())),
    }
    if errors:
        result["errors"] = [
            {
                "id": r.id,
                "label": r.label,
                "urgency": p.urgency,
                "intent": p.intent,
                "reasons": list(p.urgency_reasons),
                "text": r.text,
            }
            for r, p in zip(rows, preds, strict=True)
            if (r.label == "emergency") != (p.urgency == "high")
        ]
    return result


def print_check(result: dict) -> None:
    print(f"Urgency check set — part {result['part']}, {result['messages']} messages")
    print(
        f"emergencies marked high: {result['emergencies_high']} / {result['emergencies']}"
        f"  (intent emergency: {result['emergencies_intent_emergency']})"
    )
    print(f"false alarms: {result['false_alarms']} / {result['not_emergencies']}")
    for kind, k in result["per_kind"].items():
        print(f"  {kind:<32}{k['high']:>4} high of {k['n']}")
    for e in result.get("errors", []):
        print(f"- {e['id']} {e['label']} -> {e['urgency']}/{e['intent']} {e['reasons']}")
        print(f"    {e['text']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("eval", "train"), default="eval")
    parser.add_argument("--check", action="store_true", help="score the urgency check set")
    parser.add_argument("--part", choices=("probe", "holdout"), default=None)
    parser.add_argument("--errors", action="store_true", help="list errors (probe part only)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.check:
        if args.errors and args.part != "probe":
            parser.error("--errors lists the probe part only: add --part probe")
        _emit(evaluate_check(args.part, args.errors), args.json, print_check)
        return 0
    _emit(evaluate(args.split), args.json, print_report)
    return 0


def _emit(result: dict, as_json: bool, show: Callable[[dict], None]) -> None:
    """Print a result as JSON or as the human-readable report."""
    if as_json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        show(result)


if __name__ == "__main__":
    raise SystemExit(main())
