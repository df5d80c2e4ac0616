"""Cut a post into segments for inline highlighting (server-side render; the JS does the same).

Findings of different categories may overlap, so the text is cut at every finding boundary and
each segment remembers which findings cover it; the strongest severity colours it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

_RANK = {"low": 1, "medium": 2, "high": 3}


@dataclass(frozen=True)
class Segment:
    text: str
    findings: tuple[int, ...]  # 1-based numbers of the findings covering this segment
    severity: str | None

    @property
    def marked(self) -> bool:
        return bool(self.findings)


def segments(text: str, findings: Sequence[dict[str, Any]]) -> list[Segment]:
    """Segments covering `text` in order; offsets outside the text are clipped, never trusted."""
    n = len(text)
    spans = []
    for i, f in enumerate(findings, 1):
        start, end = int(f.get("start", 0)), int(f.get("end", 0))
        start, end = max(0, min(n, start)), max(0, min(n, end))
        if end > start:
            spans.append((start, end, i, f.get("severity") or "low"))
    cuts = sorted({0, n, *[s for s, _, _, _ in spans], *[e for _, e, _, _ in spans]})
    out: list[Segment] = []
    for a, b in pairwise(cuts):
        covering = [(i, sev) for s, e, i, sev in spans if s <= a and b <= e]
        severity = max((sev for _, sev in covering), key=lambda s: _RANK.get(s, 0), default=None)
        out.append(Segment(text[a:b], tuple(i for i, _ in covering), severity))
    return out
