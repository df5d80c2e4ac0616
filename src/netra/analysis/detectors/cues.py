"""Cheap context checks on a Document's words, shared by the speech and content detectors.

Lexicon rules say *which* words are present; these helpers look at *how* they are written and
placed: whether a word was disguised (`4nj*ng`, `a n j i n g`, `anjg` — nobody disguises the dog
they are talking about), whether it stands alone as an exclamation (`Anjing! macet lagi`), what
sits between two words, and whether a negation precedes a word. All work on token indices of
`doc.tokens` and on the original text between tokens, so they cost a few string operations.
"""

from __future__ import annotations

import re

from netra.analysis.document import Document

_NON_LETTER = re.compile(r"[^a-z]")
_SENTENCE_END = re.compile(r"[.!?;:\n]")
_BREAK = re.compile(r"[.!?;:,\n()\"“”]")
_QUOTES = "\"'“”‘’«»"

NEGATIONS = frozenset({"tidak", "bukan", "tak", "jangan", "belum", "bukanlah", "tiada", "anti"})


def surface(doc: Document, i: int) -> str:
    """The original characters of token `i`."""
    tok = doc.tokens[i]
    return doc.text[tok.start : tok.end]


def gap_before(doc: Document, i: int) -> str:
    """Original text between token `i - 1` (or the start) and token `i`."""
    tokens = doc.tokens
    start = tokens[i - 1].end if i > 0 else 0
    return doc.text[start : tokens[i].start]


def gap_after(doc: Document, i: int) -> str:
    """Original text between token `i` and token `i + 1` (or the end)."""
    tokens = doc.tokens
    end = tokens[i + 1].start if i + 1 < len(tokens) else len(doc.text)
    return doc.text[tokens[i].end : max(tokens[i].end, end)]


def is_disguised(doc: Document, i: int) -> bool:
    """Whether token `i` was written so as to hide it: leetspeak, masks, spacing, slang spelling.

    `Anjing` is not disguised; `4njing`, `anj*ng`, `a n j i n g`, `anjg`, `anjiir`, `asu` are.
    Emoji are not disguises (they are handled by the rules that accept them).
    """
    tok = doc.tokens[i]
    if tok.kind == "spaced":
        return True
    if tok.kind not in ("word", "hashtag"):
        return False
    letters = _NON_LETTER.sub("", surface(doc, i).lower())
    return letters != tok.norm


def at_sentence_start(doc: Document, i: int) -> bool:
    return i == 0 or bool(_SENTENCE_END.search(gap_before(doc, i)))


def followed_by_break(doc: Document, i: int) -> bool:
    """Whether punctuation or the end of the post follows token `i`."""
    return i == len(doc.tokens) - 1 or bool(_BREAK.search(gap_after(doc, i)))


def exclaimed(doc: Document, i: int, list_words: frozenset[str] = frozenset()) -> bool:
    """Token `i` used as an exclamation: `anjing!`, or alone at the start of a sentence.

    `Anjing, kucing, dan kelinci` is a list, not an exclamation: a following `dan`/`atau` within
    three words (or a `list_words` neighbour) cancels the start-of-sentence reading.
    """
    after = gap_after(doc, i)
    if "!" in after:
        return True
    if not at_sentence_start(doc, i) or not followed_by_break(doc, i):
        return False
    following = [t.norm for t in doc.tokens[i + 1 : i + 4]]
    return not any(w in ("dan", "atau", "serta") or w in list_words for w in following)


def quoted(doc: Document, first: int, last: int) -> bool:
    """Whether tokens `first`..`last` are wrapped in quotation marks (a mention, not a use)."""
    before = gap_before(doc, first)
    after = gap_after(doc, last)
    return any(q in before for q in _QUOTES) and any(q in after for q in _QUOTES)


def clean_gap(doc: Document, first: int, last: int) -> bool:
    """No punctuation between tokens `first` and `last` (they belong to one phrase)."""
    return not any(_BREAK.search(gap_after(doc, k)) for k in range(first, last))


def negated(
    doc: Document, i: int, window: int = 2, floor: int = 0, words: frozenset[str] = NEGATIONS
) -> bool:
    """A negation among the `window` words before token `i` (not looking before `floor`)."""
    lo = max(floor, i - window)
    return any(doc.tokens[k].norm in words for k in range(lo, i))


def norms(doc: Document, first: int, last: int) -> list[str]:
    return [t.norm for t in doc.tokens[max(0, first) : last + 1]]


def same_sentence(doc: Document, first: int, last: int) -> bool:
    """No sentence boundary between tokens `first` and `last`."""
    return not any(_SENTENCE_END.search(gap_after(doc, k)) for k in range(first, last))
