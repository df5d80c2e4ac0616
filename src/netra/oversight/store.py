"""Storing imported posts: batched, idempotent, and keeping progress when an archive breaks.

Posts are written in batches of a few thousand, each batch its own transaction; an archive that
breaks half-way leaves the posts before the break stored (and the import marked `failed` with the
reason), and importing the same archive again adds only what is missing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.dialects import postgresql, sqlite

from netra.oversight.importers import detect_format, iter_posts
from netra.oversight.records import ArchiveError, ArchivePost
from netra.oversight.tables import ArchivedPost, ArchiveImport
from netra.storage.base import utcnow
from netra.storage.db import session_scope

BATCH = 2_000


@dataclass
class ImportReport:
    import_id: int
    filename: str
    format: str
    added: int = 0
    skipped: int = 0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _batches(posts: Iterable[ArchivePost], size: int) -> Iterator[list[ArchivePost]]:
    """Batches of posts; when the archive breaks, the posts read before the break still come
    out as a last batch before the error, so they are stored."""
    batch: list[ArchivePost] = []
    try:
        for post in posts:
            batch.append(post)
            if len(batch) >= size:
                yield batch
                batch = []
    except (ArchiveError, OSError, UnicodeDecodeError):
        if batch:
            yield batch
        raise
    if batch:
        yield batch


def _insert_ignoring_duplicates(engine: Engine):
    dialect = engine.dialect.name
    table = ArchivedPost.__table__
    if dialect == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing(index_elements=["dedupe_key"])
    if dialect == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing(index_elements=["dedupe_key"])
    raise ArchiveError(f"Basis data {dialect} belum didukung untuk impor arsip.")


def import_archive(
    engine: Engine,
    path: Path,
    *,
    fmt: str | None = None,
    unit_id: int | None = None,
    account: str | None = None,
    created_by: str | None = None,
    progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH,
) -> ImportReport:
    """Import one archive file. Never raises for a bad archive: the report carries the error."""
    path = Path(path)
    try:
        fmt = fmt or detect_format(path)
        digest = file_sha256(path)
    except (ArchiveError, OSError) as exc:
        return ImportReport(0, path.name, fmt or "?", error=_message(exc))
    with session_scope(engine) as session:
        record = ArchiveImport(
            filename=path.name, format=fmt, file_sha256=digest, unit_id=unit_id,
            account=account, created_by=created_by, status="running",
            posts_added=0, posts_skipped=0,
        )  # fmt: skip
        session.add(record)
        session.flush()
        import_id = record.id
    report = ImportReport(import_id, path.name, fmt)
    insert = _insert_ignoring_duplicates(engine)
    try:
        for batch in _batches(iter_posts(path, fmt, account), batch_size):
            added = _store_batch(engine, insert, batch, import_id, unit_id)
            report.added += added
            report.skipped += len(batch) - added
            _update_counts(engine, import_id, report)
            if progress:
                progress(len(batch))
    except (ArchiveError, OSError, UnicodeDecodeError) as exc:
        report.error = _message(exc)
    _finish(engine, import_id, report)
    return report


def _store_batch(engine: Engine, insert, batch: list[ArchivePost], import_id: int,
                 unit_id: int | None) -> int:  # fmt: skip
    keys = {p.dedupe_key for p in batch}
    with engine.begin() as conn:
        existing = set(
            conn.execute(
                select(ArchivedPost.dedupe_key).where(ArchivedPost.dedupe_key.in_(keys))
            ).scalars()
        )
        rows, seen = [], set(existing)
        now = utcnow()
        for p in batch:
            key = p.dedupe_key
            if key in seen:
                continue
            seen.add(key)
            rows.append({
                "import_id": import_id, "unit_id": unit_id, "platform": p.platform,
                "platform_id": p.platform_id, "account": p.account, "author": p.author,
                "posted_at": p.posted_at, "text": p.text, "url": p.url,
                "fingerprint": p.fingerprint, "dedupe_key": key, "imported_at": now,
            })  # fmt: skip
        if rows:
            conn.execute(insert, rows)
    return len(rows)


def _update_counts(engine: Engine, import_id: int, report: ImportReport) -> None:
    with session_scope(engine) as session:
        record = session.get(ArchiveImport, import_id)
        assert record is not None
        record.posts_added = report.added
        record.posts_skipped = report.skipped


def _finish(engine: Engine, import_id: int, report: ImportReport) -> None:
    with session_scope(engine) as session:
        record = session.get(ArchiveImport, import_id)
        assert record is not None
        record.posts_added = report.added
        record.posts_skipped = report.skipped
        record.status = "failed" if report.error else "done"
        record.error = report.error
        record.finished_at = utcnow()


def _message(exc: BaseException) -> str:
    if isinstance(exc, ArchiveError):
        return str(exc)
    if isinstance(exc, UnicodeDecodeError):
        return "Berkas bukan UTF-8 yang valid."
    if isinstance(exc, OSError):
        return f"Berkas tidak bisa dibaca: {exc.strerror or exc}"
    return str(exc)
