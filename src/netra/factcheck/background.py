"""The shipped reference crowd of claim-like sentences (see benchmarks/factcheck_background.py).

They join every index as competitors for the "stands out" features and are never returned, so
the calibrated threshold means the same for a 40-claim demo knowledge base as for 100,000 claims.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from netra.factcheck.embed import MODEL_ID

BACKGROUND_FILE = Path(__file__).resolve().parent / "background.npz"


@lru_cache(maxsize=1)
def load_background() -> tuple[list[str], np.ndarray]:
    """(texts, float32 vectors); empty if the file is missing or from another model."""
    if not BACKGROUND_FILE.exists():
        return [], np.zeros((0, 384), dtype=np.float32)
    with np.load(BACKGROUND_FILE, allow_pickle=False) as data:
        if str(data["model"]) != MODEL_ID:
            return [], np.zeros((0, 384), dtype=np.float32)
        return data["texts"].tolist(), data["vectors"].astype(np.float32)
