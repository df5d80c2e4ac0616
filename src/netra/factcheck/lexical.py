"""Lexical retrieval over the claims: TF-IDF on character n-grams and on word stems.

Character n-grams (3–5, within words) survive typos and affixes that the normaliser misses;
word stems weigh the rare, specific words (`machupo`, `mamuju`, `kontainer`).

Two uses, two layouts. *Retrieval* (which claims to look at) reads transposed posting lists
(feature → claims) of the whole post's features, leaving out features that more than
`MAX_POSTING` claims share (`yang`, `an_`): they weigh little in a cosine but would make a
post's cost grow with the knowledge base. *Scoring* (exact cosines of the whole post and of each
of its views) is done only on the pool of retrieved claims, from the row-major matrices.
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


MAX_POSTING = 3000  # features shared by more claims are not used to retrieve (still scored)


@dataclass(slots=True)
class LexicalQuery:
    """A post and its views in the lexical space: their words and TF-IDF vectors."""

    words: list[list[str]]  # per view (view 0 is the whole post)
    char: sparse.csr_matrix  # (views, char features)
    word: sparse.csr_matrix  # (views, word features)


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
        self._char = self.char.fit_transform(joined).tocsr()
        self._word = self.word.fit_transform(joined).tocsr()
        self._char_t = _postings(self._char)
        self._word_t = _postings(self._word)
        self.idf: dict[str, float] = dict(
            zip(self.word.get_feature_names_out(), self.word.idf_.tolist(), strict=True)
        )
        self.default_idf = float(self.word.idf_.max()) if len(self.word.idf_) else 1.0
        self.size = len(texts)
        self._numbers: dict[int, set[str]] = {}

    def query(self, texts: Sequence[str]) -> LexicalQuery:
        """The views of one post (the whole post first, then its parts)."""
        words = [lexical_words(t) for t in texts]
        joined = [" ".join(w) or "-" for w in words]
        return LexicalQuery(words, self.char.transform(joined), self.word.transform(joined))

    def retrieve(self, q: LexicalQuery, k: int) -> tuple[np.ndarray, np.ndarray]:
        """About the k claims closest to the whole post by char and by word TF-IDF (positions).

        Scores here leave out the most common features, so they only choose what to score.
        """
        return _retrieve(q.char[0], self._char_t, k), _retrieve(q.word[0], self._word_t, k)

    def scores(self, q: LexicalQuery, pool: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Exact TF-IDF cosines (char, word) of every view against the pool: (views, len(pool))."""
        # (pool rows) @ (query columns): both CSR, so the large side is never converted
        char = self._char[pool] @ q.char.T.tocsr()
        word = self._word[pool] @ q.word.T.tocsr()
        return _dense(char).T.copy(), _dense(word).T.copy()

    def numbers(self, claim: int, extract) -> set[str]:
        """The numbers of a claim (`extract` of its words), cached."""
        found = self._numbers.get(claim)
        if found is None:
            found = self._numbers[claim] = extract(self.words[claim])
        return found


def _postings(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Feature → claims lists, without the features more than MAX_POSTING claims share."""
    t = matrix.T.tocsr()
    df = np.diff(t.indptr)
    t = sparse.diags((df <= MAX_POSTING).astype(np.float32)) @ t
    t.eliminate_zeros()
    return t.tocsr()


def _retrieve(q: sparse.csr_matrix, postings: sparse.csr_matrix, k: int) -> np.ndarray:
    if q.nnz == 0:
        return np.zeros(0, dtype=np.int64)
    hits = (q @ postings).tocsr()
    if hits.nnz <= k:
        return hits.indices.astype(np.int64)
    top = np.argpartition(hits.data, -k)[-k:]
    return hits.indices[top].astype(np.int64)


def _dense(m) -> np.ndarray:
    return np.asarray(m.todense(), dtype=np.float32)
