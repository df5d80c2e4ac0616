"""A post as the political_neutrality detector reads it: words, signal hits, context checks.

The neutrality rules fire on co-occurring words; whether a firing really is an ASN taking sides
depends on its surroundings: is "banteng" next to election words, is the number after "TPS", is
there a clause break, does a first-person word come before the verb. `PostView` answers such
questions from the one automaton pass (`Scan`) and the Document's words, cheaply, so the detector
can ask many of them per post.
"""

from __future__ import annotations

import re

from netra.analysis.document import Document
from netra.analysis.matcher import Hit, Scan

NUMBER_WORDS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6,  # Indonesian
    "siji": 1, "loro": 2, "telu": 3, "papat": 4,  # Javanese
    "hiji": 1, "tilu": 3, "opat": 4,  # Sundanese
}  # fmt: skip
# Words that may stand between an honorific or a candidate word and the name ("caleg kita Bu Sri").
NAME_FILLER = frozenset(["kita", "kami", "saya", "kesayangan", "tercinta", "kebanggaan", "haji",
                          "hj", "h", "ir", "dr", "drs", "prof", "kh", "nomor", "urut"])  # fmt: skip
DIGITS = re.compile(r"\d+")
_DATE_AFTER = re.compile(r"[/:.\-]\d")
_DATE_BEFORE = re.compile(r"\d[/:.\-]$")
# Tokens that make a following number something other than a ballot number.
NOT_BALLOT_BEFORE = frozenset(
    ["tps", "rt", "rw", "kamar", "ruang", "ruangan", "lantai", "blok", "jam", "pukul", "tanggal",
     "tgl", "kelas", "kelompok", "regu", "gang", "gg", "loket", "meja", "pos", "kode",
     "bulan", "seri", "unit", "halaman", "hal", "bab", "pasal", "ayat", "lampiran", "kavling",
     "lot", "antrean", "antrian", "nik", "nip", "rumah", "gedung", "pintu", "gerbang", "jalur",
     "lajur", "line", "juara", "peringkat", "ranking", "rangking", "urutan"]
)  # fmt: skip
# Words that may stand between a subject and its verb ("Golkar resmi mendukung…").
SUBJECT_FILLER = frozenset(
    ["resmi", "akan", "juga", "tetap", "siap", "sudah", "telah", "pun", "kembali", "secara",
     "bulat"]
)  # fmt: skip
NEGATION_BEFORE_VERB = frozenset(["tidak", "jangan", "ogah", "bukan", "tak", "enggak"])
# Particles that may follow a call before the clause ends ("coblos ya gaes!").
PARTICLES = frozenset(
    ["ya", "yah", "yuk", "ayo", "aja", "saja", "dong", "lah", "deh", "guys", "gaes", "sob", "bro",
     "sis", "semua", "bersama", "kawan", "teman", "rek", "lur", "bund", "kak"]
)  # fmt: skip
HONORIFICS = frozenset(["bapak", "pak", "ibu", "bu", "mas", "mbak", "kang", "bang", "cak"])
_BUCKET_FROM = 64  # hits of one signal; above this `PostView.inside` buckets them by position


class PostView:
    """One post's words and signal hits, with the cheap context checks the rules share."""

    def __init__(self, doc: Document, scan: Scan) -> None:
        self.doc = doc
        self.scan = scan
        self.norms = doc.norms
        # Imported candidate lexicons carry their pair's hashtags and slogans (kind: slogan);
        # party lexicons list look-alikes ("Gelora Bung Karno", kind: lookalike) that must win
        # over the nickname they contain.
        named = longest(scan.hits("entity"))
        self.lookalikes = [h for h in named if h.attr("kind") == "lookalike"]
        self._hits = {
            "entity": [h for h in named if h.attr("kind") not in ("slogan", "lookalike")],
            "slogan": scan.hits("slogan") + [h for h in named if h.attr("kind") == "slogan"],
        }
        self.entities = self._hits["entity"]
        self._buckets: dict[str, dict[int, list[tuple[int, Hit]]]] = {}

    # -- signal look-ups --------------------------------------------------------------------------
    def hits(self, name: str) -> list[Hit]:
        found = self._hits.get(name)
        return found if found is not None else self.scan.hits(name)

    def has(self, name: str) -> bool:
        return bool(self.hits(name))

    def inside(self, name: str, first: int, last: int) -> list[Hit]:
        """Hits of `name` lying within words first..last, in the order of `hits(name)`.

        Most posts have a handful of hits: a plain scan. A hostile post with thousands of
        hashtags would make that quadratic, so long lists are bucketed by first word once.
        """
        hits = self.hits(name)
        if len(hits) <= _BUCKET_FROM:
            return [h for h in hits if first <= h.first and h.last <= last]
        buckets = self._buckets.get(name)
        if buckets is None:
            buckets = self._buckets[name] = {}
            for order, h in enumerate(hits):
                buckets.setdefault(h.first, []).append((order, h))
        found = [
            (order, h)
            for p in range(first, last + 1)
            for order, h in buckets.get(p, ())
            if h.last <= last
        ]
        return [h for _, h in sorted(found, key=lambda pair: pair[0])]

    def near(self, name: str, first: int, last: int, window: int) -> list[Hit]:
        lo, hi = first - window, last + window
        return [h for h in self.hits(name) if h.last >= lo and h.first <= hi]

    def ends_before(self, name: str, index: int, window: int) -> list[Hit]:
        """Hits of `name` that end within `window` words before token `index`."""
        return [h for h in self.hits(name) if index - window <= h.last < index]

    def entity_for(self, hit: Hit) -> Hit | None:
        """The longest entity overlapping (or right after) a hit: "partai" → "partai Gerindra"."""
        found = [e for e in self.entities if e.last >= hit.first and e.first <= hit.last + 1]
        return max(found, key=lambda e: e.last - e.first) if found else None

    def original(self, first: int, last: int) -> str:
        start, end = self.doc.token_span(first, last)
        return self.doc.text[start:end]

    def is_hashtag(self, hit: Hit) -> bool:
        return all(self.doc.tokens[i].kind == "hashtag" for i in range(hit.first, hit.last + 1))

    # -- shared judgements ------------------------------------------------------------------------
    def about_violation(self, first: int, last: int) -> bool:
        """News or rules about a violation ("dilarang", "sanksi", "survei"), not a violation."""
        return bool(self.near("meta", first, last, 10))

    def campaign_cue(self, first: int, last: int, window: int = 6) -> bool:
        return bool(
            self.near("number", first, last, window)
            or self.near("slogan", first, last, window)
            or self.near("election", first, last, window)
        )

    def titled(self, hit: Hit) -> bool:
        """`Presiden Prabowo`, `Bupati terpilih Hendra`: the name follows an office title."""
        return any(hit.first - 2 <= t.last < hit.first for t in self.hits("title"))

    def third_person_before(self, index: int) -> bool:
        """A title, a named person or a subject noun just before: the post is about someone else."""
        return bool(
            self.ends_before("title", index, 4)
            or self.ends_before("third", index, 4)
            or any(index - 4 <= e.last < index and e.attr("kind") != "party" for e in self.entities)
        )

    def ballot_number(self, hit: Hit) -> int | None:
        """The number of a ballot-number hit, or None if it is a TPS/RT/room number or a date."""
        value = number_value(self.norms[hit.last])
        if value is None or not plausible_ballot_number(self.doc, hit):
            return None
        return value

    def targets(self) -> set[int]:
        """Ballot numbers the post names, directly or through a party/candidate."""
        out = {v for h in self.hits("number") if (v := self.ballot_number(h)) is not None}
        out.update(int(n) for e in self.entities if (n := e.attr("number")) is not None)
        return out

    def lists_every_choice(self) -> bool:
        """ "Mau pilih 01, 02, atau 03 silakan, yang penting ke TPS": neutral, not a call."""
        targets = self.targets()
        if len(targets) < 2:
            return False
        listing = self.has("neutral") or len(targets) >= 3  # "pilih nomor 1, 2, atau 3"
        return self.has("plural") or (self.has("either") and listing)

    def clause_end(self, index: int) -> bool:
        """Token `index` ends its clause, allowing particles: "coblos ya!", "pilih aja dong"."""
        i = index
        while i + 1 < len(self.norms) and self.norms[i + 1] in PARTICLES:
            i += 1
        if i + 1 >= len(self.norms):
            return True
        return self.punctuated(i, i + 1) or self.exclaimed(Hit(i, i, None))

    def exclaimed(self, hit: Hit) -> bool:
        """The word ends a cheer: followed by "!", an emoji, or the end of the post."""
        _, end = self.doc.token_span(hit.last, hit.last)
        rest = self.doc.text[end:].lstrip()
        return not rest or rest[0] == "!" or not (rest[0].isalnum() or rest[0] in ",.;:?-")

    def punctuated(self, left: int, right: int) -> bool:
        """Whether a clause break (. , ! ? ; :) stands between token `left` and token `right`."""
        _, end = self.doc.token_span(left, left)
        start, _ = self.doc.token_span(right, right)
        return any(c in ".,!?;:" for c in self.doc.text[end:start])

    def sentence_break(self, left: int, right: int) -> bool:
        """Whether a sentence ends (. ! ? or a new line) between token `left` and token `right`."""
        if right <= left:
            return False
        _, end = self.doc.token_span(left, left)
        start, _ = self.doc.token_span(right, right)
        return any(c in ".!?\n" for c in self.doc.text[end:start])

    def name_after(self, hit: Hit) -> int | None:
        """Index of the last token of a capitalised name after an honorific ("Bu Sri Mulyani")."""
        skip = {i for h in self.hits("title") for i in range(h.first, h.last + 1)}
        j = hit.last + 1
        while (
            j < len(self.norms)
            and j - hit.last <= 3
            and (j in skip or self.norms[j] in NAME_FILLER or self.norms[j] in HONORIFICS)
        ):
            j += 1
        if j >= len(self.norms) or not self.norms[j].isalpha():
            return None
        word = self.original(j, j)
        if not word[:1].isupper() or (word.isupper() and len(word) > 4):
            return None
        if j + 1 < len(self.norms) and self.norms[j + 1].isalpha():
            nxt = self.original(j + 1, j + 1)
            if nxt[:1].isupper() and not nxt.isupper() and not self.punctuated(j, j + 1):
                return j + 1
        return j

    def lookalike_at(self, hit: Hit) -> bool:
        """Whether a look-alike ("Garuda Indonesia", "PKI") covers or follows the hit."""
        return any(h.last >= hit.first and h.first <= hit.last + 1 for h in self.lookalikes)

    def direct_object(self, verb: Hit, target: Hit) -> bool:
        """Whether only small words stand between a verb and its target ("pilih pak Anies",
        "dukung terus Cak Imin", "coblos caleg kita Bu Sri"), not another object ("memilih suami
        apalagi kader Gerindra") or a new clause."""
        for j in range(verb.last + 1, target.first):
            word = self.norms[j]
            if word in _BETWEEN or word in PARTICLES or word in NAME_FILLER or word in HONORIFICS:
                continue
            if DIGITS.fullmatch(word) or self.original(j, j)[:1].isupper():
                continue  # a number or a name ("pilih 03 Ganjar", "dukung Bang Andra Soni")
            return False
        return True

    def name_run(self, start: int, limit: int = 4) -> int | None:
        """Last token of the capitalised words from `start` ("Khofifah-Emil", "Budi Santoso")."""
        end = None
        for j in range(start, min(len(self.norms), start + limit)):
            word = self.original(j, j)
            if not (self.norms[j].isalpha() and word[:1].isupper()):
                break
            if end is not None and self.punctuated(end, j) and not self.paired(end, j):
                break
            end = j
        return end

    def paired(self, first: int, last: int) -> bool:
        """Whether the names first..last are written as a pair: "Khofifah-Emil", "Andi & Budi"."""
        if last <= first:
            return False
        start, end = self.doc.token_span(first, last)
        inner = self.doc.text[start:end]
        return any(c in inner for c in "-–&") or " dan " in inner.lower()

    def negated(self, first: int, last: int) -> bool:
        return any(first - 2 <= h.first <= last for h in self.hits("negation"))

    def mostly_upper(self) -> bool:
        letters = [c for c in self.doc.text if c.isalpha()]
        return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.6


# Small words that may stand between a vote verb and the party/candidate it takes.
_BETWEEN = frozenset(
    ["yang", "si", "sang", "partai", "parpol", "paslon", "pasangan", "calon", "caleg", "capres",
     "cawapres", "cagub", "cabup", "cawalkot", "nomor", "no", "urut", "terus", "lagi", "juga",
     "dan", "kembali", "the", "kalian", "untuk", "buat", "ke", "kepada", "pada", "abah", "gus",
     "mas", "mbak", "bung", "kita", "kami", "aja", "saja", "sekali", "tetap", "selalu"]
)  # fmt: skip
_STREET = frozenset(["jl", "jln", "jalan", "gg", "gang", "komplek", "kompleks", "perum",
                     "perumahan", "blok", "kav", "kavling", "ruko", "lantai"])  # fmt: skip


def plausible_ballot_number(doc: Document, hit: Hit) -> bool:
    """Not a TPS/RT/room/queue number ("TPS 02") nor part of a time or date ("08.00", "01/02")."""
    tokens = doc.tokens
    if hit.first > 0 and tokens[hit.first - 1].norm in NOT_BALLOT_BEFORE:
        return False
    if any(t.norm in _STREET for t in tokens[max(0, hit.first - 5) : hit.first]):
        return False  # "Jl. Kenari Raya No. 14": a house number
    start, end = tokens[hit.last].start, tokens[hit.last].end
    text = doc.text
    return not (
        _DATE_AFTER.match(text, end) or _DATE_BEFORE.search(text[max(0, start - 2) : start])
    )


def longest(hits: list[Hit]) -> list[Hit]:
    """Drop hits covered by a longer one ("demokrat" inside "nasional demokrat").

    A hit can only be covered by a kept hit that starts at most `widest` words before it, so
    only those starting positions are looked up: a hostile post repeating one name thousands of
    times stays linear instead of comparing every hit with every kept one.
    """
    ordered = sorted(hits, key=lambda h: (-(h.last - h.first), h.first))
    widest = ordered[0].last - ordered[0].first if ordered else 0
    kept: list[Hit] = []
    last_by_first: dict[int, int] = {}  # kept hits: first word -> furthest last word
    for h in ordered:
        if any(last_by_first.get(p, -1) >= h.last for p in range(h.first - widest, h.first + 1)):
            continue
        kept.append(h)
        if last_by_first.get(h.first, -1) < h.last:
            last_by_first[h.first] = h.last
    return kept


def number_value(word: str) -> int | None:
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    m = DIGITS.fullmatch(word)
    return int(m.group(0)) if m else None


def hashtag_spans(doc: Document) -> list[tuple[int, int]]:
    """Token ranges of the hashtags of a post (`#A #B` → two ranges, `#AmanDamai` → one)."""
    spans: list[tuple[int, int]] = []
    tokens = doc.tokens
    start = None
    for i, tok in enumerate(tokens):
        if tok.kind != "hashtag":
            if start is not None:
                spans.append((start, i - 1))
                start = None
            continue
        if start is not None:
            gap = doc.text[tokens[i - 1].end : tok.start]
            if tok.start > tokens[i - 1].end and gap.strip("_"):
                spans.append((start, i - 1))
                start = i
        else:
            start = i
    if start is not None:
        spans.append((start, len(tokens) - 1))
    return spans
