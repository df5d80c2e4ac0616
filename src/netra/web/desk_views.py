"""What the desk's page modules share: who may come in, how a `DeskError` becomes an answer,
and the draft page (shown after every step, and again with the reason when a step is refused).

The routes live in netra.web.routers.desk (drafts and steps), desk_archive (calendar, archive,
feed) and desk_attachments (uploads); nothing here holds desk logic — netra.desk does.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, RedirectResponse, Response

from netra.accounts.roles import Role
from netra.accounts.tables import User
from netra.desk import drafts, workflow
from netra.desk.actors import Actor
from netra.desk.channels import CHANNELS, validate_variant
from netra.desk.context import ZONE_LABELS, DeskContext
from netra.desk.errors import DeskError
from netra.web.deps import require_roles
from netra.web.desk_runtime import get_desk
from netra.web.errors import ApiError, error_json, wants_json
from netra.web.highlight import segments
from netra.web.templating import render

DeskUser = Annotated[User, Depends(require_roles(Role.AUTHOR, Role.REVIEWER, Role.ADMIN))]
AuthorUser = Annotated[User, Depends(require_roles(Role.AUTHOR))]
ArchiveUser = Annotated[
    User, Depends(require_roles(Role.AUTHOR, Role.REVIEWER, Role.ADMIN, Role.OVERSIGHT))
]
Desk = Annotated[DeskContext, Depends(get_desk)]

DESK_STATUS = {
    "not_found": 404,
    "forbidden": 403,
    "invalid_transition": 409,
    "conflict": 409,
    "validation_failed": 422,
    "attachment_rejected": 422,
    "not_configured": 422,
}
ACTION_BUTTONS = {
    "submit": "Ajukan untuk ditinjau",
    "approve": "Setujui",
    "return": "Kembalikan untuk perbaikan",
    "reject": "Tolak",
    "comment": "Kirim komentar",
    "schedule": "Jadwalkan",
    "reschedule": "Ubah jadwal",
    "retry": "Coba terbitkan ulang",
    "fast_track": "Terbitkan sekarang (jalur darurat)",
    "review_after": "Tandai sudah ditinjau",
    "correct": "Buat koreksi",
    "withdraw": "Tarik draf",
    "delete": "Hapus draf",
}
WEB_ACTIONS = frozenset(ACTION_BUTTONS)
JOB_LABELS = {
    "scheduled": "Terjadwal",
    "sending": "Sedang dikirim",
    "published": "Terbit",
    "failed": "Gagal",
    "cancelled": "Dibatalkan",
}
DESK_LABELS = {cid: spec.label for cid, spec in CHANNELS.items()}
PAGE_SIZE = 50
MAX_TEXT = 50_000


def actor_of(user: User) -> Actor:
    """The desk's view of the logged-in person."""
    return Actor(user.full_name or user.username, frozenset(user.roles), user.id, user.unit_id)


def desk_error(exc: DeskError) -> ApiError:
    return ApiError(DESK_STATUS.get(exc.code, 422), exc.code, exc.message)


def json_error(exc: DeskError) -> Response:
    """For JSON clients: the desk's code and message, plus the details (e.g. every channel
    error that blocks a submission) so a client can show them next to the right field."""
    extra = {"details": exc.details} if exc.details else None
    return error_json(DESK_STATUS.get(exc.code, 422), exc.code, exc.message, extra=extra)


def zone_label(ctx: DeskContext) -> str:
    zone = ctx.config.zone
    return ZONE_LABELS.get(zone.key, zone.key)


def channel_specs(ctx: DeskContext) -> list[dict[str, Any]]:
    """The channels as the editor shows them: the limit this server enforces (Mastodon's is
    per server) and why a channel cannot publish yet, so nobody drafts for a dead end."""
    out = []
    for spec in CHANNELS.values():
        limit = ctx.config.mastodon_max_chars if spec.id == "mastodon" else spec.max_chars
        publisher = ctx.publishers.get(spec.id)
        problem = publisher.problem() if publisher else "Belum ada penerbit."
        out.append(
            {
                "id": spec.id,
                "label": spec.label,
                "limit": min(limit, ctx.config.max_text_chars),
                "note": spec.note,
                "problem": problem,  # the page says which channels cannot publish yet
            }
        )
    return out


def form_text(form, name: str, limit: int = MAX_TEXT) -> str:
    """A text field of a parsed form, cut to `limit` (an upload in a text field reads as "")."""
    value = form.get(name)
    return value[:limit] if isinstance(value, str) else ""


# -- the draft view --------------------------------------------------------------------------
def variant_rows(ctx: DeskContext, view: drafts.DraftView) -> list[dict[str, Any]]:
    """Per channel: the stored text cut into highlight segments (the same cutting as the
    checker page) and the channel's counter, which the stored issues do not carry."""
    rows = []
    for v in view.version.variants if view.version else []:
        findings = list(v.report.get("findings", []))
        check = validate_variant(
            v.channel,
            v.text,
            view.attachments,
            max_text_chars=ctx.config.max_text_chars,
            max_chars_override=ctx.config.mastodon_max_chars if v.channel == "mastodon" else None,
        )
        rows.append(
            {
                "variant": v,
                "findings": findings,
                "segments": segments(v.text, findings),
                "count": check.count,
                "limit": check.limit,
            }
        )
    return rows


def edit_values(view: drafts.DraftView) -> dict[str, Any]:
    """The editor's fields for the current version: the first channel's text is the message,
    the channels whose text differs from it are their own variants."""
    variants = view.version.variants if view.version else []
    main = variants[0].text if variants else ""
    return {
        "title": view.title,
        "text": main,
        "channels": [v.channel for v in variants],
        "overrides": {v.channel: v.text for v in variants if v.text != main},
    }


def default_time(ctx: DeskContext) -> str:
    """One hour from now, on the minute, in the agency's zone (the schedule field's default)."""
    local = (ctx.now() + timedelta(hours=1)).astimezone(ctx.config.zone)
    return local.replace(second=0, microsecond=0, tzinfo=None).isoformat(timespec="seconds")


def draft_page_response(
    request: Request,
    ctx: DeskContext,
    view: drafts.DraftView,
    regulations: dict[str, Any],
    *,
    error: DeskError | None = None,
    values: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    data = jsonable_encoder(view)
    if error is not None:
        data = {"error": error.to_dict(), "draft": data}
    return render(
        request,
        "desk/draft.html",
        {
            "draft": view,
            "rows": variant_rows(ctx, view),
            "regulations": regulations,
            "error": error,
            "values": values or edit_values(view),
            "channels": channel_specs(ctx),
            "buttons": ACTION_BUTTONS,
            "job_labels": JOB_LABELS,
            "desk_labels": DESK_LABELS,
            "zone": zone_label(ctx),
            "default_time": default_time(ctx),
            "categories": workflow.EMERGENCY_CATEGORIES,
            "min_justification": workflow.MIN_JUSTIFICATION,
        },
        data=data,
        status=status,
    )


def after_failure(
    request: Request,
    ctx: DeskContext,
    user: User,
    draft_id: int,
    exc: DeskError,
    regulations: dict[str, Any],
    values: dict[str, Any] | None = None,
) -> Response:
    """The draft page again, with the reason the step was refused."""
    if wants_json(request):
        return json_error(exc)
    try:
        view = drafts.get_draft(ctx, actor_of(user), draft_id)
    except DeskError as again:
        raise desk_error(again) from None
    status = DESK_STATUS.get(exc.code, 422)
    return draft_page_response(
        request, ctx, view, regulations, error=exc, values=values, status=status
    )


def done(request: Request, view: drafts.DraftView, status: int = 200) -> Response:
    """After a step: the draft as JSON, or back to its page (post/redirect/get)."""
    if wants_json(request):
        return JSONResponse(jsonable_encoder(view), status_code=status)
    return RedirectResponse(f"/meja/draf/{view.id}", status_code=303)
