"""The import pipeline: read → validate every row → embed new texts → write in one transaction.

Validation happens before any write, so a file with a fatal problem changes nothing; rows with
their own problems are rejected with a reason and the rest go in together. Embeddings are
computed outside the transaction (they are the slow part: ~10 ms a claim) so the database is
locked only for the short write; the write itself is a single transaction, so an interrupted
import leaves the store as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from netra.factcheck.embed import Embedder, text_sha256
from netra.factcheck.importers import feeds, tabular
from netra.factcheck.importers.report import (
    ImportFileError,
    ImportReport,
    NoProgress,
    Progress,
    Rejection,
    SourceRow,
)
from netra.factcheck.records import ClaimInput, ClaimValidationError, validate_claim
from netra.factcheck.store import ClaimStore, StoredVector
from netra.factcheck.tables import Claim, ClaimEmbedding
from netra.storage.db import session_scope

DEFAULT_MAX_BYTES = 200_000_000
WRITE_CHUNK = 1000


@dataclass(slots=True)
class _Valid:
    row: int
    data: ClaimInput
    claim_id: str
    provided: frozenset[str]


def import_path(
    engine: Engine,
    path: Path,
    *,
    by: str,
    embedder: Embedder | None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a .csv, .tsv, .jsonl/.ndjson or .xml/.rss/.atom file."""
    tabular.check_size(path, max_bytes)
    suffix = path.suffix.lower()
    with path.open("rb") as raw:
        if suffix in {".csv", ".tsv", ".txt"}:
            rows: Iterable[SourceRow] = tabular.read_csv(raw, encoding)
        elif suffix in {".jsonl", ".ndjson", ".json"}:
            rows = tabular.read_jsonl(raw, encoding)
        elif suffix in {".xml", ".rss", ".atom"}:
            rows = feeds.parse_feed(raw.read(), str(path))
        else:
            raise ImportFileError(
                f"Jenis berkas {suffix or '(tanpa akhiran)'} tidak didukung: gunakan .csv, .jsonl, "
                "atau umpan .xml/.rss/.atom.",
                code="unsupported",
            )
        return import_records(
            engine, rows, source=path.name, by=by, embedder=embedder, progress=progress
        )


def import_url(
    engine: Engine,
    url: str,
    *,
    by: str,
    embedder: Embedder | None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import an RSS/Atom feed from a URL."""
    data = feeds.fetch(url)
    rows = feeds.parse_feed(data, url)
    return import_records(engine, rows, source=url, by=by, embedder=embedder, progress=progress)


def import_records(
    target: Engine | Session,
    rows: Iterable[SourceRow],
    *,
    source: str,
    by: str,
    embedder: Embedder | None,
    progress: Progress | None = None,
) -> ImportReport:
    progress = progress or NoProgress()
    report = ImportReport(source=source)
    progress.start("Membaca dan memeriksa baris", None)
    valid = list(_validate(rows, report, progress))
    if not valid:
        if report.rows == 0:
            report.warnings.append("Tidak ada baris data.")
        return report
    reason = f"impor {source}"[:500]
    if isinstance(target, Session):  # the caller owns the transaction (e.g. load_seed)
        vectors = _embed_needed(target.connection(), valid, embedder, report, progress)
        _write(target, valid, vectors, report, by, reason, progress)
        return report
    with target.connect() as conn:
        vectors = _embed_needed(conn, valid, embedder, report, progress)
    try:
        with session_scope(target) as session:
            _write(session, valid, vectors, report, by, reason, progress)
    except SQLAlchemyError as exc:
        raise ImportFileError(
            f"Penyimpanan gagal; tidak ada yang diubah ({type(exc).__name__}).", code="database"
        ) from exc
    return report


def _write(
    session: Session,
    valid: list[_Valid],
    vectors: dict[str, StoredVector],
    report: ImportReport,
    by: str,
    reason: str,
    progress: Progress,
) -> None:
    """Upsert every valid row, in chunks (bounded memory), inside the caller's transaction."""
    progress.start("Menyimpan ke basis data", len(valid))
    store = ClaimStore(session)
    for start in range(0, len(valid), WRITE_CHUNK):
        chunk = valid[start : start + WRITE_CHUNK]
        existing = store.get_many([v.claim_id for v in chunk])
        for item in chunk:
            outcome, _claim = store.upsert(
                item.data,
                provided=item.provided,
                by=by,
                reason=reason,
                existing=existing.get(item.claim_id),
                vector=vectors.get(item.claim_id),
            )
            _count(report, outcome, item.claim_id)
        session.flush()
        session.expunge_all()
        progress.advance(len(chunk))


def _count(report: ImportReport, outcome: str, claim_id: str) -> None:
    if outcome == "added":
        report.added += 1
        report.added_ids.append(claim_id)
    elif outcome == "updated":
        report.updated += 1
        report.updated_ids.append(claim_id)
    else:
        report.unchanged += 1


def _validate(
    rows: Iterable[SourceRow], report: ImportReport, progress: Progress
) -> Iterator[_Valid]:
    first_row: dict[str, int] = {}
    for source_row in rows:
        report.rows += 1
        progress.advance(1)
        if source_row.problem:
            report.rejected.append(Rejection(source_row.row, source_row.problem))
            continue
        try:
            data = validate_claim(source_row.values)
        except ClaimValidationError as exc:
            claim_id = source_row.values.get("claim_id")
            report.rejected.append(
                Rejection(source_row.row, exc.message, str(claim_id) if claim_id else None)
            )
            continue
        claim_id = data.stable_id()
        if claim_id in first_row:
            report.rejected.append(
                Rejection(
                    source_row.row,
                    f"id duplikat dalam berkas (sama dengan baris {first_row[claim_id]})",
                    claim_id,
                )
            )
            continue
        first_row[claim_id] = source_row.row
        yield _Valid(source_row.row, data, claim_id, source_row.provided)


def _embed_needed(
    conn: Connection,
    valid: list[_Valid],
    embedder: Embedder | None,
    report: ImportReport,
    progress: Progress,
) -> dict[str, StoredVector]:
    """Vectors for claims that are new or whose text (or the model) changed."""
    if embedder is None:
        report.warnings.append(
            "Embedding tidak dihitung (model tidak tersedia); jalankan `netra factcheck reindex`."
        )
        return {}
    stored: dict[str, tuple[str, str | None, str | None]] = {}
    for start in range(0, len(valid), 500):
        ids = [v.claim_id for v in valid[start : start + 500]]
        columns = (
            Claim.claim_id,
            Claim.claim,
            ClaimEmbedding.text_sha256,
            ClaimEmbedding.model,
        )
        query = (
            select(*columns)
            .outerjoin(ClaimEmbedding, ClaimEmbedding.claim_pk == Claim.id)
            .where(Claim.claim_id.in_(ids))
        )
        for claim_id, text, sha, model in conn.execute(query):
            stored[claim_id] = (text, sha, model)
    todo: list[tuple[str, str, str]] = []
    for item in valid:
        old = stored.get(item.claim_id)
        final_text = item.data.claim if (old is None or "claim" in item.provided) else old[0]
        sha = text_sha256(final_text)
        if old is None or old[1] != sha or old[2] != embedder.model_id:
            todo.append((item.claim_id, final_text, sha))
    if not todo:
        return {}
    progress.start("Menghitung embedding klaim", len(todo))
    matrix = embedder.embed_many([t for _, t, _ in todo], progress=progress.advance)
    report.embedded = len(todo)
    return {
        claim_id: StoredVector(embedder.model_id, sha, np.asarray(matrix[i]))
        for i, (claim_id, _text, sha) in enumerate(todo)
    }
