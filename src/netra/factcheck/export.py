"""CSV export of the knowledge base, safe to open in a spreadsheet.

Claims are stored exactly as received (a claim may legitimately start with "=" or "+"), so the
neutralisation against CSV/formula injection happens here, on the way out: a cell that a
spreadsheet would evaluate gets a leading apostrophe (the OWASP recommendation).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session

from netra.factcheck.tables import Claim

EXPORT_COLUMNS = (
    "id", "claim", "verdict", "source_url", "publisher", "published_at", "updated_at", "topic",
    "explanation", "clarification", "status", "revision",
)  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralize(value: object) -> str:
    """A cell value a spreadsheet will show as text, never evaluate."""
    if value is None:
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _rows(session: Session, include_retired: bool) -> Iterator[list[str]]:
    query = select(Claim).order_by(Claim.id)
    if not include_retired:
        query = query.where(Claim.status == "active")
    for claim in session.scalars(query.execution_options(yield_per=1000)):
        yield [
            neutralize(v)
            for v in (
                claim.claim_id, claim.claim, claim.verdict, claim.source_url, claim.publisher,
                claim.published_at, claim.updated_at_source, claim.topic, claim.explanation,
                claim.clarification, claim.status, claim.revision,
            )
        ]  # fmt: skip


def export_csv(session: Session, out: IO[str], *, include_retired: bool = False) -> int:
    """Write the claims as CSV (UTF-8, comma, header); returns the number of rows."""
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    n = 0
    for row in _rows(session, include_retired):
        writer.writerow(row)
        n += 1
    return n
