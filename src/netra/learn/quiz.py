"""The quiz "boleh atau tidak?": questions drawn from the rule files' own examples.

A rule's `match` examples are posts that are *not* allowed (the rule fires on them); its
`no_match` examples are allowed look-alikes. Every answer comes with the rule's explanation and the
regulation behind it, so the quiz teaches rather than only scores.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from netra.learn.labels import category_label
from netra.learn.pedoman import describe_context, plain_message
from netra.rules.loader import Rulebook

ALLOWED = "boleh"
NOT_ALLOWED = "tidak_boleh"
ANSWERS = (ALLOWED, NOT_ALLOWED)
ANSWER_LABELS = {ALLOWED: "Boleh", NOT_ALLOWED: "Tidak boleh"}
DEFAULT_SIZE = 10
QUIZ_MAX_AGE = 6 * 3600  # a drawn quiz can be submitted for six hours


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    answer: str  # ALLOWED or NOT_ALLOWED
    rule_id: str
    rule_title: str
    category: str
    explanation: str
    regulations: tuple[tuple[str, str], ...]  # (title, article)
    context: str | None = None
    note: str | None = None
    suggestion: str | None = None
    raw_context: tuple[tuple[str, Any], ...] = ()  # the example's context, for the engine

    def public_dict(self) -> dict[str, Any]:
        """What a quiz taker may see before answering."""
        return {"id": self.id, "text": self.text, "context": self.context}


def _question_id(rule_id: str, kind: str, text: str) -> str:
    return hashlib.sha1(f"{rule_id}|{kind}|{text}".encode()).hexdigest()[:12]


def question_bank(rulebook: Rulebook) -> dict[str, Question]:
    """Every example of every rule as a question, keyed by a stable id."""
    bank: dict[str, Question] = {}
    for rule_file, rule in rulebook.rules():
        regs = tuple(
            (rulebook.regulations[r].title, rulebook.regulations[r].article)
            for r in rule.regulations
            if r in rulebook.regulations
        )
        for kind, examples in (
            ("match", rule.examples.match),
            ("no_match", rule.examples.no_match),
        ):
            for ex in examples:
                qid = _question_id(rule.id, kind, ex.text)
                bank[qid] = Question(
                    id=qid,
                    text=ex.text,
                    answer=NOT_ALLOWED if kind == "match" else ALLOWED,
                    rule_id=rule.id,
                    rule_title=rule.title,
                    category=rule_file.category,
                    explanation=plain_message(rule.message),
                    regulations=regs,
                    context=describe_context(ex.context),
                    note=ex.note,
                    suggestion=rule.suggestion,
                    raw_context=tuple(sorted((ex.context or {}).items())),
                )
    return bank


def draw(
    bank: dict[str, Question], size: int = DEFAULT_SIZE, rng: random.Random | None = None
) -> list[Question]:
    """A quiz of up to `size` questions, balanced between allowed and not, across categories."""
    rng = rng or random.Random()
    pools: dict[tuple[str, str], list[Question]] = defaultdict(list)
    for q in bank.values():
        pools[(q.answer, q.category)].append(q)
    for pool in pools.values():
        rng.shuffle(pool)
    # Round-robin over (answer, category) pools so one big rule file does not fill the quiz.
    keys = sorted(pools)
    rng.shuffle(keys)
    chosen: list[Question] = []
    while len(chosen) < size and any(pools.values()):
        for key in keys:
            if pools[key] and len(chosen) < size:
                chosen.append(pools[key].pop())
    rng.shuffle(chosen)
    return chosen


@dataclass
class GradedItem:
    question: Question
    given: str | None  # None when unanswered or not a valid answer
    explanation: str = ""  # the concrete reason (see concrete_explanations), else the template

    @property
    def correct(self) -> bool:
        return self.given == self.question.answer

    def to_dict(self) -> dict[str, Any]:
        q = self.question
        return {
            "id": q.id,
            "text": q.text,
            "context": q.context,
            "answer": q.answer,
            "given": self.given,
            "correct": self.correct,
            "rule_id": q.rule_id,
            "rule_title": q.rule_title,
            "category": q.category,
            "explanation": self.explanation or q.explanation,
            "regulations": [{"title": t, "article": a} for t, a in q.regulations],
            "note": q.note,
            "suggestion": q.suggestion,
        }


@dataclass
class QuizResult:
    items: list[GradedItem]
    by_category: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def correct(self) -> int:
        return sum(1 for i in self.items if i.correct)

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0


def grade(
    questions: list[Question], answers: dict[str, str], explanations: dict[str, str] | None = None
) -> QuizResult:
    """Grade answers (question id → "boleh"/"tidak_boleh"); anything else counts as unanswered."""
    explanations = explanations or {}
    items = []
    by_category: dict[str, dict[str, int]] = {}
    for q in questions:
        given = answers.get(q.id)
        item = GradedItem(
            q, given if given in ANSWERS else None, explanations.get(q.id, q.explanation)
        )
        items.append(item)
        stats = by_category.setdefault(q.category, {"total": 0, "correct": 0})
        stats["total"] += 1
        stats["correct"] += int(item.correct)
    return QuizResult(items, by_category)


# -- the drawn quiz travels in the form, signed, so the server needs no state until submission --
def sign_quiz(question_ids: list[str], secret: bytes, now: float | None = None) -> str:
    payload = json.dumps({"q": question_ids, "t": int(now or time.time())}).encode()
    mac = hmac.new(secret, payload, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(payload).decode() + "." + base64.urlsafe_b64encode(mac).decode()


def verify_quiz(
    token: str, secret: bytes, max_age: int = QUIZ_MAX_AGE, now: float | None = None
) -> list[str] | None:
    """The question ids of a signed quiz, or None when forged, malformed or too old."""
    try:
        p64, m64 = token.split(".", 1)
        payload = base64.urlsafe_b64decode(p64.encode())
        mac = base64.urlsafe_b64decode(m64.encode())
        expected = hmac.new(secret, payload, hashlib.sha256).digest()
        if not hmac.compare_digest(mac, expected):
            return None
        data = json.loads(payload)
        ids = data["q"]
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            return None
        if (now or time.time()) - int(data["t"]) > max_age:
            return None
        return ids[:100]
    except (ValueError, KeyError, TypeError):
        return None


def category_name(name: str) -> str:
    return category_label(name)


def concrete_explanations(questions: list[Question], engine: Any) -> dict[str, str]:
    """The engine's own message for each "tidak boleh" example, with its blanks filled in.

    A rule's message template has placeholders ("Nomor {entity} …"); analysing the example gives
    the sentence a person would see in the checker. Falls back to the template when the rule does
    not fire (the rule tests catch that case).
    """
    out: dict[str, str] = {}
    for q in questions:
        if q.answer != NOT_ALLOWED:
            continue
        try:
            report = engine.analyze(q.text, dict(q.raw_context) or None)
        except Exception:  # a bad example must not break the quiz page
            continue
        for finding in report.findings:
            if finding.rule_id == q.rule_id:
                out[q.id] = finding.message
                break
    return out
