"""Turning a corpus into TF-IDF matrices that match the runtime arithmetic exactly.

Features are extracted once per text into a count matrix over every feature seen anywhere (the
"universe"). A model's vocabulary is then a choice of columns made from its training rows only
(document frequency ≥ `min_df`, capped at `max_features` by frequency), so cross-validation folds
and held-out splits never leak into the vocabulary, and extraction is not repeated per fold.
The weighting is the one `netra.models.linear.LinearModel.vectorize` applies at run time:
`(1 + ln count) × idf`, `idf = ln((1 + n) / (1 + df)) + 1`, L2 norm per block.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from netra.analysis.document import Document
from netra.analysis.normalize import Normalizer, default_normalizer
from netra.models.features import Featurizer
from netra.models.linear import Block


@dataclass(slots=True)
class CountCorpus:
    """Per block: a (documents × universe) count matrix and the feature strings of its columns."""

    counts: dict[str, sp.csr_matrix]
    features: dict[str, list[str]]

    @classmethod
    def build(
        cls,
        featurizer: Featurizer,
        texts: Sequence[str],
        normalizer: Normalizer | None = None,
    ) -> CountCorpus:
        normalizer = normalizer or default_normalizer()
        index: dict[str, dict[str, int]] = {b: {} for b in featurizer.config.blocks}
        data: dict[str, tuple[list[int], list[int], list[int]]] = {
            b: ([], [], [0]) for b in featurizer.config.blocks
        }
        for text in texts:
            occ = featurizer.extract(Document(text, normalizer))
            for block in featurizer.config.blocks:
                ids = index[block]
                row: dict[int, int] = {}
                for feat, _, _ in occ.get(block, ()):
                    j = ids.get(feat)
                    if j is None:
                        j = ids[feat] = len(ids)
                    row[j] = row.get(j, 0) + 1
                cols, vals, ptr = data[block]
                for j in sorted(row):
                    cols.append(j)
                    vals.append(row[j])
                ptr.append(len(cols))
        counts = {}
        features = {}
        for block in featurizer.config.blocks:
            cols, vals, ptr = data[block]
            counts[block] = sp.csr_matrix(
                (
                    np.asarray(vals, np.float64),
                    np.asarray(cols, np.int64),
                    np.asarray(ptr, np.int64),
                ),
                shape=(len(texts), len(index[block])),
            )
            features[block] = sorted(index[block], key=index[block].__getitem__)
        return cls(counts, features)


@dataclass(slots=True)
class Vocabulary:
    """The columns (of the universe) each block keeps, and their IDF from the training rows."""

    columns: dict[str, np.ndarray]
    idf: dict[str, np.ndarray]
    scales: dict[str, float]

    @classmethod
    def fit(
        cls,
        corpus: CountCorpus,
        rows: np.ndarray,
        *,
        min_df: int = 2,
        max_features: dict[str, int] | None = None,
        scales: dict[str, float] | None = None,
    ) -> Vocabulary:
        columns: dict[str, np.ndarray] = {}
        idf: dict[str, np.ndarray] = {}
        n = len(rows)
        for block, counts in corpus.counts.items():
            sub = counts[rows]
            df = np.asarray((sub > 0).sum(axis=0)).ravel()
            keep = np.flatnonzero(df >= min_df)
            cap = (max_features or {}).get(block)
            if cap and keep.size > cap:
                # Most frequent first; ties by feature string so the choice is deterministic.
                names = corpus.features[block]
                order = sorted(keep.tolist(), key=lambda j: (-df[j], names[j]))
                keep = np.asarray(sorted(order[:cap]), dtype=np.int64)
            columns[block] = keep
            idf[block] = np.log((1.0 + n) / (1.0 + df[keep])) + 1.0
        return cls(columns, idf, dict(scales or {}))

    def transform(self, corpus: CountCorpus, rows: np.ndarray | None = None) -> sp.csr_matrix:
        """TF-IDF rows (all documents when `rows` is None), blocks side by side."""
        parts = []
        for block, counts in corpus.counts.items():
            sub = counts if rows is None else counts[rows]
            m = sub[:, self.columns[block]].tocsr().astype(np.float64)
            m.data = 1.0 + np.log(m.data)
            m = m.multiply(self.idf[block][None, :]).tocsr()
            norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
            norms[norms == 0] = 1.0
            scale = self.scales.get(block, 1.0)
            m = sp.diags(scale / norms) @ m
            parts.append(m.tocsr())
        return sp.hstack(parts, format="csr")

    def blocks(self, corpus: CountCorpus) -> list[Block]:
        """The runtime blocks: feature string → global column, in `transform`'s column order."""
        out = []
        offset = 0
        for block in corpus.counts:
            names = corpus.features[block]
            cols = self.columns[block]
            vocab = {names[j]: offset + i for i, j in enumerate(cols.tolist())}
            out.append(Block(block, vocab, self.idf[block], offset, self.scales.get(block, 1.0)))
            offset += len(cols)
        return out

    @property
    def size(self) -> int:
        return int(sum(len(c) for c in self.columns.values()))
