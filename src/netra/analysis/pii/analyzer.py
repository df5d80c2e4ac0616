"""Runs every recognizer over one text and keeps the best non-overlapping results."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from netra.analysis.pii.base import PiiMatch, Recognizer, Scan
from netra.analysis.pii.config import PiiConfig
from netra.analysis.pii.keywords import KeywordIndex

# labels whose words can never be the name after an honorific (`ibu hamil`, `pasien positif`)
_NOT_NAME_LABELS = ("not_name", "condition", "health_verb", "health_block", "honorific", "money")


class PiiAnalyzer:
    """Build once (compiles patterns and the context-word automaton); call `analyze` per text.

    `entities` limits the run to some entity types (e.g. only `nik`, `phone`).
    """

    def __init__(
        self, config: PiiConfig | None = None, entities: Iterable[str] | None = None
    ) -> None:
        from netra.analysis.pii.recognizers import ALL_RECOGNIZERS

        self.config = config or PiiConfig.shipped()
        wanted = set(entities) if entities is not None else None
        self.recognizers: list[Recognizer] = [
            cls(self.config)
            for cls in ALL_RECOGNIZERS
            if wanted is None or wanted & set(cls.entities)
        ]
        self._wanted = wanted
        self.keywords = KeywordIndex(self.config.terms, silent=("not_name",))
        stop: set[str] = set()
        for label in _NOT_NAME_LABELS:
            for term in self.config.words(label):
                stop.update(term.lower().split())
        self._name_stop = frozenset(stop)

    def analyze(self, text: str) -> list[PiiMatch]:
        """Personal data in `text`, ordered by position, never overlapping."""
        if not text:
            return []
        scan = Scan(text, self.keywords, self._name_stop)
        results: list[PiiMatch] = []
        for recognizer in self.recognizers:
            if recognizer.ready(scan):
                results.extend(recognizer.analyze(scan))
        if self._wanted is not None:
            results = [r for r in results if r.entity in self._wanted]
        return resolve_overlaps(results)


def resolve_overlaps(results: list[PiiMatch]) -> list[PiiMatch]:
    """Where results overlap keep the longer one (a NIK over the phone-like digits inside it),
    then the more confident one."""
    if len(results) < 2:
        return sorted(results, key=lambda r: r.start)
    ordered = sorted(results, key=lambda r: (-(r.end - r.start), -r.score, r.start))
    starts: list[int] = []  # kept spans, sorted and disjoint
    kept: list[PiiMatch] = []
    for r in ordered:
        i = bisect_right(starts, r.start)
        if i > 0 and kept[i - 1].end > r.start:
            continue  # overlaps the kept span starting before it
        if i < len(kept) and kept[i].start < r.end:
            continue  # overlaps the kept span starting after it
        starts.insert(i, r.start)
        kept.insert(i, r)
    return kept
