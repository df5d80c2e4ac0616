"""Attachments on the draft page: upload (checked from the bytes by netra.desk.attachments),
take off, and view — a change of attachments is a new checked version, like a change of text."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.encoders import jsonable_encoder
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.datastructures import UploadFile

from netra.desk import attachments, drafts
from netra.desk.actors import Actor
from netra.desk.context import DeskContext
from netra.desk.errors import DeskError, ValidationFailed
from netra.desk.tables import Attachment
from netra.web.deps import EngineDep, SessionDep
from netra.web.desk_views import (
    Desk,
    DeskUser,
    actor_of,
    after_failure,
    desk_error,
    done,
    edit_values,
    form_text,
)
from netra.web.errors import ApiError, wants_json
from netra.web.routers.checker import regulation_refs
from netra.web.security import allow_large_body

router = APIRouter()
UPLOAD_PATH = "/meja/lampiran"
allow_large_body(UPLOAD_PATH, "desk_pdf_max_bytes")  # the largest file the desk accepts


def _save_with_attachments(ctx: DeskContext, actor: Actor, draft_id: int) -> drafts.DraftView:
    """A new version with the draft's live attachments: they are checked against every channel
    (Instagram needs one JPEG, Telegram's caption limit shrinks) like any other change."""
    view = drafts.get_draft(ctx, actor, draft_id)
    values = edit_values(view)
    return drafts.save_draft(
        ctx,
        actor,
        draft_id,
        text=values["text"],
        channels=values["channels"],
        overrides=values["overrides"],
        attachment_ids=[a.id for a in view.attachments],
        expected_version=view.current_version,
    )


def _attach(ctx, actor, draft_id, name, source, alt_text) -> drafts.DraftView:
    attachments.add_attachment(ctx, actor, draft_id, name, source, alt_text=alt_text)
    return _save_with_attachments(ctx, actor, draft_id)


@router.post("/lampiran", summary="Lampirkan gambar atau PDF ke draf")
async def upload_attachment(
    request: Request, user: DeskUser, ctx: Desk, engine: EngineDep
) -> Response:
    """The upload is streamed into the desk's checks (type from the bytes, size, dimensions);
    it joins the draft in a new checked version."""
    form = await request.form()  # parsed (files spooled to disk) by the CSRF guard already
    draft_text = form_text(form, "draft_id", 12)
    if not draft_text.isdigit():
        raise ApiError(422, "invalid_request", "Draf tidak disebutkan.")
    draft_id = int(draft_text)
    upload = form.get("berkas")
    actor = actor_of(user)
    try:
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise ValidationFailed("Pilih berkas gambar (JPEG, PNG, WebP) atau PDF.")
        view = await run_in_threadpool(
            _attach, ctx, actor, draft_id, upload.filename, upload.file, form_text(form, "alt")
        )
    except DeskError as exc:
        return await run_in_threadpool(
            after_failure, request, ctx, user, draft_id, exc, regulation_refs(engine)
        )
    return done(request, view)


def _attachment_row(db, attachment_id: int) -> Attachment:
    row = db.get(Attachment, attachment_id)
    if row is None or row.removed_at is not None:
        raise ApiError(404, "not_found", "Lampiran tidak ditemukan.")
    return row


@router.post("/lampiran/{attachment_id}/hapus", summary="Lepas lampiran dari draf")
def remove_attachment(
    request: Request,
    attachment_id: int,
    user: DeskUser,
    ctx: Desk,
    db: SessionDep,
    engine: EngineDep,
) -> Response:
    draft_id = _attachment_row(db, attachment_id).draft_id
    actor = actor_of(user)
    try:
        attachments.remove_attachment(ctx, actor, attachment_id)
        view = _save_with_attachments(ctx, actor, draft_id)
    except DeskError as exc:
        return after_failure(request, ctx, user, draft_id, exc, regulation_refs(engine))
    return done(request, view)


@router.get("/lampiran/{attachment_id}", summary="Lihat lampiran draf")
def attachment_file(
    request: Request, attachment_id: int, user: DeskUser, ctx: Desk, db: SessionDep
) -> Response:
    """For the draft's readers only. The type is the one the desk read from the bytes."""
    row = _attachment_row(db, attachment_id)
    try:
        drafts.get_draft(ctx, actor_of(user), row.draft_id)  # may this person read the draft?
    except DeskError as exc:
        raise desk_error(exc) from None
    if wants_json(request):
        return JSONResponse(jsonable_encoder(attachments.AttachmentView.of(row)))
    inline = row.media_type.startswith("image/")
    return FileResponse(
        attachments.attachment_path(ctx, row),
        media_type=row.media_type,
        filename=row.original_name or f"lampiran-{row.id}",
        content_disposition_type="inline" if inline else "attachment",
    )
