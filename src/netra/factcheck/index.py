"""The in-memory index of active claims: metadata, stored vectors, lexical matrices.

Built once per process from the database (`ClaimIndex.from_engine`): one query loads the active
claims with their float16 vectors as raw bytes (numpy reads them without copying per row), then
the TF-IDF matrices are fitted. Retired claims are not loaded, so they are never matched.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Engine, select
from sqlalchemy import text as sql

from netra.factcheck.background import load_background
from netra.factcheck.embed import DIM, Embedder, get_embedder, text_sha256
from netra.factcheck.importers.report import NoProgress, Progress
from netra.factcheck.lexical import LexicalIndex
from netra.factcheck.store import ClaimStore, StoredVector
from netra.factcheck.tables import STATUS_ACTIVE, Claim, ClaimEmbedding
from netra.factcheck.vectors import VectorIndex
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
        self.dense = VectorIndex(np.vstack([kb_vectors, bg_vectors]))
        self.lexical = LexicalIndex([c.claim for c in self.claims] + list(bg_texts))

    @property
    def vectors(self) -> np.ndarray:
        """(n_kb + background, 384) float32 claim vectors."""
        return self.dense.vectors

    def __len__(self) -> int:
        return self.n_kb

    @classmethod
    def from_engine(cls, engine: Engine, embedder: Embedder | None = None) -> ClaimIndex:
        """Active claims and their vectors.

        A vector goes missing when an edit changes the claim text without re-embedding (the
        store drops the stale vector) or when an import ran without the model (the demo start
        imports the seed that way). Missing vectors are computed and stored here, under the
        embedding lock (`refresh_embeddings`), so that a second loader (another thread, another
        web worker, the demo's background step) waits and then finds them stored instead of
        computing them again. Only if they cannot be stored (a read-only database) are they
        computed in memory for this process.
        """
        claims, vectors, missing = _read_active(engine)
        if missing:
            embedder = embedder or get_embedder()
            try:
                refresh_embeddings(engine, embedder)
                claims, vectors, missing = _read_active(engine)
            except Exception:
                log.exception("storing the missing claim vectors failed; computing in memory")
        if missing:
            log.warning("%d claims lack a stored embedding; computing in memory", len(missing))
            embedder = embedder or get_embedder()
            vectors[missing] = embedder.embed_many([claims[i].claim for i in missing])
        return cls(claims, vectors)


def _read_active(engine: Engine) -> tuple[list[IndexedClaim], np.ndarray, list[int]]:
    """Active claims, their stored vectors (zeros where missing) and the positions missing one."""
    query = (
        select(
            Claim.claim_id,
            Claim.claim,
            Claim.verdict,
            Claim.source_url,
            Claim.publisher,
            ClaimEmbedding.vector,
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
            blobs.append(row[5] if row[5] is not None and row[6] is not None else None)
    vectors = np.zeros((len(claims), DIM), dtype=np.float32)
    present = [i for i, b in enumerate(blobs) if b is not None and len(b) == DIM * 2]
    if present:
        joined = b"".join(blobs[i] for i in present)  # type: ignore[misc]
        vectors[present] = np.frombuffer(joined, dtype=np.float16).reshape(-1, DIM)
    present_set = set(present)
    return claims, vectors, [i for i in range(len(claims)) if i not in present_set]


_embedding_lock = threading.Lock()


@contextmanager
def embedding_lock(engine: Engine) -> Iterator[None]:
    """One claim-embedding job at a time per database: across threads (a process-wide lock)
    and across processes (an advisory lock on PostgreSQL, a lock file next to a SQLite file).
    Whoever waited then finds the vectors stored and has nothing left to compute."""
    with _embedding_lock:
        url = engine.url
        if url.get_backend_name() == "postgresql":
            with engine.connect() as conn:
                conn.execute(sql("SELECT pg_advisory_lock(:k)"), {"k": _ADVISORY_KEY})
                try:
                    yield
                finally:
                    conn.execute(sql("SELECT pg_advisory_unlock(:k)"), {"k": _ADVISORY_KEY})
                    conn.commit()
            return
        database = url.database if url.get_backend_name() == "sqlite" else None
        if not database or database == ":memory:" or database.startswith("file:"):
            yield
            return
        try:
            import fcntl
        except ImportError:  # not POSIX: the process-wide lock is what there is
            yield
            return
        with open(f"{database}.netra-embed.lock", "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


_ADVISORY_KEY = 0x4E455452  # "NETR": the claim-embedding job


def refresh_embeddings(
    engine: Engine,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    batch: int = 256,
) -> int:
    """Compute and store vectors for claims whose vector is missing, stale or from another model.

    Runs under `embedding_lock`: a caller that waited for another one finds nothing left to do.
    """
    embedder = embedder or get_embedder()
    progress = progress or NoProgress()
    with embedding_lock(engine):
        return _refresh(engine, embedder, progress, batch)


def _refresh(engine: Engine, embedder: Embedder, progress: Progress, batch: int) -> int:
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
