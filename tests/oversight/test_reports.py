"""Reports: right counts, never another unit's people, HTML/CSV/PDF all render the evidence."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlalchemy import insert, select, update

from netra.oversight.cases import AccessDenied, Officer
from netra.oversight.reports import ReportError, build_report, render_csv, render_html, render_pdf
from netra.oversight.scan import create_job
from netra.oversight.store import import_archive
from netra.oversight.tables import ArchivedPost, ScanJob, ScanResult
from netra.storage.db import make_engine
from netra.storage.migrate import upgrade
from tests.oversight.conftest import make_tweets, write_x_archive

FINDING = {"category": "political_neutrality", "severity": "high", "rules": ["pp-94-2021-p5n"],
           "message": "Ajakan memilih <b>Partai</b>", "text": "coblos"}  # fmt: skip
OFFICER_1 = Officer("Rina", "oversight", unit_id=1)
OFFICER_2 = Officer("Joko", "oversight", unit_id=2)


def _scan_unit(engine, path, unit_id, flagged_every):
    report = import_archive(engine, path, unit_id=unit_id)
    job_id = create_job(engine, import_ids=[report.import_id], unit_id=unit_id)
    with engine.begin() as conn:
        ids = (
            conn.execute(select(ArchivedPost.id).where(ArchivedPost.import_id == report.import_id))
            .scalars()
            .all()
        )
        conn.execute(insert(ScanResult), [
            {"job_id": job_id, "post_id": pid, "verdict": "high_risk" if i % flagged_every == 0
             else "safe", "risk_score": 80 if i % flagged_every == 0 else 0,
             "findings": [FINDING] if i % flagged_every == 0 else None, "engine_version": "t"}
            for i, pid in enumerate(ids)
        ])  # fmt: skip
        conn.execute(update(ScanJob).where(ScanJob.id == job_id).values(status="done"))
    return job_id


@pytest.fixture
def two_units(tmp_path, db_url):
    engine = make_engine(db_url)
    upgrade(engine)
    _scan_unit(engine, write_x_archive(tmp_path / "u1.zip", make_tweets(20)), 1, 4)
    tweets = make_tweets(10, start=500)
    for t in tweets:
        t["full_text"] = "RAHASIA unit dua " + t["full_text"]
    other = tmp_path / "u2.zip"
    write_x_archive(other, tweets)
    _scan_unit(engine, other, 2, 1)
    yield engine
    engine.dispose()


def test_counts_and_worst_posts_of_my_unit_only(two_units):
    report = build_report(two_units, OFFICER_1)
    assert (report.scanned, report.flagged) == (20, 5)
    assert report.category_rows() == [("Netralitas politik", 5, 0, 0, 5)]
    assert len(report.worst) == 5
    assert all("unit dua" not in w.text for w in report.worst)
    other = build_report(two_units, OFFICER_2)
    assert (other.scanned, other.flagged) == (10, 10)


def test_a_unit_report_never_shows_another_units_posts_even_with_its_job_id(two_units):
    other_job = build_report(two_units, OFFICER_2).job_id
    leaked = build_report(two_units, OFFICER_1, job_id=other_job)
    assert leaked.scanned == 0 and leaked.worst == []


def test_period_and_role_filters(two_units):
    assert build_report(two_units, OFFICER_1, start=date(2025, 1, 1)).scanned == 0
    assert build_report(two_units, OFFICER_1, end=date(2024, 12, 31)).scanned == 20
    with pytest.raises(AccessDenied):
        build_report(two_units, Officer("Admin", "admin", unit_id=1))
    with pytest.raises(ReportError):
        build_report(two_units, Officer("Baru", "oversight", unit_id=3))


def test_html_csv_and_pdf(two_units):
    report = build_report(two_units, OFFICER_1)
    html = render_html(report)
    assert "Ajakan memilih &lt;b&gt;Partai&lt;/b&gt;" in html  # escaped
    assert report.worst[0].fingerprint in html and "<svg" in html
    rows = list(csv.reader(io.StringIO(render_csv(report).lstrip("\ufeff"))))
    assert rows[0][0] == "jenis" and rows[1][:6] == ["ringkasan", "Netralitas politik", "5", "0",
                                                       "0", "5"]  # fmt: skip
    assert sum(1 for r in rows if r[0] == "unggahan") == 5
    assert render_pdf(report).startswith(b"%PDF-")
