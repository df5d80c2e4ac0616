"""Review of flagged posts and case files, strictly within the oversight officer's own unit.

Every function takes the acting `Officer` and refuses (AccessDenied, Indonesian message) anything
outside the officer's unit or role, so the web layer cannot forget a check. Confirming a flagged
post freezes it as evidence in the case file of its account: text, time, link, fingerprint, the
regulations, the rule ids and the engine version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, and_, func, select

from netra.oversight.tables import (
    ArchivedPost,
    Case,
    CaseEvidence,
    CaseNote,
    Review,
    ScanResult,
)
from netra.storage.base import utcnow
from netra.storage.db import session_scope

CASE_STATUSES = ("open", "investigating", "closed")
SANCTION_LABEL = {
    "discipline": "pelanggaran disiplin (PP 94/2021): hukuman disiplin",
    "ethics": "pelanggaran kode etik (PP 42/2004): sanksi moral",
}


class AccessDenied(PermissionError):
    """The officer may not see or change this; the message is Indonesian."""


class CaseError(ValueError):
    """A request that cannot be carried out (unknown id, wrong state); Indonesian message."""


@dataclass(frozen=True)
class Officer:
    """Who acts. Only the `oversight` role works here, and only within its own unit."""

    name: str
    role: str
    unit_id: int | None
    user_id: int | None = None


def _check(officer: Officer, unit_id: int | None) -> None:
    if officer.role != "oversight":
        raise AccessDenied("Hanya petugas pengawasan (oversight) yang boleh mengakses kasus.")
    if officer.unit_id is None or officer.unit_id != unit_id:
        raise AccessDenied("Data ini milik unit kerja lain; Anda tidak berwenang mengaksesnya.")


@dataclass
class QueueItem:
    result_id: int
    post_id: int
    account: str | None
    posted_at: datetime | None
    text: str
    url: str | None
    verdict: str
    risk_score: int
    findings: list[dict[str, Any]]


def review_queue(
    engine: Engine, officer: Officer, *, job_id: int | None = None, limit: int = 50, offset: int = 0
) -> list[QueueItem]:
    """Flagged, not yet reviewed posts of the officer's unit, riskiest first."""
    _check(officer, officer.unit_id)
    reviewed = select(Review.result_id)
    query = (
        select(ScanResult, ArchivedPost)
        .join(ArchivedPost, ArchivedPost.id == ScanResult.post_id)
        .where(
            ArchivedPost.unit_id == officer.unit_id,
            ScanResult.verdict.in_(("review", "high_risk")),
            ScanResult.id.not_in(reviewed),
        )
        .order_by(ScanResult.risk_score.desc(), ScanResult.id)
        .limit(min(limit, 500))
        .offset(offset)
    )
    if job_id is not None:
        query = query.where(ScanResult.job_id == job_id)
    with session_scope(engine) as session:
        return [
            QueueItem(
                r.id,
                p.id,
                p.account,
                p.posted_at,
                p.text,
                p.url,
                r.verdict,
                r.risk_score,
                r.findings or [],
            )
            for r, p in session.execute(query).all()
        ]


def _flagged(session, officer: Officer, result_id: int) -> tuple[ScanResult, ArchivedPost]:
    row = session.execute(
        select(ScanResult, ArchivedPost)
        .join(ArchivedPost, ArchivedPost.id == ScanResult.post_id)
        .where(ScanResult.id == result_id)
    ).first()
    if row is None:
        raise CaseError(f"Hasil pemindaian {result_id} tidak ditemukan.")
    result, post = row
    _check(officer, post.unit_id)
    if session.scalar(select(Review.id).where(Review.result_id == result_id)) is not None:
        raise CaseError("Unggahan ini sudah ditinjau.")
    return result, post


def suggest_sanction(findings: list[dict[str, Any]]) -> str | None:
    """The sanction track the 2022 joint decree suggests: discipline when a finding rests on
    PP 94/2021 (or its rule says so), else ethics (PP 42/2004) for neutrality findings."""
    from netra.analysis import get_engine

    book = get_engine().rulebook
    tracks: set[str] = set()
    for f in findings:
        rule = None
        if f.get("rule_id"):
            try:
                rule = book.rule(f["rule_id"])
            except KeyError:
                rule = None
        if rule is not None and rule.sanction:
            tracks.add(rule.sanction)
        elif any(str(r).startswith("pp-94-2021") for r in f.get("rules", [])):
            tracks.add("discipline")
        elif f.get("category") == "political_neutrality":
            tracks.add("ethics")
    if "discipline" in tracks:
        return "discipline"
    return "ethics" if tracks else None


def _rule_ids(findings: list[dict[str, Any]]) -> str | None:
    ids = sorted({f["rule_id"] for f in findings if f.get("rule_id")})
    return ",".join(ids) or None


def confirm(
    engine: Engine,
    officer: Officer,
    result_id: int,
    *,
    note: str | None = None,
    subject_name: str | None = None,
) -> int:
    """Confirm a flagged post into the case file of its account (created if none is open)."""
    with session_scope(engine) as session:
        result, post = _flagged(session, officer, result_id)
        findings = result.findings or []
        account = post.account or post.author or "(akun tanpa nama)"
        case = session.scalar(
            select(Case).where(
                Case.unit_id == post.unit_id,
                Case.subject_account == account,
                Case.status != "closed",
            )
        )
        if case is None:
            case = Case(
                unit_id=post.unit_id,
                subject_account=account,
                subject_name=subject_name,
                status="open",
                created_by=officer.name,
            )
            session.add(case)
            session.flush()
        suggestion = suggest_sanction(findings)
        if suggestion == "discipline" or case.sanction_category is None:
            case.sanction_category = suggestion or case.sanction_category
        case.updated_at = utcnow()
        regs = sorted({r for f in findings for r in f.get("rules", [])})
        session.add(
            CaseEvidence(
                case_id=case.id,
                post_id=post.id,
                text=post.text,
                posted_at=post.posted_at,
                url=post.url,
                fingerprint=post.fingerprint,
                regulations=",".join(regs) or None,
                rule_ids=_rule_ids(findings),
                findings=findings,
                engine_version=result.engine_version,
                added_by=officer.name,
            )
        )
        session.add(
            Review(
                result_id=result.id,
                post_id=post.id,
                unit_id=post.unit_id,
                decision="confirmed",
                rule_ids=_rule_ids(findings),
                categories=result.categories,
                note=note,
                reviewer_id=officer.user_id,
                reviewer=officer.name,
                case_id=case.id,
            )
        )
        if note:
            session.add(CaseNote(case_id=case.id, author=officer.name, text=note))
        return case.id


def dismiss(engine: Engine, officer: Officer, result_id: int, note: str | None = None) -> None:
    """Dismiss a flagged post; the dismissal is kept as feedback on the rules that fired."""
    with session_scope(engine) as session:
        result, post = _flagged(session, officer, result_id)
        session.add(
            Review(
                result_id=result.id,
                post_id=post.id,
                unit_id=post.unit_id,
                decision="dismissed",
                rule_ids=_rule_ids(result.findings or []),
                categories=result.categories,
                note=note,
                reviewer_id=officer.user_id,
                reviewer=officer.name,
            )
        )


@dataclass
class CaseFile:
    case: Case
    evidence: list[CaseEvidence] = field(default_factory=list)
    notes: list[CaseNote] = field(default_factory=list)

    @property
    def sanction_label(self) -> str | None:
        return SANCTION_LABEL.get(self.case.sanction_category or "")


def get_case(engine: Engine, officer: Officer, case_id: int) -> CaseFile:
    with session_scope(engine) as session:
        case = session.get(Case, case_id)
        if case is None:
            raise CaseError(f"Kasus {case_id} tidak ditemukan.")
        _check(officer, case.unit_id)
        evidence = list(
            session.scalars(
                select(CaseEvidence)
                .where(CaseEvidence.case_id == case_id)
                .order_by(CaseEvidence.posted_at)
            )
        )
        notes = list(
            session.scalars(
                select(CaseNote).where(CaseNote.case_id == case_id).order_by(CaseNote.created_at)
            )
        )
        session.expunge_all()
        return CaseFile(case, evidence, notes)


def list_cases(engine: Engine, officer: Officer) -> list[Case]:
    _check(officer, officer.unit_id)
    with session_scope(engine) as session:
        cases = list(
            session.scalars(
                select(Case).where(Case.unit_id == officer.unit_id).order_by(Case.updated_at.desc())
            )
        )
        session.expunge_all()
        return cases


def add_note(engine: Engine, officer: Officer, case_id: int, text: str) -> None:
    text = (text or "").strip()
    if not text or len(text) > 10_000:
        raise CaseError("Catatan harus diisi dan paling panjang 10.000 karakter.")
    with session_scope(engine) as session:
        case = session.get(Case, case_id)
        if case is None:
            raise CaseError(f"Kasus {case_id} tidak ditemukan.")
        _check(officer, case.unit_id)
        session.add(CaseNote(case_id=case_id, author=officer.name, text=text))
        case.updated_at = utcnow()


def set_status(
    engine: Engine, officer: Officer, case_id: int, status: str, outcome: str | None = None
) -> None:
    if status not in CASE_STATUSES:
        raise CaseError(f"Status tidak dikenal: {status} (pilihan: {', '.join(CASE_STATUSES)}).")
    with session_scope(engine) as session:
        case = session.get(Case, case_id)
        if case is None:
            raise CaseError(f"Kasus {case_id} tidak ditemukan.")
        _check(officer, case.unit_id)
        case.status = status
        case.outcome = outcome if outcome is not None else case.outcome
        case.updated_at = utcnow()


@dataclass
class RuleFeedback:
    rule_id: str
    confirmed: int
    dismissed: int

    @property
    def precision(self) -> float:
        total = self.confirmed + self.dismissed
        return self.confirmed / total if total else 0.0


def feedback(engine: Engine, unit_id: int | None = None) -> list[RuleFeedback]:
    """Per rule: how often officers confirmed vs dismissed what it flagged (worst first)."""
    query = select(Review.rule_ids, Review.decision, func.count()).group_by(
        Review.rule_ids, Review.decision
    )
    if unit_id is not None:
        query = query.where(and_(Review.unit_id == unit_id))
    tally: dict[str, RuleFeedback] = {}
    with engine.connect() as conn:
        for rule_ids, decision, count in conn.execute(query):
            for rule_id in (rule_ids or "").split(","):
                if not rule_id:
                    continue
                fb = tally.setdefault(rule_id, RuleFeedback(rule_id, 0, 0))
                if decision == "confirmed":
                    fb.confirmed += count
                else:
                    fb.dismissed += count
    return sorted(tally.values(), key=lambda f: (f.precision, -f.dismissed))
