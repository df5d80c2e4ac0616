"""The artifact format and the runtime arithmetic: identical to what training computed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from netra.analysis.document import Document
from netra.analysis.normalize import default_normalizer
from netra.models.features import FeatureConfig, Featurizer
from netra.models.linear import LinearModel
from netra.training.vectorize import CountCorpus, Vocabulary

TEXTS = [
    "dasar bodoh kamu ya",
    "pelayanan kantor kecamatan sangat cepat",
    "yg b0d0hhh itu kamu",
    "terima kasih bapak ibu atas kerja samanya",
    "kamu bodoh banget sih",
    "jadwal vaksinasi di puskesmas hari senin",
]


def _model(multilabel: bool = True) -> tuple[LinearModel, CountCorpus, Vocabulary]:
    featurizer = Featurizer(FeatureConfig(word_ngrams=2, char_min=2, char_max=4, surface_max=3))
    corpus = CountCorpus.build(featurizer, TEXTS, default_normalizer())
    vocab = Vocabulary.fit(corpus, np.arange(4), min_df=1, scales={"char": 0.5})
    rng = np.random.default_rng(7)
    k = 2 if multilabel else 3
    model = LinearModel(
        name="t",
        labels=("a", "b") if multilabel else ("x", "y", "z"),
        multilabel=multilabel,
        featurizer=featurizer,
        blocks=vocab.blocks(corpus),
        coef=rng.normal(size=(vocab.size, k)).astype(np.float32),
        intercept=rng.normal(size=k),
        calib_a=np.array([1.3, 0.7]) if multilabel else np.array([0.9]),
        calib_b=np.array([-0.2, 0.1]) if multilabel else np.zeros(1),
    )
    return model, corpus, vocab


def test_runtime_vector_equals_the_training_matrix_row() -> None:
    model, corpus, vocab = _model()
    X = vocab.transform(corpus)  # includes rows 4 and 5, unseen when the vocabulary was fitted
    for i, text in enumerate(TEXTS):
        x = model.vectorize(Document(text))
        dense = np.zeros(X.shape[1])
        dense[x.columns] = x.values
        np.testing.assert_allclose(dense, X[i].toarray().ravel(), atol=1e-12)


def test_save_and_load_give_the_same_probabilities(tmp_path: Path) -> None:
    model, _, _ = _model()
    model.meta = {"thresholds": {"a": {"threshold": 0.4}}}
    model.save(tmp_path)
    with np.load(tmp_path / "model.npz", allow_pickle=False) as data:  # no pickled objects inside
        assert "coef" in data.files
    loaded = LinearModel.load(tmp_path)
    assert loaded.thresholds == {"a": 0.4}
    for text in TEXTS:
        doc = Document(text)
        np.testing.assert_array_equal(model.score_document(doc)[1], loaded.score_document(doc)[1])


def test_token_contributions_add_up_to_the_score() -> None:
    model, _, _ = _model()
    doc = Document("dasar bodoh kamu ya, yg b0d0hhh")
    x = model.vectorize(doc)
    for k in range(2):
        parts = model.token_contributions(x, k)
        assert set(parts) <= set(range(len(doc.tokens)))
        assert sum(parts.values()) == pytest.approx(model.logits(x)[k] - model.intercept[k])


def test_multiclass_probabilities_sum_to_one_and_unknown_text_falls_back() -> None:
    model, _, _ = _model(multilabel=False)
    _, p = model.score_document(Document("qwxz zzkq"))  # nothing in the vocabulary
    assert p.sum() == pytest.approx(1.0)
    z = model.intercept * model.calib_a[0]
    np.testing.assert_allclose(p, np.exp(z - z.max()) / np.exp(z - z.max()).sum())
