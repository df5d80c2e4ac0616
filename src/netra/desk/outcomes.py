"""What follows from a channel's outcome: the archive record, notifications, and the draft's
system step (published / published_unreviewed / failed) once no channel is still pending.

Called inside the transaction that records the outcome, after the draft row is locked, so the
"is anything still pending?" question has one answer even with two workers finishing the last
two channels of a draft at the same moment."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from netra.audit import record
from netra.desk import states
from netra.desk.actors import SYSTEM, Actor
from netra.desk.channels import CHANNELS
from netra.desk.tables import ArchiveEntry, Attachment, Draft, Job, Notification, Variant, Version

PENDING = ("scheduled", "sending")


def notify(
    session: Session,
    *,
    user_id: int | None,
    user_name: str | None,
    draft_id: int | None,
    kind: str,
    message: str,
) -> None:
    session.add(
        Notification(
            user_id=user_id, user_name=user_name, draft_id=draft_id, kind=kind, message=message
        )
    )


def archive_job(
    session: Session, draft: Draft, job: Job, *, published_at, remote_id, remote_url
) -> ArchiveEntry:
    """Freeze what went out on this channel: text, attachments, approver, the check report."""
    version = session.scalars(
        select(Version).where(Version.draft_id == draft.id, Version.number == job.version_number)
    ).one()
    variant = session.scalars(
        select(Variant).where(Variant.version_id == version.id, Variant.channel == job.channel)
    ).one()
    attachments = []
    if version.attachment_ids:
        rows = session.scalars(
            select(Attachment).where(Attachment.id.in_(version.attachment_ids))
        ).all()
        attachments = [
            {
                "id": a.id,
                "sha256": a.sha256,
                "media_type": a.media_type,
                "name": a.original_name,
                "size": a.size,
            }
            for a in rows
        ]
    correction_of = None
    if draft.corrects_draft_id:
        correction_of = session.scalar(
            select(ArchiveEntry.id)
            .where(
                ArchiveEntry.draft_id == draft.corrects_draft_id,
                ArchiveEntry.channel == job.channel,
            )
            .order_by(ArchiveEntry.published_at.desc(), ArchiveEntry.id.desc())
            .limit(1)
        )
    entry = ArchiveEntry(
        job_id=job.id,
        draft_id=draft.id,
        version_number=job.version_number,
        unit_id=draft.unit_id,
        channel=job.channel,
        title=version.title,
        text=variant.text,
        attachments=attachments,
        published_at=published_at,
        author_id=draft.author_id,
        author_name=draft.author_name,
        approver_id=draft.approver_id,
        approver_name=draft.approver_name,
        emergency=draft.emergency,
        verdict=variant.verdict,
        report=variant.report,
        remote_id=remote_id,
        remote_url=remote_url,
        correction_of_id=correction_of,
        content_sha256=hashlib.sha256(variant.text.encode("utf-8")).hexdigest(),
    )
    session.add(entry)
    session.flush()
    return entry


def system_step(session: Session, draft: Draft, action: str, now, payload: dict) -> bool:
    """Apply a scheduler step if the table has it from the draft's state (a withdrawn draft
    whose last channel was already on its way stays withdrawn)."""
    step = states.find(draft.status, action)
    if step is None or not step.roles & SYSTEM.roles:
        return False
    before = draft.status
    draft.status = step.target
    draft.updated_at = now
    session.flush()
    record(
        session,
        f"desk.{action}",
        actor=SYSTEM.name,
        object_type="desk_draft",
        object_id=draft.id,
        payload={"from": before, "to": str(step.target), **payload},
    )
    return True


def settle(session: Session, draft: Draft, now, actor: Actor = SYSTEM) -> str | None:
    """Move the draft on when none of its current jobs is pending; returns the action taken."""
    jobs = session.scalars(
        select(Job).where(
            Job.draft_id == draft.id,
            Job.version_number == draft.approved_version,
            Job.status != "cancelled",
        )
    ).all()
    if not jobs or any(j.status in PENDING for j in jobs):
        return None
    failed = [j for j in jobs if j.status == "failed"]
    if failed:
        if draft.status != states.Status.SCHEDULED:
            return None
        if system_step(
            session, draft, "fail", now, {"channels": {j.channel: j.last_error for j in failed}}
        ):
            lines = "; ".join(f"{CHANNELS[j.channel].label}: {j.last_error}" for j in failed)
            notify(
                session,
                user_id=draft.author_id,
                user_name=draft.author_name,
                draft_id=draft.id,
                kind="publish_failed",
                message=f'Unggahan "{draft.title}" gagal terbit. {lines}',
            )
            return "fail"
        return None
    action = "publish"
    if draft.emergency and draft.after_reviewed_at is None:
        action = "publish_unreviewed"
    payload = {"channels": {j.channel: j.remote_url or j.remote_id for j in jobs}}
    if system_step(session, draft, action, now, payload):
        if action == "publish_unreviewed":
            notify(
                session,
                user_id=draft.author_id,
                user_name=draft.author_name,
                draft_id=draft.id,
                kind="emergency_published",
                message=f'Unggahan darurat "{draft.title}" telah terbit dan wajib ditinjau '
                "peninjau sesegera mungkin.",
            )
        else:
            notify(
                session,
                user_id=draft.author_id,
                user_name=draft.author_name,
                draft_id=draft.id,
                kind="published",
                message=f'Unggahan "{draft.title}" telah terbit.',
            )
        return action
    return None
