"""Who may do what to which draft: the state table plus the actor's relation to the draft."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from netra.desk import states
from netra.desk.actors import ADMIN, AUTHOR, REVIEWER, SYSTEM_ROLE, Actor
from netra.desk.errors import Forbidden, InvalidTransition, NotFound
from netra.desk.tables import Draft, FastTrackGrant


def load_draft(session: Session, draft_id: int, *, lock: bool = False) -> Draft:
    """The draft, locked for update when `lock` (PostgreSQL row lock; SQLite serialises writers
    on its own). Every path that changes a draft and its jobs locks the draft first, so two
    workers or a worker and a person never interleave on the same draft."""
    query = select(Draft).where(Draft.id == draft_id)
    if lock:
        query = query.with_for_update()
    draft = session.scalars(query).first()
    if draft is None:
        raise NotFound(f"Draf {draft_id} tidak ditemukan.")
    return draft


def relations(actor: Actor, draft: Draft) -> frozenset[str]:
    """The actor's roles with respect to this draft (see desk.states)."""
    out: set[str] = set()
    if actor.is_system:
        out.add(SYSTEM_ROLE)
    if actor.user_id is not None:
        if actor.has(AUTHOR) and actor.user_id == draft.author_id:
            out.add(AUTHOR)
        if actor.has(REVIEWER) and actor.unit_id is not None and actor.unit_id == draft.unit_id:
            out.add(REVIEWER)
        if actor.has(ADMIN):
            out.add(ADMIN)
    return frozenset(out)


def can_read(actor: Actor, draft: Draft) -> bool:
    """Authors and reviewers of the draft's unit, and admins, may read it (Humas works as a
    team); others may not."""
    if relations(actor, draft):
        return True
    same_unit = actor.unit_id is not None and actor.unit_id == draft.unit_id
    return same_unit and (actor.has(AUTHOR) or actor.has(REVIEWER))


def require_read(actor: Actor, draft: Draft) -> None:
    if not can_read(actor, draft):
        raise Forbidden("Anda tidak berwenang melihat draf ini.")


def has_fast_track(session: Session, user_id: int | None) -> bool:
    if user_id is None:
        return False
    return (
        session.scalar(
            select(FastTrackGrant.id).where(
                FastTrackGrant.user_id == user_id, FastTrackGrant.revoked_at.is_(None)
            )
        )
        is not None
    )


def require(session: Session, draft: Draft, actor: Actor, action: str) -> states.Transition:
    """The step for `action` if the table allows it to this actor now; else an Indonesian
    error saying why (no such step from this state, wrong role, own draft, no grant)."""
    label = states.ACTION_LABELS.get(action, action)
    if not actor.is_system and actor.user_id is None:
        raise Forbidden("Akun pengguna tidak dikenal; masuk kembali.")
    step = states.find(draft.status, action)
    if step is None:
        status = states.STATUS_LABELS.get(draft.status, draft.status)
        raise InvalidTransition(f'Tidak dapat {label} draf berstatus "{status}".')
    mine = relations(actor, draft)
    if not mine & step.roles:
        who = " atau ".join(states.ROLE_LABELS[r] for r in sorted(step.roles))
        raise Forbidden(f"Hanya {who} yang dapat {label} draf ini.")
    if step.guard == "not_own" and actor.user_id == draft.author_id:
        raise Forbidden("Anda tidak boleh meninjau atau menyetujui draf Anda sendiri.")
    if step.guard == "fast_track" and not has_fast_track(session, actor.user_id):
        raise Forbidden(
            "Anda belum memiliki wewenang jalur darurat; minta admin memberikannya terlebih dulu."
        )
    return step
