"""Inbox dashboard: the backlog (by intent, urgency and unit), response times against the
service standard, sentiment and topic trends as server-drawn SVG charts, and the CSV export.

Periods are whole days in the agency's zone (`NETRA_INBOX_TIMEZONE`), because that is how a
Humas head reads "this month"; the library does the counting (`netra.inbox.dashboard`).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from netra.inbox import dashboard
from netra.inbox.workdays import agency_zone
from netra.web.deps import SessionDep
from netra.web.errors import ApiError, wants_json
from netra.web.inbox_support import InboxUser, labels, parse_day, unique_svg_ids
from netra.web.templating import render

router = APIRouter(prefix="/kotak-masuk", tags=["kotak-masuk"])
DEFAULT_DAYS = 30
MAX_DAYS = 366


def _period(request: Request, dari: str, sampai: str) -> tuple[date, date, datetime, datetime]:
    """[start, end) in UTC for the local days `dari`..`sampai` (default: the last 30 days)."""
    zone = agency_zone(request.app.state.settings.inbox_timezone)
    today = datetime.now(zone).date()
    last = parse_day(sampai, "akhir") or today
    first = parse_day(dari, "awal") or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise ApiError(422, "invalid_request", "Tanggal awal harus sebelum tanggal akhir.")
    if (last - first).days >= MAX_DAYS:
        raise ApiError(422, "invalid_request", f"Rentang paling panjang {MAX_DAYS} hari.")
    start = datetime.combine(first, time.min, zone)
    end = datetime.combine(last + timedelta(days=1), time.min, zone)
    return first, last, start, end


@router.get("/dasbor", summary="Dasbor kotak masuk: antrean, waktu tanggapan, tren")
def dashboard_page(
    request: Request,
    user: InboxUser,
    db: SessionDep,
    dari: str = "",
    sampai: str = "",
    per: str = "hari",
) -> Response:
    first, last, start, end = _period(request, dari, sampai)
    bucket = "week" if per == "minggu" else "day"
    settings = request.app.state.settings
    backlog = dashboard.backlog(db)
    times = dashboard.response_times(db, start, end)
    # The library buckets up to the day of `end` inclusive; [start, end) ends the day before.
    last_moment = end - timedelta(microseconds=1)
    trend = dashboard.trends(db, start, last_moment, bucket=bucket, settings=settings)
    charts = {k: unique_svg_ids(v, f"chart-{k}") for k, v in trend["charts"].items()}
    charts["backlog"] = unique_svg_ids(dashboard.backlog_chart(backlog), "chart-backlog")
    period = {"dari": first.isoformat(), "sampai": last.isoformat(), "per": per}
    data: dict[str, Any] = {
        "period": period,
        "backlog": backlog,
        "response_times": times,
        "trends": {k: v for k, v in trend.items() if k != "charts"},
    }
    return render(
        request,
        "inbox/dashboard.html",
        {
            "period": period,
            "backlog": backlog,
            "times": times,
            "charts": charts,
            "labels": labels(),
        },
        data=data,
    )


@router.get("/dasbor.csv", summary="Unduh pesan periode ini (CSV, data pribadi disamarkan)")
def dashboard_csv(
    request: Request, user: InboxUser, db: SessionDep, dari: str = "", sampai: str = ""
) -> Response:
    first, last, start, end = _period(request, dari, sampai)
    text = dashboard.export_csv(db, start, end, settings=request.app.state.settings)
    if wants_json(request):
        rows = max(0, text.count("\n") - 1)
        return JSONResponse({"dari": first.isoformat(), "sampai": last.isoformat(), "rows": rows})
    name = f"kotak-masuk-{first.isoformat()}-{last.isoformat()}.csv"
    return Response(
        text.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
