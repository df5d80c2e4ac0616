"""Shared by the fact-check calibration and evaluation scripts: build an index, featurise posts."""

from __future__ import annotations

import numpy as np
from factcheck_data import Dataset, Query, embed_cached
from rich.progress import Progress

from netra.factcheck.index import ClaimIndex, IndexedClaim
from netra.factcheck.matcher import candidate_features, segments


def build_index(data: Dataset) -> ClaimIndex:
    texts = [t for _, t in data.claims]
    vectors = embed_cached(texts, "claim")
    claims = [
        IndexedClaim(cid, text, "hoaks", f"https://contoh.id/{cid}") for cid, text in data.claims
    ]
    return ClaimIndex(claims, vectors)


def post_vectors(queries: list[Query]) -> list[tuple[np.ndarray, np.ndarray]]:
    """(whole-post vector, segment vectors) per post, from the embedding cache."""
    texts: list[str] = []
    spans = []
    for q in queries:
        segs = segments(q.text)
        spans.append((len(texts), len(segs)))
        texts += [q.text, *segs]
    matrix = embed_cached(texts, "post")
    return [(matrix[start], matrix[start + 1 : start + 1 + n]) for start, n in spans]


def featurise(index: ClaimIndex, queries: list[Query], label: str):
    """Per post: candidate positions, features, and which candidate (if any) is the gold claim."""
    vectors = post_vectors(queries)
    position = {c.claim_id: i for i, c in enumerate(index.claims)}
    out = []
    with Progress(transient=True) as bar:
        task = bar.add_task(label, total=len(queries))
        for q, (pv, sv) in zip(queries, vectors, strict=True):
            cand, feats = candidate_features(index, q.text, pv, sv)  # incl. background
            gold = position.get(q.gold) if q.gold else None
            out.append((q, cand, feats, gold))
            bar.advance(task)
    return out
