"""The shapes every personal-data recognizer shares: a result, a recognizer, and the scan.

Modelled on presidio-analyzer: a recognizer is a small class configured with data (patterns,
context words, validators) that returns results which explain themselves. Unlike presidio, all
recognizers share one `Scan` of the post (context words found once, digit groups found once),
which is what makes running a dozen of them on every keystroke affordable.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import ClassVar

from netra.analysis.lazy import cached
from netra.analysis.pii.config import PiiConfig
from netra.analysis.pii.keywords import HitList, KeywordIndex, lower_same_length


@dataclass(frozen=True, slots=True)
class PiiMatch:
    """One piece of personal data. Offsets are into the text the analyzer was given (for the
    engine: the Document's clean view). `reason` says in Indonesian why it was recognised,
    without repeating the value itself."""

    entity: str
    start: int
    end: int
    score: float
    recognizer: str
    reason: str
    redacted: str


# Digit groups joined by the separators people type inside one number: a space, a dot or dash
# (optionally spaced), or parentheses around an area code; `+` or `(` may open it.
_CHAIN_RE = re.compile(
    r"(?:\+[ ]?|\(\+?)?[0-9]+"
    r"(?:(?:[ \t]?[.\-][ \t]?|[ \t]|\)[ \t]?\(?|[ \t]?\()[0-9]+)*"
    r"\)?"
)
_GROUP_RE = re.compile(r"[0-9]+")
# the shortest number any number recognizer wants (bank accounts: 8 digits)
MIN_CHAIN_DIGITS = 8
# the most groups one identifier is written in (an 18-digit NIP with a space between every
# digit), with margin; longer runs are tables or lists of numbers
MAX_CHAIN_GROUPS = 24
_SENTENCE_END_RE = re.compile(r"[!?\n;]|(?<=[a-z]{4})\.(?=\s|$)")
_LOWER_NAME_RE = re.compile(r"\.?[ \t]{1,2}([a-z]{3,15})(?![A-Za-z0-9])")
_NAME_AFTER_RE = re.compile(r"\.?[ \t]{0,2}([A-Z][A-Za-z'\-]+|[A-Z]\.?(?![A-Za-z])|@\w+)")
_NEXT_NAME_RE = re.compile(r"[ \t]([A-Z][A-Za-z'\-]+)(?![A-Za-z])")


@dataclass(frozen=True, slots=True)
class DigitGroup:
    start: int
    end: int
    digits: str
    sep: str  # the characters between the previous group and this one ('' for the first)


@dataclass(frozen=True, slots=True)
class DigitChain:
    """Digit groups that may be one number, e.g. `0812-3456-7890` or `(021) 123 4567`."""

    start: int
    end: int
    groups: tuple[DigitGroup, ...]
    digit_count: int

    def windows(self, length: int) -> list[tuple[int, int]]:
        """(first, last) group indexes whose digits add up to exactly `length`."""
        out = []
        groups = self.groups
        for i in range(len(groups)):
            total = 0
            for j in range(i, len(groups)):
                total += len(groups[j].digits)
                if total == length:
                    out.append((i, j))
                if total >= length:
                    break
        return out

    def digits(self, first: int, last: int) -> str:
        return "".join(g.digits for g in self.groups[first : last + 1])


class Scan:
    """One post as every recognizer sees it. Built per post; everything heavy is lazy."""

    def __init__(
        self, text: str, keywords: KeywordIndex, name_stop: frozenset[str] = frozenset()
    ) -> None:
        self.text = text
        self.lower = lower_same_length(text)
        self._keywords = keywords
        self._name_stop = name_stop  # lower-case words that cannot be a name after `pak`

    @cached
    def hits(self) -> HitList:
        return HitList(self._keywords.find(self.lower))

    @cached
    def digit_count(self) -> int:
        return _count_digits(self.text)

    @cached
    def chains(self) -> list[DigitChain]:
        """Runs of digit groups with at least `MIN_CHAIN_DIGITS` digits (shorter ones, such as
        years, times and small counts, can be no identifier the recognizers look for)."""
        chains = []
        text = self.text
        for m in _CHAIN_RE.finditer(text):
            raw = m.group()
            if len(raw) < MIN_CHAIN_DIGITS:
                continue
            count = _count_digits(raw)
            if count < MIN_CHAIN_DIGITS:
                continue
            if raw.count(" ") + raw.count(".") + raw.count("-") > MAX_CHAIN_GROUPS:
                continue  # a table or a list of numbers, not one identifier
            groups = []
            prev_end = None
            for g in _GROUP_RE.finditer(text, m.start(), m.end()):
                sep = "" if prev_end is None else text[prev_end : g.start()]
                groups.append(DigitGroup(g.start(), g.end(), g.group(), sep))
                prev_end = g.end()
            chains.append(DigitChain(m.start(), m.end(), tuple(groups), count))
        return chains

    @cached
    def sentence_ends(self) -> list[int]:
        return [m.start() for m in _SENTENCE_END_RE.finditer(self.text)]

    def same_sentence(self, a: int, b: int) -> bool:
        """Whether no sentence boundary lies between offsets a <= b."""
        ends = self.sentence_ends
        i = bisect_left(ends, a)
        return i >= len(ends) or ends[i] >= b

    @cached
    def person_refs(self) -> list[tuple[int, int]]:
        """Spans naming an identifiable person: an honorific with a name or a role (`Pak Budi
        Santoso`, `Bu Lurah`, `Tn. A`, `si Anton`), `atas nama Budi`, an @mention, or a relative
        of the author (`istri saya`, `bokap`), identifiable through the author."""
        refs: list[tuple[int, int]] = []
        hits = self.hits
        role_starts = {h.start: h.end for h in hits.of("role")}
        for hit in hits.of("honorific_named"):
            m = _NAME_AFTER_RE.match(self.text, hit.end)
            if (
                m is not None
                and m.group(1)[0].isupper()
                and m.group(1).lower() not in self._name_stop
            ):
                refs.append((hit.start, m.end()))
        for hit in hits.of("honorific"):
            end = self._name_end(hit.end)
            if end is not None:
                refs.append((hit.start, end))
                continue
            gap = hit.end
            while gap < len(self.text) and self.text[gap] in " .\t" and gap - hit.end < 3:
                gap += 1
            if gap in role_starts:
                refs.append((hit.start, role_starts[gap]))
        for m in _MENTION_RE.finditer(self.text):
            refs.append((m.start(), m.end()))
        self._named_refs = sorted(refs)
        for hit in hits.of("unique_role"):
            refs.append((hit.start, hit.end))
        relations = hits.of("relation")
        if relations:
            author_named = bool(refs) or _SELF_NAMED_RE.search(self.text) is not None
            for hit in relations:
                if author_named or _NAMED_AFTER_RE.match(self.text, hit.end):
                    refs.append((hit.start, hit.end))
        refs.sort()
        return refs

    def _name_end(self, pos: int) -> int | None:
        """End of a personal name right after an honorific: up to three capitalised words
        (`Budi Santoso`), an initial (`A.`), one lower-case word that is not an ordinary word
        (`pak budi`), or an @mention."""
        m = _NAME_AFTER_RE.match(self.text, pos)
        if m is not None:
            if m.group(1).startswith("@") or len(m.group(1).rstrip(".")) == 1:
                return m.end()
            if m.group(1).lower() in self._name_stop:
                return None
            end = m.end()
            for _ in range(2):
                more = _NEXT_NAME_RE.match(self.text, end)
                if more is None or more.group(1).lower() in self._name_stop:
                    break
                end = more.end()
            return end
        m = _LOWER_NAME_RE.match(self.text, pos)
        if m is not None and m.group(1) not in self._name_stop:
            return m.end()
        return None

    @property
    def named_refs(self) -> list[tuple[int, int]]:
        """Only the references that name someone (honorific + name, @mention): an office
        (`Kantor Bupati`) or a relative is not who an address or a phone number belongs to."""
        _ = self.person_refs
        return self._named_refs

    def person_before(
        self, pos: int, window: int, *, named_only: bool = False
    ) -> tuple[int, int] | None:
        """The person reference ending closest before `pos` (within `window` characters), in
        the same sentence."""
        by_end, ends = self._refs_by_end(named_only)
        i = bisect_right(ends, pos) - 1
        if i < 0:
            return None
        start, end = by_end[i]
        if pos - end > window or not self.same_sentence(end, pos):
            return None
        return start, end

    def _refs_by_end(self, named_only: bool) -> tuple[list[tuple[int, int]], list[int]]:
        key = "_named_by_end" if named_only else "_all_by_end"
        cached = self.__dict__.get(key)
        if cached is None:
            refs = self.named_refs if named_only else self.person_refs
            # for equal ends the longest reference (earliest start) comes last, and wins
            by_end = sorted(refs, key=lambda r: (r[1], -r[0]))
            cached = (by_end, [end for _, end in by_end])
            self.__dict__[key] = cached
        return cached


def _count_digits(text: str) -> int:
    """ASCII digits in `text`: ten C-level counts beat one `translate`, which looks every
    character up in a table."""
    count = text.count
    return (count("0") + count("1") + count("2") + count("3") + count("4") + count("5")
            + count("6") + count("7") + count("8") + count("9"))  # fmt: skip


# the author names themself (`saya Rahmat Hidayat`, `nama saya Budi`)
_SELF_NAMED_RE = re.compile(r"\b(?:saya|aku|sy)[ \t]+(?:adalah[ \t]+)?[A-Z][a-z]+[ \t][A-Z][a-z]+")
# a relative named right after (`anak saya yang autis, Bima`)
_NAMED_AFTER_RE = re.compile(r"[^.!?\n]{0,30}?[,(][ \t]*(?:[Ss]i[ \t]+)?[A-Z][a-z]+")
_MENTION_RE = re.compile(r"(?<![\w.])@[A-Za-z0-9_]{3,30}(?![\w@.])")


class Recognizer:
    """Finds one family of personal data. Built once (compile here), called per post."""

    name: ClassVar[str]
    entities: ClassVar[tuple[str, ...]]

    def __init__(self, config: PiiConfig) -> None:
        self.config = config

    def ready(self, scan: Scan) -> bool:
        """A cheap test that the post can contain this entity at all (default: yes)."""
        return True

    def analyze(self, scan: Scan) -> list[PiiMatch]:
        raise NotImplementedError
