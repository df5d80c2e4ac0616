"""The approval workflow: every step goes through the state table (desk.states), writes an audit
event and, where someone needs to know, a notification.

One function per action; `apply()` dispatches by name for the web layer's single action
endpoint. Every step locks the draft and carries its row version, so concurrent steps on one
draft (two reviewers, a reviewer and the scheduler) cannot both succeed.
"""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from netra.audit import record
from netra.desk import states
from netra.desk.access import load_draft, require
from netra.desk.actors import ADMIN, Actor
from netra.desk.channels import CHANNELS
from netra.desk.context import DeskContext
from netra.desk.drafts import (
    DraftView,
    _variants,
    _version_view,
    clean_text,
    draft_view,
    local_label,
    new_draft,
    save_draft,
)
from netra.desk.errors import (
    Conflict,
    DeskError,
    Forbidden,
    InvalidTransition,
    NotConfigured,
    NotFound,
    ValidationFailed,
)
from netra.desk.outcomes import archive_job, notify, settle
from netra.desk.tables import Comment, Draft, FastTrackGrant, Job, Version
from netra.storage.db import session_scope

MIN_JUSTIFICATION = 20
EMERGENCY_CATEGORIES = {"bencana": "Bencana", "keadaan_darurat": "Keadaan darurat"}
MAX_HORIZON = timedelta(days=366)


def _step(
    session: Session,
    ctx: DeskContext,
    draft: Draft,
    actor: Actor,
    action: str,
    payload: dict[str, Any] | None = None,
) -> states.Transition:
    """Check the table, move the draft, record the event (last write of the transaction)."""
    step = require(session, draft, actor, action)
    before = draft.status
    draft.status = step.target
    draft.updated_at = ctx.now()
    session.flush()
    record(
        session,
        f"desk.{action}",
        actor=actor.name,
        actor_id=actor.user_id,
        object_type="desk_draft",
        object_id=draft.id,
        payload={
            "from": before,
            "to": str(step.target),
            "version": draft.current_version,
            **(payload or {}),
        },
    )
    return step


def _run(ctx: DeskContext, actor: Actor, draft_id: int, body) -> DraftView:
    """One transaction around a step; a concurrent change becomes a Conflict, not a mess."""
    try:
        with session_scope(ctx.db) as session:
            draft = load_draft(session, draft_id, lock=True)
            body(session, draft)
            session.flush()
            return draft_view(session, ctx, draft, actor)
    except StaleDataError:
        raise Conflict("Draf baru saja diubah orang lain; muat ulang lalu ulangi.") from None


def _current_version(session: Session, draft: Draft) -> Version:
    version = session.scalars(
        select(Version).where(Version.draft_id == draft.id, Version.number == draft.current_version)
    ).first()
    if version is None:
        raise ValidationFailed("Draf belum memiliki versi tersimpan.")
    return version


def _ready(session: Session, draft: Draft, justification: str | None) -> dict[str, Any]:
    """A version can go forward only without validation errors, and when the engine calls it
    high-risk only with the author's written justification (kept with the version)."""
    view = _version_view(session, draft.id, draft.current_version)
    if view is None:
        raise ValidationFailed("Draf belum memiliki versi tersimpan.")
    if view.errors:
        raise ValidationFailed(
            "Perbaiki dulu: " + " ".join(e["message"] for e in view.errors[:5]),
            details=view.errors,
        )
    version = _current_version(session, draft)
    payload: dict[str, Any] = {"verdict": version.verdict, "risk_score": version.risk_score}
    if version.verdict == "high_risk":
        text = (justification or "").strip() or (version.justification or "")
        if len(text) < MIN_JUSTIFICATION:
            raise ValidationFailed(
                "Pemeriksaan menilai draf ini BERISIKO TINGGI. Tuliskan justifikasi Anda (min. "
                f"{MIN_JUSTIFICATION} karakter) mengapa tetap diajukan, atau perbaiki temuan."
            )
        version.justification = clean_text(text, "Justifikasi", minimum=MIN_JUSTIFICATION)
        payload["justification"] = version.justification
    return payload


# -- writing ---------------------------------------------------------------------------------


def submit(
    ctx: DeskContext, actor: Actor, draft_id: int, *, justification: str | None = None
) -> DraftView:
    """Send the current version for review."""

    def body(session, draft):
        require(session, draft, actor, "submit")
        payload = _ready(session, draft, justification)
        draft.submitted_at = ctx.now()
        _step(session, ctx, draft, actor, "submit", payload)

    return _run(ctx, actor, draft_id, body)


def delete(ctx: DeskContext, actor: Actor, draft_id: int) -> DraftView:
    """Delete a draft never submitted (kept, marked deleted: the audit trail stays whole)."""
    return _run(
        ctx, actor, draft_id, lambda session, draft: _step(session, ctx, draft, actor, "delete")
    )


# -- review ----------------------------------------------------------------------------------


def _decide(
    ctx,
    actor,
    draft_id,
    action,
    *,
    note=None,
    reason_required=False,
    expected_version=None,
    comments=(),
) -> DraftView:
    label = {"approve": "Catatan", "return": "Alasan pengembalian", "reject": "Alasan penolakan"}
    if reason_required:
        note = clean_text(note, label[action], minimum=5)
    elif note:
        note = clean_text(note, label[action])

    def body(session, draft):
        require(session, draft, actor, action)
        if expected_version is not None and expected_version != draft.current_version:
            raise Conflict("Versi yang Anda tinjau bukan versi terbaru; muat ulang.")
        for item in comments:
            _add_comment(session, ctx, draft, actor, **item)
        payload: dict[str, Any] = {"note": note}
        draft.decision_note = note
        if action == "approve":
            draft.approved_version = draft.current_version
            draft.approver_id, draft.approver_name = actor.user_id, actor.name
            draft.approved_at = ctx.now()
        _step(session, ctx, draft, actor, action, payload)
        words = {
            "approve": "disetujui",
            "return": "dikembalikan untuk diperbaiki",
            "reject": "ditolak",
        }
        message = f'Draf "{draft.title}" {words[action]} oleh {actor.name}.'
        if note:
            message += f" Catatan: {note}"
        notify(
            session,
            user_id=draft.author_id,
            user_name=draft.author_name,
            draft_id=draft.id,
            kind=f"draft_{action}",
            message=message,
        )

    return _run(ctx, actor, draft_id, body)


def approve(
    ctx: DeskContext,
    actor: Actor,
    draft_id: int,
    *,
    note: str | None = None,
    expected_version: int | None = None,
) -> DraftView:
    """Approve the current version (never one's own draft)."""
    return _decide(ctx, actor, draft_id, "approve", note=note, expected_version=expected_version)


def return_draft(
    ctx: DeskContext,
    actor: Actor,
    draft_id: int,
    *,
    reason: str,
    comments: Sequence[Mapping[str, Any]] = (),
) -> DraftView:
    """Send back for changes, with a reason and optional line comments."""
    return _decide(
        ctx, actor, draft_id, "return", note=reason, reason_required=True, comments=comments
    )


def reject(ctx: DeskContext, actor: Actor, draft_id: int, *, reason: str) -> DraftView:
    return _decide(ctx, actor, draft_id, "reject", note=reason, reason_required=True)


def _add_comment(session, ctx, draft, actor, *, text, channel=None, line=None) -> Comment:
    text = clean_text(text, "Komentar")
    view = _version_view(session, draft.id, draft.current_version)
    if channel is not None:
        variant = next((v for v in (view.variants if view else []) if v.channel == channel), None)
        if variant is None:
            raise ValidationFailed(f"Kanal '{channel}' tidak ada pada versi ini.")
        if line is not None:
            lines = variant.text.count("\n") + 1
            if not 1 <= int(line) <= lines:
                raise ValidationFailed(f"Baris {line} tidak ada (teks {lines} baris).")
    elif line is not None:
        raise ValidationFailed("Komentar per baris harus menyebut kanalnya.")
    comment = Comment(
        draft_id=draft.id,
        version_number=draft.current_version,
        channel=channel,
        line=None if line is None else int(line),
        text=text,
        author_id=actor.user_id,
        author_name=actor.name,
        created_at=ctx.now(),
    )
    session.add(comment)
    return comment


def comment(
    ctx: DeskContext,
    actor: Actor,
    draft_id: int,
    *,
    text: str,
    channel: str | None = None,
    line: int | None = None,
) -> DraftView:
    """A remark on the draft, or on one line of one channel's variant."""

    def body(session, draft):
        require(session, draft, actor, "comment")
        c = _add_comment(session, ctx, draft, actor, text=text, channel=channel, line=line)
        _step(
            session,
            ctx,
            draft,
            actor,
            "comment",
            {"channel": c.channel, "line": c.line, "text": c.text},
        )

    return _run(ctx, actor, draft_id, body)


# -- scheduling ------------------------------------------------------------------------------


def parse_when(ctx: DeskContext, at: datetime | str | None) -> datetime:
    """A publication time in UTC: now when None; naive times are the agency's local time."""
    now = ctx.now()
    if at is None or (isinstance(at, str) and not at.strip()):
        return now
    if isinstance(at, str):
        try:
            at = datetime.fromisoformat(at.strip().replace("Z", "+00:00"))
        except ValueError:
            raise ValidationFailed(
                "Format waktu tidak dikenal; gunakan mis. 2025-05-12T08:00 (waktu setempat)."
            ) from None
    if at.tzinfo is None:
        at = at.replace(tzinfo=ctx.config.zone)
    at = at.astimezone(UTC)
    if at < now - timedelta(minutes=1):
        raise ValidationFailed(f"Waktu terbit {local_label(ctx, at)} sudah lewat.")
    if at > now + MAX_HORIZON:
        raise ValidationFailed("Waktu terbit paling lambat satu tahun dari sekarang.")
    return at


def _publishers_ready(ctx: DeskContext, channels: Iterable[str]) -> None:
    problems = []
    for channel in channels:
        publisher = ctx.publishers.get(channel)
        if publisher is None:
            problems.append(f"{CHANNELS[channel].label}: belum ada penerbit.")
        elif (problem := publisher.problem()) is not None:
            problems.append(f"{CHANNELS[channel].label}: {problem}")
    if problems:
        raise NotConfigured("Kanal belum siap: " + " ".join(problems))


def _recheck_at(session, ctx: DeskContext, draft: Draft, when: datetime) -> dict[str, str]:
    """Check the approved text again as of its publication time: an election period can make
    a harmless text risky. Worse than approved → refuse; the result goes into the audit."""
    view = _version_view(session, draft.id, draft.approved_version or draft.current_version)
    local = when.astimezone(ctx.config.zone).replace(tzinfo=None).isoformat(timespec="seconds")
    verdicts, rank = {}, {"safe": 0, "review": 1, "high_risk": 2}
    for variant in view.variants if view else []:
        report = ctx.checker(
            variant.text,
            {
                "account": "institutional",
                "channel": variant.channel,
                "author_role": "author",
                "posted_at": local,
            },
        )
        verdicts[variant.channel] = report["verdict"]
        if report["verdict"] == "high_risk" and rank[variant.verdict] < 2:
            reasons = "; ".join(
                f["message"] for f in report.get("findings", []) if f.get("severity") == "high"
            )[:500]
            raise ValidationFailed(
                f"Pada waktu terbit {local_label(ctx, when)} teks {CHANNELS[variant.channel].label}"
                f" dinilai BERISIKO TINGGI (mis. masa kampanye): {reasons}. Pilih waktu lain, "
                "atau tarik dan ajukan ulang dengan justifikasi."
            )
    return verdicts


def _make_jobs(session: Session, ctx: DeskContext, draft: Draft, when: datetime) -> list[Job]:
    view = _version_view(session, draft.id, draft.approved_version)
    jobs = []
    now = ctx.now()
    for variant in view.variants:
        publisher = ctx.publishers[variant.channel]
        key = f"netra-{draft.id}-{draft.approved_version}-{variant.channel}-{uuid.uuid4().hex[:16]}"
        job = Job(
            draft_id=draft.id,
            version_number=draft.approved_version,
            channel=variant.channel,
            publisher=publisher.name,
            status="scheduled",
            due_at=when,
            next_attempt_at=when,
            attempts=0,
            max_attempts=ctx.config.max_attempts,
            idempotency_key=key,
            outcome_unknown=False,
            created_at=now,
            updated_at=now,
        )
        session.add(job)
        jobs.append(job)
    session.flush()
    return jobs


def schedule(
    ctx: DeskContext, actor: Actor, draft_id: int, *, at: datetime | str | None = None
) -> DraftView:
    """Set the publication time (agency time zone; None = now) and queue every channel."""
    when = parse_when(ctx, at)

    def body(session, draft):
        require(session, draft, actor, "schedule")
        view = _version_view(session, draft.id, draft.approved_version)
        _publishers_ready(ctx, [v.channel for v in view.variants])
        verdicts = _recheck_at(session, ctx, draft, when)
        draft.scheduled_at, draft.timezone = when, ctx.config.timezone
        jobs = _make_jobs(session, ctx, draft, when)
        _step(
            session,
            ctx,
            draft,
            actor,
            "schedule",
            {
                "at": when,
                "local": local_label(ctx, when),
                "check_at_time": verdicts,
                "jobs": {j.channel: j.idempotency_key for j in jobs},
            },
        )

    return _run(ctx, actor, draft_id, body)


def reschedule(
    ctx: DeskContext, actor: Actor, draft_id: int, *, at: datetime | str | None
) -> DraftView:
    """Move the time of every channel not yet on its way."""
    when = parse_when(ctx, at)

    def body(session, draft):
        require(session, draft, actor, "reschedule")
        verdicts = _recheck_at(session, ctx, draft, when)
        moved = session.execute(
            update(Job)
            .where(Job.draft_id == draft.id, Job.status == "scheduled")
            .values(due_at=when, next_attempt_at=when, updated_at=ctx.now())
        ).rowcount
        if not moved:
            raise InvalidTransition("Semua kanal sudah dalam proses terbit; jadwal tidak diubah.")
        draft.scheduled_at = when
        _step(
            session,
            ctx,
            draft,
            actor,
            "reschedule",
            {"at": when, "local": local_label(ctx, when), "check_at_time": verdicts},
        )

    return _run(ctx, actor, draft_id, body)


def withdraw(ctx: DeskContext, actor: Actor, draft_id: int, *, reason: str) -> DraftView:
    """Stop the draft. Channels not yet sent are cancelled; a channel already on its way cannot
    be recalled and will appear in the archive."""
    reason = clean_text(reason, "Alasan penarikan", minimum=5)

    def body(session, draft):
        require(session, draft, actor, "withdraw")
        cancelled = session.execute(
            update(Job)
            .where(Job.draft_id == draft.id, Job.status.in_(("scheduled", "failed")))
            .values(status="cancelled", updated_at=ctx.now())
        ).rowcount
        sending = session.scalars(
            select(Job.channel).where(Job.draft_id == draft.id, Job.status == "sending")
        ).all()
        _step(
            session,
            ctx,
            draft,
            actor,
            "withdraw",
            {"reason": reason, "cancelled": cancelled, "already_sending": list(sending)},
        )
        if actor.user_id != draft.author_id:
            notify(
                session,
                user_id=draft.author_id,
                user_name=draft.author_name,
                draft_id=draft.id,
                kind="draft_withdrawn",
                message=f'Draf "{draft.title}" ditarik oleh {actor.name}: {reason}',
            )

    return _run(ctx, actor, draft_id, body)


def retry(
    ctx: DeskContext, actor: Actor, draft_id: int, *, confirm_not_published: bool = False
) -> DraftView:
    """Try the failed channels again now. A channel whose outcome is unknown (the platform may
    have posted it) is resent only when a person confirms it did not appear."""

    def body(session, draft):
        require(session, draft, actor, "retry")
        failed = session.scalars(
            select(Job).where(Job.draft_id == draft.id, Job.status == "failed")
        ).all()
        unknown = [j for j in failed if j.outcome_unknown]
        if unknown and not confirm_not_published:
            names = ", ".join(CHANNELS[j.channel].label for j in unknown)
            raise ValidationFailed(
                f"Status pengiriman ke {names} tidak pasti: periksa akun tersebut. Jika belum "
                "terbit, ulangi dengan konfirmasi; jika sudah, tandai sebagai terbit."
            )
        now = ctx.now()
        _publishers_ready(ctx, [j.channel for j in failed])
        for job in failed:
            job.status, job.attempts, job.next_attempt_at = "scheduled", 0, now
            job.outcome_unknown, job.lease_owner, job.lease_until = False, None, None
            job.updated_at = now
        _step(
            session,
            ctx,
            draft,
            actor,
            "retry",
            {
                "channels": [j.channel for j in failed],
                "confirmed_not_published": [j.channel for j in unknown],
            },
        )

    return _run(ctx, actor, draft_id, body)


def confirm_published(
    ctx: DeskContext, actor: Actor, job_id: int, *, remote_url: str | None = None
) -> DraftView:
    """A person checked the platform: this failed (or unknown) channel did go out."""
    url = (remote_url or "").strip()[:1000] or None
    if url and not url.lower().startswith(("https://", "http://")):
        raise ValidationFailed("Tautan unggahan harus diawali https://.")
    with session_scope(ctx.db) as session:
        job = session.get(Job, job_id)
        if job is None:
            raise NotFound(f"Pekerjaan terbit {job_id} tidak ditemukan.")
        draft_id = job.draft_id

    def body(session, draft):
        job = session.get(Job, job_id)
        require(session, draft, actor, "confirm_published")
        if job.status != "failed":
            raise InvalidTransition("Hanya kanal yang gagal yang dapat ditandai sudah terbit.")
        now = ctx.now()
        job.status, job.published_at, job.remote_url = "published", now, url
        job.outcome_unknown, job.updated_at = False, now
        archive_job(session, draft, job, published_at=now, remote_id=job.remote_id, remote_url=url)
        _step(
            session,
            ctx,
            draft,
            actor,
            "confirm_published",
            {"job_id": job.id, "channel": job.channel, "remote_url": url},
        )
        settle(session, draft, now)

    return _run(ctx, actor, draft_id, body)


# -- emergency -------------------------------------------------------------------------------


def fast_track(
    ctx: DeskContext,
    actor: Actor,
    draft_id: int,
    *,
    category: str,
    reason: str,
    justification: str | None = None,
    publish_now: bool = True,
) -> DraftView:
    """Emergency (bencana, keadaan darurat): publish at once without prior review, by an author
    holding a fast-track grant. The post shows "belum ditinjau" until a reviewer reviews it."""
    if category not in EMERGENCY_CATEGORIES:
        raise ValidationFailed("Kategori darurat harus 'bencana' atau 'keadaan_darurat'.")
    reason = clean_text(reason, "Alasan keadaan darurat", minimum=10)

    def body(session, draft):
        require(session, draft, actor, "fast_track")
        payload = _ready(session, draft, justification)
        view = _version_view(session, draft.id, draft.current_version)
        _publishers_ready(ctx, [v.channel for v in view.variants])
        now = ctx.now()
        draft.emergency, draft.emergency_category, draft.emergency_reason = True, category, reason
        draft.approved_version = draft.current_version
        draft.approver_id = draft.approver_name = draft.approved_at = None
        draft.scheduled_at, draft.timezone = now, ctx.config.timezone
        if draft.submitted_at is None:
            draft.submitted_at = now
        _make_jobs(session, ctx, draft, now)
        _step(
            session,
            ctx,
            draft,
            actor,
            "fast_track",
            {**payload, "category": category, "reason": reason},
        )

    view = _run(ctx, actor, draft_id, body)
    if publish_now:
        from netra.desk.scheduler import run_due

        run_due(ctx, draft_id=draft_id)
        view = _reload(ctx, actor, draft_id)
    return view


def review_after(
    ctx: DeskContext, actor: Actor, draft_id: int, *, note: str | None = None
) -> DraftView:
    """The review an emergency post still owes; clears its "belum ditinjau" banner."""
    note = clean_text(note, "Catatan tinjauan") if note else None

    def body(session, draft):
        require(session, draft, actor, "review_after")
        draft.after_reviewer_name, draft.after_reviewed_at = actor.name, ctx.now()
        draft.decision_note = note
        _step(session, ctx, draft, actor, "review_after", {"note": note})
        notify(
            session,
            user_id=draft.author_id,
            user_name=draft.author_name,
            draft_id=draft.id,
            kind="after_reviewed",
            message=f'Unggahan darurat "{draft.title}" telah ditinjau oleh {actor.name}.'
            + (f" Catatan: {note}" if note else ""),
        )

    return _run(ctx, actor, draft_id, body)


def grant_fast_track(ctx: DeskContext, admin: Actor, *, user_id: int, user_name: str) -> None:
    """Admins grant emergency authority to a named author (revocable, audited)."""
    if not admin.has(ADMIN) or admin.user_id is None:
        raise Forbidden("Hanya admin yang dapat memberi wewenang jalur darurat.")
    with session_scope(ctx.db) as session:
        active = session.scalar(
            select(FastTrackGrant.id).where(
                FastTrackGrant.user_id == user_id, FastTrackGrant.revoked_at.is_(None)
            )
        )
        if active is not None:
            return
        session.add(
            FastTrackGrant(
                user_id=user_id,
                user_name=user_name,
                granted_by_name=admin.name,
                granted_at=ctx.now(),
            )
        )
        session.flush()
        record(
            session,
            "desk.fast_track.grant",
            actor=admin.name,
            actor_id=admin.user_id,
            object_type="user",
            object_id=user_id,
            payload={"user_name": user_name},
        )


def revoke_fast_track(ctx: DeskContext, admin: Actor, *, user_id: int) -> None:
    if not admin.has(ADMIN) or admin.user_id is None:
        raise Forbidden("Hanya admin yang dapat mencabut wewenang jalur darurat.")
    with session_scope(ctx.db) as session:
        rows = session.scalars(
            select(FastTrackGrant).where(
                FastTrackGrant.user_id == user_id, FastTrackGrant.revoked_at.is_(None)
            )
        ).all()
        for row in rows:
            row.revoked_at, row.revoked_by_name = ctx.now(), admin.name
        if rows:
            record(
                session,
                "desk.fast_track.revoke",
                actor=admin.name,
                actor_id=admin.user_id,
                object_type="user",
                object_id=user_id,
                payload={},
            )


# -- corrections -----------------------------------------------------------------------------


def correct(
    ctx: DeskContext,
    actor: Actor,
    draft_id: int,
    *,
    text: str | None = None,
    title: str | None = None,
    channels: Sequence[str] | None = None,
) -> DraftView:
    """Start a correction: a new draft linked to the published one, owned by the original
    author (a reviewer or admin who spots the error starts it for them), and taken through the
    whole table again. The published record is never edited; its archive entries stay."""
    with session_scope(ctx.db) as session:
        draft = load_draft(session, draft_id, lock=True)
        require(session, draft, actor, "correct")
        view = _version_view(session, draft.id, draft.approved_version or draft.current_version)
        original = {v.channel: v.text for v in view.variants}
        chosen = list(channels or original)
        if text is None:
            variants = _variants(
                chosen,
                original.get(chosen[0], ""),
                {c: original[c] for c in chosen if c in original},
            )
        else:
            variants = _variants(chosen, text, None)
        new_title = clean_text(
            title or f"Koreksi: {draft.title}"[:200], "Judul", maximum=ctx.config.max_title_chars
        )
        fix = new_draft(
            session,
            ctx,
            actor,
            author_id=draft.author_id,
            author_name=draft.author_name,
            unit_id=draft.unit_id,
            title=new_title,
            variants=variants,
            corrects_draft_id=draft.id,
        )
        record(
            session,
            "desk.correct",
            actor=actor.name,
            actor_id=actor.user_id,
            object_type="desk_draft",
            object_id=draft.id,
            payload={"from": draft.status, "to": draft.status, "correction_id": fix.id},
        )
        if actor.user_id != draft.author_id:
            notify(
                session,
                user_id=draft.author_id,
                user_name=draft.author_name,
                draft_id=fix.id,
                kind="correction_requested",
                message=f'{actor.name} meminta koreksi atas "{draft.title}"; draf koreksi '
                "menunggu suntingan Anda.",
            )
        return draft_view(session, ctx, fix, actor)


def _reload(ctx: DeskContext, actor: Actor, draft_id: int) -> DraftView:
    with session_scope(ctx.db) as session:
        return draft_view(session, ctx, load_draft(session, draft_id), actor)


# -- one entry point for the web layer -------------------------------------------------------

_DISPATCH = {
    "edit": save_draft,
    "submit": submit,
    "delete": delete,
    "comment": comment,
    "approve": approve,
    "return": return_draft,
    "reject": reject,
    "schedule": schedule,
    "reschedule": reschedule,
    "retry": retry,
    "fast_track": fast_track,
    "review_after": review_after,
    "correct": correct,
    "withdraw": withdraw,
}


def apply(ctx: DeskContext, actor: Actor, draft_id: int, action: str, **params: Any) -> DraftView:
    """Run `action` on a draft. Scheduler-only steps (publish, fail) and `confirm_published`
    (which names a job) are refused here with the table's own reason."""
    fn = _DISPATCH.get(action)
    if fn is not None:
        try:
            inspect.signature(fn).bind(ctx, actor, draft_id, **params)
        except TypeError as exc:
            raise ValidationFailed(f"Parameter tidak sesuai untuk '{action}': {exc}") from None
        return fn(ctx, actor, draft_id, **params)
    with session_scope(ctx.db) as session:
        draft = load_draft(session, draft_id)
        require(session, draft, actor, action)
    if action == "confirm_published":
        raise ValidationFailed("Gunakan confirm_published(job_id) untuk kanal tertentu.")
    raise InvalidTransition("Langkah ini dijalankan otomatis oleh penjadwal.")


__all__ = [
    "EMERGENCY_CATEGORIES",
    "DeskError",
    "apply",
    "approve",
    "comment",
    "confirm_published",
    "correct",
    "delete",
    "fast_track",
    "grant_fast_track",
    "parse_when",
    "reject",
    "reschedule",
    "retry",
    "return_draft",
    "review_after",
    "revoke_fast_track",
    "schedule",
    "submit",
    "withdraw",
]
