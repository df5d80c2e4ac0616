"""History of a user's checks (migration branch "web"), kept only when the user opts in.

Personal data is never stored in clear: a record holds the *redacted* text, and findings of the
`personal_data` category lose their `text`. Offsets stay, so the history page can still mark the
spans on the redacted text (masking keeps the length).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from netra.accounts.types import UTCDateTime
from netra.analysis import Report
from netra.analysis.redact import mask
from netra.storage.base import Base, utcnow

SENSITIVE_CATEGORIES = frozenset({"personal_data"})


class CheckRecord(Base):
    __tablename__ = "check_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    account: Mapped[str | None] = mapped_column(String(20))
    channel: Mapped[str | None] = mapped_column(String(20))
    verdict: Mapped[str] = mapped_column(String(20))
    risk_score: Mapped[int] = mapped_column(Integer)
    char_count: Mapped[int] = mapped_column(Integer)
    redacted_text: Mapped[str] = mapped_column(Text)
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    engine_version: Mapped[str] = mapped_column(String(20))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "created_at": self.created_at.isoformat(),
            "account": self.account,
            "channel": self.channel,
            "verdict": self.verdict,
            "risk_score": self.risk_score,
            "char_count": self.char_count,
            "redacted_text": self.redacted_text,
            "findings": self.findings,
            "engine_version": self.engine_version,
        }


def sanitized_findings(report: Report, text: str) -> list[dict[str, Any]]:
    """The report's findings with no personal data left in clear.

    Personal-data findings lose their `text`; every other quote is taken from the redacted text,
    and any personal-data value quoted inside a message or suggestion is replaced by its mask.
    """
    redacted = report.redacted_text
    aligned = len(redacted) == len(text)
    masks: dict[str, str] = {}
    for f in report.findings:
        if f.category in SENSITIVE_CATEGORIES and f.text:
            masks[f.text] = redacted[f.start : f.end] if aligned else mask(f.text)
    ordered = sorted(masks.items(), key=lambda kv: -len(kv[0]))

    def scrub(value: str | None) -> str | None:
        if value is None:
            return None
        for clear, masked in ordered:
            value = value.replace(clear, masked)
        return value

    out = []
    for finding in report.to_dict()["findings"]:
        if finding["category"] in SENSITIVE_CATEGORIES:
            finding["text"] = None
        elif aligned:
            finding["text"] = redacted[finding["start"] : finding["end"]]
        else:
            finding["text"] = scrub(finding["text"])
        finding["message"] = scrub(finding["message"])
        finding["suggestion"] = scrub(finding["suggestion"])
        out.append(finding)
    return out


def save_check(
    session: Session,
    user_id: int,
    text: str,
    report: Report,
    *,
    account: str | None,
    channel: str | None,
) -> CheckRecord:
    record = CheckRecord(
        user_id=user_id,
        account=account,
        channel=channel,
        verdict=str(report.verdict),
        risk_score=report.risk_score,
        char_count=len(text),
        redacted_text=report.redacted_text,
        findings=sanitized_findings(report, text),
        engine_version=report.engine_version,
    )
    session.add(record)
    session.flush()
    return record


def list_checks(
    session: Session, user_id: int, *, limit: int = 50, offset: int = 0
) -> list[CheckRecord]:
    return list(
        session.scalars(
            select(CheckRecord)
            .where(CheckRecord.user_id == user_id)
            .order_by(CheckRecord.created_at.desc(), CheckRecord.id.desc())
            .limit(limit)
            .offset(offset)
        )
    )


def count_checks(session: Session, user_id: int) -> dict[str, int]:
    """Number of checks per verdict for one user."""
    rows = session.execute(
        select(CheckRecord.verdict, func.count())
        .where(CheckRecord.user_id == user_id)
        .group_by(CheckRecord.verdict)
    )
    return {verdict: n for verdict, n in rows}


def get_check(session: Session, user_id: int, record_id: int) -> CheckRecord | None:
    """A record only if it belongs to `user_id`: nobody reads another person's history."""
    return session.scalar(
        select(CheckRecord).where(CheckRecord.id == record_id, CheckRecord.user_id == user_id)
    )


def delete_checks(session: Session, user_id: int) -> int:
    result = session.execute(delete(CheckRecord).where(CheckRecord.user_id == user_id))
    return result.rowcount or 0
