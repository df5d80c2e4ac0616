"""Oversight pages (issue 8): upload an archive, watch its scan, review flagged posts, case
files and reports — only for the `oversight` role, and only within the officer's own unit.

The unit rule is enforced twice on purpose: the routes look rows up by unit (another unit's job
answers 404, so ids do not reveal what exists), and `netra.oversight.cases`/`reports` check the
`Officer` again on every call.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import select
from starlette.datastructures import UploadFile

from netra.accounts.roles import Role
from netra.accounts.tables import User
from netra.oversight import cases as case_service
from netra.oversight.cases import AccessDenied, CaseError, Officer
from netra.oversight.reports import (
    ReportError,
    build_report,
    render_csv,
    render_html,
    render_pdf,
)
from netra.oversight.tables import ScanJob
from netra.web import oversight_jobs as jobs
from netra.web.deps import SessionDep, SettingsDep, require_roles
from netra.web.errors import ApiError, wants_json
from netra.web.highlight import segments
from netra.web.nav import register_nav
from netra.web.security import allow_large_body
from netra.web.templating import render

router = APIRouter(prefix="/pengawasan", tags=["pengawasan"])
OversightUser = Annotated[User, Depends(require_roles(Role.OVERSIGHT))]
register_nav("Pengawasan", "/pengawasan", roles={Role.OVERSIGHT}, order=60)
UPLOAD_PATH = "/pengawasan/unggah"
allow_large_body(UPLOAD_PATH, "max_upload_bytes")
NO_UNIT = "Akun Anda belum terhubung ke unit kerja; minta admin mengaturnya."
STATUS_LABELS = {"open": "Terbuka", "investigating": "Diperiksa", "closed": "Ditutup"}
JOB_LIST_LIMIT = 20


def officer_of(user: User) -> Officer:
    """The acting officer; a user without a unit can see nothing here."""
    if user.unit_id is None:
        raise ApiError(403, "forbidden", NO_UNIT)
    role = "oversight" if user.has_any_role({Role.OVERSIGHT}) else "none"
    return Officer(user.full_name or user.username, role, user.unit_id, user.id)


def _db_engine(request: Request):
    return request.app.state.db_engine


def _not_found() -> ApiError:
    return ApiError(404, "not_found")


def _case_error(exc: Exception) -> ApiError:
    """Another unit's case looks exactly like a missing one."""
    if isinstance(exc, AccessDenied) or "tidak ditemukan" in str(exc):
        return _not_found()
    return ApiError(422, "invalid_request", str(exc))


# -- start page and upload ------------------------------------------------------------------------
def _unit_jobs(db, unit_id: int) -> list[ScanJob]:
    return list(
        db.scalars(
            select(ScanJob)
            .where(ScanJob.unit_id == unit_id)
            .order_by(ScanJob.id.desc())
            .limit(JOB_LIST_LIMIT)
        )
    )


def _index(
    request: Request, user: User, db, *, error: str | None = None, status: int = 200
) -> Response:
    officer = officer_of(user)
    views = [jobs.job_view(db, j) for j in _unit_jobs(db, officer.unit_id)]
    settings = request.app.state.settings
    data: dict[str, Any] = {
        "jobs": [v.to_dict() for v in views],
        "max_upload_bytes": settings.max_upload_bytes,
        "formats": ["x (zip)", "facebook (json/zip)", "instagram (json/zip)", "csv", "jsonl"],
    }
    if error:
        data = {"error": {"code": "invalid_upload", "message": error}}
    return render(
        request,
        "oversight/index.html",
        {"jobs": views, "error": error, "max_upload_bytes": settings.max_upload_bytes},
        data=data,
        status=status,
    )


@router.get("", summary="Pengawasan: unggah arsip dan daftar pemindaian")
def index(request: Request, user: OversightUser, db: SessionDep) -> Response:
    return _index(request, user, db)


@router.post("/unggah", summary="Unggah arsip akun untuk dipindai")
async def upload(request: Request, user: OversightUser, settings: SettingsDep) -> Response:
    """Save the file under <data_dir>/uploads with a random name, create the job row, start the
    background import + scan, and send the officer to the job page."""
    officer = officer_of(user)
    form = await request.form()  # already parsed (and spooled to disk) by the CSRF guard
    archive = form.get("archive")
    account = form.get("account")
    account = account.strip()[:200] if isinstance(account, str) and account.strip() else None
    if not isinstance(archive, UploadFile) or not archive.filename:
        return await run_in_threadpool(_refuse, request, user, "Pilih berkas arsip untuk diunggah.")
    try:
        path = await run_in_threadpool(
            jobs.save_upload,
            archive.file,
            settings.data_dir / "uploads",
            archive.filename,
            settings.max_upload_bytes,
        )
    except jobs.UploadError as exc:
        return await run_in_threadpool(_refuse, request, user, str(exc))
    engine = _db_engine(request)
    job_id = await run_in_threadpool(
        jobs.create_upload_job, engine, unit_id=officer.unit_id, created_by=officer.name
    )
    process = jobs.launch(
        job_id,
        path,
        account=account,
        database_url=settings.resolved_database_url,
        data_dir=settings.data_dir,
    )
    # Reap the child when it ends (no zombie); the job row, not this handle, tracks its progress.
    threading.Thread(target=process.wait, name=f"oversight-job-{job_id}", daemon=True).start()
    target = f"/pengawasan/pemindaian/{job_id}"
    if wants_json(request):
        return JSONResponse({"job_id": job_id, "url": target}, status_code=202)
    return RedirectResponse(target, status_code=303)


def _refuse(request: Request, user: User, message: str) -> Response:
    session = request.app.state.sessionmaker()
    try:
        return _index(request, user, session, error=message, status=422)
    finally:
        session.close()


# -- job page -------------------------------------------------------------------------------------
def _job(db, officer: Officer, job_id: int) -> ScanJob:
    job = db.get(ScanJob, job_id)
    if job is None or job.unit_id != officer.unit_id:
        raise _not_found()
    return job


@router.get("/pemindaian/{job_id}", summary="Kemajuan pemindaian")
def job_page(request: Request, job_id: int, user: OversightUser, db: SessionDep) -> Response:
    view = jobs.job_view(db, _job(db, officer_of(user), job_id))
    return render(request, "oversight/job.html", {"job": view}, data=view.to_dict())


@router.post("/pemindaian/{job_id}/batal", summary="Batalkan pemindaian")
def cancel_job(request: Request, job_id: int, user: OversightUser, db: SessionDep) -> Response:
    job = _job(db, officer_of(user), job_id)
    if job.status not in jobs.TERMINAL:
        from netra.oversight.scan import request_cancel

        request_cancel(_db_engine(request), job.id)
    if wants_json(request):
        return JSONResponse({"job_id": job.id, "cancel_requested": True})
    return RedirectResponse(f"/pengawasan/pemindaian/{job.id}", status_code=303)


# -- review queue ---------------------------------------------------------------------------------
def _finding_dict(f: dict[str, Any]) -> dict[str, Any]:
    keys = ("category", "entity", "severity", "start", "end", "text", "message", "rules")
    return {k: f.get(k) for k in keys} | {"rule_id": f.get("rule_id")}


def _item_dict(item: case_service.QueueItem) -> dict[str, Any]:
    return {
        "result_id": item.result_id,
        "post_id": item.post_id,
        "account": item.account,
        "posted_at": item.posted_at.isoformat() if item.posted_at else None,
        "text": item.text,
        "url": item.url,
        "verdict": item.verdict,
        "risk_score": item.risk_score,
        "findings": [_finding_dict(f) for f in item.findings],
    }


@router.get("/tinjauan", summary="Antrean tinjauan unggahan bertanda")
def queue_page(
    request: Request, user: OversightUser, job: int | None = None, page: int = 1
) -> Response:
    officer = officer_of(user)
    page = max(1, min(page, 10_000))
    per_page = 25
    try:
        items = case_service.review_queue(
            _db_engine(request),
            officer,
            job_id=job,
            limit=per_page + 1,
            offset=(page - 1) * per_page,
        )
    except AccessDenied as exc:
        raise ApiError(403, "forbidden", str(exc)) from None
    has_more = len(items) > per_page
    items = items[:per_page]
    return render(
        request,
        "oversight/queue.html",
        {"items": items, "job": job, "page": page, "has_more": has_more, "segments_of": segments},
        data={
            "items": [_item_dict(i) for i in items],
            "page": page,
            "has_more": has_more,
            "job": job,
        },
    )


def _note(value: str) -> str | None:
    value = (value or "").strip()
    return value[:10_000] or None


@router.post("/tinjauan/{result_id}/konfirmasi", summary="Konfirmasi temuan ke berkas kasus")
def confirm(
    request: Request,
    result_id: int,
    user: OversightUser,
    note: Annotated[str, Form(max_length=10_000)] = "",
) -> Response:
    try:
        case_id = case_service.confirm(
            _db_engine(request), officer_of(user), result_id, note=_note(note)
        )
    except (AccessDenied, CaseError) as exc:
        raise _case_error(exc) from None
    if wants_json(request):
        return JSONResponse({"case_id": case_id, "url": f"/pengawasan/kasus/{case_id}"})
    return RedirectResponse(f"/pengawasan/kasus/{case_id}", status_code=303)


@router.post("/tinjauan/{result_id}/abaikan", summary="Abaikan temuan (umpan balik)")
def dismiss(
    request: Request,
    result_id: int,
    user: OversightUser,
    note: Annotated[str, Form(max_length=10_000)] = "",
) -> Response:
    try:
        case_service.dismiss(_db_engine(request), officer_of(user), result_id, note=_note(note))
    except (AccessDenied, CaseError) as exc:
        raise _case_error(exc) from None
    if wants_json(request):
        return JSONResponse({"result_id": result_id, "dismissed": True})
    return RedirectResponse("/pengawasan/tinjauan", status_code=303)


# -- cases ----------------------------------------------------------------------------------------
def _case_dict(case) -> dict[str, Any]:
    return {
        "id": case.id,
        "subject_account": case.subject_account,
        "subject_name": case.subject_name,
        "status": case.status,
        "status_label": STATUS_LABELS.get(case.status, case.status),
        "sanction_category": case.sanction_category,
        "sanction_label": case_service.SANCTION_LABEL.get(case.sanction_category or ""),
        "outcome": case.outcome,
        "created_at": case.created_at.isoformat() if case.created_at else None,
        "updated_at": case.updated_at.isoformat() if case.updated_at else None,
    }


@router.get("/kasus", summary="Daftar berkas kasus unit")
def cases_page(request: Request, user: OversightUser) -> Response:
    try:
        rows = case_service.list_cases(_db_engine(request), officer_of(user))
    except AccessDenied as exc:
        raise ApiError(403, "forbidden", str(exc)) from None
    return render(
        request,
        "oversight/cases.html",
        {"cases": rows, "status_labels": STATUS_LABELS, "sanctions": case_service.SANCTION_LABEL},
        data={"cases": [_case_dict(c) for c in rows]},
    )


@router.get("/kasus/{case_id}", summary="Berkas kasus")
def case_page(request: Request, case_id: int, user: OversightUser) -> Response:
    try:
        file = case_service.get_case(_db_engine(request), officer_of(user), case_id)
    except (AccessDenied, CaseError) as exc:
        raise _case_error(exc) from None
    data = _case_dict(file.case) | {
        "evidence": [
            {
                "post_id": e.post_id,
                "text": e.text,
                "posted_at": e.posted_at.isoformat() if e.posted_at else None,
                "url": e.url,
                "fingerprint_sha256": e.fingerprint,
                "regulations": (e.regulations or "").split(",") if e.regulations else [],
                "rule_ids": (e.rule_ids or "").split(",") if e.rule_ids else [],
                "engine_version": e.engine_version,
                "findings": [_finding_dict(f) for f in e.findings or []],
                "added_by": e.added_by,
                "added_at": e.added_at.isoformat() if e.added_at else None,
            }
            for e in file.evidence
        ],
        "notes": [
            {"author": n.author, "text": n.text, "created_at": n.created_at.isoformat()}
            for n in file.notes
        ],
    }
    return render(
        request,
        "oversight/case.html",
        {"file": file, "status_labels": STATUS_LABELS, "segments_of": segments},
        data=data,
    )


@router.post("/kasus/{case_id}/catatan", summary="Tambah catatan kasus")
def add_note(
    request: Request,
    case_id: int,
    user: OversightUser,
    text: Annotated[str, Form(max_length=10_000)] = "",
) -> Response:
    try:
        case_service.add_note(_db_engine(request), officer_of(user), case_id, text)
    except (AccessDenied, CaseError) as exc:
        raise _case_error(exc) from None
    return _back_to_case(request, case_id)


@router.post("/kasus/{case_id}/status", summary="Ubah status kasus")
def set_status(
    request: Request,
    case_id: int,
    user: OversightUser,
    status: Annotated[str, Form(max_length=20)] = "",
    outcome: Annotated[str, Form(max_length=10_000)] = "",
) -> Response:
    try:
        case_service.set_status(
            _db_engine(request), officer_of(user), case_id, status, outcome.strip() or None
        )
    except (AccessDenied, CaseError) as exc:
        raise _case_error(exc) from None
    return _back_to_case(request, case_id)


def _back_to_case(request: Request, case_id: int) -> Response:
    if wants_json(request):
        return JSONResponse({"case_id": case_id, "ok": True})
    return RedirectResponse(f"/pengawasan/kasus/{case_id}", status_code=303)


# -- reports --------------------------------------------------------------------------------------
def _parse_date(value: str | None, label: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ApiError(
            422, "invalid_request", f"Tanggal {label} tidak valid (format TTTT-BB-HH)."
        ) from None


def _parse_job(value: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit() or len(value) > 12:
        raise ApiError(422, "invalid_request", "Nomor pemindaian harus berupa angka.")
    return int(value)


def _report(request: Request, user: User, job_text: str, akun: str, dari: str, sampai: str):
    """The report for the officer's unit; a job id of another unit is a 404 like a missing one."""
    officer = officer_of(user)
    job = _parse_job(job_text)
    start, end = _parse_date(dari, "awal"), _parse_date(sampai, "akhir")
    if start and end and start > end:
        raise ApiError(422, "invalid_request", "Tanggal awal harus sebelum tanggal akhir.")
    if job is not None:
        session = request.app.state.sessionmaker()
        try:
            _job(session, officer, job)
        finally:
            session.close()
    account = (akun or "").strip()[:200] or None
    return build_report(
        _db_engine(request), officer, job_id=job, account=account, start=start, end=end
    )


def _report_dict(report) -> dict[str, Any]:
    return {
        "title": report.title,
        "unit_id": report.unit_id,
        "job_id": report.job_id,
        "engine_version": report.engine_version,
        "account": report.account,
        "period": report.period,
        "scanned": report.scanned,
        "flagged": report.flagged,
        "accounts": report.accounts,
        "by_category": [
            {"category": label, "high": h, "medium": m, "low": lo, "total": t}
            for label, h, m, lo, t in report.category_rows()
        ],
        "worst": [
            {
                "account": w.account,
                "posted_at": w.posted_at.isoformat() if w.posted_at else None,
                "text": w.text,
                "url": w.url,
                "fingerprint_sha256": w.fingerprint,
                "risk_score": w.risk_score,
                "findings": [_finding_dict(f) for f in w.findings],
            }
            for w in report.worst
        ],
    }


@router.get("/laporan", summary="Laporan pengawasan unit")
def report_page(
    request: Request,
    user: OversightUser,
    job: str = "",
    akun: str = "",
    dari: str = "",
    sampai: str = "",
) -> Response:
    filters = {"job": job[:12], "akun": akun[:200], "dari": dari[:10], "sampai": sampai[:10]}
    try:
        report = _report(request, user, job, akun, dari, sampai)
    except ReportError as exc:
        return render(
            request,
            "oversight/report.html",
            {"report_html": None, "message": str(exc), "filters": filters, "query": ""},
            data={"report": None, "message": str(exc)},
        )
    from urllib.parse import urlencode

    query = urlencode({k: v for k, v in filters.items() if v not in (None, "")})
    return render(
        request,
        "oversight/report.html",
        {
            "report_html": render_html(report),
            "message": None,
            "filters": filters,
            "query": query,
            "report": report,
        },
        data={"report": _report_dict(report)},
    )


def _download_name(report, ext: str) -> str:
    return f"laporan-pengawasan-pemindaian-{report.job_id}.{ext}"


@router.get("/laporan.csv", summary="Unduh laporan (CSV)")
def report_csv(
    request: Request,
    user: OversightUser,
    job: str = "",
    akun: str = "",
    dari: str = "",
    sampai: str = "",
) -> Response:
    report = _report_or_404(request, user, job, akun, dari, sampai)
    if wants_json(request):
        return JSONResponse({"report": _report_dict(report)})
    return Response(
        render_csv(report).encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{_download_name(report, "csv")}"'},
    )


@router.get("/laporan.pdf", summary="Unduh laporan (PDF)")
def report_pdf(
    request: Request,
    user: OversightUser,
    job: str = "",
    akun: str = "",
    dari: str = "",
    sampai: str = "",
) -> Response:
    report = _report_or_404(request, user, job, akun, dari, sampai)
    if wants_json(request):
        return JSONResponse({"report": _report_dict(report)})
    return Response(
        render_pdf(report),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{_download_name(report, "pdf")}"'},
    )


def _report_or_404(request, user, job, akun, dari, sampai):
    try:
        return _report(request, user, job, akun, dari, sampai)
    except ReportError as exc:
        raise ApiError(404, "not_found", str(exc)) from None
