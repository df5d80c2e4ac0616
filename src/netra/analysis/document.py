"""A post prepared for the detectors: original text, clean view, normalised words, offset maps.

Detectors never touch offsets themselves: they find things in the clean view (regular
expressions over characters, e.g. NIK numbers) or in the normalised word view (lexicons, e.g.
`yang bodoh`), and ask the Document for the span in the original text. Views are built lazily, so
a detector that only needs the clean view does not pay for normalisation.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from operator import attrgetter

from netra.analysis.chars import clean_text
from netra.analysis.lazy import cached
from netra.analysis.normalize import Normalizer, Token, default_normalizer

_NORM = attrgetter("norm")
_PLUS_ONE = (1).__add__


class Document:
    """One post. `text` is the original; every span a detector reports refers to it."""

    def __init__(self, text: str, normalizer: Normalizer | None = None) -> None:
        self.text = text
        self._normalizer = normalizer or default_normalizer()
        self.clean, self._clean_map = clean_text(text)
        #: Whether detectors may consult the fact-check knowledge base for this post.
        self.check_claims = True

    # -- clean view -----------------------------------------------------------------------------
    def clean_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the clean view to the original text."""
        if self._clean_map is None:
            return start, end
        if end <= start:
            pos = self._clean_map[start]
            return pos, pos
        return self._clean_map[start], self._clean_map[end - 1] + 1

    # -- word view ------------------------------------------------------------------------------
    @cached
    def tokens(self) -> list[Token]:
        """Normalised words with original spans."""
        tokens = self._normalizer.tokens(self.clean)
        index = self._clean_map
        if index is not None:  # the tokens are new objects: move them to original offsets
            for t in tokens:  # (a token is never empty: end - 1 is its last character)
                t.start, t.end = index[t.start], index[t.end - 1] + 1
        return tokens

    @cached
    def norms(self) -> list[str]:
        """The normalised form of each token (detectors index it by token number)."""
        return list(map(_NORM, self.tokens))

    @cached
    def has_hashtag(self) -> bool:
        """Whether a hashtag contributed words (campaign tags are judged from them)."""
        return "#" in self.clean and any(t.kind == "hashtag" for t in self.tokens)

    @cached
    def norm(self) -> str:
        """The normalised words joined by single spaces."""
        return " ".join(self.norms)

    @cached
    def padded_norm(self) -> str:
        """`norm` between two spaces: lexicon keys are padded the same way to match whole words."""
        return f" {self.norm} "

    @cached
    def norm_starts(self) -> list[int]:
        """Where each token starts in `norm` (sorted): `bisect_right(norm_starts, i) - 1` is the
        token holding character i. Lexicon matching inlines that for both ends of every hit.
        (Each start is the previous one plus the previous word and its space; all in C.)"""
        return list(accumulate(map(_PLUS_ONE, map(len, self.norms)), initial=0))[:-1]

    def norm_char_to_token(self, char_index: int) -> int:
        """The index of the token that holds a character of `norm`."""
        return bisect_right(self.norm_starts, char_index) - 1

    def token_span(self, first: int, last: int) -> tuple[int, int]:
        """Original span covering tokens `first`..`last` (inclusive)."""
        tokens = self.tokens
        return tokens[first].start, max(tokens[i].end for i in range(first, last + 1))

    def original(self, start: int, end: int) -> str:
        return self.text[start:end]
