"""What the triage models read: one function shared by training and run time.

A message becomes two bags of features over the engine's normalised words (so `tlg`, `t0l0ng`
and `tolooong` are all `tolong`):

- `word`: word unigrams and bigrams, plus marks: the urgency cue groups (`cue:fire`), topic
  keywords (`topic:kesehatan`) and intent cues (`intent:question`) found by the data lexicons,
  emoji (`emo:😭`) and the message's shape (`shape:caps` for all-caps anger, `shape:excl`,
  `shape:q`, `shape:qq`, `shape:url`, `shape:short`);
- `char`: character 2–5-grams inside each word, padded with spaces, which catch spellings the
  normaliser does not know (`kebakarn`, `ambulan`).

Each bag is weighted `(1 + ln count) × idf` and L2-normalised on its own (like scikit-learn's
FeatureUnion of two TfidfVectorizers with `sublinear_tf`), so neither bag drowns the other.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from netra.inbox.lexicons import Lexicons, Span, collect, get_lexicons

CHAR_MIN, CHAR_MAX = 2, 5
MAX_CHAR_WORD = 30  # longer "words" are glued garbage (unsplit hashtags, base64)
MAX_TOKENS = 400  # a message's first 400 words decide its class
_URL = re.compile(
    r"(?:https?://|www\.)\S+|\b[a-z0-9-]+\.(?:com|id|xyz|site|online|ly|io|net|org|co)(?:/\S*)?",
    re.IGNORECASE,
)
_MENTION = re.compile(r"(?<!\w)@\w+")


@dataclass(frozen=True)
class TextView:
    """A message as the models see it, with the lexicon hits kept for explanations."""

    words: tuple[str, ...]
    cues: dict[str, list[str]]
    topics: dict[str, list[str]]
    intents: dict[str, list[str]]
    marks: tuple[str, ...]


def _is_emoji(ch: str) -> bool:
    code = ord(ch)
    return unicodedata.category(ch) == "So" or 0x1F300 <= code <= 0x1FAFF


def view(text: str, lexicons: Lexicons | None = None) -> TextView:
    """Normalise a message and find its lexicon hits and shape marks."""
    from netra.analysis.document import Document

    lexicons = lexicons or get_lexicons()
    has_url = bool(_URL.search(text))
    stripped = _MENTION.sub(" ", _URL.sub(" tautan ", text))
    words = tuple(Document(stripped).norm.split()[:MAX_TOKENS])
    cues = _drop_polite_requests(urgency_cues(words, lexicons), words)
    topics = lexicons.topic_matcher.find(list(words))
    intents = lexicons.intent_matcher.find(list(words))
    marks: list[str] = [f"cue:{g}" for g in cues] + [f"topic:{t}" for t in topics]
    marks += [f"intent:{i}" for i in intents]
    marks += sorted({f"emo:{ch}" for ch in text[:2000] if _is_emoji(ch)})
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.6:
        marks.append("shape:caps")
    if text.count("!") >= 2:
        marks.append("shape:excl")
    if "?" in text:
        marks.append("shape:q")
    if "??" in text or "?!" in text or "!?" in text:
        marks.append("shape:qq")  # rhetorical, angry questions are usually complaints
    if has_url:
        marks.append("shape:url")
    if len(words) <= 3:
        marks.append("shape:short")
    if not letters:
        marks.append("shape:noletters")
    return TextView(words, cues, topics, intents, tuple(marks))


HEDGE_GAP = 1  # words allowed between a hedge and the danger it hedges ("kalau ada banjir")


def urgency_cues(words: tuple[str, ...], lexicons: Lexicons) -> dict[str, list[str]]:
    """The urgency cue groups found in a message, read in context:

    - an `idiom` (`kebakaran jenggot`, `pintu darurat`, `tenggelam dalam utang`, `sampai
      sekarang`) is kept as its own group, and its words name no danger and cry for no help;
    - a `danger` cue right after a `hedge` word (`kalau banjir`, `rawan longsor`, `korban
      kebakaran`, `pasca gempa`) names a danger that is hypothetical, prevented or over: dropped;
    - a `strong` or `danger` cue right after a `negation` (`untung tidak ada yang tertimpa`)
      names a harm that did not happen: dropped;
    - `hedge` and `negation` words are not cues themselves.
    """
    levels = {g.name: g.level for g in lexicons.cue_groups}
    spans = lexicons.cue_matcher.spans(list(words))
    idioms = [s for s in spans if levels.get(s.label) == "idiom"]
    masked = {i for s in idioms for i in range(s.start, s.end)}
    hedge_ends = {s.end for s in spans if levels.get(s.label) == "hedge"}
    negation_ends = {s.end for s in spans if levels.get(s.label) == "negation"}
    kept: list[Span] = []
    for span in spans:
        level = levels.get(span.label)
        if level in ("hedge", "negation"):
            continue
        masks = level in ("strong", "danger", "call")
        if masks and any(i in masked for i in range(span.start, span.end)):
            continue
        before = {span.start - g for g in range(HEDGE_GAP + 1)}
        if level == "danger" and before & hedge_ends:
            continue
        if level in ("danger", "strong") and before & negation_ends:
            continue
        kept.append(span)
    return collect(kept)


_HELP_WORDS = frozenset({"tolong", "tolongin", "tulung", "segera", "cepat", "secepatnya"})


def _drop_polite_requests(
    cues: dict[str, list[str]], words: tuple[str, ...]
) -> dict[str, list[str]]:
    """`tolong diperbaiki`, `mohon segera ditindak`: a polite request, not a cry for help. When
    every `tolong`/`segera`/`cepat` in a message is followed by a passive verb (di-…), they are
    not an urgent call."""
    calls = cues.get("call")
    if not calls or not any(w in _HELP_WORDS for w in words):
        return cues
    cries = [
        i
        for i, w in enumerate(words)
        if w in _HELP_WORDS
        and not (i + 1 < len(words) and words[i + 1].startswith("di") and len(words[i + 1]) > 4)
    ]
    if cries:
        return cues
    kept = [c for c in calls if c not in _HELP_WORDS]
    out = dict(cues)
    if kept:
        out["call"] = kept
    else:
        out.pop("call")
    return out


def word_features(v: TextView) -> Counter[str]:
    feats: Counter[str] = Counter(v.words)
    feats.update(f"{a} {b}" for a, b in zip(v.words, v.words[1:], strict=False))
    feats.update(v.marks)
    return feats


def char_features(v: TextView) -> Counter[str]:
    feats: Counter[str] = Counter()
    for word in v.words:
        if len(word) > MAX_CHAR_WORD:
            continue
        padded = f" {word} "
        for n in range(CHAR_MIN, CHAR_MAX + 1):
            feats.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return feats


BLOCKS = (("word", word_features), ("char", char_features))
