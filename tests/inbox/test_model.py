"""The labelled data set and the shipped triage model.

Accuracy is not asserted here (it is measured by benchmarks/inbox_eval.py on the evaluation part
and recorded in docs/benchmarks.md); these tests check that the data is sound and split as
documented, that the shipped artifact is exactly what training produces, and that it classifies
a few unambiguous messages sensibly.
"""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pytest

from netra.inbox import dataset
from netra.inbox.features import view
from netra.inbox.lexicons import INTENTS, get_lexicons
from netra.inbox.model import TriageModel, get_model
from netra.inbox.train import train
from netra.inbox.triage import classify

LAST_SPLIT_ID = 1071  # the last message of batch 5


@pytest.fixture(scope="module")
def rows():
    return dataset.load()


def test_data_set_size_labels_and_split(rows):
    assert len(rows) >= 600
    assert len({r.id for r in rows}) == len(rows) and len({r.text for r in rows}) == len(rows)
    topics = set(get_lexicons().topic_ids)
    assert all(r.topic in topics for r in rows)
    assert all(r.urgency == "high" for r in rows if r.intent == "emergency")
    # batches 1-5 (inb-0001 … inb-1071): a stratified third of each intent is `eval`; batch 6
    # (written after the urgency check set) is train-only, so the evaluation part stays the same
    split_batches = [r for r in rows if int(r.id[4:]) <= LAST_SPLIT_ID]
    assert all(r.split == "train" for r in rows if int(r.id[4:]) > LAST_SPLIT_ID)
    assert sum(r.split == "eval" for r in rows) == 357
    per_intent = Counter((r.intent, r.split) for r in split_batches)
    for intent in INTENTS:
        total = per_intent[(intent, "train")] + per_intent[(intent, "eval")]
        assert total >= 60, intent
        assert abs(per_intent[(intent, "eval")] / total - 1 / 3) < 0.05, intent
    assert abs(sum(r.split == "eval" for r in split_batches) / len(split_batches) - 1 / 3) < 0.01


def test_training_never_reads_the_evaluation_part(rows):
    assert all(r.split == "train" for r in dataset.training_rows())
    with pytest.raises(ValueError, match="evaluation"):
        train([r for r in rows if r.split == "eval"][:5], tune=False)


def test_shipped_model_matches_a_fresh_training():
    """Retrain with the shipped C and threshold (the tuning search itself is what `netra inbox
    train` runs): same vocabulary, same coefficients, same predictions on a sample."""
    shipped = TriageModel.load()
    assert shipped.meta["trained_on"]["sha256"] == dataset.fingerprint(dataset.training_rows())
    fresh, _ = train(
        dataset.training_rows(),
        tune=False,
        c=float(shipped.meta["c"]),
        threshold=float(shipped.thresholds["high"]),
    )
    assert fresh.vectorizer.vocab == shipped.vectorizer.vocab
    for name, head in shipped.heads.items():
        assert head.labels == fresh.heads[name].labels
        np.testing.assert_allclose(head.coef, fresh.heads[name].coef, atol=1e-5)
        np.testing.assert_allclose(head.intercept, fresh.heads[name].intercept, atol=1e-5)
    sample = random.Random(7).sample(dataset.load(), 60)
    for row in sample:
        v = view(row.text)
        a, b = shipped.predict(v), fresh.predict(v)
        for head in a:
            assert max(a[head], key=a[head].get) == max(b[head], key=b[head].get)


def test_artifact_is_small_and_pickle_free():
    from netra.inbox.model import MODEL_DIR

    npz = MODEL_DIR / "triage.npz"
    assert npz.stat().st_size < 2_000_000
    with np.load(npz, allow_pickle=False) as data:
        assert {"vocab_word", "vocab_char", "coef_intent", "coef_topic", "coef_urgency"} <= set(
            data.files
        )


@pytest.mark.parametrize(
    "text, intent, urgency",
    [
        ("Min, syarat bikin KTP elektronik apa aja ya?", "question", "normal"),
        (
            "Jalan depan rumah rusak parah dari tahun lalu gak pernah diperbaiki!!",
            "complaint",
            "normal",
        ),
        ("Usul dong min, trans kota ditambah rutenya ke kawasan industri", "aspiration", "low"),
        (
            "Terima kasih banyak petugas puskesmas, pelayanannya ramah sekali 🙏",
            "appreciation",
            "low",
        ),
        (
            "TOLONG!!! rumah tetangga kebakaran, api sudah besar, ada nenek di dalam",
            "emergency",
            "high",
        ),
        ("SLOT GACOR hari ini, deposit 10rb WD jutaan, klik link di bio 💰", "spam", "low"),
    ],
)
def test_shipped_model_classifies_unambiguous_messages(text, intent, urgency):
    result = classify(text)
    assert (result.intent, result.urgency) == (intent, urgency)


@pytest.mark.parametrize(
    "text",
    [
        "tlg pak anak sy kejang2 gk sadar skrg, ambulan dmn??",  # slang, no punctuation
        "Air sudah sepinggang dan terus naik, nenek kami tidak bisa jalan",
        "ada orang kesetrum kabel PLN di depan rumah, udah ga gerak",
        "anak saya hilang dari jam 3 sore, umur 5 tahun, tolong bantu cari",
    ],
)
def test_emergencies_in_everyday_language_are_high(text):
    assert classify(text).urgency == "high"


@pytest.mark.parametrize(
    "text",
    [
        "Terima kasih damkar kemarin cepat memadamkan api di gudang 🙏",
        "Kapan ada sosialisasi pencegahan kebakaran di kelurahan kami?",
        "KTP saya hilang, tolong info cara bikin lagi",
    ],
)
def test_danger_words_in_thanks_and_questions_are_not_high(text):
    assert classify(text).urgency != "high"


def test_model_is_loaded_once_and_lazily():
    assert get_model() is get_model()
