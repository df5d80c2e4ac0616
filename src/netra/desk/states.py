"""The approval workflow as one explicit table: every allowed step, and who may take it.

A step is (from state, action, to state, roles, guard). Anything not in the table is refused
with an Indonesian message. Roles are relations to the draft, not just account roles:
- `author`: the draft's own author (a user with the author role who wrote it);
- `reviewer`: a user with the reviewer role in the draft's work unit;
- `admin`: an administrator (any unit);
- `system`: the scheduler (publication outcomes only).
Guards add the rules roles cannot express: `not_own` (nobody approves, returns, rejects or
after-reviews their own draft) and `fast_track` (the author holds an emergency grant).

Who may withdraw: the author at any point before publication; reviewers and admins once the
draft is approved (stopping a publication is a reviewer's duty too), and admins also before.
Who may reschedule or retry: the author, reviewers and admins — time is not content; a
reschedule that moves the post into a riskier period is re-checked (see workflow.schedule).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from netra.desk.actors import ADMIN, AUTHOR, REVIEWER, SYSTEM_ROLE


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    REJECTED = "rejected"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    UNREVIEWED = "published_unreviewed"  # emergency post out, review still owed
    FAILED = "failed"
    WITHDRAWN = "withdrawn"
    DELETED = "deleted"


STATUS_LABELS: dict[str, str] = {
    Status.DRAFT: "Draf",
    Status.SUBMITTED: "Menunggu tinjauan",
    Status.RETURNED: "Dikembalikan untuk perbaikan",
    Status.APPROVED: "Disetujui",
    Status.REJECTED: "Ditolak",
    Status.SCHEDULED: "Terjadwal",
    Status.PUBLISHED: "Terbit",
    Status.UNREVIEWED: "Terbit darurat — belum ditinjau",
    Status.FAILED: "Gagal terbit",
    Status.WITHDRAWN: "Ditarik",
    Status.DELETED: "Dihapus",
}

ACTION_LABELS: dict[str, str] = {
    "edit": "menyunting",
    "submit": "mengajukan",
    "delete": "menghapus",
    "comment": "mengomentari",
    "approve": "menyetujui",
    "return": "mengembalikan",
    "reject": "menolak",
    "schedule": "menjadwalkan",
    "reschedule": "mengubah jadwal",
    "publish": "menerbitkan",
    "publish_unreviewed": "menerbitkan (darurat)",
    "fail": "menandai gagal",
    "retry": "mencoba ulang",
    "confirm_published": "menandai sudah terbit",
    "fast_track": "menerbitkan jalur darurat",
    "review_after": "meninjau setelah terbit",
    "correct": "membuat koreksi",
    "withdraw": "menarik",
}

ROLE_LABELS = {
    AUTHOR: "penulis draf ini",
    REVIEWER: "peninjau unit ini",
    ADMIN: "admin",
    SYSTEM_ROLE: "sistem penjadwal",
}


@dataclass(frozen=True)
class Transition:
    source: Status
    action: str
    target: Status
    roles: frozenset[str]
    guard: str | None = None  # not_own | fast_track


def _t(source, action, target, roles, guard=None) -> Transition:
    return Transition(source, action, target, frozenset(roles), guard)


S = Status
_ANY_HUMAN = (AUTHOR, REVIEWER, ADMIN)
_DECIDERS = (REVIEWER, ADMIN)

TRANSITIONS: tuple[Transition, ...] = (
    # Writing
    _t(S.DRAFT, "edit", S.DRAFT, [AUTHOR]),
    _t(S.RETURNED, "edit", S.RETURNED, [AUTHOR]),
    _t(S.DRAFT, "delete", S.DELETED, [AUTHOR, ADMIN]),
    _t(S.DRAFT, "submit", S.SUBMITTED, [AUTHOR]),
    _t(S.RETURNED, "submit", S.SUBMITTED, [AUTHOR]),
    # Review
    _t(S.SUBMITTED, "comment", S.SUBMITTED, _DECIDERS),
    _t(S.RETURNED, "comment", S.RETURNED, _ANY_HUMAN),
    _t(S.UNREVIEWED, "comment", S.UNREVIEWED, _DECIDERS),
    _t(S.SUBMITTED, "approve", S.APPROVED, _DECIDERS, "not_own"),
    _t(S.SUBMITTED, "return", S.RETURNED, _DECIDERS, "not_own"),
    _t(S.SUBMITTED, "reject", S.REJECTED, _DECIDERS, "not_own"),
    # Scheduling and publication
    _t(S.APPROVED, "schedule", S.SCHEDULED, _ANY_HUMAN),
    _t(S.SCHEDULED, "reschedule", S.SCHEDULED, _ANY_HUMAN),
    _t(S.SCHEDULED, "publish", S.PUBLISHED, [SYSTEM_ROLE]),
    _t(S.SCHEDULED, "publish_unreviewed", S.UNREVIEWED, [SYSTEM_ROLE]),
    _t(S.SCHEDULED, "fail", S.FAILED, [SYSTEM_ROLE]),
    _t(S.FAILED, "retry", S.SCHEDULED, _ANY_HUMAN),
    _t(S.FAILED, "confirm_published", S.FAILED, _ANY_HUMAN),
    _t(S.FAILED, "publish", S.PUBLISHED, [SYSTEM_ROLE]),
    _t(S.FAILED, "publish_unreviewed", S.UNREVIEWED, [SYSTEM_ROLE]),
    # Emergency fast-track: out at once, reviewed afterwards
    _t(S.DRAFT, "fast_track", S.SCHEDULED, [AUTHOR], "fast_track"),
    _t(S.RETURNED, "fast_track", S.SCHEDULED, [AUTHOR], "fast_track"),
    _t(S.SUBMITTED, "fast_track", S.SCHEDULED, [AUTHOR], "fast_track"),
    _t(S.UNREVIEWED, "review_after", S.PUBLISHED, _DECIDERS, "not_own"),
    # Corrections: the published record stays; a new linked draft goes through the table again
    _t(S.PUBLISHED, "correct", S.PUBLISHED, _ANY_HUMAN),
    _t(S.UNREVIEWED, "correct", S.UNREVIEWED, _ANY_HUMAN),
    # Withdrawal
    _t(S.DRAFT, "withdraw", S.WITHDRAWN, [AUTHOR, ADMIN]),
    _t(S.SUBMITTED, "withdraw", S.WITHDRAWN, [AUTHOR, ADMIN]),
    _t(S.RETURNED, "withdraw", S.WITHDRAWN, [AUTHOR, ADMIN]),
    _t(S.APPROVED, "withdraw", S.WITHDRAWN, _ANY_HUMAN),
    _t(S.SCHEDULED, "withdraw", S.WITHDRAWN, _ANY_HUMAN),
    _t(S.FAILED, "withdraw", S.WITHDRAWN, _ANY_HUMAN),
)

ACTIONS: tuple[str, ...] = tuple(dict.fromkeys(t.action for t in TRANSITIONS))
TERMINAL: frozenset[Status] = frozenset(
    s for s in Status if not any(t.source == s for t in TRANSITIONS)
)
_INDEX: dict[tuple[Status, str], Transition] = {(t.source, t.action): t for t in TRANSITIONS}
assert len(_INDEX) == len(TRANSITIONS), "one step per (state, action)"


def find(source: str, action: str) -> Transition | None:
    """The step for `action` from `source`, or None when the table has none."""
    try:
        return _INDEX.get((Status(source), action))
    except ValueError:
        return None


def allowed_actions(source: str, roles: frozenset[str]) -> list[str]:
    """Actions the given relations allow from `source` (guards are checked separately)."""
    return [t.action for t in TRANSITIONS if t.source == source and t.roles & roles]


def markdown_table() -> str:
    """The table as Markdown, for docs/desk.md (a test keeps the two identical)."""
    rows = ["| from | action | to | who | guard |", "|---|---|---|---|---|"]
    for t in TRANSITIONS:
        who = ", ".join(sorted(t.roles))
        rows.append(f"| {t.source} | {t.action} | {t.target} | {who} | {t.guard or ''} |")
    return "\n".join(rows)
