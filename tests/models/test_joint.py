"""The joint scorer gives the same numbers as each model's reference arithmetic, only faster.

`LinearModel.score_document` computes exactly what training computed (tests/models/test_linear.py);
`JointScorer` is an optimisation of it for the detectors and must never change a prediction.
"""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.corpus import build_corpus
from netra.analysis import classifiers
from netra.analysis.document import Document
from netra.analysis.normalize import default_normalizer
from netra.evaluation.dataset import load_items
from netra.models.joint import JointScorer, compatible

NAMES = ("hate_abuse", "toxicity")

# Shapes that exercise every branch of the fused token loop: links (ignored tokens), mentions,
# a slang word the normaliser expands into several tokens (one original span), capitals and
# leetspeak (spelling differs from the normalised word), an over-long word, emoji only.
EDGE_CASES = [
    "cek https://t.co/abc123 dasar b0d0h @akun_bupati goblok!!!",
    "PDIP dan GOLKAR sama2 bgsd, anjjjiiingg",
    "supercalifragilisticexpialidociousbangetdeh kamu",
    "🙏🙏🙏",
    "Jadwal vaksinasi di puskesmas, info: www.puskesmas.go.id/jadwal @humas_kota",
    "yg b0d0hhh itu kamu, yg bodoh itu kamu",
]


@pytest.fixture(scope="module")
def models():
    return [classifiers.load_model(n) for n in NAMES]


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    texts = [item.text for item in load_items()] + build_corpus(1500, seed=7) + EDGE_CASES
    normalizer = default_normalizer()
    return [Document(t, normalizer) for t in texts]


def _dense(parts: dict[int, float], n: int) -> np.ndarray:
    out = np.zeros(n)
    for t, w in parts.items():
        out[t] = w
    return out


def test_the_shipped_post_models_can_be_scored_together(models) -> None:
    assert compatible(models)
    # The inbox models read raw-text n-grams or a sentence embedding: they keep their own path.
    assert not compatible([classifiers.load_model("sentiment")])


def test_joint_probabilities_equal_each_models_own_on_thousands_of_posts(models, docs) -> None:
    joint = JointScorer(models, classifiers.HOT_LABELS)  # as the detectors use it
    assert len(docs) > 2000
    worst = 0.0
    for doc in docs:
        probs, post = joint.score(doc)
        hot = probs[joint.hot].copy()
        assert not np.isnan(hot).any() and np.isnan(probs[joint.cold]).all()
        joint.complete(probs, post)  # target, strength, scope: computed on demand
        assert np.array_equal(probs[joint.hot], hot)
        for k, model in enumerate(models):
            _, reference = model.score_document(doc)
            worst = max(worst, float(np.abs(probs[joint.slices[k]] - reference).max()))
    assert worst < 1e-9


def test_joint_token_contributions_equal_the_reference_sharing(models, docs) -> None:
    joint = JointScorer(models)
    sample = docs[::25] + docs[-len(EDGE_CASES) :]
    for doc in sample:
        _, post = joint.score(doc)
        for k, model in enumerate(models):
            x = model.vectorize(doc)
            for label in range(len(model.labels)):
                reference = _dense(model.token_contributions(x, label), len(doc.tokens))
                np.testing.assert_allclose(
                    joint.contributions(post, k, label), reference, rtol=0, atol=1e-9
                )


def test_one_model_alone_gives_the_same_numbers_as_in_the_pair(models, docs) -> None:
    pair, alone = JointScorer(models), JointScorer(models[1:])
    for doc in docs[:300]:
        both, _ = pair.score(doc)
        single, _ = alone.score(doc)
        np.testing.assert_allclose(both[pair.slices[1]], single, rtol=0, atol=1e-12)


def test_a_document_is_scored_once_for_all_three_detectors(monkeypatch) -> None:
    doc = Document("Dasar cina kafir, usir saja dari negeri ini!")
    joint = classifiers.scorer(NAMES)
    calls: list[Document] = []
    original = joint.score

    def counting(d: Document):
        calls.append(d)
        return original(d)

    monkeypatch.setattr(joint, "score", counting)
    for category, options in (
        ("hate_speech", {"with_sara": True}),
        ("abusive_language", {}),
        ("prohibited_content", {}),
    ):
        out = classifiers.post_model(category, **options).predict(doc)
        assert 0.0 <= out.probability <= 1.0
    assert calls == [doc]


def test_the_detectors_compute_target_and_strength_only_when_asked() -> None:
    doc = Document("Jadwal vaksinasi di puskesmas kecamatan dibuka mulai Senin pukul 08.00 WIB.")
    out = classifiers.post_model("hate_speech", with_sara=True).predict(doc)
    scores = classifiers.post_scores(doc, NAMES)
    assert 0.0 <= out.probability <= 1.0 and 0.0 <= out.labels["hate:any"] <= 1.0
    assert np.isnan(scores["hate_abuse"]._probs).any()  # not computed: nobody needed them
    assert out.best("target", "other") in ("religion", "race", "physical", "gender", "other")
    assert not np.isnan(scores["hate_abuse"]._probs).any()  # computed on first use
    reference = classifiers.load_model("hate_abuse").score_document(Document(doc.text))[1]
    np.testing.assert_allclose(scores["hate_abuse"]._probs, reference, rtol=0, atol=1e-9)
