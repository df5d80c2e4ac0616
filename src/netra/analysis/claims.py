"""The seam between the engine and a fact-check knowledge base.

The misinformation detector asks a `ClaimMatcher` (when one is configured) which debunked claims a
post repeats. The knowledge base (netra.factcheck) implements the protocol; the engine never
imports it directly, so the engine stays usable without a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class ClaimMatch:
    """A debunked (or verified) claim a post resembles."""

    claim_id: str
    claim: str
    verdict: str  # hoaks, disinformasi, misinformasi, satire, benar, sebagian benar, …
    source_url: str
    score: float  # calibrated similarity, 0–1
    publisher: str | None = None
    confident: bool = False  # score above the calibrated "same claim" threshold


class ClaimMatcher(Protocol):
    def match(self, text: str, top_k: int = 5) -> list[ClaimMatch]:
        """Claims the text repeats, best first, only those above the calibrated threshold."""
        ...
