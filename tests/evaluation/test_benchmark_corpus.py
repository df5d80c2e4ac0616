"""The benchmark corpus is reproducible, looks like real posts, and never leaks the holdout."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import build_corpus, describe
from benchmarks.throughput import percentile
from netra.evaluation.dataset import load_items

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus():
    return build_corpus(2000, seed=7)


def test_same_seed_same_corpus_other_seed_other_corpus(corpus):
    assert build_corpus(2000, seed=7) == corpus
    assert build_corpus(2000, seed=8) != corpus


def test_lengths_look_like_real_posts(corpus):
    stats = describe(corpus)
    assert stats["posts"] == 2000
    assert stats["share_50_400"] >= 0.85
    assert 0.01 <= stats["share_over_800"] <= 0.10
    assert all(post.strip() for post in corpus)


def test_holdout_posts_never_enter_the_corpus(corpus):
    holdout = [item.text for item in load_items(split="holdout") if len(item.text) > 40]
    joined = "\n".join(corpus)
    assert not [text for text in holdout if text in joined]


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 50) == 50
    assert percentile(values, 99) == 99
    assert percentile([3.0], 95) == 3.0


def test_throughput_script_runs_end_to_end():
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.throughput", "--n", "60", "--warmup", "10"],
        capture_output=True, text=True, cwd=ROOT, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    labels = ["rules only", "with models", "posts/s wall clock on one core",
              "posts per CPU-second", "latency/post", "p99", "all detectors; build",
              "detector personal_data", "normalisation"]  # fmt: skip
    for label in labels:
        assert label in proc.stdout, label
