"""Drafts and their versions: writing, checking on every save, reading, listing.

A save never changes a stored version: it adds a new one (unless nothing changed), runs the
engine over every channel's variant with the channel in the context, validates each variant
against its channel's limits, and stores the reports with the version. The draft page shows the
findings and counters; submission refuses a version with validation errors.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from netra.audit import canonical_json, record
from netra.desk import states
from netra.desk.access import can_read, load_draft, relations, require, require_read
from netra.desk.actors import ADMIN, AUTHOR, REVIEWER, Actor
from netra.desk.attachments import AttachmentView
from netra.desk.channels import CHANNEL_IDS, CHANNELS, validate_variant
from netra.desk.context import ZONE_LABELS, DeskContext
from netra.desk.errors import Conflict, DeskError, Forbidden, ValidationFailed
from netra.desk.tables import Attachment, Comment, Draft, Job, Variant, Version
from netra.storage.db import session_scope

_VERDICT_RANK = {"safe": 0, "review": 1, "high_risk": 2}


def clean_text(value: str | None, label: str, *, minimum: int = 1, maximum: int = 2_000) -> str:
    """A required free-text field: trimmed, no control characters but newlines and tabs."""
    text = "".join(c for c in (value or "") if c in "\n\t" or c >= " ").strip()
    if len(text) < minimum:
        raise ValidationFailed(
            f"{label} wajib diisi" + (f" (min. {minimum} karakter)." if minimum > 1 else ".")
        )
    if len(text) > maximum:
        raise ValidationFailed(f"{label} terlalu panjang (maks. {maximum} karakter).")
    return text


@dataclass
class VariantView:
    channel: str
    label: str
    text: str
    verdict: str
    risk_score: int
    report: dict[str, Any]
    issues: list[dict[str, Any]]


@dataclass
class VersionView:
    number: int
    title: str
    verdict: str
    risk_score: int
    justification: str | None
    content_sha256: str
    created_by_name: str
    created_at: datetime
    attachment_ids: list[int]
    variants: list[VariantView]

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [i for v in self.variants for i in v.issues if i["level"] == "error"]


@dataclass
class JobView:
    id: int
    channel: str
    publisher: str
    status: str
    due_at: datetime
    attempts: int
    max_attempts: int
    next_attempt_at: datetime
    last_error: str | None
    outcome_unknown: bool
    remote_id: str | None
    remote_url: str | None
    published_at: datetime | None


@dataclass
class CommentView:
    id: int
    version_number: int
    channel: str | None
    line: int | None
    text: str
    author_name: str
    created_at: datetime


@dataclass
class DraftView:
    id: int
    title: str
    status: str
    status_label: str
    unit_id: int | None
    author_id: int | None
    author_name: str
    current_version: int
    row_version: int
    emergency: bool
    emergency_category: str | None
    emergency_reason: str | None
    banner: str | None  # "belum ditinjau" while an emergency post awaits its review
    submitted_at: datetime | None
    approver_name: str | None
    approved_at: datetime | None
    approved_version: int | None
    scheduled_at: datetime | None
    scheduled_local: str | None
    corrects_draft_id: int | None
    version: VersionView | None
    attachments: list[AttachmentView] = field(default_factory=list)
    comments: list[CommentView] = field(default_factory=list)
    jobs: list[JobView] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)  # what the viewing actor may do now


def local_label(ctx: DeskContext, when: datetime | None) -> str | None:
    """`12-05-2025 08.00 WIB`: how Indonesian offices write a time."""
    if when is None:
        return None
    zone = ctx.config.zone
    local = when.astimezone(zone)
    return f"{local:%d-%m-%Y %H.%M} {ZONE_LABELS.get(zone.key, zone.key)}"


def _version_view(session: Session, draft_id: int, number: int) -> VersionView | None:
    version = session.scalars(
        select(Version).where(Version.draft_id == draft_id, Version.number == number)
    ).first()
    if version is None:
        return None
    variants = session.scalars(
        select(Variant).where(Variant.version_id == version.id).order_by(Variant.id)
    ).all()
    return VersionView(
        version.number,
        version.title,
        version.verdict,
        version.risk_score,
        version.justification,
        version.content_sha256,
        version.created_by_name,
        version.created_at,
        list(version.attachment_ids or []),
        [
            VariantView(
                v.channel,
                CHANNELS[v.channel].label,
                v.text,
                v.verdict,
                v.risk_score,
                v.report,
                list(v.issues or []),
            )
            for v in variants
        ],
    )


def draft_view(session: Session, ctx: DeskContext, draft: Draft, actor: Actor) -> DraftView:
    banner = None
    if draft.status == states.Status.UNREVIEWED:
        banner = "TERBIT DARURAT — BELUM DITINJAU"
    elif (
        draft.emergency
        and draft.after_reviewed_at is None
        and draft.status in (states.Status.SCHEDULED, states.Status.FAILED)
    ):
        banner = "JALUR DARURAT — akan ditinjau setelah terbit"
    attachments = session.scalars(
        select(Attachment)
        .where(Attachment.draft_id == draft.id, Attachment.removed_at.is_(None))
        .order_by(Attachment.id)
    ).all()
    comments = session.scalars(
        select(Comment).where(Comment.draft_id == draft.id).order_by(Comment.id)
    ).all()
    jobs = session.scalars(
        select(Job).where(Job.draft_id == draft.id).order_by(Job.version_number, Job.channel)
    ).all()
    actions = []
    for action in states.allowed_actions(draft.status, relations(actor, draft)):
        try:  # the guards too: a reviewer is not offered "approve" on their own draft
            require(session, draft, actor, action)
            actions.append(action)
        except DeskError:
            pass
    return DraftView(
        id=draft.id,
        title=draft.title,
        status=draft.status,
        status_label=states.STATUS_LABELS.get(draft.status, draft.status),
        unit_id=draft.unit_id,
        author_id=draft.author_id,
        author_name=draft.author_name,
        current_version=draft.current_version,
        row_version=draft.row_version,
        emergency=draft.emergency,
        emergency_category=draft.emergency_category,
        emergency_reason=draft.emergency_reason,
        banner=banner,
        submitted_at=draft.submitted_at,
        approver_name=draft.approver_name,
        approved_at=draft.approved_at,
        approved_version=draft.approved_version,
        scheduled_at=draft.scheduled_at,
        scheduled_local=local_label(ctx, draft.scheduled_at),
        corrects_draft_id=draft.corrects_draft_id,
        version=_version_view(session, draft.id, draft.current_version),
        attachments=[AttachmentView.of(a) for a in attachments],
        comments=[
            CommentView(
                c.id, c.version_number, c.channel, c.line, c.text, c.author_name, c.created_at
            )
            for c in comments
        ],
        jobs=[
            JobView(
                j.id,
                j.channel,
                j.publisher,
                j.status,
                j.due_at,
                j.attempts,
                j.max_attempts,
                j.next_attempt_at,
                j.last_error,
                j.outcome_unknown,
                j.remote_id,
                j.remote_url,
                j.published_at,
            )
            for j in jobs
        ],
        actions=actions,
    )


def _variants(
    channels: Sequence[str], text: str, overrides: Mapping[str, str] | None
) -> dict[str, str]:
    chosen = list(dict.fromkeys(c.strip() for c in channels if c and c.strip()))
    if not chosen:
        raise ValidationFailed("Pilih minimal satu kanal.")
    unknown = [c for c in chosen if c not in CHANNELS]
    if unknown:
        raise ValidationFailed(
            f"Kanal tidak dikenal: {', '.join(unknown)}. Pilih dari: {', '.join(CHANNEL_IDS)}."
        )
    overrides = dict(overrides or {})
    stray = [c for c in overrides if c not in chosen]
    if stray:
        raise ValidationFailed(f"Teks khusus untuk kanal yang tidak dipilih: {', '.join(stray)}.")
    return {c: overrides.get(c) if overrides.get(c) is not None else text for c in chosen}


def _checked_variant(
    ctx: DeskContext, channel: str, text: str, attachments: Sequence[Attachment]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The engine's report and the channel's validation for one variant."""
    check = validate_variant(
        channel,
        text,
        attachments,
        max_text_chars=ctx.config.max_text_chars,
        max_chars_override=ctx.config.mastodon_max_chars if channel == "mastodon" else None,
    )
    if len(text) > ctx.config.max_text_chars:
        raise ValidationFailed(
            f"{CHANNELS[channel].label}: teks melebihi {ctx.config.max_text_chars} karakter, "
            "batas yang dapat diperiksa Netra."
        )
    context = {
        "account": "institutional",
        "channel": channel,
        "author_role": "author",
        "posted_at": ctx.now()
        .astimezone(ctx.config.zone)
        .replace(tzinfo=None)
        .isoformat(timespec="seconds"),
    }
    try:
        report = ctx.checker(text, context)
    except ValueError as exc:  # AnalysisError and friends carry an Indonesian message
        raise ValidationFailed(f"{CHANNELS[channel].label}: {exc}") from None
    return report, [i for i in check.to_dict()["issues"]]


def _live_attachments(session: Session, draft_id: int, ids: Iterable[int]) -> list[Attachment]:
    ids = list(dict.fromkeys(int(i) for i in ids))
    if not ids:
        return []
    rows = session.scalars(
        select(Attachment).where(
            Attachment.id.in_(ids),
            Attachment.draft_id == draft_id,
            Attachment.removed_at.is_(None),
        )
    ).all()
    found = {r.id: r for r in rows}
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationFailed(f"Lampiran tidak ditemukan pada draf ini: {missing}.")
    return [found[i] for i in ids]


def _write_version(
    session: Session,
    ctx: DeskContext,
    draft: Draft,
    actor: Actor,
    title: str,
    variants: dict[str, str],
    attachments: list[Attachment],
) -> Version | None:
    """Add a checked version; None when the content equals the current version's."""
    digest = hashlib.sha256(
        canonical_json(
            {"title": title, "variants": variants, "attachments": [a.sha256 for a in attachments]}
        ).encode()
    ).hexdigest()
    if draft.current_version:
        current = session.scalars(
            select(Version).where(
                Version.draft_id == draft.id, Version.number == draft.current_version
            )
        ).first()
        if current is not None and current.content_sha256 == digest:
            return None
    checked = {c: _checked_variant(ctx, c, t, attachments) for c, t in variants.items()}
    worst = max((r["verdict"] for r, _ in checked.values()), key=_VERDICT_RANK.__getitem__)
    risk = max(int(r["risk_score"]) for r, _ in checked.values())
    number = draft.current_version + 1
    version = Version(
        draft_id=draft.id,
        number=number,
        title=title,
        attachment_ids=[a.id for a in attachments],
        verdict=worst,
        risk_score=risk,
        content_sha256=digest,
        created_by_id=actor.user_id,
        created_by_name=actor.name,
        created_at=ctx.now(),
    )
    session.add(version)
    session.flush()
    for channel, text in variants.items():
        report, issues = checked[channel]
        session.add(
            Variant(
                version_id=version.id,
                channel=channel,
                text=text,
                verdict=report["verdict"],
                risk_score=int(report["risk_score"]),
                report=report,
                issues=issues,
            )
        )
    draft.current_version = number
    draft.title = title
    draft.updated_at = ctx.now()
    session.flush()
    return version


def _audit_save(
    session: Session,
    actor: Actor,
    draft: Draft,
    version: Version,
    action: str,
    variants: dict[str, str],
) -> None:
    base = {
        "object_type": "desk_draft",
        "object_id": draft.id,
        "actor": actor.name,
        "actor_id": actor.user_id,
    }
    record(
        session,
        action,
        **base,
        payload={
            "version": version.number,
            "title": version.title,
            "channels": list(variants),
            "content_sha256": version.content_sha256,
            "attachments": version.attachment_ids,
        },
    )
    rows = session.scalars(select(Variant).where(Variant.version_id == version.id)).all()
    record(
        session,
        "desk.check",
        **base,
        payload={
            "version": version.number,
            "verdict": version.verdict,
            "risk_score": version.risk_score,
            "engine_version": rows[0].report.get("engine_version") if rows else None,
            "channels": {
                r.channel: {
                    "verdict": r.verdict,
                    "risk_score": r.risk_score,
                    "categories": sorted({f["category"] for f in r.report.get("findings", [])}),
                    "errors": [i["code"] for i in r.issues if i["level"] == "error"],
                }
                for r in rows
            },
        },
    )


def new_draft(
    session: Session,
    ctx: DeskContext,
    actor: Actor,
    *,
    author_id: int | None,
    author_name: str,
    unit_id: int | None,
    title: str,
    variants: dict[str, str],
    template_key: str | None = None,
    corrects_draft_id: int | None = None,
) -> Draft:
    """Insert a draft and its first checked version inside the caller's transaction. The
    author is usually the actor; for a correction it is the original post's author."""
    now = ctx.now()
    draft = Draft(
        unit_id=unit_id,
        title=title,
        status=states.Status.DRAFT,
        author_id=author_id,
        author_name=author_name,
        current_version=0,
        template_key=template_key,
        corrects_draft_id=corrects_draft_id,
        created_at=now,
        updated_at=now,
    )
    session.add(draft)
    session.flush()
    version = _write_version(session, ctx, draft, actor, title, variants, [])
    _audit_save(session, actor, draft, version, "desk.draft.create", variants)
    return draft


def create_draft(
    ctx: DeskContext,
    actor: Actor,
    *,
    title: str,
    text: str,
    channels: Sequence[str],
    overrides: Mapping[str, str] | None = None,
    template_key: str | None = None,
) -> DraftView:
    """A new draft with its first, checked version (authors only, in their own unit)."""
    if not actor.has(AUTHOR) or actor.user_id is None:
        raise Forbidden("Hanya penulis Humas yang dapat membuat draf.")
    title = clean_text(title, "Judul", maximum=ctx.config.max_title_chars)
    variants = _variants(channels, text, overrides)
    with session_scope(ctx.db) as session:
        draft = new_draft(
            session, ctx, actor, author_id=actor.user_id, author_name=actor.name,
            unit_id=actor.unit_id, title=title, variants=variants, template_key=template_key,
        )  # fmt: skip
        return draft_view(session, ctx, draft, actor)


def save_draft(
    ctx: DeskContext,
    actor: Actor,
    draft_id: int,
    *,
    text: str,
    channels: Sequence[str],
    title: str | None = None,
    overrides: Mapping[str, str] | None = None,
    attachment_ids: Iterable[int] | None = None,
    expected_version: int | None = None,
) -> DraftView:
    """Save an edit as a new checked version. `expected_version` (the version the editor
    loaded) turns a concurrent edit into a Conflict instead of a silent overwrite."""
    variants = _variants(channels, text, overrides)
    try:
        with session_scope(ctx.db) as session:
            draft = load_draft(session, draft_id, lock=True)
            require(session, draft, actor, "edit")
            if expected_version is not None and expected_version != draft.current_version:
                raise Conflict(
                    f"Draf sudah diubah (versi {draft.current_version}, Anda menyunting versi "
                    f"{expected_version}); muat ulang agar perubahan tidak tertimpa."
                )
            new_title = clean_text(
                title if title is not None else draft.title,
                "Judul",
                maximum=ctx.config.max_title_chars,
            )
            if attachment_ids is None:
                current = _version_view(session, draft.id, draft.current_version)
                attachment_ids = current.attachment_ids if current else []
            attachments = _live_attachments(session, draft.id, attachment_ids)
            version = _write_version(session, ctx, draft, actor, new_title, variants, attachments)
            if version is not None:
                _audit_save(session, actor, draft, version, "desk.draft.edit", variants)
            return draft_view(session, ctx, draft, actor)
    except StaleDataError:
        raise Conflict("Draf baru saja diubah orang lain; muat ulang lalu simpan lagi.") from None


def get_draft(ctx: DeskContext, actor: Actor, draft_id: int) -> DraftView:
    with session_scope(ctx.db) as session:
        draft = load_draft(session, draft_id)
        require_read(actor, draft)
        return draft_view(session, ctx, draft, actor)


def get_version(ctx: DeskContext, actor: Actor, draft_id: int, number: int) -> VersionView:
    """Any earlier version, for comparison (versions are never changed)."""
    with session_scope(ctx.db) as session:
        draft = load_draft(session, draft_id)
        require_read(actor, draft)
        view = _version_view(session, draft_id, number)
        if view is None:
            raise ValidationFailed(f"Versi {number} tidak ada.")
        return view


@dataclass
class DraftSummary:
    id: int
    title: str
    status: str
    status_label: str
    author_name: str
    emergency: bool
    updated_at: datetime
    submitted_at: datetime | None
    scheduled_at: datetime | None


def list_drafts(
    ctx: DeskContext,
    actor: Actor,
    *,
    status: str | None = None,
    mine: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[DraftSummary]:
    """Drafts the actor may read: their unit's (authors, reviewers), all (admins)."""
    if not (actor.has(AUTHOR) or actor.has(REVIEWER) or actor.has(ADMIN)):
        raise Forbidden("Meja komunikasi hanya untuk penulis, peninjau dan admin Humas.")
    query = select(Draft).where(Draft.status != states.Status.DELETED)
    if not actor.has(ADMIN):
        query = query.where(Draft.unit_id == actor.unit_id)
    if mine:
        query = query.where(Draft.author_id == actor.user_id)
    if status:
        query = query.where(Draft.status == status)
    query = query.order_by(Draft.updated_at.desc(), Draft.id.desc())
    query = query.limit(max(1, min(limit, 500))).offset(max(0, offset))
    with session_scope(ctx.db) as session:
        return [
            DraftSummary(
                d.id,
                d.title,
                d.status,
                states.STATUS_LABELS.get(d.status, d.status),
                d.author_name,
                d.emergency,
                d.updated_at,
                d.submitted_at,
                d.scheduled_at,
            )
            for d in session.scalars(query)
            if can_read(actor, d)
        ]


def check_live(
    ctx: DeskContext,
    *,
    text: str,
    channels: Sequence[str],
    overrides: Mapping[str, str] | None = None,
    with_engine: bool = True,
) -> dict[str, Any]:
    """What the draft page shows while typing, without saving: per channel the counter, the
    validation issues and (debounced, `with_engine`) the engine's findings."""
    variants = _variants(channels, text, overrides)
    out: dict[str, Any] = {}
    for channel, variant in variants.items():
        check = validate_variant(
            channel,
            variant,
            (),
            max_text_chars=ctx.config.max_text_chars,
            max_chars_override=ctx.config.mastodon_max_chars if channel == "mastodon" else None,
        ).to_dict()
        if with_engine and variant.strip() and len(variant) <= ctx.config.max_text_chars:
            check["report"] = ctx.checker(variant, {"account": "institutional", "channel": channel})
        out[channel] = check
    return out


def count_drafts(ctx: DeskContext) -> int:
    with session_scope(ctx.db) as session:
        return int(session.scalar(select(func.count(Draft.id))) or 0)
