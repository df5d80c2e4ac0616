"""Background import + scan for archives uploaded on the oversight pages.

Why a separate OS process (`python -m netra.web.oversight_jobs JOB_ID PATH`) and not a thread:
the import parses and hashes the whole archive and the scan forks a process pool; doing that
inside a web worker would hold its GIL and fork a multi-threaded server. A detached process also
outlives a web-worker restart. The job row in `oversight_scan_jobs` is the only shared state: the
page (on any worker) reads the counters from it, and a cancel request is a flag in it.

The job row is created *before* the import (status `importing`, `total` growing as batches are
stored) so the upload can redirect to its page at once; after the import the row gets the import
id and its exact post count, and `netra.oversight.scan.run_job` takes over.
"""

from __future__ import annotations

import logging
import os
import secrets
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine, func, select, update

from netra.oversight.records import ArchiveError
from netra.oversight.scan import run_job
from netra.oversight.store import import_archive
from netra.oversight.tables import ArchivedPost, ArchiveImport, ScanJob
from netra.storage.base import utcnow
from netra.storage.db import session_scope

log = logging.getLogger("netra.oversight.jobs")

ALLOWED_SUFFIXES = (".zip", ".json", ".jsonl", ".ndjson", ".csv")
CHUNK = 1 << 20
STATUS_LABELS = {
    "importing": "Mengimpor arsip",
    "queued": "Menunggu",
    "running": "Memindai",
    "done": "Selesai",
    "cancelled": "Dibatalkan",
    "failed": "Gagal",
}
TERMINAL = frozenset({"done", "cancelled", "failed"})
CANCELLED_MESSAGE = "Dibatalkan oleh petugas sebelum impor selesai."


class UploadError(ValueError):
    """An upload refused before any import starts; the message is Indonesian."""


# -- saving the upload ----------------------------------------------------------------------------
def safe_suffix(client_name: str | None) -> str:
    """The only thing taken from the client's file name: a whitelisted extension, because the
    importers tell CSV/JSONL/JSON apart by it (zips are recognised from their content)."""
    suffix = Path(client_name or "").suffix.lower()
    return suffix if suffix in ALLOWED_SUFFIXES else ".bin"


def save_upload(src: IO[bytes], uploads_dir: Path, client_name: str | None, max_bytes: int) -> Path:
    """Copy an uploaded file in chunks to `<uploads_dir>/<random>.<ext>` (never the client's
    name: it could hold `../` or a device name). Refuses empty and oversized files."""
    uploads_dir.mkdir(parents=True, exist_ok=True)
    target = uploads_dir / f"{secrets.token_hex(16)}{safe_suffix(client_name)}"
    size = 0
    try:
        with open(target, "xb") as out:
            while chunk := src.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise UploadError(
                        f"Berkas terlalu besar; batasnya {max_bytes:,} bita.".replace(",", ".")
                    )
                out.write(chunk)
        if size == 0:
            raise UploadError("Berkas kosong: pilih berkas arsip yang berisi unggahan.")
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


# -- starting and running a job -------------------------------------------------------------------
def create_upload_job(engine: Engine, *, unit_id: int, created_by: str) -> int:
    """The job row the upload redirects to; the background process fills it in."""
    from netra.analysis import ENGINE_VERSION

    with session_scope(engine) as session:
        job = ScanJob(
            status="importing", backend="local", unit_id=unit_id, import_ids=None,
            total=0, scanned=0, flagged=0, cancel_requested=False,
            engine_version=ENGINE_VERSION, created_by=created_by,
        )  # fmt: skip
        session.add(job)
        session.flush()
        return job.id


def launch(
    job_id: int, path: Path, *, account: str | None, database_url: str, data_dir: Path
) -> subprocess.Popen:
    """Start the detached worker process. The database URL goes through the environment (not
    argv, where `ps` would show its password)."""
    env = dict(os.environ)
    env["NETRA_DATABASE_URL"] = database_url
    env["NETRA_DATA_DIR"] = str(Path(data_dir).resolve())
    args = [sys.executable, "-m", "netra.web.oversight_jobs", str(job_id), str(path.resolve())]
    if account:
        args += ["--account", account]
    return subprocess.Popen(
        args, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, start_new_session=True
    )


def _cancel_requested(engine: Engine, job_id: int) -> bool:
    with engine.connect() as conn:
        return bool(conn.scalar(select(ScanJob.cancel_requested).where(ScanJob.id == job_id)))


def _set(engine: Engine, job_id: int, **values: Any) -> None:
    with engine.begin() as conn:
        conn.execute(update(ScanJob).where(ScanJob.id == job_id).values(**values))


def import_and_scan(
    engine: Engine, job_id: int, path: Path, *, account: str | None = None, workers: int = 2
) -> None:
    """Import the archive into the job's unit, then scan exactly the posts it added."""
    with session_scope(engine) as session:
        job = session.get(ScanJob, job_id)
        if job is None:
            raise ValueError(f"Pekerjaan {job_id} tidak ditemukan.")
        unit_id, created_by = job.unit_id, job.created_by
    imported = 0

    def progress(n: int) -> None:
        nonlocal imported
        imported += n
        _set(engine, job_id, total=imported)
        if _cancel_requested(engine, job_id):
            raise ArchiveError(CANCELLED_MESSAGE)  # import_archive keeps what it stored

    report = import_archive(
        engine, path, unit_id=unit_id, account=account, created_by=created_by, progress=progress
    )
    if report.added == 0 and not report.skipped:
        path.unlink(missing_ok=True)  # nothing usable in it: do not keep the file around
    ids = [report.import_id] if report.import_id else None
    with engine.connect() as conn:
        total = (
            conn.scalar(
                select(func.count())
                .select_from(ArchivedPost)
                .where(ArchivedPost.import_id == report.import_id, ArchivedPost.unit_id == unit_id)
            )
            if ids
            else 0
        ) or 0
    # `import_ids` must never be empty: an empty list would mean "every post of the unit".
    # The stored file name is random and means nothing to the officer.
    error = report.error.replace(path.name, "Berkas unggahan") if report.error else None
    _set(engine, job_id, import_ids=ids or [0], total=total, error=error)
    if _cancel_requested(engine, job_id):
        _set(engine, job_id, status="cancelled", finished_at=utcnow())
        return
    if total == 0:
        status = "failed" if report.error else "done"
        _set(engine, job_id, status=status, finished_at=utcnow())
        return
    _set(engine, job_id, status="queued")
    run_job(engine, job_id, workers=workers)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the worker process; any crash is written to the job row, in Indonesian."""
    import argparse

    from netra.config import get_settings
    from netra.storage.db import make_engine

    parser = argparse.ArgumentParser(prog="netra.web.oversight_jobs")
    parser.add_argument("job_id", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--account", default=None)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    engine = make_engine(get_settings().resolved_database_url)
    workers = max(1, min(2, os.cpu_count() or 1))
    try:
        import_and_scan(engine, args.job_id, args.path, account=args.account, workers=workers)
    except Exception:
        log.exception("oversight job %s failed", args.job_id)
        _set(
            engine,
            args.job_id,
            status="failed",
            finished_at=utcnow(),
            error="Pemindaian gagal karena galat di server; hubungi admin (lihat log server).",
        )
        return 1
    finally:
        engine.dispose()
    return 0


# -- what the job page shows ----------------------------------------------------------------------
@dataclass
class JobView:
    """A job's counters plus what people want to know: percent, posts/s, time left."""

    id: int
    status: str
    status_label: str
    total: int
    scanned: int
    flagged: int
    percent: int
    rate: float | None
    eta_seconds: int | None
    error: str | None
    imports: list[dict[str, Any]]
    created_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    cancel_requested: bool
    engine_version: str | None

    @property
    def terminal(self) -> bool:
        return self.status in TERMINAL

    @property
    def eta_label(self) -> str:
        return format_duration(self.eta_seconds)

    def to_dict(self) -> dict[str, Any]:
        def iso(v: datetime | None) -> str | None:
            return v.isoformat() if v else None

        return {
            "id": self.id,
            "status": self.status,
            "status_label": self.status_label,
            "total": self.total,
            "scanned": self.scanned,
            "flagged": self.flagged,
            "percent": self.percent,
            "posts_per_second": round(self.rate, 1) if self.rate is not None else None,
            "eta_seconds": self.eta_seconds,
            "eta_label": self.eta_label,
            "error": self.error,
            "imports": self.imports,
            "created_at": iso(self.created_at),
            "started_at": iso(self.started_at),
            "finished_at": iso(self.finished_at),
            "cancel_requested": self.cancel_requested,
            "terminal": self.terminal,
            "engine_version": self.engine_version,
        }


def format_duration(seconds: int | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 60:
        return f"{seconds} detik"
    minutes, sec = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} menit {sec} detik"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} jam {minutes} menit"


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)  # SQLite hands back naive UTC
    return value


def job_view(session, job: ScanJob, now: datetime | None = None) -> JobView:
    """Progress from the row alone (so every web worker computes the same): the rate is posts
    scanned over time since `started_at`; the ETA divides what is left by that rate."""
    now = now or datetime.now(UTC)
    started, finished = _aware(job.started_at), _aware(job.finished_at)
    rate = eta = None
    if started is not None and job.scanned:
        elapsed = ((finished or now) - started).total_seconds()
        if elapsed > 0:
            rate = job.scanned / elapsed
            if job.status == "running" and rate > 0:
                eta = int(max(0, job.total - job.scanned) / rate)
    if job.status == "done":
        percent = 100
    elif job.total and job.status != "importing":
        percent = min(100, int(100 * job.scanned / job.total))
    else:
        percent = 0
    imports = []
    ids = [i for i in (job.import_ids or []) if i]
    if ids:
        for row in session.scalars(select(ArchiveImport).where(ArchiveImport.id.in_(ids))):
            imports.append(
                {
                    "id": row.id,
                    "format": row.format,
                    "account": row.account,
                    "status": row.status,
                    "added": row.posts_added,
                    "skipped": row.posts_skipped,
                    "error": row.error,
                    "sha256": row.file_sha256,
                }
            )
    return JobView(
        id=job.id,
        status=job.status,
        status_label=STATUS_LABELS.get(job.status, job.status),
        total=job.total,
        scanned=job.scanned,
        flagged=job.flagged,
        percent=percent,
        rate=rate,
        eta_seconds=eta,
        error=job.error,
        imports=imports,
        created_at=_aware(job.created_at),
        started_at=started,
        finished_at=finished,
        cancel_requested=job.cancel_requested,
        engine_version=job.engine_version,
    )


if __name__ == "__main__":
    raise SystemExit(main())
