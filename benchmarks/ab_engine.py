"""Engine speed of two revisions, alternating on one core: the fair way on a shared machine.

    .venv/bin/python -m benchmarks.ab_engine --base 74c6d6c              # base vs the checkout
    .venv/bin/python -m benchmarks.ab_engine --base HEAD~3 --new HEAD --rounds 16
    .venv/bin/python -m benchmarks.ab_engine --base 74c6d6c --models     # shipped engines

Why: the host's speed drifts from hour to hour (the same code measured 1,749 and 2,885 posts/s
on one day), so two benchmark runs one after the other compare the host as much as the code.
Here each revision runs in its own process, both pinned to the same CPU, warmed up, and they take
turns over the same posts, round after round; the median of the per-round time ratios is the
figure to read. Revisions other than the checkout are checked out into temporary git worktrees
(removed afterwards) and run with this venv's Python and packages.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs inside each revision's tree, so it may only use what every revision has.
_WORKER = """
import inspect, os, sys, time
os.sched_setaffinity(0, {int(sys.argv[1])})
from benchmarks.corpus import build_corpus
from netra.analysis import Engine
posts = build_corpus(int(sys.argv[2]), seed=20240214)
models = sys.argv[3] == "1"
if "models" in inspect.signature(Engine).parameters:
    engine = Engine(models=models)
else:
    engine = Engine()  # older revisions had no models in the engine
for text in build_corpus(300, seed=1) + posts:
    engine.analyze(text)
print("ready", flush=True)
for _ in sys.stdin:
    t0 = time.process_time()
    for text in posts:
        engine.analyze(text)
    print((time.process_time() - t0) / len(posts) * 1e6, flush=True)
"""


def _tree(rev: str | None, workdir: Path) -> Path:
    """The checkout itself (rev None) or a temporary worktree of `rev`."""
    if rev is None:
        return ROOT
    path = workdir / rev.replace("/", "_").replace("~", "-")
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", "--force", str(path), rev],
        check=True,
        capture_output=True,
    )
    return path


def _start(tree: Path, cpu: int, posts: int, models: bool) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHONPATH": f"{tree / 'src'}{os.pathsep}{tree}",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", _WORKER, str(cpu), str(posts), "1" if models else "0"],
        cwd=tree,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    if proc.stdout.readline().strip() != "ready":
        raise SystemExit(f"the engine of {tree} did not start")
    return proc


def compare(base: str, new: str | None, rounds: int, posts: int, models: bool) -> dict:
    """Median µs a post of each revision and the median per-round ratio new / base."""
    cpu = max(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory(prefix="netra-ab-") as tmp:
        trees = {"base": _tree(base, Path(tmp)), "new": _tree(new, Path(tmp))}
        try:
            procs = {name: _start(tree, cpu, posts, models) for name, tree in trees.items()}
            times: dict[str, list[float]] = {"base": [], "new": []}
            for r in range(rounds):
                for name in ("base", "new") if r % 2 == 0 else ("new", "base"):
                    proc = procs[name]
                    assert proc.stdin is not None and proc.stdout is not None
                    proc.stdin.write("go\n")
                    proc.stdin.flush()
                    times[name].append(float(proc.stdout.readline()))
            for proc in procs.values():
                assert proc.stdin is not None
                proc.stdin.close()
                proc.wait()
        finally:
            for tree in trees.values():
                if tree != ROOT:
                    subprocess.run(
                        ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                        check=False,
                        capture_output=True,
                    )
    ratios = [n / b for b, n in zip(times["base"], times["new"], strict=True)]
    return {
        "base_us": statistics.median(times["base"]),
        "new_us": statistics.median(times["new"]),
        "ratio": statistics.median(ratios),
        "ratio_range": (min(ratios), max(ratios)),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="git revision to compare against")
    parser.add_argument("--new", default=None, help="git revision (default: the checkout)")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--posts", type=int, default=1500, help="posts a round")
    parser.add_argument("--models", action="store_true", help="the shipped engines, with models")
    args = parser.parse_args(argv)
    result = compare(args.base, args.new, args.rounds, args.posts, args.models)
    low, high = result["ratio_range"]
    print(
        f"base {args.base}: {result['base_us']:.1f} µs a post · "
        f"new {args.new or 'checkout'}: {result['new_us']:.1f} µs a post · "
        f"time ratio new/base median {result['ratio']:.3f} (rounds {low:.3f}–{high:.3f}) · "
        f"{args.rounds} rounds of {args.posts} posts, {'with' if args.models else 'without'} models"
    )


if __name__ == "__main__":
    main()
