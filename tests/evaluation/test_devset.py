"""The shipped dev set follows its labelling guide and is big and varied enough to matter."""

from __future__ import annotations

from collections import Counter

import pytest

from netra.evaluation.checks import dataset_problems
from netra.evaluation.dataset import CATEGORIES, load_items


@pytest.fixture(scope="module")
def items():
    return load_items()


def test_every_item_follows_the_labelling_guide(items):
    assert dataset_problems(items) == []


def test_size_and_split(items):
    assert len(items) >= 400
    holdout = sum(item.split == "holdout" for item in items)
    assert 0.25 <= holdout / len(items) <= 0.40


@pytest.mark.parametrize("split", ["dev", "holdout"])
def test_every_category_is_represented_in_both_splits(items, split):
    counts = Counter(label for item in items if item.split == split for label in item.labels)
    for category in CATEGORIES:
        assert counts[category] >= 10, (category, split)


def test_many_posts_must_not_be_flagged(items):
    tags = Counter(tag for item in items for tag in item.tags)
    assert sum(not item.labels for item in items) >= 0.3 * len(items)
    assert tags["official_humas"] >= 60
    assert tags["neutral_election_info"] >= 30
    assert tags["lookalike"] >= 50


def test_spans_cover_every_personal_data_entity(items):
    entities = Counter(span.entity for item in items for span in item.spans)
    for entity in ("nik", "nip", "kk", "npwp", "phone", "email", "bank_account", "passport",
                   "license_plate", "address", "health", "birth_date", "mother_name"):  # fmt: skip
        assert entities[entity] >= 3, entity
