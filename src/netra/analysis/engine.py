"""The engine: runs every detector over a post and assembles the Report.

Build an Engine once (it compiles lexicons into automata and loads the rulebook) and call
`analyze` for each post; `get_engine()` keeps one per process. Detectors are independent: they
see the same Document, so normalisation happens once per post however many detectors run.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from netra.analysis.claims import ClaimMatcher
from netra.analysis.context import Context, ContextError, coerce_context
from netra.analysis.detectors import ALL_DETECTORS, Detector
from netra.analysis.document import Document
from netra.analysis.errors import AnalysisError
from netra.analysis.finding import Finding, Report, risk_score_for, verdict_for
from netra.analysis.normalize import Normalizer, load_emoji, load_slang, load_vocabulary
from netra.analysis.redact import redact
from netra.rules.loader import Rulebook, load_rulebook

DEFAULT_MAX_CHARS = 50_000


class Engine:
    """Analyses posts. Thread-safe for reading; build once, reuse."""

    def __init__(
        self,
        rulebook: Rulebook | None = None,
        *,
        detectors: Sequence[str] | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
        rules_dirs: Sequence[Path] = (),
        claim_matcher: ClaimMatcher | None = None,
        models: bool = True,
    ) -> None:
        """`models=False` runs the rulebook alone: no trained classifier is attached, whatever
        the rule files say (for comparing against the lexicon-only engine, or a machine where
        speed matters more than the models' recall)."""
        self.rulebook = rulebook or load_rulebook(rules_dirs)
        self.max_chars = max_chars
        self.normalizer = Normalizer(load_slang(), load_vocabulary(), load_emoji())
        self.normalizer.add_vocabulary(self.rulebook.lexicon_words())
        self.normalizer.add_maskable(w for w in self.rulebook.lexicon_words() if len(w) >= 4)
        chosen = [cls for cls in ALL_DETECTORS if detectors is None or cls.name in detectors]
        self.detectors: list[Detector] = [cls(self.rulebook, self.normalizer) for cls in chosen]
        if not models:
            for detector in self.detectors:
                if getattr(detector, "model", None) is not None:
                    detector.model = None  # type: ignore[attr-defined]
        self.use_claim_matcher(claim_matcher)

    def use_claim_matcher(self, matcher: ClaimMatcher | None) -> None:
        """Attach (or, with None, detach) a fact-check knowledge base: misinformation findings
        then cite the debunked claims a post repeats, with their verdict and source."""
        for detector in self.detectors:
            if hasattr(detector, "claim_matcher"):
                detector.claim_matcher = matcher

    @property
    def has_claim_matcher(self) -> bool:
        return any(getattr(d, "claim_matcher", None) is not None for d in self.detectors)

    # -- one post ---------------------------------------------------------------------------------
    def analyze(
        self,
        text: str,
        context: Context | Mapping[str, Any] | None = None,
        *,
        id: str | None = None,
        check_claims: bool = True,
    ) -> Report:
        """Analyse one post. Raises AnalysisError (Indonesian message) for unusable input.

        `check_claims=False` skips the knowledge-base look-up (it embeds the post: tens of
        milliseconds) where speed matters more, e.g. the live preview while someone types."""
        self._validate(text)
        try:
            ctx = coerce_context(context)  # type: ignore[arg-type]
        except ContextError as exc:
            raise AnalysisError("invalid_context", str(exc)) from None
        doc = Document(text, self.normalizer)
        doc.check_claims = check_claims
        findings: list[Finding] = []
        for detector in self.detectors:
            findings.extend(detector.detect(doc, ctx))
        findings = _resolve_overlaps(findings)
        return Report(
            id=id,
            verdict=verdict_for(findings),
            risk_score=risk_score_for(findings),
            findings=findings,
            redacted_text=redact(text, findings),
        )

    def _validate(self, text: object) -> None:
        if not isinstance(text, str):
            raise AnalysisError("invalid_text", "Teks harus berupa string (tulisan).")
        if not text.strip():
            raise AnalysisError("empty_text", "Teks kosong: tidak ada yang bisa diperiksa.")
        if len(text) > self.max_chars:
            raise AnalysisError(
                "text_too_long",
                f"Teks terlalu panjang ({len(text):,} karakter); batasnya {self.max_chars:,} "
                "karakter. Periksa per bagian.".replace(",", "."),
            )

    # -- many posts -------------------------------------------------------------------------------
    def analyze_batch(
        self,
        items: Iterable[str | Mapping[str, Any]],
        *,
        errors: str = "raise",
        check_claims: bool = True,
    ) -> Iterator[Report | AnalysisError]:
        """Analyse many posts in order. Items are texts or mappings with `text`, `id`, `context`.

        With `errors="return"`, a bad item yields its AnalysisError (with `.id` set) and the batch
        goes on; with `errors="raise"` the first bad item raises.
        """
        for item in items:
            item_id = None
            try:
                if isinstance(item, str):
                    text, context = item, None
                elif isinstance(item, Mapping):
                    item_id = item.get("id")
                    item_id = None if item_id is None else str(item_id)
                    text, context = item.get("text"), item.get("context")
                else:
                    raise AnalysisError("invalid_item", "Setiap butir harus teks atau objek.")
                yield self.analyze(
                    text,  # type: ignore[arg-type]
                    context,
                    id=item_id,
                    check_claims=check_claims,
                )
            except AnalysisError as exc:
                if errors == "raise":
                    raise
                exc.id = item_id  # type: ignore[attr-defined]
                yield exc


def _resolve_overlaps(findings: list[Finding]) -> list[Finding]:
    """Drop a finding covered by a stronger one of the same category; order by position."""
    ordered = sorted(findings, key=lambda f: (-f.severity.rank, -f.confidence, f.start))
    kept: list[Finding] = []
    covers: dict[str, _Cover] = {}
    size = max((f.end for f in findings), default=0) + 1
    for f in ordered:
        cover = covers.get(f.category)
        if cover is None:
            cover = covers[f.category] = _Cover(size)
        if not cover.covers(f.start, f.end):
            kept.append(f)
            cover.add(f.start, f.end)
    kept.sort(key=lambda f: (f.start, f.end, f.category))
    return kept


class _Cover:
    """Spans kept so far; `covers(s, e)`: does one of them contain [s, e)?

    A Fenwick tree of the furthest end among spans starting at or before each position, so a
    hostile post with thousands of findings is resolved in n·log n rather than n².
    """

    __slots__ = ("_tree",)

    def __init__(self, size: int) -> None:
        self._tree = [-1] * (size + 1)

    def add(self, start: int, end: int) -> None:
        i = start + 1
        tree = self._tree
        while i < len(tree):
            if tree[i] < end:
                tree[i] = end
            i += i & -i

    def covers(self, start: int, end: int) -> bool:
        i, best, tree = start + 1, -1, self._tree
        while i > 0:
            if tree[i] > best:
                best = tree[i]
            i -= i & -i
        return best >= end


_engine: Engine | None = None
_lock = threading.Lock()


def get_engine() -> Engine:
    """The process-wide engine with the shipped rulebook plus the agency's rule directories."""
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                from netra.config import get_settings

                settings = get_settings()
                _engine = Engine(
                    max_chars=settings.max_text_chars,
                    rules_dirs=[settings.agency_rules_dir, *settings.rules_dirs],
                )
    return _engine


def reset_engine() -> None:
    """Forget the process-wide engine (after rule files change)."""
    global _engine
    with _lock:
        _engine = None
