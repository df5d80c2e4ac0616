"""Scan jobs: every post scanned and stored exactly once, resumable after a kill, cancellable,
on the process pool and on a Dask LocalCluster."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from netra.oversight.scan import create_job, request_cancel, run_job, scan_partition
from netra.oversight.store import import_archive
from netra.oversight.tables import ScanJob, ScanResult
from netra.storage.db import make_engine
from netra.storage.migrate import upgrade
from tests.oversight.conftest import make_tweets, write_x_archive


@pytest.fixture
def loaded(tmp_path, db_url):
    engine = make_engine(db_url)
    upgrade(engine)
    report = import_archive(engine, write_x_archive(tmp_path / "a.zip", make_tweets(120)))
    yield engine, report.import_id
    engine.dispose()


def _results(engine, job_id):
    with engine.connect() as conn:
        count = conn.scalar(
            select(func.count()).select_from(ScanResult).where(ScanResult.job_id == job_id)
        )
        distinct = conn.scalar(
            select(func.count(func.distinct(ScanResult.post_id))).where(ScanResult.job_id == job_id)
        )
        job = conn.execute(select(ScanJob).where(ScanJob.id == job_id)).one()
    return count, distinct, job


def test_partition_is_a_pure_function_of_its_posts():
    rows = [(1, "Selamat pagi warga", None), (2, "Jadwal layanan KTP", "2024-02-01T08:00:00")]
    first = scan_partition(rows)
    assert [r[0] for r in first] == [1, 2]
    assert first == scan_partition(rows)


def test_scan_stores_every_post_once(loaded):
    engine, import_id = loaded
    job_id = create_job(engine, import_ids=[import_id])
    progress = run_job(engine, job_id, workers=1, partition=25)
    count, distinct, job = _results(engine, job_id)
    assert count == distinct == job.total == job.scanned == progress.scanned == 120
    assert job.status == "done"


def test_killed_job_resumes_without_scanning_twice_or_losing(loaded):
    engine, import_id = loaded
    job_id = create_job(engine, import_ids=[import_id])
    run_job(engine, job_id, workers=1, partition=10, stop_after=40)  # the "kill"
    count, _, job = _results(engine, job_id)
    assert 40 <= count < 120 and job.status == "running"
    run_job(engine, job_id, workers=1, partition=10)
    count, distinct, job = _results(engine, job_id)
    assert count == distinct == job.scanned == 120
    assert job.status == "done"


def test_cancel_stops_the_job(loaded):
    engine, import_id = loaded
    job_id = create_job(engine, import_ids=[import_id])
    seen = []

    def cancel_on_first(progress):
        seen.append(progress.scanned)
        request_cancel(engine, job_id)

    run_job(engine, job_id, workers=1, partition=10, on_progress=cancel_on_first)
    count, _, job = _results(engine, job_id)
    assert job.status == "cancelled"
    assert count < 120


@pytest.mark.slow
def test_dask_local_cluster_path(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'dask.db'}")
    upgrade(engine)
    report = import_archive(engine, write_x_archive(tmp_path / "a.zip", make_tweets(60)))
    job_id = create_job(engine, import_ids=[report.import_id], backend="dask")
    run_job(engine, job_id, workers=2, partition=10)
    count, distinct, job = _results(engine, job_id)
    assert count == distinct == job.scanned == 60
    assert job.backend == "dask" and job.status == "done"
    engine.dispose()
