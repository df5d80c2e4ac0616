"""Skip regular expressions that cannot match a post, found in one Aho–Corasick pass.

Rule files use regex terms (`re:(teman|kawan|…) yang …`) next to plain lexicon words. Python's
`re` has no literal-prefix search for a pattern that starts with an alternation or a character
class, so each such pattern costs a scan of the whole post — and most posts contain none of its
words. The gate reads each pattern once (with the `re` parser) and finds literal strings of which
every match must contain at least one ("teman", "kawan", …). A post is then scanned once for all
those strings together, and only the patterns whose strings occur are run. Patterns for which no
such strings can be proved (say `[0-9]{1,2} …`) always run: the gate may only skip a pattern when
it cannot match, never change what matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from re import _constants as C  # the parser's own op-code names
from re import _parser

import ahocorasick

MIN_LITERAL = 3  # shorter strings ("no", " ") are in nearly every post: not worth a gate

_Items = Sequence[tuple[object, object]]


def required_literals(source: str) -> frozenset[str] | None:
    """Strings of which every match of `source` contains one, or None if none can be proved.

    Case-insensitive patterns return None (a lower-case literal would miss "COBLOS").
    """
    try:
        parsed = _parser.parse(source)
    except (re.error, RecursionError, OverflowError):
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    literals = _sequence(list(parsed))
    if not literals or min(len(s) for s in literals) < MIN_LITERAL:
        return None
    return literals


def _sequence(items: _Items) -> frozenset[str] | None:
    """The most selective required element of a sequence: its shortest string is longest.

    Consecutive elements that match only fixed strings are joined first: in
    `(?:nomor|no|nomer) (?:urut )?…` every match contains `nomor `, `no ` or `nomer `, which
    gates the pattern where `no` alone would be too short to.
    """
    best: frozenset[str] | None = None
    run: frozenset[str] | None = None  # the strings of the current run of fixed elements

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    for op, arg in items:
        exact = _exact(op, arg)
        if exact is not None:
            if run is not None and len(run) * len(exact) <= _MAX_EXACT:
                run = frozenset(a + b for a in run for b in exact)
            else:
                consider(run)
                run = exact
            continue
        consider(run)
        run = None
        consider(_element(op, arg))
    consider(run)
    return best


_MAX_EXACT = 64  # joined fixed strings kept per run (`(a|b|c)(d|e)` → 6)


def _exact(op: object, arg: object) -> frozenset[str] | None:
    """The strings an element matches, if it matches nothing but a few fixed strings."""
    if op is C.LITERAL:
        return frozenset({chr(arg)})  # type: ignore[arg-type]
    if op is C.SUBPATTERN:
        _group, add_flags, _del_flags, pattern = arg  # type: ignore[misc]
        return None if add_flags else _exact_sequence(list(pattern))
    if op is C.BRANCH:
        union: set[str] = set()
        for alternative in arg[1]:  # type: ignore[index]
            strings = _exact_sequence(list(alternative))
            if strings is None:
                return None
            union |= strings
        return frozenset(union) if len(union) <= _MAX_EXACT else None
    return None


def _exact_sequence(items: _Items) -> frozenset[str] | None:
    strings = frozenset({""})
    for op, arg in items:
        exact = _exact(op, arg)
        if exact is None or len(strings) * len(exact) > _MAX_EXACT:
            return None
        strings = frozenset(a + b for a in strings for b in exact)
    return strings


def _element(op: object, arg: object) -> frozenset[str] | None:
    if op is C.SUBPATTERN:
        return _sequence(list(arg[3]))  # type: ignore[index]  (group, add, del, pattern)
    if op is C.BRANCH:
        union: set[str] = set()
        for alternative in arg[1]:  # type: ignore[index]
            found = _sequence(list(alternative))
            if not found:
                return None  # an alternative without a required string: nothing is required
            union |= found
        return frozenset(union)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, body = arg  # type: ignore[misc]
        return _sequence(list(body)) if low >= 1 else None
    if op is C.ASSERT:  # a positive look-ahead or look-behind is required too
        return _sequence(list(arg[1]))  # type: ignore[index]
    if op is C.ATOMIC_GROUP:
        return _sequence(list(arg))  # type: ignore[arg-type]
    return None


class RegexGate:
    """Which of a list of patterns may match a text: `candidates(text)` → their indexes.

    `literals` (literal → indexes of the patterns needing it) and `always` are public so that
    the engine can search the literals in the same pass as its lexicons and call `admit`.
    """

    def __init__(self, sources: Sequence[str]) -> None:
        self.size = len(sources)
        self._automaton: ahocorasick.Automaton | None = None  # for `candidates`, built on use
        by_literal: dict[str, list[int]] = {}
        always: set[int] = set()
        for index, source in enumerate(sources):
            literals = required_literals(source)
            if literals is None:
                always.add(index)
                continue
            for literal in literals:
                by_literal.setdefault(literal, []).append(index)
        self.always: frozenset[int] = frozenset(always)  # patterns that must always run
        self.literals: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in by_literal.items()}

    def candidates(self, text: str) -> set[int]:
        """The gate on its own (the engine searches `literals` in its shared lexicon pass)."""
        if not self.literals:
            return set(self.always)
        if self._automaton is None:
            automaton = ahocorasick.Automaton()
            for literal, indexes in self.literals.items():
                automaton.add_word(literal, indexes)
            automaton.make_automaton()
            self._automaton = automaton
        return self.admit(indexes for _end, indexes in self._automaton.iter(text))

    def admit(self, found: Iterable[tuple[int, ...]]) -> set[int]:
        """The patterns to run, given the index tuples of the literals found in a text."""
        admitted = set(self.always)
        for indexes in found:
            admitted.update(indexes)
        return admitted
