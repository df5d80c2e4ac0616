"""Structure checks for Indonesian identifiers, on plain digit strings.

Every function takes the digits alone (separators already removed) and never raises: it returns a
small info object or None/False. A number that fails its structure is not reported, which is what
keeps letter numbers, money and statistics out of the findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netra.analysis.pii.regions import PROVINCES, regency_code_ok

_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # 29 Feb: century unknown


def _day_ok(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]


def _full_date_ok(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class RegionDate:
    """What a NIK or KK number says about itself (kept for explanations, never shown raw)."""

    province: str
    day: int
    month: int
    female: bool


def _region_ok(digits: str) -> str | None:
    """The province name when the 6-digit region prefix is plausible."""
    province = PROVINCES.get(int(digits[0:2]))
    if province is None or not regency_code_ok(int(digits[2:4])) or digits[4:6] == "00":
        return None
    return province


def nik_info(digits: str) -> RegionDate | None:
    """NIK: region (6) + birth date DDMMYY with +40 on the day for women + serial (4, not 0000)."""
    if len(digits) != 16 or not digits.isdigit() or digits[12:] == "0000":
        return None
    province = _region_ok(digits)
    if province is None:
        return None
    day, month = int(digits[6:8]), int(digits[8:10])
    female = day > 40
    if female:
        day -= 40
    if not _day_ok(day, month):
        return None
    return RegionDate(province, day, month, female)


def kk_info(digits: str) -> RegionDate | None:
    """KK: region (6) + date of issue DDMMYY (no +40) + serial (4, not 0000)."""
    info = nik_info(digits)
    if info is None or info.female:
        return None
    return info


@dataclass(frozen=True, slots=True)
class NipInfo:
    birth_year: int
    appointed_year: int
    female: bool


def nip_info(digits: str, this_year: int | None = None) -> NipInfo | None:
    """NIP: birth YYYYMMDD + appointment YYYYMM + gender 1/2 + serial 001–999.

    The appointment must fall 17–60 years after birth (CPNS and PPPK age limits, with margin)
    and not lie in the future.
    """
    if len(digits) != 18 or not digits.isdigit():
        return None
    this_year = this_year or date.today().year
    by, bm, bd = int(digits[0:4]), int(digits[4:6]), int(digits[6:8])
    ay, am = int(digits[8:12]), int(digits[12:14])
    gender, serial = digits[14], int(digits[15:18])
    if not (1940 <= by <= this_year - 17 and _full_date_ok(by, bm, bd)):
        return None
    if not (1 <= am <= 12 and by + 17 <= ay <= min(by + 60, this_year + 1)):
        return None
    if gender not in "12" or serial == 0:
        return None
    return NipInfo(by, ay, gender == "2")


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check over all the given digits, the last being the check digit."""
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def npwp_ok(digits: str) -> bool:
    """NPWP: 15 digits whose 9th is a Luhn check over the first eight (the 16-digit form is the
    same with a leading 0). The 16-digit NIK-based NPWP is checked with `nik_info` instead."""
    if len(digits) == 16 and digits.startswith("0"):
        digits = digits[1:]
    if len(digits) != 15 or not digits.isdigit() or digits[2:8] == "000000":
        return False
    return luhn_ok(digits[:9])


def phone_kind(digits: str) -> str | None:
    """`mobile` or `landline` for an Indonesian number in national form (leading 0), else None.

    Mobile numbers are 08 + operator digit 1–9 (not 080x, the toll-free range) and 10–13 digits
    in all; landlines are 0 + area code (2–3 digits, starting 2–7 or 9) + subscriber number,
    9–11 digits in all. Short service codes (112, 1500-xxx, 14xxx) never start with 0.
    """
    n = len(digits)
    if n < 9 or digits[0] != "0" or not digits.isdigit():
        return None
    if digits[1] == "8":
        return "mobile" if 10 <= n <= 13 and digits[2] != "0" else None
    if digits[1] in "234567" or digits[1] == "9":
        return "landline" if 9 <= n <= 11 else None
    return None


def national_phone(digits: str) -> str:
    """`62812…` / `0062812…` / `620812…` → `0812…` (other digit strings unchanged)."""
    if digits.startswith("00"):
        digits = digits[2:]
    if digits.startswith("62") and len(digits) >= 10:
        rest = digits[2:]
        return rest if rest.startswith("0") else "0" + rest
    return digits
