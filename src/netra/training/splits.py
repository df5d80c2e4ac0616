"""Seeded, stratified splits: which rows a model may learn from and which it is judged on.

The held-out test rows are chosen once, from the data alone (a fixed seed, stratified on a
coarse label key), so `netra train` and `netra evaluate` agree on them without storing indices,
and no tuning step ever sees them.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from sklearn.model_selection import StratifiedKFold, StratifiedShuffleSplit

from netra.training.data import Dataset

SEED = 20240611
TEST_SIZE = 0.2
N_FOLDS = 5


def strata(ds: Dataset, columns: int | None = None) -> np.ndarray:
    """A stratification key: the class (single-label) or the combination of the first labels.

    Combinations seen fewer than `N_FOLDS` times are pooled, so every stratum can be split.
    """
    if not ds.multilabel:
        return ds.label_ids()
    cols = ds.y[:, : columns or ds.y.shape[1]]
    keys = ["".join(map(str, row)) for row in cols.tolist()]
    counts = Counter(keys)
    pooled = [k if counts[k] >= N_FOLDS * 2 else "rare" for k in keys]
    names = {k: i for i, k in enumerate(sorted(set(pooled)))}
    return np.array([names[k] for k in pooled])


def holdout(
    ds: Dataset, *, columns: int | None = None, seed: int = SEED
) -> tuple[np.ndarray, np.ndarray]:
    """(train rows, test rows): a stratified 80/20 split."""
    splitter = StratifiedShuffleSplit(n_splits=1, test_size=TEST_SIZE, random_state=seed)
    train, test = next(splitter.split(np.zeros(len(ds)), strata(ds, columns)))
    return np.sort(train), np.sort(test)


def folds(
    ds: Dataset, rows: np.ndarray, *, columns: int | None = None, seed: int = SEED
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified K folds over `rows` (positions into the data set, not into `rows`)."""
    key = strata(ds, columns)[rows]
    splitter = StratifiedKFold(n_splits=N_FOLDS, shuffle=True, random_state=seed)
    return [(rows[a], rows[b]) for a, b in splitter.split(np.zeros(len(rows)), key)]
