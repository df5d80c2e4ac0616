"""The accuracy targets of the engine issue, checked against an evaluation result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class Target:
    """A figure and its threshold: `at_least` (≥) or `at_most` (≤)."""

    key: str
    label: str  # Indonesian, for people
    threshold: float
    direction: Literal["at_least", "at_most"]

    def met(self, value: float | None) -> bool | None:
        """None when the figure cannot be computed (nothing predicted or nothing expected)."""
        if value is None:
            return None
        return value >= self.threshold if self.direction == "at_least" else value <= self.threshold

    @property
    def shown(self) -> str:
        sign = "≥" if self.direction == "at_least" else "≤"
        return f"{sign} {self.threshold:.2f}"


TARGETS: tuple[Target, ...] = (
    Target("pd_span_precision", "Presisi span data pribadi (IoU ≥ 0,5)", 0.95, "at_least"),
    Target("pd_span_recall", "Recall span data pribadi (IoU ≥ 0,5)", 0.90, "at_least"),
    Target("neutrality_f1", "F1 netralitas politik", 0.90, "at_least"),
    Target(
        "neutral_false_alarm",
        "Alarm palsu netralitas pada info pemilu netral",
        0.10,
        "at_most",
    ),
    Target("humas_safe", "Unggahan resmi Humas dinilai aman", 0.90, "at_least"),
)
