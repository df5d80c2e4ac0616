"""The checker page (the main page for an ASN) and the history of one's own checks.

Without JavaScript the form posts to /periksa and the server renders the highlights; with it,
static/checker.js calls POST /api/v1/check as the user types and renders the same highlights
client-side from the JSON spans.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from netra.accounts.tables import User
from netra.analysis import AnalysisError, Engine, Report
from netra.reporting.times import LOCAL_TZ
from netra.web import history
from netra.web.channels import CHANNELS, CHANNELS_BY_ID, DEFAULT_CHANNEL, channel_counts
from netra.web.deps import CurrentUser, EngineDep, SessionDep
from netra.web.errors import ApiError
from netra.web.highlight import segments
from netra.web.i18n import ACCOUNT_LABELS
from netra.web.nav import register_nav
from netra.web.templating import render

router = APIRouter(tags=["pemeriksa"])
register_nav("Periksa", "/periksa", order=10)
register_nav("Riwayat", "/riwayat", order=20)

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def regulation_refs(engine: Engine) -> dict[str, dict[str, str]]:
    """id → title and article, for explaining a finding's `rules` to people."""
    return {
        rid: {"title": reg.title, "article": reg.article}
        for rid, reg in engine.rulebook.regulations.items()
    }


def primary_role(user: User) -> str:
    for role in ("author", "reviewer", "oversight", "admin", "asn"):
        if role in user.roles:
            return role
    return "asn"


def parse_form_context(
    user: User, account: str, channel: str, posted_on: str
) -> tuple[dict[str, Any], str | None]:
    """The engine context from the form, and an Indonesian error for a bad date."""
    ctx: dict[str, Any] = {
        "account": account if account in ACCOUNT_LABELS else "personal",
        "channel": channel if channel in CHANNELS_BY_ID else DEFAULT_CHANNEL,
        "author_role": primary_role(user),
    }
    posted_on = posted_on.strip()
    if posted_on:
        try:
            if not _DATE.match(posted_on):
                raise ValueError
            day = date.fromisoformat(posted_on)
        except ValueError:
            return ctx, "Tanggal unggah tidak valid; gunakan format tahun-bulan-tanggal."
        ctx["posted_at"] = day.isoformat()
    else:
        ctx["posted_at"] = datetime.now(LOCAL_TZ).date().isoformat()
    return ctx, None


def page_context(
    engine: Engine,
    user: User,
    *,
    text: str = "",
    ctx: dict[str, Any] | None = None,
    report: Report | None = None,
    error: str | None = None,
    saved_id: int | None = None,
    posted_on: str = "",
) -> dict[str, Any]:
    ctx = ctx or {"account": "personal", "channel": DEFAULT_CHANNEL}
    report_dict = report.to_dict() if report else None
    return {
        "text": text,
        "account": ctx.get("account"),
        "channel": ctx.get("channel"),
        "posted_on": posted_on,
        "channels": CHANNELS,
        "counts": channel_counts(len(text)),
        "report": report_dict,
        "segments": segments(text, report_dict["findings"]) if report_dict else [],
        "regulations": regulation_refs(engine),
        "error": error,
        "saved_id": saved_id,
        "keep_history": user.keep_history,
        "max_chars": engine.max_chars,
    }


@router.get("/", summary="Beranda")
def home(user: CurrentUser) -> Response:
    return RedirectResponse("/periksa", status_code=303)


@router.get("/periksa", summary="Halaman pemeriksa unggahan")
def checker_page(request: Request, user: CurrentUser, engine: EngineDep) -> Response:
    return render(
        request,
        "checker.html",
        page_context(engine, user),
        data={
            "channels": [c.__dict__ for c in CHANNELS],
            "accounts": ACCOUNT_LABELS,
            "keep_history": user.keep_history,
            "check": "POST /periksa atau /api/v1/check",
        },
    )


@router.post("/periksa", summary="Periksa unggahan (formulir)")
def check_form(
    request: Request,
    user: CurrentUser,
    engine: EngineDep,
    db: SessionDep,
    text: Annotated[str, Form()] = "",
    account: Annotated[str, Form(max_length=20)] = "personal",
    channel: Annotated[str, Form(max_length=20)] = DEFAULT_CHANNEL,
    posted_on: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    text = text.replace("\r\n", "\n")
    ctx, error = parse_form_context(user, account, channel, posted_on)
    report = None
    saved_id = None
    if error is None:
        try:
            report = engine.analyze(text, ctx)
        except AnalysisError as exc:
            error = exc.message
    if report is not None and user.keep_history:
        record = history.save_check(
            db, user.id, text, report, account=ctx["account"], channel=ctx["channel"]
        )
        db.commit()
        saved_id = record.id
    status = 422 if error else 200
    data = (
        {"error": {"code": "invalid_input", "message": error}}
        if error
        else {"report": report.to_dict() if report else None, "saved_id": saved_id}
    )
    return render(
        request,
        "checker.html",
        page_context(
            engine,
            user,
            text=text,
            ctx=ctx,
            report=report,
            error=error,
            saved_id=saved_id,
            posted_on=posted_on,
        ),
        data=data,
        status=status,
    )


@router.get("/riwayat", summary="Riwayat pemeriksaan saya")
def history_page(request: Request, user: CurrentUser, db: SessionDep, page: int = 1) -> Response:
    page = max(1, min(page, 10_000))
    per_page = 50
    records = history.list_checks(db, user.id, limit=per_page + 1, offset=(page - 1) * per_page)
    has_more = len(records) > per_page
    records = records[:per_page]
    counts = history.count_checks(db, user.id)
    return render(
        request,
        "history.html",
        {
            "records": records,
            "counts": counts,
            "page": page,
            "has_more": has_more,
            "keep_history": user.keep_history,
        },
        data={
            "keep_history": user.keep_history,
            "page": page,
            "has_more": has_more,
            "counts": counts,
            "records": [r.to_dict() for r in records],
        },
    )


@router.get("/riwayat/{record_id}", summary="Satu pemeriksaan dari riwayat saya")
def history_detail(
    request: Request, record_id: int, user: CurrentUser, db: SessionDep, engine: EngineDep
) -> Response:
    record = history.get_check(db, user.id, record_id)
    if record is None:  # someone else's record looks exactly like a missing one
        raise ApiError(404, "not_found")
    # Masking keeps lengths, so the offsets still fit the redacted text; if not, no marks.
    fits = len(record.redacted_text) == record.char_count
    segs = segments(record.redacted_text, record.findings) if fits else []
    return render(
        request,
        "history_detail.html",
        {"record": record, "segments": segs, "regulations": regulation_refs(engine)},
        data=record.to_dict(),
    )


@router.post("/riwayat/hapus", summary="Hapus semua riwayat saya")
def history_delete(user: CurrentUser, db: SessionDep) -> Response:
    history.delete_checks(db, user.id)
    db.commit()
    return RedirectResponse("/riwayat", status_code=303)
