"""Helpers the number recognizers share: which label a number carries, and what it is not.

A number's meaning is decided by the nearest identifying word before it (`NIK`, `No. KK`,
`NPWP`, `rek BRI`, `WA`), or failing that just after it. Numbers that are part of letter or
regulation numbers (`800/123/BKD/2024`), money (`Rp 1.500.000`) or dates are never personal data.
"""

from __future__ import annotations

import re

from netra.analysis.pii.base import DigitChain, Scan
from netra.analysis.pii.keywords import KeywordHit

# labels that say what a number is (the nearest one wins)
ID_LABELS = ("nik", "kk", "npwp", "nip", "passport", "bank_strong", "bank", "phone_cue", "not_id")

_THOUSANDS_RE = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_UNIT_AFTER_RE = re.compile(
    r"[ \t]?(?:%|persen|orang|jiwa|kk\b|unit|km|kg|ton|meter|m2|ha|hektar|liter|lembar|paket|"
    r"buah|ekor|suara|pemilih|tps|kali|x\b|jam|menit|detik|hari|bulan|tahun|wib|wita|wit)",
    re.IGNORECASE,
)


def nearest_label(scan: Scan, start: int, end: int, window: int, window_after: int,
                  labels: tuple[str, ...] = ID_LABELS) -> KeywordHit | None:  # fmt: skip
    """The identifying word closest before the number, else the first one just after it."""
    before = scan.hits.nearest_before(labels, start, window)
    if before is not None:
        between = scan.text[before.end : start]
        if "\n" in between and between.strip(" \t\n:.=-"):
            return None  # a label on an earlier line, with other words after it
        return before
    best = None
    for label in labels:
        hit = scan.hits.first_after(label, end, window_after)
        if hit is not None and (best is None or hit.start < best.start):
            best = hit
    if best is not None and any(c in scan.text[end : best.start] for c in ".\n!?;"):
        return None  # a label in the next sentence says nothing about this number
    return best


def in_code(scan: Scan, start: int, end: int) -> bool:
    """Part of a slash-joined code such as a letter or regulation number (`445/1234/Dinkes`),
    or glued to an order/invoice code (`INV20240312…`, `…0003A`)."""
    text = scan.text
    if start > 0 and text[start - 1] == "/":
        return True
    if end < len(text) and text[end] == "/" and end + 1 < len(text) and text[end + 1].isalnum():
        return True
    if end < len(text) and text[end].isalpha():
        return True
    i = start
    while i > 0 and text[i - 1].isalpha() and text[i - 1].isupper():
        i -= 1
    word = text[i:start]
    return len(word) >= 3 and word not in _ID_PREFIX_WORDS


_ID_PREFIX_WORDS = {"NIK", "NIP", "KTP", "NPWP", "NOKK", "REK", "NOREK", "TELP", "TLP", "NOHP"}


def is_money(scan: Scan, chain: DigitChain, start: int, end: int) -> bool:
    """`Rp 1.500.000`, `1.500.000,00`, `150 juta`."""
    text = scan.text
    if _THOUSANDS_RE.fullmatch(text, start, end):
        return True
    money = scan.hits.last_before("money", start, 3)
    if money is not None:
        return True
    after = scan.hits.first_after("money", end, 2)
    return after is not None or text.startswith((",-", ",00", ".-"), end)


def is_date_or_time(chain: DigitChain, first: int, last: int) -> bool:
    """Groups that read as a date (`12-03-2024`, `2024.03.12`) or a time (`08.00`)."""
    groups = [g.digits for g in chain.groups[first : last + 1]]
    if len(groups) == 1 and len(groups[0]) == 8:
        d = groups[0]
        if _plausible_date(int(d[4:]), int(d[2:4]), int(d[:2])) or _plausible_date(
            int(d[:4]), int(d[4:6]), int(d[6:])
        ):
            return True  # `25082025`, `20250825`
    for k in range(len(groups) - 2):
        a, b, c = groups[k : k + 3]
        day_first = len(a) <= 2 and len(b) <= 2 and len(c) in (2, 4)
        if day_first and 1 <= int(a) <= 31 and 1 <= int(b) <= 12:
            return True
        year_first = len(a) == 4 and len(b) <= 2 and len(c) <= 2
        if year_first and 1 <= int(b) <= 12 and 1 <= int(c) <= 31:
            return True
    return False


def _plausible_date(year: int, month: int, day: int) -> bool:
    return 1950 <= year <= 2035 and 1 <= month <= 12 and 1 <= day <= 31


def followed_by_unit(scan: Scan, end: int) -> bool:
    """`1234567890 orang`, `12 km`: a count or a measure, not an identifier."""
    return _UNIT_AFTER_RE.match(scan.text, end) is not None


def formatted_like(chain: DigitChain, first: int, last: int, sizes: tuple[int, ...]) -> bool:
    """Whether the groups have exactly the given sizes (e.g. NPWP 2-3-3-1-3-3)."""
    groups = chain.groups[first : last + 1]
    return tuple(len(g.digits) for g in groups) == sizes
