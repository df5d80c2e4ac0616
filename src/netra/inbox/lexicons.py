"""The inbox's word lists (data, not code): topics with their keywords, units and LAPOR!
categories, and the urgency cue groups. Validated at load; terms are normalised with the
engine's own normaliser so that they meet messages in the same spelling (`tlg` = `tolong`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from netra.inbox.errors import InboxError

DATA_DIR = Path(__file__).resolve().parent / "data"
TOPICS_FILE = DATA_DIR / "topics.yaml"
CUES_FILE = DATA_DIR / "urgency_cues.yaml"
INTENT_CUES_FILE = DATA_DIR / "intent_cues.yaml"
INTENTS = ("question", "complaint", "aspiration", "appreciation", "emergency", "spam")
URGENCIES = ("low", "normal", "high")


class _UnitSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(pattern=r"^[a-z0-9_]{2,40}$")
    name: str


class _LaporSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    category: str
    subcategory: str | None = None


class _TopicSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z_]{2,30}$")
    label: str
    unit: str
    lapor: _LaporSpec
    keywords: list[str] = []


class _TopicsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    units: list[_UnitSpec]
    topics: list[_TopicSpec]


class _CueGroup(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str
    level: Literal[
        "strong",
        "danger",
        "call",
        "responder",
        "dampener",
        "soft_dampener",
        "idiom",
        "hedge",
        "negation",
    ]
    terms: list[str]


class _CuesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    groups: dict[str, _CueGroup]


class _IntentGroup(BaseModel):
    model_config = ConfigDict(extra="forbid")
    terms: list[str]


class _IntentCuesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    groups: dict[Literal[INTENTS], _IntentGroup]  # type: ignore[valid-type]


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    unit: str
    lapor_category: str
    lapor_subcategory: str | None
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class CueGroup:
    """A group of urgency cues; `level` says what it does (see urgency_cues.yaml)."""

    name: str
    label: str
    level: str  # strong | danger | call | responder | (soft_)dampener | idiom | hedge | negation
    terms: tuple[str, ...]


NEAR_WINDOW = 5  # `a ~ b`: both within five words of each other, in either order


@dataclass(frozen=True)
class Span:
    """One phrase found in a word list: tokens[start:end], the label it belongs to."""

    start: int
    end: int
    label: str
    phrase: str


@dataclass
class PhraseMatcher:
    """Finds phrases (sequences of normalised words, last word may end in `*`) in a word list,
    and pairs of phrases near each other (`gas ~ bocor`: "pipa gas di depan sekolah bocor").

    Built once; matching a message costs one dictionary look-up per word plus a short scan of
    the few wildcard terms.
    """

    exact: dict[str, list[tuple[tuple[str, ...], bool, str]]] = field(default_factory=dict)
    prefixes: list[tuple[str, tuple[str, ...], str]] = field(default_factory=list)
    near: PhraseMatcher | None = None  # the sides of every `a ~ b` term, labelled by pair
    near_labels: list[str] = field(default_factory=list)

    def add(self, words: tuple[str, ...], wildcard: bool, label: str) -> None:
        if not words:
            return
        if wildcard and len(words) == 1:
            self.prefixes.append((words[0], words, label))
        else:
            self.exact.setdefault(words[0], []).append((words, wildcard, label))

    def add_near(
        self,
        left: Iterable[tuple[tuple[str, ...], bool]],
        right: Iterable[tuple[tuple[str, ...], bool]],
        label: str,
    ) -> None:
        """`a | b ~ c | d`: one phrase of each side within NEAR_WINDOW words of each other."""
        if self.near is None:
            self.near = PhraseMatcher()
        pair = len(self.near_labels)
        self.near_labels.append(label)
        for words, wildcard in left:
            self.near.add(words, wildcard, f"{pair}:a")
        for words, wildcard in right:
            self.near.add(words, wildcard, f"{pair}:b")

    def spans(self, tokens: list[str]) -> list[Span]:
        """Every occurrence of every phrase, in order of position."""
        out: list[Span] = []
        for i, token in enumerate(tokens):
            for words, wildcard, label in self.exact.get(token, ()):
                end = i + len(words)
                if end > len(tokens):
                    continue
                window = tokens[i:end]
                if window[:-1] != list(words[:-1]):
                    continue
                last_ok = window[-1].startswith(words[-1]) if wildcard else window[-1] == words[-1]
                if last_ok:
                    out.append(Span(i, end, label, " ".join(window)))
            for prefix, _words, label in self.prefixes:
                if token.startswith(prefix):
                    out.append(Span(i, i + 1, label, token))
        if self.near is not None:
            out += self._near_spans(tokens)
        out.sort(key=lambda s: (s.start, s.end))
        return out

    def _near_spans(self, tokens: list[str]) -> list[Span]:
        sides: dict[str, list[Span]] = {}
        assert self.near is not None
        for span in self.near.spans(tokens):  # one pass for every pair's sides
            sides.setdefault(span.label, []).append(span)
        out: list[Span] = []
        for pair, label in enumerate(self.near_labels):
            for a in sides.get(f"{pair}:a", ()):
                for b in sides.get(f"{pair}:b", ()):
                    first, second = (a, b) if a.start <= b.start else (b, a)
                    if first.end <= second.start and second.start - first.end < NEAR_WINDOW:
                        phrase = f"{first.phrase} … {second.phrase}"
                        out.append(Span(first.start, second.end, label, phrase))
        return out

    def find(self, tokens: list[str]) -> dict[str, list[str]]:
        """label -> the phrases of it found in `tokens` (each phrase once)."""
        return collect(self.spans(tokens))


def collect(spans: Iterable[Span]) -> dict[str, list[str]]:
    hits: dict[str, list[str]] = {}
    for span in spans:
        _note(hits, span.label, span.phrase)
    return hits


def _note(hits: dict[str, list[str]], label: str, phrase: str) -> None:
    found = hits.setdefault(label, [])
    if phrase not in found:
        found.append(phrase)


def normalise_term(term: str) -> tuple[tuple[str, ...], bool]:
    """A lexicon term in the normaliser's spelling, and whether its last word is a prefix."""
    from netra.analysis.document import Document

    wildcard = term.strip().endswith("*")
    words = tuple(Document(term.strip().rstrip("*")).norm.split())
    return words, wildcard


def _load_yaml(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InboxError(
            "bad_data_file", f"Berkas data {path.name} tidak bisa dibaca: {exc}"
        ) from None


@dataclass(frozen=True)
class Lexicons:
    """Everything the triage reads from `data/`: topics, units, cue groups and their matchers."""

    topics: tuple[Topic, ...]
    units: tuple[tuple[str, str], ...]
    cue_groups: tuple[CueGroup, ...]
    topic_matcher: PhraseMatcher
    cue_matcher: PhraseMatcher
    intent_matcher: PhraseMatcher
    fingerprint: str

    @property
    def topic_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.topics)

    def topic(self, topic_id: str) -> Topic:
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        return self.topics[-1]

    def group(self, name: str) -> CueGroup | None:
        return self._groups.get(name)

    @property
    def _groups(self) -> dict[str, CueGroup]:
        return {g.name: g for g in self.cue_groups}

    def levels(self, cues: dict[str, list[str]]) -> dict[str, list[str]]:
        """level -> names of the groups found (strong, danger, call, dampener)."""
        out: dict[str, list[str]] = {}
        groups = self._groups
        for name in cues:
            group = groups.get(name)
            if group is not None:
                out.setdefault(group.level, []).append(name)
        return out


def load_lexicons(
    topics_file: Path = TOPICS_FILE,
    cues_file: Path = CUES_FILE,
    intent_cues_file: Path = INTENT_CUES_FILE,
) -> Lexicons:
    try:
        topics_spec = _TopicsFile.model_validate(_load_yaml(topics_file))
        cues_spec = _CuesFile.model_validate(_load_yaml(cues_file))
        intent_spec = _IntentCuesFile.model_validate(_load_yaml(intent_cues_file))
    except ValidationError as exc:
        raise InboxError("bad_data_file", f"Berkas data kotak masuk tidak valid: {exc}") from None
    unit_codes = {u.code for u in topics_spec.units}
    for t in topics_spec.topics:
        if t.unit not in unit_codes:
            raise InboxError("bad_data_file", f"Topik {t.id}: unit {t.unit} tidak terdaftar.")
    if not topics_spec.topics or topics_spec.topics[-1].id != "lainnya":
        raise InboxError("bad_data_file", "Topik terakhir harus 'lainnya' (topik cadangan).")
    topics = tuple(
        Topic(t.id, t.label, t.unit, t.lapor.category, t.lapor.subcategory, tuple(t.keywords))
        for t in topics_spec.topics
    )
    groups = tuple(
        CueGroup(name, g.label, g.level, tuple(g.terms)) for name, g in cues_spec.groups.items()
    )
    topic_matcher, cue_matcher, intent_matcher = PhraseMatcher(), PhraseMatcher(), PhraseMatcher()
    for topic in topics:
        _fill(topic_matcher, topic.keywords, topic.id)
    for group in groups:
        _fill(cue_matcher, group.terms, group.name)
    for intent, spec in intent_spec.groups.items():
        _fill(intent_matcher, spec.terms, intent)
    digest = hashlib.sha256(
        topics_file.read_bytes() + cues_file.read_bytes() + intent_cues_file.read_bytes()
    ).hexdigest()
    return Lexicons(
        topics,
        tuple((u.code, u.name) for u in topics_spec.units),
        groups,
        topic_matcher,
        cue_matcher,
        intent_matcher,
        digest[:16],
    )


def _fill(matcher: PhraseMatcher, terms: Iterable[str], label: str) -> None:
    for term in terms:
        if "~" in term:
            left, _, right = term.partition("~")
            matcher.add_near(
                [normalise_term(t) for t in left.split("|") if t.strip()],
                [normalise_term(t) for t in right.split("|") if t.strip()],
                label,
            )
        else:
            words, wildcard = normalise_term(term)
            matcher.add(words, wildcard, label)


@lru_cache(maxsize=1)
def get_lexicons() -> Lexicons:
    return load_lexicons()
