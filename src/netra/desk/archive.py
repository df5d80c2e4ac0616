"""The archive of everything published: search, and export as CSV, JSON and a printable PDF.

Entries are written once by the scheduler (or by a person confirming a post that did go out)
and never updated; a correction is a new entry whose `correction_of_id` points at the original.
Readers: authors, reviewers and oversight officers of the unit, and admins (every unit).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select

from netra.desk.actors import ADMIN, AUTHOR, REVIEWER, Actor
from netra.desk.channels import CHANNELS
from netra.desk.context import DeskContext
from netra.desk.drafts import local_label
from netra.desk.errors import Forbidden, ValidationFailed
from netra.desk.tables import ArchiveEntry, Draft
from netra.reporting.pdf import ReportPDF
from netra.reporting.safe_csv import to_csv
from netra.storage.db import session_scope

MAX_EXPORT = 10_000
MAX_PDF = 500
READERS = frozenset({AUTHOR, REVIEWER, ADMIN, "oversight"})


@dataclass
class ArchiveItem:
    id: int
    draft_id: int
    version: int
    channel: str
    channel_label: str
    title: str
    text: str
    published_at: datetime
    published_local: str
    author_name: str
    approver_name: str | None
    emergency: bool
    after_reviewer_name: str | None
    verdict: str
    risk_score: int
    findings: list[dict[str, Any]]
    report: dict[str, Any]
    remote_url: str | None
    correction_of_id: int | None
    content_sha256: str
    attachments: list[dict[str, Any]]


def _day_bound(ctx: DeskContext, value: date | datetime | str | None, end: bool) -> datetime | None:
    """A date (agency time zone) as a UTC bound; `end` makes it inclusive of the whole day."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationFailed("Tanggal harus berformat 2025-05-12.") from None
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=ctx.config.zone)
    local = datetime.combine(
        value + timedelta(days=1) if end else value, time(0), tzinfo=ctx.config.zone
    )
    return local.astimezone(UTC)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search(
    ctx: DeskContext,
    actor: Actor,
    *,
    text: str | None = None,
    channel: str | None = None,
    date_from: date | datetime | str | None = None,
    date_to: date | datetime | str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[ArchiveItem]:
    """Newest first. `text` matches title or body (case-insensitive, literally: % and _ are
    ordinary characters); dates are inclusive days in the agency's time zone."""
    if not actor.roles & READERS or actor.user_id is None:
        raise Forbidden("Anda tidak berwenang membuka arsip unggahan resmi.")
    if channel and channel not in CHANNELS:
        raise ValidationFailed(f"Kanal '{channel}' tidak dikenal.")
    start, end = _day_bound(ctx, date_from, False), _day_bound(ctx, date_to, True)
    if start and end and start >= end:
        raise ValidationFailed("Tanggal awal harus sebelum tanggal akhir.")
    query = select(ArchiveEntry, Draft).join(Draft, Draft.id == ArchiveEntry.draft_id)
    if not actor.has(ADMIN):
        query = query.where(ArchiveEntry.unit_id == actor.unit_id)
    if text and text.strip():
        pattern = f"%{_escape_like(text.strip().lower()[:200])}%"
        query = query.where(
            func.lower(ArchiveEntry.text).like(pattern, escape="\\")
            | func.lower(ArchiveEntry.title).like(pattern, escape="\\")
        )
    if channel:
        query = query.where(ArchiveEntry.channel == channel)
    if start:
        query = query.where(ArchiveEntry.published_at >= start)
    if end:
        query = query.where(ArchiveEntry.published_at < end)
    query = query.order_by(ArchiveEntry.published_at.desc(), ArchiveEntry.id.desc())
    query = query.limit(max(1, min(limit, MAX_EXPORT))).offset(max(0, offset))
    with session_scope(ctx.db) as session:
        return [
            ArchiveItem(
                e.id,
                e.draft_id,
                e.version_number,
                e.channel,
                CHANNELS[e.channel].label,
                e.title,
                e.text,
                e.published_at,
                local_label(ctx, e.published_at) or "",
                e.author_name,
                e.approver_name,
                e.emergency,
                d.after_reviewer_name,
                e.verdict,
                int(e.report.get("risk_score", 0)),
                list(e.report.get("findings", [])),
                e.report,
                e.remote_url,
                e.correction_of_id,
                e.content_sha256,
                list(e.attachments or []),
            )
            for e, d in session.execute(query).all()
        ]


CSV_HEADER = [
    "id",
    "diterbitkan",
    "kanal",
    "judul",
    "teks",
    "penulis",
    "penyetuju",
    "darurat",
    "ditinjau_setelah_terbit",
    "putusan",
    "skor_risiko",
    "temuan",
    "tautan",
    "koreksi_dari",
    "sha256",
]


def export_csv(items: list[ArchiveItem]) -> str:
    """Spreadsheet-safe CSV (formula-looking cells are neutralised by netra.reporting)."""
    rows = [
        [
            i.id,
            i.published_local,
            i.channel_label,
            i.title,
            i.text,
            i.author_name,
            i.approver_name or "",
            "ya" if i.emergency else "tidak",
            i.after_reviewer_name or "",
            i.verdict,
            i.risk_score,
            "; ".join(sorted({f["category"] for f in i.findings})),
            i.remote_url or "",
            i.correction_of_id or "",
            i.content_sha256,
        ]
        for i in items
    ]
    return to_csv(CSV_HEADER, rows)


def export_json(items: list[ArchiveItem]) -> str:
    def plain(item: ArchiveItem) -> dict[str, Any]:
        out = asdict(item)
        out["published_at"] = item.published_at.astimezone(UTC).isoformat()
        return out

    return json.dumps([plain(i) for i in items], ensure_ascii=False, indent=2)


def export_pdf(ctx: DeskContext, items: list[ArchiveItem], *, subtitle: str | None = None) -> bytes:
    """A printable record: per post what went out, where, when, who approved, what the check
    found, and the fingerprint of the text."""
    if len(items) > MAX_PDF:
        raise ValidationFailed(f"PDF dibatasi {MAX_PDF} unggahan; persempit pencarian.")
    pdf = ReportPDF(
        f"Arsip Unggahan Resmi — {ctx.config.agency_name}", subtitle or f"{len(items)} unggahan"
    )
    for item in items:
        pdf.heading(f"#{item.id} · {item.channel_label} · {item.published_local}")
        pairs = [
            ("Judul", item.title),
            ("Penulis", item.author_name),
            ("Penyetuju", item.approver_name or "— (jalur darurat)"),
            ("Pemeriksaan", f"{item.verdict} (skor {item.risk_score})"),
            ("SHA-256 teks", item.content_sha256),
        ]
        if item.emergency:
            pairs.append(
                ("Darurat", "ya; ditinjau oleh " + (item.after_reviewer_name or "— BELUM DITINJAU"))
            )
        if item.correction_of_id:
            pairs.append(("Koreksi atas", f"arsip #{item.correction_of_id}"))
        if item.remote_url:
            pairs.append(("Tautan", item.remote_url))
        pdf.key_values(pairs)
        pdf.paragraph(item.text)
        if item.findings:
            pdf.table(
                ["Kategori", "Tingkat", "Teks", "Pesan"],
                [
                    [f["category"], f["severity"], f["text"][:80], f["message"][:160]]
                    for f in item.findings
                ],
                widths=[35, 18, 45, 82],
            )
    return pdf.to_bytes()
