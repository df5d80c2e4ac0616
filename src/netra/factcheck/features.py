"""What the calibrated scorer sees about one (post, claim) pair.

Each signal alone is weak on circulating hoaxes: a paraphrase shares few words with the debunk,
and a sentence embedding rates any two posts on the same topic as similar. The features
therefore also say how much a candidate stands out from the rest of the knowledge base for this
post (z-scores against the post's top 50, margin over the next candidate): an ordinary post on
vaccination is "similar" to every vaccine claim a little, a repeated hoax to one claim a lot.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from netra.factcheck.lexical import LexicalIndex, LexicalQuery

FEATURE_NAMES: tuple[str, ...] = (
    "sem",  # cosine, whole post vs claim (e5)
    "sem_best",  # best of whole post and its sentences/lines vs claim
    "sem_z",  # (sem_best - mean of the post's top-50 sem) / std
    "sem_margin",  # sem_best minus the best other candidate's sem_best
    "char",  # TF-IDF cosine on char 3-5-grams
    "char_z",
    "char_margin",
    "word",  # TF-IDF cosine on word stems
    "word_z",
    "cov_claim",  # IDF share of the claim's words present in the post
    "cov_post",  # IDF share of the post's words present in the claim
    "num_clash",  # both mention numbers, none in common (another date, magnitude, amount)
    "num_shared",  # a number in common
    "sem_rank",  # log(1 + rank) among the candidates by sem_best (0 = first)
    "char_rank",
    "word_rank",
)
TOP_STATS = 50
Z_CLIP = (-5.0, 5.0)  # a 3-word post can be "10 sigma" above its crowd; do not extrapolate
_NUMBER = re.compile(r"\d+")
_YEAR = re.compile(r"^(?:19[89]\d|20[0-4]\d)$")


def _numbers(words: Sequence[str]) -> set[str]:
    """Numbers that identify a claim (amounts, magnitudes, days); years say little."""
    return {n for n in _NUMBER.findall(" ".join(words)) if not _YEAR.match(n)}


@dataclass(slots=True)
class PostSignals:
    """Everything computed once per post, before looking at candidates."""

    sem_all: np.ndarray  # (n,) whole-post cosine against every claim
    segments: np.ndarray  # (s, 384) sentence/line vectors (may be empty)
    lexical: LexicalQuery


def _z_stats(scores: np.ndarray) -> tuple[float, float]:
    k = min(TOP_STATS, scores.shape[0])
    if k == 0:
        return 0.0, 1.0
    top = np.partition(scores, -k)[-k:]
    return float(top.mean()), float(top.std()) + 1e-6


def _margins(values: np.ndarray) -> np.ndarray:
    """Each value minus the best of the others."""
    if values.shape[0] < 2:
        return values.copy()
    order = np.sort(values)
    best, second = order[-1], order[-2]
    return np.where(values >= best, values - second, values - best)


def _log_rank(values: np.ndarray) -> np.ndarray:
    ranks = np.empty(values.shape[0], dtype=np.float32)
    ranks[np.argsort(-values, kind="stable")] = np.arange(values.shape[0], dtype=np.float32)
    return np.log1p(ranks)


def pair_features(
    signals: PostSignals,
    candidates: Sequence[int],
    vectors: np.ndarray,
    lexical: LexicalIndex,
) -> np.ndarray:
    """(len(candidates), len(FEATURE_NAMES)) float32 matrix."""
    cand = np.asarray(candidates, dtype=np.int64)
    sem = signals.sem_all[cand]
    if signals.segments.shape[0]:
        seg = (vectors[cand] @ signals.segments.T).max(axis=1)
        sem_best = np.maximum(sem, seg)
    else:
        sem_best = sem
    lq = signals.lexical
    char = lq.char_scores[cand]
    word = lq.word_scores[cand]
    s_mean, s_std = _z_stats(signals.sem_all)
    c_mean, c_std = _z_stats(lq.char_scores)
    w_mean, w_std = _z_stats(lq.word_scores)
    post_numbers = _numbers(lq.words)
    rows = np.empty((cand.shape[0], len(FEATURE_NAMES)), dtype=np.float32)
    rows[:, 0] = sem
    rows[:, 1] = sem_best
    rows[:, 2] = np.clip((sem_best - s_mean) / s_std, *Z_CLIP)
    rows[:, 3] = _margins(sem_best)
    rows[:, 4] = char
    rows[:, 5] = np.clip((char - c_mean) / c_std, *Z_CLIP)
    rows[:, 6] = _margins(char)
    rows[:, 7] = word
    rows[:, 8] = np.clip((word - w_mean) / w_std, *Z_CLIP)
    for i, c in enumerate(cand.tolist()):
        cov_claim, cov_post = lexical.coverage(lq.words, c)
        claim_numbers = _numbers(lexical.words[c])
        shared = claim_numbers & post_numbers
        rows[i, 9] = cov_claim
        rows[i, 10] = cov_post
        rows[i, 11] = float(bool(claim_numbers and post_numbers and not shared))
        rows[i, 12] = float(bool(shared))
    rows[:, 13] = _log_rank(sem_best)
    rows[:, 14] = _log_rank(char)
    rows[:, 15] = _log_rank(word)
    return rows
