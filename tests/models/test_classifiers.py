"""The runtime API: lazy, thread-safe, and every score traceable to the words behind it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from netra.analysis import classifiers
from netra.analysis.detectors.evidence import PostModel
from netra.analysis.document import Document

HATEFUL = "Dasar cina kafir, usir saja dari negeri ini!"
ABUSIVE = "Kamu tuh goblok banget sih, b0d0hhh"
CLEAN = "Jadwal vaksinasi di puskesmas kecamatan dibuka mulai Senin pukul 08.00 WIB."


def _top_token(doc: Document, contributions: list[tuple[int, float]]) -> str:
    index, _ = max(contributions, key=lambda tw: tw[1])
    return doc.tokens[index].norm


def test_hate_speech_scores_order_hateful_above_clean_and_name_the_target() -> None:
    hateful = classifiers.hate_abuse(Document(HATEFUL))
    clean = classifiers.hate_abuse(Document(CLEAN))
    assert hateful.p_hate > 0.5 > clean.p_hate
    assert hateful.hate and not clean.hate
    assert hateful.target in ("race", "religion")
    assert hateful.strength in ("weak", "moderate", "strong")
    assert clean.strength is None and clean.target is None


def test_contributions_point_at_the_offending_words_in_the_original_text() -> None:
    doc = Document(ABUSIVE)
    scores = classifiers.hate_abuse(doc)
    assert scores.abusive and scores.p_abusive > 0.5
    assert _top_token(doc, scores.abusive_contributions) in ("goblok", "bodoh")
    spans = classifiers.offending_spans(doc, scores.abusive_contributions)
    texts = [doc.text[s.start : s.end] for s in spans]
    assert any("goblok" in t or "b0d0hhh" in t for t in texts)
    assert all(
        not t.startswith("Kamu tuh goblok banget sih, b0d0hhh") for t in texts
    )  # not the whole post


def test_toxicity_is_a_dict_of_probabilities_with_flags() -> None:
    porn = classifiers.toxicity(Document("Jual video bokep terbaru, hubungi admin sekarang"))
    assert set(porn) == {"pornografi", "sara", "radikalisme", "pencemaran_nama_baik"}
    assert max(porn, key=porn.__getitem__) == "pornografi"
    assert "pornografi" in porn.flagged
    clean = classifiers.toxicity(Document(CLEAN))
    assert clean.flagged == ()


def test_sentiment_and_emotion_of_citizen_messages() -> None:
    from netra.analysis import emotion, sentiment

    assert (
        sentiment("Terima kasih, pelayanan di kantor kelurahan cepat dan ramah sekali")[0]
        == "positive"
    )
    label, probs = sentiment("Saya sangat kecewa, pelayanannya lambat dan petugasnya kasar")
    assert label == "negative" and sum(probs.values()) == pytest.approx(1.0)
    assert (
        emotion("Aku marah banget, jalan rusak bertahun-tahun nggak pernah dibenerin!")[0]
        == "anger"
    )


def test_threshold_overrides_come_from_configuration(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    doc = Document(ABUSIVE)
    p = classifiers.hate_abuse(doc).p_abusive
    override = tmp_path / "thresholds.yaml"
    override.write_text(f"hate_abuse:\n  Abusive: {min(p + 0.01, 1.0)}\n", encoding="utf-8")
    monkeypatch.setattr(classifiers, "OVERRIDES_FILE", override)
    classifiers.reset()
    try:
        scores = classifiers.hate_abuse(doc)
        assert scores.thresholds["Abusive"] == pytest.approx(min(p + 0.01, 1.0))
        assert not scores.abusive  # the stricter threshold is now above the post's probability
    finally:
        monkeypatch.undo()
        classifiers.reset()


def test_concurrent_first_use_loads_once_and_agrees() -> None:
    classifiers.reset()
    texts = [HATEFUL, ABUSIVE, CLEAN] * 8
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda t: classifiers.hate_abuse(Document(t)).p_hate, texts))
        models = set(pool.map(lambda _: id(classifiers.load_model("hate_abuse")), range(8)))
    assert len(models) == 1
    assert results == [classifiers.hate_abuse(Document(t)).p_hate for t in texts]


def test_detector_adapters_fit_the_model_seam() -> None:
    doc = Document(HATEFUL)
    for category in ("hate_speech", "abusive_language", "prohibited_content"):
        model = classifiers.post_model(category)
        assert isinstance(model, PostModel)
        out = model.predict(doc)
        assert 0.0 <= out.probability <= 1.0
        assert out.token_scores is not None and len(out.token_scores) == len(doc.tokens)
    out = classifiers.post_model("hate_speech").predict(doc)
    assert out.best("target", "other") in ("race", "religion")
    assert {k.split(":")[0] for k in out.labels} >= {"target", "strength", "scope"}


def test_a_check_pays_only_for_the_models_it_uses() -> None:
    code = textwrap.dedent(
        """
        import sys
        from netra.analysis import Engine
        Engine(detectors=["personal_data"]).analyze("Jadwal vaksinasi dibuka hari Senin.")
        from netra.analysis import classifiers
        loaded_by_engine = sorted(classifiers._models)
        before = "sklearn" in sys.modules
        from netra.analysis.document import Document
        classifiers.toxicity(Document("halo"))
        print(loaded_by_engine, sorted(classifiers._models), before == ("sklearn" in sys.modules))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # A personal-data check loads no classifier; one classifier loads only itself, and the runtime
    # never imports scikit-learn.
    assert out.stdout.strip().splitlines()[-1] == "[] ['toxicity'] True"


def test_an_engine_without_models_loads_none_and_judges_by_the_rulebook_alone() -> None:
    code = textwrap.dedent(
        """
        from netra.analysis import Engine
        from netra.analysis import classifiers
        post = "Dasar otak lu isinya sampah semua, mending diam aja deh"
        plain = Engine(models=False)
        detectors = [d.name for d in plain.detectors if getattr(d, "model", None) is not None]
        plain_report = plain.analyze(post)
        print(detectors, sorted(classifiers._models))
        shipped = Engine()
        with_models = [d.name for d in shipped.detectors if getattr(d, "model", None) is not None]
        shipped.analyze(post)
        print(sorted(with_models), bool(classifiers._models))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    plain_line, shipped_line = out.stdout.strip().splitlines()[-2:]
    assert plain_line == "[] []"  # no detector holds a model and nothing was loaded
    assert shipped_line.startswith("['abusive_language', 'hate_speech', 'prohibited_content']")
    assert shipped_line.endswith("True")
