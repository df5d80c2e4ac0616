"""Inbox settings: routing rules and units, service standards and holidays (admin only — they
decide where a citizen's message goes and when it is late), and the knowledge base: FAQ
entries, official page passages and canned replies (reviewers and admins, who answer for what
the office tells the public). Every change is audited by `netra.inbox`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from netra.inbox import faq, replies, routing, sla
from netra.inbox.errors import InboxError
from netra.inbox.lexicons import INTENTS, URGENCIES
from netra.web.deps import SessionDep
from netra.web.errors import ApiError, wants_json
from netra.web.inbox_support import (
    InboxAdmin,
    KnowledgeEditor,
    ensure_seeded,
    inbox_error,
    labels,
    optional,
    parse_day,
    parse_int,
)
from netra.web.templating import render

BASE = "/kotak-masuk/kelola"
router = APIRouter(prefix=BASE, tags=["kotak-masuk"])
Text = Annotated[str, Form(max_length=1000)]
LongText = Annotated[str, Form(max_length=200_000)]
UNITS_OF_TIME = ("hours", "working_days")


def _choice(value: str, allowed: tuple[str, ...] | list[str], what: str) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if value not in allowed:
        raise ApiError(422, "invalid_request", f"{what} tidak dikenal: {value[:40]}.")
    return value


def _amount(value: str, what: str) -> float | None:
    value = (value or "").strip().replace(",", ".")
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise ApiError(422, "invalid_request", f"{what} harus berupa angka.") from None


def _apply(
    request: Request,
    db: Session,
    change: Callable[[], Any],
    target: str,
    page: Callable[[str], Response],
) -> Response:
    """Run an admin change and commit; a refused change shows the page again with the reason."""
    try:
        change()
        db.commit()
    except InboxError as exc:
        db.rollback()
        if wants_json(request):
            raise inbox_error(exc) from None
        return page(exc.message)
    if wants_json(request):
        return JSONResponse({"ok": True})
    joiner = "&" if "?" in target else "?"
    return RedirectResponse(f"{BASE}/{target}{joiner}ok=1", status_code=303)


# -- routing rules and units ----------------------------------------------------------------------
def _rules_page(request: Request, db: Session, error: str | None = None) -> Response:
    ensure_seeded(db)
    rules = routing.list_rules(db)
    units = routing.list_units(db)
    data = {
        "rules": [
            {
                "id": r.id,
                "priority": r.priority,
                "topic": r.topic,
                "intent": r.intent,
                "channel": r.channel,
                "keywords": r.keywords,
                "unit_code": r.unit_code,
                "active": r.active,
                "note": r.note,
            }
            for r in rules
        ],
        "units": [
            {"code": u.code, "name": u.name, "head_user_id": u.head_user_id, "active": u.active}
            for u in units
        ],
    }
    if error:
        data = {"error": {"code": "invalid_request", "message": error}}
    return render(
        request,
        "inbox/admin_rules.html",
        {"rules": rules, "units": units, "labels": labels(), "error": error, "ok": _ok(request)},
        data=data,
        status=422 if error else 200,
    )


def _ok(request: Request) -> bool:
    return request.query_params.get("ok") == "1"


@router.get("/aturan", summary="Aturan rute dan unit kotak masuk")
def rules_page(request: Request, user: InboxAdmin, db: SessionDep) -> Response:
    return _rules_page(request, db)


@router.post("/aturan", summary="Tambah aturan rute")
def create_rule(
    request: Request,
    user: InboxAdmin,
    db: SessionDep,
    unit: Text = "",
    topik: Text = "",
    jenis: Text = "",
    kanal: Text = "",
    kata_kunci: Text = "",
    prioritas: Text = "100",
    catatan: Text = "",
) -> Response:
    priority = parse_int(prioritas, "Prioritas")
    return _apply(
        request,
        db,
        lambda: routing.create_rule(
            db,
            unit_code=unit.strip().lower(),
            actor_id=user.id,
            topic=optional(topik, 30),
            intent=optional(jenis, 20),
            channel=optional(kanal, 20),
            keywords=optional(kata_kunci, 500),
            priority=100 if priority is None else priority,
            note=optional(catatan, 300),
        ),
        "aturan",
        lambda e: _rules_page(request, db, e),
    )


@router.post("/aturan/{rule_id}/aktif", summary="Aktifkan atau nonaktifkan aturan rute")
def toggle_rule(
    request: Request, rule_id: int, user: InboxAdmin, db: SessionDep, aktif: Text = ""
) -> Response:
    return _apply(
        request,
        db,
        lambda: routing.update_rule(db, rule_id, actor_id=user.id, active=aktif == "1"),
        "aturan",
        lambda e: _rules_page(request, db, e),
    )


@router.post("/aturan/{rule_id}/hapus", summary="Hapus aturan rute")
def delete_rule(request: Request, rule_id: int, user: InboxAdmin, db: SessionDep) -> Response:
    return _apply(
        request,
        db,
        lambda: routing.delete_rule(db, rule_id, actor_id=user.id),
        "aturan",
        lambda e: _rules_page(request, db, e),
    )


@router.post("/unit", summary="Simpan unit penerima pesan")
def save_unit(
    request: Request,
    user: InboxAdmin,
    db: SessionDep,
    kode: Text = "",
    nama: Text = "",
    kepala: Text = "",
    aktif: Text = "",
) -> Response:
    head = parse_int(kepala, "Id kepala unit")
    return _apply(
        request,
        db,
        lambda: routing.save_unit(
            db, kode, nama, head_user_id=head, active=aktif == "1", actor_id=user.id
        ),
        "aturan",
        lambda e: _rules_page(request, db, e),
    )


# -- service standards and holidays ---------------------------------------------------------------
def _standards_page(
    request: Request, db: Session, error: str | None = None, year: int | None = None
) -> Response:
    ensure_seeded(db)
    year = year or date.today().year
    standards = sla.list_standards(db)
    holidays = sla.list_holidays(db, year)
    data = {
        "standards": [
            {
                "id": s.id,
                "intent": s.intent,
                "urgency": s.urgency,
                "first_response": s.first_response,
                "first_response_unit": s.first_response_unit,
                "resolution": s.resolution,
                "resolution_unit": s.resolution_unit,
                "note": s.note,
            }
            for s in standards
        ],
        "year": year,
        "holidays": [{"day": h.day.isoformat(), "name": h.name, "kind": h.kind} for h in holidays],
    }
    if error:
        data = {"error": {"code": "invalid_request", "message": error}}
    return render(
        request,
        "inbox/admin_standards.html",
        {
            "standards": standards,
            "holidays": holidays,
            "year": year,
            "labels": labels(),
            "error": error,
            "ok": _ok(request),
        },
        data=data,
        status=422 if error else 200,
    )


@router.get("/standar", summary="Standar layanan dan hari libur")
def standards_page(
    request: Request, user: InboxAdmin, db: SessionDep, tahun: int | None = None
) -> Response:
    year = tahun if tahun and 2000 <= tahun <= 2100 else None
    return _standards_page(request, db, year=year)


@router.post("/standar", summary="Simpan standar layanan")
def set_standard(
    request: Request,
    user: InboxAdmin,
    db: SessionDep,
    jenis: Text = "",
    urgensi: Text = "",
    tanggapan: Text = "",
    satuan_tanggapan: Text = "working_days",
    selesai: Text = "",
    satuan_selesai: Text = "working_days",
    catatan: Text = "",
) -> Response:
    intent = _choice(jenis, INTENTS, "Jenis pesan")
    urgency = _choice(urgensi, URGENCIES, "Urgensi")
    first = _amount(tanggapan, "Tenggat tanggapan")
    resolution = _amount(selesai, "Tenggat penyelesaian")
    return _apply(
        request,
        db,
        lambda: sla.set_standard(
            db,
            intent=intent,
            urgency=urgency,
            first_response=first,
            first_response_unit=satuan_tanggapan,
            resolution=resolution,
            resolution_unit=satuan_selesai,
            note=optional(catatan, 300),
            actor_id=user.id,
        ),
        "standar",
        lambda e: _standards_page(request, db, e),
    )


@router.post("/libur", summary="Tambah atau ubah hari libur")
def add_holiday(
    request: Request,
    user: InboxAdmin,
    db: SessionDep,
    tanggal: Text = "",
    nama: Text = "",
    jenis: Text = "lokal",
) -> Response:
    day = parse_day(tanggal, "libur")
    if day is None:
        raise ApiError(422, "invalid_request", "Tanggal libur wajib diisi.")
    return _apply(
        request,
        db,
        lambda: sla.add_holiday(db, day, nama, jenis, actor_id=user.id),
        f"standar?tahun={day.year}",
        lambda e: _standards_page(request, db, e, day.year),
    )


@router.post("/libur/hapus", summary="Hapus hari libur")
def remove_holiday(
    request: Request, user: InboxAdmin, db: SessionDep, tanggal: Text = ""
) -> Response:
    day = parse_day(tanggal, "libur")
    if day is None:
        raise ApiError(422, "invalid_request", "Tanggal libur wajib diisi.")
    return _apply(
        request,
        db,
        lambda: sla.remove_holiday(db, day, actor_id=user.id),
        f"standar?tahun={day.year}",
        lambda e: _standards_page(request, db, e, day.year),
    )


# -- knowledge base: FAQ, official pages, canned replies ------------------------------------------
def _faq_page(request: Request, db: Session, error: str | None = None) -> Response:
    ensure_seeded(db)
    entries = faq.list_faq(db, include_inactive=True)
    canned = replies.list_canned(db)
    data = {
        "faq": [
            {
                "id": e.id,
                "kind": e.kind,
                "question": e.question,
                "answer": e.answer,
                "url": e.url,
                "topic": e.topic,
                "active": e.active,
            }
            for e in entries
        ],
        "canned": [
            {"id": c.id, "title": c.title, "text": c.text, "intent": c.intent, "topic": c.topic}
            for c in canned
        ],
    }
    if error:
        data = {"error": {"code": "invalid_request", "message": error}}
    return render(
        request,
        "inbox/admin_faq.html",
        {
            "entries": entries,
            "canned": canned,
            "labels": labels(),
            "error": error,
            "ok": _ok(request),
        },
        data=data,
        status=422 if error else 200,
    )


@router.get("/faq", summary="Basis pengetahuan: FAQ, halaman resmi, balasan siap pakai")
def faq_page(request: Request, user: KnowledgeEditor, db: SessionDep) -> Response:
    return _faq_page(request, db)


def _topic(value: str) -> str | None:
    return _choice(value, list(labels()["topic"]), "Topik")


@router.post("/faq", summary="Tambah entri FAQ")
def add_faq(
    request: Request,
    user: KnowledgeEditor,
    db: SessionDep,
    pertanyaan: LongText = "",
    jawaban: LongText = "",
    topik: Text = "",
    alamat: Text = "",
) -> Response:
    topic = _topic(topik)
    return _apply(
        request,
        db,
        lambda: faq.add_faq(
            db, pertanyaan, jawaban, topic=topic, url=optional(alamat, 1000), actor_id=user.id
        ),
        "faq",
        lambda e: _faq_page(request, db, e),
    )


@router.post("/faq/{entry_id}/aktif", summary="Aktifkan atau nonaktifkan entri FAQ")
def toggle_faq(
    request: Request, entry_id: int, user: KnowledgeEditor, db: SessionDep, aktif: Text = ""
) -> Response:
    return _apply(
        request,
        db,
        lambda: faq.update_faq(db, entry_id, actor_id=user.id, active=aktif == "1"),
        "faq",
        lambda e: _faq_page(request, db, e),
    )


@router.post("/halaman", summary="Tambah halaman resmi (teks ditempel, tidak diunduh)")
def add_page(
    request: Request,
    user: KnowledgeEditor,
    db: SessionDep,
    judul: Text = "",
    alamat: Text = "",
    isi: LongText = "",
    topik: Text = "",
) -> Response:
    topic = _topic(topik)
    return _apply(
        request,
        db,
        lambda: faq.add_page(db, judul, alamat, isi, topic=topic, actor_id=user.id),
        "faq",
        lambda e: _faq_page(request, db, e),
    )


@router.post("/balasan-siap", summary="Simpan balasan siap pakai")
def save_canned(
    request: Request,
    user: KnowledgeEditor,
    db: SessionDep,
    judul: Text = "",
    isi: LongText = "",
    jenis: Text = "",
    topik: Text = "",
    nomor: Text = "",
) -> Response:
    intent = _choice(jenis, INTENTS, "Jenis pesan")
    topic = _topic(topik)
    canned_id = parse_int(nomor, "Nomor balasan")
    return _apply(
        request,
        db,
        lambda: replies.save_canned(
            db, judul, isi, intent=intent, topic=topic, canned_id=canned_id, actor_id=user.id
        ),
        "faq",
        lambda e: _faq_page(request, db, e),
    )
