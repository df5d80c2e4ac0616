"""Oversight at scale: import and scan a synthetic archive; posts/s and memory as it grows.

    python benchmarks/oversight_scan.py --posts 1000000 --backend both

Prints, per backend (process pool, Dask LocalCluster): import rate, scan rate, overall rate
(import + scan), and the resident memory of this process plus its workers, sampled during the
scan at each quarter of the archive so that growth (or its absence) is visible.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import psutil

from benchmarks.synthetic_archive import write_jsonl


class MemorySampler:
    """Samples the RSS of this process and all its children every 0.5 s."""

    def __init__(self) -> None:
        self.peak = 0
        self.current = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    continue
            self.current = total
            self.peak = max(self.peak, total)
            time.sleep(0.5)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def run(backend: str, archive: Path, posts: int, workers: int) -> dict:
    from netra.oversight.scan import create_job, run_job
    from netra.oversight.store import import_archive
    from netra.storage.db import make_engine
    from netra.storage.migrate import upgrade

    db_path = Path(tempfile.mkdtemp()) / "scan.db"
    engine = make_engine(f"sqlite:///{db_path}")
    upgrade(engine)
    t0 = time.perf_counter()
    report = import_archive(engine, archive, unit_id=1, batch_size=5_000)
    t_import = time.perf_counter() - t0
    job_id = create_job(engine, import_ids=[report.import_id], unit_id=1, backend=backend)
    quarters: dict[int, float] = {}
    with MemorySampler() as mem:

        def on_progress(p) -> None:
            q = int(4 * p.scanned / max(p.total, 1))
            if q not in quarters:
                quarters[q] = mem.current / 1e6

        t1 = time.perf_counter()
        progress = run_job(
            engine, job_id, workers=workers, backend=backend, on_progress=on_progress
        )
        t_scan = time.perf_counter() - t1
    engine.dispose()
    return {
        "backend": backend,
        "posts": report.added,
        "import_s": t_import,
        "scan_s": t_scan,
        "import_rate": report.added / t_import,
        "scan_rate": progress.scanned / t_scan,
        "overall_rate": progress.scanned / (t_import + t_scan),
        "flagged": progress.flagged,
        "peak_mb": mem.peak / 1e6,
        "quarters_mb": [round(quarters.get(q, 0)) for q in range(1, 5)],
        "db_mb": db_path.stat().st_size / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--backend", choices=["local", "dask", "both"], default="both")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    archive = Path(tempfile.gettempdir()) / f"netra-archive-{args.posts}.jsonl"
    if not archive.exists():
        write_jsonl(archive, args.posts, seed=2024)
    backends = ["local", "dask"] if args.backend == "both" else [args.backend]
    size_mb = archive.stat().st_size / 1e6
    print(f"arsip: {args.posts} unggahan, {size_mb:.0f} MB; {os.cpu_count()} inti")
    for backend in backends:
        r = run(backend, archive, args.posts, args.workers)
        print(
            f"{r['backend']:>5}: impor {r['import_rate']:,.0f}/dtk ({r['import_s']:.0f} dtk) · "
            f"pindai {r['scan_rate']:,.0f}/dtk ({r['scan_s']:.0f} dtk) · "
            f"keseluruhan {r['overall_rate']:,.0f}/dtk · bertanda {r['flagged']} · "
            f"memori puncak {r['peak_mb']:,.0f} MB · per kuartal {r['quarters_mb']} MB · "
            f"basis data {r['db_mb']:,.0f} MB"
        )


if __name__ == "__main__":
    main()
