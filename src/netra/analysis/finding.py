"""Findings and reports: the analysis contract other tools depend on.

`Report.to_dict()` produces exactly the JSON shape documented in DESIGN.md; anything extra a
detector knows (the rule id, the matched lexicon labels) stays on the Python objects only, so the
contract never grows by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

ENGINE_VERSION = "0.1.0"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def raised(self) -> Severity:
        """One level up (used when an election period makes a breach more serious)."""
        return Severity.HIGH if self is not Severity.LOW else Severity.MEDIUM


_SEVERITY_RANK = {Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3}


class Verdict(StrEnum):
    SAFE = "safe"
    REVIEW = "review"
    HIGH_RISK = "high_risk"


class Category(StrEnum):
    POLITICAL_NEUTRALITY = "political_neutrality"
    MISINFORMATION = "misinformation"
    PERSONAL_DATA = "personal_data"
    CONFIDENTIAL_INFORMATION = "confidential_information"
    HATE_SPEECH = "hate_speech"
    ABUSIVE_LANGUAGE = "abusive_language"
    PROHIBITED_CONTENT = "prohibited_content"


@dataclass(slots=True)
class Finding:
    """One risky span. `start`/`end` are half-open offsets into the ORIGINAL text."""

    category: str
    severity: Severity
    confidence: float
    start: int
    end: int
    text: str
    message: str
    rules: list[str]
    detector: str
    entity: str | None = None
    suggestion: str | None = None
    rule_id: str | None = None  # internal: which rulebook entry fired (not part of the contract)
    extra: dict[str, Any] = field(default_factory=dict)  # internal: detector-specific evidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "entity": self.entity,
            "severity": str(self.severity),
            "confidence": round(float(self.confidence), 3),
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "rules": list(self.rules),
            "suggestion": self.suggestion,
            "detector": self.detector,
        }


@dataclass(slots=True)
class Report:
    """The result of analysing one post."""

    verdict: Verdict
    risk_score: int
    findings: list[Finding]
    redacted_text: str
    id: str | None = None
    engine_version: str = ENGINE_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "verdict": str(self.verdict),
            "risk_score": self.risk_score,
            "findings": [f.to_dict() for f in self.findings],
            "redacted_text": self.redacted_text,
            "engine_version": self.engine_version,
        }

    def categories(self) -> set[str]:
        return {f.category for f in self.findings}


def verdict_for(findings: list[Finding]) -> Verdict:
    """`high_risk` if any high-severity finding, `review` if any medium, else `safe`."""
    best = max((f.severity.rank for f in findings), default=0)
    if best >= Severity.HIGH.rank:
        return Verdict.HIGH_RISK
    if best >= Severity.MEDIUM.rank:
        return Verdict.REVIEW
    return Verdict.SAFE


# Probability-like weight of one finding of each severity; combined as a noisy-OR so that several
# medium findings add up, yet a single high one already dominates.
_SEVERITY_WEIGHT = {Severity.LOW: 0.15, Severity.MEDIUM: 0.45, Severity.HIGH: 0.8}


def risk_score_for(findings: list[Finding]) -> int:
    """0–100. Consistent with the verdict: any high finding scores at least 60, any medium 30."""
    keep = 1.0
    for f in findings:
        keep *= 1.0 - _SEVERITY_WEIGHT[f.severity] * max(0.0, min(1.0, f.confidence))
    score = round(100 * (1.0 - keep))
    verdict = verdict_for(findings)
    if verdict is Verdict.HIGH_RISK:
        score = max(score, 60)
    elif verdict is Verdict.REVIEW:
        score = max(score, 30)
    else:
        score = min(score, 29)
    return int(min(100, score))
