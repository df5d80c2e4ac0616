"""Demo data for `netra serve --demo` (what `./scripts/run` starts), on an empty database only.

`seed_demo(db, settings, engine)` fills every area so that a Humas office or an inspector trying
Netra sees it working, each area through its own real functions (nothing is inserted behind
their backs, so the audit chain verifies):

- users: one per role in the unit DISKOMINFO, a few checks in the ASN user's history (`users`);
- desk: drafts in each stage, one scheduled for later today, one published and archived (`desk`);
- inbox: thirteen citizen messages imported, triaged and partly worked on (`inbox`);
- oversight: a thirty-post archive of two ASN accounts imported, scanned, one case (`oversight`);
- fact-check: the shipped seed knowledge base, embedded now or in the background (`factcheck`).

A database that already holds users, drafts, citizen messages or archives is never touched, so
a second start (or a start on a real database) adds nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine as DbEngine
from sqlalchemy import func, select

from netra.accounts import service
from netra.accounts.tables import User
from netra.analysis import Engine
from netra.config import Settings
from netra.desk import Actor
from netra.desk.tables import Draft
from netra.factcheck.importers.report import ImportReport
from netra.inbox.tables import Message
from netra.oversight.cases import Officer
from netra.oversight.tables import ArchiveImport
from netra.storage.db import session_scope
from netra.web.demo.desk import DeskDemo, create_desk_demo, demo_context
from netra.web.demo.factcheck import DEMO_HOAX_POST, embed_claims, ensure_seed
from netra.web.demo.inbox import InboxDemo, create_inbox_demo
from netra.web.demo.oversight import OversightDemo, create_oversight_demo
from netra.web.demo.users import DEMO_POSTS, DEMO_USERS, DemoUser, create_demo_data

__all__ = [
    "DEMO_HOAX_POST",
    "DEMO_POSTS",
    "DEMO_USERS",
    "DemoSummary",
    "DemoUser",
    "create_demo_data",
    "database_is_empty",
    "seed_demo",
]


@dataclass
class DemoSummary:
    """What the demo created, and how long each area took (seconds)."""

    users: list[DemoUser]
    desk: DeskDemo
    inbox: InboxDemo
    oversight: OversightDemo
    factcheck: ImportReport | None
    seconds: dict[str, float] = field(default_factory=dict)


def database_is_empty(db: DbEngine) -> bool:
    """No users, drafts, citizen messages or oversight imports: only then may the demo write."""
    with session_scope(db) as session:
        for table in (User, Draft, Message, ArchiveImport):
            if session.scalar(select(func.count()).select_from(table)):
                return False
    return True


def _user(session, username: str) -> User:
    user = service.get_user_by_username(session, username)
    assert user is not None, username
    return user


def seed_demo(
    db: DbEngine, settings: Settings, engine: Engine, *, embed: bool = True
) -> DemoSummary | None:
    """Create the demo data in every area on an empty database; None (and nothing written)
    when the database already holds data. `embed=False` leaves the fact-check claims without
    vectors, for the caller to compute them (`netra serve` does it in the background)."""
    if not database_is_empty(db):
        return None
    seconds: dict[str, float] = {}
    started = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal started
        now = time.perf_counter()
        seconds[name] = round(now - started, 2)
        started = now

    with session_scope(db) as session:
        users = create_demo_data(session, engine)
    with session_scope(db) as session:
        people = {u.username: _user(session, u.username) for u in DEMO_USERS}
        actors = {
            name: Actor(user.full_name or name, frozenset(user.roles), user.id, user.unit_id)
            for name, user in people.items()
        }
        unit_id = people["pengawas"].unit_id
        officer = Officer(people["pengawas"].full_name, "oversight", unit_id, people["pengawas"].id)
        author_id, reviewer_id = people["penulis"].id, people["peninjau"].id
        admin_id = people["admin"].id
    lap("users")

    def checker(text: str, context: dict[str, Any]) -> dict[str, Any]:
        return engine.analyze(text, context).to_dict()

    ctx = demo_context(db, settings, checker)
    desk = create_desk_demo(ctx, actors["penulis"], actors["peninjau"])
    lap("desk")
    inbox = create_inbox_demo(
        db, settings, author_id=author_id, reviewer_id=reviewer_id, admin_id=admin_id
    )
    lap("inbox")
    oversight = create_oversight_demo(db, unit_id=unit_id, officer=officer)
    lap("oversight")
    factcheck = ensure_seed(db)
    if embed and factcheck is not None:
        embed_claims(db)
    lap("factcheck")
    return DemoSummary(users, desk, inbox, oversight, factcheck, seconds)
