"""Scan jobs: the engine over every archived post, locally or on a Dask cluster.

The engine is a pure function over a partition of posts (`scan_partition`): workers build their
own engine once and return compact results; this process is the single writer that stores them in
batches. A job is resumable because the posts still to do are exactly those without a result for
the job (a unique (job, post) constraint makes a result stored at most once), and cancellable
through a flag in the database that the writer checks after every batch.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, and_, exists, func, select, update

from netra.oversight.tables import ArchivedPost, ScanJob, ScanResult
from netra.storage.base import utcnow
from netra.storage.db import session_scope

DASK_LOG_LENGTH = 10  # messages Dask keeps for debugging (see _DaskPool)
PARTITION = 1_000  # posts per task: large enough to amortise shipping, small enough to stream

Row = tuple[int, str, str | None]  # post id, text, posted_at ISO
Result = tuple[int, str, int, str | None, list[dict[str, Any]] | None, str]


def scan_partition(rows: Sequence[Row]) -> list[Result]:
    """Analyse a partition of posts. Pure: no database, no shared state but the cached engine."""
    from netra.analysis import get_engine

    engine = get_engine()
    out: list[Result] = []
    for post_id, text, posted_at in rows:
        try:
            report = engine.analyze(text, {"posted_at": posted_at} if posted_at else None)
        except Exception as exc:  # a post the engine refuses is recorded, not fatal
            out.append((post_id, "error", 0, None, [{"error": str(exc)}], ""))
            continue
        if report.findings:
            # Stored findings keep the rule id too (internal; the API contract does not carry it),
            # so reviews can teach which rules cry wolf and cases can suggest a sanction track.
            findings = [{**f.to_dict(), "rule_id": f.rule_id} for f in report.findings]
            cats = ",".join(sorted({f.category for f in report.findings}))
        else:
            findings, cats = None, None
        out.append((post_id, str(report.verdict), report.risk_score, cats, findings,
                    report.engine_version))  # fmt: skip
    return out


@dataclass
class ScanProgress:
    job_id: int
    total: int
    scanned: int
    flagged: int
    started: float

    @property
    def rate(self) -> float:
        elapsed = time.perf_counter() - self.started
        return self.scanned / elapsed if elapsed > 0 else 0.0


def create_job(
    engine: Engine,
    *,
    import_ids: list[int] | None = None,
    unit_id: int | None = None,
    backend: str = "local",
    created_by: str | None = None,
) -> int:
    """Create a scan job over the given imports (or all posts of the unit) and count its posts."""
    from netra.analysis import ENGINE_VERSION

    with session_scope(engine) as session:
        job = ScanJob(
            status="queued", backend=backend, unit_id=unit_id, import_ids=import_ids,
            total=0, scanned=0, flagged=0, cancel_requested=False,
            engine_version=ENGINE_VERSION, created_by=created_by,
        )  # fmt: skip
        session.add(job)
        session.flush()
        job.total = (
            session.scalar(select(func.count()).select_from(ArchivedPost).where(*_post_filter(job)))
            or 0
        )
        return job.id


def _post_filter(job: ScanJob) -> list:
    conditions = []
    if job.import_ids:
        conditions.append(ArchivedPost.import_id.in_(job.import_ids))
    if job.unit_id is not None:
        conditions.append(ArchivedPost.unit_id == job.unit_id)
    return conditions


def _pending(engine: Engine, job: ScanJob, batch: int) -> Iterator[list[Row]]:
    """Posts of the job without a result yet, in id order, by keyset pagination."""
    last = 0
    done = exists().where(and_(ScanResult.job_id == job.id, ScanResult.post_id == ArchivedPost.id))
    while True:
        with engine.connect() as conn:
            rows = conn.execute(
                select(ArchivedPost.id, ArchivedPost.text, ArchivedPost.posted_at)
                .where(ArchivedPost.id > last, ~done, *_post_filter(job))
                .order_by(ArchivedPost.id)
                .limit(batch)
            ).all()
        if not rows:
            return
        last = rows[-1][0]
        yield [(r[0], r[1], _iso(r[2])) for r in rows]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def request_cancel(engine: Engine, job_id: int) -> None:
    with engine.begin() as conn:
        conn.execute(update(ScanJob).where(ScanJob.id == job_id).values(cancel_requested=True))


class _LocalPool:
    """A process pool whose workers each build the engine once."""

    def __init__(self, workers: int) -> None:
        self.pool = ProcessPoolExecutor(max_workers=workers, initializer=_warm_worker)
        self.workers = workers

    def submit(self, rows: list[Row]) -> Future:
        return self.pool.submit(scan_partition, rows)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _DaskPool:
    """Dask distributed: a given scheduler address, or a LocalCluster started here."""

    def __init__(self, scheduler: str | None, workers: int) -> None:
        import dask
        from distributed import Client, LocalCluster

        # Dask keeps its last `low-level-log-length` (1,000) messages in memory, and each task
        # message carries its partition's posts: about 0.7 MB a task, so a 1,000,000-post scan
        # grew the scheduler by 700 MB. Ten are enough for debugging. (A remote scheduler has its
        # own setting: see docs/oversight.md.)
        self._config = dask.config.set({"distributed.admin.low-level-log-length": DASK_LOG_LENGTH})
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True,
                dashboard_address=None, silence_logs=40,
            )  # fmt: skip
            self.client = Client(self.cluster)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or workers)
        self.client.run(_warm_worker)

    def submit(self, rows: list[Row]):
        return self.client.submit(scan_partition, rows, pure=False)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self._config.__exit__(None, None, None)  # the caller's Dask configuration again


def _warm_worker() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from netra.analysis import get_engine

    get_engine()


def run_job(
    engine: Engine,
    job_id: int,
    *,
    workers: int = 2,
    scheduler: str | None = None,
    backend: str | None = None,
    on_progress: Callable[[ScanProgress], None] | None = None,
    partition: int = PARTITION,
    stop_after: int | None = None,
) -> ScanProgress:
    """Run (or resume) a job to the end, until cancelled, or until `stop_after` posts are stored.

    `stop_after` exists to simulate a crash in tests: the job is left `running`, exactly like a
    killed process would leave it, and a later `run_job` continues where it stopped.
    """
    with session_scope(engine) as session:
        job = session.get(ScanJob, job_id)
        if job is None:
            raise ValueError(f"Pekerjaan pemindaian {job_id} tidak ditemukan.")
        backend = backend or job.backend
        job.status, job.backend = "running", backend
        job.started_at = job.started_at or utcnow()
        job.cancel_requested = False
        session.flush()
        session.expunge(job)
    progress = ScanProgress(job_id, job.total, job.scanned, job.flagged, time.perf_counter())
    progress_base = job.scanned
    pool = _DaskPool(scheduler, workers) if backend == "dask" else _LocalPool(workers)
    in_flight: deque = deque()
    stored = 0
    cancelled = False
    try:
        pending = _pending(engine, job, partition)
        exhausted = False
        while True:
            while not exhausted and len(in_flight) < pool.workers * 2:
                rows = next(pending, None)
                if rows is None:
                    exhausted = True
                    break
                in_flight.append(pool.submit(rows))
            if not in_flight:
                break
            results = in_flight.popleft().result()
            flagged = _store_results(engine, job_id, results)
            stored += len(results)
            progress.scanned = progress_base + stored
            progress.flagged += flagged
            if on_progress:
                on_progress(progress)
            if _cancel_requested(engine, job_id):
                cancelled = True
                break
            if stop_after is not None and stored >= stop_after:
                return progress
    finally:
        pool.close()
    _finish(engine, job_id, "cancelled" if cancelled else "done")
    return progress


def _store_results(engine: Engine, job_id: int, results: list[Result]) -> int:
    now = utcnow()
    rows = [
        {"job_id": job_id, "post_id": pid, "verdict": verdict, "risk_score": risk,
         "categories": cats, "findings": findings, "engine_version": version, "scanned_at": now}
        for pid, verdict, risk, cats, findings, version in results
    ]  # fmt: skip
    flagged = sum(1 for r in results if r[1] in ("review", "high_risk"))
    with engine.begin() as conn:
        conn.execute(ScanResult.__table__.insert(), rows)
        conn.execute(
            update(ScanJob)
            .where(ScanJob.id == job_id)
            .values(scanned=ScanJob.scanned + len(rows), flagged=ScanJob.flagged + flagged)
        )
    return flagged


def _cancel_requested(engine: Engine, job_id: int) -> bool:
    with engine.connect() as conn:
        return bool(conn.scalar(select(ScanJob.cancel_requested).where(ScanJob.id == job_id)))


def _finish(engine: Engine, job_id: int, status: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(ScanJob).where(ScanJob.id == job_id).values(status=status, finished_at=utcnow())
        )
