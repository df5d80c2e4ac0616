"""Citizen inbox pages (issue 7): the list, the message page with its officer actions and the
reply editor. The dashboard, the admin pages and the webhook routes live in sibling modules and
are included here, so the area is one line in `AREAS`.

The web layer stays thin on purpose: every decision (who may move a message where, whether a
reply may go out, what counts as late) is made in `netra.inbox`, which the CLI and the tests
use too. Routes only parse forms, pick the roles, and turn `InboxError` into Indonesian pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask

from netra.accounts.tables import User
from netra.inbox import faq, queries, replies, routing, workflow
from netra.inbox.errors import InboxError
from netra.inbox.queries import MessageFilter
from netra.inbox.tables import CannedReply, FaqEntry, Message, Reply
from netra.storage.base import utcnow
from netra.web.deps import SessionDep
from netra.web.errors import ApiError, wants_json
from netra.web.inbox_support import (
    INBOX_ROLES,
    InboxUser,
    can_override,
    clock,
    ensure_seeded,
    inbox_error,
    labels,
    officers,
    parse_int,
    senders_of,
    user_names,
)
from netra.web.inbox_worker import worker_of
from netra.web.nav import register_nav
from netra.web.routers import inbox_admin, inbox_dashboard, inbox_webhooks
from netra.web.templating import render

BASE = "/kotak-masuk"
router = APIRouter()
pages = APIRouter(prefix=BASE, tags=["kotak-masuk"])
register_nav("Kotak Masuk", BASE, roles={str(r) for r in INBOX_ROLES}, order=55)

PER_PAGE = 50
STATUS_FILTERS = {
    "aktif": ("new", "open", "assigned", "answered"),
    "menunggu": ("new", "open", "assigned"),
    "baru": ("new",),
    "terbuka": ("open",),
    "ditangani": ("assigned",),
    "dijawab": ("answered",),
    "selesai": ("closed",),
    "diabaikan": ("dismissed",),
    "semua": None,
}
EVENT_LABEL = {
    "triaged": "Ditriase",
    "taken": "Diambil",
    "assigned": "Ditugaskan",
    "handover": "Dialihkan ke petugas lain",
    "released": "Dikembalikan ke antrean",
    "rerouted": "Dialihkan ke unit lain",
    "closed": "Diselesaikan",
    "dismissed": "Diabaikan",
    "reopened": "Dibuka kembali",
    "note": "Catatan",
    "reply_blocked": "Balasan diblokir pemeriksaan",
    "reply_failed": "Balasan gagal terkirim",
    "reply_sent": "Balasan terkirim",
    "escalated": "Dieskalasi (terlambat)",
}
DONE_LABEL = {
    "ambil": "Pesan kini Anda tangani.",
    "tugaskan": "Pesan sudah ditugaskan.",
    "alihkan": "Pesan sudah dialihkan; catatan tersimpan di riwayat.",
    "lepas": "Pesan dikembalikan ke antrean unit.",
    "rute": "Pesan dialihkan ke unit lain.",
    "selesai": "Pesan ditandai selesai.",
    "abaikan": "Pesan diabaikan.",
    "buka": "Pesan dibuka kembali.",
    "catatan": "Catatan tersimpan.",
    "faq": "Balasan disimpan sebagai jawaban FAQ.",
}
REPLY_STATUS_LABEL = {
    "draft": "draf",
    "blocked": "diblokir",
    "sending": "sedang dikirim",
    "sent": "terkirim",
    "failed": "gagal",
}


def _db_engine(request: Request):
    return request.app.state.db_engine


# -- the list -------------------------------------------------------------------------------------
@pages.get("", summary="Kotak masuk: pesan warga, yang mendesak di atas")
def inbox_list(
    request: Request,
    user: InboxUser,
    db: SessionDep,
    jenis: str = "",
    urgensi: str = "",
    unit: str = "",
    status: str = "aktif",
    saya: str = "",
    terlambat: str = "",
    halaman: int = 1,
) -> Response:
    ensure_seeded(db)
    lab = labels()
    filters = {
        "jenis": jenis if jenis in lab["intents"] else "",
        "urgensi": urgensi if urgensi in lab["urgencies"] else "",
        "unit": unit.strip().lower()[:40],
        "status": status if status in STATUS_FILTERS else "aktif",
        "saya": "1" if saya else "",
        "terlambat": "1" if terlambat else "",
    }
    page = max(1, min(halaman, 10_000))
    f = MessageFilter(
        status=STATUS_FILTERS[filters["status"]],
        unit_code=filters["unit"] or None,
        assignee_id=user.id if filters["saya"] else None,
        intent=filters["jenis"] or None,
        urgency=filters["urgensi"] or None,
        overdue=bool(filters["terlambat"]),
    )
    rows = queries.list_messages(db, f, limit=PER_PAGE + 1, offset=(page - 1) * PER_PAGE)
    has_more = len(rows) > PER_PAGE
    rows = rows[:PER_PAGE]
    names = user_names(db, (r["assignee_id"] for r in rows))
    for row in rows:
        row["assignee"] = names.get(row["assignee_id"]) if row["assignee_id"] else None
        row["emergency"] = row["intent"] == "emergency" or row["urgency"] == "high"
    pending = int(
        db.scalar(select(func.count()).select_from(Message).where(Message.triage_status != "done"))
        or 0
    )
    notes = queries.notifications(db, user.id, limit=20)
    query = {k: v for k, v in filters.items() if v}
    data = {
        "messages": rows,
        "page": page,
        "has_more": has_more,
        "filters": filters,
        "untriaged": pending,
        "notifications": [
            {"id": n.id, "kind": n.kind, "text": n.text, "message_id": n.message_id} for n in notes
        ],
    }
    response = render(
        request,
        "inbox/list.html",
        {
            "messages": rows,
            "page": page,
            "has_more": has_more,
            "filters": filters,
            "units": routing.list_units(db),
            "labels": lab,
            "when": clock(request.app.state.settings),
            "status_filters": list(STATUS_FILTERS),
            "untriaged": pending,
            "notifications": notes,
            "prev_query": urlencode(query | {"halaman": page - 1}),
            "next_query": urlencode(query | {"halaman": page + 1}),
        },
        data=data,
    )
    if pending:  # messages imported or left over from a crash: triage them now
        response.background = BackgroundTask(worker_of(request.app).run)
    return response


@pages.post("/notifikasi/baca", summary="Tandai notifikasi sudah dibaca")
def read_notifications(request: Request, user: InboxUser, db: SessionDep) -> Response:
    ids = [n.id for n in queries.notifications(db, user.id, limit=500)]
    count = queries.mark_read(db, ids, user.id) if ids else 0
    db.commit()
    if wants_json(request):
        return JSONResponse({"read": count})
    return RedirectResponse(BASE, status_code=303)


# -- the message page -----------------------------------------------------------------------------
def _prefill(db: Session, pakai: str) -> tuple[str, str] | None:
    """`?pakai=faq:12` / `canned:3`: start the editor from a suggestion (no JavaScript needed)."""
    kind, _, ident = pakai.partition(":")
    if not ident.isdigit() or len(ident) > 12:
        return None
    if kind == "faq":
        entry = db.get(FaqEntry, int(ident))
        if entry is None or not entry.active:
            return None
        text = entry.answer
        if entry.kind == "page" and entry.url:
            text = f"{text}\n\nSumber: {entry.url}"
        return text, f"faq:{entry.id}"
    if kind == "canned":
        canned = db.get(CannedReply, int(ident))
        return (canned.text, f"canned:{canned.id}") if canned and canned.active else None
    return None


def _message_context(db: Session, user: User, message_id: int) -> dict[str, Any]:
    try:
        detail = queries.detail(db, message_id)
        suggestions = faq.suggest_for_message(db, message_id)
    except InboxError as exc:
        raise inbox_error(exc) from None
    canned = replies.list_canned(db, intent=detail["intent"], topic=detail["topic"])
    team = officers(db)
    actor_ids = [e["actor_id"] for e in detail["history"]] + [detail["assignee_id"]]
    names = user_names(db, actor_ids) | {u.id: u.full_name or u.username for u in team}
    now = utcnow()
    due = db.get(Message, message_id)
    assert due is not None
    sla = {
        "first_response_due": detail["first_response_due"],
        "resolution_due": detail["resolution_due"],
        "first_response_at": due.first_response_at.isoformat() if due.first_response_at else None,
        "resolved_at": due.resolved_at.isoformat() if due.resolved_at else None,
        "overdue": detail["overdue"],
        "minutes_left": (
            round((due.first_response_due - now).total_seconds() / 60)
            if due.first_response_due and due.first_response_at is None
            else None
        ),
    }
    return {
        "m": detail,
        "row": due,
        "sla": sla,
        "suggestions": suggestions,
        "canned": canned[:8],
        "officers": team,
        "names": names,
        "units": routing.list_units(db),
        "can_override": can_override(user),
    }


def _message_data(ctx: dict[str, Any]) -> dict[str, Any]:
    return ctx["m"] | {
        "sla": ctx["sla"],
        "assignee": ctx["names"].get(ctx["m"]["assignee_id"]),
        "suggestions": [
            {
                "entry_id": s.entry_id,
                "kind": s.kind,
                "question": s.question,
                "reply_text": s.reply_text,
                "url": s.url,
                "score": s.score,
            }
            for s in ctx["suggestions"]
        ],
        "canned": [{"id": c.id, "title": c.title, "text": c.text} for c in ctx["canned"]],
    }


def _message_page(
    request: Request,
    user: User,
    db: Session,
    message_id: int,
    *,
    editor: dict[str, Any] | None = None,
    check: dict[str, Any] | None = None,
    error: str | None = None,
    notice: str | None = None,
    status: int = 200,
) -> Response:
    ctx = _message_context(db, user, message_id)
    data = _message_data(ctx)
    if check is not None:
        data = {"check": check, "message": data}
    if error:
        data = {"error": {"code": "refused", "message": error}}
    return render(
        request,
        "inbox/message.html",
        ctx
        | {
            "labels": labels(),
            "when": clock(request.app.state.settings),
            "event_labels": EVENT_LABEL,
            "reply_labels": REPLY_STATUS_LABEL,
            "editor": editor or {"text": "", "source": "manual", "reply_id": ""},
            "check": check,
            "error": error,
            "notice": notice,
        },
        data=data,
        status=status,
    )


@pages.get("/{message_id}", summary="Pesan warga: isi lengkap, triase, tenggat, balasan")
def message_page(
    request: Request,
    message_id: int,
    user: InboxUser,
    db: SessionDep,
    pakai: str = "",
    terkirim: str = "",
    ok: str = "",
) -> Response:
    ensure_seeded(db)
    editor = None
    chosen = _prefill(db, pakai[:40]) if pakai else None
    if chosen:
        editor = {"text": chosen[0], "source": chosen[1], "reply_id": ""}
    notice = "Balasan terkirim ke warga." if terkirim else DONE_LABEL.get(ok)
    return _message_page(request, user, db, message_id, editor=editor, notice=notice)


# -- officer actions ------------------------------------------------------------------------------
Note = Annotated[str, Form(max_length=workflow.MAX_NOTE_CHARS + 100)]
Officer = Annotated[str, Form(max_length=12)]


def _act(request: Request, user: User, db: Session, message_id: int, action, done: str):
    """Run one workflow action, commit, and answer: back to the message, or the error shown."""
    try:
        action()
        db.commit()
    except InboxError as exc:
        db.rollback()
        if wants_json(request):
            raise inbox_error(exc) from None
        if exc.status_code == 404:
            raise inbox_error(exc) from None
        return _message_page(request, user, db, message_id, error=exc.message, status=422)
    if wants_json(request):
        message = db.get(Message, message_id)
        assert message is not None
        return JSONResponse(
            {"id": message_id, "status": message.status, "assignee_id": message.assignee_id}
        )
    return RedirectResponse(f"{BASE}/{message_id}?{urlencode({'ok': done})}", status_code=303)


def _officer_id(db: Session, value: str) -> int:
    officer = parse_int(value, "Petugas")
    if officer is None or officer not in {u.id for u in officers(db)}:
        raise ApiError(422, "invalid_request", "Pilih petugas Humas yang aktif.")
    return officer


@pages.post("/{message_id}/ambil", summary="Ambil pesan (saya yang menangani)")
def take(request: Request, message_id: int, user: InboxUser, db: SessionDep) -> Response:
    return _act(
        request, user, db, message_id, lambda: workflow.take(db, message_id, user.id), "ambil"
    )


@pages.post("/{message_id}/tugaskan", summary="Tugaskan pesan ke petugas")
def assign(
    request: Request,
    message_id: int,
    user: InboxUser,
    db: SessionDep,
    petugas: Officer = "",
    catatan: Note = "",
) -> Response:
    officer = _officer_id(db, petugas)
    return _act(
        request,
        user,
        db,
        message_id,
        lambda: workflow.assign(db, message_id, officer, actor_id=user.id, note=catatan),
        "tugaskan",
    )


@pages.post("/{message_id}/alihkan", summary="Alihkan ke petugas lain dengan catatan")
def handover(
    request: Request,
    message_id: int,
    user: InboxUser,
    db: SessionDep,
    petugas: Officer = "",
    catatan: Note = "",
) -> Response:
    officer = _officer_id(db, petugas)
    return _act(
        request,
        user,
        db,
        message_id,
        lambda: workflow.handover(db, message_id, officer, actor_id=user.id, note=catatan),
        "alihkan",
    )


@pages.post("/{message_id}/rute", summary="Alihkan pesan ke unit lain")
def reroute(
    request: Request,
    message_id: int,
    user: InboxUser,
    db: SessionDep,
    unit: Annotated[str, Form(max_length=40)] = "",
    catatan: Note = "",
) -> Response:
    return _act(
        request,
        user,
        db,
        message_id,
        lambda: workflow.reroute(
            db, message_id, unit.strip().lower(), actor_id=user.id, note=catatan
        ),
        "rute",
    )


def _note_step(path: str, summary: str, step: Callable[..., Any]) -> None:
    """Register `POST /{message_id}/<path>`: a workflow step that takes only a note."""

    def route(
        request: Request, message_id: int, user: InboxUser, db: SessionDep, catatan: Note = ""
    ) -> Response:
        return _act(
            request,
            user,
            db,
            message_id,
            lambda: step(db, message_id, actor_id=user.id, note=catatan),
            path,
        )

    route.__name__ = f"message_{step.__name__}"
    pages.post(f"/{{message_id}}/{path}", summary=summary)(route)


_note_step("lepas", "Kembalikan pesan ke antrean unit", workflow.release)
_note_step("selesai", "Tandai pesan selesai", workflow.close)
_note_step("abaikan", "Abaikan pesan (spam, di luar kewenangan)", workflow.dismiss)
_note_step("buka", "Buka kembali pesan", workflow.reopen)
_note_step("catatan", "Tambah catatan internal", workflow.add_note)


# -- replying -------------------------------------------------------------------------------------
def _check_dict(check: replies.ReplyCheck) -> dict[str, Any]:
    return {
        "allowed": check.allowed,
        "overridable": check.overridable,
        "verdict": check.verdict,
        "reasons": check.reasons,
        "findings": check.findings,
    }


def _save_draft(db: Session, message_id: int, user: User, text: str, source: str, reply_id):
    """The officer's text as a draft: a new one, or the blocked/failed one being reworked."""
    existing = db.get(Reply, reply_id) if reply_id else None
    if existing is not None and existing.message_id == message_id:
        if existing.status in ("sending", "sent"):  # a form submitted twice sends once
            raise InboxError("already_sent", "Balasan ini sudah dikirim; tulis balasan baru.")
        return replies.edit_draft(db, existing.id, text, author_id=user.id)
    source = source if source.startswith(("faq:", "canned:")) else "manual"
    return replies.draft_reply(db, message_id, text, author_id=user.id, source=source)


@pages.post("/{message_id}/balas", summary="Periksa dan kirim balasan ke warga")
def reply(
    request: Request,
    message_id: int,
    user: InboxUser,
    db: SessionDep,
    teks: Annotated[str, Form(max_length=replies.MAX_REPLY_CHARS + 100)] = "",
    sumber: Annotated[str, Form(max_length=40)] = "manual",
    balasan: Annotated[str, Form(max_length=12)] = "",
    alasan: Annotated[str, Form(max_length=2000)] = "",
    aksi: Annotated[str, Form(max_length=10)] = "kirim",
) -> Response:
    """`aksi=periksa` only checks (nothing is sent); `aksi=kirim` checks and sends, and a blocked
    reply comes back in the editor with the findings so the officer can rewrite it."""
    message = db.get(Message, message_id)
    if message is None:
        raise ApiError(404, "not_found", f"Pesan {message_id} tidak ditemukan.")
    platform, channel = message.platform, message.channel
    try:
        draft = _save_draft(db, message_id, user, teks, sumber, parse_int(balasan, "Balasan"))
        db.commit()
    except InboxError as exc:
        db.rollback()
        if wants_json(request):
            raise inbox_error(exc) from None
        editor = {"text": teks, "source": sumber, "reply_id": balasan}
        return _message_page(
            request, user, db, message_id, editor=editor, error=exc.message, status=422
        )
    editor = {"text": draft.text, "source": draft.source or "manual", "reply_id": draft.id}
    if aksi == "periksa":
        check = _check_dict(replies.check_reply(draft.text, platform, channel))
        return _message_page(request, user, db, message_id, editor=editor, check=check)
    try:
        outcome = replies.send_reply(
            _db_engine(request),
            draft.id,
            actor_id=user.id,
            senders=senders_of(request),
            override_reason=alasan,
            can_override=can_override(user),
        )
    except InboxError as exc:
        if wants_json(request):
            raise inbox_error(exc) from None
        return _message_page(
            request, user, db, message_id, editor=editor, error=exc.message, status=422
        )
    db.expire_all()
    if outcome.status == "sent":
        if wants_json(request):
            return JSONResponse(
                {
                    "reply_id": outcome.reply_id,
                    "status": "sent",
                    "platform_reply_id": outcome.platform_reply_id,
                }
            )
        return RedirectResponse(f"{BASE}/{message_id}?terkirim={outcome.reply_id}", status_code=303)
    sent_row = db.get(Reply, outcome.reply_id)
    check = {
        "allowed": False,
        "overridable": outcome.overridable,
        "verdict": sent_row.verdict if sent_row else None,
        "reasons": outcome.reasons,
        "findings": (sent_row.findings if sent_row else None) or [],
        "status": outcome.status,
    }
    status = 422 if outcome.status == "blocked" else 502
    if wants_json(request):
        body = {"reply_id": outcome.reply_id} | check
        return JSONResponse(body, status_code=status)
    return _message_page(request, user, db, message_id, editor=editor, check=check, status=status)


@pages.post("/balasan/{reply_id}/faq", summary="Simpan balasan terkirim sebagai jawaban FAQ")
def keep_as_faq(request: Request, reply_id: int, user: InboxUser, db: SessionDep) -> Response:
    try:
        message_id = replies.message_of(db, reply_id).id
        entry = faq.record_answered(db, reply_id, actor_id=user.id)
        db.commit()
    except InboxError as exc:
        db.rollback()
        raise inbox_error(exc) from None
    if wants_json(request):
        return JSONResponse({"faq_id": entry.id})
    return RedirectResponse(f"{BASE}/{message_id}?ok=faq", status_code=303)


# Order matters: fixed paths (/dasbor, /kelola/…) before /{message_id}.
router.include_router(inbox_dashboard.router)
router.include_router(inbox_admin.router)
router.include_router(pages)
router.include_router(inbox_webhooks.router)
