"""Data for the calendar and the dashboard (the web pages render it; nothing here is HTML)."""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import func, select

from netra.desk import states
from netra.desk.actors import ADMIN, AUTHOR, REVIEWER, Actor
from netra.desk.channels import CHANNEL_IDS
from netra.desk.context import DeskContext
from netra.desk.errors import Forbidden, ValidationFailed
from netra.desk.tables import Draft, Job
from netra.storage.db import session_scope


def _scope(actor: Actor, query, column):
    if not (actor.has(AUTHOR) or actor.has(REVIEWER) or actor.has(ADMIN)):
        raise Forbidden("Meja komunikasi hanya untuk penulis, peninjau dan admin Humas.")
    return query if actor.has(ADMIN) else query.where(column == actor.unit_id)


@dataclass
class CalendarItem:
    draft_id: int
    job_id: int
    title: str
    channel: str
    time_local: str  # HH.MM in the agency's zone
    status: str  # the job's: scheduled | sending | published | failed | cancelled
    emergency: bool


def month_calendar(
    ctx: DeskContext, actor: Actor, year: int, month: int, *, include_cancelled: bool = False
) -> dict[str, dict[str, list[CalendarItem]]]:
    """{"2025-05-12": {"x": [...], "instagram": [...]}, …} for every day of the month, each
    channel present (empty lists too), in the agency's time zone."""
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise ValidationFailed("Bulan atau tahun tidak valid.")
    zone = ctx.config.zone
    days = _calendar.monthrange(year, month)[1]
    start = datetime.combine(date(year, month, 1), time(0), tzinfo=zone).astimezone(UTC)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    end = datetime.combine(nxt, time(0), tzinfo=zone).astimezone(UTC)
    out = {
        date(year, month, d).isoformat(): {c: [] for c in CHANNEL_IDS} for d in range(1, days + 1)
    }
    query = (
        select(Job, Draft)
        .join(Draft, Draft.id == Job.draft_id)
        .where(Job.due_at >= start, Job.due_at < end)
        .order_by(Job.due_at, Job.id)
    )
    if not include_cancelled:
        query = query.where(Job.status != "cancelled")
    query = _scope(actor, query, Draft.unit_id)
    with session_scope(ctx.db) as session:
        for job, draft in session.execute(query).all():
            when = job.published_at or job.due_at  # late publications show when they went out
            if not start <= when < end:
                when = job.due_at
            when = when.astimezone(zone)
            out[when.date().isoformat()][job.channel].append(
                CalendarItem(
                    draft.id,
                    job.id,
                    draft.title,
                    job.channel,
                    f"{when:%H.%M}",
                    job.status,
                    draft.emergency,
                )
            )
    return out


def status_counts(ctx: DeskContext, actor: Actor) -> dict[str, int]:
    """Drafts per status (every status present, zeros included; deleted ones left out)."""
    query = select(Draft.status, func.count(Draft.id)).group_by(Draft.status)
    query = _scope(actor, query, Draft.unit_id)
    counts = {s.value: 0 for s in states.Status if s is not states.Status.DELETED}
    with session_scope(ctx.db) as session:
        for status, n in session.execute(query).all():
            if status in counts:
                counts[status] = int(n)
    return counts


@dataclass
class Waiting:
    draft_id: int
    title: str
    author_name: str
    status: str
    since: datetime
    waited_hours: float
    emergency: bool


def longest_waiting(ctx: DeskContext, actor: Actor, *, limit: int = 10) -> list[Waiting]:
    """Drafts waiting for a reviewer, longest first: submitted ones, and emergency posts already
    out that still owe their review (those first — they are public and unreviewed)."""
    now = ctx.now()
    query = select(Draft).where(
        Draft.status.in_((states.Status.SUBMITTED, states.Status.UNREVIEWED))
    )
    query = _scope(actor, query, Draft.unit_id)
    with session_scope(ctx.db) as session:
        rows = list(session.scalars(query))
    items = [
        Waiting(
            d.id,
            d.title,
            d.author_name,
            d.status,
            d.submitted_at or d.updated_at,
            round((now - (d.submitted_at or d.updated_at)).total_seconds() / 3600, 1),
            d.emergency,
        )
        for d in rows
    ]
    items.sort(key=lambda w: (w.status != states.Status.UNREVIEWED, w.since, w.draft_id))
    return items[: max(1, min(limit, 200))]
