"""Throughput and latency of the full analysis engine on one core.

    .venv/bin/python -m benchmarks.throughput            # 10,000 posts
    .venv/bin/python -m benchmarks.throughput --n 2000   # quicker, while developing
    .venv/bin/python -m benchmarks.throughput --worst-case  # also hostile 50,000-char posts

Measures two engines over the same posts: the rulebook alone (`Engine(models=False)`, the
issue-2 target: at least 2,000 posts/s on one core) and the shipped engine with its trained
classifiers (the issue-3 target: at least 1,000 posts/s). Prints build times, posts per second,
per-post latency percentiles and each stage's share of the time (shipped engine). The process
pins itself to one CPU and caps every numeric library's thread pool at one thread *before*
importing anything heavy, so the figure is a one-core figure even on a bigger machine.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS",
             "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "BLIS_NUM_THREADS"):  # fmt: skip
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from datetime import datetime  # noqa: E402
from typing import Any  # noqa: E402

TARGET_POSTS_PER_S = 2000  # all detectors, rulebook only (issue 2)
TARGET_WITH_MODELS_POSTS_PER_S = 1000  # the same with the trained classifiers (issue 3)


def pin_to_one_core() -> int | None:
    """Run on a single CPU (the last one the process may use); None where unsupported."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    index = min(len(sorted_values) - 1, max(0, round(q / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


def time_engine(engine: Any, posts: Sequence[str]) -> tuple[float, float, list[float]]:
    """Wall time, CPU time and per-post wall latencies (seconds) of `engine.analyze`.

    CPU time is reported beside wall time because the benchmark machine is shared: when other
    processes compete for the core, wall time measures them too, CPU time only us.
    """
    latencies = []
    clock = time.perf_counter
    analyze = engine.analyze
    cpu_start = time.process_time()
    start = clock()
    for text in posts:
        t0 = clock()
        analyze(text)
        latencies.append(clock() - t0)
    return clock() - start, time.process_time() - cpu_start, latencies


def time_stages(engine: Any, posts: Sequence[str]) -> dict[str, float]:
    """CPU seconds spent normalising (Document + word view) and in each detector's `detect`."""
    from netra.analysis.context import Context
    from netra.analysis.document import Document

    ctx = Context()
    clock = time.process_time
    t0 = clock()
    docs = []
    for text in posts:
        doc = Document(text, engine.normalizer)
        doc.norm  # noqa: B018  (builds the cached word view, shared by all detectors)
        docs.append(doc)
    stages = {"normalisation (Document, word view)": clock() - t0}
    for detector in engine.detectors:
        detect = detector.detect
        t0 = clock()
        for doc in docs:
            detect(doc, ctx)
        stages[f"detector {detector.name}"] = clock() - t0
    return stages


def worst_case_posts(size: int = 50_000) -> dict[str, str]:
    """Posts of the maximal accepted length built to stress the engine (archive imports and the
    API accept them, so one such post must not stall a scan)."""

    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return {
        "repeated vote call": fill("coblos 02 #PrabowoGibran2024 "),
        "repeated insult": fill("goblok lu anjing "),
        "repeated phone number": fill("wa 0812-3456-7890 "),
        "repeated NIK": fill("NIK 3374061203870004 "),
        "one long word": fill("a"),
        "emoji and zero-width": fill("😀\u200b🙏\u200d"),
    }


def time_worst_cases(engine: Any) -> dict[str, dict[str, float]]:
    """Wall and CPU seconds, and the number of findings, for each worst-case post."""
    out = {}
    for name, text in worst_case_posts().items():
        cpu, wall = time.process_time(), time.perf_counter()
        report = engine.analyze(text)
        out[name] = {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu,
                     "findings": len(report.findings)}  # fmt: skip
    return out


def measure(engine: Any, posts: Sequence[str], warm: Sequence[str]) -> dict[str, Any]:
    """Warm an engine up (lazy models, word caches, as in a running server), then time it."""
    for text in warm:
        engine.analyze(text)
    total_s, cpu_s, latencies = time_engine(engine, posts)
    latencies.sort()
    return {
        "posts_per_s": len(posts) / total_s,
        "posts_per_cpu_s": len(posts) / cpu_s,
        "total_s": total_s,
        "cpu_s": cpu_s,
        "latency_ms": {
            "mean": 1000 * statistics.fmean(latencies),
            "p50": 1000 * percentile(latencies, 50),
            "p95": 1000 * percentile(latencies, 95),
            "p99": 1000 * percentile(latencies, 99),
            "max": 1000 * latencies[-1],
        },
    }


def run(n: int, seed: int, warmup: int, worst_case: bool = False) -> dict[str, Any]:
    from benchmarks.corpus import build_corpus, describe
    from netra.analysis import ENGINE_VERSION, Engine

    cpu = pin_to_one_core()
    posts = build_corpus(n, seed=seed)
    warm = build_corpus(warmup, seed=seed + 1)
    engines: dict[str, dict[str, Any]] = {}
    shipped = None
    for name, models in (("rules only", False), ("with models", True)):
        t0 = time.perf_counter()
        engine = Engine(models=models)
        build_s = time.perf_counter() - t0
        engines[name] = {"build_s": build_s, **measure(engine, posts, warm)}
        shipped = engine
    stages = time_stages(shipped, posts)
    worst = time_worst_cases(shipped) if worst_case else {}
    return {
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "cpu": cpu_model(),
            "cores_available": os.cpu_count(),
            "pinned_cpu": cpu,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_avg_1m": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        },
        "engine_version": ENGINE_VERSION,
        "corpus": {"seed": seed, "warmup_posts": warmup, **describe(posts)},
        "engines": engines,
        "stages_s": stages,
        "worst_case": worst,
    }


def report(result: dict[str, Any]) -> str:
    """The figures as plain text, ready to paste into docs/benchmarks.md."""
    m, c = result["machine"], result["corpus"]
    engines = result["engines"]
    targets = {"rules only": TARGET_POSTS_PER_S, "with models": TARGET_WITH_MODELS_POSTS_PER_S}
    builds = ", ".join(f"{e['build_s']:.2f} s ({name})" for name, e in engines.items())
    lines = [
        f"date            {result['date']}",
        f"machine         {m['cpu']}; {m['cores_available']} cores, pinned to CPU "
        f"{m['pinned_cpu']}; load avg {m['load_avg_1m']:.2f}; Python {m['python']}",
        f"engine          {result['engine_version']}, all detectors; build {builds}",
        f"corpus          {c['posts']:,} posts (seed {c['seed']}), mean {c['mean_chars']:.0f} "
        f"chars, p50 {c['p50_chars']}, p95 {c['p95_chars']}, max {c['max_chars']}; "
        f"{100 * c['share_50_400']:.0f}% 50–400 chars, {100 * c['share_over_800']:.1f}% > 800",
    ]
    for name, e in engines.items():
        target = targets[name]
        verdict = "met" if e["posts_per_s"] >= target else "NOT met"
        cpu_verdict = "met" if e["posts_per_cpu_s"] >= target else "NOT met"
        lat = e["latency_ms"]
        lines += [
            f"{name:<15} {e['posts_per_s']:,.0f} posts/s wall clock on one core (target ≥ "
            f"{target:,}: {verdict}); {e['posts_per_cpu_s']:,.0f} posts per CPU-second "
            f"({cpu_verdict})",
            f"  latency/post  mean {lat['mean']:.2f} ms, p50 {lat['p50']:.2f} ms, "
            f"p95 {lat['p95']:.2f} ms, p99 {lat['p99']:.2f} ms, max {lat['max']:.1f} ms",
        ]
    lines.append("CPU time share, engine with models (stages timed separately, same corpus):")
    stages = result["stages_s"]
    total = sum(stages.values()) or 1.0
    for name, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
        per_post_us = 1e6 * seconds / c["posts"]
        lines.append(f"  {name:<42} {100 * seconds / total:5.1f}%  {per_post_us:8.1f} µs/post")
    if result["worst_case"]:
        lines.append("worst case (one post of 50,000 characters each):")
        for name, w in result["worst_case"].items():
            lines.append(f"  {name:<42} {w['cpu_s']:8.2f} s CPU  {w['findings']:6d} findings")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="posts in the corpus")
    parser.add_argument("--seed", type=int, default=20240214)
    parser.add_argument("--warmup", type=int, default=500, help="posts analysed before timing")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--worst-case", action="store_true", help="also time hostile long posts")
    args = parser.parse_args(argv)
    result = run(args.n, args.seed, args.warmup, args.worst_case)
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else report(result))


if __name__ == "__main__":
    main()
