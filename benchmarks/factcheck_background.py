"""Write src/netra/factcheck/background.npz: the reference crowd the matcher compares against.

The scorer's "does this claim stand out for this post" features (z-scores, margins, ranks) would
otherwise depend on the size of the agency's knowledge base: in a 40-claim demo KB every
top candidate stands out. So 3,000 generated claim-like sentences (the project's own templates,
no third-party text) are shipped with their e5 vectors; the index adds them to every knowledge
base as competitors that are never returned. Regenerate after changing the embedding model.

    .venv/bin/python benchmarks/factcheck_background.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from factcheck_data import distractor_claims, embed_cached

from netra.factcheck.background import BACKGROUND_FILE
from netra.factcheck.embed import MODEL_ID

N = 3000
SEED = 4242


def main() -> None:
    texts = [t for _, t in distractor_claims(N, SEED)]
    vectors = embed_cached(texts, "claim").astype(np.float16)
    np.savez_compressed(
        BACKGROUND_FILE, texts=np.array(texts), vectors=vectors, model=np.array(MODEL_ID)
    )
    print(f"{len(texts)} background claims written to {BACKGROUND_FILE}")


if __name__ == "__main__":
    main()
