"""A shipped linear classifier: vocabulary, IDF weights, coefficients, calibration, thresholds.

Artifacts are two files per model, in a format this module controls rather than a pickle of
scikit-learn objects (pickles are unsafe to load and break across library versions):

- `model.npz`: numpy arrays only (`allow_pickle=False`): each block's vocabulary as UTF-8 text
  joined by newlines, its IDF vector, the coefficient matrix, intercepts and calibration;
- `meta.json`: labels, feature configuration, thresholds with their precision/recall trade-off,
  metrics, data fingerprints, training date and engine version.

Scoring a post is a sparse dot product: the features it contains are looked up in the vocabulary,
weighted `(1 + ln count) × idf`, L2-normalised per block and multiplied with the coefficients.
Because the model is linear, each feature's share of the score (`value × coefficient`) can be
handed back to the tokens that produced it; `token_contributions` does that.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from netra.models.features import (
    FeatureConfig,
    Featurizer,
    char_ngrams_of,
    lexicon_from_words,
    raw_ngrams,
    views,
)

FORMAT_VERSION = 1


@dataclass(slots=True)
class Block:
    """One feature block: its vocabulary maps a feature string to a global column.

    `_word_ids` caches, per word, the columns of the features that word alone produces (its
    character n-grams, or its unigram/stem/lexicon marks): words repeat, so after warm-up a post
    costs one dictionary look-up per word and block.
    """

    name: str
    vocab: dict[str, int]
    idf: np.ndarray  # idf[column - offset]
    offset: int
    scale: float = 1.0
    _word_ids: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def ids_for(self, word: str, features: Callable[[str], Iterable[str]]) -> np.ndarray:
        ids = self._word_ids.get(word)
        if ids is None:
            get = self.vocab.get
            found = [j for j in (get(f) for f in features(word)) if j is not None]
            ids = np.array(found, dtype=np.int64)
            if len(self._word_ids) >= _WORD_CACHE_LIMIT:
                self._word_ids.clear()  # hostile input (endless new words) cannot grow memory
            self._word_ids[word] = ids
        return ids


_WORD_CACHE_LIMIT = 200_000


# Where features came from: (first token, number of tokens, columns) per token or n-gram.
Place = tuple[int, int, np.ndarray]


@dataclass(slots=True)
class SparseDoc:
    """A vectorised post: columns and values, plus where each feature occurrence came from."""

    columns: np.ndarray
    values: np.ndarray
    places: list[Place]


@dataclass(slots=True)
class LinearModel:
    """A calibrated linear model over TF-IDF blocks.

    `multilabel`: one independent sigmoid per label, `p = σ(a·(x·w + b) + c)` (Platt scaling on
    out-of-fold scores). Otherwise a softmax over the labels, `p = softmax(a·(xW + b))`.
    """

    name: str
    labels: tuple[str, ...]
    multilabel: bool
    featurizer: Featurizer
    blocks: list[Block]
    coef: np.ndarray  # (n_features, n_labels) float32
    intercept: np.ndarray  # (n_labels,)
    calib_a: np.ndarray  # (n_labels,) slope (multilabel) or a single temperature (multiclass)
    calib_b: np.ndarray  # (n_labels,)
    meta: dict[str, Any] = field(default_factory=dict)
    dense_offset: int = -1  # first column of the sentence-embedding block (-1: none)
    dense_scale: float = 1.0

    # -- scoring ---------------------------------------------------------------------------------
    def vectorize(self, doc: Any, embedding: np.ndarray | None = None) -> SparseDoc:
        """The post's TF-IDF vector, computed exactly as training computed its matrix rows.

        Equivalent to looking up every feature of `Featurizer.extract(doc)` in the vocabulary,
        but per word and cached.
        """
        cfg = self.featurizer.config
        view, surface = views(doc)
        places: list[Place] = []
        for block in self.blocks:
            if block.name == "word":
                self._word_block(surface if cfg.word_view == "surface" else view, block, places)
                continue
            if block.name == "raw":
                get = block.vocab.get
                found = [get(g) for g in raw_ngrams(doc.text, cfg.raw_min, cfg.raw_max)]
                ids = np.array([j for j in found if j is not None], dtype=np.int64)
                if ids.size:
                    places.append((-1, 1, ids))  # belongs to no token
                continue
            if block.name == "char":
                words, lo, hi = view, cfg.char_min, cfg.char_max
            else:
                words, lo, hi = surface, cfg.surface_min, cfg.surface_max

            def grams(word: str, lo: int = lo, hi: int = hi) -> list[str]:
                return char_ngrams_of(word, lo, hi)

            ids_for = block.ids_for
            for i, w in enumerate(words):
                if w is not None:
                    ids = ids_for(w, grams)
                    if ids.size:
                        places.append((i, 1, ids))
        flat = np.concatenate([ids for _, _, ids in places]) if places else np.zeros(0, np.int64)
        columns, counts = np.unique(flat, return_counts=True)
        values = np.empty(columns.size, dtype=np.float64)
        for block in self.blocks:
            lo_i = np.searchsorted(columns, block.offset)
            hi_i = np.searchsorted(columns, block.offset + len(block.idf))
            if hi_i == lo_i:
                continue
            v = (1.0 + np.log(counts[lo_i:hi_i])) * block.idf[columns[lo_i:hi_i] - block.offset]
            norm = math.sqrt(float(v @ v))
            values[lo_i:hi_i] = v * (block.scale / norm) if norm > 0 else v
        if self.dense_offset >= 0:
            if embedding is None:
                raise ValueError(f"model {self.name} needs the post's sentence embedding")
            dense_cols = np.arange(self.dense_offset, self.dense_offset + embedding.shape[-1])
            columns = np.concatenate([columns, dense_cols])
            values = np.concatenate(
                [values, embedding.astype(np.float64).ravel() * self.dense_scale]
            )
        return SparseDoc(columns, values, places)

    def _word_block(self, view: Sequence[str | None], block: Block, places: list[Place]) -> None:
        feats = self.featurizer
        get = block.vocab.get
        max_n = feats.config.word_ngrams
        ids_for = block.ids_for
        word_features = feats.word_features
        n_view = len(view)
        for i, w in enumerate(view):
            if w is None:
                continue
            own = ids_for(w, word_features)
            if own.size:
                places.append((i, 1, own))
            gram = w
            for n in range(2, max_n + 1):
                j = i + n - 1
                if j >= n_view or view[j] is None:
                    break
                gram = gram + " " + view[j]  # type: ignore[operator]
                col = get(gram)
                if col is not None:
                    places.append((i, n, np.array((col,), dtype=np.int64)))

    def logits(self, x: SparseDoc) -> np.ndarray:
        """Raw linear scores, one per label."""
        if x.columns.size == 0:
            return self.intercept.astype(np.float64)
        return x.values @ self.coef[x.columns] + self.intercept

    def probabilities(self, x: SparseDoc) -> np.ndarray:
        z = self.logits(x)
        return self.calibrate(z)

    def calibrate(self, z: np.ndarray) -> np.ndarray:
        """Calibrated probabilities from raw scores (works on one row or a matrix)."""
        if self.multilabel:
            return 1.0 / (1.0 + np.exp(-(self.calib_a * z + self.calib_b)))
        t = self.calib_a[0] * z
        t = t - t.max(axis=-1, keepdims=True)
        e = np.exp(t)
        return e / e.sum(axis=-1, keepdims=True)

    def score_document(self, doc: Any) -> tuple[SparseDoc, np.ndarray]:
        embedding = None
        if self.dense_offset >= 0:
            from netra.models.embed import embed

            embedding = embed([doc.text])[0]
        x = self.vectorize(doc, embedding)
        return x, self.probabilities(x)

    def token_contributions(self, x: SparseDoc, label: int) -> dict[int, float]:
        """Each token's share of one label's raw score (features split evenly over tokens).

        Sums, over all tokens, to the score minus the intercept (the sentence-embedding block,
        if any, belongs to no token and is left out). Positive values push towards the label: the
        offending words.
        """
        if not x.places:
            return {}
        # A column's weight in the score, shared equally by each of its occurrences.
        contribution = x.values * self.coef[x.columns, label]
        occurrences: dict[int, int] = {}
        for _, _, ids in x.places:
            for j in ids.tolist():
                occurrences[j] = occurrences.get(j, 0) + 1
        per_column = dict(zip(x.columns.tolist(), contribution.tolist(), strict=False))
        out: dict[int, float] = {}
        for first, n, ids in x.places:
            if first < 0:
                continue  # raw-text features belong to no token
            share = sum(per_column[j] / occurrences[j] for j in ids.tolist()) / n
            for t in range(first, first + n):
                out[t] = out.get(t, 0.0) + share
        return out

    @property
    def thresholds(self) -> dict[str, float]:
        return {k: float(v["threshold"]) for k, v in self.meta.get("thresholds", {}).items()}

    # -- persistence -----------------------------------------------------------------------------
    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, np.ndarray] = {
            "coef": self.coef.astype(np.float32),
            "intercept": self.intercept.astype(np.float64),
            "calib_a": self.calib_a.astype(np.float64),
            "calib_b": self.calib_b.astype(np.float64),
        }
        blocks_meta = []
        for block in self.blocks:
            ordered = sorted(block.vocab, key=block.vocab.__getitem__)
            if any("\n" in f for f in ordered):
                raise ValueError("feature strings must not contain newlines")
            text = "\n".join(ordered).encode("utf-8")
            arrays[f"vocab_{block.name}"] = np.frombuffer(text, dtype=np.uint8)
            arrays[f"idf_{block.name}"] = block.idf.astype(np.float64)
            blocks_meta.append(
                {
                    "name": block.name,
                    "offset": block.offset,
                    "size": len(ordered),
                    "scale": block.scale,
                }
            )
        with open(directory / "model.npz", "wb") as fh:
            np.savez_compressed(fh, **arrays)
        meta = dict(self.meta)
        meta.update(
            {
                "format_version": FORMAT_VERSION,
                "name": self.name,
                "labels": list(self.labels),
                "multilabel": self.multilabel,
                "features": self.featurizer.config.to_dict(),
                "lexicons": {k: sorted(v) for k, v in self.featurizer.lexicons.items()},
                "blocks": blocks_meta,
                "dense": {"offset": self.dense_offset, "scale": self.dense_scale},
            }
        )
        (directory / "meta.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, directory: Path) -> LinearModel:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"{directory}: unsupported model format {meta.get('format_version')}")
        with np.load(directory / "model.npz", allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
        blocks = []
        for bm in meta["blocks"]:
            text = arrays[f"vocab_{bm['name']}"].tobytes().decode("utf-8")
            words = text.split("\n") if text else []
            offset = int(bm["offset"])
            vocab = dict(zip(words, range(offset, offset + len(words)), strict=True))
            blocks.append(
                Block(bm["name"], vocab, arrays[f"idf_{bm['name']}"], offset, float(bm["scale"]))
            )
        lexicons = {k: lexicon_from_words(v) for k, v in meta.get("lexicons", {}).items()}
        featurizer = Featurizer(FeatureConfig.from_dict(meta["features"]), lexicons)
        return cls(
            name=meta["name"],
            labels=tuple(meta["labels"]),
            multilabel=bool(meta["multilabel"]),
            featurizer=featurizer,
            blocks=blocks,
            coef=arrays["coef"],
            intercept=arrays["intercept"],
            calib_a=arrays["calib_a"],
            calib_b=arrays["calib_b"],
            meta=meta,
            dense_offset=int(meta.get("dense", {}).get("offset", -1)),
            dense_scale=float(meta.get("dense", {}).get("scale", 1.0)),
        )


def apply_overrides(
    thresholds: Mapping[str, float], overrides: Mapping[str, Any]
) -> dict[str, float]:
    """Thresholds after an administrator's overrides (unknown labels are ignored)."""
    out = dict(thresholds)
    for label, value in (overrides or {}).items():
        if label in out:
            out[label] = float(value)
    return out


def top_label(labels: Sequence[str], probs: np.ndarray) -> str:
    return labels[int(np.argmax(probs))]
