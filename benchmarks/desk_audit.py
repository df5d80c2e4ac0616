"""The desk's two hot paths: appending to the audit chain (serialised by design) and one
scheduler pass; plus how fast `netra audit verify` proves a chain.

    python -m benchmarks.desk_audit --events 3000 --jobs 200 [--database-url postgresql://…]

Prints events/s for appends from 1 and from 4 concurrent writers (the head-row lock makes them
queue, which is the point), events/s for verification, and jobs/s for a scheduler pass with an
in-memory publisher (what the database costs per publication: claim, archive, audit, settle).
Bounded in count; the SQLite database lives in a temporary directory.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from pathlib import Path


def appends(url: str, writers: int, per_writer: int) -> float:
    from netra.audit import record
    from netra.storage.db import make_engine, session_scope

    engines = [make_engine(url) for _ in range(writers)]
    barrier = threading.Barrier(writers)

    def work(engine) -> None:
        barrier.wait()
        for i in range(per_writer):
            with session_scope(engine) as session:
                record(
                    session,
                    "bench.event",
                    actor="bench",
                    object_type="bench",
                    object_id=i,
                    payload={"i": i, "text_sha256": "ab" * 32},
                )

    threads = [threading.Thread(target=work, args=(e,)) for e in engines]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    for e in engines:
        e.dispose()
    return writers * per_writer / elapsed


def scheduler_pass(url: str, data_dir: Path, jobs: int) -> float:
    from netra.desk import Actor, DeskConfig, DeskContext, drafts, scheduler, workflow
    from netra.desk.channels import CHANNEL_IDS
    from netra.desk.publishers import FeedPublisher
    from netra.storage.db import make_engine

    def safe(text, _context):
        return {
            "id": None,
            "verdict": "safe",
            "risk_score": 0,
            "findings": [],
            "redacted_text": text,
            "engine_version": "bench",
        }

    ctx = DeskContext(
        db=make_engine(url),
        config=DeskConfig(data_dir=data_dir),
        publishers={c: FeedPublisher() for c in CHANNEL_IDS},
        checker=safe,
    )
    author = Actor("Penulis", frozenset({"author"}), user_id=1, unit_id=1)
    reviewer = Actor("Peninjau", frozenset({"reviewer"}), user_id=2, unit_id=1)
    for i in range(jobs // 2):
        d = drafts.create_draft(
            ctx,
            author,
            title=f"Info {i}",
            text=f"Informasi layanan {i}.",
            channels=["website", "whatsapp_channel"],
        )
        workflow.submit(ctx, author, d.id)
        workflow.approve(ctx, reviewer, d.id)
        workflow.schedule(ctx, author, d.id)
    start = time.perf_counter()
    published = 0
    while True:
        report = scheduler.run_due(ctx, limit=100)
        published += report.published
        if not report.claimed:
            break
    elapsed = time.perf_counter() - start
    ctx.db.dispose()
    return published / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--jobs", type=int, default=200)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    from netra.audit import verify
    from netra.storage.db import make_engine
    from netra.storage.migrate import upgrade

    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        engine = make_engine(url)
        upgrade(engine)
        backend = engine.dialect.name
        one = appends(url, 1, args.events // 2)
        four = appends(url, 4, args.events // 8)
        start = time.perf_counter()
        result = verify(engine)
        verify_rate = result.checked / (time.perf_counter() - start)
        assert result.ok, result.problem
        jobs_rate = scheduler_pass(url, Path(tmp), args.jobs)
        engine.dispose()
    print(f"backend: {backend}")
    print(f"audit append, 1 writer : {one:8.0f} events/s")
    print(f"audit append, 4 writers: {four:8.0f} events/s (total; serialised on the head row)")
    print(f"audit verify           : {verify_rate:8.0f} events/s ({result.checked} events)")
    print(f"scheduler pass         : {jobs_rate:8.0f} publications/s (in-memory publisher)")


if __name__ == "__main__":
    main()
