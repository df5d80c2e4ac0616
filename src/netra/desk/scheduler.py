"""The scheduler: publication jobs live in the database, so a restart loses nothing.

`run_due(ctx, now)` is one pass: find due jobs, claim each with an atomic
`UPDATE … SET status='sending' WHERE id=… AND status='scheduled'` (only one worker's update can
match, on SQLite and PostgreSQL alike), publish, and record the outcome. `netra desk worker`
calls it in a loop; two workers never publish the same job.

Exactly once, and why:
1. Approval and scheduling only write rows; nothing is sent in that transaction. A crash there
   leaves a `scheduled` job that the next pass publishes.
2. Before calling a platform the job is committed as `sending` with a lease (the record
   "before"); after the call, `published` with the platform's id and the archive entry are
   committed together (the record "after").
3. A crash between the two leaves `sending` with an expired lease. For platforms that honour an
   idempotency key (webhook, Mastodon, the feed) the job is sent again with the same key — the
   platform returns the first post instead of making a second — as long as the platform still
   remembers the key. For the others (Telegram, X, Meta) the outcome is unknown: the job fails
   with `outcome_unknown`, the author is told to look, and only a person's confirmation resends
   it. An official post published twice is worse than one published late.
Multi-step publishers checkpoint their progress (uploaded media, an Instagram container), so a
retry continues instead of starting over.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm.exc import StaleDataError

from netra.audit import record
from netra.desk.access import load_draft
from netra.desk.actors import SYSTEM
from netra.desk.channels import CHANNELS
from netra.desk.context import DeskContext
from netra.desk.media import EXTENSIONS
from netra.desk.outcomes import archive_job, settle
from netra.desk.publishers.base import (
    MediaFile,
    OutcomeUnknown,
    PermanentError,
    PublishRequest,
    PublishResult,
    TransientError,
)
from netra.desk.tables import Attachment, Draft, Job, Variant, Version
from netra.storage.db import session_scope


@dataclass
class RunReport:
    claimed: int = 0
    published: int = 0
    retried: int = 0
    failed: int = 0
    unknown: int = 0
    lost: int = 0  # our lease expired and another worker took the job over

    def __str__(self) -> str:
        return (
            f"diklaim {self.claimed}, terbit {self.published}, dijadwal ulang {self.retried}, "
            f"gagal {self.failed}, tidak pasti {self.unknown}"
        )


@dataclass
class _Claim:
    job_id: int
    draft_id: int
    channel: str
    reclaimed: bool
    attempts: int
    sending_since: datetime | None
    request: PublishRequest


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def backoff_seconds(ctx: DeskContext, attempts: int, retry_after: float | None) -> float:
    """Exponential back-off (base × 2^(n-1), capped), never shorter than the platform asked."""
    cfg = ctx.config
    delay = min(cfg.backoff_max_seconds, cfg.backoff_seconds * 2 ** max(0, attempts - 1))
    if retry_after is not None:
        delay = max(delay, min(float(retry_after), 86_400.0))
    return delay


def _due_ids(ctx: DeskContext, now: datetime, limit: int, draft_id: int | None) -> list[int]:
    query = (
        select(Job.id)
        .where(
            or_(
                and_(Job.status == "scheduled", Job.next_attempt_at <= now),
                and_(Job.status == "sending", Job.lease_until < now),
            )
        )
        .order_by(Job.next_attempt_at, Job.id)
        .limit(limit)
    )
    if draft_id is not None:
        query = query.where(Job.draft_id == draft_id)
    with session_scope(ctx.db) as session:
        return list(session.scalars(query))


def _media(ctx: DeskContext, session, version: Version) -> list[MediaFile]:
    if not version.attachment_ids:
        return []
    rows = {
        a.id: a
        for a in session.scalars(
            select(Attachment).where(Attachment.id.in_(version.attachment_ids))
        )
    }
    base = (ctx.config.public_base_url or "").rstrip("/")
    out = []
    for attachment_id in version.attachment_ids:
        a = rows[attachment_id]
        public = f"{base}/desk/media/{a.sha256}.{EXTENSIONS[a.media_type]}" if base else None
        out.append(
            MediaFile(
                ctx.config.attachments_dir / a.stored_name,
                a.media_type,
                a.original_name,
                a.sha256,
                a.size,
                a.alt_text,
                public,
            )
        )
    return out


def _claim(ctx: DeskContext, job_id: int, worker: str, now: datetime) -> _Claim | None:
    lease = now + timedelta(seconds=ctx.config.lease_seconds)
    with session_scope(ctx.db) as session:
        fresh = session.execute(
            update(Job)
            .where(Job.id == job_id, Job.status == "scheduled", Job.next_attempt_at <= now)
            .values(
                status="sending",
                lease_owner=worker,
                lease_until=lease,
                attempts=Job.attempts + 1,
                sending_since=now,
                updated_at=now,
            )
        ).rowcount
        reclaimed = False
        if fresh != 1:
            taken = session.execute(
                update(Job)
                .where(Job.id == job_id, Job.status == "sending", Job.lease_until < now)
                .values(
                    lease_owner=worker, lease_until=lease, attempts=Job.attempts + 1, updated_at=now
                )
            ).rowcount
            if taken != 1:
                return None
            reclaimed = True
        job = session.get(Job, job_id)
        draft = session.get(Draft, job.draft_id)
        version = session.scalars(
            select(Version).where(
                Version.draft_id == job.draft_id, Version.number == job.version_number
            )
        ).one()
        variant = session.scalars(
            select(Variant).where(Variant.version_id == version.id, Variant.channel == job.channel)
        ).one()
        request = PublishRequest(
            job_id=job.id,
            draft_id=job.draft_id,
            channel=job.channel,
            title=version.title,
            text=variant.text,
            idempotency_key=job.idempotency_key,
            attachments=_media(ctx, session, version),
            emergency=draft.emergency,
            checkpoint=dict(job.checkpoint or {}),
        )
        record(
            session,
            "desk.job.attempt",
            actor=SYSTEM.name,
            object_type="desk_job",
            object_id=job.id,
            payload={
                "draft_id": job.draft_id,
                "channel": job.channel,
                "attempt": job.attempts,
                "worker": worker,
                "resumed_after_crash": reclaimed,
                "idempotency_key": job.idempotency_key,
            },
        )
        return _Claim(
            job.id, job.draft_id, job.channel, reclaimed, job.attempts, job.sending_since, request
        )


def _checkpointer(ctx: DeskContext, job_id: int, worker: str) -> Callable[[dict], None]:
    def save(state: dict[str, Any]) -> None:
        with session_scope(ctx.db) as session:
            session.execute(
                update(Job)
                .where(Job.id == job_id, Job.lease_owner == worker, Job.status == "sending")
                .values(checkpoint=dict(state))
            )

    return save


def _attempt(ctx: DeskContext, claim: _Claim, worker: str, now: datetime):
    publisher = ctx.publishers.get(claim.channel)
    label = CHANNELS[claim.channel].label
    if publisher is None or (problem := publisher.problem()) is not None:
        return PermanentError(f"{label}: {problem if publisher else 'belum ada penerbit.'}")
    if claim.reclaimed:
        window = publisher.idempotency_window
        within = window is None or (
            claim.sending_since is not None and now - claim.sending_since < window
        )
        if not (publisher.idempotent and within):
            return OutcomeUnknown(
                f"{label}: proses terhenti saat mengirim; hasilnya tidak pasti. Periksa akun "
                "tersebut, lalu tandai sudah terbit atau kirim ulang."
            )
    claim.request.save_checkpoint = _checkpointer(ctx, claim.job_id, worker)
    try:
        return publisher.publish(claim.request)
    except (TransientError, PermanentError, OutcomeUnknown) as exc:
        return exc
    except Exception as exc:  # a bug or an unexpected answer: never assume nothing was sent
        reason = f"{label}: galat tak terduga ({type(exc).__name__})."
        return TransientError(reason) if publisher.idempotent else OutcomeUnknown(reason)


def _finish(ctx: DeskContext, claim: _Claim, worker: str, outcome, now: datetime) -> str:
    for _ in range(3):  # a concurrent change to the draft: load it again and re-apply
        try:
            return _finish_once(ctx, claim, worker, outcome, now)
        except StaleDataError:
            continue
    return "lost"


def _finish_once(ctx: DeskContext, claim: _Claim, worker: str, outcome, now: datetime) -> str:
    with session_scope(ctx.db) as session:
        draft = load_draft(session, claim.draft_id, lock=True)
        job = session.scalars(select(Job).where(Job.id == claim.job_id).with_for_update()).one()
        if job.status != "sending" or job.lease_owner != worker:
            return "lost"
        job.lease_owner = job.lease_until = None
        job.updated_at = ctx.now()
        base = {"actor": SYSTEM.name, "object_type": "desk_job", "object_id": job.id}
        info = {"draft_id": job.draft_id, "channel": job.channel, "attempt": job.attempts}
        if isinstance(outcome, PublishResult):
            published_at = ctx.now()
            job.status, job.published_at = "published", published_at
            job.remote_id, job.remote_url = outcome.remote_id, outcome.url
            job.last_error = None
            entry = archive_job(
                session,
                draft,
                job,
                published_at=published_at,
                remote_id=outcome.remote_id,
                remote_url=outcome.url,
            )
            session.flush()
            record(
                session,
                "desk.job.published",
                **base,
                payload={
                    **info,
                    "remote_id": outcome.remote_id,
                    "url": outcome.url,
                    "archive_id": entry.id,
                    "content_sha256": entry.content_sha256,
                },
            )
            settle(session, draft, ctx.now())
            return "published"
        job.last_error = outcome.reason[:2_000]
        if isinstance(outcome, TransientError) and job.attempts < job.max_attempts:
            delay = backoff_seconds(ctx, job.attempts, outcome.retry_after)
            job.status, job.next_attempt_at = "scheduled", now + timedelta(seconds=delay)
            session.flush()
            record(
                session,
                "desk.job.retry",
                **base,
                payload={
                    **info,
                    "reason": job.last_error,
                    "delay_seconds": delay,
                    "retry_after": outcome.retry_after,
                },
            )
            return "retried"
        unknown = isinstance(outcome, OutcomeUnknown)
        job.status, job.outcome_unknown = "failed", unknown
        if isinstance(outcome, TransientError):
            job.last_error = (f"Gagal setelah {job.attempts} percobaan. " + job.last_error)[:2_000]
        session.flush()
        record(
            session,
            "desk.job.failed",
            **base,
            payload={**info, "reason": job.last_error, "outcome_unknown": unknown},
        )
        settle(session, draft, ctx.now())
        return "unknown" if unknown else "failed"


def run_due(
    ctx: DeskContext,
    *,
    now: datetime | None = None,
    worker_id: str | None = None,
    limit: int = 50,
    draft_id: int | None = None,
) -> RunReport:
    """One pass over due jobs (or one draft's, for the emergency path). Safe to run anywhere,
    any number of times, from any number of processes."""
    now = now or ctx.now()
    worker = worker_id or default_worker_id()
    report = RunReport()
    for job_id in _due_ids(ctx, now, limit, draft_id):
        claim = _claim(ctx, job_id, worker, now)
        if claim is None:
            continue
        report.claimed += 1
        outcome = _attempt(ctx, claim, worker, now)
        result = _finish(ctx, claim, worker, outcome, now)
        setattr(report, result, getattr(report, result) + 1)
    return report


def worker_loop(
    ctx: DeskContext,
    *,
    once: bool = False,
    stop: threading.Event | None = None,
    on_pass: Callable[[RunReport], None] | None = None,
    worker_id: str | None = None,
) -> None:
    """Run passes until stopped (`netra desk worker`); `once` runs a single pass."""
    stop = stop or threading.Event()
    worker = worker_id or default_worker_id()
    while True:
        report = run_due(ctx, worker_id=worker)
        if on_pass is not None:
            on_pass(report)
        if once or stop.wait(ctx.config.poll_seconds):
            return
