"""Dates as fact-checkers write them: `2 Jan 2024`, `Selasa, 2 Januari 2024`, `02/01/2024`, ISO.

Indonesian archives write day-first dates with Indonesian or English month names, often behind a
day name and followed by a time zone (`10:15 WIB`); feeds use RFC 822 or ISO 8601. Every form is
turned into a `date`; anything else is rejected with a reason rather than guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

MONTHS: dict[str, int] = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "february": 2, "pebruari": 2, "feb": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "agus": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}  # fmt: skip
_DAY_NAMES = (
    "senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
)
_LEADING_DAY = re.compile(rf"^(?:{_DAY_NAMES})\s*,?\s*", re.IGNORECASE)
_TRAILING_TIME = re.compile(
    r"(?:\s*[,|-]?\s*(?:pukul|jam)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*"
    r"(?:wib|wita|wit|utc|gmt|[+-]\d{2}:?\d{2})?)\s*$",
    re.IGNORECASE,
)
_TEXT_DATE = re.compile(r"^(\d{1,2})\s*[-\s.]\s*([a-z]+)\.?\s*[-\s.,]\s*(\d{4})$", re.IGNORECASE)
_MONTH_FIRST = re.compile(r"^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$", re.IGNORECASE)
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
_YMD_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")

EARLIEST_YEAR = 1990


class DateError(ValueError):
    """A date we cannot read; the message is Indonesian."""


def parse_date(raw: str | None, *, today: date | None = None) -> date | None:
    """Parse a fact-check date; None for an empty value; DateError for anything unreadable.

    Numeric dates are day-first (`02/01/2024` is 2 January), as Indonesians write them.
    """
    if raw is None:
        return None
    text = " ".join(str(raw).split())
    if not text:
        return None
    result = _parse(text)
    if result is None:
        raise DateError(f"tanggal tidak dikenali: {text[:40]!r}")
    limit = today or date.today()
    if result.year < EARLIEST_YEAR or result > date(limit.year + 1, 12, 31):
        raise DateError(f"tanggal di luar rentang wajar: {text[:40]!r}")
    return result


def _parse(text: str) -> date | None:
    iso = _ISO.match(text)
    if iso:
        if "T" in text or " " in text[10:11]:
            try:
                return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
            except ValueError:
                pass
        return _make(int(iso[1]), int(iso[2]), int(iso[3]))
    ymd = _YMD_SLASH.match(text)
    if ymd:
        return _make(int(ymd[1]), int(ymd[2]), int(ymd[3]))
    rfc = _rfc822(text)
    if rfc is not None:
        return rfc
    core = _LEADING_DAY.sub("", text)
    core = _TRAILING_TIME.sub("", core).strip(" ,")
    numeric = _NUMERIC_DMY.match(core)
    if numeric:
        return _make(int(numeric[3]), int(numeric[2]), int(numeric[1]))
    m = _TEXT_DATE.match(core)
    if m:
        month = MONTHS.get(m[2].lower())
        return _make(int(m[3]), month, int(m[1])) if month else None
    m = _MONTH_FIRST.match(core)
    if m:
        month = MONTHS.get(m[1].lower())
        return _make(int(m[3]), month, int(m[2])) if month else None
    return None


def _rfc822(text: str) -> date | None:
    if not re.search(r"\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}", text):
        return None
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
