"""Context words (labels such as `nik`, `bank`, `office`) found in one pass over a post.

Presidio scores a pattern higher when a context word is near it; Netra goes further and lets the
nearest context word decide *what* a number is (`No. KK` → kk, `rek BRI` → bank account) and
whether it is personal at all (`call center`, `kantor`). All context words of all labels sit in
one Aho–Corasick automaton, so the post is scanned once however many labels there are.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from typing import NamedTuple

import ahocorasick


class KeywordHit(NamedTuple):
    """A context word in a post (a named tuple: a post yields several and they are built fast)."""

    start: int
    end: int
    label: str
    term: str


def lower_same_length(text: str) -> str:
    """`text.lower()`, except characters whose lower case is longer stay as they are, so that
    offsets in the lower-cased text are offsets in `text`."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


_NOT_WORD_RE = re.compile(r"[^0-9a-z ]")  # spaces stay spaces: replacing them is a waste


def _words_only(lower: str) -> str:
    """Every character that is not an ASCII letter or digit becomes a space (same length), so
    that whole words can be found by padding keys with spaces: ` rek ` never matches inside
    `direktur`, and `a.n.`, `a.n` and `a.n.Budi` all read ` a n `."""
    return _NOT_WORD_RE.sub(" ", lower)


class KeywordIndex:
    """Whole-word, case-insensitive search for many labelled terms at once.

    `silent` labels take part in the longest-match rule (their words are not read as a shorter
    term) but are not reported: `not_name` lists everyday words (`di`, `yang`) that are only
    consulted as a word set, and reporting them made most of a post's hits.
    """

    def __init__(
        self, terms_by_label: Mapping[str, Iterable[str]], silent: Iterable[str] = ()
    ) -> None:
        self._automaton = ahocorasick.Automaton()
        quiet = frozenset(silent)
        entries: dict[str, set[str]] = {}
        for label, terms in terms_by_label.items():
            for term in terms:
                key = _words_only(" ".join(term.lower().split())).strip()
                if key:
                    entries.setdefault(key, set()).add(label)
        for key, labels in entries.items():
            reported = tuple(sorted(label for label in labels if label not in quiet))
            self._automaton.add_word(f" {key} ", (len(key), reported))
        self._empty = not entries
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, lower: str) -> list[KeywordHit]:
        """Every whole-word occurrence, longest first where terms overlap (`rumah sakit` wins
        over `rumah`), in text order. Offsets are those of `lower` (and so of the text)."""
        if self._empty:
            return []
        padded = f" {_words_only(lower)} "
        found = []
        for end_index, (length, labels) in self._automaton.iter(padded):
            # `end_index` is the key's trailing pad in `padded`, which is one ahead of `lower`
            start = end_index - length - 1
            found.append((start, start + length, labels))
        if not found:
            return []
        found.sort(key=lambda h: (h[0], h[0] - h[1]))
        hits: list[KeywordHit] = []
        last_end = -1
        for start, end, labels in found:
            if start < last_end:
                continue
            last_end = end
            if labels:
                term = lower[start:end]
                hits.extend([KeywordHit(start, end, label, term) for label in labels])
        return hits


class HitList:
    """The keyword hits of one post, indexed by label for quick "what is near here" questions."""

    def __init__(self, hits: list[KeywordHit]) -> None:
        self.hits = hits
        self._by_label: dict[str, list[KeywordHit]] = {}
        for hit in hits:
            self._by_label.setdefault(hit.label, []).append(hit)
        # per label, built on first use: most posts are asked about a few labels only
        self._ends: dict[str, list[int]] = {}
        self._starts: dict[str, list[int]] = {}

    def _ends_of(self, label: str) -> list[int] | None:
        return self._positions(self._ends, label, 1)

    def _starts_of(self, label: str) -> list[int] | None:
        return self._positions(self._starts, label, 0)

    def _positions(self, cache: dict[str, list[int]], label: str, field: int) -> list[int] | None:
        """Starts (field 0) or ends (field 1) of a label's hits, listed once per post."""
        found = cache.get(label)
        if found is None:
            hits = self._by_label.get(label)
            if hits is None:
                return None
            found = cache[label] = [h[field] for h in hits]
        return found

    def has(self, label: str) -> bool:
        return label in self._by_label

    def of(self, label: str) -> list[KeywordHit]:
        return self._by_label.get(label, [])

    def last_before(self, label: str, pos: int, window: int) -> KeywordHit | None:
        """The hit of `label` ending closest before `pos`, at most `window` characters away."""
        ends = self._ends_of(label)
        if not ends:
            return None
        i = bisect_right(ends, pos) - 1
        if i < 0:
            return None
        hit = self._by_label[label][i]
        return hit if pos - hit.end <= window else None

    def first_after(self, label: str, pos: int, window: int) -> KeywordHit | None:
        """The hit of `label` starting closest after `pos`, at most `window` characters away."""
        starts = self._starts_of(label)
        if not starts:
            return None
        i = bisect_left(starts, pos)
        if i >= len(starts):
            return None
        hit = self._by_label[label][i]
        return hit if hit.start - pos <= window else None

    def between(self, label: str, start: int, end: int) -> list[KeywordHit]:
        """Hits of `label` lying entirely inside [start, end)."""
        starts = self._starts_of(label)
        if not starts:
            return []
        i = bisect_left(starts, start)
        out = []
        for hit in self._by_label[label][i:]:
            if hit.start >= end:
                break
            if hit.end <= end:
                out.append(hit)
        return out

    def nearest_before(self, labels: Iterable[str], pos: int, window: int) -> KeywordHit | None:
        """Of several labels, the hit ending closest before `pos` within `window`."""
        best: KeywordHit | None = None
        for label in labels:
            hit = self.last_before(label, pos, window)
            if hit is not None and (best is None or hit.end > best.end):
                best = hit
        return best
