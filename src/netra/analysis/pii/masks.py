"""How each kind of personal data is shown in `redacted_text`.

One scheme throughout: numbers keep a few leading and trailing digits so the author can still
tell which number was meant (`3174********0003`, `0812****5678`), separators stay so the shape
remains readable, and free text (addresses, health conditions) becomes a bracketed placeholder.
"""

from __future__ import annotations

ADDRESS = "[alamat disamarkan]"
HEALTH = "[data kesehatan disamarkan]"


def keep_ends(value: str, head: int, tail: int) -> str:
    """Replace letters and digits by `*` except the first `head` and last `tail` of them."""
    positions = [i for i, c in enumerate(value) if c.isalnum()]
    if len(positions) <= head + tail:
        head, tail = min(head, max(0, len(positions) - 1)), 0
    hidden = set(positions[head : len(positions) - tail])
    return "".join("*" if i in hidden else c for i, c in enumerate(value))


def id_number(value: str) -> str:
    """NIK, KK, NIP, 16-digit NPWP: first 4 and last 4 digits kept."""
    return keep_ends(value, 4, 4)


def npwp(value: str) -> str:
    """15-digit NPWP `12.345.678.9-012.345` → `12.***.***.*-***.345`."""
    return keep_ends(value, 2, 3)


def phone(value: str) -> str:
    """`0812-3456-7890` → `0812-****-7890`; `+62 812 3456 7890` → `+62 81* **** 7890`."""
    return keep_ends(value, 4, 4)


def bank_account(value: str) -> str:
    """Only the last 3 digits stay: enough to recognise one's own account, useless to others."""
    return keep_ends(value, 0, 3)


def passport(value: str) -> str:
    """`X1234567` → `X*****67`."""
    return keep_ends(value, 1, 2)


def license_plate(value: str) -> str:
    """`B 1234 XYZ` → `B **** ***`: the region letters stay."""
    head = 0
    while head < len(value) and value[head].isalpha():
        head += 1
    return value[:head] + keep_ends(value[head:], 0, 0) if head else keep_ends(value, 0, 0)


def email(local: str, domain: str) -> str:
    """`budi.santoso@gmail.com` → `b***@gmail.com`."""
    return f"{local[:1]}***@{domain}"
