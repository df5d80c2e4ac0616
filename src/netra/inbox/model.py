"""The shipped triage model: a TF-IDF vocabulary and three linear heads (intent, topic,
urgency-high), in a format this module controls.

Files (in `netra/inbox/model/`): `triage.npz` holds numpy arrays only (loaded with
`allow_pickle=False`: a pickle can run code, and breaks across library versions) — each block's
vocabulary as UTF-8 text joined by newlines, its idf vector, each head's coefficients and
intercepts; `triage.json` holds labels, thresholds, the data fingerprint and cross-validated
figures. Scoring is a sparse dot product in numpy; scikit-learn is needed only to train.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from netra.inbox.errors import InboxError
from netra.inbox.features import BLOCKS, TextView

MODEL_DIR = Path(__file__).resolve().parent / "model"
MODEL_NAME = "triage"
FORMAT_VERSION = 1


@dataclass
class Vectorizer:
    """Vocabulary and idf per block; columns of block k start at `offsets[k]`."""

    vocab: dict[str, dict[str, int]]
    idf: dict[str, np.ndarray]

    @property
    def offsets(self) -> dict[str, int]:
        out, start = {}, 0
        for name, _ in BLOCKS:
            out[name] = start
            start += len(self.vocab[name])
        return out

    @property
    def n_features(self) -> int:
        return sum(len(self.vocab[name]) for name, _ in BLOCKS)

    def transform_one(self, v: TextView) -> tuple[np.ndarray, np.ndarray]:
        """(column indices, values) of one message's sparse vector."""
        cols: list[int] = []
        vals: list[float] = []
        offsets = self.offsets
        for name, extract in BLOCKS:
            vocab, idf = self.vocab[name], self.idf[name]
            block_cols, block_vals = [], []
            for feature, count in extract(v).items():
                j = vocab.get(feature)
                if j is not None:
                    block_cols.append(j)
                    block_vals.append((1.0 + math.log(count)) * float(idf[j]))
            norm = math.sqrt(sum(x * x for x in block_vals)) or 1.0
            cols.extend(offsets[name] + j for j in block_cols)
            vals.extend(x / norm for x in block_vals)
        return np.asarray(cols, dtype=np.int64), np.asarray(vals, dtype=np.float64)


@dataclass
class Head:
    """A linear classifier over the shared features (multinomial, or binary with one row)."""

    name: str
    labels: tuple[str, ...]
    coef: np.ndarray  # (n_rows, n_features)
    intercept: np.ndarray  # (n_rows,)

    def probabilities(self, cols: np.ndarray, vals: np.ndarray) -> dict[str, float]:
        scores = self.coef[:, cols] @ vals + self.intercept if len(cols) else self.intercept.copy()
        if len(self.labels) == 2 and self.coef.shape[0] == 1:
            p = 1.0 / (1.0 + math.exp(-float(scores[0])))
            return {self.labels[0]: 1.0 - p, self.labels[1]: p}
        scores = scores - scores.max()
        exp = np.exp(scores)
        probs = exp / exp.sum()
        return {label: float(p) for label, p in zip(self.labels, probs, strict=True)}


@dataclass
class TriageModel:
    vectorizer: Vectorizer
    heads: dict[str, Head]
    meta: dict[str, Any]

    def predict(self, v: TextView) -> dict[str, dict[str, float]]:
        """Probabilities per head for one message."""
        cols, vals = self.vectorizer.transform_one(v)
        return {name: head.probabilities(cols, vals) for name, head in self.heads.items()}

    @property
    def thresholds(self) -> dict[str, float]:
        return dict(self.meta.get("thresholds", {}))

    # -- files ------------------------------------------------------------------------------
    def save(self, directory: Path, name: str = MODEL_NAME) -> tuple[Path, Path]:
        directory.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, np.ndarray] = {}
        for block, _ in BLOCKS:
            words = sorted(self.vectorizer.vocab[block], key=self.vectorizer.vocab[block].get)
            arrays[f"vocab_{block}"] = np.frombuffer("\n".join(words).encode("utf-8"), np.uint8)
            arrays[f"idf_{block}"] = self.vectorizer.idf[block].astype(np.float32)
        for head in self.heads.values():
            arrays[f"coef_{head.name}"] = head.coef.astype(np.float32)
            arrays[f"intercept_{head.name}"] = head.intercept.astype(np.float32)
        npz = directory / f"{name}.npz"
        with open(npz, "wb") as fh:
            np.savez_compressed(fh, **arrays)
        meta = dict(self.meta)
        meta["format_version"] = FORMAT_VERSION
        meta["heads"] = {h.name: list(h.labels) for h in self.heads.values()}
        path = directory / f"{name}.json"
        path.write_text(
            json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        return npz, path

    @classmethod
    def load(cls, directory: Path = MODEL_DIR, name: str = MODEL_NAME) -> TriageModel:
        npz_path, meta_path = directory / f"{name}.npz", directory / f"{name}.json"
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            data = np.load(npz_path, allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise InboxError(
                "model_missing",
                f"Model triase kotak masuk tidak bisa dimuat ({exc}). Jalankan: netra inbox train",
            ) from None
        if meta.get("format_version") != FORMAT_VERSION:
            raise InboxError("model_version", "Versi berkas model triase tidak dikenal.")
        vocab, idf = {}, {}
        for block, _ in BLOCKS:
            text = data[f"vocab_{block}"].tobytes().decode("utf-8")
            words = text.split("\n") if text else []
            vocab[block] = {w: i for i, w in enumerate(words)}
            idf[block] = data[f"idf_{block}"].astype(np.float64)
        heads = {
            head: Head(
                head,
                tuple(labels),
                data[f"coef_{head}"].astype(np.float64),
                data[f"intercept_{head}"].astype(np.float64),
            )
            for head, labels in meta["heads"].items()
        }
        return cls(Vectorizer(vocab, idf), heads, meta)


@lru_cache(maxsize=1)
def get_model() -> TriageModel:
    """The shipped model, loaded once per process on first use."""
    return TriageModel.load()


def labels_of(model: TriageModel, head: str) -> Sequence[str]:
    return model.heads[head].labels
