"""Fixtures for the fact-check tests: a migrated database on both backends, a cheap embedder."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import numpy as np
import pytest

from netra.storage.db import make_engine
from netra.storage.migrate import upgrade


class HashEmbedder:
    """Deterministic stand-in for the e5 model in store/import tests (no semantics, no cost)."""

    model_id = "test-hash/v1"

    def __init__(self) -> None:
        self.calls = 0

    def _vec(self, text: str) -> np.ndarray:
        seed = int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)
        v = np.random.default_rng(seed).standard_normal(384).astype(np.float32)
        return v / np.linalg.norm(v)

    def embed_many(self, texts, batch_size=64, progress=None):
        self.calls += len(texts)
        if progress:
            progress(len(texts))
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, 384))

    def embed_post(self, text):
        return self._vec(text)

    def embed_posts(self, texts, batch_size=64):
        return np.stack([self._vec(t) for t in texts])


@pytest.fixture
def fc_engine(db_url) -> Iterator:
    engine = make_engine(db_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def embedder() -> HashEmbedder:
    return HashEmbedder()
