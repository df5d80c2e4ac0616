"""One Aho–Corasick pass over a post for every lexicon and regex gate of an engine.

Each detector keeps its own terms (a `TermIndex`), but scanning the post once per index cost
more than everything the detectors did with the hits: the C scan walks every character of the
post, seven times over. Indexes built on the same normaliser therefore register their keys here,
one automaton holds them all, and a post is walked once. What the walk finds is kept per index
("slot") as raw matches; an index turns its own matches into hits only when a detector asks, so a
detector that stops early (no political word in the post) still pays nothing for its rules.
"""

from __future__ import annotations

import threading
import weakref
from bisect import bisect_right
from typing import TYPE_CHECKING, Any, NamedTuple

import ahocorasick

if TYPE_CHECKING:
    from netra.analysis.document import Document
    from netra.analysis.normalize import Normalizer

# A lexicon match of one slot: words first..last of the post and the key's payloads.
TermMatch = tuple[int, int, Any]


class PassResult(NamedTuple):
    """What one walk over a post found, per slot."""

    terms: list[list[TermMatch]]  # lexicon matches, in the order the walk met them
    gates: list[list[tuple[int, ...]]]  # regex-gate literals found: the pattern indexes they open


class _Key(NamedTuple):
    length: int
    terms: tuple[tuple[int, Any], ...]  # (slot, payloads) of the indexes using this key
    gates: tuple[tuple[int, tuple[int, ...]], ...]  # (slot, pattern indexes) of gate literals


class LexiconPass:
    """The shared automaton of the indexes built on one normaliser (see the module doc)."""

    def __init__(self) -> None:
        self._terms: dict[str, list[tuple[int, Any]]] = {}
        self._gates: dict[str, list[tuple[int, tuple[int, ...]]]] = {}
        self._slots = 0
        self._automaton: ahocorasick.Automaton | None = None
        self._stale = False  # keys registered since the automaton was built
        self._generation = 0
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:  # an engine may be pickled to a worker
        state = dict(self.__dict__)
        del state["_lock"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def register(self, terms: dict[str, Any], gate_literals: dict[str, tuple[int, ...]]) -> int:
        """Add an index's padded keys (key → payloads) and gate literals; returns its slot.

        Indexes register while the engine is built; the automaton is built once, on the first
        post, with every index's keys (not once per index).
        """
        with self._lock:
            slot = self._slots
            self._slots += 1
            for key, payloads in terms.items():
                self._terms.setdefault(key, []).append((slot, payloads))
            for literal, indexes in gate_literals.items():
                self._gates.setdefault(literal, []).append((slot, indexes))
            self._stale = True
            self._generation += 1
            return slot

    def _build(self) -> None:
        with self._lock:
            if self._stale:
                self._automaton = self._make_automaton()
                self._stale = False

    def _make_automaton(self) -> ahocorasick.Automaton | None:
        automaton = ahocorasick.Automaton()
        for key in self._terms.keys() | self._gates.keys():
            value = _Key(len(key), tuple(self._terms.get(key, ())), tuple(self._gates.get(key, ())))
            automaton.add_word(key, value)
        if not len(automaton):
            return None
        automaton.make_automaton()
        return automaton

    def run(self, doc: Document) -> PassResult:
        """The walk over `doc` (done once per post and kept on the Document)."""
        kept = doc.__dict__.get("_lexicon_pass")
        if kept is not None and kept[0] is self and kept[1] == self._generation:
            return kept[2]
        if self._stale:
            self._build()
        slots = self._slots
        result = PassResult([[] for _ in range(slots)], [[] for _ in range(slots)])
        automaton = self._automaton
        if automaton is not None and doc.norm:
            terms, gates = result
            starts = doc.norm_starts  # token of norm character i: bisect_right(starts, i) - 1
            for end, (length, key_terms, key_gates) in automaton.iter(doc.padded_norm):
                if key_terms:
                    # A key is " term ": its first letter is padded index end - length + 2,
                    # which is norm index end - length + 1; its last letter is norm end - 2.
                    first = bisect_right(starts, end - length + 1) - 1
                    last = bisect_right(starts, end - 2) - 1
                    for slot, payloads in key_terms:
                        terms[slot].append((first, last, payloads))
                for slot, indexes in key_gates:
                    gates[slot].append(indexes)
        doc.__dict__["_lexicon_pass"] = (self, self._generation, result)
        return result


_PASSES: weakref.WeakKeyDictionary[Normalizer, LexiconPass] = weakref.WeakKeyDictionary()
_PASSES_LOCK = threading.Lock()


def lexicon_pass_for(normalizer: Normalizer) -> LexiconPass:
    """The pass shared by every index built on `normalizer` (one per engine)."""
    with _PASSES_LOCK:
        found = _PASSES.get(normalizer)
        if found is None:
            found = _PASSES[normalizer] = LexiconPass()
        return found
