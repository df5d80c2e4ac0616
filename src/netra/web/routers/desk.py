"""The communication desk's pages (issue 6), under /meja: dashboard, drafts, the draft view and
its steps — for Humas authors, reviewers and admins. The calendar, archive and feed are in
desk_archive, uploads in desk_attachments; both are included into this router.

The pages hold no desk logic: every step goes through netra.desk with an `Actor` built from the
logged-in user, and netra.desk checks it again against the state table. A `DeskError` becomes
its Indonesian message with the status of its code (desk_views.DESK_STATUS), on the page it came
from or as `{"error": {...}}` for JSON clients. The desk's scheduler runs in the app when
`NETRA_DESK_SCHEDULER` is on: this router's lifespan starts it (see netra.web.desk_runtime).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select

from netra.accounts.roles import Role
from netra.accounts.tables import User
from netra.desk import dashboard, drafts, notifications, templates, workflow
from netra.desk.channels import CHANNEL_IDS, CHANNELS
from netra.desk.context import DeskContext
from netra.desk.errors import DeskError, ValidationFailed
from netra.desk.states import STATUS_LABELS
from netra.desk.tables import FastTrackGrant
from netra.web.deps import AdminUser, EngineDep, SessionDep
from netra.web.desk_runtime import kick, lifespan
from netra.web.desk_views import (
    DESK_STATUS,
    MAX_TEXT,
    PAGE_SIZE,
    WEB_ACTIONS,
    AuthorUser,
    Desk,
    DeskUser,
    actor_of,
    after_failure,
    channel_specs,
    desk_error,
    done,
    draft_page_response,
    form_text,
    json_error,
)
from netra.web.errors import ApiError, wants_json
from netra.web.nav import register_nav
from netra.web.routers import desk_archive, desk_attachments
from netra.web.routers.checker import regulation_refs
from netra.web.templating import render

router = APIRouter(prefix="/meja", tags=["meja"], lifespan=lifespan)
register_nav("Meja Humas", "/meja", roles={Role.AUTHOR, Role.REVIEWER, Role.ADMIN}, order=50)


# -- dashboard -------------------------------------------------------------------------------
def _fast_track_rows(db, ctx: DeskContext) -> list[dict[str, Any]]:
    """Authors and whether they hold an emergency grant (for admins)."""
    from netra.accounts.service import list_users

    granted = {
        g.user_id
        for g in db.scalars(select(FastTrackGrant).where(FastTrackGrant.revoked_at.is_(None)))
    }
    return [
        {"user_id": u.id, "name": u.full_name or u.username, "granted": u.id in granted}
        for u in list_users(db)
        if u.is_active and Role.AUTHOR in u.roles
    ]


@router.get("", summary="Meja Humas: ringkasan")
def dashboard_page(request: Request, user: DeskUser, ctx: Desk, db: SessionDep) -> Response:
    actor = actor_of(user)
    counts = dashboard.status_counts(ctx, actor)
    waiting = dashboard.longest_waiting(ctx, actor)
    notes = notifications.list_notifications(ctx, actor, unread_only=True, limit=20)
    grants = _fast_track_rows(db, ctx) if Role.ADMIN in user.roles else None
    data = {
        "counts": counts,
        "longest_waiting": [asdict(w) for w in waiting],
        "notifications": [asdict(n) for n in notes],
        "fast_track": grants,
    }
    return render(
        request,
        "desk/dashboard.html",
        {
            "counts": counts,
            "waiting": waiting,
            "notes": notes,
            "grants": grants,
            "status_labels": STATUS_LABELS,
            "is_author": Role.AUTHOR in user.roles,
        },
        data=jsonable_encoder(data),
    )


@router.post("/notifikasi/baca", summary="Tandai pemberitahuan sudah dibaca")
def notifications_read(request: Request, user: DeskUser, ctx: Desk) -> Response:
    actor = actor_of(user)
    ids = [n.id for n in notifications.list_notifications(ctx, actor, unread_only=True)]
    count = notifications.mark_read(ctx, actor, ids)
    if wants_json(request):
        return JSONResponse({"marked": count})
    return RedirectResponse("/meja", status_code=303)


@router.post("/darurat", summary="Beri atau cabut wewenang jalur darurat (admin)")
def fast_track_grant(
    request: Request,
    user: AdminUser,
    ctx: Desk,
    db: SessionDep,
    user_id: Annotated[int, Form()] = 0,
    aksi: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    target = next((r for r in _fast_track_rows(db, ctx) if r["user_id"] == user_id), None)
    if target is None:
        raise ApiError(404, "not_found", "Penulis tidak ditemukan.")
    try:
        if aksi == "beri":
            workflow.grant_fast_track(
                ctx, actor_of(user), user_id=user_id, user_name=target["name"]
            )
        elif aksi == "cabut":
            workflow.revoke_fast_track(ctx, actor_of(user), user_id=user_id)
        else:
            raise ValidationFailed("Pilih 'beri' atau 'cabut'.")
    except DeskError as exc:
        raise desk_error(exc) from None
    if wants_json(request):
        return JSONResponse({"user_id": user_id, "granted": aksi == "beri"})
    return RedirectResponse("/meja", status_code=303)


# -- list and new draft ----------------------------------------------------------------------
@router.get("/draf", summary="Daftar draf")
def drafts_page(
    request: Request,
    user: DeskUser,
    ctx: Desk,
    status: str = "",
    saya: str = "",
    halaman: int = 1,
) -> Response:
    status = status if status in STATUS_LABELS else ""
    page = max(1, min(halaman, 10_000))
    try:
        rows = drafts.list_drafts(
            ctx,
            actor_of(user),
            status=status or None,
            mine=saya == "1",
            limit=PAGE_SIZE + 1,
            offset=(page - 1) * PAGE_SIZE,
        )
    except DeskError as exc:
        raise desk_error(exc) from None
    has_more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return render(
        request,
        "desk/drafts.html",
        {
            "rows": rows,
            "status": status,
            "mine": saya == "1",
            "page": page,
            "has_more": has_more,
            "status_labels": STATUS_LABELS,
        },
        data=jsonable_encoder(
            {"drafts": [asdict(r) for r in rows], "page": page, "has_more": has_more}
        ),
    )


def _new_form(
    request: Request,
    user: User,
    ctx: DeskContext,
    values: dict[str, Any],
    *,
    error: DeskError | None = None,
    status: int = 200,
) -> Response:
    specs = templates.list_templates(ctx, user.unit_id)
    data: dict[str, Any] = {
        "channels": channel_specs(ctx),
        "templates": [
            {"key": t.key, "name": t.name, "body": t.body, "placeholders": t.placeholders}
            for t in specs
        ],
    }
    if error is not None:
        data = {"error": error.to_dict()}
    return render(
        request,
        "desk/new.html",
        {
            "channels": channel_specs(ctx),
            "templates": specs,
            "values": values,
            "error": error,
        },
        data=data,
        status=status,
    )


@router.get("/draf/baru", summary="Draf baru")
def new_draft_page(request: Request, user: AuthorUser, ctx: Desk, templat: str = "") -> Response:
    values: dict[str, Any] = {"title": "", "text": "", "channels": [], "overrides": {}}
    if templat:
        try:
            spec = templates.get_template(ctx, templat[:60])
        except DeskError as exc:
            raise desk_error(exc) from None
        values.update(
            title=spec.name, text=spec.body, channels=list(spec.channels), template=spec.key
        )
    return _new_form(request, user, ctx, values)


def _draft_form(form) -> dict[str, Any]:
    """Title, the one message, the chosen channels and per-channel variants that differ."""
    text = form_text(form, "text").replace("\r\n", "\n")
    channels = [c for c in form.getlist("channels") if isinstance(c, str) and c in CHANNELS]
    overrides = {}
    for channel in channels:
        variant = form_text(form, f"variant_{channel}").replace("\r\n", "\n")
        if variant.strip() and variant != text:
            overrides[channel] = variant
    return {
        "title": form_text(form, "title", 400),
        "text": text,
        "channels": list(dict.fromkeys(channels)),
        "overrides": overrides,
        "template": form_text(form, "template", 60) or None,
    }


@router.post("/draf", summary="Simpan draf baru")
async def create_draft(request: Request, user: AuthorUser, ctx: Desk) -> Response:
    values = _draft_form(await request.form())
    try:
        view = await run_in_threadpool(
            drafts.create_draft,
            ctx,
            actor_of(user),
            title=values["title"],
            text=values["text"],
            channels=values["channels"],
            overrides=values["overrides"],
            template_key=values["template"],
        )
    except DeskError as exc:
        if wants_json(request):
            return json_error(exc)
        status = DESK_STATUS.get(exc.code, 422)
        return await run_in_threadpool(
            _new_form, request, user, ctx, values, error=exc, status=status
        )
    if wants_json(request):
        return JSONResponse(jsonable_encoder(view), status_code=201)
    return RedirectResponse(f"/meja/draf/{view.id}", status_code=303)


class LiveCheck(BaseModel):
    """What the draft page sends while typing."""

    text: str = Field(default="", max_length=MAX_TEXT)
    channels: list[str] = Field(default_factory=list, max_length=len(CHANNEL_IDS))
    overrides: dict[str, str] = Field(default_factory=dict)
    engine: bool = True


@router.post("/periksa", summary="Periksa draf saat mengetik (panjang, aturan kanal, temuan)")
def live_check(body: LiveCheck, user: DeskUser, ctx: Desk) -> Response:
    overrides = {k: v[:MAX_TEXT] for k, v in body.overrides.items() if k in body.channels}
    try:
        result = drafts.check_live(
            ctx,
            text=body.text,
            channels=body.channels,
            overrides=overrides,
            with_engine=body.engine,
        )
    except DeskError as exc:
        return json_error(exc)
    return JSONResponse(jsonable_encoder(result))


@router.get("/draf/{draft_id}", summary="Draf: teks per kanal, temuan, komentar, langkah")
def draft_page(
    request: Request, draft_id: int, user: DeskUser, ctx: Desk, engine: EngineDep
) -> Response:
    try:
        view = drafts.get_draft(ctx, actor_of(user), draft_id)
    except DeskError as exc:
        raise desk_error(exc) from None
    return draft_page_response(request, ctx, view, regulation_refs(engine))


@router.post("/draf/{draft_id}/simpan", summary="Simpan suntingan sebagai versi baru")
async def save_draft(
    request: Request, draft_id: int, user: DeskUser, ctx: Desk, engine: EngineDep
) -> Response:
    form = await request.form()
    values = _draft_form(form)
    expected = form_text(form, "expected_version", 12)
    try:
        view = await run_in_threadpool(
            drafts.save_draft,
            ctx,
            actor_of(user),
            draft_id,
            title=values["title"],
            text=values["text"],
            channels=values["channels"],
            overrides=values["overrides"],
            expected_version=int(expected) if expected.isdigit() else None,
        )
    except DeskError as exc:
        return await run_in_threadpool(
            after_failure, request, ctx, user, draft_id, exc, regulation_refs(engine), values
        )
    return done(request, view)


def _params(action: str, form: dict[str, str]) -> dict[str, Any]:
    """The form fields each step takes (the desk validates their content)."""
    note = form["catatan"].strip() or None
    if action == "submit":
        return {"justification": form["justifikasi"] or None}
    if action in ("approve", "review_after"):
        return {"note": note}
    if action in ("return", "reject", "withdraw"):
        return {"reason": form["alasan"]}
    if action == "comment":
        return {"text": form["catatan"]}
    if action in ("schedule", "reschedule"):
        return {"at": form["waktu"]}
    if action == "retry":
        return {"confirm_not_published": form["konfirmasi"] == "ya"}
    if action == "fast_track":
        return {
            "category": form["kategori"],
            "reason": form["alasan"],
            "justification": form["justifikasi"] or None,
            "publish_now": False,  # a thread publishes; the request does not wait on platforms
        }
    return {}


@router.post("/draf/{draft_id}/aksi", summary="Langkah alur kerja (ajukan, setujui, jadwalkan, …)")
def draft_action(
    request: Request,
    draft_id: int,
    user: DeskUser,
    ctx: Desk,
    engine: EngineDep,
    aksi: Annotated[str, Form(max_length=30)] = "",
    catatan: Annotated[str, Form(max_length=10_000)] = "",
    alasan: Annotated[str, Form(max_length=10_000)] = "",
    justifikasi: Annotated[str, Form(max_length=10_000)] = "",
    waktu: Annotated[str, Form(max_length=40)] = "",
    kategori: Annotated[str, Form(max_length=30)] = "",
    konfirmasi: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    form = {
        "catatan": catatan,
        "alasan": alasan,
        "justifikasi": justifikasi,
        "waktu": waktu,
        "kategori": kategori,
        "konfirmasi": konfirmasi,
    }
    try:
        if aksi not in WEB_ACTIONS:
            raise ValidationFailed("Langkah tidak dikenal.")
        view = workflow.apply(ctx, actor_of(user), draft_id, aksi, **_params(aksi, form))
    except DeskError as exc:
        return after_failure(request, ctx, user, draft_id, exc, regulation_refs(engine))
    if aksi in ("fast_track", "retry") or (
        aksi in ("schedule", "reschedule") and view.scheduled_at and view.scheduled_at <= ctx.now()
    ):
        kick(request.app, view.id)
    return done(request, view, 201 if aksi == "correct" else 200)


@router.post("/pekerjaan/{job_id}/terbit", summary="Tandai kanal yang gagal sudah terbit")
def confirm_published(
    request: Request,
    job_id: int,
    user: DeskUser,
    ctx: Desk,
    tautan: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    try:
        view = workflow.confirm_published(ctx, actor_of(user), job_id, remote_url=tautan)
    except DeskError as exc:
        raise desk_error(exc) from None
    return done(request, view)


router.include_router(desk_archive.router)
router.include_router(desk_attachments.router)

__all__ = ["router"]
