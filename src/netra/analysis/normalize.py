"""Token-level Indonesian normalisation: slang, leetspeak, stretched letters, hashtags, emoji.

The normalised view is a list of lower-case standard words, each remembering the span of original
characters it came from, so that a lexicon match on `yang bodoh banget` found in `yg b0d0hhh bgt`
reports exactly `yg b0d0hhh bgt`. Results per distinct word are cached: a corpus repeats its words,
so after warm-up normalising a post costs a regex scan and a few dictionary look-ups.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

LEXICON_DIR = Path(__file__).resolve().parent.parent / "rules" / "lexicons"

_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "6": "g", "7": "t",
                       "8": "b", "9": "g", "@": "a", "$": "s", "!": "i"})  # fmt: skip
_REPEAT3 = re.compile(r"([a-z])\1{2,}")
_REDUP = re.compile(r"([a-z]{2,})2")
_HASHTAG_PART = re.compile(r"[A-Z]{2,}(?=[A-Z][a-z]|\d|$)|[A-Z]?[a-z]+|[A-Z]+|\d+")
_LETTER = re.compile(r"[a-z]")
_URL_PART = re.compile(r"[^\W_]+")
# Tokens never cross whitespace, except a word spelled out letter by letter with spaces
# (`b o d o h`): a single letter, a space, a single letter. Posts without that shape are
# tokenised chunk by chunk, and a chunk seen before (`yang`, `#InfoPublik`) costs one look-up.
_CHUNK = re.compile(r"\S+")
_SPACED_ACROSS = re.compile(r"(?<![^\W_])[^\W\d_] [^\W\d_](?![^\W_])")
_SPACE_LETTER = re.compile(r" [^\W\d_](?![^\W_])")  # its cheap necessary part: ` b` of `a b`
_CHUNK_CACHE_LIMIT = 200_000
_CACHED_CHUNK_CHARS = 64


@dataclass(slots=True)
class Token:
    """A normalised word and the half-open span of ORIGINAL characters it stands for."""

    norm: str
    start: int
    end: int
    kind: str  # word | number | hashtag | mention | emoji | spaced


# The normaliser produces tokens with CLEAN-view offsets; when the clean view has the original
# offsets (the common case) the Document uses them as they are, otherwise it maps them.
RawToken = Token


class Normalizer:
    """Turns clean text into normalised tokens. Build once; it is cheap to call many times."""

    def __init__(
        self,
        slang: dict[str, str],
        vocabulary: dict[str, int],
        emoji: dict[str, str],
    ) -> None:
        self.slang = slang
        self.vocabulary = vocabulary  # word -> frequency (for hashtag splitting)
        self.emoji = emoji
        self._cache: dict[str, tuple[str, ...]] = {}
        # chunk -> its tokens as (norm, start, end, kind) relative to the chunk
        self._chunks: dict[str, tuple[tuple[str, int, int, str], ...]] = {}
        self._masked_index: dict[int, list[str]] = {}
        self._token_re = self._compile_token_re()
        self._total = sum(vocabulary.values()) or 1

    # -- configuration -------------------------------------------------------------------------
    def add_vocabulary(self, words: Iterable[str], weight: int = 50) -> None:
        """Teach the normaliser words it must recognise (lexicon terms, candidate names)."""
        for word in words:
            for part in re.findall(r"[a-z]+", word.lower()):
                if len(part) >= 2 and part not in self.vocabulary:
                    self.vocabulary[part] = weight
        self._total = sum(self.vocabulary.values()) or 1
        self._cache.clear()
        self._chunks.clear()

    def add_maskable(self, words: Iterable[str]) -> None:
        """Words people mask with asterisks (`anj*ng`); matched by shape."""
        for word in words:
            if word.isalpha():
                self._masked_index.setdefault(len(word), []).append(word)
        self._cache.clear()
        self._chunks.clear()

    def _compile_token_re(self) -> re.Pattern[str]:
        emoji_chars = "".join(re.escape(e) for e in sorted(self.emoji, key=len, reverse=True))
        emoji_alt = f"|(?P<emoji>[{emoji_chars}])" if emoji_chars else ""
        return re.compile(
            r"(?P<url>(?:https?://|www\.)[^\s<>\"']+)"
            r"|(?P<tag>\#[^\W_]\w*)"
            r"|(?P<mention>@\w+)"
            r"|(?P<spaced>(?<![^\W_])(?:[^\W\d_][ .\-_*]){3,}[^\W\d_](?![^\W_]))"
            r"|(?P<word>[^\W_](?:[^\W_]|[@$*!](?=[^\W_])|'(?=[a-zA-Z]))*)" + emoji_alt
        )

    # -- words ----------------------------------------------------------------------------------
    def word(self, raw: str) -> tuple[str, ...]:
        """Normalise one word (may expand to several words, e.g. `pdip`)."""
        cached = self._cache.get(raw)
        if cached is None:
            cached = self._normalize_word(raw.lower())
            if len(self._cache) < 500_000:
                self._cache[raw] = cached
        return cached

    def _known(self, word: str) -> tuple[str, ...] | None:
        if word in self.slang:
            return tuple(self.slang[word].split())
        if word in self.vocabulary:
            return (word,)
        return None

    def _normalize_word(self, w: str) -> tuple[str, ...]:
        if w in self.slang:
            return tuple(self.slang[w].split())
        if w.isdigit() or w in self.vocabulary:
            return (w,)
        has_letter = _LETTER.search(w) is not None
        if not has_letter:
            return (w,)
        redup = _REDUP.fullmatch(w)
        if redup:
            stem = self._known(redup.group(1)) or self._known(self._unstretch(redup.group(1)))
            if stem:
                return stem + stem
        if "*" in w:
            unmasked = self._unmask(w)
            if unmasked:
                return (unmasked,)
        if any(c.isdigit() or c in "@$!" for c in w):
            de_leet = w.translate(_LEET)
            for candidate in (de_leet, self._unstretch(de_leet)):
                known = self._known(candidate)
                if known:
                    return known
        if _REPEAT3.search(w):
            for candidate in (_REPEAT3.sub(r"\1\1", w), _REPEAT3.sub(r"\1", w)):
                known = self._known(candidate)
                if known:
                    return known
            return (_REPEAT3.sub(r"\1", w),)
        # A doubled final letter, as in `bgtt`, `parahh`.
        if len(w) > 3 and w[-1] == w[-2]:
            known = self._known(w[:-1])
            if known:
                return known
        return (w,)

    @staticmethod
    def _unstretch(word: str) -> str:
        return _REPEAT3.sub(r"\1", word)

    def _unmask(self, w: str) -> str | None:
        letters = w.replace("*", "")
        if not letters:
            return None
        for candidate in self._masked_index.get(len(w), ()):
            if all(m == "*" or m == c for m, c in zip(w, candidate, strict=True)):
                return candidate
        return None

    # -- hashtags -------------------------------------------------------------------------------
    def hashtag_parts(self, body: str) -> list[tuple[int, int]]:
        """Split a hashtag body into (start, end) word spans: `HendraBupati2024` → 3 parts."""
        parts: list[tuple[int, int]] = []
        for m in _HASHTAG_PART.finditer(body):
            chunk = m.group(0)
            if chunk.islower() and len(chunk) >= 6 and chunk not in self.vocabulary:
                for s, e in _segment(chunk, self._word_cost):
                    parts.append((m.start() + s, m.start() + e))
            else:
                parts.append((m.start(), m.end()))
        return parts

    def _word_cost(self, word: str) -> float | None:
        if word in self.slang and " " not in self.slang[word] and len(word) >= 3:
            return 12.0
        freq = self.vocabulary.get(word)
        if freq is None or (len(word) < 3 and freq < 500):
            return None
        return -math.log(freq / self._total)

    # -- text -----------------------------------------------------------------------------------
    def tokens(self, clean: str) -> list[RawToken]:
        """Normalised tokens of a clean text, with spans in the clean view.

        This runs on every post, so it works chunk by chunk (text between whitespace) with a
        cache of each chunk's tokens: an agency's posts repeat their words, and a repeated chunk
        then costs a dictionary look-up instead of a regex match and a word normalisation.
        """
        if _SPACE_LETTER.search(clean) is not None and _SPACED_ACROSS.search(clean) is not None:
            return self._scan(clean)
        out: list[RawToken] = []
        append = out.append
        chunks = self._chunks
        for m in _CHUNK.finditer(clean):
            chunk = m.group()
            parts = chunks.get(chunk)
            if parts is None:
                parts = tuple((t.norm, t.start, t.end, t.kind) for t in self._scan(chunk))
                if len(chunk) <= _CACHED_CHUNK_CHARS:
                    if len(chunks) >= _CHUNK_CACHE_LIMIT:
                        chunks.clear()
                    chunks[chunk] = parts
            base = m.start()
            for norm, start, end, kind in parts:
                append(RawToken(norm, base + start, base + end, kind))
        return out

    def _scan(self, clean: str) -> list[RawToken]:
        """Tokens of a text by the token pattern, without the chunk cache."""
        out: list[RawToken] = []
        append = out.append
        for m in self._token_re.finditer(clean):
            kind = m.lastgroup
            start, end = m.span()
            if kind == "word":
                raw = m.group(0)
                if raw.isdigit():
                    append(RawToken(raw, start, end, "number"))
                    continue
                for w in self.word(raw):
                    append(RawToken(w, start, end, "word"))
            elif kind == "tag":
                body_start = start + 1
                body = m.group(0)[1:]
                for s, e in self.hashtag_parts(body):
                    for w in self.word(body[s:e]):
                        append(RawToken(w, body_start + s, body_start + e, "hashtag"))
            elif kind == "mention":
                append(RawToken(m.group(0).lower(), start, end, "mention"))
            elif kind == "url":
                # Words of a web address stay as written: no slang expansion ("https" is not
                # "hypertext transfer protocol", "www" is not "gue"), so lexicons see the host
                # and path words without inventing new ones.
                for part in _URL_PART.finditer(m.group(0)):
                    word = part.group(0).lower()
                    if word not in ("http", "https", "www"):
                        append(RawToken(word, start + part.start(), start + part.end(), "url"))
            elif kind == "spaced":
                joined = re.sub(r"[ .\-_*]", "", m.group(0)).lower()
                known = self._known(joined)
                if known:
                    for w in known:
                        append(RawToken(w, start, end, "spaced"))
                else:  # just single letters, e.g. initials or a list
                    for letter in re.finditer(r"[^\W\d_]", m.group(0)):
                        pos = start + letter.start()
                        append(RawToken(letter.group(0).lower(), pos, pos + 1, "word"))
            elif kind == "emoji":
                for w in self.emoji[m.group(0)].split():
                    append(RawToken(w, start, end, "emoji"))
        return out

    def phrase(self, text: str) -> str:
        """Normalise a lexicon phrase exactly as post text is normalised."""
        from netra.analysis.chars import clean_text

        clean, _ = clean_text(text)
        return " ".join(t.norm for t in self.tokens(clean))


_UNKNOWN_BASE = 20.0
_UNKNOWN_PER_CHAR = 4.0


def _segment(chunk: str, cost) -> list[tuple[int, int]]:
    """Split an unspaced lower-case string into words with the lowest total cost.

    Known words cost their negative log frequency; an unknown stretch (a name, say) costs much
    more, so the whole chunk stays one word unless known words explain most of it.
    """
    n = len(chunk)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(math.inf, 0)] * n
    for end in range(1, n + 1):
        for start in range(max(0, end - 20), end):
            if best[start][0] == math.inf:
                continue
            c = cost(chunk[start:end])
            if c is None:
                if end - start < 3:
                    continue
                c = _UNKNOWN_BASE + _UNKNOWN_PER_CHAR * (end - start)
            total = best[start][0] + c
            if total < best[end][0]:
                best[end] = (total, start)
    if best[n][0] == math.inf:
        return [(0, n)]
    parts: list[tuple[int, int]] = []
    end = n
    while end > 0:
        start = best[end][1]
        parts.append((start, end))
        end = start
    return parts[::-1]


# -- data loading -------------------------------------------------------------------------------
def load_slang(directory: Path = LEXICON_DIR) -> dict[str, str]:
    """The Ibrohim & Budi slang dictionary, corrected and extended by our own `slang.yaml`."""
    slang: dict[str, str] = {}
    with open(directory / "kamusalay.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            slang[row["slang"]] = row["formal"]
    curated = yaml.safe_load((directory / "slang.yaml").read_text(encoding="utf-8")) or {}
    for key in curated.get("remove", []) or []:
        slang.pop(str(key).lower(), None)
    for key, value in (curated.get("add") or {}).items():
        slang[str(key).lower()] = str(value).lower()
    # An identity mapping or a mapping to itself plus noise only slows look-ups down.
    slang = {k: v for k, v in slang.items() if k != v}
    return _resolve_chains(slang)


def _resolve_chains(slang: dict[str, str], max_steps: int = 3) -> dict[str, str]:
    """Follow one-word mappings to their end (`dongo` → `dongok` → `dungu`, `lu` → `lo` →
    `kamu`), so that every spelling of a word lands on the same standard form in one look-up."""
    resolved: dict[str, str] = {}
    for key, value in slang.items():
        seen = {key}
        steps = 0
        while " " not in value and value in slang and value not in seen and steps < max_steps:
            seen.add(value)
            value = slang[value]
            steps += 1
        resolved[key] = value
    return resolved


def load_vocabulary(directory: Path = LEXICON_DIR) -> dict[str, int]:
    vocab: dict[str, int] = {}
    with open(directory / "wordfreq.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            word, _, count = line.rstrip("\n").partition("\t")
            vocab[word] = int(count)
    curated = yaml.safe_load((directory / "slang.yaml").read_text(encoding="utf-8")) or {}
    for word in curated.get("words", []) or []:
        vocab.setdefault(str(word).lower(), 50)
    return vocab


def load_emoji(directory: Path = LEXICON_DIR) -> dict[str, str]:
    data = yaml.safe_load((directory / "emoji.yaml").read_text(encoding="utf-8")) or {}
    return {str(k): str(v).lower() for k, v in (data.get("emoji") or {}).items()}


@lru_cache(maxsize=1)
def default_normalizer() -> Normalizer:
    """A normaliser with the shipped dictionaries (the engine adds its lexicon words to its own)."""
    return Normalizer(load_slang(), load_vocabulary(), load_emoji())
