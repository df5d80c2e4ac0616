"""The in-memory index of active claims: metadata, stored vectors, lexical matrices.

Built once per process from the database (`ClaimIndex.from_engine`): one query loads the active
claims with their float16 vectors as raw bytes (numpy reads them without copying per row), then
the TF-IDF matrices are fitted. Retired claims are not loaded, so they are never matched.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Engine, select

from netra.factcheck.background import load_background
from netra.factcheck.embed import DIM, Embedder, get_embedder, text_sha256
from netra.factcheck.importers.report import NoProgress, Progress
from netra.factcheck.lexical import LexicalIndex
from netra.factcheck.store import ClaimStore, StoredVector
from netra.factcheck.tables import STATUS_ACTIVE, Claim, ClaimEmbedding
from netra.storage.db import session_scope

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IndexedClaim:
    claim_id: str
    claim: str
    verdict: str
    source_url: str
    publisher: str | None = None


class ClaimIndex:
    """Positions 0..n_kb-1 are the knowledge base's claims; after them come the background
    sentences (netra.factcheck.background), which compete in scoring but are never returned."""

    def __init__(
        self, claims: Sequence[IndexedClaim], vectors: np.ndarray, background: bool = True
    ) -> None:
        if len(claims) != vectors.shape[0]:
            raise ValueError("one vector per claim")
        self.claims = list(claims)
        self.n_kb = len(self.claims)
        bg_texts, bg_vectors = load_background() if background else ([], np.zeros((0, DIM)))
        kb_vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, DIM)
        self.vectors = np.ascontiguousarray(np.vstack([kb_vectors, bg_vectors]), dtype=np.float32)
        self.lexical = LexicalIndex([c.claim for c in self.claims] + list(bg_texts))

    def __len__(self) -> int:
        return self.n_kb

    @classmethod
    def from_engine(cls, engine: Engine, embedder: Embedder | None = None) -> ClaimIndex:
        """Active claims and their vectors; missing vectors are computed in memory (not stored).

        A vector goes missing when an edit changes the claim text without re-embedding (the
        store drops the stale vector) or when an import ran without the model.
        """
        query = (
            select(
                Claim.claim_id,
                Claim.claim,
                Claim.verdict,
                Claim.source_url,
                Claim.publisher,
                ClaimEmbedding.vector,
                ClaimEmbedding.text_sha256,
                ClaimEmbedding.model,
            )
            .outerjoin(ClaimEmbedding, ClaimEmbedding.claim_pk == Claim.id)
            .where(Claim.status == STATUS_ACTIVE)
            .order_by(Claim.id)
        )
        claims: list[IndexedClaim] = []
        blobs: list[bytes | None] = []
        with engine.connect() as conn:
            for row in conn.execute(query.execution_options(yield_per=5000)):
                claims.append(IndexedClaim(row[0], row[1], row[2], row[3], row[4]))
                ok = row[5] is not None and row[7] is not None
                blobs.append(row[5] if ok else None)
        vectors = np.zeros((len(claims), DIM), dtype=np.float32)
        present = [i for i, b in enumerate(blobs) if b is not None and len(b) == DIM * 2]
        if present:
            joined = b"".join(blobs[i] for i in present)  # type: ignore[misc]
            vectors[present] = np.frombuffer(joined, dtype=np.float16).reshape(-1, DIM)
        present_set = set(present)
        missing = [i for i in range(len(claims)) if i not in present_set]
        if missing:
            log.warning("%d claims lack a stored embedding; computing in memory", len(missing))
            embedder = embedder or get_embedder()
            vectors[missing] = embedder.embed_many([claims[i].claim for i in missing])
        return cls(claims, vectors)


def refresh_embeddings(
    engine: Engine,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    batch: int = 256,
) -> int:
    """Compute and store vectors for claims whose vector is missing, stale or from another model."""
    embedder = embedder or get_embedder()
    progress = progress or NoProgress()
    with engine.connect() as conn:
        rows = conn.execute(
            select(Claim.claim_id, Claim.claim, ClaimEmbedding.text_sha256, ClaimEmbedding.model)
            .outerjoin(ClaimEmbedding, ClaimEmbedding.claim_pk == Claim.id)
            .order_by(Claim.id)
        ).all()
    todo = [
        (cid, text)
        for cid, text, sha, model in rows
        if sha != text_sha256(text) or model != embedder.model_id
    ]
    progress.start("Menghitung embedding klaim", len(todo))
    for start in range(0, len(todo), batch):
        chunk = todo[start : start + batch]
        matrix = embedder.embed_many([t for _, t in chunk])
        with session_scope(engine) as session:
            store = ClaimStore(session)
            found = store.get_many([cid for cid, _ in chunk])
            for (cid, text), vec in zip(chunk, matrix, strict=True):
                if cid in found:
                    sv = StoredVector(embedder.model_id, text_sha256(text), vec)
                    store.set_vector(found[cid], sv)
        progress.advance(len(chunk))
    return len(todo)
