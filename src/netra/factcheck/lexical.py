"""Lexical retrieval over the claims: TF-IDF on character n-grams and on word stems.

Character n-grams (3–5, within words) survive typos and affixes that the normaliser misses;
word stems weigh the rare, specific words (`machupo`, `mamuju`, `kontainer`). Both matrices are
kept transposed (feature → claims), so a query only touches the posting lists of its own
features: the cost grows with the post, not with the knowledge base.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from netra.factcheck.text import lexical_words


def _split(text: str) -> list[str]:
    return text.split()


@dataclass(slots=True)
class LexicalQuery:
    """A post in the lexical space: its words and its scores against every claim."""

    words: list[str]
    char_scores: np.ndarray  # (n,) cosine on char n-grams
    word_scores: np.ndarray  # (n,) cosine on word stems


class LexicalIndex:
    """TF-IDF over the claims (char 3–5-grams and word stems), built in memory at load."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.words: list[list[str]] = [lexical_words(t) for t in texts]
        joined = [" ".join(w) or "-" for w in self.words]
        self.char = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, dtype=np.float32
        )
        self.word = TfidfVectorizer(
            analyzer=_split, sublinear_tf=True, dtype=np.float32, lowercase=False
        )
        self._char_t = self.char.fit_transform(joined).T.tocsr()
        self._word_t = self.word.fit_transform(joined).T.tocsr()
        self.idf: dict[str, float] = dict(
            zip(self.word.get_feature_names_out(), self.word.idf_.tolist(), strict=True)
        )
        self.default_idf = float(self.word.idf_.max()) if len(self.word.idf_) else 1.0
        self.size = len(texts)

    def query(self, text: str) -> LexicalQuery:
        return self.query_views([text])[0]

    def query_views(self, texts: Sequence[str]) -> list[LexicalQuery]:
        """Several views of one post (the whole post, its sentences, clauses) in one product.

        Stacking the views makes one sparse product per matrix: each posting list is read once
        however many views touch it.
        """
        words = [lexical_words(t) for t in texts]
        joined = [" ".join(w) or "-" for w in words]
        char = self._scores(self.char.transform(joined), self._char_t)
        word = self._scores(self.word.transform(joined), self._word_t)
        return [LexicalQuery(w, char[i], word[i]) for i, w in enumerate(words)]

    def _scores(self, q: sparse.csr_matrix, matrix_t: sparse.csr_matrix) -> np.ndarray:
        if q.nnz == 0:
            return np.zeros((q.shape[0], self.size), dtype=np.float32)
        return np.asarray((q @ matrix_t).todense(), dtype=np.float32).reshape(q.shape[0], -1)

    def weight(self, words: set[str]) -> float:
        """Sum of the IDF of distinct words (unknown words weigh as the rarest known word)."""
        w, d = self.idf.get, self.default_idf
        return sum(w(x, d) for x in words)

    def coverage(self, post_words: Sequence[str], claim: int) -> tuple[float, float]:
        """IDF-weighted share of the claim's words in the post, and of the post's in the claim.

        The first is high when a post repeats the claim inside other words (a quote, a chain
        message); the second when the post says little else.
        """
        claim_set = set(self.words[claim])
        post_set = set(post_words)
        shared = claim_set & post_set
        w = self.idf.get
        d = self.default_idf
        inter = sum(w(x, d) for x in shared)
        claim_total = sum(w(x, d) for x in claim_set) or 1.0
        post_total = sum(w(x, d) for x in post_set) or 1.0
        return inter / claim_total, inter / post_total
