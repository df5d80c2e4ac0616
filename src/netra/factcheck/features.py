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
from rapidfuzz import fuzz, process

from netra.factcheck.lexical import LexicalIndex

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
    # word-level agreement allowing typos (both words alphabetic, >= FUZZY_MIN_LEN letters,
    # rapidfuzz ratio >= FUZZY_RATIO); IDF normalised by the index's largest IDF
    "cov_fuzzy",  # IDF share of the claim's words present in the post, typos allowed
    "miss_claim",  # largest IDF among the claim's words absent from the post (a place, a name)
    "extra_view",  # over the views, the smallest "largest IDF among the view's words absent
    # from the claim" (words no claim has weigh 0): 0 when a view says nothing the claim does not
    "claim_len",  # log(1 + distinct words of the claim)
    "post_len",  # log(1 + distinct words of the post)
)
TOP_STATS = 50
FUZZY_RATIO = 80
FUZZY_MIN_LEN = 5
Z_CLIP = (-5.0, 5.0)  # a 3-word post can be "10 sigma" above its crowd; do not extrapolate
_NUMBER = re.compile(r"\d+")
_YEAR = re.compile(r"^(?:19[89]\d|20[0-4]\d)$")


def _numbers(words: Sequence[str]) -> set[str]:
    """Numbers that identify a claim (amounts, magnitudes, days); years say little."""
    return {n for n in _NUMBER.findall(" ".join(words)) if not _YEAR.match(n)}


@dataclass(slots=True)
class PostSignals:
    """Everything computed once per post, over the pool of claims worth scoring.

    A "view" is the whole post or one of its segments (a line of a chain message, a quoted
    part, a clause): a hoax wrapped in other words scores on the view that holds it. Every
    array is aligned with `pool` (claim positions in the index).
    """

    pool: np.ndarray  # (m,) claim positions
    sem: np.ndarray  # (m,) whole-post e5 cosine
    sem_best: np.ndarray  # (m,) best view's e5 cosine
    char: np.ndarray  # (m,) whole-post char TF-IDF cosine
    char_best: np.ndarray  # (m,) best view's
    word: np.ndarray  # (m,) whole-post word-stem TF-IDF cosine
    word_best: np.ndarray  # (m,) best view's
    words: list[list[str]]  # lexical words of each view (view 0 is the whole post)


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
    """(len(candidates), len(FEATURE_NAMES)) float32 matrix; candidates index `signals.pool`."""
    cand = np.asarray(candidates, dtype=np.int64)
    sem, sem_best = signals.sem[cand], signals.sem_best[cand]
    char, char_best = signals.char[cand], signals.char_best[cand]
    word, word_best = signals.word[cand], signals.word_best[cand]
    s_mean, s_std = _z_stats(signals.sem_best)
    c_mean, c_std = _z_stats(signals.char_best)
    w_mean, w_std = _z_stats(signals.word_best)
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
    words = _word_features(signals.words, signals.pool[cand].tolist(), lexical)
    rows[:, 11:16] = words[:, :5]
    ranks = np.stack([_rank(v) for v in (sem, sem_best, char, char_best, word, word_best)])
    rows[:, 16] = np.log1p(ranks[1])
    rows[:, 17] = np.log1p(ranks[3])
    rows[:, 18] = np.log1p(ranks[5])
    rows[:, 19] = (1.0 / (1.0 + ranks)).mean(axis=0)
    rows[:, 20] = (ranks == 0).sum(axis=0)
    rows[:, 21:26] = words[:, 5:]
    return rows


def _word_features(
    view_words: list[list[str]], claims: list[int], lexical: LexicalIndex
) -> np.ndarray:
    """Word-level features for each claim, vectorised over the claims: cov_claim, cov_post,
    cov_view, num_clash, num_shared, cov_fuzzy, miss_claim, extra_view, claim_len, post_len.

    U is the claims' vocabulary, P the post's (all views); `same` (U×P) says which words are
    equal, `near` which meet exactly or within a typo. Everything else is a product with the
    claims' word incidence (claims×U).
    """
    out = np.zeros((len(claims), 10), dtype=np.float32)
    post_vocab = sorted({w for view in view_words for w in view})
    claim_sets = [set(lexical.words[c]) for c in claims]
    vocab = sorted(set().union(*claim_sets)) if claim_sets else []
    if not claims or not post_vocab or not vocab:
        return out
    u_index = {w: i for i, w in enumerate(vocab)}
    p_index = {w: i for i, w in enumerate(post_vocab)}
    same = np.zeros((len(vocab), len(post_vocab)), dtype=bool)
    for w, j in p_index.items():
        i = u_index.get(w)
        if i is not None:
            same[i, j] = True
    near = same.copy()
    u_fuzzy = [i for i, w in enumerate(vocab) if len(w) >= FUZZY_MIN_LEN and w.isalpha()]
    p_fuzzy = [j for j, w in enumerate(post_vocab) if len(w) >= FUZZY_MIN_LEN and w.isalpha()]
    if u_fuzzy and p_fuzzy:
        sim = process.cdist(
            [vocab[i] for i in u_fuzzy],
            [post_vocab[j] for j in p_fuzzy],
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_RATIO,
            dtype=np.uint8,
        )
        near[np.ix_(u_fuzzy, p_fuzzy)] |= sim > 0
    top = lexical.default_idf or 1.0
    idf_u = np.array([lexical.idf.get(w, top) for w in vocab], dtype=np.float32)
    idf_p = np.array([lexical.idf.get(w, top) for w in post_vocab], dtype=np.float32)
    incidence = np.zeros((len(claims), len(vocab)), dtype=np.float32)
    for r, ws in enumerate(claim_sets):
        incidence[r, [u_index[w] for w in ws]] = 1.0
    views = np.zeros((len(view_words), len(post_vocab)), dtype=np.float32)
    for v, ws in enumerate(view_words):
        views[v, [p_index[w] for w in set(ws)]] = 1.0
    views = views[views.any(axis=1)]  # view 0 (the whole post) is never empty here
    claim_total = np.maximum(incidence @ idf_u, 1e-6)
    # exact: the IDF of the words a claim and the post share, over each side's total
    shared = incidence @ (idf_u * same.any(axis=1))
    out[:, 0] = shared / claim_total
    out[:, 1] = shared / max(float(views[0] @ idf_p), 1e-6)
    in_claim = (incidence @ same.astype(np.float32)) > 0  # (claims, P)
    view_total = np.maximum(views @ idf_p, 1e-6)
    out[:, 2] = np.maximum(out[:, 1], (((in_claim * idf_p) @ views.T) / view_total).max(axis=1))
    post_numbers = _numbers(view_words[0])
    for r, c in enumerate(claims):
        claim_numbers = lexical.numbers(c, _numbers)
        common = claim_numbers & post_numbers
        out[r, 3] = float(bool(claim_numbers and post_numbers and not common))
        out[r, 4] = float(bool(common))
    # typos allowed; IDF normalised by the largest, so the values do not grow with the index
    present = near.any(axis=1)
    out[:, 5] = (incidence @ (idf_u * present)) / claim_total
    out[:, 6] = (incidence * (idf_u * ~present)).max(axis=1) / top
    near_in_claim = (incidence @ near.astype(np.float32)) > 0
    # a post word no claim has cannot tell claims apart ("katanya", "serius"): weight 0 there
    known = np.array([w in lexical.idf for w in post_vocab])
    absent = (idf_p * known / top)[None, :] * ~near_in_claim
    out[:, 7] = (absent[:, None, :] * views[None, :, :]).max(axis=2).min(axis=1)
    out[:, 8] = np.log1p(incidence.sum(axis=1))
    out[:, 9] = np.log1p(views[0].sum())
    return out
