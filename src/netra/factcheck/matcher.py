"""`KnowledgeBaseMatcher`: the knowledge base behind `netra.analysis.claims.ClaimMatcher`.

For one post: embed it (and, when it has several sentences or lines, each of them: a forwarded
hoax is often one line inside a chain message), score it against every claim three ways (dense
e5 cosine, char n-gram TF-IDF, word-stem TF-IDF), take the union of each way's top candidates,
compute the pair features and let the calibrated scorer decide. Only claims scoring at or above
the calibrated threshold are returned, best first.
"""

from __future__ import annotations

import re
import threading

import numpy as np
from sqlalchemy import Engine

from netra.analysis.claims import ClaimMatch
from netra.factcheck.embed import DIM, Embedder, get_embedder
from netra.factcheck.features import FEATURE_NAMES, PostSignals, pair_features
from netra.factcheck.index import ClaimIndex
from netra.factcheck.scorer import Scorer

CANDIDATES_PER_SIGNAL = 50
MAX_SEGMENTS = 6
MIN_SEGMENT_WORDS = 4
MIN_POST_WORDS = 4  # "tidak rusak" repeats no claim; a claim needs a subject and an assertion
_SEGMENT_SPLIT = re.compile(r"[\n\r]+|(?<=[.!?])\s+|[\"“”«»]")


def segments(text: str) -> list[str]:
    """Sentences, lines and quoted parts of a post worth embedding on their own (or none)."""
    parts = [p.strip(" \t-–—:;,'\"") for p in _SEGMENT_SPLIT.split(text)]
    parts = [p for p in parts if len(p.split()) >= MIN_SEGMENT_WORDS]
    if len(parts) <= 1:
        return []
    return sorted(parts, key=len, reverse=True)[:MAX_SEGMENTS]


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    if scores.shape[0] <= k:
        return np.arange(scores.shape[0])
    return np.argpartition(scores, -k)[-k:]


def candidate_features(
    index: ClaimIndex, text: str, post_vector: np.ndarray, segment_vectors: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Candidates (union of each signal's top claims) and their pair features.

    A post shorter than MIN_POST_WORDS gets no candidates at all.
    """
    if len(text.split()) < MIN_POST_WORDS or len(index) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    sem_all = index.vectors @ np.asarray(post_vector, dtype=np.float32)
    lexical = index.lexical.query(text)
    cand = np.unique(
        np.concatenate(
            [
                _top(sem_all, CANDIDATES_PER_SIGNAL),
                _top(lexical.char_scores, CANDIDATES_PER_SIGNAL),
                _top(lexical.word_scores, CANDIDATES_PER_SIGNAL),
            ]
        )
    )
    segs = np.asarray(segment_vectors, dtype=np.float32).reshape(-1, DIM)
    signals = PostSignals(sem_all, segs, lexical)
    return cand, pair_features(signals, cand, index.vectors, index.lexical)


class KnowledgeBaseMatcher:
    """Loads the index once; `match` is thread-safe (read-only index, serialised embedder)."""

    def __init__(
        self,
        index: ClaimIndex,
        scorer: Scorer | None = None,
        embedder: Embedder | None = None,
        threshold: float | None = None,
    ) -> None:
        self.index = index
        self.scorer = scorer or Scorer.load()
        self._embedder = embedder
        self._lock = threading.Lock()
        self.threshold = self.scorer.threshold if threshold is None else threshold
        self.confident_threshold = max(self.threshold, self.scorer.confident_threshold)

    # -- construction ---------------------------------------------------------------------------
    @classmethod
    def from_engine(cls, engine: Engine, **kwargs) -> KnowledgeBaseMatcher:
        from netra.config import get_settings

        kwargs.setdefault("threshold", get_settings().factcheck_threshold)
        return cls(ClaimIndex.from_engine(engine, kwargs.get("embedder")), **kwargs)

    @classmethod
    def from_database(cls, url: str | None = None, **kwargs) -> KnowledgeBaseMatcher:
        """The matcher over the configured database (or `url`); what the engine is wired to."""
        from netra.storage.db import get_engine

        return cls.from_engine(get_engine(url), **kwargs)

    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                self._embedder = get_embedder()
            return self._embedder

    # -- matching -------------------------------------------------------------------------------
    def match(self, text: str, top_k: int = 5) -> list[ClaimMatch]:
        """Claims the text repeats, best first, only those at or above the threshold."""
        return [m for m in self.candidates(text, top_k) if m.score >= self.threshold]

    def candidates(self, text: str, top_k: int = 5) -> list[ClaimMatch]:
        """The best-scoring claims whatever their score (for people exploring: `search --semua`)."""
        if not text or len(text.split()) < MIN_POST_WORDS or len(self.index) == 0:
            return []
        segs = segments(text)
        vectors = self.embedder.embed_posts([text, *segs])
        return self.rank(text, vectors[0], vectors[1:], top_k)

    def rank(
        self, text: str, post_vector: np.ndarray, segment_vectors: np.ndarray, top_k: int
    ) -> list[ClaimMatch]:
        """Score with precomputed post vectors (the benchmarks reuse cached embeddings)."""
        cand, scores = self.score_candidates(text, post_vector, segment_vectors)
        keep = cand < self.index.n_kb  # background sentences compete but are never returned
        cand, scores = cand[keep], scores[keep]
        order = np.argsort(-scores)[:top_k]
        out = []
        for i in order.tolist():
            claim = self.index.claims[int(cand[i])]
            score = float(scores[i])
            out.append(
                ClaimMatch(
                    claim_id=claim.claim_id,
                    claim=claim.claim,
                    verdict=claim.verdict,
                    source_url=claim.source_url,
                    score=score,
                    publisher=claim.publisher,
                    confident=score >= self.confident_threshold,
                )
            )
        return out

    def score_candidates(
        self, text: str, post_vector: np.ndarray, segment_vectors: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """(candidate claim positions, calibrated scores)."""
        cand, features = candidate_features(self.index, text, post_vector, segment_vectors)
        return cand, self.scorer.score(features)

    def reload(self, engine: Engine) -> None:
        """Swap in a fresh index (after imports); readers keep using the old one until then."""
        self.index = ClaimIndex.from_engine(engine, self._embedder)
