"""The five roles and what people call them. A user holds one or more roles."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ASN = "asn"  # any civil servant: checks own posts, reads the pedoman, takes the quiz
    AUTHOR = "author"  # Humas author: drafts official posts, answers citizens
    REVIEWER = "reviewer"  # Humas reviewer/head: approves, returns or rejects drafts
    OVERSIGHT = "oversight"  # inspectorate / BKPSDM: scans archives, reviews, opens cases
    ADMIN = "admin"  # users, units, roles, rulebook data


ALL_ROLES: frozenset[Role] = frozenset(Role)

ROLE_LABELS: dict[str, str] = {
    Role.ASN: "ASN",
    Role.AUTHOR: "Penulis Humas",
    Role.REVIEWER: "Peninjau Humas",
    Role.OVERSIGHT: "Pengawas (Inspektorat/BKPSDM)",
    Role.ADMIN: "Admin",
}


def parse_roles(values: list[str] | tuple[str, ...] | set[str]) -> set[Role]:
    """Roles from strings; unknown names raise ValueError with an Indonesian message."""
    out: set[Role] = set()
    for value in values:
        try:
            out.add(Role(value.strip().lower()))
        except ValueError:
            names = ", ".join(r.value for r in Role)
            raise ValueError(f"Peran '{value}' tidak dikenal; pilih dari: {names}.") from None
    return out
