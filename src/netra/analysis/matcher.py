"""Lexicon matching over the normalised word view, and the co-occurrence rules built on it.

The terms of every detector go into one Aho–Corasick automaton shared by the engine
(`netra.analysis.lexicon_pass`), so a post is walked once however many detectors, rules and
lexicons there are. Keys are padded with spaces (` yang bodoh `) so that only whole words match.
Regex terms (`re:`) run over the normalised view as well, each only when the literals it needs
were found in the same walk.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from netra.analysis.document import Document
from netra.analysis.lexicon_pass import lexicon_pass_for
from netra.analysis.normalize import Normalizer
from netra.analysis.regex_gate import RegexGate
from netra.rules.loader import Lexicon, MatchSpec, Rule


class Hit(NamedTuple):
    """A term found in a post: tokens `first`..`last` (inclusive) of the word view.

    A named tuple rather than a frozen dataclass: a post yields dozens of hits and a frozen
    dataclass costs twice as much to build (every field goes through `object.__setattr__`).
    """

    first: int
    last: int
    label: str | None
    attrs: tuple[tuple[str, object], ...] = ()

    def attr(self, name: str, default: object = None) -> object:
        for key, value in self.attrs:
            if key == name:
                return value
        return default


@dataclass(slots=True, frozen=True)
class _Payload:
    groups: tuple[str, ...]  # one Hit object is shared by every group that lists the term
    label: str | None
    upper: bool
    attrs: tuple[tuple[str, object], ...]


class TermIndex:
    """Finds every term of a set of named groups in a Document, in one pass."""

    def __init__(self, normalizer: Normalizer) -> None:
        self._normalizer = normalizer
        self._shared = lexicon_pass_for(normalizer)
        self._slot = -1
        self._keys: dict[str, list[_Payload]] = defaultdict(list)
        # One compiled pattern per distinct regex, however many groups use it (scanned once).
        self._regexes: dict[str, tuple[re.Pattern[str], list[_Payload]]] = {}
        self._regex_list: list[tuple[re.Pattern[str], list[_Payload]]] = []
        self._gate: RegexGate | None = None
        self._built = False

    def add(
        self,
        group: str,
        term: str,
        label: str | None = None,
        upper: bool = False,
        attrs: dict[str, object] | None = None,
    ) -> None:
        payload = _Payload((group,), label, upper, tuple(sorted((attrs or {}).items())))
        if term.startswith("re:"):
            source = term[3:]
            if source not in self._regexes:
                self._regexes[source] = (re.compile(source), [])
            self._regexes[source][1].append(payload)
            return
        phrase = self._normalizer.phrase(term)
        if phrase:
            self._keys[f" {phrase} "].append(payload)

    def add_lexicon(self, group: str, lexicon: Lexicon) -> None:
        for entry in lexicon.all_entries():
            for term in entry.terms:
                self.add(group, term, entry.label, entry.case == "upper", entry.attrs)

    def build(self) -> None:
        """Register the terms and gate literals with the engine's shared pass."""
        if self._built:
            return
        terms = {key: _merge(payloads) for key, payloads in self._keys.items()}
        for source, (pattern, payloads) in self._regexes.items():
            self._regexes[source] = (pattern, list(_merge(payloads)))
        self._regex_list = list(self._regexes.values())
        self._gate = RegexGate(list(self._regexes)) if self._regexes else None
        self._slot = self._shared.register(terms, self._gate.literals if self._gate else {})
        self._built = True

    def find(self, doc: Document) -> dict[str, list[Hit]]:
        """Hits per group name."""
        if not self._built:
            self.build()
        hits: dict[str, list[Hit]] = {}
        norm = doc.norm
        if not norm:
            return hits
        walk = self._shared.run(doc)
        for first, last, payloads in walk.terms[self._slot]:
            for p in payloads:
                if p.upper and not _is_upper(doc, first, last):
                    continue
                hit = Hit(first, last, p.label, p.attrs)
                for group in p.groups:
                    found = hits.get(group)
                    if found is None:
                        hits[group] = [hit]
                    else:
                        found.append(hit)
        if self._gate is None:
            return hits
        starts = doc.norm_starts  # token of norm character i: bisect_right(starts, i) - 1
        admitted = self._gate.admit(walk.gates[self._slot])
        for index in sorted(admitted):  # patterns that cannot match are skipped
            pattern, payloads = self._regex_list[index]
            for m in pattern.finditer(norm):
                if m.end() == m.start():
                    continue
                if (m.start() > 0 and norm[m.start() - 1] != " ") or (
                    m.end() < len(norm) and norm[m.end()] != " "
                ):
                    continue  # regex terms match whole words too
                first = bisect_right(starts, m.start()) - 1
                last = bisect_right(starts, m.end() - 1) - 1
                for p in payloads:
                    if p.upper and not _is_upper(doc, first, last):
                        continue
                    hit = Hit(first, last, p.label or m.group(0), p.attrs)
                    for group in p.groups:
                        hits.setdefault(group, []).append(hit)
        return hits


def _merge(payloads: list[_Payload]) -> tuple[_Payload, ...]:
    """One payload per distinct (label, case, attrs), listing every group that wants it.

    A lexicon used by many rules (party names in a dozen neutrality rules) then costs one Hit
    per occurrence instead of one per rule. Group order and repeats are kept, so each group sees
    exactly the hits it saw before.
    """
    merged: list[_Payload] = []
    for p in payloads:
        for i, m in enumerate(merged):
            if m.label == p.label and m.upper == p.upper and m.attrs == p.attrs:
                merged[i] = _Payload(m.groups + p.groups, m.label, m.upper, m.attrs)
                break
        else:
            merged.append(p)
    return tuple(merged)


def _is_upper(doc: Document, first: int, last: int) -> bool:
    start, end = doc.token_span(first, last)
    segment = doc.text[start:end]
    return any(c.isalpha() for c in segment) and segment.upper() == segment


@dataclass(slots=True)
class Firing:
    """A rule that matched: the hits of each group and the word range they cover."""

    rule: Rule
    hits: list[Hit]
    first: int
    last: int

    def labels(self) -> list[str | None]:
        return [h.label for h in self.hits]


@dataclass(slots=True)
class Scan:
    """What one pass over a post found: rule firings and the hits of each named signal."""

    firings: list[Firing]
    signals: dict[str, list[Hit]]

    def has(self, name: str) -> bool:
        return bool(self.signals.get(name))

    def hits(self, name: str) -> list[Hit]:
        return self.signals.get(name, [])


class RuleMatcher:
    """Evaluates the co-occurrence rules (`match:` blocks) of one detector.

    `signals` (optional) are extra named term lists found in the same automaton pass, for
    evidence a detector weighs in code rather than in one rule: "this post is a debunk", "the
    post asks readers to spread it". `scan` returns their hits next to the firings.
    `ordered` (optional) names rules whose groups must occur in the order they are listed
    ("pilih … Prabowo" is a vote call; "Presiden Prabowo memilih …" is news).
    """

    def __init__(
        self,
        rules: list[Rule],
        lexicons: dict[str, Lexicon],
        normalizer: Normalizer,
        signals: Mapping[str, Sequence[str]] | None = None,
        ordered: Sequence[str] = (),
    ):
        self.rules = [r for r in rules if r.match is not None]
        self.ordered = frozenset(ordered)
        self.index = TermIndex(normalizer)
        for rule in self.rules:
            spec = rule.match
            assert spec is not None
            for gi, group in enumerate(spec.all):
                for term in group:
                    self._add_term(self._group_key(rule, gi), term, lexicons)
            for term in spec.unless:
                self._add_term(self._unless_key(rule), term, lexicons)
        # The key of each rule's first group -> the rule's index (keys are unique per rule).
        self._first_keys = {self._group_key(rule, 0): i for i, rule in enumerate(self.rules)}
        self.signal_names = tuple(signals or ())
        self._signal_keys = tuple((name, self._signal_key(name)) for name in self.signal_names)
        self._keys_cache: dict[str, tuple[str, ...]] = {}
        for name, terms in (signals or {}).items():
            for term in terms:
                self._add_term(self._signal_key(name), term, lexicons)
        self.index.build()

    @staticmethod
    def _signal_key(name: str) -> str:
        return f"signal:{name}"

    @staticmethod
    def _group_key(rule: Rule, gi: int) -> str:
        return f"{rule.id}#{gi}"

    def _rule_keys(self, rule: Rule) -> tuple[str, ...]:
        """The hit keys of a rule's groups, built once (this runs for every rule of every post)."""
        keys = self._keys_cache.get(rule.id)
        if keys is None:
            spec = rule.match
            assert spec is not None
            keys = tuple(self._group_key(rule, gi) for gi in range(len(spec.all)))
            self._keys_cache[rule.id] = keys
        return keys

    @staticmethod
    def _unless_key(rule: Rule) -> str:
        return f"{rule.id}#unless"

    def _add_term(self, key: str, term: str, lexicons: dict[str, Lexicon]) -> None:
        if term.startswith("@"):
            self.index.add_lexicon(key, lexicons[term[1:]])
        else:
            self.index.add(key, term)

    def match(self, doc: Document) -> list[Firing]:
        return self.scan(doc).firings

    def scan(self, doc: Document) -> Scan:
        """The rules that fire and the hits of every signal, from one pass over the post."""
        hits = self.index.find(doc)
        if not hits:
            return Scan([], {})
        firings: list[Firing] = []
        cache: dict[int, _SortedHits] = {}  # hit lists shared by rules are sorted once per post
        # Only rules whose first group was hit can fire; visit them in rulebook order.
        first_keys = self._first_keys
        for index in sorted(first_keys[key] for key in hits if key in first_keys):
            firings.extend(self._match_rule(self.rules[index], hits, cache))
        signals = {name: found for name, key in self._signal_keys if (found := hits.get(key))}
        return Scan(firings, signals)

    def _match_rule(
        self, rule: Rule, hits: dict[str, list[Hit]], cache: dict[int, _SortedHits]
    ) -> list[Firing]:
        spec: MatchSpec = rule.match  # type: ignore[assignment]
        groups = []
        for key in self._rule_keys(rule):
            group = hits.get(key)
            if not group:
                return []  # most rules stop here: one of their groups is absent from the post
            groups.append(group)
        unless = hits.get(self._unless_key(rule), [])
        if unless and spec.unless_window == "post":
            return []
        out: list[Firing] = []
        anchor_index = min(range(len(groups)), key=lambda i: len(groups[i]))
        ordered = rule.id in self.ordered
        sorted_groups = [_sorted(g, cache) for g in groups]
        unless_sorted = _sorted(unless, cache) if unless else None
        anchors = sorted_groups[anchor_index].hits
        for anchor in anchors:
            if ordered:
                picked = _pick_in_order(sorted_groups, anchor_index, anchor, spec.window)
                if picked is None:
                    continue
                chosen = picked
            else:
                chosen = []
                for gi, group in enumerate(sorted_groups):
                    if gi == anchor_index:
                        chosen.append(anchor)
                        continue
                    near = group.nearest(anchor, spec.window)
                    if near is None:
                        break
                    chosen.append(near)
                if len(chosen) != len(groups):
                    continue
            first = min(h.first for h in chosen)
            last = max(h.last for h in chosen)
            if last - first > spec.window + _extra_width(chosen):
                continue
            if (
                unless_sorted is not None
                and isinstance(spec.unless_window, int)
                and unless_sorted.any_between(first - spec.unless_window, last + spec.unless_window)
            ):
                continue
            if any(f.first <= last and first <= f.last for f in out[-4:]):
                continue  # one firing per stretch of text
            out.append(Firing(rule, chosen, first, last))
            if len(out) >= MAX_FIRINGS_PER_RULE:
                break  # a post repeating one call a thousand times needs no thousand findings
        return out


MAX_FIRINGS_PER_RULE = 25


def _sorted(group: list[Hit], cache: dict[int, _SortedHits]) -> _SortedHits:
    found = cache.get(id(group))
    if found is None or found.source is not group:
        found = cache[id(group)] = _SortedHits(group)
    return found


class _SortedHits:
    """A group's hits ordered by position, for nearest-hit look-ups by bisection.

    Rules are evaluated per anchor hit; scanning every hit of every other group per anchor made
    a hostile 50,000-character post of repeated terms quadratic. With hits sorted by their first
    word, only the few hits within reach of the anchor are compared.
    """

    __slots__ = ("firsts", "hits", "source", "width")

    def __init__(self, group: list[Hit]) -> None:
        self.source = group
        self.hits = sorted(group, key=lambda h: (h.first, h.last))
        self.firsts = [h.first for h in self.hits]
        self.width = max((h.last - h.first for h in self.hits), default=0)

    def within(self, lo: int, hi: int) -> list[Hit]:
        """Hits that start in [lo - width, hi] (so every hit overlapping [lo, hi] is included)."""
        a = bisect_left(self.firsts, lo - self.width)
        b = bisect_right(self.firsts, hi)
        return self.hits[a:b]

    def nearest(self, anchor: Hit, window: int) -> Hit | None:
        """The nearest hit to the anchor within the window; among equally near ones the
        longest, so that a span covers "SK mutasi" rather than just "SK"."""
        reach = window + anchor.last - anchor.first + self.width + 1
        candidates = self.within(anchor.first - reach, anchor.last + reach)
        if not candidates:
            return None
        return min(candidates, key=lambda h: (_distance(h, anchor), h.first - h.last))

    def any_between(self, lo: int, hi: int) -> bool:
        return any(h.last >= lo and h.first <= hi for h in self.within(lo, hi))


def _pick_in_order(
    groups: list[_SortedHits], anchor_index: int, anchor: Hit, window: int
) -> list[Hit] | None:
    """The nearest hit of each group such that every group ends before the next one starts."""
    chosen: list[Hit | None] = [None] * len(groups)
    chosen[anchor_index] = anchor
    for gi in range(anchor_index - 1, -1, -1):
        nxt = chosen[gi + 1]
        assert nxt is not None
        reach = window + groups[gi].width + 1
        before = [h for h in groups[gi].within(nxt.first - reach, nxt.first) if h.last < nxt.first]
        if not before:
            return None
        chosen[gi] = max(before, key=lambda h: h.last)
    for gi in range(anchor_index + 1, len(groups)):
        prev = chosen[gi - 1]
        assert prev is not None
        reach = window + groups[gi].width + 1
        after = [
            h for h in groups[gi].within(prev.last + 1, prev.last + reach) if h.first > prev.last
        ]
        if not after:
            return None
        chosen[gi] = min(after, key=lambda h: h.first)
    return [h for h in chosen if h is not None]


def _distance(a: Hit, b: Hit) -> int:
    if a.last < b.first:
        return b.first - a.last
    if b.last < a.first:
        return a.first - b.last
    return 0


def _extra_width(hits: list[Hit]) -> int:
    """Multi-word terms should not eat the window: `window` counts the words between terms."""
    return sum(h.last - h.first for h in hits)
