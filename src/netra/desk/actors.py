"""Who acts on the desk. The web layer builds an `Actor` from the logged-in user; the CLI and the
worker use `SYSTEM`. Every desk function takes the actor and checks it, so no page can forget."""

from __future__ import annotations

from dataclasses import dataclass, field

AUTHOR = "author"
REVIEWER = "reviewer"
ADMIN = "admin"
SYSTEM_ROLE = "system"
DESK_ROLES = frozenset({AUTHOR, REVIEWER, ADMIN})


@dataclass(frozen=True)
class Actor:
    """A person (or the scheduler) with the roles of their account and their work unit."""

    name: str
    roles: frozenset[str] = field(default_factory=frozenset)
    user_id: int | None = None
    unit_id: int | None = None

    @property
    def is_system(self) -> bool:
        return SYSTEM_ROLE in self.roles

    def has(self, role: str) -> bool:
        return role in self.roles


SYSTEM = Actor("sistem penjadwal", frozenset({SYSTEM_ROLE}))
