"""Nearest claim vectors for a post: exact below `EXACT_UP_TO` claims, two-pass above.

Reading every claim vector for every post is a 150 MB pass at 100,000 claims (tens of
milliseconds on a shared core, more than the whole match budget). Above `EXACT_UP_TO` vectors
the index keeps, besides the vectors, their projection on the `DIMS` principal directions of
the claims (fitted once at load on a sample, deterministic): a post first scores every claim
in that reduced space (a quarter of the bytes), then the `rerank` best are scored exactly with
the full vectors. The cosines it returns are exact; only which claims are looked at is
approximate. On real e5 vectors (20,000 claims and posts of the benchmark) this kept the exact
nearest claim for every post tried and 99.8% of the exact top 50; an inverted file (k-means
cells) reading a quarter of the vectors kept 97% — e5 vectors are not clustered enough for it
(`benchmarks/factcheck_speed.py query` reports the figures at 100,000 claims). Below the limit
(the demo's and the evaluation's knowledge bases) every vector is read, as before.
"""

from __future__ import annotations

import numpy as np

EXACT_UP_TO = 20_000
DIMS = 96  # principal directions kept for the first pass
RERANK = 2_000  # claims scored exactly after the first pass, plus RERANK_SHARE of the index
RERANK_SHARE = 0.02
FIT_SAMPLE = 20_000  # the directions are fitted on a sample (deterministic) to keep loading short
SEED = 0


class VectorIndex:
    """Top-k inner products (cosines of L2-normalised vectors) against a fixed matrix."""

    def __init__(
        self,
        vectors: np.ndarray,
        *,
        exact_up_to: int = EXACT_UP_TO,
        dims: int = DIMS,
        rerank: int = RERANK,
        rerank_share: float = RERANK_SHARE,
    ) -> None:
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.size = self.vectors.shape[0]
        self.two_pass = self.size > exact_up_to
        if self.two_pass:
            rng = np.random.default_rng(SEED)
            sample = np.sort(rng.choice(self.size, size=min(FIT_SAMPLE, self.size), replace=False))
            self.mean = self.vectors[sample].mean(axis=0)
            _, _, vt = np.linalg.svd(self.vectors[sample] - self.mean, full_matrices=False)
            self.directions = np.ascontiguousarray(vt[:dims], dtype=np.float32)
            # (x - mean) · q ranks like x · q for one post: the mean's share is the same for all
            self.reduced = np.empty((self.size, self.directions.shape[0]), dtype=np.float32)
            for start in range(0, self.size, 20_000):
                block = self.vectors[start : start + 20_000] - self.mean
                self.reduced[start : start + block.shape[0]] = block @ self.directions.T
            self.rerank = min(self.size, rerank + int(rerank_share * self.size))

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(claim positions, cosines) of about the k nearest vectors, best first."""
        query = np.asarray(query, dtype=np.float32).reshape(-1)
        if not self.two_pass:
            scores = self.vectors @ query
            top = _top(scores, k)
            return top, scores[top]
        approx = self.reduced @ (self.directions @ query)
        near = np.argpartition(approx, -self.rerank)[-self.rerank :]
        near.sort()  # ascending positions: the gather below reads memory in order
        scores = self.vectors[near] @ query
        top = _top(scores, k)
        return near[top], scores[top]

    def cosines(self, positions: np.ndarray, queries: np.ndarray) -> np.ndarray:
        """Exact (len(positions), len(queries)) cosines."""
        queries = np.asarray(queries, dtype=np.float32).reshape(-1, self.vectors.shape[1])
        return self.vectors[positions] @ queries.T


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k largest scores, best first."""
    if scores.shape[0] > k:
        part = np.argpartition(scores, -k)[-k:]
    else:
        part = np.arange(scores.shape[0])
    return part[np.argsort(-scores[part], kind="stable")]
