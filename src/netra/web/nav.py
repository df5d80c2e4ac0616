"""The navigation bar: areas register their entries; each user sees those their roles allow."""

from __future__ import annotations

from dataclasses import dataclass

from netra.accounts.tables import User


@dataclass(frozen=True)
class NavItem:
    label: str
    path: str
    roles: frozenset[str] | None = None  # None: every logged-in user
    order: int = 100


NAV: list[NavItem] = []


def register_nav(label: str, path: str, roles: set[str] | None = None, order: int = 100) -> None:
    """Add an entry (idempotent: the same path is registered once)."""
    if any(item.path == path for item in NAV):
        return
    NAV.append(NavItem(label, path, frozenset(roles) if roles else None, order))
    NAV.sort(key=lambda i: (i.order, i.label))


def nav_for(user: User | None) -> list[NavItem]:
    if user is None:
        return []
    return [i for i in NAV if i.roles is None or user.has_any_role(i.roles)]
