"""Loading the index stores the claim vectors it finds missing, once, whoever else is loading.

The demo start imports the seed without vectors and embeds them in a background thread while
the checker's loader starts: both must not embed the same claims (nor two web workers).
"""

from __future__ import annotations

import multiprocessing
import threading
import time

from sqlalchemy import func, select

from netra.factcheck.index import ClaimIndex, refresh_embeddings
from netra.factcheck.store import ClaimStore
from netra.factcheck.tables import ClaimEmbedding
from netra.storage.db import make_engine, session_scope
from tests.factcheck.conftest import HashEmbedder

N = 4


class SlowEmbedder(HashEmbedder):
    """Takes long enough for a second loader to arrive while the first is embedding."""

    def embed_many(self, texts, batch_size=64, progress=None):
        time.sleep(0.4)
        return super().embed_many(texts, batch_size, progress)


def _add_claims_without_vectors(engine) -> None:
    with session_scope(engine) as s:
        store = ClaimStore(s)
        for i in range(N):
            store.add(
                {
                    "claim_id": f"kb-{i}",
                    "claim": f"Klaim hoaks nomor {i} tentang bantuan sosial palsu di kota {i}",
                    "verdict": "hoaks",
                    "source_url": f"https://contoh.id/{i}",
                    "published_at": "2 Januari 2024",
                },
                by="uji",
            )


def _stored(engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(ClaimEmbedding))


def test_the_loader_stores_missing_vectors_and_the_next_load_reuses_them(fc_engine, embedder):
    _add_claims_without_vectors(fc_engine)
    assert _stored(fc_engine) == 0
    index = ClaimIndex.from_engine(fc_engine, embedder)
    assert len(index) == N and embedder.calls == N
    assert _stored(fc_engine) == N
    again = ClaimIndex.from_engine(fc_engine, embedder)
    assert embedder.calls == N  # nothing computed twice
    assert (again.vectors[:N] != 0).any(axis=1).all()


def test_concurrent_loaders_and_the_demo_step_embed_each_claim_once(fc_engine):
    _add_claims_without_vectors(fc_engine)
    embedder = SlowEmbedder()
    errors: list[BaseException] = []

    def run(fn) -> None:
        try:
            fn()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    jobs = [
        lambda: ClaimIndex.from_engine(fc_engine, embedder),  # the checker's loader
        lambda: ClaimIndex.from_engine(fc_engine, embedder),  # a second loader
        lambda: refresh_embeddings(fc_engine, embedder),  # the demo's background step
    ]
    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert embedder.calls == N
    assert _stored(fc_engine) == N


def _refresh_in_process(url: str) -> int:
    engine = make_engine(url)
    try:
        return refresh_embeddings(engine, SlowEmbedder())
    finally:
        engine.dispose()


def test_two_worker_processes_do_not_embed_the_same_claims(tmp_path):
    from netra.storage.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'kb.db'}"
    engine = make_engine(url)
    upgrade(engine)
    _add_claims_without_vectors(engine)
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(2) as pool:
        computed = pool.map(_refresh_in_process, [url, url])
    assert sorted(computed) == [0, N]  # one worker embedded, the other found them stored
    assert _stored(engine) == N
    engine.dispose()
