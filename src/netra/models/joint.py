"""Several shipped linear models scored together, in one pass over a post.

`LinearModel.vectorize` + `logits` is the reference arithmetic (training computes exactly the same
matrix rows); it costs a few hundred microseconds a post, paid once per model, mostly in fixed
numpy overhead and per-token Python work repeated for each model. The detectors read two models
that extract the same features (`hate_abuse` and `toxicity`: word 1–2-grams, character 2–5-grams
of the normalised and of the original spelling), so this module:

- merges their vocabularies into one union column space (a feature string per block maps to one
  union column; each model keeps its own IDF weight and coefficients there, zero where it does not
  know the feature);
- caches, per token (normalised word + original spelling), the union columns the token produces on
  its own — its word features and both sets of character n-grams — and their summed weights per
  block, so after warm-up a token costs one dictionary look-up and one row of sums for all
  models, and a word bigram one more look-up;
- adds the tokens' sums, corrects the few columns a post holds more than once (TF-IDF counts
  `1 + ln count`, not `count`), normalises per block and model, and applies every model's
  calibration, in a handful of vectorised numpy calls.

Why sums per token: a post has some 700 distinct feature columns; reading each column's weights
costs a cache miss once the engine's other detectors have run in between, and was most of the
time. A post has about 30 tokens; their sums are one small row each.

The arithmetic: for block b and label l of model m, the score is
`f[b, m] · Σ_j (1 + ln c_j) · idf[j, m] · coef[j, l]` with `f = scale / ‖(1 + ln c_j) idf[j, m]‖`;
the token sums give `Σ_j c_j · idf · coef` and `Σ_j c_j · idf²`, and the columns with `c_j > 1`
are corrected by `(1 + ln c_j − c_j)` and `((1 + ln c_j)² − c_j)` times their weights. The result
is each model's `score_document` to rounding (~1e-15; a test checks it on thousands of posts).
Token contributions — each token's share of a label's score, used to point at the offending
words — and the labels not every post needs ("cold": target, strength, scope) are computed only
when asked for, per column, with the rule of `LinearModel.token_contributions`.

Models with raw-text n-grams or a sentence embedding (the inbox models) are not supported here:
they keep `LinearModel.score_document`.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from netra.models.features import _URL, char_ngrams_of
from netra.models.linear import LinearModel

_TOKEN_CACHE_LIMIT = 100_000  # per cache; a token's entry is its columns and a row of sums
_BLOCKS = ("word", "char", "surface")
_TINY = 1e-300  # a block a model has no feature of: all its sums are zero, any factor will do


def compatible(models: Sequence[LinearModel]) -> bool:
    """Whether `models` extract the same features (lexicon marks aside) and can be joined."""
    configs = []
    for m in models:
        cfg = m.featurizer.config
        if cfg.raw_max > 0 or cfg.embedding or m.dense_offset >= 0 or cfg.stems:
            return False
        if cfg.word_view != "norm" or not m.multilabel:
            return False
        if any(b.name not in _BLOCKS for b in m.blocks):
            return False
        configs.append(
            (cfg.word_ngrams, cfg.char_min, cfg.char_max, cfg.surface_min, cfg.surface_max)
        )
    return len(set(configs)) == 1


@dataclass(slots=True)
class _Post:
    """What one post left behind for the cold labels and token contributions."""

    n_tokens: int
    token_arrays: list[np.ndarray]
    owners: list[int]
    bigram_ids: list[int]
    bigram_first: list[int]
    columns: np.ndarray  # distinct union columns, sorted
    counts: np.ndarray  # occurrences of each
    factor: np.ndarray  # (blocks × models): scale / block norm
    _values: np.ndarray | None = None

    def values(self, scorer: JointScorer) -> np.ndarray:
        """(columns × models): each column's normalised TF-IDF value for each model."""
        if self._values is None:
            columns = self.columns
            block = np.searchsorted(scorer.sentinels, columns, side="right") - 1
            tf = 1.0 + np.log(self.counts)
            self._values = scorer.idf[columns] * tf[:, None] * self.factor[block]
        return self._values


class JointScorer:
    """Scores a Document with several compatible linear models at once (see the module doc).

    Union column `sentinels[b]` starts block b and holds no feature (all weights zero).
    """

    def __init__(
        self, models: Sequence[LinearModel], hot: Mapping[str, Sequence[str]] | None = None
    ) -> None:
        """`hot`: per model name, the labels every post needs (None: all); the others are
        computed by `complete` when someone asks."""
        if not models or not compatible(models):
            raise ValueError("models must share one feature configuration (see joint.compatible)")
        self.models = tuple(models)
        cfg = models[0].featurizer.config
        self.word_ngrams = cfg.word_ngrams
        self.char_range = (cfg.char_min, cfg.char_max)
        self.surface_range = (cfg.surface_min, cfg.surface_max)
        # Lexicon marks: per lexicon name, its words (same name → same word list in every model).
        self.lexicons: dict[str, frozenset[str]] = {}
        for m in models:
            for name in m.featurizer.config.lexicons:
                words = m.featurizer.lexicons.get(name, frozenset())
                self.lexicons[name] = self.lexicons.get(name, frozenset()) | words
        # Union columns, block by block (sentinel first), so a block is one contiguous range.
        per_model: list[dict[str, Any]] = [{b.name: b for b in m.blocks} for m in models]
        self.index: dict[str, dict[str, int]] = {}
        starts: list[int] = []
        size = 0
        for name in _BLOCKS:
            starts.append(size)
            size += 1  # the sentinel
            # Most frequent features first (smallest IDF in any model): the rows most posts read
            # sit together in memory.
            common: dict[str, float] = {}
            for blocks in per_model:
                block = blocks.get(name)
                if block is not None:
                    get = common.get
                    cols = np.fromiter(block.vocab.values(), dtype=np.int64, count=len(block.vocab))
                    idfs = block.idf[cols - block.offset].tolist()
                    for feat, idf in zip(block.vocab, idfs, strict=True):
                        if idf < get(feat, np.inf):
                            common[feat] = idf
            ordered = sorted(common, key=common.__getitem__)
            ids = dict(zip(ordered, range(size, size + len(ordered)), strict=True))
            self.index[name] = ids
            size += len(ids)
        if size >= 2**31:
            raise ValueError("too many features for 32-bit column ids")
        self.sentinels = np.array(starts, dtype=np.int32)
        self.size = size
        n_models = len(models)
        self.idf = np.zeros((size, n_models), dtype=np.float64)
        self.scale = np.ones((len(_BLOCKS), n_models), dtype=np.float64)
        self.slices: list[slice] = []
        n_labels = sum(len(m.labels) for m in models)
        self.coef = np.zeros((size, n_labels), dtype=np.float32)  # as shipped; exact in float64
        col = 0
        for k, (m, blocks) in enumerate(zip(models, per_model, strict=True)):
            sl = slice(col, col + len(m.labels))
            self.slices.append(sl)
            col += len(m.labels)
            for b, name in enumerate(_BLOCKS):
                block = blocks.get(name)
                if block is None:
                    continue
                self.scale[b, k] = block.scale
                ids = self.index[name]
                n = len(block.vocab)
                union = np.fromiter((ids[f] for f in block.vocab), dtype=np.int64, count=n)
                local = np.fromiter(block.vocab.values(), dtype=np.int64, count=n)
                self.idf[union, k] = block.idf[local - block.offset]
                self.coef[union, sl] = m.coef[local]
        self.intercept = np.concatenate([m.intercept for m in models]).astype(np.float64)
        self.calib_a = np.concatenate([m.calib_a for m in models]).astype(np.float64)
        self.calib_b = np.concatenate([m.calib_b for m in models]).astype(np.float64)
        self._calib_offset = self.calib_a * self.intercept + self.calib_b
        self._label_model = np.concatenate(
            [np.full(sl.stop - sl.start, k) for k, sl in enumerate(self.slices)]
        )
        names = [m.name for m in models]
        hot_set = {
            (k, label)
            for k, m in enumerate(models)
            for label in (m.labels if hot is None else hot.get(names[k], ()))
        }
        flags = [(k, label) in hot_set for k, m in enumerate(models) for label in m.labels]
        self.hot = np.flatnonzero(flags)
        self.cold = np.flatnonzero(~np.array(flags, dtype=bool))
        n_hot = len(self.hot)
        self._hot_model = self._label_model[self.hot]
        # Per column, what the sums need: idf[m(l)] · coef[l] for each hot label, idf[m]² per
        # model. A token's row: these summed per block (blocks × (hot labels + models)).
        self._n_hot = n_hot
        self._width = n_hot + n_models
        weights = np.empty((size, self._width), dtype=np.float64)
        weights[:, :n_hot] = self.idf[:, self._hot_model] * self.coef[:, self.hot]
        weights[:, n_hot:] = self.idf * self.idf
        self._weights = weights
        self._row = len(_BLOCKS) * self._width
        self._block_ids = np.arange(len(_BLOCKS))
        # Word bigrams as first word -> {second word -> column}: no string is built per pair.
        self._bigrams: dict[str, dict[str, int]] = {}
        for feat, j in self.index["word"].items():
            first, sep, second = feat.partition(" ")
            if sep and " " not in second:
                self._bigrams.setdefault(first, {})[second] = j
        # Token caches: key -> (columns, row of the sums pool). Filled under a lock; a reset
        # (cache limit) starts a new generation, and a post that straddles one is scored again.
        self._fill_lock = threading.Lock()
        self._generation = 0
        self._tokens: dict[tuple[str, str | None], tuple[np.ndarray, int]] = {}
        self._as_written: dict[str, tuple[np.ndarray, int]] = {}  # spelled as normalised
        self._pool = np.zeros((1024, self._row), dtype=np.float64)
        self._pool_size = 0

    # -- per token -------------------------------------------------------------------------------
    def _token(self, word: str, spelled: str | None) -> tuple[np.ndarray, int]:
        """A token's own columns and sums row (cached per spelling pair)."""
        key = (word, spelled)
        found = self._tokens.get(key)
        if found is None:
            found = self._fill(self._tokens, key, word, spelled)
        return found

    def _columns(self, word: str, spelled: str | None) -> np.ndarray:
        found: list[int] = []
        word_ids = self.index["word"]
        j = word_ids.get(word)
        if j is not None:
            found.append(j)
        for name, words in self.lexicons.items():
            if word in words:
                j = word_ids.get("!" + name)
                if j is not None:
                    found.append(j)
        get = self.index["char"].get
        found.extend(j for j in map(get, char_ngrams_of(word, *self.char_range)) if j is not None)
        if spelled is not None and self.surface_range[1] > 0:
            get = self.index["surface"].get
            grams = char_ngrams_of(spelled, *self.surface_range)
            found.extend(j for j in map(get, grams) if j is not None)
        return np.array(found, dtype=np.int32)

    def _fill(
        self, cache: dict, key: Any, word: str, spelled: str | None
    ) -> tuple[np.ndarray, int]:
        ids = self._columns(word, spelled)
        block = np.searchsorted(self.sentinels, ids, side="right") - 1
        sums = np.zeros((len(_BLOCKS), self._width), dtype=np.float64)
        np.add.at(sums, block, self._weights[ids])
        with self._fill_lock:
            found = cache.get(key)
            if found is not None:
                return found
            if len(self._tokens) + len(self._as_written) >= 2 * _TOKEN_CACHE_LIMIT:
                # Hostile input (endless new words) cannot grow memory: start afresh.
                self._tokens.clear()
                self._as_written.clear()
                self._pool = np.zeros_like(self._pool)
                self._pool_size = 0
                self._generation += 1
            if self._pool_size == len(self._pool):
                grown = np.zeros((2 * len(self._pool), self._row), dtype=np.float64)
                grown[: self._pool_size] = self._pool
                self._pool = grown
            row = self._pool_size
            self._pool[row] = sums.ravel()
            self._pool_size += 1
            found = (ids, row)
            cache[key] = found
        return found

    # -- one post --------------------------------------------------------------------------------
    def score(self, doc: Any) -> tuple[np.ndarray, _Post]:
        """Calibrated probabilities of all models' labels, concatenated in model order (see
        `slices`; cold labels are NaN until `complete`), and what `contributions` needs."""
        generation = self._generation
        tokens = doc.tokens
        text = doc.text
        links = [m.span() for m in _URL.finditer(text)] if "/" in text else []
        token = self._token
        as_written = self._as_written
        as_written_get = as_written.get
        fill = self._fill
        bigrams = self._bigrams if self.word_ngrams >= 2 else {}
        arrays: list[np.ndarray] = []
        rows: list[int] = []
        owners: list[int] = []
        bigram_ids: list[int] = []
        bigram_first: list[int] = []
        previous_start = previous_end = -1
        following: dict[str, int] | None = None  # bigrams starting with the previous word
        for i, tok in enumerate(tokens):
            start, end = tok.start, tok.end
            # netra.models.features.model_view and surface_view, fused into one pass.
            if links and any(s <= start and end <= e for s, e in links):
                previous_start, previous_end, following = start, end, None
                continue
            if tok.kind == "mention":
                word = "@user"
                ids, row = token(word, None)
            else:
                word = tok.norm
                if word == "@user" or (start == previous_start and end == previous_end):
                    ids, row = token(word, None)
                elif end - start == len(word) and text.startswith(word, start):
                    # Written as normalised (the common case): one look-up, no new string.
                    found = as_written_get(word)
                    if found is None:
                        found = fill(as_written, word, word, word.lower())
                    ids, row = found
                else:
                    ids, row = token(word, text[start:end].lower())
            if ids.size:
                arrays.append(ids)
                rows.append(row)
                owners.append(i)
            if following is not None:
                j = following.get(word)
                if j is not None:
                    bigram_ids.append(j)
                    bigram_first.append(i - 1)
            following = bigrams.get(word)
            previous_start, previous_end = start, end
        pool = self._pool
        if self._generation != generation:
            return self.score(doc)  # the token caches were reset meanwhile: rows are stale
        n_blocks, width, n_hot = len(_BLOCKS), self._width, self._n_hot
        sums = pool.take(rows, axis=0).sum(axis=0).reshape(n_blocks, width)
        n_token_arrays = len(arrays)
        if bigram_ids:
            bigram_array = np.array(bigram_ids, dtype=np.int32)
            sums[0] += self._weights.take(bigram_array, axis=0).sum(axis=0)
            arrays.append(bigram_array)
        # Columns a post holds more than once: TF is 1 + ln(count), not count.
        if arrays:
            flat = np.concatenate(arrays)
            flat.sort()
            n = flat.size
            edge = np.empty(n + 1, dtype=bool)
            edge[0] = edge[n] = True
            np.not_equal(flat[1:], flat[:-1], out=edge[1:n])
            where = np.flatnonzero(edge)
            starts = where[:-1]
            columns = flat[starts]
            counts = where[1:] - starts
            repeated = counts > 1
            if repeated.any():
                cols, c = columns[repeated], counts[repeated]
                tf = 1.0 + np.log(c)
                fix = self._weights.take(cols, axis=0)
                fix[:, :n_hot] *= (tf - c)[:, None]
                fix[:, n_hot:] *= (tf * tf - c)[:, None]
                block = np.searchsorted(self.sentinels, cols, side="right") - 1
                sums += (block[None, :] == self._block_ids[:, None]) @ fix
        else:
            columns = counts = np.zeros(0, dtype=np.int32)
        factor = self.scale / np.sqrt(np.maximum(sums[:, n_hot:], _TINY))
        z = (factor[:, self._hot_model] * sums[:, :n_hot]).sum(axis=0)
        probs = np.full(len(self.calib_a), np.nan)
        hot = self.hot
        probs[hot] = 1.0 / (1.0 + np.exp(-(z * self.calib_a[hot] + self._calib_offset[hot])))
        post = _Post(
            len(tokens),
            arrays[:n_token_arrays],
            owners,
            bigram_ids,
            bigram_first,
            columns,
            counts,
            factor,
        )
        return probs, post

    def complete(self, probs: np.ndarray, post: _Post) -> None:
        """Fill in the cold labels of `probs` (from `score`), in place; idempotent."""
        cold = self.cold
        if cold.size == 0 or not np.isnan(probs[cold[0]]):
            return
        products = post.values(self).T @ self.coef.take(post.columns, axis=0)
        z = products[self._label_model[cold], cold]
        probs[cold] = 1.0 / (1.0 + np.exp(-(z * self.calib_a[cold] + self._calib_offset[cold])))

    def contributions(self, post: _Post, model: int, label: int) -> np.ndarray:
        """Each token's share of one label's raw score (dense, one value per token).

        The rule of `LinearModel.token_contributions`: a feature's weight (value × coefficient) is
        shared equally by its occurrences, and a bigram's share is split between its two words.
        """
        out = np.zeros(post.n_tokens, dtype=np.float64)
        if post.columns.size == 0:
            return out
        column = self.slices[model].start + label
        weight = post.values(self)[:, model] * self.coef[post.columns, column]
        per_occurrence = weight / post.counts
        if post.token_arrays:
            lengths = [a.size for a in post.token_arrays]
            flat = np.concatenate(post.token_arrays)
            where = np.searchsorted(post.columns, flat)
            owners = np.repeat(np.array(post.owners, dtype=np.int64), lengths)
            out += np.bincount(owners, weights=per_occurrence[where], minlength=post.n_tokens)
        if post.bigram_ids:
            where = np.searchsorted(post.columns, np.array(post.bigram_ids, dtype=np.int32))
            half = per_occurrence[where] / 2.0
            first = np.array(post.bigram_first, dtype=np.int64)
            out += np.bincount(first, weights=half, minlength=post.n_tokens)
            out += np.bincount(first + 1, weights=half, minlength=post.n_tokens)
        return out


__all__ = ["JointScorer", "compatible"]
