"""Oversight reports per unit, account and period: counts, trends, the worst posts with evidence.

Every query is filtered by the officer's own unit (checked first), so a unit's report can never
contain another unit's people. The same report object renders to HTML (Jinja2, autoescaped), CSV
(formula-safe) and PDF (printable record with charts).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from netra.accounts.tables import Unit
from netra.oversight.cases import Officer, _check
from netra.oversight.tables import ArchivedPost, ScanJob, ScanResult
from netra.reporting.charts import Series, bar_chart, line_chart
from netra.reporting.pdf import ReportPDF
from netra.reporting.safe_csv import to_csv
from netra.reporting.times import format_wib

CATEGORY_LABEL = {
    "political_neutrality": "Netralitas politik",
    "misinformation": "Misinformasi/hoaks",
    "personal_data": "Data pribadi",
    "confidential_information": "Informasi rahasia",
    "hate_speech": "Ujaran kebencian",
    "abusive_language": "Bahasa kasar",
    "prohibited_content": "Konten terlarang",
}
SEVERITIES = ("high", "medium", "low")
SEVERITY_LABEL = {"high": "tinggi", "medium": "sedang", "low": "rendah"}
TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
)
TEMPLATES.filters["wib"] = lambda value: format_wib(value, "-")


class ReportError(ValueError):
    """Nothing to report on (no finished scan in scope); Indonesian message."""


@dataclass
class WorstPost:
    account: str | None
    posted_at: datetime | None
    text: str
    url: str | None
    fingerprint: str
    verdict: str
    risk_score: int
    findings: list[dict[str, Any]]


@dataclass
class OversightReport:
    unit_id: int
    job_id: int
    engine_version: str | None
    account: str | None
    start: date | None
    end: date | None
    scanned: int = 0
    flagged: int = 0
    accounts: int = 0
    by_category: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    by_week: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    by_account: Counter = field(default_factory=Counter)
    worst: list[WorstPost] = field(default_factory=list)
    unit_name: str | None = None

    @property
    def title(self) -> str:
        who = f"akun {self.account}" if self.account else (self.unit_name or f"unit {self.unit_id}")
        return f"Laporan pengawasan media sosial — {who}"

    @property
    def period(self) -> str:
        if not self.start and not self.end:
            return "seluruh periode"
        start = self.start.strftime("%d-%m-%Y") if self.start else "awal"
        end = self.end.strftime("%d-%m-%Y") if self.end else "sekarang"
        return f"{start} s.d. {end}"

    def category_rows(self) -> list[tuple[str, int, int, int, int]]:
        rows = []
        for cat, label in CATEGORY_LABEL.items():
            counts = self.by_category.get(cat, Counter())
            total = sum(counts.values())
            if total:
                rows.append((label, counts["high"], counts["medium"], counts["low"], total))
        return rows

    def trend_svg(self) -> str:
        weeks = sorted(self.by_week)
        series = [
            Series(f"keparahan {SEVERITY_LABEL[s]}", [self.by_week[w][s] for w in weeks])
            for s in SEVERITIES
        ]
        return line_chart("Temuan per minggu", weeks or ["-"], series if weeks else [])

    def category_svg(self) -> str:
        rows = self.category_rows()
        return bar_chart("Temuan per kategori", [r[0] for r in rows], [r[4] for r in rows])


def _latest_job(conn: Session, unit_id: int) -> ScanJob:
    job = conn.execute(
        select(ScanJob)
        .where(ScanJob.unit_id == unit_id, ScanJob.status == "done")
        .order_by(ScanJob.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if job is None:
        raise ReportError("Belum ada pemindaian selesai untuk unit ini.")
    return job


def build_report(
    engine: Engine,
    officer: Officer,
    *,
    job_id: int | None = None,
    account: str | None = None,
    start: date | None = None,
    end: date | None = None,
    worst: int = 20,
) -> OversightReport:
    """Aggregate one scan job's results for the officer's unit (optionally one account/period)."""
    _check(officer, officer.unit_id)
    unit_id = officer.unit_id
    assert unit_id is not None
    with Session(engine) as conn:
        if job_id is None:
            job = _latest_job(conn, unit_id)
        else:
            job = conn.get(ScanJob, job_id)
            if job is None:
                raise ReportError(f"Pemindaian {job_id} tidak ditemukan.")
        report = OversightReport(unit_id, job.id, job.engine_version, account, start, end)
        report.unit_name = conn.scalar(select(Unit.name).where(Unit.id == unit_id))
        query = (
            select(
                ArchivedPost.account,
                ArchivedPost.posted_at,
                ArchivedPost.text,
                ArchivedPost.url,
                ArchivedPost.fingerprint,
                ScanResult.verdict,
                ScanResult.risk_score,
                ScanResult.findings,
            )
            .join(ScanResult, ScanResult.post_id == ArchivedPost.id)
            .where(ScanResult.job_id == job.id, ArchivedPost.unit_id == unit_id)
        )
        if account:
            query = query.where(ArchivedPost.account == account)
        if start:
            query = query.where(
                ArchivedPost.posted_at >= datetime.combine(start, datetime.min.time())
            )
        if end:
            query = query.where(
                ArchivedPost.posted_at
                < datetime.combine(end + timedelta(days=1), datetime.min.time())
            )
        accounts: set[str] = set()
        candidates: list[WorstPost] = []
        for row in conn.execute(query.execution_options(yield_per=5_000)):
            report.scanned += 1
            accounts.add(row.account or "")
            if row.verdict not in ("review", "high_risk"):
                continue
            report.flagged += 1
            report.by_account[row.account or "(tanpa nama)"] += 1
            week = _week(row.posted_at)
            for f in row.findings or []:
                report.by_category[f.get("category", "?")][f.get("severity", "low")] += 1
                report.by_week[week][f.get("severity", "low")] += 1
            candidates.append(
                WorstPost(
                    row.account,
                    row.posted_at,
                    row.text,
                    row.url,
                    row.fingerprint,
                    row.verdict,
                    row.risk_score,
                    row.findings or [],
                )
            )
            if len(candidates) > worst * 20:
                candidates = sorted(candidates, key=lambda w: -w.risk_score)[:worst]
        report.accounts = len(accounts)
        report.worst = sorted(candidates, key=lambda w: -w.risk_score)[:worst]
    return report


def _week(value: datetime | None) -> str:
    if value is None:
        return "tanpa tanggal"
    year, week, _ = value.isocalendar()
    return f"{year}-M{week:02d}"


def render_html(report: OversightReport) -> str:
    return TEMPLATES.get_template("report.html").render(
        report=report, category_label=CATEGORY_LABEL, severity_label=SEVERITY_LABEL
    )


def render_csv(report: OversightReport) -> str:
    """One row per finding of the worst posts, plus the per-category totals."""
    rows: list[list[Any]] = []
    for label, high, medium, low, total in report.category_rows():
        rows.append(["ringkasan", label, high, medium, low, total, "", "", "", "", "", ""])
    for w in report.worst:
        for f in w.findings:
            rows.append(
                [
                    "unggahan",
                    CATEGORY_LABEL.get(f.get("category", ""), f.get("category")),
                    "",
                    "",
                    "",
                    "",
                    w.account or "",
                    w.posted_at.isoformat() if w.posted_at else "",
                    f.get("severity", ""),
                    w.text,
                    w.url or "",
                    w.fingerprint,
                ]
            )
    header = [
        "jenis",
        "kategori",
        "tinggi",
        "sedang",
        "rendah",
        "total",
        "akun",
        "waktu",
        "keparahan",
        "teks",
        "tautan",
        "sidik_jari_sha256",
    ]
    return to_csv(header, rows)


def render_pdf(report: OversightReport) -> bytes:
    pdf = ReportPDF(
        report.title,
        f"Periode {report.period} · pemindaian #{report.job_id} · "
        f"versi mesin {report.engine_version}",
    )
    pdf.key_values(
        [
            ("Unggahan diperiksa", str(report.scanned)),
            ("Unggahan bertanda", str(report.flagged)),
            ("Akun", str(report.accounts)),
        ]
    )
    pdf.heading("Temuan per kategori dan keparahan")
    rows = report.category_rows()
    if rows:
        pdf.table(
            ["Kategori", "Tinggi", "Sedang", "Rendah", "Total"],
            [[str(c) for c in r] for r in rows],
            widths=(70, 25, 25, 25, 25),
        )
        pdf.svg(report.category_svg())
        pdf.svg(report.trend_svg())
    else:
        pdf.paragraph("Tidak ada temuan pada periode ini.")
    pdf.heading("Unggahan paling berisiko (bukti)")
    for i, w in enumerate(report.worst, 1):
        when = format_wib(w.posted_at, "-")
        pdf.set_font("DejaVu", "B", 9)
        pdf.multi_cell(
            0,
            5,
            f"{i}. {w.account or '-'} · {when} · skor {w.risk_score}",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.paragraph(w.text, size=9)
        pdf.key_values([("Tautan", w.url or "-"), ("SHA-256", w.fingerprint)])
        for f in w.findings:
            label = CATEGORY_LABEL.get(f.get("category", ""), f.get("category", ""))
            pdf.paragraph(
                f"• {label} ({SEVERITY_LABEL.get(f.get('severity', ''), '')}): "
                f"{f.get('message', '')} [{', '.join(f.get('rules', []))}]",
                size=8,
            )
    return pdf.to_bytes()
