"""Reference codes that make Indonesian identifiers checkable: provinces and plate regions.

These are facts of the Indonesian administration, not tuning knobs, so they live in code. NIK and
KK numbers start with the Kemendagri province code; a number whose first two digits are not a
province cannot be a NIK, which removes most random 16-digit numbers (card numbers, order ids).
"""

from __future__ import annotations

# Kemendagri province codes as used in NIK/KK. The Papua codes 91–96 include both the pre-2022
# numbering (91 Papua Barat, 94 Papua) and the provinces created in 2022, because a NIK keeps the
# code it was issued with.
PROVINCES: dict[int, str] = {
    11: "Aceh", 12: "Sumatera Utara", 13: "Sumatera Barat", 14: "Riau", 15: "Jambi",
    16: "Sumatera Selatan", 17: "Bengkulu", 18: "Lampung", 19: "Kepulauan Bangka Belitung",
    21: "Kepulauan Riau", 31: "DKI Jakarta", 32: "Jawa Barat", 33: "Jawa Tengah",
    34: "DI Yogyakarta", 35: "Jawa Timur", 36: "Banten", 51: "Bali", 52: "Nusa Tenggara Barat",
    53: "Nusa Tenggara Timur", 61: "Kalimantan Barat", 62: "Kalimantan Tengah",
    63: "Kalimantan Selatan", 64: "Kalimantan Timur", 65: "Kalimantan Utara",
    71: "Sulawesi Utara", 72: "Sulawesi Tengah", 73: "Sulawesi Selatan", 74: "Sulawesi Tenggara",
    75: "Gorontalo", 76: "Sulawesi Barat", 81: "Maluku", 82: "Maluku Utara", 91: "Papua Barat",
    92: "Papua Barat Daya", 93: "Papua Selatan", 94: "Papua", 95: "Papua Pegunungan",
    96: "Papua Tengah",
}  # fmt: skip

# Regency (kabupaten) codes run from 01 upwards (the largest province has fewer than 40);
# city (kota) codes run from 71. Anything else is not a regency code.
MAX_REGENCY_CODE = 49
MIN_CITY_CODE, MAX_CITY_CODE = 71, 79

# Licence-plate (TNKB) region prefixes. `RI`, `CD`, `CC` (state and diplomatic plates) are left
# out on purpose: those vehicles are not private persons'.
_PLATE_TABLE = """
    A B D E F G H K L M N P R S T W Z
    AA AB AD AE AG
    BA BB BD BE BG BH BK BL BM BN BP
    DA DB DC DD DE DG DH DK DL DM DN DP DR DT DW
    EA EB ED KB KH KT KU PA PB
"""
PLATE_PREFIXES: frozenset[str] = frozenset(_PLATE_TABLE.split())


def regency_code_ok(code: int) -> bool:
    """Whether two digits can be a regency (kabupaten) or city (kota) code."""
    return 1 <= code <= MAX_REGENCY_CODE or MIN_CITY_CODE <= code <= MAX_CITY_CODE
