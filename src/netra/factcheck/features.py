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
    "sem_best",  # best of whole post and its views (sentences, lines, quotes, clauses) vs claim
    "sem_z",  # (sem_best - mean of the post's top-50 sem_best) / std
    "sem_margin",  # sem_best minus the best other candidate's sem_best
    "char",  # TF-IDF cosine on char 3-5-grams, whole post
    "char_best",  # best over the post's views
    "char_z",  # of char_best
    "char_margin",
    "word",  # TF-IDF cosine on word stems, whole post
    "word_best",
    "word_z",  # of word_best
    "cov_claim",  # IDF share of the claim's words present in the post
    "cov_post",  # IDF share of the post's words present in the claim
    "cov_view",  # best over views of the view's IDF share present in the claim
    "num_clash",  # both mention numbers, none in common (another date, magnitude, amount)
    "num_shared",  # a number in common
    "sem_rank",  # log(1 + rank) among the candidates by sem_best (0 = first)
    "char_rank",  # by char_best
    "word_rank",  # by word_best
    "fusion",  # mean over the six signals (whole and best view) of 1 / (1 + rank)
    "votes",  # how many of the six signals rank the candidate first
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
    """Everything computed once per post, before looking at candidates.

    A "view" is the whole post or one of its segments (a line of a chain message, a quoted
    part, a clause): a hoax wrapped in other words scores on the view that holds it.
    """

    sem_all: np.ndarray  # (n,) whole-post cosine against every claim
    sem_best: np.ndarray  # (n,) best view's cosine against every claim
    lexical: LexicalQuery  # the whole post
    char_best: np.ndarray  # (n,) best view's char TF-IDF cosine
    word_best: np.ndarray  # (n,) best view's word TF-IDF cosine
    view_words: list[list[str]]  # lexical words of each segment view (not the whole post)


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


def _rank(values: np.ndarray) -> np.ndarray:
    """0 for the best value among the candidates, 1 for the next, …"""
    ranks = np.empty(values.shape[0], dtype=np.float32)
    ranks[np.argsort(-values, kind="stable")] = np.arange(values.shape[0], dtype=np.float32)
    return ranks


def pair_features(
    signals: PostSignals,
    candidates: Sequence[int],
    lexical: LexicalIndex,
) -> np.ndarray:
    """(len(candidates), len(FEATURE_NAMES)) float32 matrix."""
    cand = np.asarray(candidates, dtype=np.int64)
    lq = signals.lexical
    sem, sem_best = signals.sem_all[cand], signals.sem_best[cand]
    char, char_best = lq.char_scores[cand], signals.char_best[cand]
    word, word_best = lq.word_scores[cand], signals.word_best[cand]
    s_mean, s_std = _z_stats(signals.sem_best)
    c_mean, c_std = _z_stats(signals.char_best)
    w_mean, w_std = _z_stats(signals.word_best)
    post_numbers = _numbers(lq.words)
    views = [set(w) for w in signals.view_words if w]
    view_weights = [lexical.weight(v) or 1.0 for v in views]
    rows = np.empty((cand.shape[0], len(FEATURE_NAMES)), dtype=np.float32)
    rows[:, 0] = sem
    rows[:, 1] = sem_best
    rows[:, 2] = np.clip((sem_best - s_mean) / s_std, *Z_CLIP)
    rows[:, 3] = _margins(sem_best)
    rows[:, 4] = char
    rows[:, 5] = char_best
    rows[:, 6] = np.clip((char_best - c_mean) / c_std, *Z_CLIP)
    rows[:, 7] = _margins(char_best)
    rows[:, 8] = word
    rows[:, 9] = word_best
    rows[:, 10] = np.clip((word_best - w_mean) / w_std, *Z_CLIP)
    for i, c in enumerate(cand.tolist()):
        cov_claim, cov_post = lexical.coverage(lq.words, c)
        claim_set = set(lexical.words[c])
        cov_view = cov_post
        for v, total in zip(views, view_weights, strict=True):
            cov_view = max(cov_view, lexical.weight(v & claim_set) / total)
        claim_numbers = _numbers(lexical.words[c])
        shared = claim_numbers & post_numbers
        rows[i, 11] = cov_claim
        rows[i, 12] = cov_post
        rows[i, 13] = cov_view
        rows[i, 14] = float(bool(claim_numbers and post_numbers and not shared))
        rows[i, 15] = float(bool(shared))
    ranks = np.stack([_rank(v) for v in (sem, sem_best, char, char_best, word, word_best)])
    rows[:, 16] = np.log1p(ranks[1])
    rows[:, 17] = np.log1p(ranks[3])
    rows[:, 18] = np.log1p(ranks[5])
    rows[:, 19] = (1.0 / (1.0 + ranks)).mean(axis=0)
    rows[:, 20] = (ranks == 0).sum(axis=0)
    return rows
