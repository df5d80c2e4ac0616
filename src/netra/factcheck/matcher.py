"""`KnowledgeBaseMatcher`: the knowledge base behind `netra.analysis.claims.ClaimMatcher`.

For one post: cut it into views (the whole post, its lines, quoted parts, sentences and
clauses: a forwarded hoax is often one line inside a chain message, a quoted one a clause inside
someone's question), embed them, score every claim three ways (dense e5 cosine, char n-gram
TF-IDF, word-stem TF-IDF) for the whole post and for its best view, take the union of each
signal's top candidates, compute the pair features and let the calibrated scorer decide. Only
claims scoring at or above the calibrated threshold are returned, best first.
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
SEMANTIC_POOL = 1000  # claims nearest to the whole post's vector, scored exactly on every view
LEXICAL_POOL = 250  # and those closest to it by char TF-IDF, and by word TF-IDF
MAX_SEGMENTS = 8
MIN_SEGMENT_WORDS = 4
MIN_POST_WORDS = 4  # "tidak rusak" repeats no claim; a claim needs a subject and an assertion
SAME_AS_WHOLE = 0.85  # a segment with this share of the post's words adds nothing
_LINE_SPLIT = re.compile(r"[\n\r]+|[\"“”«»]")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?‼])\s+")
_CLAUSE_SPLIT = re.compile(r"[,;:]\s+|\s+[-–—]+\s+|\.{2,}|…")  # "8,7" and "Rp1.000" stay whole
_STRIP = " \t-–—:;,.'\"…"


def segments(text: str) -> list[str]:
    """Parts of a post worth matching on their own: lines, sentences, quoted parts, clauses.

    A forwarded hoax is one line of a chain message; a quoted one sits inside someone's question
    ("Katanya …, serius nih?"). Lines and quoted parts come first (longest first), then their
    sentences, then clauses; pieces under MIN_SEGMENT_WORDS words, or nearly the whole post,
    are left out.
    """
    total = len(text.split())
    if total < MIN_POST_WORDS:
        return []
    lines = [p.strip(_STRIP) for p in _LINE_SPLIT.split(text)]
    sentences = [s.strip(_STRIP) for p in lines for s in _SENTENCE_SPLIT.split(p)]
    clauses = [c.strip(_STRIP) for p in sentences for c in _CLAUSE_SPLIT.split(p)]
    out: list[str] = []
    seen: set[str] = set()
    for group in (lines, sentences, clauses):
        for piece in sorted(group, key=len, reverse=True):
            n = len(piece.split())
            if n < MIN_SEGMENT_WORDS or n >= SAME_AS_WHOLE * total or piece in seen:
                continue
            seen.add(piece)
            out.append(piece)
    return out[:MAX_SEGMENTS]


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    if scores.shape[0] <= k:
        return np.arange(scores.shape[0])
    return np.argpartition(scores, -k)[-k:]


def candidate_features(
    index: ClaimIndex, text: str, post_vector: np.ndarray, segment_vectors: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Candidates (union of each signal's top claims) and their pair features.

    `segment_vectors` are the vectors of `segments(text)`, in order. A post shorter than
    MIN_POST_WORDS gets no candidates at all.

    Two stages keep the cost independent of the knowledge base's size: a *pool* of claims worth
    scoring (the SEMANTIC_POOL nearest to the whole post's vector, the LEXICAL_POOL closest by
    char and by word TF-IDF), then exact cosines of the whole post and of each view against the
    pool only. A claim a view repeats is near the whole post too, or shares its rare words.
    """
    if len(text.split()) < MIN_POST_WORDS or len(index) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    segs = segments(text)
    seg_vectors = np.asarray(segment_vectors, dtype=np.float32).reshape(-1, DIM)
    if seg_vectors.shape[0] != len(segs):
        raise ValueError("one vector per segment of the text")
    post_vector = np.asarray(post_vector, dtype=np.float32).reshape(DIM)
    lq = index.lexical.query([text, *segs])
    near, _ = index.dense.search(post_vector, SEMANTIC_POOL)
    by_char, by_word = index.lexical.retrieve(lq, LEXICAL_POOL)
    pool = np.unique(np.concatenate([near, by_char, by_word]))
    sem_views = index.dense.cosines(pool, np.vstack([post_vector, seg_vectors])).T
    char_views, word_views = index.lexical.scores(lq, pool)
    signals = PostSignals(
        pool=pool,
        sem=sem_views[0],
        sem_best=sem_views.max(axis=0),
        char=char_views[0],
        char_best=char_views.max(axis=0),
        word=word_views[0],
        word_best=word_views.max(axis=0),
        words=lq.words,
    )
    cand = np.unique(
        np.concatenate(
            [
                _top(values, CANDIDATES_PER_SIGNAL)
                for values in (
                    signals.sem,
                    signals.sem_best,
                    signals.char,
                    signals.word,
                    signals.char_best,
                    signals.word_best,
                )
            ]
        )
    )
    return pool[cand], pair_features(signals, cand, index.lexical)


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
