"""The desk's calendar, archive (search, CSV/JSON/PDF export) and the website's Atom feed."""

from __future__ import annotations

import calendar as _calendar
from dataclasses import asdict
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response

from netra.accounts.tables import User
from netra.desk import archive, dashboard
from netra.desk.channels import CHANNELS
from netra.desk.context import DeskContext
from netra.desk.errors import DeskError
from netra.desk.feed import atom_feed
from netra.web.deps import PUBLIC
from netra.web.desk_runtime import desk_context
from netra.web.desk_views import (
    DESK_LABELS,
    JOB_LABELS,
    PAGE_SIZE,
    ArchiveUser,
    Desk,
    DeskUser,
    actor_of,
    desk_error,
    zone_label,
)
from netra.web.errors import ApiError, wants_json
from netra.web.highlight import segments
from netra.web.templating import render

router = APIRouter()


# -- calendar --------------------------------------------------------------------------------
def _month(value: str, ctx: DeskContext) -> tuple[int, int]:
    if not value:
        today = ctx.now().astimezone(ctx.config.zone).date()
        return today.year, today.month
    try:
        year, month = (int(p) for p in value.split("-", 1))
        date(year, month, 1)
    except ValueError:
        raise ApiError(422, "invalid_request", "Bulan harus berformat 2025-05.") from None
    return year, month


@router.get("/kalender", summary="Kalender unggahan terjadwal per kanal")
def calendar_page(request: Request, user: DeskUser, ctx: Desk, bulan: str = "") -> Response:
    year, month = _month(bulan[:7], ctx)
    try:
        days = dashboard.month_calendar(ctx, actor_of(user), year, month)
    except DeskError as exc:
        raise desk_error(exc) from None
    prev = date(year, month, 1) - timedelta(days=1)
    nxt = date(year, month, _calendar.monthrange(year, month)[1]) + timedelta(days=1)
    busy = {
        day: {c: items for c, items in per.items() if items}
        for day, per in days.items()
        if any(per.values())
    }
    return render(
        request,
        "desk/calendar.html",
        {
            "busy": busy,
            "month_label": f"{_MONTHS[month - 1]} {year}",
            "prev": f"{prev:%Y-%m}",
            "next": f"{nxt:%Y-%m}",
            "zone": zone_label(ctx),
            "job_labels": JOB_LABELS,
            "desk_labels": DESK_LABELS,
        },
        data=jsonable_encoder({"month": f"{year:04d}-{month:02d}", "days": days}),
    )


_MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


# -- archive ---------------------------------------------------------------------------------
def _archive_filters(q: str, kanal: str, dari: str, sampai: str) -> dict[str, str]:
    return {"q": q[:200], "kanal": kanal[:30], "dari": dari[:10], "sampai": sampai[:10]}


def _search(ctx: DeskContext, user: User, f: dict[str, str], **kw) -> list[archive.ArchiveItem]:
    try:
        return archive.search(
            ctx,
            actor_of(user),
            text=f["q"] or None,
            channel=f["kanal"] or None,
            date_from=f["dari"] or None,
            date_to=f["sampai"] or None,
            **kw,
        )
    except DeskError as exc:
        raise desk_error(exc) from None


def _item_dict(item: archive.ArchiveItem) -> dict[str, Any]:
    out = asdict(item)
    out.pop("report")
    return out


@router.get("/arsip", summary="Arsip unggahan resmi")
def archive_page(
    request: Request,
    user: ArchiveUser,
    ctx: Desk,
    q: str = "",
    kanal: str = "",
    dari: str = "",
    sampai: str = "",
    halaman: int = 1,
) -> Response:
    filters = _archive_filters(q, kanal, dari, sampai)
    page = max(1, min(halaman, 10_000))
    items = _search(ctx, user, filters, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
    has_more = len(items) > PAGE_SIZE
    items = items[:PAGE_SIZE]
    query = urlencode({k: v for k, v in filters.items() if v})
    return render(
        request,
        "desk/archive.html",
        {
            "items": items,
            "filters": filters,
            "query": query,
            "page": page,
            "has_more": has_more,
            "channels": CHANNELS,
            "segments_of": segments,
        },
        data=jsonable_encoder(
            {"items": [_item_dict(i) for i in items], "page": page, "has_more": has_more}
        ),
    )


def _download(body: bytes | str, media_type: str, ext: str) -> Response:
    return Response(
        body.encode("utf-8") if isinstance(body, str) else body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="arsip-unggahan-resmi.{ext}"'},
    )


@router.get("/arsip.csv", summary="Unduh arsip (CSV)")
def archive_csv(
    request: Request,
    user: ArchiveUser,
    ctx: Desk,
    q: str = "",
    kanal: str = "",
    dari: str = "",
    sampai: str = "",
) -> Response:
    items = _search(ctx, user, _archive_filters(q, kanal, dari, sampai), limit=archive.MAX_EXPORT)
    if wants_json(request):
        return JSONResponse(jsonable_encoder({"items": [_item_dict(i) for i in items]}))
    return _download(archive.export_csv(items), "text/csv; charset=utf-8", "csv")


@router.get("/arsip.json", summary="Unduh arsip (JSON)")
def archive_json(
    user: ArchiveUser, ctx: Desk, q: str = "", kanal: str = "", dari: str = "", sampai: str = ""
) -> Response:
    items = _search(ctx, user, _archive_filters(q, kanal, dari, sampai), limit=archive.MAX_EXPORT)
    return _download(archive.export_json(items), "application/json; charset=utf-8", "json")


@router.get("/arsip.pdf", summary="Unduh arsip (PDF)")
def archive_pdf(
    request: Request,
    user: ArchiveUser,
    ctx: Desk,
    q: str = "",
    kanal: str = "",
    dari: str = "",
    sampai: str = "",
) -> Response:
    filters = _archive_filters(q, kanal, dari, sampai)
    items = _search(ctx, user, filters, limit=archive.MAX_PDF + 1)
    if wants_json(request):
        return JSONResponse(jsonable_encoder({"items": [_item_dict(i) for i in items]}))
    try:
        pdf = archive.export_pdf(ctx, items)
    except DeskError as exc:
        raise desk_error(exc) from None
    return _download(pdf, "application/pdf", "pdf")


@router.get("/feed.atom", summary="Umpan Atom kanal situs web", dependencies=PUBLIC)
def feed(request: Request) -> Response:
    """The website channel as Atom: public, like the website it feeds."""
    body = atom_feed(desk_context(request.app), channel="website")
    return Response(body, media_type="application/atom+xml; charset=utf-8")
